#pragma once

namespace hearth {
class NotificationRepository;
}

namespace hearth::http {

class Router;

// GET /api/v1/notifications, POST /api/v1/notifications/{id}/read,
// POST /api/v1/notifications/read-all.
void registerNotificationRoutes(Router &router, const NotificationRepository &notifications);

} // namespace hearth::http
