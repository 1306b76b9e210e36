#pragma once

#include "core/Error.h"
#include "core/Result.h"
#include "core/Validation.h"
#include "store/StoreError.h"

#include <optional>

namespace hearth::services {

// A repository's refusal as a use case's error: NotFound stays NotFound, a
// Conflict becomes the use case's own conflict (`conflictAs`), Invalid names
// its field, storage failures are internal.
inline Error fromStore(const StoreError &error, ErrorCode conflictAs)
{
    switch (error.code) {
    case StoreError::NotFound:
        return { ErrorCode::NotFound, error.message, {} };
    case StoreError::Conflict:
        return { conflictAs, error.message, {} };
    case StoreError::Invalid:
        return Error::invalid(error.field, error.message);
    case StoreError::Storage:
        break;
    }
    return Error::internal(error.message);
}

inline Error fromField(const FieldError &error)
{
    return Error::invalid(error.field, error.message);
}

// A repository's lookup as a use case's: a storage failure is internal, no
// row is NotFound saying "no <noun> <id>".
template<typename T>
Result<T, Error> existing(Result<std::optional<T>> lookedUp, const char *noun, qint64 id)
{
    if (!lookedUp)
        return fail(Error::internal(lookedUp.error()));
    if (!lookedUp.value())
        return fail(
            Error::notFound(QStringLiteral("no %1 %2").arg(QString::fromLatin1(noun)).arg(id)));
    return std::move(*lookedUp.value());
}

} // namespace hearth::services
