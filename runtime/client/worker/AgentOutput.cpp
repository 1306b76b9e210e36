#include "AgentOutput.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <QStringList>
#include <algorithm>
#include <optional>

namespace hearth::client {

namespace {

// Trailing-JSON search looks at most this many line starts from the end, so
// a megabyte of output with many lines costs a bounded number of parses.
constexpr int MaxCandidateLines = 200;

// Any JSON value (Qt 6.4's parser takes only objects and arrays at the top).
std::optional<QByteArray> asJson(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    QJsonParseError error {};
    const QJsonDocument wrapped = QJsonDocument::fromJson("[" + trimmed.toUtf8() + "]", &error);
    if (error.error != QJsonParseError::NoError || wrapped.array().size() != 1)
        return std::nullopt;
    return QJsonDocument(wrapped.array()).toJson(QJsonDocument::Compact).mid(1).chopped(1);
}

std::optional<QByteArray> lastFencedBlock(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (!trimmed.endsWith(QStringLiteral("```")))
        return std::nullopt;
    const qsizetype close = trimmed.size() - 3;
    const qsizetype open = trimmed.lastIndexOf(QStringLiteral("```"), close - 1);
    if (open < 0)
        return std::nullopt;
    QString body = trimmed.mid(open + 3, close - open - 3);
    // The info string ("json") runs to the end of the opening line.
    const qsizetype newline = body.indexOf(u'\n');
    if (newline < 0)
        return std::nullopt;
    body = body.mid(newline + 1);
    return asJson(body);
}

std::optional<QByteArray> trailingJson(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (!trimmed.endsWith(u'}') && !trimmed.endsWith(u']')) {
        // A bare scalar on the last line ("42", "true", "\"done\"").
        const qsizetype lastLine = trimmed.lastIndexOf(u'\n');
        return asJson(trimmed.mid(lastLine + 1));
    }
    qsizetype from = trimmed.size();
    for (int tried = 0; tried < MaxCandidateLines && from > 0; ++tried) {
        const qsizetype lineStart = trimmed.lastIndexOf(u'\n', from - 1) + 1;
        const QString candidate = trimmed.mid(lineStart).trimmed();
        const QChar first = candidate.isEmpty() ? QChar() : candidate.front();
        if (first == u'{' || first == u'[') {
            if (auto json = asJson(trimmed.mid(lineStart)))
                return json;
        }
        from = lineStart - 1;
    }
    return std::nullopt;
}

} // namespace

QByteArray extractResult(const QString &output)
{
    if (auto fenced = lastFencedBlock(output))
        return *fenced;
    if (auto json = trailingJson(output))
        return *json;
    return QJsonDocument(QJsonArray { output.trimmed() })
        .toJson(QJsonDocument::Compact)
        .mid(1)
        .chopped(1);
}

void SecretRedactor::add(const QString &name, const QString &value)
{
    if (value.size() < MinimumLength)
        return;
    m_secrets.append({ name, value });
    // Longest first, so that a secret containing another is replaced whole.
    std::sort(m_secrets.begin(), m_secrets.end(),
              [](const auto &a, const auto &b) { return a.second.size() > b.second.size(); });
    m_longest = std::max(m_longest, value.size());
}

QString SecretRedactor::redact(QString text) const
{
    for (const auto &[name, value] : m_secrets)
        text.replace(value, QStringLiteral("[redacted:%1]").arg(name));
    return text;
}

} // namespace hearth::client
