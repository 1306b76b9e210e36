#include "EventHandlers.h"

#include "events/EventBus.h"
#include "http/Router.h"

#include <atomic>
#include <memory>

namespace hearth::http {

namespace {

// Each stream holds one of the server's worker threads for as long as it is
// open; the rest stay for the API.
constexpr int MaxStreams = 8;
constexpr std::chrono::seconds HeartbeatInterval(15);

QByteArray frame(const events::Event &event)
{
    return "id: " + QByteArray::number(event.id) + "\nevent: " + event.type +
        "\ndata: " + event.dataJson() + "\n\n";
}

// A taken stream slot, given back when the response is destroyed (whether
// or not the stream ever started).
class StreamSlot
{
public:
    explicit StreamSlot(std::shared_ptr<std::atomic<int>> open)
        : m_open(std::move(open))
    {
    }
    ~StreamSlot() { m_open->fetch_sub(1); }
    StreamSlot(const StreamSlot &) = delete;
    StreamSlot &operator=(const StreamSlot &) = delete;

private:
    std::shared_ptr<std::atomic<int>> m_open;
};

} // namespace

void registerEventRoutes(Router &router, events::EventBus &events)
{
    auto openStreams = std::make_shared<std::atomic<int>>(0);
    router.add(
        "GET", QStringLiteral("/api/v1/events"),
        [&events, openStreams](const ApiRequest &request) -> HandlerResult {
            qint64 lastSeen = events.lastId();
            const QString resume = request.headers.value(QStringLiteral("last-event-id"));
            bool reset = false;
            if (!resume.isEmpty()) {
                const std::optional<qint64> parsed = wholeNumber(resume);
                const qint64 id = parsed.value_or(-1);
                if (id < 0)
                    return fail(ApiError::invalidRequest(QStringLiteral("Last-Event-ID"),
                                                         QStringLiteral("must be an event id")));
                // Ids from a previous hearthd, or ids that left the
                // backlog: say so, so the client reloads its state.
                bool complete = true;
                (void)events.after(id, &complete);
                reset = id > lastSeen || !complete;
                if (!reset)
                    lastSeen = id;
            }
            if (openStreams->fetch_add(1) >= MaxStreams) {
                openStreams->fetch_sub(1);
                return fail(
                    ApiError { 503,
                               "too_many_streams",
                               QStringLiteral("%1 event streams are open already").arg(MaxStreams),
                               { { "Retry-After", "5" } } });
            }
            auto slot = std::make_shared<StreamSlot>(openStreams);
            ApiResponse response;
            response.contentType = "text/event-stream";
            response.headers = { { "Cache-Control", "no-store" } };
            // A client that hangs up gives its slot back at once, not at the
            // next heartbeat.
            const std::shared_ptr<ClientPresence> client = request.client;
            if (client)
                client->onGone([&events]() { events.wakeWaiters(); });
            response.stream = [&events, slot, client, lastSeen,
                               reset](const ApiResponse::Writer &write) {
                const auto clientGone = [&client]() {
                    return client && client->gone();
                };
                qint64 cursor = lastSeen;
                if (!write(reset ? QByteArray("event: reset\ndata: {}\n\n")
                                 : QByteArray(": hearth events\n\n")))
                    return;
                while (!events.closed() && !clientGone()) {
                    bool complete = true;
                    const QList<events::Event> pending = events.after(cursor, &complete);
                    if (!complete) {
                        // Too slow to keep up with the backlog: drop
                        // the stream; the client resumes with a reset.
                        write("event: reset\ndata: {}\n\n");
                        return;
                    }
                    for (const events::Event &event : pending) {
                        if (!write(frame(event)))
                            return;
                        cursor = event.id;
                    }
                    if (!events.waitAfter(cursor, HeartbeatInterval, clientGone) &&
                        !events.closed() && !clientGone() && !write(": heartbeat\n\n"))
                        return;
                }
            };
            return response;
        });
}

} // namespace hearth::http
