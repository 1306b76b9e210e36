#pragma once

namespace hearth::events {
class EventBus;
}

namespace hearth::http {

class Router;

// GET /api/v1/events: the event bus as Server-Sent Events.
void registerEventRoutes(Router &router, events::EventBus &events);

} // namespace hearth::http
