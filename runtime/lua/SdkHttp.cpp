#include "SdkHttp.h"

#include "LuaSupport.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QUrl>

extern "C" {
#include <lauxlib.h>
#include <lua.h>
}

// Follows LuaSupport.h's rule: C++ objects live in an inner scope; Lua
// errors are raised after it closed.
namespace hearth::lua {

namespace {

using Clock = std::chrono::steady_clock;

constexpr qint64 MaxResponseBytes = 10 * 1024 * 1024;
constexpr double DefaultTimeoutS = 30;
constexpr int MaxRedirects = 5;

struct HttpCall
{
    QByteArray method = "GET";
    QUrl url;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    double timeoutS = DefaultTimeoutS;
};

struct HttpOutcome
{
    int status = 0;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QString error; // empty on success
};

// Runs one exchange (following https→https redirects) on a local event loop.
HttpOutcome perform(const HttpCall &call, Clock::time_point deadline)
{
    HttpOutcome outcome;
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    const qint64 timeoutMs = std::min<qint64>(qint64(call.timeoutS * 1000), left.count());
    if (timeoutMs <= 0) {
        outcome.error = QStringLiteral("no time left before the run's deadline");
        return outcome;
    }
    const auto callDeadline = Clock::now() + std::chrono::milliseconds(timeoutMs);

    QNetworkAccessManager network;
    network.setProxy(QNetworkProxy::NoProxy);
    QUrl url = call.url;
    for (int redirects = 0;; ++redirects) {
        QNetworkRequest request(url);
        // Redirects are ours to follow: only from https to https.
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                             QNetworkRequest::ManualRedirectPolicy);
        // No transparent decompression: the size cap must apply to what the
        // script gets, and a small compressed answer must not expand in memory.
        request.setRawHeader("Accept-Encoding", "identity");
        for (const auto &[name, value] : call.headers)
            request.setRawHeader(name, value);
        QNetworkReply *reply =
            call.body.isEmpty() && (call.method == "GET" || call.method == "HEAD")
            ? network.sendCustomRequest(request, call.method)
            : network.sendCustomRequest(request, call.method, call.body);
        QEventLoop loop;
        QTimer timer;
        timer.setSingleShot(true);
        bool tooLarge = false;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
        QObject::connect(reply, &QNetworkReply::downloadProgress, &loop,
                         [&](qint64 received, qint64) {
                             if (received > MaxResponseBytes) {
                                 tooLarge = true;
                                 loop.quit();
                             }
                         });
        const auto remaining =
            std::chrono::duration_cast<std::chrono::milliseconds>(callDeadline - Clock::now());
        timer.start(int(std::max<qint64>(1, remaining.count())));
        if (!reply->isFinished())
            loop.exec();
        if (tooLarge || !reply->isFinished()) {
            reply->abort();
            outcome.error = tooLarge
                ? QStringLiteral("the response body exceeds %1 bytes").arg(MaxResponseBytes)
                : QStringLiteral("no complete answer within %1 ms").arg(timeoutMs);
            delete reply;
            return outcome;
        }
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QUrl target = reply->attribute(QNetworkRequest::RedirectionTargetAttribute).toUrl();
        if (status >= 300 && status < 400 && target.isValid()) {
            const QUrl next = url.resolved(target);
            delete reply;
            if (url.scheme() != u"https" || next.scheme() != u"https") {
                outcome.error = QStringLiteral("refusing to follow a redirect from %1 to %2: only "
                                               "https to https is followed")
                                    .arg(url.toString(QUrl::RemoveUserInfo),
                                         next.toString(QUrl::RemoveUserInfo));
                return outcome;
            }
            if (redirects >= MaxRedirects) {
                outcome.error = QStringLiteral("more than %1 redirects").arg(MaxRedirects);
                return outcome;
            }
            url = next;
            continue;
        }
        // HTTP error statuses are answers for the script; anything else
        // (network, TLS, protocol) is an error.
        const int error = reply->error();
        const bool statusError = (error >= 201 && error <= 299) || (error >= 401 && error <= 499);
        if (status == 0 || (error != QNetworkReply::NoError && !statusError)) {
            outcome.error = reply->errorString();
            delete reply;
            return outcome;
        }
        outcome.status = status;
        outcome.headers = reply->rawHeaderPairs();
        outcome.body = reply->readAll();
        delete reply;
        if (outcome.body.size() > MaxResponseBytes) {
            outcome.error =
                QStringLiteral("the response body exceeds %1 bytes").arg(MaxResponseBytes);
            outcome.body.clear();
        }
        return outcome;
    }
}

// Reads http.request's table (at `index`) into `call`; false with an error
// message pushed if it is malformed. Only Lua API calls that cannot raise
// are made while `call` is alive... except lua_getfield, which may run an
// __index metamethod: so the fields are fetched onto the stack first.
int requestFromTable(lua_State *L)
{
    // Stack: 1 = options table. Pushes method, url, body, timeout_s, headers.
    luaL_checktype(L, 1, LUA_TTABLE);
    for (const char *field : { "method", "url", "body", "timeout_s", "headers" })
        lua_getfield(L, 1, field);
    // Copy header pairs to a flat array of strings (converted by Lua).
    lua_newtable(L);
    int count = 0;
    if (lua_istable(L, 6)) {
        lua_pushnil(L);
        while (lua_next(L, 6) != 0) {
            if (lua_type(L, -2) != LUA_TSTRING ||
                (lua_type(L, -1) != LUA_TSTRING && lua_type(L, -1) != LUA_TNUMBER))
                return luaL_error(L, "http: headers must map names to strings");
            lua_pushvalue(L, -2);
            lua_rawseti(L, 7, ++count);
            lua_pushvalue(L, -1);
            lua_tostring(L, -1);
            lua_rawseti(L, 7, ++count);
            lua_pop(L, 1);
        }
    } else if (!lua_isnil(L, 6)) {
        return luaL_error(L, "http: headers must be a table");
    }
    return count;
}

int performFromStack(lua_State *L, const Clock::time_point *deadline, int headerCount)
{
    // Stack: 2 method, 3 url, 4 body, 5 timeout_s, 6 headers, 7 flat headers.
    if (!lua_isnil(L, 2) && lua_type(L, 2) != LUA_TSTRING)
        return luaL_error(L, "http: method must be a string");
    if (lua_type(L, 3) != LUA_TSTRING)
        return luaL_error(L, "http: url must be a string");
    if (!lua_isnil(L, 4) && lua_type(L, 4) != LUA_TSTRING)
        return luaL_error(L, "http: body must be a string");
    if (!lua_isnil(L, 5) && !lua_isnumber(L, 5))
        return luaL_error(L, "http: timeout_s must be a number");
    const double timeoutS = lua_isnil(L, 5) ? DefaultTimeoutS : lua_tonumber(L, 5);
    if (!(timeoutS > 0))
        return luaL_error(L, "http: timeout_s must be positive");

    bool ok = false;
    {
        HttpCall call;
        if (!lua_isnil(L, 2))
            call.method = QByteArray(lua_tostring(L, 2)).toUpper();
        call.url = QUrl(QString::fromUtf8(lua_tostring(L, 3)), QUrl::StrictMode);
        size_t bodyLength = 0;
        const char *body = lua_isnil(L, 4) ? "" : lua_tolstring(L, 4, &bodyLength);
        call.body = QByteArray(body, qsizetype(bodyLength));
        call.timeoutS = timeoutS;
        for (int i = 1; i + 1 <= headerCount; i += 2) {
            lua_rawgeti(L, 7, i);
            lua_rawgeti(L, 7, i + 1);
            call.headers.append(
                { QByteArray(lua_tostring(L, -2)), QByteArray(lua_tostring(L, -1)) });
            lua_pop(L, 2);
        }
        if (!call.url.isValid() ||
            (call.url.scheme() != u"http" && call.url.scheme() != u"https") ||
            call.url.host().isEmpty()) {
            pushText(L,
                     QStringLiteral("http: only http:// and https:// URLs are allowed (got %1)")
                         .arg(call.url.toString(QUrl::RemoveUserInfo)));
        } else {
            const HttpOutcome outcome = perform(call, *deadline);
            if (!outcome.error.isEmpty()) {
                pushText(L,
                         QStringLiteral("http: %1 %2: %3")
                             .arg(QString::fromLatin1(call.method),
                                  call.url.toString(QUrl::RemoveUserInfo), outcome.error));
            } else {
                // Bounded by MaxResponseBytes; the memory quota check comes
                // right after, when the script keeps the body.
                QuotaExemption exemption(L);
                lua_createtable(L, 0, 3);
                lua_pushinteger(L, outcome.status);
                lua_setfield(L, -2, "status");
                lua_pushlstring(L, outcome.body.constData(), size_t(outcome.body.size()));
                lua_setfield(L, -2, "body");
                lua_createtable(L, 0, int(outcome.headers.size()));
                for (const auto &[name, value] : outcome.headers) {
                    // Lower-case names; repeated headers joined by ", ".
                    const QByteArray key = name.toLower();
                    lua_getfield(L, -1, key.constData());
                    if (lua_isstring(L, -1)) {
                        const QByteArray joined = QByteArray(lua_tostring(L, -1)) + ", " + value;
                        lua_pop(L, 1);
                        lua_pushlstring(L, joined.constData(), size_t(joined.size()));
                    } else {
                        lua_pop(L, 1);
                        lua_pushlstring(L, value.constData(), size_t(value.size()));
                    }
                    lua_setfield(L, -2, key.constData());
                }
                lua_setfield(L, -2, "headers");
                ok = true;
            }
        }
    }
    return ok ? 1 : lua_error(L);
}

int httpRequest(lua_State *L)
{
    const auto *deadline =
        static_cast<const Clock::time_point *>(lua_touserdata(L, lua_upvalueindex(1)));
    lua_settop(L, 1);
    const int headerCount = requestFromTable(L);
    return performFromStack(L, deadline, headerCount);
}

// http.get(url, opts) and http.post(url, body, opts): fill the options table
// (a new one when none was given) and call http.request (upvalue 1).
int callRequest(lua_State *L, const char *method, int optionsIndex, int bodyIndex)
{
    luaL_checkstring(L, 1);
    if (bodyIndex)
        luaL_checkstring(L, bodyIndex);
    lua_settop(L, optionsIndex);
    if (lua_isnil(L, optionsIndex))
        lua_newtable(L);
    else
        luaL_checktype(L, optionsIndex, LUA_TTABLE);
    lua_pushvalue(L, 1);
    lua_setfield(L, -2, "url");
    if (bodyIndex) {
        lua_pushvalue(L, bodyIndex);
        lua_setfield(L, -2, "body");
    }
    lua_pushstring(L, method);
    lua_setfield(L, -2, "method");
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_pushvalue(L, -2);
    lua_call(L, 1, 1);
    return 1;
}

int httpGet(lua_State *L)
{
    return callRequest(L, "GET", 2, 0);
}
int httpPost(lua_State *L)
{
    return callRequest(L, "POST", 3, 2);
}

} // namespace

void openHttp(lua_State *L, const Clock::time_point *deadline)
{
    lua_newtable(L);
    lua_pushlightuserdata(L, const_cast<Clock::time_point *>(deadline));
    lua_pushcclosure(L, httpRequest, 1);
    lua_pushvalue(L, -1);
    lua_setfield(L, -3, "request");
    lua_pushvalue(L, -1);
    lua_pushcclosure(L, httpGet, 1);
    lua_setfield(L, -3, "get");
    lua_pushcclosure(L, httpPost, 1);
    lua_setfield(L, -2, "post");
    lua_setglobal(L, "http");
}

} // namespace hearth::lua
