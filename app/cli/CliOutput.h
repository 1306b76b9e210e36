#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace hearth::client {
class Timestamp;
}

// Printing for the CLI: results to stdout, one-line errors to stderr.
namespace hearth::cli {

void printOut(const QString &line);
void printErr(const QString &line); // prefixed with "hearth: "
void printRaw(const QByteArray &bytes); // as is, plus a newline
// Left-aligned columns, two spaces apart.
void printTable(const QStringList &header, const QList<QStringList> &rows);
// A JSON scalar as table text; null as "-".
QString scalarText(const QJsonValue &value);
// Table text for values that may be missing: "-" then.
QString cell(const client::Timestamp &instant);
QString cell(std::optional<qint64> number);
QString cell(const QString &text); // empty: missing

} // namespace hearth::cli
