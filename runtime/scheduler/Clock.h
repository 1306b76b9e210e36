#pragma once

#include <QDateTime>
#include <QElapsedTimer>

namespace hearth::scheduler {

// The scheduler's view of time, injectable so that tests can sleep, resume
// and change the clock at will.
class Clock
{
public:
    virtual ~Clock() = default;
    // Wall-clock time, milliseconds since the Unix epoch (UTC).
    virtual qint64 wallMs() const = 0;
    // A clock that never jumps. Where the platform allows it does not run
    // during suspend, so wall − monotonic grows by the time asleep.
    virtual qint64 monotonicMs() const = 0;
};

class SystemClock final : public Clock
{
public:
    SystemClock() { m_monotonic.start(); }
    qint64 wallMs() const override { return QDateTime::currentMSecsSinceEpoch(); }
    qint64 monotonicMs() const override { return m_monotonic.elapsed(); }

private:
    QElapsedTimer m_monotonic;
};

} // namespace hearth::scheduler
