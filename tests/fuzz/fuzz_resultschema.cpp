// libFuzzer target: agent watchers' result schemas. The first line is read
// as a schema (as a watcher's result_schema is when saved), the rest as a
// result checked against it (as a completed run's is): neither may crash,
// hang or leak, whatever a user saves or an agent answers.
#include "model/ResultSchema.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    const qsizetype newline = input.indexOf('\n');
    const QByteArray schemaText = newline < 0 ? input : input.left(newline);
    const QByteArray resultText = newline < 0 ? QByteArray("null") : input.mid(newline + 1);
    const QJsonDocument schema = QJsonDocument::fromJson(schemaText);
    if (!schema.isObject())
        return 0;
    auto parsed = hearth::ResultSchema::parse(schema.object());
    if (!parsed)
        return 0;
    const QJsonDocument result = QJsonDocument::fromJson("[" + resultText + "]");
    (void)parsed->problems(result.isArray() && !result.array().isEmpty() ? result.array().first()
                                                                         : QJsonValue());
    return 0;
}
