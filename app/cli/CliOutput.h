#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

// Printing for the CLI: results to stdout, one-line errors to stderr.
namespace hearth::cli {

void printOut(const QString &line);
void printErr(const QString &line); // prefixed with "hearth: "
void printRaw(const QByteArray &bytes); // as is, plus a newline
// Left-aligned columns, two spaces apart.
void printTable(const QStringList &header, const QList<QStringList> &rows);
// A JSON scalar as table text; null as "-".
QString scalarText(const QJsonValue &value);
// FIELD/VALUE rows for the given members of an object, in that order.
QList<QStringList> fieldRows(const QJsonObject &object, const QStringList &fields);

} // namespace hearth::cli
