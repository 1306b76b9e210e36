#include "AgentProcess.h"

#include "core/JsonText.h"
#include "platform/Platform.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace hearth::client {

namespace {

// Variables of the runtime and tray that an agent must not see.
const QStringList WithheldVariables { QStringLiteral("HEARTH_SECRET_KEY"),
                                      QStringLiteral("HEARTH_PROOF_KEY"),
                                      QStringLiteral("HEARTH_RUN_TOKEN") };

// A file for the agent to read while it runs (0600, in the temporary
// directory, removed with the object); none, with `error` said, if it
// cannot be written.
std::unique_ptr<QTemporaryFile> temporaryFile(const QString &namePattern,
                                              const QByteArray &contents, QString &error)
{
    auto file = std::make_unique<QTemporaryFile>(QDir::tempPath() + u'/' + namePattern);
    if (!file->open() || file->write(contents) != contents.size() || !file->flush()) {
        error = file->errorString();
        return nullptr;
    }
    return file;
}

// What the profile's {mcp_config} names: the run's own server, as claude's
// --mcp-config (and Claude Desktop's configuration) describe one. The token
// goes to that server's environment only.
QByteArray mcpConfiguration(const AgentJob::McpServerLaunch &server)
{
    const QJsonObject hearth { { QStringLiteral("type"), QStringLiteral("stdio") },
                               { QStringLiteral("command"), server.command },
                               { QStringLiteral("args"), QJsonArray::fromStringList(server.args) },
                               { QStringLiteral("env"),
                                 QJsonObject { { QStringLiteral("HEARTH_RUN_TOKEN"),
                                                 QString::fromLatin1(server.runToken) } } } };
    return QJsonDocument(QJsonObject { { QStringLiteral("mcpServers"),
                                         QJsonObject { { runScopedServerName(), hearth } } } })
        .toJson(QJsonDocument::Compact);
}

// Cuts UTF-8 at most `bytes` long without splitting a character.
QByteArray utf8Prefix(const QByteArray &text, qsizetype bytes)
{
    if (text.size() <= bytes)
        return text;
    qsizetype end = bytes;
    while (end > 0 && (uchar(text.at(end)) & 0xC0) == 0x80)
        --end;
    return text.left(end);
}

// A line of the agent's stderr for the run's log.
LogLine agentLine(LogLevel level, const QString &message)
{
    LogLine line;
    line.level = level;
    line.message = message;
    return line;
}

} // namespace

AgentProcess::AgentProcess(QObject *parent)
    : QObject(parent)
{
    m_timeout.setSingleShot(true);
    m_killTimer.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this]() {
        stopGroup(QStringLiteral("timeout"),
                  QStringLiteral("the agent ran longer than its timeout (%1 s) and was stopped")
                      .arg(m_timeout.interval() / 1000));
    });
    connect(&m_killTimer, &QTimer::timeout, this, [this]() {
        if (!platform::signalProcessGroup(m_pid, platform::StopSignal::Kill))
            m_process.kill();
    });
    connect(&m_process, &QProcess::readyReadStandardOutput, this, &AgentProcess::readStdout);
    connect(&m_process, &QProcess::readyReadStandardError, this, [this]() { readStderr(false); });
    connect(&m_process, &QProcess::started, this, [this]() { m_pid = m_process.processId(); });
    connect(&m_process, &QProcess::finished, this, &AgentProcess::onExited);
    connect(&m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart && m_running)
            finishEarly(QStringLiteral("agent_not_found"),
                        QStringLiteral("%1 could not be started: %2")
                            .arg(m_profile.program, m_process.errorString()));
    });
}

AgentProcess::~AgentProcess()
{
    if (m_running) {
        // Nothing may outlive us: kill the group at once and reap the child.
        m_process.disconnect(this);
        if (!platform::signalProcessGroup(m_pid, platform::StopSignal::Kill))
            m_process.kill();
        m_process.waitForFinished(5000);
    }
}

void AgentProcess::start(const AgentJob &job)
{
    m_running = true;
    m_clock.start();
    m_profile = job.profile;
    m_redactor = SecretRedactor();
    for (auto it = job.secretEnv.cbegin(); it != job.secretEnv.cend(); ++it)
        m_redactor.add(job.secretNames.value(it.key(), it.key()), it.value());
    // An agent that prints its MCP configuration does not leave the token in
    // the run's output.
    if (job.mcpServer)
        m_redactor.add(QStringLiteral("run token"), QString::fromLatin1(job.mcpServer->runToken));

    auto program = job.profile.resolvedProgram();
    if (!program) {
        finishEarly(QStringLiteral("agent_not_found"), program.error());
        return;
    }
    const QString workdir = !job.workdir.isEmpty() ? job.workdir
        : !job.profile.workdir.isEmpty()           ? job.profile.workdir
                                                   : QDir::currentPath();
    if (!QFileInfo(workdir).isDir()) {
        finishEarly(
            QStringLiteral("workdir_missing"),
            QStringLiteral("the working directory %1 does not exist on this device").arg(workdir));
        return;
    }

    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const QString &name : WithheldVariables)
        environment.remove(name);
    for (auto it = job.profile.env.cbegin(); it != job.profile.env.cend(); ++it)
        environment.insert(it.key(), it.value());
    for (auto it = job.secretEnv.cbegin(); it != job.secretEnv.cend(); ++it)
        environment.insert(it.key(), it.value());
    m_process.setProcessEnvironment(environment);
    m_process.setWorkingDirectory(workdir);
    m_process.setProgram(program.value());
    QString prompt = job.prompt;
    QStringList schemaArguments;
    if (!job.resultSchema.isEmpty()) {
        const QByteArray schema = QJsonDocument(job.resultSchema).toJson(QJsonDocument::Compact);
        if (job.profile.schemaArgs.isEmpty()) {
            // An agent that cannot be given a schema is asked for one in
            // words; hearthd checks the result either way.
            prompt += QStringLiteral("\n\nEnd your answer with one JSON value that matches this "
                                     "JSON Schema:\n```json\n") +
                QString::fromUtf8(schema) + QStringLiteral("\n```\n");
        } else {
            QString schemaFile;
            if (job.profile.takesSchemaFile()) {
                QString error;
                m_schemaFile =
                    temporaryFile(QStringLiteral("hearth-schema-XXXXXX.json"), schema, error);
                if (!m_schemaFile) {
                    finishEarly(QStringLiteral("agent_failed"),
                                QStringLiteral("the result schema could not be written to a "
                                               "file for the agent: %1")
                                    .arg(error));
                    return;
                }
                schemaFile = m_schemaFile->fileName();
            }
            schemaArguments = job.profile.schemaArgumentsFor(schema, schemaFile);
        }
    }
    QStringList mcpArguments;
    if (job.mcpServer && !job.profile.mcpArgs.isEmpty()) {
        QString error;
        m_mcpConfigFile = temporaryFile(QStringLiteral("hearth-mcp-XXXXXX.json"),
                                        mcpConfiguration(*job.mcpServer), error);
        if (!m_mcpConfigFile) {
            finishEarly(QStringLiteral("agent_failed"),
                        QStringLiteral("the run's MCP configuration could not be written to a "
                                       "file for the agent: %1")
                            .arg(error));
            return;
        }
        mcpArguments = job.profile.mcpArgumentsFor(m_mcpConfigFile->fileName());
    }
    m_process.setArguments(job.profile.argumentsFor(prompt) + schemaArguments + mcpArguments);
    platform::runInOwnProcessGroup(m_process);
    m_timeout.start(int(std::min<qint64>(job.timeoutMs, std::numeric_limits<int>::max())));
    m_process.start();
    if (job.profile.promptOnStdin())
        m_process.write(prompt.toUtf8());
    // Agents that read stdin see its end rather than waiting for a person.
    m_process.closeWriteChannel();
}

void AgentProcess::cancel(const QString &reason)
{
    if (m_running)
        stopGroup(QStringLiteral("cancelled"), reason);
}

void AgentProcess::stopGroup(const QString &code, const QString &message)
{
    if (!m_stopCode.isEmpty() || !m_running)
        return;
    m_stopCode = code;
    m_stopMessage = message;
    m_timeout.stop();
    if (!platform::signalProcessGroup(m_pid, platform::StopSignal::Terminate))
        m_process.terminate();
    m_killTimer.start(int(m_killGraceMs));
}

void AgentProcess::readStdout()
{
    const QByteArray chunk = m_process.readAllStandardOutput();
    // Keep a secret's length beyond the cap, so that a value cut by the cap
    // is still recognised and redacted whole.
    const qsizetype room =
        std::max<qsizetype>(0, OutputCapBytes + m_redactor.longest() * 4 - m_stdout.size());
    m_stdout.append(chunk.left(room));
    m_stdoutDropped += std::max<qsizetype>(0, chunk.size() - room);
}

void AgentProcess::readStderr(bool flushPartialLine)
{
    QByteArray data = m_stderrPartial + m_process.readAllStandardError();
    m_stderrPartial.clear();
    QList<LogLine> lines;
    qsizetype start = 0;
    for (;;) {
        const qsizetype newline = data.indexOf('\n', start);
        if (newline < 0)
            break;
        const QByteArray line = data.mid(start, newline - start);
        start = newline + 1;
        if (m_stderrBytes >= StderrCapBytes)
            continue;
        m_stderrBytes += line.size() + 1;
        const QString text = m_redactor.redact(QString::fromUtf8(line).trimmed());
        if (!text.isEmpty()) {
            lines.append(agentLine(LogLevel::Info, text));
            m_lastStderrLine = text;
        }
        if (m_stderrBytes >= StderrCapBytes)
            lines.append(agentLine(
                LogLevel::Warn,
                QStringLiteral("stderr beyond %1 bytes is not kept").arg(StderrCapBytes)));
    }
    m_stderrPartial = data.mid(start);
    // A very long line without a newline is passed on in pieces.
    if (flushPartialLine || m_stderrPartial.size() > 8192) {
        const QString text = m_redactor.redact(QString::fromUtf8(m_stderrPartial).trimmed());
        if (!text.isEmpty() && m_stderrBytes < StderrCapBytes) {
            m_stderrBytes += m_stderrPartial.size();
            lines.append(agentLine(LogLevel::Info, text));
            m_lastStderrLine = text;
        }
        m_stderrPartial.clear();
    }
    if (!lines.isEmpty())
        emit logLines(lines);
}

void AgentProcess::onExited(int exitCode, QProcess::ExitStatus status)
{
    readStdout();
    readStderr(true);
    // No orphans: whatever the agent started and left running goes too.
    platform::signalProcessGroup(m_pid, platform::StopSignal::Kill);
    m_timeout.stop();
    m_killTimer.stop();
    m_running = false;

    AgentOutcome outcome;
    outcome.durationMs = m_clock.elapsed();
    QString output = m_redactor.redact(QString::fromUtf8(m_stdout));
    QByteArray bytes = output.toUtf8();
    const qsizetype dropped =
        m_stdoutDropped + std::max<qsizetype>(0, bytes.size() - OutputCapBytes);
    if (dropped > 0) {
        output = QString::fromUtf8(utf8Prefix(bytes, OutputCapBytes)) +
            QStringLiteral("\n[output truncated: %1 more bytes]").arg(dropped);
    }
    outcome.output = output;
    if (status == QProcess::NormalExit)
        outcome.exitCode = exitCode;

    QString answer = output;
    bool agentSaysError = false;
    // Given a schema, claude answers with the checked value apart.
    std::optional<QByteArray> structured;
    if (m_profile.outputFormat == AgentProfile::OutputFormat::ClaudeJson) {
        const QJsonObject envelope = QJsonDocument::fromJson(output.toUtf8()).object();
        if (envelope.contains(QStringLiteral("result"))) {
            answer = envelope.value(QStringLiteral("result")).toString();
            agentSaysError = envelope.value(QStringLiteral("is_error")).toBool();
        }
        if (envelope.contains(QStringLiteral("structured_output")))
            structured = compactJsonText(envelope.value(QStringLiteral("structured_output")));
    }

    if (!m_stopCode.isEmpty()) {
        outcome.errorCode = m_stopCode;
        outcome.errorMessage = m_stopMessage;
    } else if (status != QProcess::NormalExit) {
        outcome.errorCode = QStringLiteral("agent_failed");
        outcome.errorMessage = QStringLiteral("the agent was killed by a signal");
    } else if (exitCode != 0 || agentSaysError) {
        outcome.errorCode = QStringLiteral("agent_failed");
        outcome.errorMessage = exitCode != 0
            ? QStringLiteral("the agent exited with code %1").arg(exitCode)
            : QStringLiteral("the agent reported an error");
        if (!m_lastStderrLine.isEmpty())
            outcome.errorMessage += QStringLiteral(": ") + m_lastStderrLine.left(500);
    } else {
        outcome.succeeded = true;
        outcome.resultJson = structured ? *structured : extractResult(answer);
    }
    emit finished(outcome);
}

void AgentProcess::finishEarly(const QString &code, const QString &message)
{
    m_timeout.stop();
    m_running = false;
    AgentOutcome outcome;
    outcome.errorCode = code;
    outcome.errorMessage = message;
    outcome.durationMs = m_clock.elapsed();
    // Always asynchronously, like a run that started.
    QMetaObject::invokeMethod(
        this, [this, outcome]() { emit finished(outcome); }, Qt::QueuedConnection);
}

} // namespace hearth::client
