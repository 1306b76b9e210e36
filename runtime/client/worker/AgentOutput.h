#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace hearth::client {

// What a run's result is, given what the agent printed: a JSON value at the
// end of the output (the last ```json fenced block, or the trailing lines
// that parse as JSON, or the whole output) is the result; otherwise the
// trimmed text is, as a JSON string. Returns compact JSON text.
QByteArray extractResult(const QString &output);

// Replaces the values of the secrets a run was given, wherever they appear
// in what the agent printed, with [redacted:NAME].
class SecretRedactor
{
public:
    // Values shorter than this are not redacted: replacing every "a" would
    // make the output useless and protect nothing.
    static constexpr qsizetype MinimumLength = 4;

    void add(const QString &name, const QString &value);
    QString redact(QString text) const;
    // The longest value, for callers that redact a stream in pieces.
    qsizetype longest() const { return m_longest; }
    bool isEmpty() const { return m_secrets.isEmpty(); }

private:
    QList<QPair<QString, QString>> m_secrets; // name, value; longest first
    qsizetype m_longest = 0;
};

} // namespace hearth::client
