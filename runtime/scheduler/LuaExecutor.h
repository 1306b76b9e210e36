#pragma once

#include "RunExecutor.h"

#include <QHash>
#include <atomic>
#include <memory>

namespace hearth::lua {
class ScriptRunner;
}

namespace hearth::scheduler {

// Runs watchers of kind "lua" on the script runner's pool, one slot per pool
// thread, with the watcher's limits clamped to hearthd's current ceilings.
class LuaExecutor final : public RunExecutor
{
    Q_OBJECT
public:
    LuaExecutor(lua::ScriptRunner &runner, lua::Limits ceilings, QObject *parent = nullptr);
    // Cancels what still runs and waits for it, so that no completion is
    // delivered to a destroyed executor.
    ~LuaExecutor() override;

    QString kind() const override { return QStringLiteral("lua"); }
    QString claimer() const override { return QStringLiteral("hearthd"); }
    int freeSlots() const override;
    void start(const RunRepository::Claimed &claimed) override;
    void cancel(qint64 runId) override;
    QList<qint64> activeRuns() const override { return m_active.keys(); }

private:
    lua::ScriptRunner &m_runner;
    const lua::Limits m_ceilings;
    QHash<qint64, std::shared_ptr<std::atomic<bool>>> m_active;
};

} // namespace hearth::scheduler
