#include "ResultSchema.h"

// GCC 12 warns falsely inside libstdc++'s <regex> (used here and by
// valijson) when sanitizers are on: GCC bug 105562, "may be used
// uninitialized" in std::function's move. Only this file includes <regex>.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QThread>
#include <QUrl>
#include <functional>
#include <regex>
// valijson reports what it cannot read by throwing (else it aborts).
#define VALIJSON_USE_EXCEPTIONS 1
#include <valijson/adapters/qtjson_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

namespace hearth {

namespace {

// valijson and std::regex recurse (over the schema's nesting, over a
// matched string's characters): they run on a thread of their own whose
// stack is large enough for any input ResultSchema's limits let through.
// The stack is reserved address space; only what is used is ever touched.
constexpr uint CheckingStackBytes = 512u * 1024 * 1024;

// False when no such thread could be started (address space is short):
// the caller then fails closed.
template<typename Work> bool onLargeStack(Work &&work)
{
    bool ran = false;
    std::unique_ptr<QThread> thread(QThread::create([&ran, &work]() {
        ran = true;
        work();
    }));
    thread->setStackSize(CheckingStackBytes);
    thread->start();
    thread->wait();
    return ran;
}

const QString NoCheckingThread =
    QStringLiteral("could not be checked: no thread for the check could be started");

bool isRegexKeyword(const QString &key)
{
    return key == u"pattern" || key == u"patternProperties" || key == u"format";
}

// Whether the schema uses a keyword valijson checks with std::regex, and
// the first `pattern` (or patternProperties key) std::regex cannot read.
void scanRegexes(const QJsonValue &value, bool &usesRegex, QString &badPattern)
{
    const auto tryPattern = [&badPattern](const QString &pattern) {
        if (!badPattern.isEmpty())
            return;
        try {
            std::regex compiled(pattern.toStdString());
        } catch (const std::regex_error &) {
            badPattern = pattern;
        }
    };
    if (value.isArray()) {
        for (const QJsonValue &item : value.toArray())
            scanRegexes(item, usesRegex, badPattern);
        return;
    }
    if (!value.isObject())
        return;
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (isRegexKeyword(it.key()))
            usesRegex = true;
        if (it.key() == u"pattern" && it.value().isString())
            tryPattern(it.value().toString());
        if (it.key() == u"patternProperties" && it.value().isObject()) {
            const QJsonObject patterns = it.value().toObject();
            for (auto pattern = patterns.begin(); pattern != patterns.end(); ++pattern)
                tryPattern(pattern.key());
        }
        scanRegexes(it.value(), usesRegex, badPattern);
    }
}

// The first `multipleOf` that is not a number greater than 0, as JSON
// Schema requires (valijson divides by it: 0 divides by zero, and -1 can
// overflow). The members whose values are data, not schemas, are skipped.
std::optional<QJsonValue> badDivisor(const QJsonValue &value)
{
    if (value.isArray()) {
        for (const QJsonValue &item : value.toArray()) {
            if (auto bad = badDivisor(item))
                return bad;
        }
        return std::nullopt;
    }
    if (!value.isObject())
        return std::nullopt;
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.key() == u"const" || it.key() == u"enum" || it.key() == u"default" ||
            it.key() == u"examples")
            continue;
        if (it.key() == u"multipleOf" && it.value().isDouble() && !(it.value().toDouble() > 0))
            return it.value();
        if (auto bad = badDivisor(it.value()))
            return bad;
    }
    return std::nullopt;
}

// The value at a local JSON pointer ("#/definitions/item"), if any.
std::optional<QJsonValue> resolve(const QJsonObject &root, const QString &reference)
{
    QJsonValue at = root;
    const QString pointer = QUrl::fromPercentEncoding(reference.mid(1).toUtf8());
    if (pointer.isEmpty())
        return at;
    if (!pointer.startsWith(u'/'))
        return std::nullopt;
    for (QString token : pointer.mid(1).split(u'/')) {
        token.replace(QStringLiteral("~1"), QStringLiteral("/"));
        token.replace(QStringLiteral("~0"), QStringLiteral("~"));
        if (at.isObject() && at.toObject().contains(token)) {
            at = at.toObject().value(token);
        } else if (at.isArray()) {
            bool ok = false;
            const int index = token.toInt(&ok);
            if (!ok || index < 0 || index >= at.toArray().size())
                return std::nullopt;
            at = at.toArray().at(index);
        } else {
            return std::nullopt;
        }
    }
    return at;
}

// The references anywhere in a schema, and whether a subschema names
// itself with "$id" (which would change what its references point to).
void collectReferences(const QJsonValue &value, QSet<QString> &references, bool *innerId = nullptr,
                       bool atRoot = true)
{
    if (value.isArray()) {
        for (const QJsonValue &item : value.toArray())
            collectReferences(item, references, innerId, false);
    } else if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (it.key() == u"$ref" && it.value().isString())
                references.insert(it.value().toString());
            else if (it.key() == u"$id" && it.value().isString() && !atRoot && innerId)
                *innerId = true;
            else
                collectReferences(it.value(), references, innerId, false);
        }
    }
}

// A recursive schema (a reference that leads back into itself, "#" the
// simplest) could make a validator descend forever; such schemas are
// refused. From each reference's target, the references inside it are
// followed; meeting one on the current path again is a cycle.
std::optional<QString> recursiveReference(const QJsonObject &root)
{
    QHash<QString, QSet<QString>> inside; // target → references within it
    QSet<QString> pending;
    collectReferences(root, pending);
    QSet<QString> targets = pending;
    while (!pending.isEmpty()) {
        const QString reference = *pending.begin();
        pending.erase(pending.begin());
        QSet<QString> found;
        if (const auto target = resolve(root, reference))
            collectReferences(*target, found);
        for (const QString &next : std::as_const(found)) {
            if (!targets.contains(next)) {
                targets.insert(next);
                pending.insert(next);
            }
        }
        inside.insert(reference, found);
    }
    // Depth-first search for a cycle; `onPath` holds the current chain.
    QSet<QString> done;
    QSet<QString> onPath;
    std::function<bool(const QString &)> cycleFrom = [&](const QString &reference) {
        if (onPath.contains(reference))
            return true;
        if (done.contains(reference))
            return false;
        onPath.insert(reference);
        for (const QString &next : inside.value(reference)) {
            if (cycleFrom(next))
                return true;
        }
        onPath.remove(reference);
        done.insert(reference);
        return false;
    };
    for (const QString &reference : std::as_const(targets)) {
        if (cycleFrom(reference))
            return reference;
    }
    return std::nullopt;
}

// The longest string in a value, keys included.
qsizetype longestString(const QJsonValue &value)
{
    qsizetype longest = 0;
    if (value.isString())
        return value.toString().size();
    if (value.isArray()) {
        for (const QJsonValue &item : value.toArray())
            longest = std::max(longest, longestString(item));
    } else if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            longest = std::max({ longest, it.key().size(), longestString(it.value()) });
    }
    return longest;
}

QString pathOf(const std::vector<std::string> &context)
{
    QString path;
    for (const std::string &part : context) {
        if (part != "<root>")
            path += QString::fromStdString(part);
    }
    return path.isEmpty() ? QStringLiteral("the result") : QStringLiteral("result") + path;
}

void populate(valijson::Schema &schema, const QJsonObject &json)
{
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    const valijson::adapters::QtJsonAdapter adapter { QJsonValue(json) };
    parser.populateSchema(adapter, schema);
}

} // namespace

Result<ResultSchema> ResultSchema::parse(const QJsonObject &schema)
{
    if (const qsizetype bytes = QJsonDocument(schema).toJson(QJsonDocument::Compact).size();
        bytes > MaxSchemaBytes)
        return fail(QStringLiteral("is %1 bytes; the limit is %2").arg(bytes).arg(MaxSchemaBytes));
    QString problem;
    bool usesRegex = false;
    const bool checked = onLargeStack([&]() {
        QString badPattern;
        scanRegexes(schema, usesRegex, badPattern);
        if (!badPattern.isEmpty()) {
            problem = QStringLiteral("pattern \"%1\" is not a regular expression (ECMAScript)")
                          .arg(badPattern.left(100));
            return;
        }
        if (const auto divisor = badDivisor(schema)) {
            problem = QStringLiteral("multipleOf must be a number greater than 0, not %1")
                          .arg(divisor->toVariant().toString());
            return;
        }
        QSet<QString> references;
        bool innerId = false;
        collectReferences(schema, references, &innerId);
        if (innerId) {
            problem = QStringLiteral("\"$id\" is supported only at the top of the schema");
            return;
        }
        for (const QString &reference : std::as_const(references)) {
            // Only JSON pointers into this schema: another document cannot
            // be fetched, and a name ($id) could hide a recursion.
            if (reference != u"#" && !reference.startsWith(QStringLiteral("#/"))) {
                problem = QStringLiteral("$ref \"%1\": only references within the schema "
                                         "(\"#/definitions/…\") are supported")
                              .arg(reference.left(100));
                return;
            }
            // One the cycle check cannot follow is refused too: valijson
            // might read it otherwise ("#/" as the root) and recurse forever.
            if (!resolve(schema, reference)) {
                problem = QStringLiteral("$ref \"%1\" points to nothing in the schema")
                              .arg(reference.left(100));
                return;
            }
        }
        if (const auto recursive = recursiveReference(schema)) {
            problem = QStringLiteral("$ref \"%1\" makes the schema recursive, which is not "
                                     "supported")
                          .arg(recursive->left(100));
            return;
        }
        try {
            valijson::Schema parsed;
            populate(parsed, schema);
        } catch (const std::exception &error) {
            problem = QStringLiteral("is not a JSON Schema valijson can read: %1")
                          .arg(QString::fromUtf8(error.what()).left(300));
        }
    });
    if (!checked)
        return fail(NoCheckingThread);
    if (!problem.isEmpty())
        return fail(problem);
    return ResultSchema(schema, usesRegex);
}

QStringList ResultSchema::problems(const QJsonValue &value) const
{
    if (m_usesRegex) {
        if (const qsizetype longest = longestString(value); longest > MaxRegexCheckedChars)
            return { QStringLiteral("the result has a string of %1 characters; where the schema "
                                    "uses pattern or format, strings of at most %2 are checked")
                         .arg(longest)
                         .arg(MaxRegexCheckedChars) };
    }
    QStringList found;
    const bool checked = onLargeStack([&]() {
        try {
            valijson::Schema schema;
            populate(schema, m_json);
            valijson::Validator validator;
            valijson::ValidationResults results;
            const valijson::adapters::QtJsonAdapter target(value);
            if (validator.validate(schema, target, &results))
                return;
            valijson::ValidationResults::Error error;
            while (found.size() < MaxProblems && results.popError(error))
                found.append(pathOf(error.context) + QStringLiteral(": ") +
                             QString::fromStdString(error.description));
            if (found.isEmpty())
                found.append(QStringLiteral("the result does not match"));
        } catch (const std::exception &error) {
            // Fail closed: what cannot be checked does not match.
            found = { QStringLiteral("the result could not be checked: %1")
                          .arg(QString::fromUtf8(error.what()).left(300)) };
        }
    });
    if (!checked)
        return { QStringLiteral("the result ") + NoCheckingThread };
    return found;
}

} // namespace hearth
