#include "CliOutput.h"

#include "client/ApiTypes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QVariant>
#include <cstdio>
#include <cstdlib>

namespace hearth::cli {

namespace {
void writeTo(FILE *stream, const QByteArray &bytes)
{
    const size_t written = std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    if (std::fflush(stream) != 0 || written != size_t(bytes.size())) {
        // The reader went away (`hearth events | head`). SIGPIPE is ignored
        // (main's shutdown handler), so end the way it would have.
        std::_Exit(141);
    }
}
} // namespace

void printOut(const QString &line)
{
    writeTo(stdout, line.toUtf8() + '\n');
}

void printErr(const QString &line)
{
    writeTo(stderr, "hearth: " + line.toUtf8() + '\n');
}

void printRaw(const QByteArray &bytes)
{
    writeTo(stdout, bytes + '\n');
}

void printTable(const QStringList &header, const QList<QStringList> &rows)
{
    QList<qsizetype> widths;
    for (const QString &cell : header)
        widths.append(cell.size());
    for (const QStringList &row : rows) {
        for (qsizetype i = 0; i < row.size() && i < widths.size(); ++i)
            widths[i] = qMax(widths[i], row[i].size());
    }
    auto line = [&](const QStringList &cells) {
        QString text;
        for (qsizetype i = 0; i < cells.size(); ++i)
            text += i + 1 < cells.size() ? cells[i].leftJustified(widths[i] + 2) : cells[i];
        printOut(text);
    };
    line(header);
    for (const QStringList &row : rows)
        line(row);
}

QString scalarText(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isDouble())
        return value.toVariant().toString();
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (value.isNull() || value.isUndefined())
        return QStringLiteral("-");
    return QString::fromUtf8(value.isObject()
                                 ? QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact)
                                 : QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
}

QString cell(const client::Timestamp &instant)
{
    return cell(instant.text());
}

QString cell(std::optional<qint64> number)
{
    return number ? QString::number(*number) : QStringLiteral("-");
}

QString cell(const QString &text)
{
    return text.isEmpty() ? QStringLiteral("-") : text;
}

} // namespace hearth::cli
