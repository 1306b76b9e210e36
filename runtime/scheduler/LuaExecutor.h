#pragma once

#include "RunExecutor.h"

#include <QHash>
#include <memory>
#include <optional>

namespace hearth::sandbox {
class SandboxPool;
class RunTicket;
} // namespace hearth::sandbox

namespace hearth::scheduler {

// Runs watchers of kind "lua" in the sandbox pool's hosts, with the
// watcher's limits clamped to hearthd's current ceilings.
//
// It takes a run per host and, when runs are short, a few more that wait in
// the pool's queue: as many as the hosts are expected to begin within
// LookaheadHorizonMicros, judged by how long recent runs held a host. A burst of
// short runs is then claimed, and its ends recorded, many to a durable
// commit instead of one per host. The places ahead go only to runs of
// watchers whose previous run was that short, so a run never waits behind a
// long one for long. A queued run's started_at is corrected to when a host
// really began it.
class LuaExecutor final : public RunExecutor
{
    Q_OBJECT
public:
    LuaExecutor(sandbox::SandboxPool &sandboxes, lua::Limits ceilings, QObject *parent = nullptr);
    // Cancels what still runs. The pool must be shut down first (Daemon
    // does), so that no completion is delivered to a destroyed executor.
    ~LuaExecutor() override;

    QString kind() const override { return QStringLiteral("lua"); }
    QString claimer() const override { return QStringLiteral("hearthd"); }
    RunRepository::Places freePlaces() const override;
    void start(const RunRepository::Claimed &claimed) override;
    void cancel(qint64 runId) override;
    QList<qint64> activeRuns() const override { return m_active.keys(); }

    static constexpr qint64 LookaheadHorizonMicros = 25'000;
    static constexpr int MaxLookahead = 256;

private:
    // Runs to claim beyond one per host.
    int lookahead() const;
    void observe(qint64 hostMicros);

    sandbox::SandboxPool &m_sandboxes;
    const lua::Limits m_ceilings;
    QHash<qint64, std::shared_ptr<sandbox::RunTicket>> m_active;
    // Moving average of how long a run held its host (µs); none until a
    // run has ended, so nothing is claimed ahead of the first runs.
    std::optional<double> m_typicalHostMicros;
};

} // namespace hearth::scheduler
