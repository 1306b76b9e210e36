#pragma once

#include <QtGlobal>

namespace hearth::services {
class WebhookService;
}

namespace hearth::http {

class Router;

// A delivery's body cap, checked before the body is read.
constexpr qint64 MaxWebhookBodyBytes = 1024 * 1024;

// POST /hooks/{token}, the webhook listener's one route: 202 with the run
// once it is recorded.
void registerWebhookRoutes(Router &router, const services::WebhookService &webhooks);

} // namespace hearth::http
