#pragma once

#include "model/Levels.h"

#include <QDateTime>
#include <QObject>
#include <QString>
#include <QTimer>
#include <functional>
#include <optional>

namespace hearth::ui {

// What the tray tells the user, decided without a widget (QtCore only, so
// its tests need no display): which of the runtime's notifications pop up
// on the desktop, and whether the tray icon asks for attention.
//
// Pop-ups: none while switched off in Settings or muted; at most BurstLimit
// in any BurstWindowMs, the rest of a burst summed up in one pop-up when the
// window ends (a thousand watchers failing together must not bury the
// desktop). Attention: while an error notification is unread, or after a
// run gave up (dead) until the user opens the window.
class DesktopNotifier : public QObject
{
    Q_OBJECT
public:
    static constexpr int BurstLimit = 3;
    static constexpr qint64 BurstWindowMs = 30'000;

    enum class Urgency { Information, Warning, Critical };
    struct Popup
    {
        QString title;
        QString body;
        Urgency urgency = Urgency::Information;
        // The notification to show when it is clicked; empty for a summary
        // (which opens the list).
        QString notificationId;
    };
    struct Policy
    {
        bool enabled = true;
        QDateTime mutedUntil; // invalid: not muted
    };

    // `clockMs`: milliseconds on a monotonic clock (tests pass a manual one).
    explicit DesktopNotifier(std::function<qint64()> clockMs = {}, QObject *parent = nullptr);

    void setPolicy(const Policy &policy);
    // A notification the runtime created.
    void offer(const QString &notificationId, NotificationLevel level, const QString &title,
               const QString &body);
    // Ends a burst window that is over, summing up what it held back. A
    // timer calls it; tests call it after moving their clock.
    void tick();

    void runGaveUp();
    void setUnreadErrors(int count);
    // The user opened the window: a run that gave up has been seen.
    void acknowledge();
    bool needsAttention() const { return m_unreadErrors > 0 || m_runGaveUp; }

signals:
    void popup(const hearth::ui::DesktopNotifier::Popup &popup);
    void attentionChanged(bool needed);

private:
    bool silenced() const;
    void setAttention(const std::function<void()> &change);

    std::function<qint64()> m_clockMs;
    Policy m_policy;
    QTimer m_windowEnd;
    qint64 m_windowStart = -1; // -1: no burst window open
    int m_shownInWindow = 0;
    int m_heldBack = 0;
    QString m_lastHeldTitle;
    int m_unreadErrors = 0;
    bool m_runGaveUp = false;
};

} // namespace hearth::ui
