#include "WatcherSpec.h"

#include <QJsonArray>
#include <array>
#include <limits>

namespace hearth::scheduler {

namespace {

template<typename E> struct EnumName
{
    E value;
    const char *name;
};

const std::array<EnumName<Concurrency>, 3> ConcurrencyNames { {
    { Concurrency::Forbid, "forbid" },
    { Concurrency::Queue, "queue" },
    { Concurrency::Replace, "replace" },
} };
const std::array<EnumName<CatchUp>, 3> CatchUpNames { {
    { CatchUp::Once, "once" },
    { CatchUp::Skip, "skip" },
    { CatchUp::All, "all" },
} };
const std::array<EnumName<NotifyPolicy>, 4> NotifyNames { {
    { NotifyPolicy::OnFailure, "on_failure" },
    { NotifyPolicy::Always, "always" },
    { NotifyPolicy::Never, "never" },
    { NotifyPolicy::OnChange, "on_change" },
} };

template<typename E, size_t N> QString nameOf(const std::array<EnumName<E>, N> &names, E value)
{
    for (const auto &entry : names) {
        if (entry.value == value)
            return QString::fromLatin1(entry.name);
    }
    return {};
}

template<typename E, size_t N>
Result<E, FieldError> enumField(const QJsonObject &object, const QString &key, const QString &field,
                                const std::array<EnumName<E>, N> &names, E fallback)
{
    if (!object.contains(key))
        return fallback;
    const QString text = object.value(key).toString();
    QStringList allowed;
    for (const auto &entry : names) {
        if (text == QLatin1String(entry.name))
            return entry.value;
        allowed.append(QString::fromLatin1(entry.name));
    }
    return fail(FieldError { field, QStringLiteral("must be one of ") + allowed.join(u", ") });
}

Result<void, FieldError> onlyKnownFields(const QJsonObject &object, const QString &prefix,
                                         std::initializer_list<const char *> known)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        bool isKnown = false;
        for (const char *name : known)
            isKnown = isKnown || it.key() == QLatin1String(name);
        if (!isKnown)
            return fail(FieldError { prefix + it.key(), QStringLiteral("is not a field") });
    }
    return {};
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

} // namespace

Result<WatcherSpec, FieldError> WatcherSpec::fromJson(const QJsonObject &json,
                                                      const lua::Limits &ceilings)
{
    return parse(json, ceilings, SyntaxCheck::Compile);
}

Result<WatcherSpec, FieldError> WatcherSpec::fromStored(const QJsonObject &json)
{
    constexpr qint64 Unbounded = std::numeric_limits<qint64>::max();
    return parse(json, lua::Limits { Unbounded, Unbounded, Unbounded }, SyntaxCheck::Skip);
}

Result<WatcherSpec, FieldError>
WatcherSpec::parse(const QJsonObject &json, const lua::Limits &ceilings, SyntaxCheck syntaxCheck)
{
    if (auto known = onlyKnownFields(json, {},
                                     { "name", "kind", "script", "schedule", "enabled", "timeout_s",
                                       "limits", "max_attempts", "backoff", "concurrency",
                                       "catch_up", "notify" });
        !known)
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
    for (const QChar c : spec.name) {
        if (c.category() == QChar::Other_Control)
            return fail(FieldError { QStringLiteral("name"),
                                     QStringLiteral("must not contain control characters") });
    }

    if (json.contains(QStringLiteral("kind"))) {
        const QString kind = json.value(QStringLiteral("kind")).toString();
        if (kind == u"agent") {
            return fail(FieldError { QStringLiteral("kind"),
                                     QStringLiteral("agent watchers need device workers, which "
                                                    "this version of hearthd does not have yet") });
        }
        if (kind != u"lua")
            return fail(FieldError { QStringLiteral("kind"), QStringLiteral("must be lua") });
    }

    const QJsonValue script = json.value(QStringLiteral("script"));
    if (!script.isString() || script.toString().isEmpty())
        return fail(
            FieldError { QStringLiteral("script"), QStringLiteral("must be a non-empty string") });
    spec.script = script.toString();
    const QByteArray source = spec.script.toUtf8();
    if (source.size() > MaxScriptBytes) {
        return fail(FieldError { QStringLiteral("script"),
                                 QStringLiteral("is %1 bytes; the limit is %2")
                                     .arg(source.size())
                                     .arg(MaxScriptBytes) });
    }
    if (const QString error =
            syntaxCheck == SyntaxCheck::Compile ? lua::Sandbox::checkSyntax(source) : QString();
        !error.isEmpty())
        return fail(
            FieldError { QStringLiteral("script"), QStringLiteral("does not compile: ") + error });

    if (!json.contains(QStringLiteral("schedule")))
        return fail(FieldError { QStringLiteral("schedule"), QStringLiteral("is required") });
    auto schedule = Schedule::fromJson(json.value(QStringLiteral("schedule")));
    if (!schedule)
        return fail(schedule.error());
    spec.schedule = schedule.value();

    if (json.contains(QStringLiteral("enabled"))) {
        if (!json.value(QStringLiteral("enabled")).isBool())
            return fail(
                FieldError { QStringLiteral("enabled"), QStringLiteral("must be true or false") });
        spec.enabled = json.value(QStringLiteral("enabled")).toBool();
    }

    auto timeout = wholeNumberField(json, QStringLiteral("timeout_s"), QStringLiteral("timeout_s"),
                                    1, ceilings.timeoutMs / 1000, lua::Limits {}.timeoutMs / 1000);
    if (!timeout)
        return fail(timeout.error());
    spec.limits.timeoutMs = timeout.value() * 1000;

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
    spec.limits.instructions = instructions.value();
    spec.limits.memoryBytes = memory.value();

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
                                     { "policy", "min_interval_s", "daily_budget" });
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
    return spec;
}

Result<WatcherSpec, FieldError> WatcherSpec::patched(const WatcherSpec &current,
                                                     const QJsonObject &patch,
                                                     const lua::Limits &ceilings)
{
    QJsonObject merged = current.toJson();
    for (auto it = patch.begin(); it != patch.end(); ++it)
        merged.insert(it.key(), it.value());
    return fromJson(merged, ceilings);
}

QJsonObject WatcherSpec::toJson() const
{
    return {
        { QStringLiteral("name"), name },
        { QStringLiteral("kind"), kind },
        { QStringLiteral("script"), script },
        { QStringLiteral("schedule"), schedule.toJson() },
        { QStringLiteral("enabled"), enabled },
        { QStringLiteral("timeout_s"), limits.timeoutMs / 1000 },
        { QStringLiteral("limits"),
          QJsonObject { { QStringLiteral("instructions"), limits.instructions },
                        { QStringLiteral("memory_bytes"), limits.memoryBytes } } },
        { QStringLiteral("max_attempts"), maxAttempts },
        { QStringLiteral("backoff"),
          QJsonObject { { QStringLiteral("base_s"), backoffBaseSeconds },
                        { QStringLiteral("max_s"), backoffMaxSeconds } } },
        { QStringLiteral("concurrency"), nameOf(ConcurrencyNames, concurrency) },
        { QStringLiteral("catch_up"), nameOf(CatchUpNames, catchUp) },
        { QStringLiteral("notify"),
          QJsonObject { { QStringLiteral("policy"), nameOf(NotifyNames, notifyPolicy) },
                        { QStringLiteral("min_interval_s"), notifyMinIntervalSeconds },
                        { QStringLiteral("daily_budget"), notifyDailyBudget } } },
    };
}

} // namespace hearth::scheduler
