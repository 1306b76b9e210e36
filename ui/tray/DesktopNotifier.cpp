#include "DesktopNotifier.h"

#include <QElapsedTimer>

namespace hearth::ui {

namespace {

DesktopNotifier::Urgency urgencyOf(NotificationLevel level)
{
    switch (level) {
    case NotificationLevel::Error:
        return DesktopNotifier::Urgency::Critical;
    case NotificationLevel::Warning:
        return DesktopNotifier::Urgency::Warning;
    case NotificationLevel::Info:
        break;
    }
    return DesktopNotifier::Urgency::Information;
}

} // namespace

DesktopNotifier::DesktopNotifier(std::function<qint64()> clockMs, QObject *parent)
    : QObject(parent)
    , m_clockMs(std::move(clockMs))
{
    if (!m_clockMs) {
        auto started = std::make_shared<QElapsedTimer>();
        started->start();
        m_clockMs = [started]() {
            return started->elapsed();
        };
    }
    m_windowEnd.setSingleShot(true);
    connect(&m_windowEnd, &QTimer::timeout, this, &DesktopNotifier::tick);
}

void DesktopNotifier::setPolicy(const Policy &policy)
{
    m_policy = policy;
}

bool DesktopNotifier::silenced() const
{
    return !m_policy.enabled ||
        (m_policy.mutedUntil.isValid() && QDateTime::currentDateTimeUtc() < m_policy.mutedUntil);
}

void DesktopNotifier::offer(const QString &notificationId, NotificationLevel level,
                            const QString &title, const QString &body)
{
    if (silenced())
        return;
    tick();
    if (m_windowStart < 0) {
        m_windowStart = m_clockMs();
        m_shownInWindow = 0;
        m_windowEnd.start(int(BurstWindowMs));
    }
    if (m_shownInWindow < BurstLimit) {
        ++m_shownInWindow;
        emit popup({ title, body, urgencyOf(level), notificationId });
        return;
    }
    ++m_heldBack;
    m_lastHeldTitle = title;
}

void DesktopNotifier::tick()
{
    if (m_windowStart < 0 || m_clockMs() - m_windowStart < BurstWindowMs)
        return;
    m_windowStart = -1;
    m_windowEnd.stop();
    const int heldBack = std::exchange(m_heldBack, 0);
    if (heldBack == 0 || silenced())
        return;
    emit popup({ tr("%n more notification(s)", nullptr, heldBack),
                 tr("The latest: %1").arg(m_lastHeldTitle), Urgency::Information, QString() });
}

void DesktopNotifier::setAttention(const std::function<void()> &change)
{
    const bool before = needsAttention();
    change();
    if (needsAttention() != before)
        emit attentionChanged(needsAttention());
}

void DesktopNotifier::runGaveUp()
{
    setAttention([this]() { m_runGaveUp = true; });
}

void DesktopNotifier::setUnreadErrors(int count)
{
    setAttention([this, count]() { m_unreadErrors = count; });
}

void DesktopNotifier::acknowledge()
{
    setAttention([this]() { m_runGaveUp = false; });
}

} // namespace hearth::ui
