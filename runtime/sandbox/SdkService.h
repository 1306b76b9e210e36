#pragma once

#include "HostProtocol.h"

#include <QList>
#include <chrono>

namespace hearth {
namespace services {
class ChannelService;
class EscalationService;
class FeedService;
class KvService;
class NotificationService;
} // namespace services
namespace secrets {
class SecretStore;
}
} // namespace hearth

namespace hearth::sandbox {

// What the SDK's outside-facing modules act on. A missing one makes its
// calls fail with "… is not available here".
struct SdkServices
{
    const services::KvService *kv = nullptr;
    secrets::SecretStore *secrets = nullptr;
    const services::NotificationService *notifications = nullptr;
    const services::FeedService *feeds = nullptr;
    const services::ChannelService *channels = nullptr;
    const services::EscalationService *escalations = nullptr;
};

// hearthd's side of one run's SDK calls (kv, secrets, notify, email, http,
// feed.new_items, agent.escalate). The
// run's scope — its KV namespace, its watcher, its deadline — was decided
// when the run was given to a host; nothing in a call can change it. Every
// argument is checked here, whatever the host checked before.
class SdkService
{
public:
    using Clock = std::chrono::steady_clock;
    static constexpr int MaxCallsPerRun = 100'000;

    SdkService(const SdkServices &services, const lua::ScriptContext &context,
               Clock::time_point deadline);

    CallReply handle(const SdkCall &call);

    // Every secret value this run read is hidden from what it leaves behind:
    // messages, errors, tracebacks, log data and the result.
    QString redacted(QString text) const;
    QByteArray redactedJson(QByteArray json) const;
    void redact(lua::ExecutionResult &result) const;
    // Whether feed.new_items recorded items for this run (to confirm when
    // it succeeds).
    bool markedFeedItems() const { return m_markedFeedItems; }
    // What a preview's notify{} calls would have sent.
    const QList<lua::DraftNotification> &draftNotifications() const { return m_drafts; }

private:
    // The revealed values long enough to be hidden (shorter ones would
    // blank out ordinary text).
    QStringList redactableValues() const;
    // Replaces them inside the JSON's decoded strings and member names only.
    QByteArray redactedInStrings(QByteArray json) const;

    Result<QCborValue> perform(const SdkCall &call);
    Result<QCborValue> kv(SdkFunction function, const QCborArray &args);
    Result<QCborValue> secret(const QCborArray &args);
    Result<QCborValue> notify(const QCborArray &args);
    Result<QCborValue> emailSend(const QCborArray &args);
    Result<QCborValue> http(const QCborArray &args);
    Result<QCborValue> feedNewItems(const QCborArray &args);
    Result<QCborValue> escalate(const QCborArray &args);

    const SdkServices m_services;
    const QString m_kvNamespace;
    const QString m_watcherId;
    const QString m_runId;
    const Clock::time_point m_deadline;
    const bool m_preview;
    QList<QByteArray> m_revealed;
    QList<lua::DraftNotification> m_drafts;
    int m_calls = 0;
    int m_notificationsSent = 0;
    int m_emailsSent = 0;
    bool m_markedFeedItems = false;
};

} // namespace hearth::sandbox
