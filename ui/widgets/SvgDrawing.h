#pragma once

#include "core/Result.h"

#include <QColor>
#include <QList>
#include <QPainterPath>
#include <QRectF>
#include <functional>

class QPainter;

namespace hearth::ui {

// An SVG file drawn with QPainter, for the small subset our icons are made
// of: <path> (M L H V C Z, absolute or relative), <circle>, <line>; fill,
// stroke, stroke-width, stroke-linecap. QtSvg would draw any SVG but is not
// among our dependencies; this keeps the icons' artwork in .svg files, sharp
// at every size. Anything outside the subset is refused with a message, so an
// icon edited with other features fails its test instead of drawing wrong.
class SvgDrawing
{
public:
    static Result<SvgDrawing> parse(const QByteArray &svg);

    QRectF viewBox() const { return m_viewBox; }
    // Draws the view box scaled into `target` (kept square-centred). `recolour`,
    // when set, maps every fill and stroke colour (e.g. for a disabled look).
    void paint(QPainter &painter, const QRectF &target,
               const std::function<QColor(const QColor &)> &recolour = {}) const;

private:
    struct Shape
    {
        QPainterPath path;
        QColor fill; // invalid: none
        QColor stroke; // invalid: none
        qreal strokeWidth = 1;
        Qt::PenCapStyle cap = Qt::FlatCap;
    };

    QRectF m_viewBox;
    QList<Shape> m_shapes;
};

} // namespace hearth::ui
