#include "SvgDrawing.h"

#include <QCoreApplication>
#include <QPainter>
#include <QRegularExpression>
#include <QSet>
#include <QXmlStreamReader>

namespace hearth::ui {

namespace {

// Declares tr() with a context that lupdate sees too.
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(hearth::ui::SvgDrawing)
};

// Numbers in attribute values and path data: "12", "-3.5", ".5", "1e-3".
const QRegularExpression &numberPattern()
{
    static const QRegularExpression pattern(
        QStringLiteral("[-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?"));
    return pattern;
}

Result<qreal> number(QStringView text)
{
    const QRegularExpressionMatch match = numberPattern().match(text.trimmed().toString());
    if (!match.hasMatch() || match.capturedLength() != text.trimmed().size())
        return fail(Text::tr("\"%1\" is not a number").arg(text));
    return match.captured().toDouble();
}

// Path data: the commands M L H V C Z, upper case absolute, lower case
// relative, with implicit repetition ("L 1 2 3 4" is two lines).
Result<QPainterPath> parsePathData(const QString &data)
{
    QPainterPath path;
    QPointF current;
    QPointF subpathStart;
    QChar command;
    qsizetype at = 0;
    const auto skipSeparators = [&]() {
        while (at < data.size() && (data.at(at).isSpace() || data.at(at) == u','))
            ++at;
    };
    const auto readNumbers = [&](int count, QList<qreal> &out) -> Result<void> {
        out.clear();
        for (int i = 0; i < count; ++i) {
            skipSeparators();
            const QRegularExpressionMatch match =
                numberPattern().match(data, at, QRegularExpression::NormalMatch,
                                      QRegularExpression::AnchorAtOffsetMatchOption);
            if (!match.hasMatch())
                return fail(
                    Text::tr("path data: command %1 needs %2 numbers").arg(command).arg(count));
            out << match.captured().toDouble();
            at = match.capturedEnd();
        }
        return {};
    };
    QList<qreal> n;
    while (true) {
        skipSeparators();
        if (at >= data.size())
            break;
        const QChar next = data.at(at);
        if (next.isLetter()) {
            command = next;
            ++at;
        } else if (command.isNull() || command.toUpper() == u'Z') {
            return fail(Text::tr("path data: a number without a command at %1").arg(at));
        }
        const bool relative = command.isLower();
        const QPointF origin = relative ? current : QPointF();
        switch (command.toUpper().unicode()) {
        case 'M':
            if (auto read = readNumbers(2, n); !read)
                return fail(read.error());
            current = origin + QPointF(n[0], n[1]);
            subpathStart = current;
            path.moveTo(current);
            // Further pairs after a move are lines.
            command = relative ? u'l' : u'L';
            break;
        case 'L':
            if (auto read = readNumbers(2, n); !read)
                return fail(read.error());
            current = origin + QPointF(n[0], n[1]);
            path.lineTo(current);
            break;
        case 'H':
            if (auto read = readNumbers(1, n); !read)
                return fail(read.error());
            current.setX((relative ? current.x() : 0) + n[0]);
            path.lineTo(current);
            break;
        case 'V':
            if (auto read = readNumbers(1, n); !read)
                return fail(read.error());
            current.setY((relative ? current.y() : 0) + n[0]);
            path.lineTo(current);
            break;
        case 'C': {
            if (auto read = readNumbers(6, n); !read)
                return fail(read.error());
            const QPointF end = origin + QPointF(n[4], n[5]);
            path.cubicTo(origin + QPointF(n[0], n[1]), origin + QPointF(n[2], n[3]), end);
            current = end;
            break;
        }
        case 'Z':
            path.closeSubpath();
            current = subpathStart;
            break;
        default:
            return fail(Text::tr("path data: command %1 is not supported").arg(command));
        }
    }
    if (path.isEmpty())
        return fail(Text::tr("path data is empty"));
    return path;
}

Result<QColor> colour(const QString &text)
{
    if (text == u"none")
        return QColor();
    const QColor parsed = QColor::fromString(text);
    if (!parsed.isValid())
        return fail(Text::tr("\"%1\" is not a colour").arg(text));
    return parsed;
}

} // namespace

Result<SvgDrawing> SvgDrawing::parse(const QByteArray &svg)
{
    static const QSet<QString> styleAttributes { QStringLiteral("fill"), QStringLiteral("stroke"),
                                                 QStringLiteral("stroke-width"),
                                                 QStringLiteral("stroke-linecap") };
    static const QHash<QString, QSet<QString>> shapeAttributes {
        { QStringLiteral("path"), { QStringLiteral("d") } },
        { QStringLiteral("circle"),
          { QStringLiteral("cx"), QStringLiteral("cy"), QStringLiteral("r") } },
        { QStringLiteral("line"),
          { QStringLiteral("x1"), QStringLiteral("y1"), QStringLiteral("x2"),
            QStringLiteral("y2") } },
    };

    SvgDrawing drawing;
    QXmlStreamReader xml(svg);
    bool inSvg = false;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        const QString element = xml.name().toString();
        const QXmlStreamAttributes attributes = xml.attributes();
        if (!inSvg) {
            if (element != u"svg")
                return fail(Text::tr("the document is not an <svg>"));
            const QStringList box =
                attributes.value(QStringLiteral("viewBox")).toString().simplified().split(u' ');
            if (box.size() != 4)
                return fail(Text::tr("<svg> needs a viewBox of four numbers"));
            QList<qreal> values;
            for (const QString &value : box) {
                const Result<qreal> parsed = number(value);
                if (!parsed)
                    return fail(parsed.error());
                values << parsed.value();
            }
            drawing.m_viewBox = QRectF(values[0], values[1], values[2], values[3]);
            if (drawing.m_viewBox.isEmpty())
                return fail(Text::tr("<svg> has an empty viewBox"));
            inSvg = true;
            continue;
        }
        if (element == u"title" || element == u"desc") {
            xml.skipCurrentElement();
            continue;
        }
        if (!shapeAttributes.contains(element))
            return fail(Text::tr("<%1> is not supported").arg(element));

        Shape shape;
        shape.fill = Qt::black; // SVG's defaults: filled black, no stroke
        QHash<QString, qreal> geometry;
        for (const QXmlStreamAttribute &attribute : attributes) {
            const QString name = attribute.qualifiedName().toString();
            const QString value = attribute.value().toString();
            if (name == u"id")
                continue;
            if (name == u"fill" || name == u"stroke") {
                const Result<QColor> parsed = colour(value);
                if (!parsed)
                    return fail(parsed.error());
                (name == u"fill" ? shape.fill : shape.stroke) = parsed.value();
            } else if (name == u"stroke-width") {
                const Result<qreal> parsed = number(value);
                if (!parsed)
                    return fail(parsed.error());
                shape.strokeWidth = parsed.value();
            } else if (name == u"stroke-linecap") {
                if (value == u"round")
                    shape.cap = Qt::RoundCap;
                else if (value == u"square")
                    shape.cap = Qt::SquareCap;
                else if (value != u"butt")
                    return fail(Text::tr("stroke-linecap \"%1\" is not supported").arg(value));
            } else if (name == u"d" && element == u"path") {
                Result<QPainterPath> parsed = parsePathData(value);
                if (!parsed)
                    return fail(parsed.error());
                shape.path = std::move(parsed).value();
            } else if (shapeAttributes.value(element).contains(name)) {
                const Result<qreal> parsed = number(value);
                if (!parsed)
                    return fail(parsed.error());
                geometry.insert(name, parsed.value());
            } else if (!styleAttributes.contains(name)) {
                return fail(Text::tr("<%1 %2> is not supported").arg(element, name));
            }
        }
        for (const QString &required : shapeAttributes.value(element)) {
            if (required != u"d" && !geometry.contains(required))
                return fail(Text::tr("<%1> needs %2").arg(element, required));
        }
        if (element == u"path" && shape.path.isEmpty())
            return fail(Text::tr("<path> needs d"));
        if (element == u"circle") {
            const qreal r = geometry.value(QStringLiteral("r"));
            shape.path.addEllipse(
                QPointF(geometry.value(QStringLiteral("cx")), geometry.value(QStringLiteral("cy"))),
                r, r);
        } else if (element == u"line") {
            shape.path.moveTo(geometry.value(QStringLiteral("x1")),
                              geometry.value(QStringLiteral("y1")));
            shape.path.lineTo(geometry.value(QStringLiteral("x2")),
                              geometry.value(QStringLiteral("y2")));
            shape.fill = QColor(); // a line has no inside
        }
        drawing.m_shapes.append(shape);
        xml.skipCurrentElement();
    }
    if (xml.hasError())
        return fail(Text::tr("not well-formed XML: %1").arg(xml.errorString()));
    if (!inSvg)
        return fail(Text::tr("the document is not an <svg>"));
    if (drawing.m_shapes.isEmpty())
        return fail(Text::tr("<svg> draws nothing"));
    return drawing;
}

void SvgDrawing::paint(QPainter &painter, const QRectF &target,
                       const std::function<QColor(const QColor &)> &recolour) const
{
    const auto tint = [&recolour](const QColor &colour) {
        return recolour && colour.isValid() ? recolour(colour) : colour;
    };
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    const qreal scale =
        qMin(target.width() / m_viewBox.width(), target.height() / m_viewBox.height());
    painter.translate(target.center());
    painter.scale(scale, scale);
    painter.translate(-m_viewBox.center());
    for (const Shape &shape : m_shapes) {
        painter.setBrush(shape.fill.isValid() ? QBrush(tint(shape.fill)) : QBrush(Qt::NoBrush));
        painter.setPen(shape.stroke.isValid()
                           ? QPen(tint(shape.stroke), shape.strokeWidth, Qt::SolidLine, shape.cap)
                           : QPen(Qt::NoPen));
        painter.drawPath(shape.path);
    }
    painter.restore();
}

} // namespace hearth::ui
