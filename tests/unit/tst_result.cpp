// Result's monadic operations (core/Result.h): each runs only on the side it
// is for, and carries the other side through unchanged.
#include "core/Error.h"
#include "core/Result.h"

#include <QTest>

using namespace hearth;

namespace {

Result<int> parsed(const QString &text)
{
    bool ok = false;
    const int value = text.toInt(&ok);
    if (!ok)
        return fail(QStringLiteral("not a number: ") + text);
    return value;
}

Result<int> positive(int value)
{
    if (value <= 0)
        return fail(QStringLiteral("not positive"));
    return value;
}

} // namespace

class TestResult : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void andThenChainsOnlySuccesses()
    {
        const auto good = parsed(QStringLiteral("12")).and_then(positive);
        QVERIFY(good.ok());
        QCOMPARE(good.value(), 12);
        const auto notNumber = parsed(QStringLiteral("x")).and_then(positive);
        QCOMPARE(notNumber.error(), QStringLiteral("not a number: x")); // the first failure
        const auto negative = parsed(QStringLiteral("-3")).and_then(positive);
        QCOMPARE(negative.error(), QStringLiteral("not positive"));
    }

    void transformMapsTheValue()
    {
        const auto doubled = parsed(QStringLiteral("21")).transform([](int v) { return v * 2; });
        QCOMPARE(doubled.value(), 42);
        const auto failed = parsed(QStringLiteral("?")).transform([](int v) { return v * 2; });
        QCOMPARE(failed.error(), QStringLiteral("not a number: ?"));
    }

    void transformErrorMapsTheError()
    {
        const Result<int, Error> internal =
            parsed(QStringLiteral("?")).transform_error(&Error::internal);
        QCOMPARE(internal.error().code, ErrorCode::Internal);
        QCOMPARE(internal.error().message, QStringLiteral("not a number: ?"));
        const Result<int, Error> kept =
            parsed(QStringLiteral("7")).transform_error(&Error::internal);
        QCOMPARE(kept.value(), 7);

        const Result<void> nothing = fail(QStringLiteral("gone"));
        const Result<void, Error> mapped = nothing.transform_error(&Error::notFound);
        QCOMPARE(mapped.error().code, ErrorCode::NotFound);
        QVERIFY(Result<void>().transform_error(&Error::notFound).ok());
    }
};

QTEST_GUILESS_MAIN(TestResult)
#include "tst_result.moc"
