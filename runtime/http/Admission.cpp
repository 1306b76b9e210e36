#include "Admission.h"

namespace hearth::http {

std::optional<QString> LocalApiAdmission::refuseAddress(const QHostAddress &address) const
{
    if (address.isLoopback())
        return std::nullopt;
    return QStringLiteral("refusing to listen on %1: without authentication hearthd only "
                          "listens on a loopback address (127.0.0.1 or ::1)")
        .arg(address.toString());
}

std::optional<ApiError> LocalApiAdmission::check(const GuardedRequest &request,
                                                 quint16 boundPort) const
{
    return RequestGuard(boundPort).check(request);
}

} // namespace hearth::http
