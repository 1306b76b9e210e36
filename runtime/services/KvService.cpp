#include "KvService.h"

namespace hearth::services {

namespace {

Result<void, Error> checkKey(const QString &key)
{
    if (const auto problem = validateKvKey(key.toUtf8()))
        return fail(Error::invalid(QStringLiteral("key"), *problem));
    return {};
}

} // namespace

KvService::KvService(const KvRepository &kv)
    : m_kv(kv)
{
}

Result<std::optional<KvEntry>, Error> KvService::get(const QString &ns, const QString &key) const
{
    if (auto valid = checkKey(key); !valid)
        return fail(valid.error());
    auto entry = m_kv.get(ns, key);
    if (!entry)
        return fail(Error::internal(entry.error()));
    return entry.value();
}

Result<KvService::Stored, Error> KvService::put(const QString &ns, const QString &key,
                                                const QByteArray &valueJson) const
{
    if (auto valid = checkKey(key); !valid)
        return fail(valid.error());
    if (valueJson.size() > KvRepository::MaxValueBytes)
        return fail(Error::invalid(
            QStringLiteral("value"),
            QStringLiteral("is larger than %1 bytes").arg(KvRepository::MaxValueBytes)));
    auto json = m_kv.isValidJson(valueJson);
    if (!json)
        return fail(Error::internal(json.error()));
    if (!json.value())
        return fail(Error::invalid(QStringLiteral("value"),
                                   QStringLiteral("is not one JSON value (strings may not hold raw "
                                                  "control characters; numbers need digits on "
                                                  "both sides of the point)")));
    Stored stored;
    auto entry = m_kv.put(ns, key, valueJson.trimmed(), &stored.created);
    if (!entry)
        return fail(Error::internal(entry.error()));
    stored.entry = entry.value();
    return stored;
}

Result<void, Error> KvService::remove(const QString &ns, const QString &key) const
{
    if (auto valid = checkKey(key); !valid)
        return fail(valid.error());
    if (auto removed = m_kv.remove(ns, key); !removed)
        return fail(Error::internal(removed.error()));
    return {};
}

Result<KvKeyPage, Error> KvService::list(const QString &ns, const QString &prefix,
                                         const std::optional<QString> &afterKey, int limit) const
{
    return m_kv.list(ns, prefix, afterKey, limit).transform_error(&Error::internal);
}

} // namespace hearth::services
