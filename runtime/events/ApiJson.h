#pragma once

#include <QJsonObject>

namespace hearth {
struct ChannelRecord;
struct DeliveryRecord;
struct Notification;
struct RunLogRecord;
struct RunRecord;
struct WatcherRecord;
struct WorkerRecord;
} // namespace hearth

namespace hearth::events {

// The one JSON shape of each record, shared by the HTTP API and the event
// stream: ids as strings, instants as RFC 3339, stored JSON embedded.

// Without `output` (up to a megabyte): lists and events leave it out,
// GET /api/v1/runs/{id} adds it.
QJsonObject toApiJson(const RunRecord &run);
// `data` only when there is some.
QJsonObject toApiJson(const RunLogRecord &line);
QJsonObject toApiJson(const Notification &notification);
// Without `online` and `active_runs`, which the worker handlers add.
QJsonObject toApiJson(const WorkerRecord &worker);
// The spec plus id, schedule state, whether Pause all disabled it, times,
// who created and changed it, its approval.
QJsonObject toApiJson(const WatcherRecord &watcher);
// What a person approving a watcher sees (GET /api/v1/watchers/{id}/review):
// the watcher, the version it would replace, what each reaches, and the
// change as a unified diff of their text.
QJsonObject toReviewJson(const WatcherRecord &watcher);
// The spec plus id and times.
QJsonObject toApiJson(const ChannelRecord &channel);
// Its attempts when the record holds them (GET /api/v1/deliveries/{id}).
QJsonObject toApiJson(const DeliveryRecord &delivery);

} // namespace hearth::events
