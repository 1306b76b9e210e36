// Webhook triggers through a real hearthd with its webhook listener on a
// loopback port: deliveries signed the Standard Webhooks way and GitHub's
// start a run with the delivery as ctx.event and are answered 202 with the
// run; forged ones (no signature, a wrong one, an old timestamp, a replayed
// id), oversize bodies, other methods and unknown URLs start nothing; a
// flood from one address is rate limited; a signing secret that cannot be
// read refuses deliveries; the listener is off unless asked for and serves
// none of the API; the token survives edits; the CLI makes webhook
// watchers and says where to send them.
#include "HearthdProcess.h"
#include "core/Crypto.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace hearth::test;

class TestWebhooks : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void standardSignedDeliveryStartsARun();
    void forgedDeliveriesStartNothing();
    void githubSignatures();
    void unsignedOnlyWhenAllowed();
    void unreadableSecretFailsClosed();
    void tokenIsHearthdsAndSurvivesEdits();
    void listenerIsSeparateAndOffByDefault();
    void floodFromOneAddressIsLimited();
    void acknowledgedDeliveriesSurviveKill9();
    void cliMakesWebhookWatchers();

private:
    quint16 port() const { return m_hearthd->port(); }
    QJsonObject createWatcher(const QString &name, const QString &verify);
    QByteArray secretOf(const QJsonObject &watcher);
    HttpResponse deliver(const QByteArray &token,
                         const QList<QPair<QByteArray, QByteArray>> &headers,
                         const QByteArray &body, const QByteArray &method = "POST");
    int runCount(const QJsonObject &watcher);

    std::unique_ptr<HearthdProcess> m_hearthd;
    quint16 m_hooksPort = 0;
};

namespace {

// The listener's port, from /api/v1/status.
quint16 hooksPortOf(quint16 apiPort)
{
    const QString url = json(call(apiPort, "GET", "/api/v1/status"))
                            .value(QStringLiteral("webhooks"))
                            .toObject()
                            .value(QStringLiteral("url"))
                            .toString();
    return quint16(QUrl(url).port());
}

QByteArray tokenOf(const QJsonObject &watcher)
{
    return watcher.value(QStringLiteral("trigger"))
        .toObject()
        .value(QStringLiteral("webhook"))
        .toObject()
        .value(QStringLiteral("token"))
        .toString()
        .toLatin1();
}

// Standard Webhooks' headers for `body` under `secret` ("whsec_…").
QList<QPair<QByteArray, QByteArray>> standardHeaders(const QByteArray &secret, const QByteArray &id,
                                                     const QByteArray &body, qint64 seconds)
{
    const QByteArray timestamp = QByteArray::number(seconds);
    const QByteArray key = QByteArray::fromBase64(secret.mid(6));
    const QByteArray signature =
        hearth::crypto::hmacSha256(key, QByteArray(id + '.' + timestamp + '.' + body)).toBase64();
    return { { "webhook-id", id },
             { "webhook-timestamp", timestamp },
             { "webhook-signature", "v1," + signature },
             { "Content-Type", "application/json" } };
}

qint64 nowSeconds()
{
    return QDateTime::currentSecsSinceEpoch();
}

} // namespace

void TestWebhooks::initTestCase()
{
    m_hearthd = std::make_unique<HearthdProcess>();
    // A sender may send more than these tests do; the flood test has its
    // own hearthd with the default rate.
    QVERIFY2(m_hearthd->start({ QStringLiteral("--webhooks-listen"), QStringLiteral("127.0.0.1:0"),
                                QStringLiteral("--webhooks-rate"), QStringLiteral("1000") },
                              withRandomSecretKey()),
             qPrintable(m_hearthd->lastError()));
    QCOMPARE(waitForSecretsState(port()), QStringLiteral("ready"));
    m_hooksPort = hooksPortOf(port());
    QVERIFY(m_hooksPort != 0 && m_hooksPort != port());
}

void TestWebhooks::cleanupTestCase()
{
    QCOMPARE(m_hearthd->terminate(), 0);
}

QJsonObject TestWebhooks::createWatcher(const QString &name, const QString &verify)
{
    const QJsonObject spec { { QStringLiteral("name"), name },
                             { QStringLiteral("script"), QStringLiteral("return ctx.event") },
                             { QStringLiteral("max_attempts"), 1 },
                             { QStringLiteral("trigger"),
                               QJsonObject {
                                   { QStringLiteral("webhook"),
                                     QJsonObject { { QStringLiteral("verify"), verify } } } } } };
    const HttpResponse response = call(port(), "POST", "/api/v1/watchers", compact(spec));
    if (response.status != 201)
        qWarning("create failed: %d %s", response.status, response.body.constData());
    return json(response);
}

QByteArray TestWebhooks::secretOf(const QJsonObject &watcher)
{
    const QByteArray name = "webhook." + watcher.value(QStringLiteral("id")).toString().toLatin1();
    return json(call(port(), "POST", "/api/v1/secrets/" + name + "/reveal"))
        .value(QStringLiteral("value"))
        .toString()
        .toLatin1();
}

HttpResponse TestWebhooks::deliver(const QByteArray &token,
                                   const QList<QPair<QByteArray, QByteArray>> &headers,
                                   const QByteArray &body, const QByteArray &method)
{
    QList<QPair<QByteArray, QByteArray>> all {
        { "Host", "hooks.example" }, { "Content-Length", QByteArray::number(body.size()) }
    };
    all.append(headers);
    return exchange(m_hooksPort, rawRequest(method, "/hooks/" + token, all, body));
}

int TestWebhooks::runCount(const QJsonObject &watcher)
{
    return json(call(port(), "GET",
                     "/api/v1/runs?limit=1000&watcher=" +
                         watcher.value(QStringLiteral("id")).toString().toLatin1()))
        .value(QStringLiteral("items"))
        .toArray()
        .size();
}

void TestWebhooks::standardSignedDeliveryStartsARun()
{
    const QJsonObject watcher =
        createWatcher(QStringLiteral("standard"), QStringLiteral("standard"));
    const QByteArray token = tokenOf(watcher);
    QCOMPARE(token.size(), 43);
    const QByteArray secret = secretOf(watcher);
    QVERIFY2(secret.startsWith("whsec_"), secret.constData());

    const QByteArray body = R"({"action":"opened","number":7})";
    const HttpResponse response =
        deliver(token, standardHeaders(secret, "msg_1", body, nowSeconds()), body);
    QCOMPARE(response.status, 202);
    const QString runId = json(response).value(QStringLiteral("run_id")).toString();
    QVERIFY(!runId.isEmpty());
    const QJsonObject run = waitForRunEnd(port(), runId);
    QCOMPARE(run.value(QStringLiteral("status")).toString(), QStringLiteral("succeeded"));
    QCOMPARE(run.value(QStringLiteral("trigger")).toString(), QStringLiteral("webhook"));
    const QJsonObject event = run.value(QStringLiteral("result")).toObject();
    QCOMPARE(event.value(QStringLiteral("body")).toObject(),
             QJsonDocument::fromJson(body).object());
    QCOMPARE(event.value(QStringLiteral("delivery_id")).toString(), QStringLiteral("msg_1"));
    QCOMPARE(event.value(QStringLiteral("headers")).toObject().value(QStringLiteral("webhook-id")),
             QJsonValue(QStringLiteral("msg_1")));
    QCOMPARE(event.value(QStringLiteral("remote_address")).toString(), QStringLiteral("127.0.0.1"));
}

void TestWebhooks::forgedDeliveriesStartNothing()
{
    const QJsonObject watcher =
        createWatcher(QStringLiteral("guarded"), QStringLiteral("standard"));
    const QByteArray token = tokenOf(watcher);
    const QByteArray secret = secretOf(watcher);
    const QByteArray body = R"({"n":1})";
    const auto refused = [&](const HttpResponse &response, int status, const QByteArray &code) {
        QCOMPARE(response.status, status);
        QCOMPARE(response.errorCode(), code);
    };
    // No signature, a wrong one, a signature by another key.
    refused(deliver(token, { { "Content-Type", "application/json" } }, body), 401,
            "signature_required");
    auto headers = standardHeaders(secret, "msg_a", body, nowSeconds());
    headers[2].second = "v1," + QByteArray(32, 'A').toBase64();
    refused(deliver(token, headers, body), 401, "signature_invalid");
    refused(deliver(token,
                    standardHeaders("whsec_" + hearth::crypto::randomBytes(32).toBase64(), "msg_b",
                                    body, nowSeconds()),
                    body),
            401, "signature_invalid");
    // The body changed after signing.
    refused(deliver(token, standardHeaders(secret, "msg_c", body, nowSeconds()), R"({"n":2})"), 401,
            "signature_invalid");
    // Signed, but ten minutes old (or ahead).
    refused(deliver(token, standardHeaders(secret, "msg_d", body, nowSeconds() - 600), body), 401,
            "timestamp_out_of_range");
    refused(deliver(token, standardHeaders(secret, "msg_e", body, nowSeconds() + 600), body), 401,
            "timestamp_out_of_range");
    // A good one, then the same delivery again.
    const auto good = standardHeaders(secret, "msg_f", body, nowSeconds());
    QCOMPARE(deliver(token, good, body).status, 202);
    refused(deliver(token, good, body), 409, "replayed");
    // Too big a body is refused on its Content-Length, before it is read.
    const HttpResponse oversize =
        exchange(m_hooksPort,
                 rawRequest("POST", "/hooks/" + token,
                            { { "Host", "hooks.example" }, { "Content-Length", "2000000" } }, "{"));
    QCOMPARE(oversize.status, 413);
    // Another method; a URL no watcher has.
    refused(deliver(token, good, {}, "GET"), 405, "method_not_allowed");
    refused(deliver(QByteArray(43, 'x'), good, body), 404, "not_found");
    QCOMPARE(runCount(watcher), 1);

    // A disabled watcher takes nothing.
    QCOMPARE(call(port(), "PATCH",
                  "/api/v1/watchers/" + watcher.value(QStringLiteral("id")).toString().toLatin1(),
                  R"({"enabled":false})")
                 .status,
             200);
    refused(deliver(token, standardHeaders(secret, "msg_g", body, nowSeconds()), body), 409,
            "watcher_disabled");
    QCOMPARE(runCount(watcher), 1);
}

void TestWebhooks::githubSignatures()
{
    const QJsonObject watcher = createWatcher(QStringLiteral("github"), QStringLiteral("github"));
    const QByteArray token = tokenOf(watcher);
    const QByteArray secret = secretOf(watcher);
    const QByteArray body = R"({"zen":"Keep it logically awesome."})";
    const QByteArray signature = "sha256=" + hearth::crypto::hmacSha256(secret, body).toHex();
    const HttpResponse response = deliver(token,
                                          { { "X-Hub-Signature-256", signature },
                                            { "X-GitHub-Delivery", "72d3162e-cc78" },
                                            { "X-GitHub-Event", "ping" },
                                            { "Content-Type", "application/json" } },
                                          body);
    QCOMPARE(response.status, 202);
    const QJsonObject run =
        waitForRunEnd(port(), json(response).value(QStringLiteral("run_id")).toString());
    QCOMPARE(run.value(QStringLiteral("result"))
                 .toObject()
                 .value(QStringLiteral("headers"))
                 .toObject()
                 .value(QStringLiteral("x-github-event"))
                 .toString(),
             QStringLiteral("ping"));
    QCOMPARE(deliver(token,
                     { { "X-Hub-Signature-256", signature }, { "X-GitHub-Delivery", "other" } },
                     R"({"zen":"forged"})")
                 .status,
             401);
    QCOMPARE(deliver(token, { { "X-GitHub-Delivery", "unsigned" } }, body).errorCode(),
             QByteArray("signature_required"));
    QCOMPARE(runCount(watcher), 1);
}

void TestWebhooks::unsignedOnlyWhenAllowed()
{
    const QJsonObject open = createWatcher(QStringLiteral("open"), QStringLiteral("none"));
    const HttpResponse response =
        deliver(tokenOf(open), { { "Content-Type", "text/plain" } }, "plain text, not JSON");
    QCOMPARE(response.status, 202);
    const QJsonObject run =
        waitForRunEnd(port(), json(response).value(QStringLiteral("run_id")).toString());
    QCOMPARE(
        run.value(QStringLiteral("result")).toObject().value(QStringLiteral("body")).toString(),
        QStringLiteral("plain text, not JSON"));
    // Unsigned, an id the sender gives still refuses its replay.
    QCOMPARE(deliver(tokenOf(open), { { "Idempotency-Key", "k1" } }, "x").status, 202);
    QCOMPARE(deliver(tokenOf(open), { { "Idempotency-Key", "k1" } }, "x").status, 409);
}

void TestWebhooks::unreadableSecretFailsClosed()
{
    const QJsonObject watcher =
        createWatcher(QStringLiteral("no secret"), QStringLiteral("standard"));
    const QByteArray secret = secretOf(watcher);
    const QByteArray name = "webhook." + watcher.value(QStringLiteral("id")).toString().toLatin1();
    QCOMPARE(call(port(), "DELETE", "/api/v1/secrets/" + name).status, 204);
    const QByteArray body = "{}";
    const HttpResponse response =
        deliver(tokenOf(watcher), standardHeaders(secret, "msg_s", body, nowSeconds()), body);
    QCOMPARE(response.status, 503);
    QCOMPARE(response.errorCode(), QByteArray("secret_unavailable"));
    QVERIFY2(json(response)
                 .value(QStringLiteral("error"))
                 .toObject()
                 .value(QStringLiteral("message"))
                 .toString()
                 .contains(QString::fromLatin1(name)),
             response.body.constData());
    QCOMPARE(runCount(watcher), 0);
    // The user's own secret (a sender that made it) is used as it is.
    const QByteArray own = "whsec_" + hearth::crypto::randomBytes(24).toBase64();
    QCOMPARE(call(port(), "PUT", "/api/v1/secrets/" + name,
                  compact({ { QStringLiteral("value"), QString::fromLatin1(own) } }))
                     .status /
                 100,
             2);
    QCOMPARE(
        deliver(tokenOf(watcher), standardHeaders(own, "msg_t", body, nowSeconds()), body).status,
        202);
}

void TestWebhooks::tokenIsHearthdsAndSurvivesEdits()
{
    const QJsonObject watcher = createWatcher(QStringLiteral("edited"), QStringLiteral("standard"));
    const QByteArray id = watcher.value(QStringLiteral("id")).toString().toLatin1();
    const QByteArray token = tokenOf(watcher);
    QJsonObject renamed =
        json(call(port(), "PATCH", "/api/v1/watchers/" + id,
                  R"({"name":"edited again","trigger":{"webhook":{"verify":"github"}}})"));
    QCOMPARE(tokenOf(renamed), token);
    const HttpResponse chosen = call(
        port(), "PATCH", "/api/v1/watchers/" + id,
        compact({ { QStringLiteral("trigger"),
                    QJsonObject {
                        { QStringLiteral("webhook"),
                          QJsonObject { { QStringLiteral("token"), QString(43, u'a') } } } } } }));
    QCOMPARE(chosen.status, 422);
    QVERIFY(chosen.body.contains("trigger.webhook.token"));
    const HttpResponse created = call(
        port(), "POST", "/api/v1/watchers",
        R"({"name":"own token","script":"return 1","trigger":{"webhook":{"token":"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"}}})");
    QCOMPARE(created.status, 422);
    const HttpResponse badVerify =
        call(port(), "POST", "/api/v1/watchers",
             R"({"name":"bad","script":"return 1","trigger":{"webhook":{"verify":"md5"}}})");
    QCOMPARE(badVerify.status, 422);
    QVERIFY(badVerify.body.contains("trigger.webhook.verify"));
    // Deleting the watcher deletes its signing secret.
    QCOMPARE(call(port(), "DELETE", "/api/v1/watchers/" + id).status, 204);
    QCOMPARE(call(port(), "POST", "/api/v1/secrets/webhook." + id + "/reveal").status, 404);
}

void TestWebhooks::listenerIsSeparateAndOffByDefault()
{
    // The listener serves no API route, whatever the request says.
    const HttpResponse api = exchange(
        m_hooksPort,
        rawRequest("POST", "/api/v1/watchers",
                   defaultHeaders(m_hooksPort, "POST", R"({"name":"x"})"), R"({"name":"x"})"));
    QCOMPARE(api.status, 404);
    // And the API takes no hooks.
    QCOMPARE(call(port(), "POST", "/hooks/" + QByteArray(43, 'x'), "{}").status, 404);

    // A bad HEARTH_SECRET_KEY leaves the secrets unavailable, whatever
    // keychain the machine has.
    HearthdProcess plain;
    QProcessEnvironment badKey;
    badKey.insert(QStringLiteral("HEARTH_SECRET_KEY"), QStringLiteral("not a key"));
    QVERIFY2(plain.start({}, badKey), qPrintable(plain.lastError()));
    QVERIFY(json(call(plain.port(), "GET", "/api/v1/status"))
                .value(QStringLiteral("webhooks"))
                .toObject()
                .value(QStringLiteral("url"))
                .isNull());
    // Without a master key a webhook watcher cannot get its signing
    // secret: it is not saved.
    QCOMPARE(waitForSecretsState(plain.port()), QStringLiteral("unavailable"));
    const HttpResponse keyless =
        call(plain.port(), "POST", "/api/v1/watchers",
             R"({"name":"keyless","script":"return 1","trigger":{"webhook":{}}})");
    QCOMPARE(keyless.status, 503);
    QCOMPARE(keyless.errorCode(), QByteArray("secrets_unavailable"));
    QCOMPARE(call(plain.port(), "POST", "/api/v1/watchers?validate_only=true",
                  R"({"name":"keyless","script":"return 1","trigger":{"webhook":{}}})")
                 .errorCode(),
             QByteArray("secrets_unavailable"));
    QCOMPARE(json(call(plain.port(), "GET", "/api/v1/watchers"))
                 .value(QStringLiteral("items"))
                 .toArray()
                 .size(),
             0);
    QCOMPARE(plain.terminate(), 0);

    HearthdProcess clash;
    QByteArray err;
    QCOMPARE(
        clash.runToExit({ QStringLiteral("--port"), QStringLiteral("47999"),
                          QStringLiteral("--webhooks-listen"), QStringLiteral("127.0.0.1:47999") },
                        &err),
        2);
    QVERIFY2(err.contains("API's port"), err.constData());
    QCOMPARE(
        clash.runToExit({ QStringLiteral("--webhooks-listen"), QStringLiteral("nowhere") }, &err),
        2);
}

void TestWebhooks::floodFromOneAddressIsLimited()
{
    // Its own hearthd, so that the other tests' deliveries do not count.
    HearthdProcess flooded;
    QVERIFY2(flooded.start({ QStringLiteral("--webhooks-listen"), QStringLiteral("127.0.0.1:0") },
                           withRandomSecretKey()),
             qPrintable(flooded.lastError()));
    const quint16 hooks = hooksPortOf(flooded.port());
    int limited = 0;
    QByteArray retryAfter;
    for (int i = 0; i < 60; ++i) {
        const HttpResponse response =
            exchange(hooks,
                     rawRequest("POST", "/hooks/" + QByteArray(43, 'f'),
                                { { "Host", "x" }, { "Content-Length", "2" } }, "{}"));
        if (response.status == 429) {
            ++limited;
            retryAfter = response.header("Retry-After");
        } else {
            QCOMPARE(response.status, 404);
        }
    }
    // Default: 5 per second in bursts of 20.
    QVERIFY2(limited >= 30, qPrintable(QString::number(limited)));
    QVERIFY(retryAfter.toInt() >= 1);
    QCOMPARE(flooded.terminate(), 0);
}

void TestWebhooks::acknowledgedDeliveriesSurviveKill9()
{
    // What was answered 202 is durable with its delivery id: after kill -9
    // a sender's retries of those are refused as replays, the others start
    // their runs, and each delivery has exactly one run.
    const QProcessEnvironment key = withRandomSecretKey();
    const QStringList listen { QStringLiteral("--webhooks-listen"), QStringLiteral("127.0.0.1:0"),
                               QStringLiteral("--webhooks-rate"), QStringLiteral("1000") };
    HearthdProcess hearthd;
    QVERIFY2(hearthd.start(listen, key), qPrintable(hearthd.lastError()));
    QCOMPARE(waitForSecretsState(hearthd.port()), QStringLiteral("ready"));
    const QJsonObject watcher =
        json(call(hearthd.port(), "POST", "/api/v1/watchers",
                  R"({"name":"durable","script":"return ctx.event","concurrency":"queue",)"
                  R"("trigger":{"webhook":{"verify":"standard"}}})"));
    const QByteArray token = tokenOf(watcher);
    const QByteArray id = watcher.value(QStringLiteral("id")).toString().toLatin1();
    const QByteArray secret =
        json(call(hearthd.port(), "POST", "/api/v1/secrets/webhook." + id + "/reveal"))
            .value(QStringLiteral("value"))
            .toString()
            .toLatin1();
    QVERIFY(secret.startsWith("whsec_"));
    const auto send = [&](quint16 hooks, int n) {
        const QByteArray body = "{\"n\":" + QByteArray::number(n) + '}';
        auto headers = standardHeaders(secret, "d" + QByteArray::number(n), body, nowSeconds());
        headers.prepend({ "Content-Length", QByteArray::number(body.size()) });
        headers.prepend({ "Host", "x" });
        return exchange(hooks, rawRequest("POST", "/hooks/" + token, headers, body)).status;
    };
    quint16 hooks = hooksPortOf(hearthd.port());
    for (int n = 0; n < 10; ++n)
        QCOMPARE(send(hooks, n), 202);
    hearthd.kill9();
    QVERIFY2(hearthd.start(listen, key), qPrintable(hearthd.lastError()));
    QCOMPARE(waitForSecretsState(hearthd.port()), QStringLiteral("ready"));
    hooks = hooksPortOf(hearthd.port());
    for (int n = 0; n < 20; ++n)
        QCOMPARE(send(hooks, n), n < 10 ? 409 : 202);
    bool met = false;
    QMap<QString, int> runsOfDelivery;
    const QJsonArray runs = listRunsUntil(
        hearthd.port(),
        [&](const QJsonArray &listed) {
            runsOfDelivery.clear();
            for (const QJsonValue &value : listed) {
                const QJsonObject run = value.toObject();
                const QString status = run.value(QStringLiteral("status")).toString();
                if (status == u"pending" || status == u"running")
                    return false;
                if (run.value(QStringLiteral("attempt")).toInt() == 1)
                    ++runsOfDelivery[run.value(QStringLiteral("event"))
                                         .toObject()
                                         .value(QStringLiteral("delivery_id"))
                                         .toString()];
            }
            return runsOfDelivery.size() == 20;
        },
        &met, scaled(60000));
    QVERIFY2(met, QJsonDocument(runs).toJson().constData());
    for (auto it = runsOfDelivery.cbegin(); it != runsOfDelivery.cend(); ++it)
        QVERIFY2(it.value() == 1,
                 qPrintable(QStringLiteral("%1: %2 runs").arg(it.key()).arg(it.value())));
    QCOMPARE(hearthd.terminate(), 0);
}

void TestWebhooks::cliMakesWebhookWatchers()
{
    QTemporaryDir scriptDir;
    const QString script = QDir(scriptDir.path()).filePath(QStringLiteral("w.lua"));
    QFile file(script);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("return ctx.event");
    file.close();
    const QStringList connection { QStringLiteral("--data-dir"), m_hearthd->dataDir() };
    const CliResult created = runCli(
        connection +
        QStringList { QStringLiteral("watchers"), QStringLiteral("add"), QStringLiteral("--name"),
                      QStringLiteral("from the cli"), QStringLiteral("--webhook"),
                      QStringLiteral("github"), QStringLiteral("--script"), script });
    QVERIFY2(created.exitCode == 0, created.err.constData());
    const QByteArray url =
        "POST to http://127.0.0.1:" + QByteArray::number(m_hooksPort) + "/hooks/";
    QVERIFY2(created.out.contains("when a webhook arrives (signed: GitHub)") &&
                 created.out.contains(url) && created.out.contains("hearth secrets get webhook."),
             created.out.constData());
    const CliResult bad = runCli(connection +
                                 QStringList { QStringLiteral("watchers"), QStringLiteral("add"),
                                               QStringLiteral("--name"), QStringLiteral("bad"),
                                               QStringLiteral("--webhook"), QStringLiteral("md5"),
                                               QStringLiteral("--script"), script });
    QVERIFY(bad.exitCode != 0);
    QVERIFY2(bad.err.contains("trigger.webhook.verify"), bad.err.constData());
    const CliResult status = runCli(connection + QStringList { QStringLiteral("status") });
    const QByteArray listener = "http://127.0.0.1:" + QByteArray::number(m_hooksPort);
    QVERIFY2(status.out.contains(listener), status.out.constData());
}

QTEST_GUILESS_MAIN(TestWebhooks)
#include "tst_webhooks.moc"
