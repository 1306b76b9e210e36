#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QProcess>
#include <QString>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <functional>
#include <memory>

// Helpers for integration tests: a real hearthd process on a free loopback
// port with its own data dir, and raw HTTP over real sockets.
namespace hearth::test {

// Waits scale with HEARTH_TEST_TIMEOUT_FACTOR (sanitizer builds are slower).
int scaled(int milliseconds);

QString binary(const QString &name);

class HearthdProcess
{
public:
    // Uses `dataDir` or, when empty, a fresh temporary one.
    explicit HearthdProcess(const QString &dataDir = {});
    ~HearthdProcess();

    // Starts with --port 0 unless `arguments` name a port, and waits until
    // runtime.json names this process and /healthz answers.
    bool start(const QStringList &arguments = {}, const QProcessEnvironment &extraEnv = {});
    // Runs hearthd expecting it to exit by itself (refusals); returns the code.
    int runToExit(const QStringList &arguments, QByteArray *stderrOut = nullptr,
                  const QProcessEnvironment &extraEnv = {});
    // Sends `signal` (SIGTERM by default), then waits; returns the exit code
    // (or -1 if it did not exit normally).
    int terminate(int timeoutMs = 15000, int signal = 15);
    void kill9();

    QString dataDir() const { return m_dataDir; }
    QString path(const QString &name) const;
    quint16 port() const { return m_port; }
    qint64 pid() const { return m_pid; }
    QByteArray proofKey() const { return m_proofKey; }
    QByteArray readAllStandardError();
    QString lastError() const { return m_error; }

private:
    QProcessEnvironment environment(const QProcessEnvironment &extraEnv) const;

    std::unique_ptr<QTemporaryDir> m_tempDir;
    QString m_dataDir;
    QProcess m_process;
    quint16 m_port = 0;
    qint64 m_pid = 0;
    QByteArray m_proofKey;
    QString m_error;
};

struct HttpResponse
{
    int status = 0;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    bool serverClosed = false; // the server closed the connection after it

    QByteArray header(const QByteArray &name) const;
    bool hasHeader(const QByteArray &name) const;
    QByteArray errorCode() const; // from the JSON envelope
    QString errorMessage() const;
};

// A response's body as a JSON object (empty when it is not one), and an
// object as a compact request body.
QJsonObject json(const HttpResponse &response);
QByteArray compact(const QJsonObject &object);

// Builds a request with exactly the given header lines (nothing added).
QByteArray rawRequest(const QByteArray &method, const QByteArray &target,
                      const QList<QPair<QByteArray, QByteArray>> &headers,
                      const QByteArray &body = {});

// Standard headers for our port: Host, plus X-Hearth-Client, Content-Type and
// Content-Length for methods that change state.
QList<QPair<QByteArray, QByteArray>> defaultHeaders(quint16 port, const QByteArray &method,
                                                    const QByteArray &body = {});

// Sends bytes on a new connection and reads one response.
HttpResponse exchange(quint16 port, const QByteArray &request, int timeoutMs = 10000);
// A well-formed request with defaultHeaders.
HttpResponse call(quint16 port, const QByteArray &method, const QByteArray &target,
                  const QByteArray &body = {}, int timeoutMs = 10000);
// The same, as the client named in X-Hearth-Client ("hearth-tray",
// "hearth-mcp/<name>", …): hearthd records it as the actor.
HttpResponse callAs(quint16 port, const QByteArray &client, const QByteArray &method,
                    const QByteArray &target, const QByteArray &body = {});
// The same with `Authorization: Bearer <token>` (a device worker's or a run's
// token; none when it is empty).
HttpResponse callWithToken(quint16 port, const QByteArray &token, const QByteArray &method,
                           const QByteArray &target, const QByteArray &body = {},
                           int timeoutMs = 10000);

// The "secrets" object of /api/v1/status, and waiting for it to leave
// "loading" (the master key is found in the background).
QJsonObject secretsStatus(quint16 port);
QString waitForSecretsState(quint16 port, int timeoutMs = 20000);
// The run as the API answers it once it has ended (neither pending nor
// running), or as it was when timeoutMs ran out.
QJsonObject waitForRunEnd(quint16 port, const QString &runId, int timeoutMs = 20000);
// The newest 1,000 runs, listed again every 250 ms until `settled` says so;
// `*met` false (and the last listing) when timeoutMs ran out first.
QJsonArray listRunsUntil(quint16 port, const std::function<bool(const QJsonArray &runs)> &settled,
                         bool *met, int timeoutMs = 120000);

// Runs the `hearth` CLI to completion (stdin gets `input`, then closes;
// HEARTH_DATA_DIR is not inherited).
struct CliResult
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};
CliResult runCli(const QStringList &arguments, const QByteArray &input = {});

// HEARTH_SECRET_KEY set to a new random master key: a hearthd whose secrets
// are ready at once, without a keychain.
QProcessEnvironment withRandomSecretKey();

// Peak resident set (VmHWM) and current RSS of a process, in KiB (Linux).
qint64 peakRssKiB(qint64 pid);
qint64 rssKiB(qint64 pid);

// An open event stream on a raw socket.
class SseReader
{
public:
    bool open(quint16 port, const QByteArray &lastEventId = {})
    {
        m_socket.connectToHost(QStringLiteral("127.0.0.1"), port);
        if (!m_socket.waitForConnected(scaled(5000)))
            return false;
        QList<QPair<QByteArray, QByteArray>> headers = defaultHeaders(port, "GET");
        if (!lastEventId.isEmpty())
            headers.append({ "Last-Event-ID", lastEventId });
        m_socket.write(rawRequest("GET", "/api/v1/events", headers));
        return waitFor("\r\n\r\n");
    }
    // Reads until `text` has arrived (anywhere in what was read so far).
    bool waitFor(const QByteArray &text, int timeoutMs = 10000)
    {
        return waitUntil([&text](const QByteArray &received) { return received.contains(text); },
                         timeoutMs);
    }
    // Reads until what was read so far satisfies `seen`.
    bool waitUntil(const std::function<bool(const QByteArray &)> &seen, int timeoutMs = 10000)
    {
        QElapsedTimer timer;
        timer.start();
        while (!seen(m_received)) {
            if (timer.elapsed() > scaled(timeoutMs))
                return false;
            m_socket.waitForReadyRead(100);
            m_received += m_socket.readAll();
        }
        return true;
    }
    const QByteArray &received() const { return m_received; }
    // The ids of the events received so far, in order.
    QList<qint64> ids() const
    {
        QList<qint64> ids;
        for (const QByteArray &line : m_received.split('\n')) {
            if (line.startsWith("id: "))
                ids.append(line.mid(4).trimmed().toLongLong());
        }
        return ids;
    }

private:
    QTcpSocket m_socket;
    QByteArray m_received;
};

} // namespace hearth::test
