// Agent watchers' result schemas (JSON Schema draft 7 through valijson):
// what matches, what does not and how it is said, schemas refused when a
// watcher is saved, and inputs that must not hurt the process that checks.
#include "model/ResultSchema.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using hearth::ResultSchema;

namespace {

QJsonObject object(const char *json)
{
    QJsonParseError error {};
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad test JSON: %s", json);
    return document.object();
}

QJsonValue value(const char *json)
{
    return QJsonDocument::fromJson(QByteArray("[") + json + "]").array().first();
}

const char *VerdictSchema =
    "{\"type\": \"object\", \"required\": [\"notify\"], \"additionalProperties\": false,"
    " \"properties\": {\"notify\": {\"type\": \"boolean\"}, \"title\": {\"type\": \"string\","
    " \"maxLength\": 80}, \"severity\": {\"enum\": [\"low\", \"high\"]},"
    " \"count\": {\"type\": \"integer\", \"minimum\": 0},"
    " \"tags\": {\"type\": \"array\", \"items\": {\"type\": \"string\"}, \"maxItems\": 3}}}";

} // namespace

class TestResultSchema : public QObject
{
    Q_OBJECT

private slots:
    void results_data();
    void results();
    void refusedSchemas_data();
    void refusedSchemas();
    void referencesAndBooleans();
    void longStringsUnderPatterns();
    void recursiveSchemasAreRefused_data();
    void recursiveSchemasAreRefused();
};

void TestResultSchema::results_data()
{
    QTest::addColumn<QByteArray>("schema");
    QTest::addColumn<QByteArray>("result");
    // Empty: it matches; else a part of the first problem.
    QTest::addColumn<QString>("problem");

    QTest::newRow("matches") << QByteArray(VerdictSchema)
                             << QByteArray("{\"notify\": true, \"title\": \"Price fell\", "
                                           "\"severity\": \"high\", \"count\": 2, \"tags\": []}")
                             << QString();
    QTest::newRow("required missing")
        << QByteArray(VerdictSchema) << QByteArray("{\"title\": \"x\"}") << u"notify"_qs;
    QTest::newRow("wrong type names the field")
        << QByteArray(VerdictSchema) << QByteArray("{\"notify\": \"yes\"}") << u"[notify]"_qs;
    QTest::newRow("unknown field")
        << QByteArray(VerdictSchema) << QByteArray("{\"notify\": false, \"extra\": 1}")
        << u"result"_qs;
    QTest::newRow("enum") << QByteArray(VerdictSchema)
                          << QByteArray("{\"notify\": true, \"severity\": \"medium\"}")
                          << u"[severity]"_qs;
    QTest::newRow("integer, not a fraction")
        << QByteArray(VerdictSchema) << QByteArray("{\"notify\": true, \"count\": 1.5}")
        << u"[count]"_qs;
    QTest::newRow("whole number as integer")
        << QByteArray(VerdictSchema) << QByteArray("{\"notify\": true, \"count\": 3}") << QString();
    QTest::newRow("multipleOf") << QByteArray("{\"type\": \"integer\", \"multipleOf\": 5}")
                                << QByteArray("12") << u"multiple of 5"_qs;
    // A property named multipleOf, and multipleOf in data, are not the
    // keyword.
    QTest::newRow("a property named multipleOf")
        << QByteArray("{\"properties\": {\"multipleOf\": {\"type\": \"integer\"}}, "
                      "\"default\": {\"multipleOf\": 0}, \"enum\": [{\"multipleOf\": 0}]}")
        << QByteArray("{\"multipleOf\": 0}") << QString();
    QTest::newRow("array item") << QByteArray(VerdictSchema)
                                << QByteArray("{\"notify\": true, \"tags\": [\"a\", 2]}")
                                << u"[tags][1]"_qs;
    QTest::newRow("too long") << QByteArray(VerdictSchema)
                              << QByteArray("{\"notify\": true, \"title\": \"" +
                                            QByteArray(81, 'x') + "\"}")
                              << u"[title]"_qs;
    QTest::newRow("not an object")
        << QByteArray(VerdictSchema) << QByteArray("\"done\"") << u"the result"_qs;
    QTest::newRow("null result") << QByteArray(VerdictSchema) << QByteArray("null")
                                 << u"the result"_qs;
    QTest::newRow("scalar schema")
        << QByteArray("{\"type\": \"number\", \"maximum\": 10}") << QByteArray("7") << QString();
    QTest::newRow("anyOf") << QByteArray("{\"anyOf\": [{\"type\": \"string\"}, {\"type\": "
                                         "\"object\", \"required\": [\"a\"]}]}")
                           << QByteArray("{\"b\": 1}") << u"the result"_qs;
    QTest::newRow("pattern") << QByteArray("{\"type\": \"string\", \"pattern\": \"^[A-Z]{3}$\"}")
                             << QByteArray("\"EUR\"") << QString();
    QTest::newRow("pattern mismatch")
        << QByteArray("{\"type\": \"string\", \"pattern\": \"^[A-Z]{3}$\"}")
        << QByteArray("\"euro\"") << u"the result"_qs;
    QTest::newRow("date-time format")
        << QByteArray("{\"type\": \"string\", \"format\": \"date-time\"}")
        << QByteArray("\"2026-12-04T10:00:00Z\"") << QString();
    QTest::newRow("date-time format mismatch")
        << QByteArray("{\"type\": \"string\", \"format\": \"date-time\"}")
        << QByteArray("\"tomorrow\"") << u"the result"_qs;
}

void TestResultSchema::results()
{
    QFETCH(QByteArray, schema);
    QFETCH(QByteArray, result);
    QFETCH(QString, problem);
    auto parsed = ResultSchema::parse(object(schema.constData()));
    QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error()));
    const QStringList problems = parsed->problems(value(result.constData()));
    if (problem.isEmpty()) {
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    } else {
        QVERIFY(!problems.isEmpty());
        QVERIFY(problems.size() <= ResultSchema::MaxProblems);
        QVERIFY2(problems.first().contains(problem), qPrintable(problems.join(u'\n')));
    }
}

void TestResultSchema::refusedSchemas_data()
{
    QTest::addColumn<QByteArray>("schema");
    QTest::addColumn<QString>("message");
    QTest::newRow("another document") << QByteArray("{\"$ref\": \"https://example.com/s.json\"}")
                                      << u"only references within the schema"_qs;
    QTest::newRow("an inner $id")
        << QByteArray("{\"definitions\": {\"a\": {\"$id\": \"http://x/a\", \"properties\": "
                      "{\"n\": {\"$ref\": \"#/properties/n\"}}}}, \"$ref\": \"#/definitions/a\"}")
        << u"only at the top"_qs;
    QTest::newRow("a name") << QByteArray("{\"$id\": \"#me\", \"properties\": {\"n\": {\"$ref\": "
                                          "\"#me\"}}}")
                            << u"$ref \"#me\": only references within"_qs;
    QTest::newRow("a reference to nothing")
        << QByteArray("{\"$ref\": \"#/definitions/missing\"}")
        << u"$ref \"#/definitions/missing\" points to nothing in the schema"_qs;
    // Found by fuzz_resultschema: valijson reads "#/" as the root, so the
    // schema referred to itself and validation recursed until the stack
    // overflowed.
    QTest::newRow("the root with a trailing slash")
        << QByteArray("{\"definitions\": {\"a\": {\"type\": \"integer\"}}, \"anyOf\": "
                      "[{\"$ref\": \"#/\"}]}")
        << u"$ref \"#/\" points to nothing in the schema"_qs;
    // Found by fuzz_resultschema: valijson divided an integer by 0.
    QTest::newRow("multipleOf 0")
        << QByteArray("{\"definitions\": {\"a\": {\"minimum\": 0, \"multipleOf\": 0}}, "
                      "\"anyOf\": [{\"$ref\": \"#/definitions/a\"}]}")
        << u"multipleOf must be a number greater than 0, not 0"_qs;
    QTest::newRow("multipleOf below 0") << QByteArray("{\"items\": {\"multipleOf\": -1}}")
                                        << u"multipleOf must be a number greater than 0, not -1"_qs;
    QTest::newRow("multipleOf 0.0")
        << QByteArray("{\"multipleOf\": 0.0}") << u"multipleOf must be a number greater than 0"_qs;
    QTest::newRow("unknown type") << QByteArray("{\"type\": \"verdict\"}")
                                  << u"valijson can read"_qs;
    QTest::newRow("not a regular expression")
        << QByteArray("{\"properties\": {\"a\": {\"pattern\": \"([a-z\"}}}")
        << u"pattern \"([a-z\" is not a regular expression"_qs;
    QTest::newRow("patternProperties key")
        << QByteArray("{\"patternProperties\": {\"*x\": {}}}") << u"pattern \"*x\""_qs;
    QTest::newRow("minimum not a number")
        << QByteArray("{\"minimum\": \"ten\"}") << u"valijson can read"_qs;
    QTest::newRow("too large") << QByteArray("{\"description\": \"" + QByteArray(70000, 'x') +
                                             "\"}")
                               << u"the limit is 65536"_qs;
}

void TestResultSchema::refusedSchemas()
{
    QFETCH(QByteArray, schema);
    QFETCH(QString, message);
    auto parsed = ResultSchema::parse(object(schema.constData()));
    QVERIFY(!parsed);
    QVERIFY2(parsed.error().contains(message), qPrintable(parsed.error()));
}

void TestResultSchema::referencesAndBooleans()
{
    auto parsed = ResultSchema::parse(
        object("{\"definitions\": {\"item\": {\"type\": \"object\", \"required\": [\"url\"]}},"
               " \"type\": \"array\", \"items\": {\"$ref\": \"#/definitions/item\"},"
               " \"contains\": true}"));
    QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error()));
    QVERIFY(parsed->problems(value("[{\"url\": \"https://a\"}]")).isEmpty());
    QVERIFY(parsed->problems(value("[{\"url\": \"https://a\"}, {}]")).first().contains(u"[1]"));
    auto nothing = ResultSchema::parse(object("{\"properties\": {\"a\": false}}"));
    QVERIFY(nothing);
    QVERIFY(!nothing->problems(value("{\"a\": 1}")).isEmpty());
    QVERIFY(nothing->problems(value("{\"b\": 1}")).isEmpty());
}

// A long string under a pattern or a date format is matched by std::regex,
// which recurses per character: up to the limit it is checked (on the
// checker's large stack), beyond it refused without matching.
void TestResultSchema::longStringsUnderPatterns()
{
    auto parsed = ResultSchema::parse(
        object("{\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"string\", \"pattern\": "
               "\"^(a|b)*$\"}, \"d\": {\"type\": \"string\", \"format\": \"date\"}}}"));
    QVERIFY(parsed);
    const QString longest(ResultSchema::MaxRegexCheckedChars, u'a');
    const QString beyond(ResultSchema::MaxRegexCheckedChars + 1, u'a');
    QVERIFY(parsed->problems(QJsonObject { { QStringLiteral("a"), longest } }).isEmpty());
    const QStringList digits = parsed->problems(
        QJsonObject { { QStringLiteral("d"), QString(ResultSchema::MaxRegexCheckedChars, u'1') } });
    QVERIFY2(!digits.isEmpty() && digits.join(u'\n').contains(u"result[d]: "),
             qPrintable(digits.join(u'\n')));
    const QStringList tooLong = parsed->problems(QJsonObject { { QStringLiteral("a"), beyond } });
    QCOMPARE(tooLong.size(), 1);
    QVERIFY2(tooLong.first().contains(u"at most 65536"), qPrintable(tooLong.first()));
    // Without such keywords, long strings are simply checked.
    auto plain = ResultSchema::parse(object("{\"type\": \"object\", \"properties\": {\"a\": "
                                            "{\"type\": \"string\", \"maxLength\": 10}}}"));
    QVERIFY(plain);
    QVERIFY(!plain->problems(QJsonObject { { QStringLiteral("a"), beyond } }).isEmpty());
    QVERIFY(plain->problems(QJsonObject { { QStringLiteral("b"), beyond } }).isEmpty());
}

// A schema that refers back into itself would make a validator descend
// forever: refused when the watcher is saved, whatever the path.
void TestResultSchema::recursiveSchemasAreRefused_data()
{
    QTest::addColumn<QByteArray>("schema");
    QTest::newRow("the root") << QByteArray("{\"$ref\": \"#\"}");
    QTest::newRow("through definitions")
        << QByteArray("{\"definitions\": {\"a\": {\"$ref\": \"#/definitions/b\"}, \"b\": "
                      "{\"$ref\": \"#/definitions/a\"}}, \"$ref\": \"#/definitions/a\"}");
    QTest::newRow("in allOf") << QByteArray("{\"allOf\": [{\"$ref\": \"#\"}]}");
    QTest::newRow("a linked list") << QByteArray("{\"properties\": {\"next\": {\"$ref\": \"#\"}}}");
    QTest::newRow("percent-encoded")
        << QByteArray("{\"definitions\": {\"a b\": {\"items\": {\"$ref\": "
                      "\"#/definitions/a%20b\"}}}, \"$ref\": \"#/definitions/a%20b\"}");
    QTest::newRow("an array index")
        << QByteArray("{\"anyOf\": [{\"properties\": {\"x\": {\"$ref\": \"#/anyOf/0\"}}}]}");
}

void TestResultSchema::recursiveSchemasAreRefused()
{
    QFETCH(QByteArray, schema);
    auto parsed = ResultSchema::parse(object(schema.constData()));
    QVERIFY(!parsed);
    QVERIFY2(parsed.error().contains(u"makes the schema recursive"), qPrintable(parsed.error()));
}

QTEST_GUILESS_MAIN(TestResultSchema)
#include "tst_resultschema.moc"
