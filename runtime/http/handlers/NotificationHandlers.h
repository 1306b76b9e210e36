#pragma once

namespace hearth {
namespace services {
class NotificationService;
}
} // namespace hearth

namespace hearth::http {

class Router;

// GET /api/v1/notifications, POST /api/v1/notifications/{id}/read,
// POST /api/v1/notifications/read-all.
void registerNotificationRoutes(Router &router, const services::NotificationService &notifications);

} // namespace hearth::http
