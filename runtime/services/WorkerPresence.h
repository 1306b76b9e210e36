#pragma once

#include <QtGlobal>

namespace hearth::services {

// What the device workers' use cases need of the dispatch that hands agent
// runs to waiting polls (agents::WorkerDispatch, which sits above the
// services and implements this). Thread-safe: handlers call it on their
// threads.
class WorkerPresence
{
public:
    virtual ~WorkerPresence() = default;
    // Whether the worker has a poll waiting now.
    virtual bool isPolling(qint64 workerId) const = 0;
    // Runs may be claimable now: waiting polls look again.
    virtual void notify() = 0;
};

} // namespace hearth::services
