#pragma once

#include "Result.h"

#include <QString>

namespace hearth {

// Why a use case did not happen, in terms the caller can act on. Services
// answer it; the HTTP layer maps each code to a status and an API code in
// one place (http/ApiError.cpp), so a condition the user caused never reads
// as the server's fault.
enum class ErrorCode {
    InvalidInput, // the request names a field that is wrong
    NotFound,
    NameTaken,
    RunActive, // a manual run while one is active and the policy forbids two
    RunFinished, // cancelling a run that already ended
    NotRetryable, // retrying a run that did not fail or has a later attempt
    NotThisWorker, // a device worker acting on another worker
    NotClaimer, // a device worker acting on a run it does not hold
    LeaseExpired, // a device worker's run was given up on when its lease ended
    RunNotRunning, // a device worker's run was ended by the runtime (cancelled, replaced)
    AwaitingApproval, // running or enabling a watcher whose change awaits approval
    Forbidden, // the asker may not do this (approvals are a person's)
    Conflict, // any other state that forbids the change
    SecretsUnavailable, // the secret store has no master key (yet)
    Internal, // storage or an invariant failed: the log has the details
};

struct Error
{
    ErrorCode code = ErrorCode::Internal;
    QString message;
    QString field; // InvalidInput: the field, as the request spells it

    static Error invalid(QString field, QString problem)
    {
        return { ErrorCode::InvalidInput, std::move(problem), std::move(field) };
    }
    static Error notFound(QString message)
    {
        return { ErrorCode::NotFound, std::move(message), {} };
    }
    static Error internal(QString message)
    {
        return { ErrorCode::Internal, std::move(message), {} };
    }
};

} // namespace hearth
