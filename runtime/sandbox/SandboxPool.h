#pragma once

#include "SdkService.h"

#include <QString>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

namespace hearth::sandbox {

class HostSlot;

// A run's handle while it is queued or executing: cancel() stops it soon
// (its host is killed and replaced), from any thread.
class RunTicket
{
public:
    void cancel();

private:
    friend class HostSlot;
    friend class SandboxPool;
    std::mutex m_mutex;
    bool m_cancelled = false;
    HostSlot *m_slot = nullptr; // where it executes now
};

// Runs Lua scripts in sandbox host processes (hearth-sandbox), never in
// hearthd: one host per slot, started at once and kept warm, each driven by
// a thread of its own that answers the host's SDK calls. One more host only
// compiles (syntax checks of watchers being saved), so that saving a
// watcher never waits behind long runs. A host is replaced
// after RunsPerHost runs, after any run that did not succeed, and when it
// crashed, broke the protocol or outlived a run's deadline by DeadlineGrace
// (then its process group is killed).
class SandboxPool
{
public:
    struct Config
    {
        QString hostProgram; // path of hearth-sandbox
        int hosts = 2;
        qint64 maxMemoryBytes = 512LL * 1024 * 1024; // the highest quota a run may get
    };
    static constexpr int RunsPerHost = 1000;
    static constexpr std::chrono::milliseconds DeadlineGrace { 500 };
    // A host that dies this soon after it was given a run, without a word
    // for it, is taken for one that was dead already: the run is given to a
    // fresh host (once).
    static constexpr std::chrono::milliseconds StaleHostWindow { 100 };
    // A syntax check that takes longer than this is given up.
    static constexpr std::chrono::milliseconds CheckTimeout { 5000 };

    SandboxPool(Config config, SdkServices services);
    ~SandboxPool();
    SandboxPool(const SandboxPool &) = delete;
    SandboxPool &operator=(const SandboxPool &) = delete;

    // Blocks the caller until the script ends (its limits bound the wait).
    lua::ExecutionResult run(const QByteArray &source, const lua::ScriptContext &context,
                             const lua::Limits &limits);
    // Queues a run and returns at once; `done` is called on a pool thread
    // with the result, exactly once (with Cancelled after shutdown()).
    std::shared_ptr<RunTicket> submit(QByteArray source, lua::ScriptContext context,
                                      lua::Limits limits,
                                      std::function<void(lua::ExecutionResult)> done);
    // Compiles in a host: the error message (with line), or empty.
    QString checkSyntax(const QByteArray &source);

    // How many runs can execute at once.
    int hostCount() const { return m_runSlots; }
    // The process ids of the hosts alive now (bench_lua reads their memory).
    std::vector<long long> hostPids() const;
    // Kills every host, ends what is queued or running with Cancelled and
    // waits up to `grace` for the slots' threads; false if one is still
    // busy (in an SDK call that cannot be interrupted), and then it is left
    // to the process's exit.
    bool shutdown(std::chrono::milliseconds grace);

private:
    friend class HostSlot;
    struct Job;
    enum class JobKind { Run, Check };
    // Blocks a slot's thread until there is a job of its kind; null once
    // shutting down.
    std::unique_ptr<Job> take(JobKind kind);
    void enqueue(std::unique_ptr<Job> job);

    const Config m_config;
    const SdkServices m_services;
    std::atomic<quint64> m_nextRun = 0;
    mutable std::mutex m_mutex;
    std::condition_variable m_runReady;
    std::condition_variable m_checkReady;
    std::deque<std::unique_ptr<Job>> m_runs;
    std::deque<std::unique_ptr<Job>> m_checks;
    bool m_stopping = false;
    int m_runSlots = 0;
    std::vector<std::unique_ptr<HostSlot>> m_slots;
};

} // namespace hearth::sandbox
