#include "SdkService.h"

#include "secrets/SecretStore.h"
#include "services/ChannelService.h"
#include "services/EscalationService.h"
#include "services/FeedService.h"
#include "services/KvService.h"
#include "services/NotificationService.h"
#include "store/KvRepository.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QUrl>

namespace hearth::sandbox {

namespace {

constexpr int MaxListedKeys = 10000;
constexpr qsizetype MaxKeyBytes = 4096;

// --- http ------------------------------------------------------------------------

constexpr qint64 MaxResponseBytes = 10 * 1024 * 1024;
constexpr double DefaultTimeoutS = 30;
constexpr int MaxRedirects = 5;
constexpr int MaxHeaders = 100;

struct HttpCall
{
    QByteArray method = "GET";
    QUrl url;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    double timeoutS = DefaultTimeoutS;
};

struct HttpOutcome
{
    int status = 0;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QString error; // empty on success
};

// Runs one exchange (following https→https redirects) on a local event loop
// of the calling pool thread.
HttpOutcome performHttp(const HttpCall &call, SdkService::Clock::time_point deadline)
{
    using Clock = SdkService::Clock;
    HttpOutcome outcome;
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    // Capped as a double first: a script may ask for any positive timeout,
    // and converting one beyond qint64 would be undefined.
    const auto timeoutMs = qint64(std::min(call.timeoutS * 1000.0, double(left.count())));
    if (timeoutMs <= 0) {
        outcome.error = QStringLiteral("no time left before the run's deadline");
        return outcome;
    }
    const auto callDeadline = Clock::now() + std::chrono::milliseconds(timeoutMs);

    QNetworkAccessManager network;
    network.setProxy(QNetworkProxy::NoProxy);
    QUrl url = call.url;
    for (int redirects = 0;; ++redirects) {
        QNetworkRequest request(url);
        // Redirects are ours to follow: only from https to https.
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                             QNetworkRequest::ManualRedirectPolicy);
        // No transparent decompression: the size cap must apply to what the
        // script gets, and a small compressed answer must not expand in memory.
        request.setRawHeader("Accept-Encoding", "identity");
        for (const auto &[name, value] : call.headers)
            request.setRawHeader(name, value);
        QNetworkReply *reply =
            call.body.isEmpty() && (call.method == "GET" || call.method == "HEAD")
            ? network.sendCustomRequest(request, call.method)
            : network.sendCustomRequest(request, call.method, call.body);
        QEventLoop loop;
        QTimer timer;
        timer.setSingleShot(true);
        bool tooLarge = false;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
        QObject::connect(reply, &QNetworkReply::downloadProgress, &loop,
                         [&](qint64 received, qint64) {
                             if (received > MaxResponseBytes) {
                                 tooLarge = true;
                                 loop.quit();
                             }
                         });
        const auto remaining =
            std::chrono::duration_cast<std::chrono::milliseconds>(callDeadline - Clock::now());
        timer.start(int(std::max<qint64>(1, remaining.count())));
        if (!reply->isFinished())
            loop.exec();
        if (tooLarge || !reply->isFinished()) {
            reply->abort();
            outcome.error = tooLarge
                ? QStringLiteral("the response body exceeds %1 bytes").arg(MaxResponseBytes)
                : QStringLiteral("no complete answer within %1 ms").arg(timeoutMs);
            delete reply;
            return outcome;
        }
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QUrl target = reply->attribute(QNetworkRequest::RedirectionTargetAttribute).toUrl();
        if (status >= 300 && status < 400 && target.isValid()) {
            const QUrl next = url.resolved(target);
            delete reply;
            if (url.scheme() != u"https" || next.scheme() != u"https") {
                outcome.error = QStringLiteral("refusing to follow a redirect from %1 to %2: only "
                                               "https to https is followed")
                                    .arg(url.toString(QUrl::RemoveUserInfo),
                                         next.toString(QUrl::RemoveUserInfo));
                return outcome;
            }
            if (redirects >= MaxRedirects) {
                outcome.error = QStringLiteral("more than %1 redirects").arg(MaxRedirects);
                return outcome;
            }
            url = next;
            continue;
        }
        // HTTP error statuses are answers for the script; anything else
        // (network, TLS, protocol) is an error.
        const int error = reply->error();
        const bool statusError = (error >= 201 && error <= 299) || (error >= 401 && error <= 499);
        if (status == 0 || (error != QNetworkReply::NoError && !statusError)) {
            outcome.error = reply->errorString();
            delete reply;
            return outcome;
        }
        outcome.status = status;
        outcome.headers = reply->rawHeaderPairs();
        outcome.body = reply->readAll();
        delete reply;
        if (outcome.body.size() > MaxResponseBytes) {
            outcome.error =
                QStringLiteral("the response body exceeds %1 bytes").arg(MaxResponseBytes);
            outcome.body.clear();
        }
        return outcome;
    }
}

// A service's refusal in the script's terms: the function, the field, the
// problem ("notify: title must be …").
QString scriptError(const QString &prefix, const Error &error)
{
    return prefix + (error.field.isEmpty() ? error.message : error.field + u' ' + error.message);
}

} // namespace

SdkService::SdkService(const SdkServices &services, const lua::ScriptContext &context,
                       Clock::time_point deadline)
    : m_services(services)
    // A watcher's keys live in its own namespace; ad-hoc runs share one.
    , m_kvNamespace(context.watcherId.isEmpty()
                        ? QStringLiteral("adhoc")
                        : services::KvService::watcherNamespace(context.watcherId))
    , m_watcherId(context.watcherId)
    , m_runId(context.runId)
    , m_deadline(deadline)
    , m_preview(context.preview)
{
}

CallReply SdkService::handle(const SdkCall &call)
{
    CallReply reply;
    reply.run = call.run;
    reply.seq = call.seq;
    auto performed = ++m_calls > MaxCallsPerRun
        ? Result<QCborValue>(fail(QStringLiteral("%1: more than %2 SDK calls in one run")
                                      .arg(sdkFunctionName(call.function))
                                      .arg(MaxCallsPerRun)))
        : perform(call);
    reply.ok = performed.ok();
    if (performed)
        reply.value = std::move(performed).value();
    else
        reply.error = performed.error();
    return reply;
}

Result<QCborValue> SdkService::perform(const SdkCall &call)
{
    switch (call.function) {
    case SdkFunction::KvGet:
    case SdkFunction::KvSet:
    case SdkFunction::KvDelete:
    case SdkFunction::KvList:
    case SdkFunction::KvGlobalGet:
    case SdkFunction::KvGlobalSet:
    case SdkFunction::KvGlobalDelete:
    case SdkFunction::KvGlobalList:
        return kv(call.function, call.args);
    case SdkFunction::SecretsGet:
        return secret(call.args);
    case SdkFunction::Notify:
        return notify(call.args);
    case SdkFunction::HttpRequest:
        return http(call.args);
    case SdkFunction::FeedNewItems:
        return feedNewItems(call.args);
    case SdkFunction::EmailSend:
        return emailSend(call.args);
    case SdkFunction::AgentEscalate:
        return escalate(call.args);
    }
    return fail(QStringLiteral("unknown SDK function"));
}

Result<QCborValue> SdkService::feedNewItems(const QCborArray &args)
{
    const QString prefix = QStringLiteral("feed.new_items: ");
    if (!m_services.feeds)
        return fail(prefix + QStringLiteral("remembering items is not available here"));
    const QCborValue list = args.at(0);
    if (!list.isArray() || list.toArray().size() > services::FeedService::MaxItemsPerCall)
        return fail(prefix +
                    QStringLiteral("at most %1 items").arg(services::FeedService::MaxItemsPerCall));
    QList<QByteArray> keys;
    for (const QCborValue &key : list.toArray()) {
        if (!key.isByteArray())
            return fail(prefix + QStringLiteral("an item's key is not bytes"));
        keys.append(key.toByteArray());
    }
    bool watched = false;
    bool recorded = false;
    const qint64 watcherId = m_watcherId.toLongLong(&watched);
    const qint64 runId = m_runId.toLongLong(&recorded);
    QCborArray fresh;
    if (!watched || !recorded) {
        // A run of no watcher (a script tried out) has no earlier runs.
        for (qsizetype i = 0; i < keys.size(); ++i)
            fresh.append(true);
        return QCborValue(fresh);
    }
    auto marked = m_services.feeds->newItems(watcherId, runId, keys);
    if (!marked)
        return fail(prefix + marked.error().message);
    m_markedFeedItems = true;
    for (const bool isNew : std::as_const(marked.value()))
        fresh.append(isNew);
    return QCborValue(fresh);
}

Result<QCborValue> SdkService::kv(SdkFunction function, const QCborArray &args)
{
    const bool global = function == SdkFunction::KvGlobalGet ||
        function == SdkFunction::KvGlobalSet || function == SdkFunction::KvGlobalDelete ||
        function == SdkFunction::KvGlobalList;
    // Errors name the function as the script wrote it minus "global".
    const QString name = sdkFunctionName(function).remove(QStringLiteral("global."));
    const QString prefix = name + QStringLiteral(": ");
    if (!m_services.kv)
        return fail(prefix + QStringLiteral("the key-value store is not available here"));
    const QString ns = global ? QString() : m_kvNamespace;

    if (function == SdkFunction::KvList || function == SdkFunction::KvGlobalList) {
        auto keyPrefix = textArgument(args, 0, MaxKeyBytes);
        if (!keyPrefix)
            return fail(prefix + keyPrefix.error());
        auto page = m_services.kv->list(ns, keyPrefix.value(), std::nullopt, MaxListedKeys);
        if (!page)
            return fail(prefix + page.error().message);
        QCborArray keys;
        for (const KvEntry &entry : std::as_const(page->entries))
            keys.append(entry.key);
        return QCborValue(keys);
    }

    auto key = byteArgument(args, 0, MaxKeyBytes);
    if (!key)
        return fail(prefix + key.error());
    // The bytes as the host sent them (invalid UTF-8 included); the service
    // checks the text again.
    if (const auto problem = validateKvKey(key.value()))
        return fail(prefix + *problem);
    const QString keyText = QString::fromUtf8(key.value());
    if (function == SdkFunction::KvGet || function == SdkFunction::KvGlobalGet) {
        const auto entry = m_services.kv->get(ns, keyText);
        if (!entry)
            return fail(prefix + entry.error().message);
        return entry.value() ? QCborValue(entry.value()->valueJson) : QCborValue();
    }
    if (function == SdkFunction::KvSet || function == SdkFunction::KvGlobalSet) {
        auto json = byteArgument(args, 1, KvRepository::MaxValueBytes);
        if (!json)
            return fail(prefix + json.error());
        if (auto stored = m_services.kv->put(ns, keyText, json.value()); !stored) {
            const Error &error = stored.error();
            // The script handed json.encode's text or its own: say it in
            // the script's terms.
            if (error.code == ErrorCode::InvalidInput && error.field == u"value")
                return fail(prefix + QStringLiteral("the value is not JSON"));
            return fail(prefix + error.message);
        }
        return QCborValue();
    }
    if (auto removed = m_services.kv->remove(ns, keyText); !removed)
        return fail(prefix + removed.error().message);
    return QCborValue();
}

Result<QCborValue> SdkService::secret(const QCborArray &args)
{
    if (!m_services.secrets)
        return fail(QStringLiteral("secrets.get: secrets are not available here"));
    auto name = textArgument(args, 0, MaxKeyBytes);
    if (!name)
        return fail(QStringLiteral("secrets.get: ") + name.error());
    auto value = m_services.secrets->reveal(name.value());
    if (!value) // the store's messages never contain values
        return fail(QStringLiteral("secrets.get: ") + value.error().message);
    m_revealed.append(value.value());
    return QCborValue(value.value());
}

Result<QCborValue> SdkService::notify(const QCborArray &args)
{
    const QCborValue title = args.at(0);
    const QCborValue body = args.at(1);
    const QCborValue level = args.at(2);
    if (!m_services.notifications && !m_preview)
        return fail(QStringLiteral("notify: notifications are not available here"));
    // Types and the level here; the rules for the texts are the service's.
    if (!title.isString())
        return fail(QStringLiteral("notify: title must be a non-empty string"));
    if (!body.isString()) {
        return fail(QStringLiteral("notify: body must be a string of at most %1 characters")
                        .arg(services::NotificationService::MaxBodyChars));
    }
    const std::optional<NotificationLevel> parsedLevel =
        notificationLevelFromName(level.toString());
    if (!level.isString() || !parsedLevel)
        return fail(QStringLiteral("notify: level must be \"info\", \"warning\" or \"error\""));
    if (m_notificationsSent >= lua::RunCaps::MaxNotificationsPerRun) {
        return fail(QStringLiteral("notify: at most %1 notifications per run")
                        .arg(lua::RunCaps::MaxNotificationsPerRun));
    }
    // A preview's notification is checked like a sent one, and kept.
    Result<void, Error> checked =
        services::NotificationService::check(title.toString(), body.toString());
    if (checked && !m_preview) {
        auto created = m_services.notifications->create(m_watcherId, m_runId, *parsedLevel,
                                                        title.toString(), body.toString());
        if (!created)
            checked = fail(created.error());
    }
    if (!checked)
        return fail(scriptError(QStringLiteral("notify: "), checked.error()));
    if (m_preview)
        m_drafts.append({ *parsedLevel, title.toString(), body.toString() });
    ++m_notificationsSent;
    return QCborValue();
}

Result<QCborValue> SdkService::escalate(const QCborArray &args)
{
    const QString prefix = QStringLiteral("agent.escalate: ");
    const auto refused = [](const QString &reason) {
        return QCborValue(QCborMap { { QStringLiteral("refused"), reason } });
    };
    const QCborValue request = args.at(0);
    // The host encoded the script's table; hearthd reads it again.
    const QJsonDocument document =
        request.isByteArray() ? QJsonDocument::fromJson(request.toByteArray()) : QJsonDocument();
    if (!document.isObject())
        return fail(prefix + QStringLiteral("takes a table {profile=, prompt=, data=, schema=}"));
    auto checked = services::EscalationService::check(document.object());
    if (!checked)
        return fail(scriptError(prefix, checked.error()));
    // A tried-out script has its request checked; making the agent's run
    // is a watcher's run's to do (and the budgets are its watcher's).
    bool watched = false;
    bool recorded = false;
    const qint64 watcherId = m_watcherId.toLongLong(&watched);
    const qint64 runId = m_runId.toLongLong(&recorded);
    if (m_preview || !watched || !recorded)
        return refused(QStringLiteral("only a watcher's run escalates; this run is a test"));
    if (!m_services.escalations)
        return fail(prefix + QStringLiteral("escalations are not available here"));
    auto escalated = m_services.escalations->escalate(watcherId, runId, checked.value());
    if (!escalated)
        return fail(scriptError(prefix, escalated.error()));
    if (!escalated->run)
        return refused(escalated->refusal);
    return QCborValue(
        QCborMap { { QStringLiteral("run_id"), QString::number(escalated->run->id) } });
}

Result<QCborValue> SdkService::emailSend(const QCborArray &args)
{
    const QString prefix = QStringLiteral("email.send: ");
    if (!m_services.channels && !m_preview)
        return fail(prefix + QStringLiteral("email is not available here"));
    const QCborMap fields = args.at(0).toMap();
    const auto texts = [&fields](const char *field) {
        QStringList list;
        for (const QCborValue &value : fields.value(QLatin1StringView(field)).toArray())
            list.append(value.toString());
        return list;
    };
    services::EmailMessage email;
    email.to = texts("to");
    email.cc = texts("cc");
    email.bcc = texts("bcc");
    email.subject = fields.value(QStringLiteral("subject")).toString();
    email.text = fields.value(QStringLiteral("text")).toString();
    email.html = fields.value(QStringLiteral("html")).toString();
    email.replyTo = fields.value(QStringLiteral("reply_to")).toString();
    email.channel = fields.value(QStringLiteral("channel")).toString();
    email.watcherId = m_watcherId;
    email.runId = m_runId;
    if (m_emailsSent >= lua::RunCaps::MaxEmailsPerRun)
        return fail(prefix +
                    QStringLiteral("at most %1 emails per run").arg(lua::RunCaps::MaxEmailsPerRun));
    // A preview checks the message and sends nothing.
    if (m_preview) {
        if (auto checked = services::ChannelService::checkEmail(email); !checked)
            return fail(scriptError(prefix, checked.error()));
        ++m_emailsSent;
        return QCborValue(QCborMap { { QStringLiteral("id"), QString() },
                                     { QStringLiteral("status"), QStringLiteral("preview") } });
    }
    auto queued = m_services.channels->queueEmail(email);
    if (!queued)
        return fail(scriptError(prefix, queued.error()));
    ++m_emailsSent;
    return QCborValue(
        QCborMap { { QStringLiteral("id"), QString::number(queued->id) },
                   { QStringLiteral("status"), deliveryStatusName(queued->status) } });
}

Result<QCborValue> SdkService::http(const QCborArray &args)
{
    HttpCall call;
    auto method = byteArgument(args, 0, 32);
    auto url = textArgument(args, 1, 64 * 1024);
    auto body = byteArgument(args, 3, lua::RunCaps::MaxStringBytes);
    const QCborArray headers = args.at(2).toArray();
    if (!method || !url || !body || !args.at(2).isArray() || headers.size() > MaxHeaders)
        return fail(QStringLiteral("http: the request is malformed"));
    call.method = method.value().toUpper();
    call.url = QUrl(url.value(), QUrl::StrictMode);
    call.body = body.value();
    if (!args.at(4).isUndefined() && !args.at(4).isNull()) {
        if (!args.at(4).isDouble() && !args.at(4).isInteger())
            return fail(QStringLiteral("http: timeout_s must be a number"));
        call.timeoutS = args.at(4).toDouble();
        if (!(call.timeoutS > 0))
            return fail(QStringLiteral("http: timeout_s must be positive"));
    }
    for (const QCborValue &pair : headers) {
        const QCborArray nameAndValue = pair.toArray();
        if (nameAndValue.size() != 2 || !nameAndValue.at(0).isByteArray() ||
            !nameAndValue.at(1).isByteArray())
            return fail(QStringLiteral("http: headers must map names to strings"));
        call.headers.append({ nameAndValue.at(0).toByteArray(), nameAndValue.at(1).toByteArray() });
    }
    if (!call.url.isValid() || (call.url.scheme() != u"http" && call.url.scheme() != u"https") ||
        call.url.host().isEmpty()) {
        return fail(QStringLiteral("http: only http:// and https:// URLs are allowed (got %1)")
                        .arg(call.url.toString(QUrl::RemoveUserInfo)));
    }
    const auto started = Clock::now();
    const HttpOutcome outcome = performHttp(call, m_deadline);
    const qint64 elapsedMs =
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started).count();
    if (!outcome.error.isEmpty()) {
        return fail(QStringLiteral("http: %1 %2: %3")
                        .arg(QString::fromLatin1(call.method),
                             call.url.toString(QUrl::RemoveUserInfo), outcome.error));
    }
    QCborArray responseHeaders;
    for (const auto &[name, value] : outcome.headers)
        responseHeaders.append(QCborArray { name, value });
    return QCborValue(QCborMap { { QStringLiteral("status"), outcome.status },
                                 { QStringLiteral("headers"), responseHeaders },
                                 { QStringLiteral("body"), outcome.body },
                                 { QStringLiteral("elapsed_ms"), elapsedMs } });
}

QString SdkService::redacted(QString text) const
{
    for (const QString &value : redactableValues())
        text.replace(value, QStringLiteral("***"));
    return text;
}

namespace {

// Every revealed value inside the value's strings (and member names)
// becomes "***"; `changed` says whether anything did.
QJsonValue redactedValue(const QJsonValue &value, const QStringList &secrets, bool &changed)
{
    if (value.isString()) {
        QString text = value.toString();
        for (const QString &secret : secrets) {
            if (text.contains(secret)) {
                text.replace(secret, QStringLiteral("***"));
                changed = true;
            }
        }
        return text;
    }
    if (value.isArray()) {
        QJsonArray array;
        for (const QJsonValue &element : value.toArray())
            array.append(redactedValue(element, secrets, changed));
        return array;
    }
    if (value.isObject()) {
        QJsonObject object;
        const QJsonObject original = value.toObject();
        for (auto it = original.begin(); it != original.end(); ++it) {
            const QString key = redactedValue(it.key(), secrets, changed).toString();
            object.insert(key, redactedValue(it.value(), secrets, changed));
        }
        return object;
    }
    return value;
}

} // namespace

QStringList SdkService::redactableValues() const
{
    QStringList values;
    for (const QByteArray &value : m_revealed) {
        if (value.size() >= lua::RunCaps::MinRedactedBytes)
            values.append(QString::fromUtf8(value));
    }
    return values;
}

QByteArray SdkService::redactedJson(QByteArray json) const
{
    for (const QByteArray &value : m_revealed) {
        if (value.size() >= lua::RunCaps::MinRedactedBytes)
            json.replace(value, "***"); // verbatim, also where the JSON is not readable
    }
    return redactedInStrings(std::move(json));
}

QByteArray SdkService::redactedInStrings(QByteArray json) const
{
    const QStringList secrets = redactableValues();
    if (secrets.isEmpty())
        return json;
    // The host's encoder escapes what it likes (DEL as \u007f, "/" as \/,
    // …), so no one spelling can be searched for: the values are replaced
    // in the decoded strings. The text is written anew only when something
    // changed (the host's exact number formatting is kept otherwise).
    QJsonParseError error {};
    const QJsonDocument wrapped = QJsonDocument::fromJson('[' + json + ']', &error);
    if (!wrapped.isArray() || wrapped.array().size() != 1)
        return json;
    bool changed = false;
    const QJsonValue redacted = redactedValue(wrapped.array().at(0), secrets, changed);
    if (!changed)
        return json;
    const QByteArray text = QJsonDocument(QJsonArray { redacted }).toJson(QJsonDocument::Compact);
    return text.mid(1, text.size() - 2);
}

void SdkService::redact(lua::ExecutionResult &result) const
{
    if (m_revealed.isEmpty())
        return;
    result.errorMessage = redacted(std::move(result.errorMessage));
    result.traceback = redacted(std::move(result.traceback));
    for (lua::LogLine &line : result.logs) {
        line.message = redacted(std::move(line.message));
        line.dataJson = redactedJson(std::move(line.dataJson));
    }
    // The result is stored, shown and handed to the next run as ctx.last:
    // inside its strings only, so that it stays the JSON the script returned.
    result.resultJson = redactedInStrings(std::move(result.resultJson));
    // A snapshot is text the API shows and diffs: hidden like a message.
    if (result.snapshot)
        result.snapshot = redacted(QString::fromUtf8(*result.snapshot)).toUtf8();
}

} // namespace hearth::sandbox
