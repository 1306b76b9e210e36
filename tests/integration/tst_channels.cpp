// Channels through a real hearthd: notifications go to a real HTTP
// receiver (webhook channels, signed the Standard Webhooks way; ntfy's JSON
// publishing) and a real SMTP server (python3-aiosmtpd, plain and with
// STARTTLS and a login). Every delivery is a durable row with its attempts:
// temporary failures are retried with backoff until dead, refusals fail at
// once, dead and failed ones are redriven; mute, cooldown and the daily
// budget suppress; a watcher's notify.channels chooses; and a kill -9 while
// deliveries are in flight loses none and sends none twice under one id.
#include "HearthdProcess.h"
#include "core/Crypto.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QMutex>
#include <QProcess>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <httplib.h>
#include <thread>

using namespace hearth::test;

namespace {

struct Received
{
    QByteArray path;
    QMap<QByteArray, QByteArray> headers; // lower-case names
    QByteArray body;
};

// A local HTTP server standing in for ntfy and webhook receivers. Each
// path behaves as its name says: /ok answers 200, /flaky 503 to its first
// three requests, /down always 500, /refuse 400, /slow 200 after 1.5 s,
// /ntfy/ as ntfy does ({"id": …}).
class Receiver
{
public:
    Receiver()
    {
        m_server.Post(
            R"(/.*)", [this](const httplib::Request &request, httplib::Response &response) {
                Received received;
                received.path = QByteArray::fromStdString(request.path);
                for (const auto &[name, value] : request.headers)
                    received.headers.insert(QByteArray::fromStdString(name).toLower(),
                                            QByteArray::fromStdString(value));
                received.body = QByteArray::fromStdString(request.body);
                int seen = 0;
                {
                    QMutexLocker locker(&m_mutex);
                    m_received.append(received);
                    seen = ++m_countByPath[received.path];
                }
                if (received.path == "/slow")
                    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
                int status = 200;
                if (received.path == "/flaky" && seen <= 3)
                    status = 503;
                else if (received.path == "/down")
                    status = 500;
                else if (received.path == "/refuse")
                    status = 400;
                response.status = status;
                if (received.path == "/ntfy/")
                    response.set_content("{\"id\":\"msg" + std::to_string(seen) + "\"}",
                                         "application/json");
                else
                    response.set_content(status == 200 ? "thanks" : "not now", "text/plain");
            });
        m_port = quint16(m_server.bind_to_any_port("127.0.0.1"));
        m_thread = std::thread([this] { m_server.listen_after_bind(); });
    }
    ~Receiver()
    {
        m_server.stop();
        m_thread.join();
    }
    QString url(const QString &path) const
    {
        return QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path);
    }
    QList<Received> received(const QByteArray &path) const
    {
        QMutexLocker locker(&m_mutex);
        QList<Received> matching;
        for (const Received &r : m_received) {
            if (r.path == path)
                matching.append(r);
        }
        return matching;
    }

private:
    httplib::Server m_server;
    quint16 m_port = 0;
    std::thread m_thread;
    mutable QMutex m_mutex;
    QList<Received> m_received;
    QMap<QByteArray, int> m_countByPath;
};

// python3-aiosmtpd serving on a free port, writing what it accepts to a
// folder (tests/integration/smtp_sink.py).
class SmtpServer
{
public:
    bool start(const QStringList &options)
    {
        const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"),
                                                              { QStringLiteral("/usr/bin") });
        const QString portFile = m_dir.filePath(QStringLiteral("port"));
        QDir().mkpath(maildir());
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.start(python,
                        QStringList { QStringLiteral(HEARTH_SMTP_SINK), portFile, maildir() } +
                            options);
        QElapsedTimer waited;
        waited.start();
        while (!QFile::exists(portFile) && waited.elapsed() < scaled(15000) &&
               m_process.state() != QProcess::NotRunning)
            QTest::qWait(50);
        QFile file(portFile);
        if (!file.open(QIODevice::ReadOnly))
            return false;
        m_port = quint16(file.readAll().toUInt());
        return m_port != 0;
    }
    ~SmtpServer()
    {
        m_process.kill();
        m_process.waitForFinished();
    }
    quint16 port() const { return m_port; }
    QString maildir() const { return m_dir.filePath(QStringLiteral("mail")); }
    QList<QByteArray> messages() const
    {
        QList<QByteArray> all;
        const QStringList names =
            QDir(maildir()).entryList({ QStringLiteral("*.eml") }, QDir::Files, QDir::Name);
        for (const QString &name : names) {
            QFile file(QDir(maildir()).filePath(name));
            if (file.open(QIODevice::ReadOnly))
                all.append(file.readAll());
        }
        return all;
    }

private:
    QTemporaryDir m_dir;
    QProcess m_process;
    quint16 m_port = 0;
};

QJsonObject fast(QJsonObject channel, int maxAttempts = 4)
{
    channel.insert(QStringLiteral("retry"),
                   QJsonObject { { QStringLiteral("max_attempts"), maxAttempts },
                                 { QStringLiteral("base_s"), 1 },
                                 { QStringLiteral("max_s"), 1 } });
    return channel;
}

QJsonObject webhookChannel(const QString &name, const QString &url)
{
    return fast({ { QStringLiteral("name"), name },
                  { QStringLiteral("webhook"), QJsonObject { { QStringLiteral("url"), url } } } });
}

} // namespace

class TestChannels : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void webhookChannelSendsSignedNotifications();
    void temporaryFailuresRetryUntilDeadAndRedrive();
    void refusalsFailAtOnce();
    void ntfyChannel();
    void emailWithoutTls();
    void emailWithStartTlsAndLogin();
    void scriptsSendEmail();
    void watchersChooseTheirChannels();
    void muteCooldownAndBudgetSuppress();
    void digestGathersAPeriodIntoOneMessage();
    void badChannelsAreRefused();
    void kill9DuringDeliveryLosesNoneAndRepeatsNoId();
    void cliManagesChannelsAndDeliveries();

private:
    quint16 port() const { return m_hearthd->port(); }
    QJsonObject createChannel(const QJsonObject &channel);
    QJsonObject createWatcher(const QString &name, const QJsonObject &notify = {});
    void fire(const QJsonObject &watcher, int n);
    QJsonArray deliveries(const QByteArray &query = {});
    // Polls until every delivery of the list `query` answers is terminal
    // and there are `count` of them.
    QJsonArray settledDeliveries(const QByteArray &query, int count);
    void putSecret(const QString &name, const QString &value);
    // POST /api/v1/scripts/run: its answer.
    QJsonObject runScript(const QString &source, bool preview = false);

    std::unique_ptr<HearthdProcess> m_hearthd;
    QProcessEnvironment m_key; // the same master key across restarts
    std::unique_ptr<Receiver> m_receiver; // a fresh one for each test
};

void TestChannels::init()
{
    m_hearthd = std::make_unique<HearthdProcess>();
    m_receiver = std::make_unique<Receiver>();
    m_key = withRandomSecretKey();
    QVERIFY2(m_hearthd->start({}, m_key), qPrintable(m_hearthd->lastError()));
    QCOMPARE(waitForSecretsState(port()), QStringLiteral("ready"));
}

void TestChannels::cleanup()
{
    if (m_hearthd)
        QCOMPARE(m_hearthd->terminate(), 0);
    m_hearthd.reset();
    m_receiver.reset();
}

QJsonObject TestChannels::createChannel(const QJsonObject &channel)
{
    const HttpResponse response = call(port(), "POST", "/api/v1/channels", compact(channel));
    if (response.status != 201)
        qWarning("channel not created: %d %s", response.status, response.body.constData());
    return json(response);
}

QJsonObject TestChannels::createWatcher(const QString &name, const QJsonObject &notify)
{
    QJsonObject spec {
        { QStringLiteral("name"), name },
        { QStringLiteral("script"),
          QStringLiteral("notify{ title = \"note \" .. tostring(ctx.event.n or 0), "
                         "body = \"line one\\nline <two> & \\u{e9}\" } return true") },
        { QStringLiteral("schedule"), QJsonObject { { QStringLiteral("every_s"), 3600 } } },
        { QStringLiteral("concurrency"), QStringLiteral("queue") },
    };
    if (!notify.isEmpty())
        spec.insert(QStringLiteral("notify"), notify);
    const HttpResponse response = call(port(), "POST", "/api/v1/watchers", compact(spec));
    if (response.status != 201)
        qWarning("watcher not created: %d %s", response.status, response.body.constData());
    return json(response);
}

void TestChannels::fire(const QJsonObject &watcher, int n)
{
    const QJsonObject body { { QStringLiteral("event"),
                               QJsonObject { { QStringLiteral("n"), n } } } };
    const HttpResponse response = call(
        port(), "POST",
        "/api/v1/watchers/" + watcher.value(QStringLiteral("id")).toString().toLatin1() + "/run",
        compact(body));
    QCOMPARE(response.status, 201);
    const QJsonObject run =
        waitForRunEnd(port(), json(response).value(QStringLiteral("id")).toString());
    QCOMPARE(run.value(QStringLiteral("status")).toString(), QStringLiteral("succeeded"));
}

QJsonArray TestChannels::deliveries(const QByteArray &query)
{
    return json(call(port(), "GET", "/api/v1/deliveries?limit=1000" + query))
        .value(QStringLiteral("items"))
        .toArray();
}

QJsonArray TestChannels::settledDeliveries(const QByteArray &query, int count)
{
    QElapsedTimer waited;
    waited.start();
    QJsonArray listed;
    while (waited.elapsed() < scaled(30000)) {
        listed = deliveries(query);
        bool settled = listed.size() == count;
        for (const QJsonValue &value : std::as_const(listed)) {
            const QString status = value.toObject().value(QStringLiteral("status")).toString();
            settled = settled && status != u"pending" && status != u"sending";
        }
        if (settled)
            return listed;
        QTest::qWait(100);
    }
    qWarning("not settled: %s", QJsonDocument(listed).toJson().constData());
    return listed;
}

void TestChannels::putSecret(const QString &name, const QString &value)
{
    const HttpResponse put = call(port(), "PUT", "/api/v1/secrets/" + name.toLatin1(),
                                  compact({ { QStringLiteral("value"), value } }));
    QVERIFY2(put.status == 201 || put.status == 200, put.body.constData());
}

void TestChannels::webhookChannelSendsSignedNotifications()
{
    QJsonObject channel =
        webhookChannel(QStringLiteral("hook"), m_receiver->url(QStringLiteral("/ok")));
    channel.insert(QStringLiteral("default"), true);
    const QJsonObject created = createChannel(channel);
    QCOMPARE(created.value(QStringLiteral("kind")).toString(), QStringLiteral("webhook"));
    const QString channelId = created.value(QStringLiteral("id")).toString();
    const QJsonObject watcher = createWatcher(QStringLiteral("signed"));
    fire(watcher, 1);
    fire(watcher, 2);
    const QJsonArray settled = settledDeliveries("&channel=" + channelId.toLatin1(), 2);
    QCOMPARE(settled.size(), 2);

    // The signing secret hearthd made, as the receiver would hold it.
    const QByteArray secret =
        json(call(port(), "POST", "/api/v1/secrets/channel." + channelId.toLatin1() + "/reveal"))
            .value(QStringLiteral("value"))
            .toString()
            .toLatin1();
    QVERIFY(secret.startsWith("whsec_"));
    const QByteArray key = QByteArray::fromBase64(secret.mid(6));
    const QList<Received> received = m_receiver->received("/ok");
    QCOMPARE(received.size(), 2);
    QSet<QByteArray> ids;
    for (const Received &r : received) {
        const QByteArray id = r.headers.value("webhook-id");
        const QByteArray timestamp = r.headers.value("webhook-timestamp");
        const QByteArray expected = "v1," +
            hearth::crypto::hmacSha256(key, QByteArray(id + '.' + timestamp + '.' + r.body))
                .toBase64();
        QCOMPARE(r.headers.value("webhook-signature"), expected);
        QVERIFY(qAbs(timestamp.toLongLong() - QDateTime::currentSecsSinceEpoch()) < 60);
        ids.insert(id);
        const QJsonObject body = QJsonDocument::fromJson(r.body).object();
        QCOMPARE(body.value(QStringLiteral("type")).toString(), QStringLiteral("notification"));
        const QJsonObject data = body.value(QStringLiteral("data")).toObject();
        QVERIFY(data.value(QStringLiteral("title")).toString().startsWith(u"note "));
        QCOMPARE(data.value(QStringLiteral("watcher")).toString(), QStringLiteral("signed"));
        QCOMPARE(data.value(QStringLiteral("body")).toString(),
                 QStringLiteral("line one\nline <two> & \u00e9"));
    }
    for (const QJsonValue &value : settled) {
        const QJsonObject delivery = value.toObject();
        QCOMPARE(delivery.value(QStringLiteral("status")).toString(), QStringLiteral("delivered"));
        QCOMPARE(delivery.value(QStringLiteral("attempts")).toInt(), 1);
        QVERIFY(
            ids.contains(delivery.value(QStringLiteral("idempotency_key")).toString().toLatin1()));
        const QJsonObject shown = json(call(
            port(), "GET",
            "/api/v1/deliveries/" + delivery.value(QStringLiteral("id")).toString().toLatin1()));
        const QJsonArray attempts = shown.value(QStringLiteral("attempt_log")).toArray();
        QCOMPARE(attempts.size(), 1);
        QCOMPARE(attempts.at(0).toObject().value(QStringLiteral("outcome")).toString(),
                 QStringLiteral("delivered"));
        QVERIFY(attempts.at(0)
                    .toObject()
                    .value(QStringLiteral("response"))
                    .toString()
                    .contains(u"HTTP 200"));
    }
    QCOMPARE(ids.size(), 2);

    // A test message goes whatever else, and says it is one.
    const HttpResponse test =
        call(port(), "POST", "/api/v1/channels/" + channelId.toLatin1() + "/test");
    QCOMPARE(test.status, 202);
    QCOMPARE(settledDeliveries("&channel=" + channelId.toLatin1(), 3).size(), 3);
    const QJsonObject last =
        QJsonDocument::fromJson(m_receiver->received("/ok").constLast().body).object();
    QCOMPARE(last.value(QStringLiteral("type")).toString(), QStringLiteral("test"));

    // A webhook channel that becomes another kind loses its signing secret;
    // made a webhook again, it gets a new one.
    const QByteArray channelPath = "/api/v1/channels/" + channelId.toLatin1();
    const QByteArray secretPath = "/api/v1/secrets/channel." + channelId.toLatin1() + "/reveal";
    QCOMPARE(call(port(), "PATCH", channelPath,
                  "{\"ntfy\":{\"topic\":\"t\",\"server\":\"" +
                      m_receiver->url(QStringLiteral("/ntfy")).toUtf8() + "\"}}")
                 .status,
             200);
    QCOMPARE(call(port(), "POST", secretPath).status, 404);
    QCOMPARE(
        call(port(), "PATCH", channelPath,
             "{\"webhook\":{\"url\":\"" + m_receiver->url(QStringLiteral("/ok")).toUtf8() + "\"}}")
            .status,
        200);
    const QString renewed =
        json(call(port(), "POST", secretPath)).value(QStringLiteral("value")).toString();
    QVERIFY(renewed.startsWith(u"whsec_"));
    QVERIFY(renewed.toLatin1() != secret);

    // Deleting the channel deletes its signing secret.
    QCOMPARE(call(port(), "DELETE", "/api/v1/channels/" + channelId.toLatin1()).status, 204);
    QCOMPARE(
        call(port(), "POST", "/api/v1/secrets/channel." + channelId.toLatin1() + "/reveal").status,
        404);
    QCOMPARE(deliveries("&channel=" + channelId.toLatin1()).size(), 0);
}

void TestChannels::temporaryFailuresRetryUntilDeadAndRedrive()
{
    QJsonObject flaky =
        webhookChannel(QStringLiteral("flaky"), m_receiver->url(QStringLiteral("/flaky")));
    flaky.insert(QStringLiteral("default"), true);
    const QString flakyId = createChannel(flaky).value(QStringLiteral("id")).toString();
    QJsonObject down =
        fast(webhookChannel(QStringLiteral("down"), m_receiver->url(QStringLiteral("/down"))), 2);
    down.insert(QStringLiteral("default"), true);
    const QString downId = createChannel(down).value(QStringLiteral("id")).toString();
    fire(createWatcher(QStringLiteral("retried")), 1);

    // /flaky answers 503 three times, then takes it: the 4th attempt of 4.
    const QJsonArray flakyDone = settledDeliveries("&channel=" + flakyId.toLatin1(), 1);
    QCOMPARE(flakyDone.at(0).toObject().value(QStringLiteral("status")).toString(),
             QStringLiteral("delivered"));
    QCOMPARE(flakyDone.at(0).toObject().value(QStringLiteral("attempts")).toInt(), 4);
    const QJsonObject flakyShown = json(
        call(port(), "GET",
             "/api/v1/deliveries/" +
                 flakyDone.at(0).toObject().value(QStringLiteral("id")).toString().toLatin1()));
    const QJsonArray flakyAttempts = flakyShown.value(QStringLiteral("attempt_log")).toArray();
    QCOMPARE(flakyAttempts.size(), 4);
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(flakyAttempts.at(i).toObject().value(QStringLiteral("outcome")).toString(),
                 QStringLiteral("retry"));
        QVERIFY(flakyAttempts.at(i)
                    .toObject()
                    .value(QStringLiteral("response"))
                    .toString()
                    .contains(u"HTTP 503"));
    }
    // The backoff was waited (1 s between attempts).
    const QDateTime first = QDateTime::fromString(
        flakyAttempts.at(0).toObject().value(QStringLiteral("started_at")).toString(),
        Qt::ISODateWithMs);
    const QDateTime fourth = QDateTime::fromString(
        flakyAttempts.at(3).toObject().value(QStringLiteral("started_at")).toString(),
        Qt::ISODateWithMs);
    QVERIFY(first.msecsTo(fourth) >= 2900);
    // Every attempt carried the same id.
    QSet<QByteArray> ids;
    for (const Received &r : m_receiver->received("/flaky"))
        ids.insert(r.headers.value("webhook-id"));
    QCOMPARE(ids.size(), 1);

    // /down never takes it: dead after its 2 attempts, kept and listed.
    const QJsonArray dead = settledDeliveries("&channel=" + downId.toLatin1(), 1);
    const QJsonObject deadOne = dead.at(0).toObject();
    QCOMPARE(deadOne.value(QStringLiteral("status")).toString(), QStringLiteral("dead"));
    QCOMPARE(deadOne.value(QStringLiteral("attempts")).toInt(), 2);
    QVERIFY(deadOne.value(QStringLiteral("last_error")).toString().contains(u"HTTP 500"));
    QCOMPARE(deliveries("&status=dead").size(), 1);

    // Redriven one by one: retries afresh (two more attempts), dead again.
    const QByteArray deadPath =
        "/api/v1/deliveries/" + deadOne.value(QStringLiteral("id")).toString().toLatin1();
    const HttpResponse redriven = call(port(), "POST", deadPath + "/redrive");
    QCOMPARE(redriven.status, 200);
    QCOMPARE(json(redriven).value(QStringLiteral("status")).toString(), QStringLiteral("pending"));
    QTRY_COMPARE_WITH_TIMEOUT(
        json(call(port(), "GET", deadPath)).value(QStringLiteral("attempts")).toInt(), 4,
        scaled(20000));
    QTRY_COMPARE_WITH_TIMEOUT(
        json(call(port(), "GET", deadPath)).value(QStringLiteral("status")).toString(),
        QStringLiteral("dead"), scaled(20000));
    // A delivered one is not sent again.
    const QByteArray deliveredPath = "/api/v1/deliveries/" +
        flakyDone.at(0).toObject().value(QStringLiteral("id")).toString().toLatin1();
    const HttpResponse again = call(port(), "POST", deliveredPath + "/redrive");
    QCOMPARE(again.status, 409);
    // In bulk, by status and channel: the channel now points at /ok.
    QCOMPARE(call(port(), "PATCH", "/api/v1/channels/" + downId.toLatin1(),
                  compact({ { QStringLiteral("webhook"),
                              QJsonObject { { QStringLiteral("url"),
                                              m_receiver->url(QStringLiteral("/ok")) } } } }))
                 .status,
             200);
    const HttpResponse bulk = call(port(), "POST", "/api/v1/deliveries/redrive",
                                   compact({ { QStringLiteral("status"), QStringLiteral("dead") },
                                             { QStringLiteral("channel_id"), downId } }));
    QCOMPARE(bulk.status, 200);
    QCOMPARE(json(bulk).value(QStringLiteral("redriven")).toInt(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(
        json(call(port(), "GET", deadPath)).value(QStringLiteral("status")).toString(),
        QStringLiteral("delivered"), scaled(20000));
    QCOMPARE(call(port(), "POST", "/api/v1/deliveries/redrive",
                  compact({ { QStringLiteral("status"), QStringLiteral("delivered") } }))
                 .status,
             422);
}

void TestChannels::refusalsFailAtOnce()
{
    QJsonObject refuse =
        webhookChannel(QStringLiteral("refuse"), m_receiver->url(QStringLiteral("/refuse")));
    refuse.insert(QStringLiteral("default"), true);
    const QString id = createChannel(refuse).value(QStringLiteral("id")).toString();
    fire(createWatcher(QStringLiteral("refused")), 1);
    const QJsonArray failed = settledDeliveries("&channel=" + id.toLatin1(), 1);
    QCOMPARE(failed.at(0).toObject().value(QStringLiteral("status")).toString(),
             QStringLiteral("failed"));
    QCOMPARE(failed.at(0).toObject().value(QStringLiteral("attempts")).toInt(), 1);
    QVERIFY(failed.at(0)
                .toObject()
                .value(QStringLiteral("last_error"))
                .toString()
                .contains(u"HTTP 400"));
    // A receiver that no longer listens is temporary: retried.
    QCOMPARE(call(port(), "PATCH", "/api/v1/channels/" + id.toLatin1(),
                  compact({ { QStringLiteral("webhook"),
                              QJsonObject { { QStringLiteral("url"),
                                              QStringLiteral("http://127.0.0.1:9/x") } } },
                            { QStringLiteral("retry"),
                              QJsonObject { { QStringLiteral("max_attempts"), 2 },
                                            { QStringLiteral("base_s"), 1 } } } }))
                 .status,
             200);
    QCOMPARE(call(port(), "POST", "/api/v1/deliveries/redrive",
                  compact({ { QStringLiteral("status"), QStringLiteral("failed") } }))
                 .status,
             200);
    const QJsonArray dead = settledDeliveries("&channel=" + id.toLatin1(), 1);
    QCOMPARE(dead.at(0).toObject().value(QStringLiteral("status")).toString(),
             QStringLiteral("dead"));
    QCOMPARE(dead.at(0).toObject().value(QStringLiteral("attempts")).toInt(), 3);
}

void TestChannels::ntfyChannel()
{
    putSecret(QStringLiteral("ntfy_token"), QStringLiteral("tk_secret"));
    const QJsonObject channel = createChannel(
        { { QStringLiteral("name"), QStringLiteral("phone") },
          { QStringLiteral("default"), true },
          { QStringLiteral("ntfy"),
            QJsonObject { { QStringLiteral("server"), m_receiver->url(QStringLiteral("/ntfy")) },
                          { QStringLiteral("topic"), QStringLiteral("hearth-alerts") },
                          { QStringLiteral("priority"), 4 },
                          { QStringLiteral("token_secret"), QStringLiteral("ntfy_token") } } } });
    QCOMPARE(channel.value(QStringLiteral("kind")).toString(), QStringLiteral("ntfy"));
    fire(createWatcher(QStringLiteral("pushed")), 7);
    const QJsonArray done = settledDeliveries(
        "&channel=" + channel.value(QStringLiteral("id")).toString().toLatin1(), 1);
    QCOMPARE(done.at(0).toObject().value(QStringLiteral("status")).toString(),
             QStringLiteral("delivered"));
    QCOMPARE(done.at(0).toObject().value(QStringLiteral("remote_id")).toString(),
             QStringLiteral("msg1"));
    const QList<Received> received = m_receiver->received("/ntfy/");
    QCOMPARE(received.size(), 1);
    QCOMPARE(received.at(0).headers.value("authorization"), QByteArray("Bearer tk_secret"));
    const QJsonObject body = QJsonDocument::fromJson(received.at(0).body).object();
    QCOMPARE(body.value(QStringLiteral("topic")).toString(), QStringLiteral("hearth-alerts"));
    QCOMPARE(body.value(QStringLiteral("title")).toString(), QStringLiteral("note 7"));
    QCOMPARE(body.value(QStringLiteral("priority")).toInt(), 4);
    QVERIFY(body.value(QStringLiteral("message")).toString().startsWith(u"line one"));
}

void TestChannels::emailWithoutTls()
{
    SmtpServer smtp;
    QVERIFY(smtp.start({ QStringLiteral("--reject"), QStringLiteral("nobody@example.org") }));
    const QJsonObject channel = createChannel(
        fast({ { QStringLiteral("name"), QStringLiteral("mail") },
               { QStringLiteral("default"), true },
               { QStringLiteral("email"),
                 QJsonObject { { QStringLiteral("server"), QStringLiteral("127.0.0.1") },
                               { QStringLiteral("port"), smtp.port() },
                               { QStringLiteral("security"), QStringLiteral("none") },
                               { QStringLiteral("from"), QStringLiteral("hearth@example.org") },
                               { QStringLiteral("to"),
                                 QJsonArray { QStringLiteral("me@example.org"),
                                              QStringLiteral("you@example.org") } } } } }));
    const QByteArray channelId = channel.value(QStringLiteral("id")).toString().toLatin1();
    fire(createWatcher(QStringLiteral("mailed")), 3);
    const QJsonArray done = settledDeliveries("&channel=" + channelId, 1);
    QCOMPARE(done.at(0).toObject().value(QStringLiteral("status")).toString(),
             QStringLiteral("delivered"));
    const QList<QByteArray> messages = smtp.messages();
    QCOMPARE(messages.size(), 1);
    const QByteArray &mail = messages.at(0);
    QVERIFY(mail.contains("X-Envelope-From: hearth@example.org"));
    QVERIFY(mail.contains("X-Envelope-To: me@example.org,you@example.org"));
    QVERIFY(mail.contains("X-Was-TLS: no"));
    QVERIFY(mail.contains("Subject: note 3"));
    QVERIFY(mail.contains("From: Hearth <hearth@example.org>"));
    QVERIFY(mail.contains("Message-ID: <hearth.notification."));
    QVERIFY(mail.contains("Content-Type: multipart/alternative"));
    QVERIFY(mail.contains("text/plain; charset=utf-8"));
    QVERIFY(mail.contains("text/html; charset=utf-8"));
    // The HTML alternative escapes what the script wrote.
    QVERIFY(mail.contains("&lt;two&gt; &amp;"));

    // A recipient the server refuses (550) fails the delivery for good.
    QCOMPARE(
        call(port(), "PATCH", "/api/v1/channels/" + channelId,
             compact({ { QStringLiteral("email"),
                         QJsonObject {
                             { QStringLiteral("server"), QStringLiteral("127.0.0.1") },
                             { QStringLiteral("port"), smtp.port() },
                             { QStringLiteral("security"), QStringLiteral("none") },
                             { QStringLiteral("from"), QStringLiteral("hearth@example.org") },
                             { QStringLiteral("to"), QStringLiteral("nobody@example.org") } } } }))
            .status,
        200);
    QCOMPARE(call(port(), "POST", "/api/v1/channels/" + channelId + "/test").status, 202);
    const QJsonArray refused = settledDeliveries("&channel=" + channelId + "&status=failed", 1);
    QCOMPARE(refused.size(), 1);
    QVERIFY2(
        refused.at(0).toObject().value(QStringLiteral("last_error")).toString().contains(u"550"),
        qPrintable(refused.at(0).toObject().value(QStringLiteral("last_error")).toString()));
    QCOMPARE(smtp.messages().size(), 1);
}

void TestChannels::emailWithStartTlsAndLogin()
{
    // A certificate of our own, trusted through the channel's ca_file.
    QTemporaryDir certs;
    const QString cert = certs.filePath(QStringLiteral("cert.pem"));
    const QString key = certs.filePath(QStringLiteral("key.pem"));
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
                  { QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                    QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-days"),
                    QStringLiteral("2"), QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1"),
                    QStringLiteral("-addext"), QStringLiteral("subjectAltName=IP:127.0.0.1"),
                    QStringLiteral("-keyout"), key, QStringLiteral("-out"), cert });
    QVERIFY(openssl.waitForFinished(scaled(30000)));
    QCOMPARE(openssl.exitCode(), 0);
    // Busy for the first message: a 451 is retried.
    SmtpServer smtp;
    QVERIFY(smtp.start({ QStringLiteral("--starttls"), cert, key, QStringLiteral("--login"),
                         QStringLiteral("me:s3cret pass"), QStringLiteral("--busy"),
                         QStringLiteral("1") }));
    putSecret(QStringLiteral("smtp_password"), QStringLiteral("wrong"));
    const QJsonObject email { { QStringLiteral("server"), QStringLiteral("127.0.0.1") },
                              { QStringLiteral("port"), smtp.port() },
                              { QStringLiteral("security"), QStringLiteral("starttls") },
                              { QStringLiteral("username"), QStringLiteral("me") },
                              { QStringLiteral("password_secret"),
                                QStringLiteral("smtp_password") },
                              { QStringLiteral("ca_file"), cert },
                              { QStringLiteral("from"), QStringLiteral("hearth@example.org") },
                              { QStringLiteral("to"), QStringLiteral("me@example.org") } };
    const QJsonObject channel =
        createChannel(fast({ { QStringLiteral("name"), QStringLiteral("tls mail") },
                             { QStringLiteral("default"), true },
                             { QStringLiteral("email"), email } }));
    const QByteArray channelId = channel.value(QStringLiteral("id")).toString().toLatin1();
    // A wrong password is refused for good: the user must fix it.
    QCOMPARE(call(port(), "POST", "/api/v1/channels/" + channelId + "/test").status, 202);
    const QJsonArray denied = settledDeliveries("&channel=" + channelId, 1);
    QCOMPARE(denied.at(0).toObject().value(QStringLiteral("status")).toString(),
             QStringLiteral("failed"));
    QCOMPARE(smtp.messages().size(), 0);

    putSecret(QStringLiteral("smtp_password"), QStringLiteral("s3cret pass"));
    fire(createWatcher(QStringLiteral("tls mailed")), 5);
    const QJsonArray done = settledDeliveries("&channel=" + channelId + "&status=delivered", 1);
    QCOMPARE(done.size(), 1);
    QCOMPARE(done.at(0).toObject().value(QStringLiteral("attempts")).toInt(), 2); // 451, then taken
    QCOMPARE(smtp.messages().size(), 1);
    QVERIFY(smtp.messages().at(0).contains("X-Was-TLS: yes"));
    QVERIFY(smtp.messages().at(0).contains("Subject: note 5"));

    // Without ca_file the self-made certificate is not trusted: nothing is
    // sent in the clear instead.
    QJsonObject untrusted = email;
    untrusted.remove(QStringLiteral("ca_file"));
    QCOMPARE(call(port(), "PATCH", "/api/v1/channels/" + channelId,
                  compact({ { QStringLiteral("email"), untrusted } }))
                 .status,
             200);
    QCOMPARE(call(port(), "POST", "/api/v1/channels/" + channelId + "/test").status, 202);
    QCOMPARE(settledDeliveries("&channel=" + channelId + "&status=failed", 2).size(), 2);
    QCOMPARE(smtp.messages().size(), 1);
}

QJsonObject TestChannels::runScript(const QString &source, bool preview)
{
    QJsonObject body { { QStringLiteral("source"), source } };
    if (preview)
        body.insert(QStringLiteral("preview"), true);
    return json(call(port(), "POST", "/api/v1/scripts/run", compact(body), 30000));
}

void TestChannels::scriptsSendEmail()
{
    const QString send = QStringLiteral(
        "return email.send{ to = {\"a@example.org\", \"b@example.org\"}, cc = \"c@example.org\", "
        "bcc = \"d@example.org\", reply_to = \"r@example.org\", subject = \"W\\u{f6}chentlich\", "
        "text = \"plain words\", html = \"<b>bold words</b>\" }");
    // Without an email channel: a clear error, nothing queued.
    const QJsonObject unconfigured = runScript(send);
    QVERIFY2(unconfigured.value(QStringLiteral("error"))
                 .toObject()
                 .value(QStringLiteral("message"))
                 .toString()
                 .contains(u"email.send: not_configured"),
             QJsonDocument(unconfigured).toJson().constData());
    SmtpServer smtp;
    QVERIFY(smtp.start({}));
    const QJsonObject channel = createChannel(fast(
        { { QStringLiteral("name"), QStringLiteral("mail") },
          { QStringLiteral("email"),
            QJsonObject { { QStringLiteral("server"), QStringLiteral("127.0.0.1") },
                          { QStringLiteral("port"), smtp.port() },
                          { QStringLiteral("security"), QStringLiteral("none") },
                          { QStringLiteral("from"), QStringLiteral("hearth@example.org") },
                          { QStringLiteral("to"), QStringLiteral("owner@example.org") } } } }));
    // A preview checks and sends nothing.
    const QJsonObject previewed = runScript(send, true);
    QCOMPARE(previewed.value(QStringLiteral("result"))
                 .toObject()
                 .value(QStringLiteral("status"))
                 .toString(),
             QStringLiteral("preview"));
    QCOMPARE(deliveries().size(), 0);

    const QJsonObject sent = runScript(send);
    const QJsonObject queued = sent.value(QStringLiteral("result")).toObject();
    QVERIFY2(queued.value(QStringLiteral("status")).toString() == u"pending",
             QJsonDocument(sent).toJson().constData());
    const QJsonArray done = settledDeliveries({}, 1);
    QCOMPARE(done.at(0).toObject().value(QStringLiteral("id")).toString(),
             queued.value(QStringLiteral("id")).toString());
    QCOMPARE(done.at(0).toObject().value(QStringLiteral("status")).toString(),
             QStringLiteral("delivered"));
    // Answers say how big the bodies are, not what they say.
    const QJsonObject message = done.at(0).toObject().value(QStringLiteral("message")).toObject();
    QCOMPARE(message.value(QStringLiteral("text_bytes")).toInt(), 11);
    QVERIFY(!message.contains(QStringLiteral("text")));
    QCOMPARE(smtp.messages().size(), 1);
    const QByteArray mail = smtp.messages().at(0);
    QVERIFY2(
        mail.contains("X-Envelope-To: a@example.org,b@example.org,c@example.org,d@example.org"),
        mail.constData());
    // The message's own headers: after the three lines the sink adds.
    const qsizetype own = mail.indexOf('\n', mail.indexOf("X-Was-TLS:")) + 1;
    const QByteArray headers = mail.mid(own, mail.indexOf("\r\n\r\n") - own);
    QVERIFY(headers.contains("To: a@example.org, b@example.org"));
    QVERIFY(headers.contains("Cc: c@example.org"));
    QVERIFY(headers.contains("Reply-To: r@example.org"));
    QVERIFY2(!headers.contains("d@example.org") && !headers.contains("owner@"),
             headers.constData());
    QVERIFY(headers.contains(QByteArray("Subject: =?UTF-8?B?" +
                                        QStringLiteral("W\u00f6chentlich").toUtf8().toBase64())));
    QVERIFY(mail.contains("plain words") && mail.contains("<b>bold words</b>"));
    QVERIFY(mail.contains("multipart/alternative"));

    // Checked field by field; nothing oversize is queued.
    const struct
    {
        QString source;
        QString problem;
    } refused[] = {
        { QStringLiteral("email.send{ to = \"not an address\", subject = \"s\", text = \"t\" }"),
          QStringLiteral("email.send: to \"not an address\" is not a mail address") },
        { QStringLiteral("email.send{ to = \"a@example.org\", text = \"t\" }"),
          QStringLiteral("email.send: subject must be") },
        { QStringLiteral("email.send{ to = \"a@example.org\", subject = \"s\" }"),
          QStringLiteral("email.send: text or html must be given") },
        { QStringLiteral("email.send{ to = \"a@example.org\", subject = \"s\", text = \"t\", "
                         "bcc = {1} }"),
          QStringLiteral("email.send: bcc must be an address or a list of addresses") },
        { QStringLiteral(
              "email.send{ to = \"a@example.org\", subject = \"s\", "
              "text = string.rep(\"x\", 16000000), html = string.rep(\"y\", 10000000) }"),
          QStringLiteral("email.send: the message is larger than 25 MB") },
        { QStringLiteral("email.send{ to = \"a@example.org\", subject = \"s\", text = \"t\", "
                         "channel = \"nope\" }"),
          QStringLiteral("email.send: channel there is no channel named \"nope\"") },
    };
    for (const auto &c : refused) {
        const QJsonObject answer = runScript(c.source);
        const QString problem = answer.value(QStringLiteral("error"))
                                    .toObject()
                                    .value(QStringLiteral("message"))
                                    .toString();
        QVERIFY2(problem.contains(c.problem), qPrintable(problem));
    }
    QCOMPARE(deliveries().size(), 1);
    // A muted channel records a script's email as suppressed, as it does
    // notifications.
    QCOMPARE(call(port(), "PATCH",
                  "/api/v1/channels/" + channel.value(QStringLiteral("id")).toString().toLatin1(),
                  compact({ { QStringLiteral("muted"), true } }))
                 .status,
             200);
    QCOMPARE(runScript(send)
                 .value(QStringLiteral("result"))
                 .toObject()
                 .value(QStringLiteral("status"))
                 .toString(),
             QStringLiteral("suppressed"));
    QCOMPARE(smtp.messages().size(), 1);
}

void TestChannels::watchersChooseTheirChannels()
{
    QJsonObject a = webhookChannel(QStringLiteral("a"), m_receiver->url(QStringLiteral("/ok")));
    a.insert(QStringLiteral("default"), true);
    const QString aId = createChannel(a).value(QStringLiteral("id")).toString();
    const QString bId =
        createChannel(webhookChannel(QStringLiteral("b"), m_receiver->url(QStringLiteral("/ok"))))
            .value(QStringLiteral("id"))
            .toString();
    fire(createWatcher(QStringLiteral("defaults")), 1); // → a
    fire(createWatcher(QStringLiteral("to b"),
                       { { QStringLiteral("channels"), QJsonArray { QStringLiteral("b") } } }),
         2); // → b
    fire(createWatcher(QStringLiteral("desktop only"),
                       { { QStringLiteral("channels"), QJsonArray {} } }),
         3); // → none
    QCOMPARE(settledDeliveries("&channel=" + aId.toLatin1(), 1).size(), 1);
    QCOMPARE(settledDeliveries("&channel=" + bId.toLatin1(), 1).size(), 1);
    QCOMPARE(settledDeliveries({}, 2).size(), 2);
    // A channel a watcher names cannot go, nor be renamed, under it.
    const HttpResponse gone = call(port(), "DELETE", "/api/v1/channels/" + bId.toLatin1());
    QCOMPARE(gone.status, 409);
    QVERIFY(gone.body.contains("to b"));
    QCOMPARE(call(port(), "PATCH", "/api/v1/channels/" + bId.toLatin1(),
                  compact({ { QStringLiteral("name"), QStringLiteral("c") } }))
                 .status,
             409);
    // An unknown channel's name is refused when the watcher is saved.
    QJsonObject spec {
        { QStringLiteral("name"), QStringLiteral("nowhere") },
        { QStringLiteral("script"), QStringLiteral("return 1") },
        { QStringLiteral("schedule"), QJsonObject { { QStringLiteral("every_s"), 3600 } } },
        { QStringLiteral("notify"),
          QJsonObject { { QStringLiteral("channels"), QJsonArray { QStringLiteral("zzz") } } } }
    };
    const HttpResponse refused = call(port(), "POST", "/api/v1/watchers", compact(spec));
    QCOMPARE(refused.status, 422);
    QVERIFY(refused.body.contains("notify.channels"));
    QVERIFY(refused.body.contains("zzz"));
}

void TestChannels::muteCooldownAndBudgetSuppress()
{
    QJsonObject muted =
        webhookChannel(QStringLiteral("muted"), m_receiver->url(QStringLiteral("/ok")));
    muted.insert(QStringLiteral("default"), true);
    muted.insert(QStringLiteral("muted"), true);
    const QString mutedId = createChannel(muted).value(QStringLiteral("id")).toString();
    QJsonObject cooling =
        webhookChannel(QStringLiteral("cooling"), m_receiver->url(QStringLiteral("/ok")));
    cooling.insert(QStringLiteral("default"), true);
    cooling.insert(QStringLiteral("cooldown_s"), 3600);
    const QString coolingId = createChannel(cooling).value(QStringLiteral("id")).toString();
    QJsonObject budgeted =
        webhookChannel(QStringLiteral("budgeted"), m_receiver->url(QStringLiteral("/ok")));
    budgeted.insert(QStringLiteral("default"), true);
    budgeted.insert(QStringLiteral("daily_budget"), 2);
    const QString budgetedId = createChannel(budgeted).value(QStringLiteral("id")).toString();
    const QJsonObject watcher = createWatcher(QStringLiteral("chatty"));
    for (int n = 1; n <= 3; ++n)
        fire(watcher, n);

    const QJsonArray mutedOnes = settledDeliveries("&channel=" + mutedId.toLatin1(), 3);
    for (const QJsonValue &value : mutedOnes) {
        QCOMPARE(value.toObject().value(QStringLiteral("status")).toString(),
                 QStringLiteral("suppressed"));
        QVERIFY(
            value.toObject().value(QStringLiteral("last_error")).toString().startsWith(u"muted"));
    }
    const QJsonArray cooled = settledDeliveries("&channel=" + coolingId.toLatin1(), 3);
    QMap<QString, int> coolingStates;
    for (const QJsonValue &value : cooled)
        ++coolingStates[value.toObject().value(QStringLiteral("status")).toString()];
    QCOMPARE(coolingStates.value(QStringLiteral("delivered")), 1);
    QCOMPARE(coolingStates.value(QStringLiteral("suppressed")), 2);
    const QJsonArray budget = settledDeliveries("&channel=" + budgetedId.toLatin1(), 3);
    QMap<QString, int> budgetStates;
    for (const QJsonValue &value : budget)
        ++budgetStates[value.toObject().value(QStringLiteral("status")).toString()];
    QCOMPARE(budgetStates.value(QStringLiteral("delivered")), 2);
    QCOMPARE(budgetStates.value(QStringLiteral("suppressed")), 1);
    // The newest is the one over budget, and says so.
    QVERIFY(budget.at(0)
                .toObject()
                .value(QStringLiteral("last_error"))
                .toString()
                .startsWith(u"daily_budget"));
    QCOMPARE(m_receiver->received("/ok").size(), 3);
    // Suppressed ones can still be sent by hand.
    QCOMPARE(call(port(), "POST",
                  "/api/v1/deliveries/" +
                      budget.at(0).toObject().value(QStringLiteral("id")).toString().toLatin1() +
                      "/redrive")
                 .status,
             200);
    QTRY_COMPARE_WITH_TIMEOUT(m_receiver->received("/ok").size(), 4, scaled(10000));
}

void TestChannels::digestGathersAPeriodIntoOneMessage()
{
    // Daily, a few seconds from now (to the second, in UTC).
    const QDateTime end = QDateTime::currentDateTimeUtc().addSecs(4);
    QJsonObject daily =
        webhookChannel(QStringLiteral("daily"), m_receiver->url(QStringLiteral("/ok")));
    daily.insert(QStringLiteral("default"), true);
    daily.insert(
        QStringLiteral("digest"),
        QJsonObject { { QStringLiteral("every"), QStringLiteral("day") },
                      { QStringLiteral("at"), end.time().toString(QStringLiteral("HH:mm:ss")) },
                      { QStringLiteral("tz"), QStringLiteral("UTC") } });
    const QJsonObject channel = createChannel(daily);
    QCOMPARE(channel.value(QStringLiteral("digest"))
                 .toObject()
                 .value(QStringLiteral("every"))
                 .toString(),
             QStringLiteral("day"));
    const QJsonObject watcher = createWatcher(QStringLiteral("gathered"));
    for (int n = 1; n <= 3; ++n)
        fire(watcher, n);
    const QJsonArray waiting = deliveries("&status=batched");
    QCOMPARE(waiting.size(), 3);
    QCOMPARE(QDateTime::fromString(
                 waiting.at(0).toObject().value(QStringLiteral("next_attempt_at")).toString(),
                 Qt::ISODateWithMs)
                 .toSecsSinceEpoch(),
             end.toSecsSinceEpoch());
    QVERIFY(m_receiver->received("/ok").isEmpty());
    // At the end of the period: one message with all three.
    QTRY_COMPARE_WITH_TIMEOUT(m_receiver->received("/ok").size(), 1, scaled(15000));
    const QJsonObject body =
        QJsonDocument::fromJson(m_receiver->received("/ok").at(0).body).object();
    QCOMPARE(body.value(QStringLiteral("type")).toString(), QStringLiteral("digest"));
    const QJsonObject data = body.value(QStringLiteral("data")).toObject();
    QCOMPARE(data.value(QStringLiteral("title")).toString(),
             QStringLiteral("Hearth: 3 notification(s)"));
    QCOMPARE(data.value(QStringLiteral("notifications")).toArray().size(), 3);
    for (const QString &title :
         { QStringLiteral("gathered: note 1"), QStringLiteral("gathered: note 3") })
        QVERIFY2(data.value(QStringLiteral("body")).toString().contains(title),
                 qPrintable(data.value(QStringLiteral("body")).toString()));
    QTRY_COMPARE_WITH_TIMEOUT(deliveries("&status=digested").size(), 3, scaled(5000));
    QCOMPARE(deliveries("&status=delivered").size(), 1);
    QCOMPARE(deliveries("&status=batched").size(), 0);
    // The next notification waits for tomorrow's digest.
    fire(watcher, 4);
    const QJsonArray next = deliveries("&status=batched");
    QCOMPARE(next.size(), 1);
    QCOMPARE(QDateTime::fromString(
                 next.at(0).toObject().value(QStringLiteral("next_attempt_at")).toString(),
                 Qt::ISODateWithMs)
                 .toSecsSinceEpoch(),
             end.addDays(1).toSecsSinceEpoch());
}

void TestChannels::badChannelsAreRefused()
{
    const struct
    {
        QJsonObject channel;
        QByteArray field;
    } cases[] = {
        { { { QStringLiteral("name"), QStringLiteral("x") } }, "kind" },
        { { { QStringLiteral("name"), QStringLiteral("x") },
            { QStringLiteral("ntfy"),
              QJsonObject { { QStringLiteral("topic"), QStringLiteral("a b") } } } },
          "ntfy.topic" },
        { { { QStringLiteral("name"), QStringLiteral("x") },
            { QStringLiteral("webhook"),
              QJsonObject { { QStringLiteral("url"), QStringLiteral("ftp://h/") } } } },
          "webhook.url" },
        { { { QStringLiteral("name"), QStringLiteral("x") },
            { QStringLiteral("email"),
              QJsonObject {
                  { QStringLiteral("server"), QStringLiteral("smtp.example.org") },
                  { QStringLiteral("from"), QStringLiteral("me@example.org") },
                  { QStringLiteral("to"), QJsonArray { QStringLiteral("not an address") } } } } },
          "email.to[0]" },
        { { { QStringLiteral("name"), QStringLiteral("x") },
            { QStringLiteral("email"),
              QJsonObject {
                  { QStringLiteral("server"), QStringLiteral("smtp.example.org") },
                  { QStringLiteral("from"), QStringLiteral("me@example.org") },
                  { QStringLiteral("to"), QStringLiteral("me@example.org") },
                  { QStringLiteral("username"), QStringLiteral("me") },
                  { QStringLiteral("password_secret"), QStringLiteral("no_such_secret") } } } },
          "email.password_secret" },
        { { { QStringLiteral("name"), QStringLiteral("x") },
            { QStringLiteral("ntfy"),
              QJsonObject { { QStringLiteral("topic"), QStringLiteral("t") } } },
            { QStringLiteral("retry"), QJsonObject { { QStringLiteral("max_attempts"), 0 } } } },
          "retry.max_attempts" },
    };
    for (const auto &c : cases) {
        const HttpResponse response = call(port(), "POST", "/api/v1/channels", compact(c.channel));
        QCOMPARE(response.status, 422);
        const QString message = json(response)
                                    .value(QStringLiteral("error"))
                                    .toObject()
                                    .value(QStringLiteral("message"))
                                    .toString();
        QVERIFY2(message.startsWith(QString::fromLatin1(c.field + ": ")), qPrintable(message));
    }
    QCOMPARE(json(call(port(), "GET", "/api/v1/channels"))
                 .value(QStringLiteral("items"))
                 .toArray()
                 .size(),
             0);
    const QJsonObject ntfy { { QStringLiteral("name"), QStringLiteral("dup") },
                             { QStringLiteral("ntfy"),
                               QJsonObject { { QStringLiteral("topic"), QStringLiteral("t") } } } };
    QCOMPARE(call(port(), "POST", "/api/v1/channels", compact(ntfy)).status, 201);
    QCOMPARE(call(port(), "POST", "/api/v1/channels", compact(ntfy)).status, 409);
    QCOMPARE(call(port(), "GET", "/api/v1/channels/999").status, 404);
    QCOMPARE(call(port(), "POST", "/api/v1/channels/999/test").status, 404);
    QCOMPARE(call(port(), "GET", "/api/v1/deliveries/999").status, 404);
    QCOMPARE(call(port(), "GET", "/api/v1/deliveries?status=lost").status, 422);
    QCOMPARE(call(port(), "POST", "/api/v1/channels", "{").status, 400);
}

void TestChannels::kill9DuringDeliveryLosesNoneAndRepeatsNoId()
{
    QJsonObject slow =
        webhookChannel(QStringLiteral("slow"), m_receiver->url(QStringLiteral("/slow")));
    slow.insert(QStringLiteral("default"), true);
    createChannel(slow);
    const QJsonObject watcher = createWatcher(QStringLiteral("many"));
    constexpr int Notifications = 5;
    for (int n = 1; n <= Notifications; ++n)
        fire(watcher, n);
    // Killed while the receiver holds a request (each takes 1.5 s).
    QTRY_VERIFY_WITH_TIMEOUT(m_receiver->received("/slow").size() >= 2, scaled(20000));
    m_hearthd->kill9();
    QVERIFY2(m_hearthd->start({}, m_key), qPrintable(m_hearthd->lastError()));
    const QJsonArray settled = settledDeliveries({}, Notifications);
    QCOMPARE(settled.size(), Notifications);
    int interrupted = 0;
    for (const QJsonValue &value : settled) {
        const QJsonObject delivery = value.toObject();
        QCOMPARE(delivery.value(QStringLiteral("status")).toString(), QStringLiteral("delivered"));
        const QJsonArray attempts =
            json(call(port(), "GET",
                      "/api/v1/deliveries/" +
                          delivery.value(QStringLiteral("id")).toString().toLatin1()))
                .value(QStringLiteral("attempt_log"))
                .toArray();
        for (const QJsonValue &attempt : attempts)
            interrupted +=
                attempt.toObject().value(QStringLiteral("outcome")).toString() == u"interrupted";
    }
    QCOMPARE(interrupted, 1);
    // At the receiver: every notification, each under its one id; the one
    // in flight at the kill came twice with the same id, for it to drop.
    QMap<QByteArray, int> timesById;
    for (const Received &r : m_receiver->received("/slow"))
        ++timesById[r.headers.value("webhook-id")];
    QCOMPARE(timesById.size(), Notifications);
    int repeated = 0;
    for (int times : std::as_const(timesById))
        repeated += times - 1;
    QVERIFY(repeated <= 1);
}

void TestChannels::cliManagesChannelsAndDeliveries()
{
    const QStringList connection { QStringLiteral("--data-dir"), m_hearthd->dataDir() };
    const auto cli = [&connection](const QStringList &arguments) {
        return runCli(connection + arguments);
    };
    const CliResult added =
        cli({ QStringLiteral("channels"), QStringLiteral("add"), QStringLiteral("hook"),
              QStringLiteral("webhook"),
              QStringLiteral("url=") + m_receiver->url(QStringLiteral("/down")),
              QStringLiteral("default=true"), QStringLiteral("retry.max_attempts=1") });
    QVERIFY2(added.exitCode == 0, added.err.constData());
    QVERIFY2(added.out.contains("added channel hook"), added.out.constData());
    const CliResult listed = cli({ QStringLiteral("channels"), QStringLiteral("ls") });
    QVERIFY2(listed.out.contains("hook") && listed.out.contains("webhook") &&
                 listed.out.contains(m_receiver->url(QStringLiteral("/down")).toUtf8()),
             listed.out.constData());
    // A test that fails says why and exits non-zero.
    const CliResult failedTest =
        cli({ QStringLiteral("channels"), QStringLiteral("test"), QStringLiteral("hook") });
    QCOMPARE(failedTest.exitCode, 1);
    QVERIFY2(failedTest.err.contains("dead") && failedTest.err.contains("HTTP 500"),
             failedTest.err.constData());
    const CliResult dead =
        cli({ QStringLiteral("deliveries"), QStringLiteral("ls"), QStringLiteral("--status"),
              QStringLiteral("dead"), QStringLiteral("--channel"), QStringLiteral("hook") });
    QVERIFY2(dead.exitCode == 0 && dead.out.contains("Hearth test message"), dead.out.constData());
    // Pointed at a receiver that takes it, the dead delivery is redriven.
    const CliResult edited =
        cli({ QStringLiteral("channels"), QStringLiteral("edit"), QStringLiteral("hook"),
              QStringLiteral("url=") + m_receiver->url(QStringLiteral("/ok")),
              QStringLiteral("retry.base_s=2") });
    QVERIFY2(edited.exitCode == 0, edited.err.constData());
    const QJsonObject channel = json(call(port(), "GET", "/api/v1/channels"))
                                    .value(QStringLiteral("items"))
                                    .toArray()
                                    .at(0)
                                    .toObject();
    QCOMPARE(
        channel.value(QStringLiteral("retry")).toObject().value(QStringLiteral("base_s")).toInt(),
        2);
    QCOMPARE(channel.value(QStringLiteral("retry"))
                 .toObject()
                 .value(QStringLiteral("max_attempts"))
                 .toInt(),
             1);
    const CliResult redriven = cli({ QStringLiteral("deliveries"), QStringLiteral("redrive"),
                                     QStringLiteral("--status"), QStringLiteral("dead") });
    QVERIFY2(redriven.exitCode == 0 && redriven.out.contains("1 delivery"),
             redriven.out.constData());
    QTRY_COMPARE_WITH_TIMEOUT(m_receiver->received("/ok").size(), 1, scaled(10000));
    const QString id = deliveries().at(0).toObject().value(QStringLiteral("id")).toString();
    QTRY_COMPARE_WITH_TIMEOUT(json(call(port(), "GET", "/api/v1/deliveries/" + id.toLatin1()))
                                  .value(QStringLiteral("status"))
                                  .toString(),
                              QStringLiteral("delivered"), scaled(10000));
    const CliResult shown = cli({ QStringLiteral("deliveries"), QStringLiteral("show"), id });
    QVERIFY2(shown.out.contains("delivered after 2 attempt") && shown.out.contains("#1") &&
                 shown.out.contains("#2"),
             shown.out.constData());
    const CliResult okTest =
        cli({ QStringLiteral("channels"), QStringLiteral("test"), QStringLiteral("hook") });
    QVERIFY2(okTest.exitCode == 0 && okTest.out.contains("delivered through hook"),
             okTest.err.constData());
    // Bad input: one line, non-zero.
    const CliResult bad =
        cli({ QStringLiteral("channels"), QStringLiteral("add"), QStringLiteral("x"),
              QStringLiteral("ntfy"), QStringLiteral("topic") });
    QCOMPARE(bad.exitCode, 2);
    const CliResult refused =
        cli({ QStringLiteral("channels"), QStringLiteral("add"), QStringLiteral("x"),
              QStringLiteral("ntfy"), QStringLiteral("topic=a b") });
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.contains("ntfy.topic"), refused.err.constData());
    QCOMPARE(
        cli({ QStringLiteral("channels"), QStringLiteral("rm"), QStringLiteral("nope") }).exitCode,
        1);
    QCOMPARE(
        cli({ QStringLiteral("channels"), QStringLiteral("rm"), QStringLiteral("hook") }).exitCode,
        0);
    QCOMPARE(json(call(port(), "GET", "/api/v1/channels"))
                 .value(QStringLiteral("items"))
                 .toArray()
                 .size(),
             0);
}

QTEST_GUILESS_MAIN(TestChannels)
#include "tst_channels.moc"
