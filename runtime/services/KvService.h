#pragma once

#include "core/Error.h"
#include "store/KvRepository.h"

namespace hearth::services {

// The key-value store's use cases, for the API (the global namespace) and
// for scripts (their watcher's namespace, or the global one) alike: keys and
// values are checked here once, against the rules the database itself
// applies, so that what one caller may store the other may too.
class KvService
{
public:
    // The namespace the API and `kv.global` see.
    static QString globalNamespace() { return {}; }
    // A watcher's own: its scripts', its escalations' and its agent runs'.
    static QString watcherNamespace(const QString &watcherId)
    {
        return QStringLiteral("watcher:") + watcherId;
    }

    explicit KvService(const KvRepository &kv);

    // None when the key is not there.
    Result<std::optional<KvEntry>, Error> get(const QString &ns, const QString &key) const;
    struct Stored
    {
        KvEntry entry;
        bool created = false;
    };
    // `valueJson` must be one JSON value SQLite's json_valid accepts (which
    // refuses some text Qt's reader takes: raw control characters in
    // strings, numbers like .5 or 1.) and at most MaxValueBytes.
    Result<Stored, Error> put(const QString &ns, const QString &key,
                              const QByteArray &valueJson) const;
    // Succeeds when the key is already gone.
    Result<void, Error> remove(const QString &ns, const QString &key) const;
    Result<KvKeyPage, Error> list(const QString &ns, const QString &prefix,
                                  const std::optional<QString> &afterKey, int limit) const;

private:
    const KvRepository &m_kv;
};

} // namespace hearth::services
