#pragma once

namespace hearth::services {
class SnapshotService;
}

namespace hearth::http {

class Router;

// /api/v1/watchers/{id}/snapshots…: a watcher's snapshots, one with its
// text, and the diff between two.
void registerSnapshotRoutes(Router &router, const services::SnapshotService &snapshots);

} // namespace hearth::http
