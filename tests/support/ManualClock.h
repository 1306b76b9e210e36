#pragma once

#include "scheduler/Clock.h"

#include <atomic>

namespace hearth::test {

// A clock the test moves: time passing, the machine sleeping (the monotonic
// clock stands still), the wall clock being set.
class ManualClock final : public scheduler::Clock
{
public:
    explicit ManualClock(qint64 wallMs)
        : m_wall(wallMs)
    {
    }
    qint64 wallMs() const override { return m_wall; }
    qint64 monotonicMs() const override { return m_monotonic; }

    void advance(qint64 ms)
    {
        m_wall += ms;
        m_monotonic += ms;
    }
    void sleep(qint64 ms) { m_wall += ms; }
    void setWall(qint64 ms) { m_wall = ms; }

private:
    std::atomic<qint64> m_wall;
    std::atomic<qint64> m_monotonic { 1'000'000 };
};

} // namespace hearth::test
