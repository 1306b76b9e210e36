#include "StateIcon.h"

#include <QCoreApplication>
#include <QIconEngine>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

namespace hearth::ui {

namespace {

// A flame in a 64×64 box: the same path as resources/icons/hearth.svg.
QPainterPath flame()
{
    QPainterPath path;
    path.moveTo(32, 4);
    path.cubicTo(36, 18, 52, 24, 52, 40);
    path.cubicTo(52, 52, 43, 60, 32, 60);
    path.cubicTo(21, 60, 12, 52, 12, 40);
    path.cubicTo(12, 30, 19, 24, 23, 18);
    path.cubicTo(24, 26, 28, 29, 31, 30);
    path.cubicTo(29, 20, 30, 12, 32, 4);
    path.closeSubpath();
    return path;
}

QPainterPath innerFlame()
{
    QPainterPath path;
    path.moveTo(32, 34);
    path.cubicTo(35, 40, 42, 43, 42, 50);
    path.cubicTo(42, 55, 37, 58, 32, 58);
    path.cubicTo(27, 58, 22, 55, 22, 50);
    path.cubicTo(22, 44, 29, 41, 32, 34);
    path.closeSubpath();
    return path;
}

class StateIconEngine : public QIconEngine
{
public:
    explicit StateIconEngine(TrayState state)
        : m_state(state)
    {
    }

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State) override
    {
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        const qreal side = qMin(rect.width(), rect.height());
        painter->translate(rect.x() + (rect.width() - side) / 2,
                           rect.y() + (rect.height() - side) / 2);
        painter->scale(side / 64.0, side / 64.0);

        QColor outer(0xf5, 0x7c, 0x00);
        QColor inner(0xff, 0xd5, 0x4f);
        switch (m_state) {
        case TrayState::Stopped:
            outer = QColor(0x9e, 0x9e, 0x9e);
            inner = QColor(0xe0, 0xe0, 0xe0);
            break;
        case TrayState::Starting:
            outer = QColor(0xff, 0xb3, 0x00);
            inner = QColor(0xff, 0xf1, 0x76);
            break;
        case TrayState::Error:
            outer = QColor(0xc6, 0x28, 0x28);
            inner = QColor(0xff, 0x8a, 0x80);
            break;
        case TrayState::Running:
        case TrayState::Attention:
            break;
        }
        if (mode == QIcon::Disabled) {
            outer = outer.lighter(150);
            inner = inner.lighter(120);
        }
        painter->setPen(QPen(outer.darker(130), 2));
        painter->setBrush(outer);
        painter->drawPath(flame());
        painter->setPen(Qt::NoPen);
        painter->setBrush(inner);
        painter->drawPath(innerFlame());

        if (m_state == TrayState::Starting) {
            // An open ring: "on its way".
            painter->setBrush(Qt::NoBrush);
            painter->setPen(QPen(QColor(0x42, 0x42, 0x42), 5, Qt::SolidLine, Qt::RoundCap));
            painter->drawArc(QRectF(38, 38, 22, 22), 90 * 16, 270 * 16);
        } else if (m_state == TrayState::Attention || m_state == TrayState::Error) {
            // A badge with "!".
            painter->setPen(QPen(Qt::white, 3));
            painter->setBrush(QColor(0xd3, 0x2f, 0x2f));
            painter->drawEllipse(QRectF(36, 36, 26, 26));
            painter->setPen(QPen(Qt::white, 4.5, Qt::SolidLine, Qt::RoundCap));
            painter->drawLine(QPointF(49, 42), QPointF(49, 51));
            painter->drawPoint(QPointF(49, 57));
        } else if (m_state == TrayState::Stopped) {
            painter->setPen(QPen(QColor(0x42, 0x42, 0x42), 5, Qt::SolidLine, Qt::RoundCap));
            painter->drawLine(QPointF(10, 10), QPointF(54, 54));
        }
        painter->restore();
    }

    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        return scaledPixmap(size, mode, state, 1.0);
    }

    // `size` is in device pixels (QIcon::pixmap has multiplied it already).
    QPixmap scaledPixmap(const QSize &size, QIcon::Mode mode, QIcon::State state,
                         qreal scale) override
    {
        QPixmap pixmap(size);
        pixmap.setDevicePixelRatio(scale);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        paint(&painter, QRect(QPoint(0, 0), (QSizeF(size) / scale).toSize()), mode, state);
        return pixmap;
    }

    QIconEngine *clone() const override { return new StateIconEngine(m_state); }
    QString key() const override { return QStringLiteral("hearth-state"); }

private:
    TrayState m_state;
};

} // namespace

QIcon stateIcon(TrayState state)
{
    return QIcon(new StateIconEngine(state));
}

QString trayStateName(TrayState state)
{
    const auto tr = [](const char *text) {
        return QCoreApplication::translate("hearth::ui::TrayState", text);
    };
    switch (state) {
    case TrayState::Stopped:
        return tr("stopped");
    case TrayState::Starting:
        return tr("starting");
    case TrayState::Running:
        return tr("running");
    case TrayState::Attention:
        return tr("needs attention");
    case TrayState::Error:
        return tr("error");
    }
    return {};
}

} // namespace hearth::ui
