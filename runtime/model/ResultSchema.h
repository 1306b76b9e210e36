#pragma once

#include "core/Result.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QStringList>

namespace hearth {

// A JSON Schema (draft 7) that an agent watcher's result must match, read
// and applied by valijson. Checked once when a watcher is saved, applied to
// each completed run's result; the runtime fails a run whose result does not
// match (schema_mismatch) whatever the agent itself promised.
class ResultSchema
{
public:
    static constexpr qsizetype MaxSchemaBytes = 64 * 1024;
    // valijson matches `pattern`, `patternProperties` and the date and time
    // formats with std::regex, whose matcher recurses once per character:
    // where a schema uses them, longer strings are refused rather than
    // risking the stack of the process that checks.
    static constexpr qsizetype MaxRegexCheckedChars = 64 * 1024;
    static constexpr int MaxProblems = 5;

    // The schema's problems as one message ("…: $ref to another document is
    // not supported"), or the schema.
    static Result<ResultSchema> parse(const QJsonObject &schema);

    const QJsonObject &json() const { return m_json; }
    // Why `value` does not match ("[notify]: …", at most MaxProblems);
    // empty when it does.
    QStringList problems(const QJsonValue &value) const;

private:
    explicit ResultSchema(QJsonObject json, bool usesRegex)
        : m_json(std::move(json))
        , m_usesRegex(usesRegex)
    {
    }

    QJsonObject m_json;
    bool m_usesRegex = false;
};

} // namespace hearth
