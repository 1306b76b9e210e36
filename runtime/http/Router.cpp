#include "Router.h"

#include "store/Database.h"

#include <QLoggingCategory>
#include <atomic>
#include <exception>

Q_LOGGING_CATEGORY(lcHttp, "hearth.http")

namespace hearth::http {

Router &Router::add(QByteArray method, const QString &pattern, Handler handler, qint64 bodyCap)
{
    QRegularExpression regex(QRegularExpression::anchoredPattern(pattern),
                             QRegularExpression::DotMatchesEverythingOption);
    Q_ASSERT(regex.isValid());
    regex.optimize();
    m_routes.append(Route { std::move(method), std::move(regex), std::move(handler), bodyCap, {} });
    return *this;
}

Router &Router::withQuery(std::initializer_list<const char *> names)
{
    Q_ASSERT(!m_routes.isEmpty());
    for (const char *name : names)
        m_routes.last().query.append(QString::fromLatin1(name));
    return *this;
}

std::optional<QString> Router::unknownQueryParameter(const Route &route, const ApiRequest &request)
{
    // The first in name order, so that the answer does not depend on hashing.
    QStringList names = request.query.keys();
    names.sort();
    for (const QString &name : std::as_const(names)) {
        if (!route.query.contains(name))
            return name;
    }
    return std::nullopt;
}

QByteArray Router::routingMethod(const QByteArray &method)
{
    return method == "HEAD" ? QByteArray("GET") : method;
}

qint64 Router::bodyCapFor(const QByteArray &method, const QString &path) const
{
    const QByteArray wanted = routingMethod(method);
    for (const Route &route : m_routes) {
        if (route.method == wanted && route.pattern.match(path).hasMatch())
            return route.bodyCap;
    }
    return DefaultBodyCap;
}

qint64 Router::largestBodyCap() const
{
    qint64 largest = DefaultBodyCap;
    for (const Route &route : m_routes)
        largest = qMax(largest, route.bodyCap);
    return largest;
}

ApiResponse Router::toResponse(const ApiError &error)
{
    return { error.status,
             errorEnvelope(error.code, error.message, error.reference),
             "application/json",
             error.headers,
             {} };
}

// An internal error's details (SQL text, file paths, what failed inside)
// are for the log, not for whoever asked: the answer says where to look.
ApiError Router::withDetailsLogged(const ApiRequest &request, ApiError error) const
{
    if (error.status < 500)
        return error;
    static std::atomic<quint64> lastReference { 0 };
    error.reference = ++lastReference;
    qCWarning(lcHttp).noquote() << QString::fromLatin1(request.method) << request.path
                                << QStringLiteral("(ref %1):").arg(error.reference)
                                << error.message;
    // What the database's storage said while this request ran: a condition
    // the user can fix is named as such (nothing was written: every write is
    // one transaction).
    const QString where = m_storageLocation.isEmpty()
        ? QStringLiteral("hearthd's data dir")
        : QStringLiteral("the data dir %1").arg(m_storageLocation);
    if (const StorageProblem problem = takeStorageProblem(); problem != StorageProblem::None) {
        const quint64 reference = error.reference;
        switch (problem) {
        case StorageProblem::DiskFull:
            error = { 507,
                      "insufficient_storage",
                      QStringLiteral("the disk that holds %1 is full: nothing was changed; free "
                                     "some space and try again")
                          .arg(where),
                      {} };
            break;
        case StorageProblem::ReadOnly:
            error = { 503,
                      "storage_read_only",
                      QStringLiteral("the database in %1 cannot be written: nothing was changed; "
                                     "make it writable again")
                          .arg(where),
                      {} };
            break;
        case StorageProblem::Busy:
            error = { 503,
                      "database_busy",
                      QStringLiteral("the database stayed busy too long: nothing was changed; "
                                     "try again"),
                      { { "Retry-After", "1" } } };
            break;
        case StorageProblem::None:
            break;
        }
        error.reference = reference;
        error.message += QStringLiteral(" (ref %1)").arg(reference);
        return error;
    }
    if (error.code == "internal_error")
        error.message = QStringLiteral("internal error; hearthd's log has the details (ref %1)")
                            .arg(error.reference);
    return error;
}

void Router::setStorageLocation(const QString &dataDir)
{
    m_storageLocation = dataDir;
}

ApiResponse Router::dispatch(ApiRequest request) const
{
    const QByteArray wanted = routingMethod(request.method);
    QList<QByteArray> allowed;
    for (const Route &route : m_routes) {
        const auto match = route.pattern.match(request.path);
        if (!match.hasMatch())
            continue;
        if (route.method != wanted) {
            if (!allowed.contains(route.method))
                allowed.append(route.method);
            continue;
        }
        request.pathParams = match.capturedTexts().mid(1);
        if (auto unknown = unknownQueryParameter(route, request)) {
            return toResponse(ApiError::invalidRequest(
                *unknown,
                route.query.isEmpty()
                    ? QStringLiteral("is not a parameter: this endpoint takes none")
                    : QStringLiteral("is not a parameter (known: %1)")
                          .arg(route.query.join(QStringLiteral(", ")))));
        }
        (void)takeStorageProblem(); // what an earlier request on this thread left
        HandlerResult result = [&]() -> HandlerResult {
            try {
                return route.handler(request);
            } catch (const std::exception &exception) {
                // A bug, not the caller's doing: logged like any 5xx.
                return fail(ApiError::internal(QStringLiteral("the handler threw: ") +
                                               QString::fromLocal8Bit(exception.what())));
            }
        }();
        if (!result)
            return toResponse(withDetailsLogged(request, result.error()));
        return std::move(result).value();
    }
    if (!allowed.isEmpty()) {
        if (allowed.contains("GET"))
            allowed.append("HEAD");
        return toResponse(ApiError { 405,
                                     "method_not_allowed",
                                     QStringLiteral("%1 is not supported on %2")
                                         .arg(QString::fromLatin1(request.method), request.path),
                                     { { "Allow", allowed.join(", ") } } });
    }
    return toResponse(ApiError::notFound(QStringLiteral("no such endpoint: %1").arg(request.path)));
}

} // namespace hearth::http
