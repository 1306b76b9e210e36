#include "FolderTrigger.h"

#include <QDir>
#include <QJsonDocument>

namespace hearth::scheduler {

namespace {

QRegularExpression globExpression(const QString &glob)
{
    // File names compare as the file system does on Linux: case matters.
    return QRegularExpression::fromWildcard(glob, Qt::CaseSensitive);
}

} // namespace

Result<FolderTrigger, FieldError> FolderTrigger::fromJson(const QJsonValue &json,
                                                          const QString &field)
{
    if (!json.isObject())
        return fail(FieldError { field,
                                 QStringLiteral("must be an object such as {\"path\": "
                                                "\"~/Downloads\", \"glob\": \"*.pdf\"}") });
    const QJsonObject object = json.toObject();
    if (auto known =
            onlyKnownFields(object, field + u'.', { "path", "recursive", "glob", "settle_ms" });
        !known)
        return fail(known.error());

    FolderTrigger trigger;
    const QJsonValue path = object.value(QStringLiteral("path"));
    trigger.path = path.toString().trimmed();
    const QString pathField = field + QStringLiteral(".path");
    if (!path.isString() || trigger.path.isEmpty() || trigger.path.size() > MaxPathChars)
        return fail(
            FieldError { pathField,
                         QStringLiteral("must name the folder to watch (at most %1 characters)")
                             .arg(MaxPathChars) });
    if (trigger.path.contains(QChar(0)))
        return fail(FieldError { pathField, QStringLiteral("must not contain a NUL character") });
    // hearthd has no working folder of the user's: a relative path would
    // mean wherever it happened to start.
    const bool fromHome = trigger.path == u"~" || trigger.path.startsWith(u"~/");
    if (!fromHome && !QDir::isAbsolutePath(trigger.path))
        return fail(
            FieldError { pathField,
                         QStringLiteral("must be an absolute path or start with ~/ (\"%1\" is "
                                        "relative)")
                             .arg(trigger.path) });

    const QJsonValue recursive = object.value(QStringLiteral("recursive"));
    if (!recursive.isUndefined()) {
        if (!recursive.isBool())
            return fail(FieldError { field + QStringLiteral(".recursive"),
                                     QStringLiteral("must be true or false") });
        trigger.recursive = recursive.toBool();
    }

    const QJsonValue glob = object.value(QStringLiteral("glob"));
    if (!glob.isUndefined() && !glob.isNull()) {
        trigger.glob = glob.toString();
        const QString globField = field + QStringLiteral(".glob");
        if (!glob.isString() || trigger.glob.trimmed().isEmpty() ||
            trigger.glob.size() > MaxGlobChars)
            return fail(FieldError {
                globField,
                QStringLiteral("must be a pattern such as \"*.pdf\" (at most %1 characters)")
                    .arg(MaxGlobChars) });
        if (!globExpression(trigger.glob).isValid())
            return fail(FieldError {
                globField, QStringLiteral("is not a valid pattern: use *, ? and [abc]") });
    }

    auto settle =
        wholeNumberField(object, QStringLiteral("settle_ms"), field + QStringLiteral(".settle_ms"),
                         MinSettleMs, MaxSettleMs, DefaultSettleMs);
    if (!settle)
        return fail(settle.error());
    trigger.settleMs = settle.value();
    return trigger;
}

QJsonObject FolderTrigger::toJson() const
{
    return { { QStringLiteral("path"), path },
             { QStringLiteral("recursive"), recursive },
             { QStringLiteral("glob"), glob.isEmpty() ? QJsonValue() : QJsonValue(glob) },
             { QStringLiteral("settle_ms"), settleMs } };
}

QString FolderTrigger::folder() const
{
    if (path == u"~")
        return QDir::homePath();
    if (path.startsWith(u"~/"))
        return QDir::cleanPath(QDir::homePath() + path.mid(1));
    return QDir::cleanPath(path);
}

FolderTrigger::Selector::Selector(const QString &glob)
    : m_wholePath(glob.contains(u'/'))
{
    if (!glob.isEmpty())
        m_pattern = globExpression(glob);
}

bool FolderTrigger::Selector::selects(const QString &relativePath) const
{
    if (m_pattern.pattern().isEmpty())
        return true;
    const QString subject =
        m_wholePath ? relativePath : relativePath.mid(relativePath.lastIndexOf(u'/') + 1);
    return m_pattern.match(subject).hasMatch();
}

QString FolderTrigger::scope() const
{
    return QString::fromUtf8(QJsonDocument(QJsonObject { { QStringLiteral("folder"), folder() },
                                                         { QStringLiteral("recursive"), recursive },
                                                         { QStringLiteral("glob"), glob } })
                                 .toJson(QJsonDocument::Compact));
}

} // namespace hearth::scheduler
