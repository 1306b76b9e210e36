#include "WebhookHandlers.h"

#include "http/Router.h"
#include "model/RunStatus.h"
#include "services/WebhookService.h"

#include <QJsonObject>

namespace hearth::http {

namespace {

ApiError toApiError(const services::WebhookRefusal &refusal)
{
    using Reason = services::WebhookRefusal::Reason;
    switch (refusal.reason) {
    case Reason::UnknownUrl:
        return ApiError::notFound(refusal.message);
    case Reason::Disabled:
        return { 409, "watcher_disabled", refusal.message, {} };
    case Reason::SignatureMissing:
        return { 401, "signature_required", refusal.message, {} };
    case Reason::SignatureInvalid:
        return { 401, "signature_invalid", refusal.message, {} };
    case Reason::TimestampOutOfRange:
        return { 401, "timestamp_out_of_range", refusal.message, {} };
    case Reason::Replayed:
        return { 409, "replayed", refusal.message, {} };
    case Reason::SecretUnavailable:
        return { 503, "secret_unavailable", refusal.message, {} };
    case Reason::Internal:
        break;
    }
    return ApiError::internal(refusal.message);
}

} // namespace

void registerWebhookRoutes(Router &router, const services::WebhookService &webhooks)
{
    router.add(
        "POST", QStringLiteral("/hooks/([A-Za-z0-9_-]{43})"),
        [&webhooks](const ApiRequest &request) -> HandlerResult {
            auto run = webhooks.deliver({ request.pathParams.value(0), request.headers,
                                          request.body, request.remoteAddress });
            if (!run)
                return fail(toApiError(run.error()));
            return ApiResponse::json(
                { { QStringLiteral("run_id"), QString::number(run->id) },
                  { QStringLiteral("status"), scheduler::runStatusName(run->status) } },
                202);
        },
        MaxWebhookBodyBytes);
}

} // namespace hearth::http
