// Secrets end to end against a real hearthd with no keychain reachable: the
// environment key, the opt-in key file, the 503 path, mismatches across
// restarts, durability under kill -9, the CLI, and that a planted value shows
// up only where it is meant to (the reveal response).
#include "HearthdProcess.h"
#include "core/Crypto.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <atomic>
#include <thread>

using namespace hearth::test;

namespace {

QProcessEnvironment withKey(const QString &base64Key)
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("HEARTH_SECRET_KEY"), base64Key);
    return env;
}

QString newKey()
{
    return QString::fromLatin1(hearth::crypto::randomBytes(32).toBase64());
}

QByteArray putBody(const QByteArray &value)
{
    return QJsonDocument(QJsonObject { { QStringLiteral("value"), QString::fromUtf8(value) } })
        .toJson(QJsonDocument::Compact);
}

CliResult runCli(const QString &dataDir, const QStringList &arguments, const QByteArray &input = {})
{
    return hearth::test::runCli(QStringList { QStringLiteral("--data-dir"), dataDir } + arguments,
                                input);
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestSecrets : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void apiWithEnvironmentKey();
    void environmentKeyErrorsAreDistinct_data();
    void environmentKeyErrorsAreDistinct();
    void withoutAnySourceSecretsAre503ButTheRestWorks();
    void keyFileOptInWarnsEverywhere();
    void mismatchAcrossRestartsLosesNothing();
    void acknowledgedWritesSurviveKill9();
    void cli();
    void plantedValueAppearsOnlyInReveal();
};

void TestSecrets::apiWithEnvironmentKey()
{
    HearthdProcess hearthd;
    QVERIFY2(hearthd.start({ QStringLiteral("--max-secret-bytes"), QStringLiteral("100") },
                           withKey(newKey())),
             qPrintable(hearthd.lastError()));
    const quint16 port = hearthd.port();
    QCOMPARE(waitForSecretsState(port), QStringLiteral("ready"));
    QCOMPARE(secretsStatus(port).value(QStringLiteral("source")).toString(),
             QStringLiteral("environment"));

    QCOMPARE(call(port, "PUT", "/api/v1/secrets/GITHUB_TOKEN", putBody("ghp_one")).status, 201);
    QCOMPARE(call(port, "PUT", "/api/v1/secrets/GITHUB_TOKEN", putBody("ghp_two")).status, 200);
    const HttpResponse list = call(port, "GET", "/api/v1/secrets");
    QCOMPARE(list.status, 200);
    const QJsonArray items =
        QJsonDocument::fromJson(list.body).object().value(QStringLiteral("items")).toArray();
    QCOMPARE(items.size(), 1);
    QCOMPARE(items.at(0).toObject().keys(),
             (QStringList { QStringLiteral("created_at"), QStringLiteral("name"),
                            QStringLiteral("updated_at") }));
    const HttpResponse revealed = call(port, "POST", "/api/v1/secrets/GITHUB_TOKEN/reveal", "{}");
    QCOMPARE(revealed.status, 200);
    QCOMPARE(
        QJsonDocument::fromJson(revealed.body).object().value(QStringLiteral("value")).toString(),
        QStringLiteral("ghp_two"));
    QCOMPARE(call(port, "POST", "/api/v1/secrets/GITHUB_TOKEN/reveal", "").status, 200);

    QCOMPARE(call(port, "POST", "/api/v1/secrets/NOPE/reveal", "{}").errorCode(),
             QByteArray("not_found"));
    QCOMPARE(call(port, "PUT", "/api/v1/secrets/9bad", putBody("x")).status, 422);
    QCOMPARE(call(port, "PUT", "/api/v1/secrets/a%2Fb", putBody("x")).status, 422);
    QCOMPARE(call(port, "PUT", "/api/v1/secrets/OK", R"({"value": 5})").status, 422);
    QCOMPARE(call(port, "PUT", "/api/v1/secrets/OK", "{").errorCode(), QByteArray("invalid_json"));
    const HttpResponse tooBig =
        call(port, "PUT", "/api/v1/secrets/BIG", putBody(QByteArray(101, 'x')));
    QCOMPARE(tooBig.status, 413);
    QCOMPARE(tooBig.errorCode(), QByteArray("value_too_large"));
    QVERIFY(!tooBig.body.contains("xxxx"));
    QCOMPARE(call(port, "PUT", "/api/v1/secrets/BIG", putBody(QByteArray(100, 'x'))).status, 201);
    QCOMPARE(call(port, "PUT", "/api/v1/secrets/HUGE", putBody(QByteArray(2000, 'x'))).errorCode(),
             QByteArray("body_too_large"));

    const HttpResponse rotate = call(port, "POST", "/api/v1/secrets/rotate-key", "{}");
    QCOMPARE(rotate.status, 409);
    QCOMPARE(rotate.errorCode(), QByteArray("rotation_unsupported"));
    QCOMPARE(call(port, "POST", "/api/v1/secrets/reset", "{}").status, 422);

    QCOMPARE(call(port, "DELETE", "/api/v1/secrets/GITHUB_TOKEN").status, 204);
    QCOMPARE(call(port, "DELETE", "/api/v1/secrets/GITHUB_TOKEN").status, 204);
    const HttpResponse reset = call(port, "POST", "/api/v1/secrets/reset", R"({"confirm": true})");
    QCOMPARE(reset.status, 200);
    QCOMPARE(QJsonDocument::fromJson(reset.body).object().value(QStringLiteral("deleted")).toInt(),
             1);
    QCOMPARE(hearthd.terminate(), 0);
}

void TestSecrets::environmentKeyErrorsAreDistinct_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("message");
    QTest::newRow("malformed") << QStringLiteral("%%%not-base64")
                               << QStringLiteral("is not valid base64");
    QTest::newRow("wrong length") << QString::fromLatin1(QByteArray(24, 'k').toBase64())
                                  << QStringLiteral("decodes to 24 bytes; it must be exactly 32");
}

void TestSecrets::environmentKeyErrorsAreDistinct()
{
    QFETCH(QString, value);
    QFETCH(QString, message);
    HearthdProcess hearthd;
    QVERIFY2(hearthd.start({ QStringLiteral("--insecure-key-file") }, withKey(value)),
             qPrintable(hearthd.lastError()));
    QCOMPARE(waitForSecretsState(hearthd.port()), QStringLiteral("unavailable"));
    const QString reported =
        secretsStatus(hearthd.port()).value(QStringLiteral("message")).toString();
    QVERIFY2(reported.contains(message), qPrintable(reported));
    // No silent fallback to the key file the user also allowed.
    QVERIFY(!QFile::exists(hearthd.path(QStringLiteral("master.key"))));
    const HttpResponse refused = call(hearthd.port(), "PUT", "/api/v1/secrets/A", putBody("v"));
    QCOMPARE(refused.status, 503);
    QCOMPARE(refused.errorCode(), QByteArray("secrets_unavailable"));
    QVERIFY(QJsonDocument::fromJson(refused.body)
                .object()
                .value(QStringLiteral("error"))
                .toObject()
                .value(QStringLiteral("message"))
                .toString()
                .contains(message));
}

void TestSecrets::withoutAnySourceSecretsAre503ButTheRestWorks()
{
    HearthdProcess hearthd;
    QVERIFY2(hearthd.start(), qPrintable(hearthd.lastError()));
    const quint16 port = hearthd.port();
    // While the keychain retry is pending and after it gave up: 503.
    QCOMPARE(call(port, "GET", "/api/v1/secrets").status, 503);
    QCOMPARE(waitForSecretsState(port, 30000), QStringLiteral("unavailable"));
    const QJsonObject status = secretsStatus(port);
    const QString message = status.value(QStringLiteral("message")).toString();
    for (const char *hint : { "HEARTH_SECRET_KEY is not set", "keychain", "--insecure-key-file" })
        QVERIFY2(message.contains(QLatin1String(hint)), qPrintable(message));
    const HttpResponse refused = call(port, "PUT", "/api/v1/secrets/A", putBody("v"));
    QCOMPARE(refused.status, 503);
    QCOMPARE(refused.errorCode(), QByteArray("secrets_unavailable"));
    // Everything else is served.
    QCOMPARE(call(port, "PUT", "/api/v1/kv/still", "1").status, 201);
    QCOMPARE(call(port, "GET", "/healthz").status, 200);
    const CliResult cli =
        runCli(hearthd.dataDir(), { QStringLiteral("secrets"), QStringLiteral("ls") });
    QCOMPARE(cli.exitCode, 1);
    QVERIFY(cli.err.contains("secrets_unavailable"));
    QCOMPARE(hearthd.terminate(), 0);
}

void TestSecrets::keyFileOptInWarnsEverywhere()
{
    HearthdProcess hearthd;
    QVERIFY2(hearthd.start({ QStringLiteral("--insecure-key-file") }),
             qPrintable(hearthd.lastError()));
    QCOMPARE(waitForSecretsState(hearthd.port(), 30000), QStringLiteral("ready"));
    const QJsonObject status = secretsStatus(hearthd.port());
    QCOMPARE(status.value(QStringLiteral("source")).toString(), QStringLiteral("file"));
    QVERIFY(status.value(QStringLiteral("warning")).toString().contains(u"insecure-key-file"));
    QVERIFY(QFile::exists(hearthd.path(QStringLiteral("master.key"))));
    const CliResult cli = runCli(hearthd.dataDir(), { QStringLiteral("status") });
    QCOMPARE(cli.exitCode, 0);
    QVERIFY2(cli.out.contains("WARNING"), cli.out.constData());
    QCOMPARE(call(hearthd.port(), "PUT", "/api/v1/secrets/K", putBody("v")).status, 201);
    // Rotation works with a writable source.
    const CliResult rotated =
        runCli(hearthd.dataDir(), { QStringLiteral("secrets"), QStringLiteral("rotate-key") });
    QCOMPARE(rotated.exitCode, 0);
    QVERIFY(rotated.out.contains("key version 2"));
    QCOMPARE(hearthd.terminate(), 0);
    QVERIFY(
        readAll(hearthd.path(QStringLiteral("logs/hearthd.log"))).contains("insecure-key-file"));

    HearthdProcess again(hearthd.dataDir());
    QVERIFY2(again.start({ QStringLiteral("--insecure-key-file") }), qPrintable(again.lastError()));
    QCOMPARE(waitForSecretsState(again.port(), 30000), QStringLiteral("ready"));
    QCOMPARE(runCli(again.dataDir(),
                    { QStringLiteral("secrets"), QStringLiteral("get"), QStringLiteral("K") })
                 .out,
             QByteArray("v\n"));
}

void TestSecrets::mismatchAcrossRestartsLosesNothing()
{
    const QString keyA = newKey();
    const QString keyB = newKey();
    HearthdProcess first;
    QVERIFY2(first.start({}, withKey(keyA)), qPrintable(first.lastError()));
    QCOMPARE(waitForSecretsState(first.port()), QStringLiteral("ready"));
    for (int i = 0; i < 3; ++i)
        QCOMPARE(call(first.port(), "PUT", "/api/v1/secrets/S" + QByteArray::number(i),
                      putBody("v" + QByteArray::number(i)))
                     .status,
                 201);
    QCOMPARE(first.terminate(), 0);

    HearthdProcess second(first.dataDir());
    QVERIFY2(second.start({}, withKey(keyB)), qPrintable(second.lastError()));
    QCOMPARE(waitForSecretsState(second.port()), QStringLiteral("mismatch"));
    const QString message =
        secretsStatus(second.port()).value(QStringLiteral("message")).toString();
    QVERIFY2(message.contains(u"HEARTH_SECRET_KEY") && message.contains(u"reset --yes"),
             qPrintable(message));
    for (const QByteArray &method :
         { QByteArray("GET"), QByteArray("PUT"), QByteArray("POST"), QByteArray("DELETE") }) {
        const QByteArray target = method == "GET" ? QByteArray("/api/v1/secrets")
            : method == "POST"                    ? QByteArray("/api/v1/secrets/S0/reveal")
                                                  : QByteArray("/api/v1/secrets/S0");
        const HttpResponse refused =
            call(second.port(), method, target,
                 method == "PUT" ? putBody("overwrite")
                                 : (method == "POST" ? QByteArray("{}") : QByteArray()));
        QCOMPARE(refused.status, 409);
        QCOMPARE(refused.errorCode(), QByteArray("master_key_mismatch"));
    }
    QCOMPARE(second.terminate(), 0);

    HearthdProcess third(first.dataDir());
    QVERIFY2(third.start({}, withKey(keyA)), qPrintable(third.lastError()));
    QCOMPARE(waitForSecretsState(third.port()), QStringLiteral("ready"));
    for (int i = 0; i < 3; ++i) {
        const HttpResponse revealed = call(
            third.port(), "POST", "/api/v1/secrets/S" + QByteArray::number(i) + "/reveal", "{}");
        QCOMPARE(QJsonDocument::fromJson(revealed.body)
                     .object()
                     .value(QStringLiteral("value"))
                     .toString(),
                 QStringLiteral("v%1").arg(i));
    }
}

void TestSecrets::acknowledgedWritesSurviveKill9()
{
    const QString key = newKey();
    HearthdProcess first;
    QVERIFY2(first.start({}, withKey(key)), qPrintable(first.lastError()));
    QCOMPARE(waitForSecretsState(first.port()), QStringLiteral("ready"));
    const quint16 port = first.port();
    std::atomic<int> acknowledged = 0;
    std::atomic<bool> stop = false;
    std::thread writer([&]() {
        for (int i = 0; !stop && i < 100000; ++i) {
            const HttpResponse response =
                call(port, "PUT", "/api/v1/secrets/B" + QByteArray::number(i),
                     putBody("burst-" + QByteArray::number(i)));
            if (response.status != 201)
                break;
            acknowledged = i + 1;
        }
    });
    QTRY_VERIFY_WITH_TIMEOUT(acknowledged.load() >= 20, scaled(20000));
    first.kill9();
    stop = true;
    writer.join();
    const int written = acknowledged.load();

    HearthdProcess second(first.dataDir());
    QVERIFY2(second.start({}, withKey(key)), qPrintable(second.lastError()));
    QCOMPARE(waitForSecretsState(second.port()), QStringLiteral("ready"));
    for (int i = 0; i < written; ++i) {
        const HttpResponse revealed = call(
            second.port(), "POST", "/api/v1/secrets/B" + QByteArray::number(i) + "/reveal", "{}");
        QCOMPARE(revealed.status, 200);
        QCOMPARE(QJsonDocument::fromJson(revealed.body)
                     .object()
                     .value(QStringLiteral("value"))
                     .toString(),
                 QStringLiteral("burst-%1").arg(i));
    }
}

void TestSecrets::cli()
{
    HearthdProcess hearthd;
    QVERIFY2(hearthd.start({}, withKey(newKey())), qPrintable(hearthd.lastError()));
    QCOMPARE(waitForSecretsState(hearthd.port()), QStringLiteral("ready"));
    const QString dir = hearthd.dataDir();
    // From stdin (not a terminal here); one trailing newline is dropped.
    CliResult set =
        runCli(dir, { QStringLiteral("secrets"), QStringLiteral("set"), QStringLiteral("API_KEY") },
               "s3cr3t\n");
    QCOMPARE(set.exitCode, 0);
    QCOMPARE(set.out, QByteArray("created API_KEY\n"));
    QVERIFY(!set.out.contains("s3cr3t") && !set.err.contains("s3cr3t"));
    QCOMPARE(
        runCli(dir, { QStringLiteral("secrets"), QStringLiteral("get"), QStringLiteral("API_KEY") })
            .out,
        QByteArray("s3cr3t\n"));
    const CliResult json =
        runCli(dir,
               { QStringLiteral("secrets"), QStringLiteral("get"), QStringLiteral("API_KEY"),
                 QStringLiteral("-o"), QStringLiteral("json") });
    QCOMPARE(QJsonDocument::fromJson(json.out).object().value(QStringLiteral("value")).toString(),
             QStringLiteral("s3cr3t"));

    const CliResult list = runCli(dir, { QStringLiteral("secrets"), QStringLiteral("ls") });
    QCOMPARE(list.exitCode, 0);
    QVERIFY(list.out.startsWith("NAME"));
    QVERIFY(list.out.contains("API_KEY"));
    QVERIFY(!list.out.contains("s3cr3t"));
    const CliResult listJson = runCli(dir,
                                      { QStringLiteral("secrets"), QStringLiteral("ls"),
                                        QStringLiteral("-o"), QStringLiteral("json") });
    QCOMPARE(QJsonDocument::fromJson(listJson.out)
                 .object()
                 .value(QStringLiteral("items"))
                 .toArray()
                 .size(),
             1);

    // On a terminal: a prompt, and the typed value is not echoed. script(1)
    // gives the CLI a pseudo-terminal.
    QProcess terminal;
    terminal.start(QStringLiteral("script"),
                   { QStringLiteral("-q"), QStringLiteral("-e"), QStringLiteral("-c"),
                     binary(QStringLiteral("hearth")) + QStringLiteral(" --data-dir ") + dir +
                         QStringLiteral(" secrets set FROM_TTY"),
                     QStringLiteral("/dev/null") });
    QVERIFY(terminal.waitForStarted(scaled(5000)));
    QByteArray transcript;
    while (!transcript.contains("Value for FROM_TTY: ") && terminal.waitForReadyRead(scaled(10000)))
        transcript += terminal.readAll();
    QVERIFY2(transcript.contains("Value for FROM_TTY: "), transcript.constData());
    terminal.write("typed-at-tty\n");
    QVERIFY(terminal.waitForFinished(scaled(10000)));
    transcript += terminal.readAll();
    QCOMPARE(terminal.exitCode(), 0);
    QVERIFY2(transcript.contains("created FROM_TTY"), transcript.constData());
    QVERIFY(!transcript.contains("typed-at-tty"));
    QCOMPARE(
        runCli(dir,
               { QStringLiteral("secrets"), QStringLiteral("get"), QStringLiteral("FROM_TTY") })
            .out,
        QByteArray("typed-at-tty\n"));

    // The value is never taken from an argument.
    QCOMPARE(runCli(dir,
                    { QStringLiteral("secrets"), QStringLiteral("set"), QStringLiteral("X"),
                      QStringLiteral("value") })
                 .exitCode,
             2);
    QCOMPARE(
        runCli(dir, { QStringLiteral("secrets"), QStringLiteral("get"), QStringLiteral("MISSING") })
            .exitCode,
        1);
    QCOMPARE(
        runCli(dir,
               { QStringLiteral("secrets"), QStringLiteral("set"), QStringLiteral("bad name") },
               "v")
            .exitCode,
        1);
    const CliResult rotate =
        runCli(dir, { QStringLiteral("secrets"), QStringLiteral("rotate-key") });
    QCOMPARE(rotate.exitCode, 1);
    QVERIFY(rotate.err.contains("rotation_unsupported"));
    QCOMPARE(runCli(dir, { QStringLiteral("secrets"), QStringLiteral("reset") }).exitCode, 2);
    QCOMPARE(
        runCli(dir, { QStringLiteral("secrets"), QStringLiteral("rm"), QStringLiteral("API_KEY") })
            .out,
        QByteArray("removed API_KEY\n"));
    QCOMPARE(runCli(dir,
                    { QStringLiteral("secrets"), QStringLiteral("set"), QStringLiteral("AGAIN") },
                    "x")
                 .exitCode,
             0);
    const CliResult reset = runCli(
        dir, { QStringLiteral("secrets"), QStringLiteral("reset"), QStringLiteral("--yes") });
    QCOMPARE(reset.exitCode, 0);
    QCOMPARE(reset.out, QByteArray("deleted 2 secrets\n"));
}

void TestSecrets::plantedValueAppearsOnlyInReveal()
{
    const QByteArray planted = "planted-" + hearth::crypto::randomBytes(12).toHex();
    HearthdProcess hearthd;
    QVERIFY2(hearthd.start({ QStringLiteral("--log-level"), QStringLiteral("debug") },
                           withKey(newKey())),
             qPrintable(hearthd.lastError()));
    const quint16 port = hearthd.port();
    QCOMPARE(waitForSecretsState(port), QStringLiteral("ready"));

    QList<HttpResponse> responses;
    responses << call(port, "PUT", "/api/v1/secrets/PLANT", putBody(planted));
    responses << call(port, "PUT", "/api/v1/secrets/PLANT", putBody(planted));
    responses << call(port, "PUT", "/api/v1/secrets/9bad", putBody(planted));
    responses << call(port, "PUT", "/api/v1/secrets/PLANT",
                      "{\"value\": \"" + planted + "\""); // malformed
    responses << call(port, "PUT", "/api/v1/secrets/PLANT", "{\"value\": [\"" + planted + "\"]}");
    responses << call(port, "GET", "/api/v1/secrets");
    responses << call(port, "GET", "/api/v1/status");
    responses << call(port, "POST", "/api/v1/secrets/PLANT/reveal", "[\"" + planted + "\"]");
    responses << call(port, "GET", "/api/v1/kv");
    // A script that reads it, logs it and returns it: what its runs leave
    // behind (result, logs, the next run's ctx.last) holds *** instead.
    const QString script =
        QStringLiteral("local t = secrets.get('PLANT') log.info('using ' .. t, { t = t }) "
                       "return { token = t, list = { 'Bearer ' .. t }, "
                       "same = t:sub(1, 8) == 'planted-' and #t == %1 }")
            .arg(planted.size());
    const HttpResponse adHoc =
        call(port, "POST", "/api/v1/scripts/run",
             QJsonDocument(QJsonObject { { QStringLiteral("source"), script } })
                 .toJson(QJsonDocument::Compact));
    QCOMPARE(adHoc.status, 200);
    QVERIFY2(adHoc.body.contains(R"("same":true)"), adHoc.body.constData());
    const HttpResponse created =
        call(port, "POST", "/api/v1/watchers",
             QJsonDocument(QJsonObject { { QStringLiteral("name"), QStringLiteral("uses-plant") },
                                         { QStringLiteral("script"), script },
                                         { QStringLiteral("schedule"),
                                           QJsonObject { { QStringLiteral("every_s"), 3600 } } } })
                 .toJson(QJsonDocument::Compact));
    QCOMPARE(created.status, 201);
    const QByteArray watcherId = QJsonDocument::fromJson(created.body)
                                     .object()
                                     .value(QStringLiteral("id"))
                                     .toString()
                                     .toLatin1();
    const QByteArray runId =
        QJsonDocument::fromJson(call(port, "POST", "/api/v1/watchers/" + watcherId + "/run").body)
            .object()
            .value(QStringLiteral("id"))
            .toString()
            .toLatin1();
    QTRY_VERIFY_WITH_TIMEOUT(
        call(port, "GET", "/api/v1/runs/" + runId).body.contains(R"("status":"succeeded")"),
        scaled(10000));
    const HttpResponse run = call(port, "GET", "/api/v1/runs/" + runId);
    QVERIFY2(run.body.contains(R"("token":"***")") && run.body.contains(R"("same":true)"),
             run.body.constData());
    responses << adHoc << run << call(port, "GET", "/api/v1/runs/" + runId + "/logs")
              << call(port, "GET", "/api/v1/runs?watcher=" + watcherId);
    const HttpResponse reveal = call(port, "POST", "/api/v1/secrets/PLANT/reveal", "{}");
    QVERIFY(reveal.body.contains(planted)); // where it is meant to be
    for (const HttpResponse &response : std::as_const(responses))
        QVERIFY2(!response.body.contains(planted), response.body.constData());
    const CliResult status = runCli(hearthd.dataDir(), { QStringLiteral("status") });
    QVERIFY(!status.out.contains(planted));
    QCOMPARE(hearthd.terminate(), 0);

    QVERIFY(!hearthd.readAllStandardError().contains(planted));
    for (const QString &file : QDir(hearthd.dataDir()).entryList(QDir::Files))
        QVERIFY2(!readAll(hearthd.path(file)).contains(planted), qPrintable(file));
    for (const QString &file : QDir(hearthd.path(QStringLiteral("logs"))).entryList(QDir::Files))
        QVERIFY2(!readAll(hearthd.path(QStringLiteral("logs/") + file)).contains(planted),
                 qPrintable(file));
    QVERIFY(readAll(hearthd.path(QStringLiteral("logs/hearthd.log")))
                .contains("/api/v1/secrets/PLANT"));
}

QTEST_GUILESS_MAIN(TestSecrets)
#include "tst_secrets.moc"
