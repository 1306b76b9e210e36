#include "WatcherSpec.h"

#include "core/EnumNames.h"
#include "model/ResultSchema.h"
#include "model/SecretName.h"

#include <QDir>
#include <QJsonArray>
#include <QRegularExpression>
#include <array>
#include <limits>

namespace hearth::scheduler {

namespace {

const std::array<EnumName<Concurrency>, 3> ConcurrencyNames { {
    { Concurrency::Forbid, u"forbid" },
    { Concurrency::Queue, u"queue" },
    { Concurrency::Replace, u"replace" },
} };
const std::array<EnumName<CatchUp>, 3> CatchUpNames { {
    { CatchUp::Once, u"once" },
    { CatchUp::Skip, u"skip" },
    { CatchUp::All, u"all" },
} };
const std::array<EnumName<NotifyPolicy>, 4> NotifyNames { {
    { NotifyPolicy::OnFailure, u"on_failure" },
    { NotifyPolicy::Always, u"always" },
    { NotifyPolicy::Never, u"never" },
    { NotifyPolicy::OnChange, u"on_change" },
} };

template<typename E, size_t N>
Result<E, FieldError> enumField(const QJsonObject &object, const QString &key, const QString &field,
                                const std::array<EnumName<E>, N> &names, E fallback)
{
    if (!object.contains(key))
        return fallback;
    if (const auto value = valueOf(names, object.value(key).toString()))
        return *value;
    return fail(
        FieldError { field, QStringLiteral("must be one of ") + allNames(names).join(u", ") });
}

Result<QJsonObject, FieldError> objectField(const QJsonObject &object, const QString &key)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined())
        return QJsonObject();
    if (!value.isObject())
        return fail(FieldError { key, QStringLiteral("must be an object") });
    return value.toObject();
}

// An optional whole number: absent or null is none.
Result<std::optional<int>, FieldError> optionalCount(const QJsonObject &object, const QString &key,
                                                     const QString &field, int minimum, int maximum)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return std::optional<int>();
    auto read = wholeNumberField(object, key, field, minimum, maximum, minimum);
    if (!read)
        return fail(read.error());
    return std::optional<int>(int(read.value()));
}

Result<HistoryLimits, FieldError> historyLimits(const QJsonObject &json)
{
    auto history = objectField(json, QStringLiteral("history"));
    if (!history)
        return fail(history.error());
    if (auto known =
            onlyKnownFields(history.value(), QStringLiteral("history."),
                            { "keep_runs", "keep_days", "keep_snapshots", "keep_snapshot_days" });
        !known)
        return fail(known.error());
    auto runs = optionalCount(history.value(), QStringLiteral("keep_runs"),
                              QStringLiteral("history.keep_runs"), HistoryLimits::MinKeepRuns,
                              HistoryLimits::MaxKeepRuns);
    if (!runs)
        return fail(runs.error());
    auto days = optionalCount(history.value(), QStringLiteral("keep_days"),
                              QStringLiteral("history.keep_days"), HistoryLimits::MinKeepDays,
                              HistoryLimits::MaxKeepDays);
    if (!days)
        return fail(days.error());
    auto snapshots = optionalCount(
        history.value(), QStringLiteral("keep_snapshots"), QStringLiteral("history.keep_snapshots"),
        HistoryLimits::MinKeepSnapshots, HistoryLimits::MaxKeepSnapshots);
    if (!snapshots)
        return fail(snapshots.error());
    auto snapshotDays = optionalCount(history.value(), QStringLiteral("keep_snapshot_days"),
                                      QStringLiteral("history.keep_snapshot_days"),
                                      HistoryLimits::MinKeepDays, HistoryLimits::MaxKeepDays);
    if (!snapshotDays)
        return fail(snapshotDays.error());
    return HistoryLimits { runs.value(), days.value(), snapshots.value(), snapshotDays.value() };
}

const std::initializer_list<const char *> CommonFields { "name",         "kind",    "schedule",
                                                         "trigger",      "enabled", "timeout_s",
                                                         "max_attempts", "backoff", "concurrency",
                                                         "catch_up",     "notify",  "history" };

bool isOneOf(const QString &key, std::initializer_list<const char *> names)
{
    for (const char *name : names) {
        if (key == QLatin1String(name))
            return true;
    }
    return false;
}

Result<WatcherTask, FieldError> parseLuaTask(const QJsonObject &json, const lua::Limits &ceilings,
                                             const SyntaxChecker *checkSyntax)
{
    LuaTask task;
    const QJsonValue script = json.value(QStringLiteral("script"));
    if (!script.isString() || script.toString().isEmpty())
        return fail(
            FieldError { QStringLiteral("script"), QStringLiteral("must be a non-empty string") });
    task.script = script.toString();
    const QByteArray source = task.script.toUtf8();
    if (source.size() > LuaTask::MaxScriptBytes) {
        return fail(FieldError { QStringLiteral("script"),
                                 QStringLiteral("is %1 bytes; the limit is %2")
                                     .arg(source.size())
                                     .arg(LuaTask::MaxScriptBytes) });
    }
    if (const QString error = checkSyntax ? (*checkSyntax)(source) : QString(); !error.isEmpty())
        return fail(
            FieldError { QStringLiteral("script"), QStringLiteral("does not compile: ") + error });

    auto timeout = wholeNumberField(json, QStringLiteral("timeout_s"), QStringLiteral("timeout_s"),
                                    1, ceilings.timeoutMs / 1000, lua::Limits {}.timeoutMs / 1000);
    if (!timeout)
        return fail(timeout.error());
    task.limits.timeoutMs = timeout.value() * 1000;

    auto limits = objectField(json, QStringLiteral("limits"));
    if (!limits)
        return fail(limits.error());
    if (auto known = onlyKnownFields(limits.value(), QStringLiteral("limits."),
                                     { "instructions", "memory_bytes" });
        !known)
        return fail(known.error());
    auto instructions = wholeNumberField(limits.value(), QStringLiteral("instructions"),
                                         QStringLiteral("limits.instructions"), 1000,
                                         ceilings.instructions, lua::Limits {}.instructions);
    if (!instructions)
        return fail(instructions.error());
    auto memory = wholeNumberField(limits.value(), QStringLiteral("memory_bytes"),
                                   QStringLiteral("limits.memory_bytes"), 1024 * 1024,
                                   ceilings.memoryBytes, lua::Limits {}.memoryBytes);
    if (!memory)
        return fail(memory.error());
    task.limits.instructions = instructions.value();
    task.limits.memoryBytes = memory.value();

    auto escalations = objectField(json, QStringLiteral("escalations"));
    if (!escalations)
        return fail(escalations.error());
    if (auto known = onlyKnownFields(escalations.value(), QStringLiteral("escalations."),
                                     { "daily_budget" });
        !known)
        return fail(known.error());
    auto budget =
        wholeNumberField(escalations.value(), QStringLiteral("daily_budget"),
                         QStringLiteral("escalations.daily_budget"), 0,
                         LuaTask::MaxEscalationsPerDay, LuaTask::DefaultEscalationsPerDay);
    if (!budget)
        return fail(budget.error());
    task.escalationsPerDay = int(budget.value());
    return WatcherTask(task);
}

void writeLuaTask(const WatcherTask &variant, QJsonObject &json)
{
    const LuaTask &task = std::get<LuaTask>(variant);
    json.insert(QStringLiteral("script"), task.script);
    json.insert(QStringLiteral("limits"),
                QJsonObject { { QStringLiteral("instructions"), task.limits.instructions },
                              { QStringLiteral("memory_bytes"), task.limits.memoryBytes } });
    json.insert(QStringLiteral("escalations"),
                QJsonObject { { QStringLiteral("daily_budget"), task.escalationsPerDay } });
}

bool isEnvironmentName(const QString &name)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]{0,127}$"));
    return pattern.match(name).hasMatch();
}

Result<QMap<QString, QString>, FieldError> envSecretsField(const QJsonObject &json)
{
    const QString field = QStringLiteral("env_secrets");
    const QJsonValue value = json.value(field);
    QMap<QString, QString> mapping;
    if (value.isUndefined() || value.isNull())
        return mapping;
    // ["GITHUB_TOKEN"] is short for {"GITHUB_TOKEN": "GITHUB_TOKEN"}.
    if (value.isArray()) {
        for (const QJsonValue &entry : value.toArray()) {
            if (!entry.isString())
                return fail(FieldError { field, QStringLiteral("must list secret names") });
            mapping.insert(entry.toString(), entry.toString());
        }
    } else if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (!it.value().isString())
                return fail(FieldError { field + u'.' + it.key(),
                                         QStringLiteral("must be a secret name") });
            mapping.insert(it.key(), it.value().toString());
        }
    } else {
        return fail(FieldError {
            field,
            QStringLiteral("must be a list of secret names or an object of variable: secret") });
    }
    if (mapping.size() > AgentTask::MaxEnvSecrets)
        return fail(FieldError {
            field, QStringLiteral("names at most %1 secrets").arg(AgentTask::MaxEnvSecrets) });
    for (auto it = mapping.cbegin(); it != mapping.cend(); ++it) {
        if (!isEnvironmentName(it.key()))
            return fail(FieldError { field,
                                     QStringLiteral("%1 is not an environment variable name "
                                                    "(letters, digits and _, not starting with a "
                                                    "digit)")
                                         .arg(it.key()) });
        if (!secrets::isValidSecretName(it.value()))
            return fail(
                FieldError { field, QStringLiteral("%1 is not a secret name").arg(it.value()) });
    }
    return mapping;
}

Result<WatcherTask, FieldError> parseAgentTask(const QJsonObject &json, const lua::Limits &,
                                               const SyntaxChecker *checkSyntax)
{
    AgentTask task;
    auto prompt = agentPrompt(json.value(QStringLiteral("prompt")));
    if (!prompt)
        return fail(prompt.error());
    task.prompt = prompt.value();

    const QJsonValue agentKind = json.value(QStringLiteral("agent_kind"));
    if (!agentKind.isString() || !isAgentProfileName(agentKind.toString()))
        return fail(FieldError { QStringLiteral("agent_kind"),
                                 QStringLiteral("must name an agent profile (claude, codex or a "
                                                "custom profile's name)") });
    task.agentKind = agentKind.toString();

    const QJsonValue worker = json.value(QStringLiteral("device_worker_id"));
    if (!worker.isUndefined() && !worker.isNull()) {
        bool ok = false;
        const qint64 id = worker.isString() ? worker.toString().toLongLong(&ok) : 0;
        if (!ok || id <= 0)
            return fail(FieldError { QStringLiteral("device_worker_id"),
                                     QStringLiteral("must be a worker id (a string of digits)") });
        task.deviceWorkerId = id;
    }

    auto envSecrets = envSecretsField(json);
    if (!envSecrets)
        return fail(envSecrets.error());
    task.envSecrets = envSecrets.value();

    const QJsonValue workdir = json.value(QStringLiteral("workdir"));
    if (!workdir.isUndefined() && !workdir.isNull()) {
        if (!workdir.isString() || !QDir::isAbsolutePath(workdir.toString()))
            return fail(FieldError { QStringLiteral("workdir"),
                                     QStringLiteral("must be an absolute path") });
        task.workdir = workdir.toString();
    }

    auto timeout =
        wholeNumberField(json, QStringLiteral("timeout_s"), QStringLiteral("timeout_s"), 1,
                         AgentTask::MaxTimeoutSeconds, AgentTask::DefaultTimeoutSeconds);
    if (!timeout)
        return fail(timeout.error());
    task.timeoutMs = timeout.value() * 1000;

    const QJsonValue schema = json.value(QStringLiteral("result_schema"));
    if (!schema.isUndefined() && !schema.isNull()) {
        if (!schema.isObject())
            return fail(FieldError { QStringLiteral("result_schema"),
                                     QStringLiteral("must be a JSON Schema (an object) or null") });
        // Checked when saved; a stored spec is read for shape only (see
        // fromStored), so listings do not check every schema again and a
        // stricter check later does not make stored watchers unreadable.
        // Results are checked against it at completion, failing closed.
        if (checkSyntax) {
            auto parsed = ResultSchema::parse(schema.toObject());
            if (!parsed)
                return fail(FieldError { QStringLiteral("result_schema"), parsed.error() });
        }
        task.resultSchema = schema.toObject();
    }
    return WatcherTask(task);
}

void writeAgentTask(const WatcherTask &variant, QJsonObject &json)
{
    const AgentTask &task = std::get<AgentTask>(variant);
    QJsonObject secrets;
    for (auto it = task.envSecrets.cbegin(); it != task.envSecrets.cend(); ++it)
        secrets.insert(it.key(), it.value());
    json.insert(QStringLiteral("prompt"), task.prompt);
    json.insert(QStringLiteral("agent_kind"), task.agentKind);
    json.insert(QStringLiteral("device_worker_id"),
                task.deviceWorkerId ? QJsonValue(QString::number(*task.deviceWorkerId))
                                    : QJsonValue(QJsonValue::Null));
    json.insert(QStringLiteral("env_secrets"), secrets);
    json.insert(QStringLiteral("workdir"),
                task.workdir.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(task.workdir));
    json.insert(QStringLiteral("result_schema"),
                task.resultSchema.isEmpty() ? QJsonValue(QJsonValue::Null)
                                            : QJsonValue(task.resultSchema));
}

// The kinds of watcher: a name, the fields only that kind has, and how its
// task is read and written. A new kind is an alternative of WatcherTask and
// one row here.
struct KindEntry
{
    WatcherKind kind;
    const char *name;
    std::initializer_list<const char *> fields;
    Result<WatcherTask, FieldError> (*parse)(const QJsonObject &json, const lua::Limits &ceilings,
                                             const SyntaxChecker *checkSyntax);
    void (*write)(const WatcherTask &task, QJsonObject &json);
};

const std::array<KindEntry, 2> Kinds { {
    { WatcherKind::Lua, "lua", { "script", "limits", "escalations" }, parseLuaTask, writeLuaTask },
    { WatcherKind::Agent,
      "agent",
      { "prompt", "agent_kind", "device_worker_id", "env_secrets", "workdir", "result_schema" },
      parseAgentTask,
      writeAgentTask },
} };

const KindEntry &entryOf(WatcherKind kind)
{
    for (const KindEntry &entry : Kinds) {
        if (entry.kind == kind)
            return entry;
    }
    Q_UNREACHABLE();
    return Kinds.front();
}

// A field of another kind gets an error that says so: "script" on an agent
// watcher is a mistake the user can act on.
Result<void, FieldError> onlyWatcherFields(const QJsonObject &json, const KindEntry &kind)
{
    for (auto it = json.begin(); it != json.end(); ++it) {
        const QString &key = it.key();
        if (isOneOf(key, CommonFields) || isOneOf(key, kind.fields))
            continue;
        for (const KindEntry &other : Kinds) {
            if (isOneOf(key, other.fields))
                return fail(FieldError { key,
                                         QStringLiteral("is not a field of %1 watchers")
                                             .arg(QLatin1String(kind.name)) });
        }
        return fail(FieldError { key, QStringLiteral("is not a field") });
    }
    return {};
}

// A trigger's fields say which it is: "after" another watcher, a "path" or
// a "webhook".
Result<WatcherTrigger, FieldError> triggerFromJson(const QJsonValue &json)
{
    const QString field = QStringLiteral("trigger");
    const QJsonObject object = json.toObject();
    // "when" alone is a chain that lacks its upstream: say so.
    const bool after =
        object.contains(QStringLiteral("after")) || object.contains(QStringLiteral("when"));
    const bool path = object.contains(QStringLiteral("path"));
    const bool webhook = object.contains(QStringLiteral("webhook"));
    if (!json.isObject() || int(after) + int(path) + int(webhook) != 1)
        return fail(FieldError {
            field,
            QStringLiteral("must be {\"after\": \"watcher\", \"when\": …} (another "
                           "watcher's runs), {\"path\": \"~/folder\", …} (changes in a "
                           "folder) or {\"webhook\": {\"verify\": \"standard\"}} (a webhook)") });
    if (webhook) {
        auto hook = WebhookTrigger::fromJson(json, field);
        if (!hook)
            return fail(hook.error());
        return WatcherTrigger(hook.value());
    }
    if (after) {
        auto chain = ChainTrigger::fromJson(json, field);
        if (!chain)
            return fail(chain.error());
        return WatcherTrigger(chain.value());
    }
    auto folder = FolderTrigger::fromJson(json, field);
    if (!folder)
        return fail(folder.error());
    return WatcherTrigger(folder.value());
}

} // namespace

Result<WatcherSpec, FieldError> WatcherSpec::fromJson(const QJsonObject &json,
                                                      const lua::Limits &ceilings,
                                                      const SyntaxChecker &checkSyntax)
{
    return parse(json, ceilings, &checkSyntax);
}

Result<WatcherSpec, FieldError> WatcherSpec::fromStored(const QJsonObject &json)
{
    constexpr qint64 Unbounded = std::numeric_limits<qint64>::max();
    return parse(json, lua::Limits { Unbounded, Unbounded, Unbounded }, nullptr);
}

Result<WatcherSpec, FieldError> WatcherSpec::parse(const QJsonObject &json,
                                                   const lua::Limits &ceilings,
                                                   const SyntaxChecker *checkSyntax)
{
    const QString kindName = json.contains(QStringLiteral("kind"))
        ? json.value(QStringLiteral("kind")).toString()
        : QStringLiteral("lua");
    const KindEntry *kind = nullptr;
    QStringList kindNames;
    for (const KindEntry &entry : Kinds) {
        kindNames.append(QLatin1String(entry.name));
        if (kindName == QLatin1String(entry.name))
            kind = &entry;
    }
    if (!kind)
        return fail(FieldError { QStringLiteral("kind"),
                                 QStringLiteral("must be one of ") + kindNames.join(u", ") });
    if (auto known = onlyWatcherFields(json, *kind); !known)
        return fail(known.error());
    WatcherSpec spec;

    const QJsonValue name = json.value(QStringLiteral("name"));
    spec.name = name.toString().trimmed();
    if (!name.isString() || spec.name.isEmpty() || spec.name.size() > MaxNameChars) {
        return fail(
            FieldError { QStringLiteral("name"),
                         QStringLiteral("must be a non-empty string of at most %1 characters")
                             .arg(MaxNameChars) });
    }
    if (const auto problem = invisibleCharacterProblem(spec.name))
        return fail(FieldError { QStringLiteral("name"), *problem });

    auto task = kind->parse(json, ceilings, checkSyntax);
    if (!task)
        return fail(task.error());
    spec.task = std::move(task).value();

    const bool scheduled = json.contains(QStringLiteral("schedule"));
    const bool triggered = json.contains(QStringLiteral("trigger"));
    if (scheduled == triggered)
        return fail(FieldError {
            QStringLiteral("schedule"),
            scheduled ? QStringLiteral("and trigger cannot both be given: a watcher starts on a "
                                       "schedule, on another watcher's runs, on changes in a "
                                       "folder or on a webhook")
                      : QStringLiteral("is required (or a trigger: {\"after\": \"watcher\"}, "
                                       "{\"path\": \"~/folder\"} or {\"webhook\": {}})") });
    if (scheduled) {
        auto schedule = Schedule::fromJson(json.value(QStringLiteral("schedule")));
        if (!schedule)
            return fail(schedule.error());
        spec.schedule = schedule.value();
    } else {
        auto trigger = triggerFromJson(json.value(QStringLiteral("trigger")));
        if (!trigger)
            return fail(trigger.error());
        spec.trigger = std::move(trigger).value();
        if (const ChainTrigger *chain = spec.chain(); chain && chain->after == spec.name)
            return fail(FieldError { QStringLiteral("trigger.after"),
                                     QStringLiteral("a watcher cannot start after itself") });
    }

    if (json.contains(QStringLiteral("enabled"))) {
        if (!json.value(QStringLiteral("enabled")).isBool())
            return fail(
                FieldError { QStringLiteral("enabled"), QStringLiteral("must be true or false") });
        spec.enabled = json.value(QStringLiteral("enabled")).toBool();
    }

    auto attempts = wholeNumberField(json, QStringLiteral("max_attempts"),
                                     QStringLiteral("max_attempts"), 1, 20, 3);
    if (!attempts)
        return fail(attempts.error());
    spec.maxAttempts = int(attempts.value());

    auto backoff = objectField(json, QStringLiteral("backoff"));
    if (!backoff)
        return fail(backoff.error());
    if (auto known =
            onlyKnownFields(backoff.value(), QStringLiteral("backoff."), { "base_s", "max_s" });
        !known)
        return fail(known.error());
    constexpr qint64 Week = 7 * 24 * 3600;
    auto base = wholeNumberField(backoff.value(), QStringLiteral("base_s"),
                                 QStringLiteral("backoff.base_s"), 1, Week, 30);
    if (!base)
        return fail(base.error());
    auto max =
        wholeNumberField(backoff.value(), QStringLiteral("max_s"), QStringLiteral("backoff.max_s"),
                         base.value(), Week, qMax<qint64>(3600, base.value()));
    if (!max)
        return fail(max.error());
    spec.backoffBaseSeconds = base.value();
    spec.backoffMaxSeconds = max.value();

    auto concurrency = enumField(json, QStringLiteral("concurrency"), QStringLiteral("concurrency"),
                                 ConcurrencyNames, Concurrency::Forbid);
    if (!concurrency)
        return fail(concurrency.error());
    spec.concurrency = concurrency.value();
    auto catchUp = enumField(json, QStringLiteral("catch_up"), QStringLiteral("catch_up"),
                             CatchUpNames, CatchUp::Once);
    if (!catchUp)
        return fail(catchUp.error());
    spec.catchUp = catchUp.value();

    auto notify = objectField(json, QStringLiteral("notify"));
    if (!notify)
        return fail(notify.error());
    if (auto known = onlyKnownFields(notify.value(), QStringLiteral("notify."),
                                     { "policy", "min_interval_s", "daily_budget", "channels" });
        !known)
        return fail(known.error());
    auto policy = enumField(notify.value(), QStringLiteral("policy"),
                            QStringLiteral("notify.policy"), NotifyNames, NotifyPolicy::OnFailure);
    if (!policy)
        return fail(policy.error());
    auto interval = wholeNumberField(notify.value(), QStringLiteral("min_interval_s"),
                                     QStringLiteral("notify.min_interval_s"), 0, Week, 0);
    if (!interval)
        return fail(interval.error());
    auto budget = wholeNumberField(notify.value(), QStringLiteral("daily_budget"),
                                   QStringLiteral("notify.daily_budget"), 0, 1000, 20);
    if (!budget)
        return fail(budget.error());
    spec.notifyPolicy = policy.value();
    spec.notifyMinIntervalSeconds = interval.value();
    spec.notifyDailyBudget = int(budget.value());
    const QJsonValue channels = notify->value(QStringLiteral("channels"));
    if (!channels.isUndefined() && !channels.isNull()) {
        const QJsonArray names = channels.toArray();
        if (!channels.isArray() || names.size() > MaxNotifyChannels)
            return fail(FieldError { QStringLiteral("notify.channels"),
                                     QStringLiteral("must be a list of at most %1 channel names "
                                                    "([] for the desktop only)")
                                         .arg(MaxNotifyChannels) });
        QStringList list;
        for (const QJsonValue &name : names) {
            if (!name.isString() || name.toString().isEmpty())
                return fail(FieldError { QStringLiteral("notify.channels"),
                                         QStringLiteral("must hold channel names") });
            if (!list.contains(name.toString()))
                list.append(name.toString());
        }
        spec.notifyChannels = list;
    }

    auto history = historyLimits(json);
    if (!history)
        return fail(history.error());
    spec.history = history.value();
    return spec;
}

Result<WatcherSpec, FieldError> WatcherSpec::patched(const WatcherSpec &current,
                                                     const QJsonObject &patch,
                                                     const lua::Limits &ceilings,
                                                     const SyntaxChecker &checkSyntax)
{
    QJsonObject merged = current.toJson();
    // Changing the kind drops the old kind's fields (and its timeout, whose
    // range differs) unless the patch sets them again.
    const KindEntry &currentKind = entryOf(current.kind());
    if (patch.contains(QStringLiteral("kind")) &&
        patch.value(QStringLiteral("kind")).toString() != QLatin1String(currentKind.name)) {
        for (const char *field : currentKind.fields)
            merged.remove(QLatin1String(field));
        merged.remove(QStringLiteral("timeout_s"));
    }
    // A schedule replaces a trigger and a trigger a schedule.
    if (patch.contains(QStringLiteral("schedule")) && !patch.contains(QStringLiteral("trigger")))
        merged.remove(QStringLiteral("trigger"));
    if (patch.contains(QStringLiteral("trigger")) && !patch.contains(QStringLiteral("schedule")))
        merged.remove(QStringLiteral("schedule"));
    for (auto it = patch.begin(); it != patch.end(); ++it)
        merged.insert(it.key(), it.value());
    return fromJson(merged, ceilings, checkSyntax);
}

QJsonObject WatcherSpec::toJson() const
{
    const KindEntry &entry = entryOf(kind());
    QJsonObject json {
        { QStringLiteral("name"), name },
        { QStringLiteral("kind"), QLatin1String(entry.name) },
        { QStringLiteral("enabled"), enabled },
        { QStringLiteral("timeout_s"), timeoutMs() / 1000 },
        { QStringLiteral("max_attempts"), maxAttempts },
        { QStringLiteral("backoff"),
          QJsonObject { { QStringLiteral("base_s"), backoffBaseSeconds },
                        { QStringLiteral("max_s"), backoffMaxSeconds } } },
        { QStringLiteral("concurrency"), concurrencyName(concurrency) },
        { QStringLiteral("catch_up"), catchUpName(catchUp) },
        { QStringLiteral("notify"), notifyJson() },
        { QStringLiteral("history"),
          QJsonObject {
              { QStringLiteral("keep_runs"),
                history.keepRuns ? QJsonValue(*history.keepRuns) : QJsonValue() },
              { QStringLiteral("keep_days"),
                history.keepDays ? QJsonValue(*history.keepDays) : QJsonValue() },
              { QStringLiteral("keep_snapshots"),
                history.keepSnapshots ? QJsonValue(*history.keepSnapshots) : QJsonValue() },
              { QStringLiteral("keep_snapshot_days"),
                history.keepSnapshotDays ? QJsonValue(*history.keepSnapshotDays)
                                         : QJsonValue() } } },
    };
    if (schedule)
        json.insert(QStringLiteral("schedule"), schedule->toJson());
    if (trigger)
        json.insert(
            QStringLiteral("trigger"),
            std::visit([](const auto &alternative) { return alternative.toJson(); }, *trigger));
    entry.write(task, json);
    return json;
}

WatcherKind WatcherSpec::kind() const
{
    return std::visit(
        [](const auto &alternative) { return std::decay_t<decltype(alternative)>::Kind; }, task);
}

qint64 WatcherSpec::timeoutMs() const
{
    if (const LuaTask *script = lua())
        return script->limits.timeoutMs;
    return std::get<AgentTask>(task).timeoutMs;
}

bool isAgentProfileName(const QString &name)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$"));
    return pattern.match(name).hasMatch();
}

Result<QString, FieldError> agentPrompt(const QJsonValue &value)
{
    if (!value.isString() || value.toString().trimmed().isEmpty())
        return fail(
            FieldError { QStringLiteral("prompt"), QStringLiteral("must be a non-empty string") });
    if (const qsizetype bytes = value.toString().toUtf8().size(); bytes > AgentTask::MaxPromptBytes)
        return fail(FieldError { QStringLiteral("prompt"),
                                 QStringLiteral("is %1 bytes; the limit is %2")
                                     .arg(bytes)
                                     .arg(AgentTask::MaxPromptBytes) });
    return value.toString();
}

QString watcherKindName(WatcherKind kind)
{
    return QLatin1String(entryOf(kind).name);
}

QString concurrencyName(Concurrency concurrency)
{
    return nameOf(ConcurrencyNames, concurrency);
}

QString catchUpName(CatchUp catchUp)
{
    return nameOf(CatchUpNames, catchUp);
}

QJsonObject WatcherSpec::notifyJson() const
{
    QJsonObject notify { { QStringLiteral("policy"), notifyPolicyName(notifyPolicy) },
                         { QStringLiteral("min_interval_s"), notifyMinIntervalSeconds },
                         { QStringLiteral("daily_budget"), notifyDailyBudget } };
    if (notifyChannels)
        notify.insert(QStringLiteral("channels"), QJsonArray::fromStringList(*notifyChannels));
    return notify;
}

QString notifyPolicyName(NotifyPolicy policy)
{
    return nameOf(NotifyNames, policy);
}

} // namespace hearth::scheduler
