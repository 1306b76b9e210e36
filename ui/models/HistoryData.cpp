#include "HistoryData.h"

#include "core/JsonText.h"

#include <QJsonObject>
#include <algorithm>

namespace hearth::ui {

QList<DiffRow> diffRows(const QString &unified)
{
    QList<DiffRow> rows;
    if (unified.isEmpty())
        return rows;
    const QStringList lines = unified.split(u'\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString &line = lines.at(i);
        // The text ends with a newline: no row after it.
        if (line.isEmpty() && i == lines.size() - 1)
            break;
        if (line.startsWith(u"@@")) {
            if (!rows.isEmpty())
                rows.append({ DiffRow::Kind::Gap, QString() });
            continue;
        }
        const QChar mark = line.isEmpty() ? u' ' : line.at(0);
        const DiffRow::Kind kind = mark == u'+' ? DiffRow::Kind::Added
            : mark == u'-'                      ? DiffRow::Kind::Removed
                                                : DiffRow::Kind::Context;
        rows.append({ kind, line.mid(1) });
    }
    return rows;
}

QList<SideBySideRow> sideBySide(const QList<DiffRow> &rows)
{
    QList<SideBySideRow> paired;
    QList<DiffRow> removed;
    QList<DiffRow> added;
    const auto flush = [&]() {
        for (qsizetype i = 0; i < std::max(removed.size(), added.size()); ++i) {
            SideBySideRow row;
            if (i < removed.size())
                row.left = removed.at(i);
            if (i < added.size())
                row.right = added.at(i);
            paired.append(row);
        }
        removed.clear();
        added.clear();
    };
    for (const DiffRow &row : rows) {
        if (row.kind == DiffRow::Kind::Removed) {
            removed.append(row);
        } else if (row.kind == DiffRow::Kind::Added) {
            added.append(row);
        } else {
            flush();
            paired.append({ row, row });
        }
    }
    flush();
    return paired;
}

QList<ValuePoint> valuePoints(const QList<client::Run> &runs)
{
    QList<ValuePoint> points;
    for (const client::Run &run : runs) {
        if (run.status != scheduler::RunStatus::Succeeded)
            continue;
        const QJsonValue result = jsonValueOrNull(run.resultJson);
        const QJsonValue value =
            result.isObject() ? result.toObject().value(QStringLiteral("value")) : result;
        const QDateTime time = run.finishedAt.dateTime();
        if (value.isDouble() && time.isValid())
            points.append({ time, value.toDouble(), run.id });
    }
    std::sort(points.begin(), points.end(),
              [](const ValuePoint &a, const ValuePoint &b) { return a.time < b.time; });
    return points;
}

} // namespace hearth::ui
