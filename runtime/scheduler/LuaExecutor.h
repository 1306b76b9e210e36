#pragma once

#include "RunExecutor.h"

#include <QHash>
#include <memory>

namespace hearth::sandbox {
class SandboxPool;
class RunTicket;
} // namespace hearth::sandbox

namespace hearth::scheduler {

// Runs watchers of kind "lua" in the sandbox pool's hosts, one slot per host,
// with the watcher's limits clamped to hearthd's current ceilings.
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
    int freeSlots() const override;
    void start(const RunRepository::Claimed &claimed) override;
    void cancel(qint64 runId) override;
    QList<qint64> activeRuns() const override { return m_active.keys(); }

private:
    sandbox::SandboxPool &m_sandboxes;
    const lua::Limits m_ceilings;
    QHash<qint64, std::shared_ptr<sandbox::RunTicket>> m_active;
};

} // namespace hearth::scheduler
