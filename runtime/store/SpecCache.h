#pragma once

#include "model/WatcherSpec.h"

#include <QHash>
#include <QString>
#include <mutex>
#include <optional>

namespace hearth {

// Watchers' specs as parsed from their stored JSON, by watcher id, each kept
// with the text it was parsed from: a burst of runs reads every watcher's
// spec three times (to fire, to claim, to record the end), and parsing it
// again each time (a JSON document, a cron expression, a time zone) was a
// fifth of the scheduler's work. A hit is a comparison of the stored text
// with the kept one, so an edit is never missed. Bounded by the number of
// specs and the text they hold (a parsed spec takes about 2 KiB besides its
// script): when a new one would pass either bound it is emptied first (the
// watchers of the next batch of a burst fill it again). Thread-safe: the
// API's threads read watchers too.
class SpecCache
{
public:
    static constexpr qsizetype MaxSpecs = 2048;
    static constexpr qsizetype MaxBytes = 4 * 1024 * 1024;

    std::optional<scheduler::WatcherSpec> find(qint64 watcherId, const QString &storedText)
    {
        const std::lock_guard lock(m_mutex);
        const auto found = m_specs.constFind(watcherId);
        if (found == m_specs.cend() || found->storedText != storedText)
            return std::nullopt;
        return found->spec;
    }

    void keep(qint64 watcherId, const QString &storedText, const scheduler::WatcherSpec &spec)
    {
        const std::lock_guard lock(m_mutex);
        if (const auto old = m_specs.constFind(watcherId); old != m_specs.cend()) {
            m_bytes -= bytesOf(old->storedText);
            m_specs.erase(old);
        }
        const qsizetype bytes = bytesOf(storedText);
        if (bytes > MaxBytes)
            return;
        if (m_bytes + bytes > MaxBytes || m_specs.size() >= MaxSpecs) {
            m_specs.clear();
            m_bytes = 0;
        }
        m_specs.insert(watcherId, { storedText, spec });
        m_bytes += bytes;
    }

private:
    // The text and the parsed script, UTF-16 each: a parsed spec is mostly
    // its script.
    static qsizetype bytesOf(const QString &storedText) { return 4 * storedText.size(); }

    struct Entry
    {
        QString storedText;
        scheduler::WatcherSpec spec;
    };
    std::mutex m_mutex;
    QHash<qint64, Entry> m_specs;
    qsizetype m_bytes = 0;
};

} // namespace hearth
