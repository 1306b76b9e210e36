#include "StateIcon.h"

#include "widgets/SvgDrawing.h"

#include <QCoreApplication>
#include <QFile>
#include <QIconEngine>
#include <QPainter>
#include <QPixmap>
#include <array>
#include <optional>

namespace hearth::ui {

namespace {

// Each state's artwork, parsed once (resources/icons, compiled in).
const SvgDrawing *drawingFor(TrayState state)
{
    static const std::array<std::optional<SvgDrawing>, 5> drawings = []() {
        std::array<std::optional<SvgDrawing>, 5> loaded;
        for (TrayState each : { TrayState::Stopped, TrayState::Starting, TrayState::Running,
                                TrayState::Attention, TrayState::Error }) {
            QFile file(stateIconPath(each));
            Result<SvgDrawing> parsed = file.open(QIODevice::ReadOnly)
                ? SvgDrawing::parse(file.readAll())
                : Result<SvgDrawing>(fail(file.errorString()));
            if (parsed)
                loaded[size_t(each)] = std::move(parsed).value();
            else
                qWarning("%s: %s", qPrintable(file.fileName()), qPrintable(parsed.error()));
        }
        return loaded;
    }();
    const std::optional<SvgDrawing> &drawing = drawings[size_t(state)];
    return drawing ? &*drawing : nullptr;
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
        const SvgDrawing *drawing = drawingFor(m_state);
        if (!drawing)
            return;
        std::function<QColor(const QColor &)> recolour;
        if (mode == QIcon::Disabled)
            recolour = [](const QColor &colour) {
                return colour.lighter(140);
            };
        drawing->paint(*painter, rect, recolour);
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
