#pragma once

#include "core/Error.h"
#include "core/Validation.h"
#include "store/StoreError.h"

namespace hearth::services {

// A repository's refusal as a use case's error: NotFound stays NotFound, a
// Conflict becomes the use case's own conflict (`conflictAs`), storage
// failures are internal.
inline Error fromStore(const StoreError &error, ErrorCode conflictAs)
{
    switch (error.code) {
    case StoreError::NotFound:
        return { ErrorCode::NotFound, error.message, {} };
    case StoreError::Conflict:
        return { conflictAs, error.message, {} };
    case StoreError::Storage:
        break;
    }
    return Error::internal(error.message);
}

inline Error fromField(const FieldError &error)
{
    return Error::invalid(error.field, error.message);
}

} // namespace hearth::services
