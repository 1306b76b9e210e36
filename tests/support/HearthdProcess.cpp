#include "HearthdProcess.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QTest>
#include <QThread>
#include <csignal>

namespace hearth::test {

int scaled(int milliseconds)
{
    const int factor = qMax(1, qEnvironmentVariableIntValue("HEARTH_TEST_TIMEOUT_FACTOR"));
    return milliseconds * factor;
}

QString binary(const QString &name)
{
    return QStringLiteral(HEARTH_BIN_DIR "/") + name;
}

HearthdProcess::HearthdProcess(const QString &dataDir)
{
    if (dataDir.isEmpty()) {
        m_tempDir = std::make_unique<QTemporaryDir>();
        m_dataDir = m_tempDir->path();
    } else {
        m_dataDir = dataDir;
    }
}

HearthdProcess::~HearthdProcess()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

QString HearthdProcess::path(const QString &name) const
{
    return QDir(m_dataDir).filePath(name);
}

QProcessEnvironment HearthdProcess::environment(const QProcessEnvironment &extraEnv) const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    // Only tests run under tests/integration/with-keyring.sh (a private D-Bus
    // session with its own keyring) may reach a keychain; everything else
    // gets an unreachable bus, so no test ever touches the user's keychain.
    if (!env.contains(QStringLiteral("HEARTH_TEST_KEYRING"))) {
        env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                   QStringLiteral("unix:path=/nonexistent/hearth-tests-no-bus"));
        env.remove(QStringLiteral("DISPLAY"));
    }
    for (const QString &name : env.keys()) {
        if (name.startsWith(u"HEARTH_") && name != u"HEARTH_TEST_TIMEOUT_FACTOR")
            env.remove(name);
    }
    for (const QString &name : extraEnv.keys())
        env.insert(name, extraEnv.value(name));
    return env;
}

bool HearthdProcess::start(const QStringList &arguments, const QProcessEnvironment &extraEnv)
{
    QStringList args { QStringLiteral("--data-dir"), m_dataDir };
    if (!arguments.contains(QStringLiteral("--port")))
        args << QStringLiteral("--port") << QStringLiteral("0");
    args << arguments;
    m_process.setProcessEnvironment(environment(extraEnv));
    m_process.setProgram(binary(QStringLiteral("hearthd")));
    m_process.setArguments(args);
    m_process.start();
    if (!m_process.waitForStarted(scaled(5000))) {
        m_error = QStringLiteral("hearthd did not start: ") + m_process.errorString();
        return false;
    }
    m_pid = m_process.processId();

    QDeadlineTimer deadline(scaled(15000));
    while (!deadline.hasExpired()) {
        if (m_process.state() == QProcess::NotRunning) {
            m_error = QStringLiteral("hearthd exited: ") +
                QString::fromLocal8Bit(m_process.readAllStandardError());
            return false;
        }
        QFile file(path(QStringLiteral("runtime.json")));
        if (file.open(QIODevice::ReadOnly)) {
            const QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
            if (json.value(QStringLiteral("pid")).toInteger() == m_pid) {
                m_port = quint16(json.value(QStringLiteral("port")).toInt());
                m_proofKey = QByteArray::fromHex(
                    json.value(QStringLiteral("proof_key")).toString().toLatin1());
                if (call(m_port, "GET", "/healthz").status == 200)
                    return true;
            }
        }
        QThread::msleep(20);
    }
    m_error = QStringLiteral("hearthd did not become ready");
    return false;
}

int HearthdProcess::runToExit(const QStringList &arguments, QByteArray *stderrOut,
                              const QProcessEnvironment &extraEnv)
{
    QProcess process;
    process.setProcessEnvironment(environment(extraEnv));
    process.start(binary(QStringLiteral("hearthd")), arguments);
    if (!process.waitForFinished(scaled(20000))) {
        process.kill();
        process.waitForFinished();
        return -1;
    }
    if (stderrOut)
        *stderrOut = process.readAllStandardError();
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
}

int HearthdProcess::terminate(int timeoutMs, int signal)
{
    ::kill(pid_t(m_pid), signal);
    if (!m_process.waitForFinished(scaled(timeoutMs)))
        return -1;
    return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
}

void HearthdProcess::kill9()
{
    ::kill(pid_t(m_pid), SIGKILL);
    m_process.waitForFinished(scaled(5000));
}

QByteArray HearthdProcess::readAllStandardError()
{
    return m_process.readAllStandardError();
}

QByteArray HttpResponse::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

bool HttpResponse::hasHeader(const QByteArray &name) const
{
    for (const auto &header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QByteArray HttpResponse::errorCode() const
{
    return QJsonDocument::fromJson(body)
        .object()
        .value(QStringLiteral("error"))
        .toObject()
        .value(QStringLiteral("code"))
        .toString()
        .toLatin1();
}

QString HttpResponse::errorMessage() const
{
    return QJsonDocument::fromJson(body)
        .object()
        .value(QStringLiteral("error"))
        .toObject()
        .value(QStringLiteral("message"))
        .toString();
}

QByteArray rawRequest(const QByteArray &method, const QByteArray &target,
                      const QList<QPair<QByteArray, QByteArray>> &headers, const QByteArray &body)
{
    QByteArray request = method + ' ' + target + " HTTP/1.1\r\n";
    for (const auto &[name, value] : headers)
        request += name + ": " + value + "\r\n";
    return request + "\r\n" + body;
}

QList<QPair<QByteArray, QByteArray>> defaultHeaders(quint16 port, const QByteArray &method,
                                                    const QByteArray &body)
{
    QList<QPair<QByteArray, QByteArray>> headers { { "Host",
                                                     "127.0.0.1:" + QByteArray::number(port) } };
    if (method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE") {
        headers.append(qMakePair(QByteArray("X-Hearth-Client"), QByteArray("hearth-tests")));
        headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
        headers.append(qMakePair(QByteArray("Content-Length"), QByteArray::number(body.size())));
    }
    return headers;
}

namespace {

// Parses one response from `data` if complete; returns false if more is needed.
bool parseResponse(const QByteArray &data, bool closed, const QByteArray &method, HttpResponse &out)
{
    const qsizetype headerEnd = data.indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return false;
    const QList<QByteArray> lines = data.left(headerEnd).split('\n');
    HttpResponse response;
    const QList<QByteArray> statusLine = lines.value(0).trimmed().split(' ');
    response.status = statusLine.value(1).toInt();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            response.headers.append({ line.left(colon).trimmed(), line.mid(colon + 1).trimmed() });
    }
    const QByteArray rest = data.mid(headerEnd + 4);
    if (method == "HEAD" || response.status == 204) {
        out = response;
        return true;
    }
    if (response.hasHeader("Content-Length")) {
        const qint64 length = response.header("Content-Length").toLongLong();
        if (rest.size() < length)
            return false;
        response.body = rest.left(length);
    } else {
        if (!closed)
            return false;
        response.body = rest;
    }
    out = response;
    return true;
}

} // namespace

HttpResponse exchange(quint16 port, const QByteArray &request, int timeoutMs)
{
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), port);
    HttpResponse response;
    if (!socket.waitForConnected(scaled(timeoutMs)))
        return response;
    socket.write(request);
    socket.waitForBytesWritten(scaled(timeoutMs));
    const QByteArray method = request.left(request.indexOf(' '));
    QByteArray data;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < scaled(timeoutMs)) {
        const bool more = socket.waitForReadyRead(100);
        data += socket.readAll();
        const bool closed = socket.state() != QAbstractSocket::ConnectedState;
        if (parseResponse(data, closed, method, response)) {
            // Give the server a moment to close if it is going to.
            if (response.header("Connection").compare("close", Qt::CaseInsensitive) == 0) {
                QElapsedTimer closing;
                closing.start();
                while (socket.state() == QAbstractSocket::ConnectedState &&
                       closing.elapsed() < scaled(3000)) {
                    socket.waitForReadyRead(50);
                    socket.readAll();
                }
            }
            response.serverClosed = socket.state() != QAbstractSocket::ConnectedState;
            return response;
        }
        if (closed && !more)
            break;
    }
    return response;
}

HttpResponse call(quint16 port, const QByteArray &method, const QByteArray &target,
                  const QByteArray &body, int timeoutMs)
{
    return exchange(port, rawRequest(method, target, defaultHeaders(port, method, body), body),
                    timeoutMs);
}

HttpResponse callAs(quint16 port, const QByteArray &client, const QByteArray &method,
                    const QByteArray &target, const QByteArray &body)
{
    QList<QPair<QByteArray, QByteArray>> headers = defaultHeaders(port, method, body);
    for (auto &header : headers) {
        if (header.first == "X-Hearth-Client")
            header.second = client;
    }
    return exchange(port, rawRequest(method, target, headers, body));
}

HttpResponse callWithToken(quint16 port, const QByteArray &token, const QByteArray &method,
                           const QByteArray &target, const QByteArray &body, int timeoutMs)
{
    QList<QPair<QByteArray, QByteArray>> headers = defaultHeaders(port, method, body);
    if (!token.isEmpty())
        headers.append({ "Authorization", "Bearer " + token });
    return exchange(port, rawRequest(method, target, headers, body), timeoutMs);
}

namespace {
qint64 statusField(qint64 pid, const QByteArray &field)
{
    QFile file(QStringLiteral("/proc/%1/status").arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (line.startsWith(QByteArray(field + ':')))
            return line.mid(field.size() + 1).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}
} // namespace

qint64 peakRssKiB(qint64 pid)
{
    return statusField(pid, "VmHWM");
}
qint64 rssKiB(qint64 pid)
{
    return statusField(pid, "VmRSS");
}

QJsonObject secretsStatus(quint16 port)
{
    return QJsonDocument::fromJson(call(port, "GET", "/api/v1/status").body)
        .object()
        .value(QStringLiteral("secrets"))
        .toObject();
}

QString waitForSecretsState(quint16 port, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    QString state;
    do {
        state = secretsStatus(port).value(QStringLiteral("state")).toString();
        if (state != u"loading")
            return state;
        QThread::msleep(50);
    } while (timer.elapsed() < scaled(timeoutMs));
    return state;
}

QJsonObject waitForRunEnd(quint16 port, const QString &runId, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    QJsonObject run;
    while (timer.elapsed() < scaled(timeoutMs)) {
        run = json(call(port, "GET", "/api/v1/runs/" + runId.toLatin1()));
        const QString status = run.value(QStringLiteral("status")).toString();
        if (status != u"pending" && status != u"running")
            return run;
        QTest::qWait(30);
    }
    return run;
}

QJsonArray listRunsUntil(quint16 port, const std::function<bool(const QJsonArray &runs)> &settled,
                         bool *met, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    QJsonArray runs;
    *met = false;
    while (!*met && timer.elapsed() < scaled(timeoutMs)) {
        QTest::qWait(250);
        runs = json(call(port, "GET", "/api/v1/runs?limit=1000"))
                   .value(QStringLiteral("items"))
                   .toArray();
        *met = settled(runs);
    }
    return runs;
}

QProcessEnvironment withRandomSecretKey()
{
    QByteArray key(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(key.data()),
                                          key.size() / qsizetype(sizeof(quint32)));
    QProcessEnvironment env;
    env.insert(QStringLiteral("HEARTH_SECRET_KEY"), QString::fromLatin1(key.toBase64()));
    return env;
}

CliResult runCli(const QStringList &arguments, const QByteArray &input)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("HEARTH_DATA_DIR"));
    process.setProcessEnvironment(env);
    process.start(binary(QStringLiteral("hearth")), arguments);
    if (!process.waitForStarted(scaled(5000)))
        return {};
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(scaled(30000))) {
        process.kill();
        process.waitForFinished();
        return {};
    }
    return { process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
             process.readAllStandardOutput(), process.readAllStandardError() };
}

QJsonObject json(const HttpResponse &response)
{
    return QJsonDocument::fromJson(response.body).object();
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace hearth::test
