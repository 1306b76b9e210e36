#pragma once

#include "ApiError.h"
#include "RequestGuard.h"

#include <QHostAddress>
#include <QString>
#include <optional>

namespace hearth::http {

// Who an HttpServer serves: the addresses it may listen on, and which
// requests it lets in, decided on the header block before any body byte is
// read (a refusal costs no body). Thread-safe: the network thread asks.
class Admission
{
public:
    virtual ~Admission() = default;
    // Why the server must not listen on `address`, or nothing.
    virtual std::optional<QString> refuseAddress(const QHostAddress &address) const = 0;
    // The first reason to refuse the request, or nothing.
    virtual std::optional<ApiError> check(const GuardedRequest &request,
                                          quint16 boundPort) const = 0;
};

// The API's: loopback addresses only, and the request guard of SECURITY.md.
class LocalApiAdmission final : public Admission
{
public:
    std::optional<QString> refuseAddress(const QHostAddress &address) const override;
    std::optional<ApiError> check(const GuardedRequest &request, quint16 boundPort) const override;
};

} // namespace hearth::http
