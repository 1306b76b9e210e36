// hearth watchers ls|show|add|edit|rm|enable|disable|run
#include "CliApp.h"
#include "CliOutput.h"
#include "Terminal.h"
#include "client/RuntimeConnection.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace hearth::cli {

namespace {

// A file's contents, or stdin's for "-".
bool readSource(const QString &path, QByteArray &contents, QString &error)
{
    if (path == u"-") {
        const std::optional<QByteArray> input = readAllStdin();
        if (!input)
            error = CliApp::tr("stdin cannot be read");
        contents = input.value_or(QByteArray());
        return input.has_value();
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        error = file.errorString();
        return false;
    }
    contents = file.readAll();
    return true;
}

// "*/5 * * * *" in UTC, "every 300 s", "once at …".
QString scheduleText(const QJsonObject &schedule)
{
    if (schedule.contains(QStringLiteral("cron"))) {
        QString text = schedule.value(QStringLiteral("cron")).toString();
        if (schedule.contains(QStringLiteral("tz")))
            text += QStringLiteral(" (") + schedule.value(QStringLiteral("tz")).toString() + u')';
        return text;
    }
    if (schedule.contains(QStringLiteral("every_s")))
        return CliApp::tr("every %1 s").arg(schedule.value(QStringLiteral("every_s")).toInteger());
    return CliApp::tr("once at %1").arg(schedule.value(QStringLiteral("at")).toString());
}

} // namespace

int CliApp::resolveWatcher(client::ApiClient &api, const QString &reference, QString &id)
{
    static const QRegularExpression number(QStringLiteral("^[1-9][0-9]*$"));
    if (number.match(reference).hasMatch()) {
        id = reference;
        return ExitOk;
    }
    const client::ApiReply reply = api.call("GET", QStringLiteral("/api/v1/watchers"));
    if (!reply.isSuccess())
        return reportFailure(reply);
    const QJsonArray items =
        QJsonDocument::fromJson(reply.body).object().value(QStringLiteral("items")).toArray();
    for (const QJsonValue &item : items) {
        if (item.toObject().value(QStringLiteral("name")).toString() == reference) {
            id = item.toObject().value(QStringLiteral("id")).toString();
            return ExitOk;
        }
    }
    printErr(tr("no watcher named \"%1\"").arg(reference));
    return ExitApiError;
}

int CliApp::watcherFieldsFromOptions(QJsonObject &fields, bool creating)
{
    if (!m_specFile.isEmpty()) {
        QByteArray text;
        QString error;
        if (!readSource(m_specFile, text, error)) {
            printErr(tr("cannot read %1: %2").arg(m_specFile, error));
            return ExitUsage;
        }
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(text, &parseError);
        if (!document.isObject()) {
            printErr(tr("%1 is not a JSON object: %2")
                         .arg(m_specFile,
                              document.isNull() ? parseError.errorString() : tr("wrong type")));
            return ExitUsage;
        }
        fields = document.object();
    }
    if (!m_name.isEmpty())
        fields.insert(QStringLiteral("name"), m_name);
    const int schedules = int(!m_cron.isEmpty()) + int(!m_every.isEmpty()) + int(!m_at.isEmpty());
    if (schedules > 1) {
        printErr(tr("give one of --cron, --every and --at"));
        return ExitUsage;
    }
    if (!m_timeZone.isEmpty() && m_cron.isEmpty()) {
        printErr(tr("--tz applies to --cron"));
        return ExitUsage;
    }
    if (!m_cron.isEmpty()) {
        QJsonObject schedule { { QStringLiteral("cron"), m_cron } };
        if (!m_timeZone.isEmpty())
            schedule.insert(QStringLiteral("tz"), m_timeZone);
        fields.insert(QStringLiteral("schedule"), schedule);
    } else if (!m_every.isEmpty()) {
        const qint64 seconds = parseEvery(m_every);
        if (seconds < 0) {
            printErr(
                tr("--every must be an interval like 90s, 5m, 2h or 1d, not \"%1\"").arg(m_every));
            return ExitUsage;
        }
        fields.insert(QStringLiteral("schedule"),
                      QJsonObject { { QStringLiteral("every_s"), seconds } });
    } else if (!m_at.isEmpty()) {
        fields.insert(QStringLiteral("schedule"), QJsonObject { { QStringLiteral("at"), m_at } });
    }
    if (!m_scriptFile.isEmpty()) {
        QByteArray script;
        QString error;
        if (!readSource(m_scriptFile, script, error)) {
            printErr(tr("cannot read %1: %2").arg(m_scriptFile, error));
            return ExitUsage;
        }
        fields.insert(QStringLiteral("script"), QString::fromUtf8(script));
    }
    if (!m_prompt.isEmpty() && !m_promptFile.isEmpty()) {
        printErr(tr("give --prompt or --prompt-file, not both"));
        return ExitUsage;
    }
    if (!m_agentKind.isEmpty()) {
        fields.insert(QStringLiteral("kind"), QStringLiteral("agent"));
        fields.insert(QStringLiteral("agent_kind"), m_agentKind);
    }
    if (!m_prompt.isEmpty())
        fields.insert(QStringLiteral("prompt"), m_prompt);
    if (!m_promptFile.isEmpty()) {
        QByteArray prompt;
        QString error;
        if (!readSource(m_promptFile, prompt, error)) {
            printErr(tr("cannot read %1: %2").arg(m_promptFile, error));
            return ExitUsage;
        }
        fields.insert(QStringLiteral("prompt"), QString::fromUtf8(prompt));
    }
    if (!m_deviceWorker.isEmpty())
        fields.insert(QStringLiteral("device_worker_id"), m_deviceWorker);
    if (creating) {
        const bool agent = fields.value(QStringLiteral("kind")).toString() == u"agent";
        const char *body = agent ? "prompt" : "script";
        for (const char *required : { "name", "schedule", body }) {
            if (!fields.contains(QLatin1String(required))) {
                printErr(agent ? tr("a new agent watcher needs --name, a schedule (--cron, "
                                    "--every or --at), --agent and --prompt or --prompt-file")
                               : tr("a new watcher needs --name, a schedule (--cron, --every or "
                                    "--at) and --script (or --agent and --prompt), or a --file "
                                    "with them"));
                return ExitUsage;
            }
        }
    } else if (fields.isEmpty()) {
        printErr(tr("nothing to change: give the fields to change as options"));
        return ExitUsage;
    }
    return ExitOk;
}

int CliApp::runWatchersList(client::ApiClient &api)
{
    const client::ApiReply reply = api.call("GET", QStringLiteral("/api/v1/watchers"));
    if (!reply.isSuccess())
        return reportFailure(reply);
    if (jsonOutput()) {
        printRaw(reply.body);
        return ExitOk;
    }
    const QJsonArray items =
        QJsonDocument::fromJson(reply.body).object().value(QStringLiteral("items")).toArray();
    QList<QStringList> rows;
    for (const QJsonValue &value : items) {
        const QJsonObject watcher = value.toObject();
        rows.append({ watcher.value(QStringLiteral("id")).toString(),
                      watcher.value(QStringLiteral("name")).toString(),
                      watcher.value(QStringLiteral("kind")).toString(),
                      scheduleText(watcher.value(QStringLiteral("schedule")).toObject()),
                      watcher.value(QStringLiteral("enabled")).toBool() ? tr("yes") : tr("no"),
                      scalarText(watcher.value(QStringLiteral("next_run_at"))) });
    }
    printTable({ tr("ID"), tr("NAME"), tr("KIND"), tr("SCHEDULE"), tr("ENABLED"), tr("NEXT RUN") },
               rows);
    return ExitOk;
}

int CliApp::runWatchersShow(client::ApiClient &api)
{
    QString id;
    if (const int resolved = resolveWatcher(api, m_positional.at(0), id); resolved != ExitOk)
        return resolved;
    const client::ApiReply reply = api.call("GET", QStringLiteral("/api/v1/watchers/") + id);
    if (!reply.isSuccess())
        return reportFailure(reply);
    if (jsonOutput()) {
        printRaw(reply.body);
        return ExitOk;
    }
    const QJsonObject watcher = QJsonDocument::fromJson(reply.body).object();
    QList<QStringList> rows = fieldRows(
        watcher,
        { QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("kind"),
          QStringLiteral("enabled"), QStringLiteral("next_run_at"), QStringLiteral("last_fired_at"),
          QStringLiteral("timeout_s"), QStringLiteral("max_attempts"),
          QStringLiteral("concurrency"), QStringLiteral("catch_up"), QStringLiteral("created_at"),
          QStringLiteral("updated_at") });
    rows.insert(3,
                { QStringLiteral("schedule"),
                  scheduleText(watcher.value(QStringLiteral("schedule")).toObject()) });
    for (const QString &group :
         { QStringLiteral("limits"), QStringLiteral("backoff"), QStringLiteral("notify") }) {
        const QJsonObject object = watcher.value(group).toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            rows.append({ group + u'.' + it.key(), scalarText(it.value()) });
    }
    printTable({ tr("FIELD"), tr("VALUE") }, rows);
    printOut(QString());
    printOut(watcher.value(QStringLiteral("script")).toString());
    return ExitOk;
}

int CliApp::runWatchersAdd(client::ApiClient &api)
{
    QJsonObject fields;
    if (const int built = watcherFieldsFromOptions(fields, true); built != ExitOk)
        return built;
    const client::ApiReply reply = api.call("POST", QStringLiteral("/api/v1/watchers"),
                                            QJsonDocument(fields).toJson(QJsonDocument::Compact));
    if (!reply.isSuccess())
        return reportFailure(reply);
    if (jsonOutput()) {
        printRaw(reply.body);
        return ExitOk;
    }
    const QJsonObject watcher = QJsonDocument::fromJson(reply.body).object();
    printOut(tr("created watcher %1 (%2); next run %3")
                 .arg(watcher.value(QStringLiteral("id")).toString(),
                      watcher.value(QStringLiteral("name")).toString(),
                      scalarText(watcher.value(QStringLiteral("next_run_at")))));
    return ExitOk;
}

int CliApp::runWatchersEdit(client::ApiClient &api)
{
    QJsonObject fields;
    if (const int built = watcherFieldsFromOptions(fields, false); built != ExitOk)
        return built;
    QString id;
    if (const int resolved = resolveWatcher(api, m_positional.at(0), id); resolved != ExitOk)
        return resolved;
    const client::ApiReply reply = api.call("PATCH", QStringLiteral("/api/v1/watchers/") + id,
                                            QJsonDocument(fields).toJson(QJsonDocument::Compact));
    if (!reply.isSuccess())
        return reportFailure(reply);
    return printReplyOr(reply, tr("updated watcher %1").arg(id));
}

int CliApp::runWatchersRemove(client::ApiClient &api)
{
    QString id;
    if (const int resolved = resolveWatcher(api, m_positional.at(0), id); resolved != ExitOk)
        return resolved;
    const client::ApiReply reply = api.call("DELETE", QStringLiteral("/api/v1/watchers/") + id);
    if (!reply.isSuccess())
        return reportFailure(reply);
    if (jsonOutput())
        printRaw(QJsonDocument(QJsonObject { { QStringLiteral("deleted"), id } })
                     .toJson(QJsonDocument::Compact));
    else
        printOut(tr("deleted watcher %1 with its runs").arg(id));
    return ExitOk;
}

int CliApp::setWatcherEnabled(client::ApiClient &api, bool enabled)
{
    QString id;
    if (const int resolved = resolveWatcher(api, m_positional.at(0), id); resolved != ExitOk)
        return resolved;
    const QJsonObject patch { { QStringLiteral("enabled"), enabled } };
    const client::ApiReply reply = api.call("PATCH", QStringLiteral("/api/v1/watchers/") + id,
                                            QJsonDocument(patch).toJson(QJsonDocument::Compact));
    if (!reply.isSuccess())
        return reportFailure(reply);
    return printReplyOr(reply,
                        (enabled ? tr("enabled watcher %1") : tr("disabled watcher %1")).arg(id));
}

int CliApp::runWatchersEnable(client::ApiClient &api)
{
    return setWatcherEnabled(api, true);
}

int CliApp::runWatchersDisable(client::ApiClient &api)
{
    return setWatcherEnabled(api, false);
}

int CliApp::changeAllWatchers(client::ApiClient &api, bool pause)
{
    const client::ApiReply reply = api.call("POST",
                                            pause ? QStringLiteral("/api/v1/watchers/pause-all")
                                                  : QStringLiteral("/api/v1/watchers/resume-all"));
    if (!reply.isSuccess())
        return reportFailure(reply);
    QStringList names;
    for (const QJsonValue &item :
         QJsonDocument::fromJson(reply.body).object().value(QStringLiteral("items")).toArray())
        names << item.toObject().value(QStringLiteral("name")).toString();
    QString line;
    if (names.isEmpty())
        line = pause ? tr("no watcher is enabled: nothing paused")
                     : tr("no watcher is paused: nothing resumed");
    else
        line = (pause ? tr("paused %n watcher(s): %1", nullptr, int(names.size()))
                      : tr("resumed %n watcher(s): %1", nullptr, int(names.size())))
                   .arg(names.join(QStringLiteral(", ")));
    return printReplyOr(reply, line);
}

int CliApp::runPause(client::ApiClient &api)
{
    return changeAllWatchers(api, true);
}

int CliApp::runResume(client::ApiClient &api)
{
    return changeAllWatchers(api, false);
}

int CliApp::runWatchersRun(client::ApiClient &api)
{
    QString id;
    if (const int resolved = resolveWatcher(api, m_positional.at(0), id); resolved != ExitOk)
        return resolved;
    QJsonObject request;
    if (!m_event.isEmpty()) {
        const QJsonDocument event = QJsonDocument::fromJson(m_event.toUtf8());
        if (!event.isObject()) {
            printErr(tr("--event must be a JSON object"));
            return ExitUsage;
        }
        request.insert(QStringLiteral("event"), event.object());
    }
    const client::ApiReply reply =
        api.call("POST", QStringLiteral("/api/v1/watchers/") + id + QStringLiteral("/run"),
                 QJsonDocument(request).toJson(QJsonDocument::Compact));
    if (!reply.isSuccess())
        return reportFailure(reply);
    return printRunResult(reply);
}

} // namespace hearth::cli
