#pragma once

#include "client/ApiTypes.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <optional>

// What a watcher's history view shows, without a widget: a unified diff as
// rows to colour (inline, or side by side), and the numbers its runs
// returned as points over time.
namespace hearth::ui {

struct DiffRow
{
    enum class Kind { Context, Added, Removed, Gap };
    Kind kind = Kind::Context;
    QString text;
};

// The rows of a unified diff's hunks ("@@" lines become gaps between them).
QList<DiffRow> diffRows(const QString &unified);

// Side by side: the old text's row on the left, the new one's on the right;
// removed lines face the added lines that replaced them.
struct SideBySideRow
{
    std::optional<DiffRow> left;
    std::optional<DiffRow> right;
};
QList<SideBySideRow> sideBySide(const QList<DiffRow> &rows);

struct ValuePoint
{
    QDateTime time;
    double value = 0;
    QString runId;
};

// The value each succeeded run returned (a number, or an object's numeric
// "value" as the value watch template returns), oldest first; runs without
// one are left out.
QList<ValuePoint> valuePoints(const QList<client::Run> &runs);

} // namespace hearth::ui
