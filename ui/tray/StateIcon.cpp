#include "StateIcon.h"

#include <QCoreApplication>
#include <QIconEngine>
#include <QImage>
#include <QPainter>
#include <QPixmap>
#include <QSvgRenderer>
#include <array>
#include <memory>

namespace hearth::ui {

namespace {

// Each state's artwork (resources/icons, compiled in), loaded once.
QSvgRenderer &rendererFor(TrayState state)
{
    static std::array<std::unique_ptr<QSvgRenderer>, 5> renderers;
    std::unique_ptr<QSvgRenderer> &renderer = renderers[size_t(state)];
    if (!renderer) {
        renderer = std::make_unique<QSvgRenderer>(stateIconPath(state));
        if (!renderer->isValid())
            qWarning("%s: not a valid SVG", qPrintable(stateIconPath(state)));
    }
    return *renderer;
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
        const qreal scale = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
        painter->drawImage(rect, render((QSizeF(rect.size()) * scale).toSize(), mode));
    }

    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        return scaledPixmap(size, mode, state, 1.0);
    }

    // `size` is in device pixels (QIcon::pixmap has multiplied it already).
    QPixmap scaledPixmap(const QSize &size, QIcon::Mode mode, QIcon::State, qreal scale) override
    {
        QPixmap pixmap = QPixmap::fromImage(render(size, mode));
        pixmap.setDevicePixelRatio(scale);
        return pixmap;
    }

    QIconEngine *clone() const override { return new StateIconEngine(m_state); }
    QString key() const override { return QStringLiteral("hearth-state"); }

private:
    // The artwork at `size` device pixels; disabled, every colour paler.
    QImage render(const QSize &size, QIcon::Mode mode) const
    {
        QImage image(size, QImage::Format_ARGB32);
        image.fill(Qt::transparent);
        {
            QPainter painter(&image);
            rendererFor(m_state).render(&painter, QRectF(QPointF(0, 0), QSizeF(size)));
        }
        if (mode == QIcon::Disabled) {
            for (int y = 0; y < image.height(); ++y) {
                for (int x = 0; x < image.width(); ++x) {
                    const QColor colour = image.pixelColor(x, y);
                    if (colour.alpha() == 0)
                        continue;
                    QColor paler = colour.lighter(140);
                    paler.setAlpha(colour.alpha());
                    image.setPixelColor(x, y, paler);
                }
            }
        }
        return image;
    }

    TrayState m_state;
};

} // namespace

QString stateIconPath(TrayState state)
{
    switch (state) {
    case TrayState::Stopped:
        return QStringLiteral(":/icons/tray-stopped.svg");
    case TrayState::Starting:
        return QStringLiteral(":/icons/tray-starting.svg");
    case TrayState::Running:
        return QStringLiteral(":/icons/hearth.svg"); // the application's own icon
    case TrayState::Attention:
        return QStringLiteral(":/icons/tray-attention.svg");
    case TrayState::Error:
        return QStringLiteral(":/icons/tray-error.svg");
    }
    return {};
}

QIcon stateIcon(TrayState state)
{
    return QIcon(new StateIconEngine(state));
}

namespace {
// Declares tr() with a context that lupdate sees too.
struct TrayStateText
{
    Q_DECLARE_TR_FUNCTIONS(hearth::ui::TrayState)
};
} // namespace

QString trayStateName(TrayState state)
{
    switch (state) {
    case TrayState::Stopped:
        return TrayStateText::tr("stopped");
    case TrayState::Starting:
        return TrayStateText::tr("starting");
    case TrayState::Running:
        return TrayStateText::tr("running");
    case TrayState::Attention:
        return TrayStateText::tr("needs attention");
    case TrayState::Error:
        return TrayStateText::tr("error");
    }
    return {};
}

} // namespace hearth::ui
