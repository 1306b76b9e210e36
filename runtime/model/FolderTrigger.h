#pragma once

#include "core/Result.h"
#include "core/Validation.h"

#include <QJsonObject>
#include <QRegularExpression>
#include <QString>

namespace hearth::scheduler {

// A watcher that starts when files change under a folder instead of on a
// schedule:
//   {"path": "~/Downloads", "recursive": true, "glob": "*.pdf", "settle_ms": 2000}
// Changes are gathered until the files have stopped changing for settle_ms,
// then one run gets them all as ctx.event ({path, created, modified,
// removed}). hearthd keeps what it last saw of the folder (each file's size
// and modification time), so changes made while it was stopped are found
// when it starts.
struct FolderTrigger
{
    static constexpr qint64 DefaultSettleMs = 2000;
    static constexpr qint64 MinSettleMs = 100;
    static constexpr qint64 MaxSettleMs = 600'000;
    static constexpr qsizetype MaxPathChars = 4096;
    static constexpr qsizetype MaxGlobChars = 200;
    // What one watcher may watch: folders (each costs the system a watch)
    // and files (each a row of the stored manifest). A tree beyond either is
    // refused when the watcher is saved, and stops the watching if it grows
    // beyond them later.
    static constexpr int MaxFolders = 1000;
    static constexpr int MaxFiles = 50'000;
    // Paths listed in one run's ctx.event; the rest are counted (truncated).
    static constexpr int MaxEventPaths = 1000;

    QString path; // as the user wrote it: absolute, or starting with ~
    bool recursive = false;
    QString glob; // empty: every file
    qint64 settleMs = DefaultSettleMs;

    // `field` prefixes error fields ("trigger" → "trigger.path").
    static Result<FolderTrigger, FieldError>
    fromJson(const QJsonValue &json, const QString &field = QStringLiteral("trigger"));
    QJsonObject toJson() const;

    // The folder on this machine: ~ expanded, cleaned.
    QString folder() const;
    // Which files the glob selects: a glob without '/' is matched against
    // a file's name ("*.pdf"), one with '/' against its path relative to the
    // folder ("invoices/*.pdf").
    class Selector
    {
    public:
        explicit Selector(const QString &glob);
        bool selects(const QString &relativePath) const;

    private:
        QRegularExpression m_pattern; // invalid: every file
        bool m_wholePath = false;
    };
    Selector selector() const { return Selector(glob); }
    // What the stored manifest was taken for: when it differs from the
    // stored one, the folder is looked at afresh (no run for what is there).
    QString scope() const;

    bool operator==(const FolderTrigger &other) const = default;
};

} // namespace hearth::scheduler
