#pragma once

namespace hearth::services {
class ChannelService;
}

namespace hearth::http {

class Router;

// /api/v1/channels (CRUD, test) and /api/v1/deliveries (list, show, redrive).
void registerChannelRoutes(Router &router, const services::ChannelService &channels);

} // namespace hearth::http
