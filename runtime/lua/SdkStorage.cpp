#include "SdkStorage.h"

#include "LuaJson.h"
#include "LuaSupport.h"
#include "Sandbox.h"
#include "secrets/SecretStore.h"
#include "store/KvRepository.h"
#include "store/NotificationRepository.h"

extern "C" {
#include <lauxlib.h>
#include <lua.h>
}

// Every function here follows LuaSupport.h's rule: C++ objects that own
// memory live in an inner scope, and lua_error() is called after it closed.
namespace hearth::lua {

namespace {

constexpr int MaxListedKeys = 10000;

const Services &servicesOf(lua_State *L)
{
    return *static_cast<const Services *>(lua_touserdata(L, lua_upvalueindex(1)));
}

QString namespaceOf(lua_State *L)
{
    size_t length = 0;
    const char *text = lua_tolstring(L, lua_upvalueindex(2), &length);
    return QString::fromUtf8(text, qsizetype(length));
}

// Decodes the JSON text on top of the stack in place; false (error pushed)
// if it cannot.
bool decodeTop(lua_State *L, const char *function)
{
    size_t length = 0;
    const char *text = lua_tolstring(L, -1, &length);
    bool ok = false;
    {
        QString error;
        ok = decodeJson(L, QByteArray::fromRawData(text, qsizetype(length)), error);
        if (!ok)
            pushText(L,
                     QStringLiteral("%1: stored value unreadable: %2")
                         .arg(QLatin1String(function), error));
    }
    if (ok)
        lua_remove(L, -2);
    return ok;
}

int kvGet(lua_State *L)
{
    size_t keyLength = 0;
    const char *key = luaL_checklstring(L, 1, &keyLength);
    enum { Found, Missing, Failed } outcome = Failed;
    {
        const Services &services = servicesOf(L);
        const QByteArray keyBytes(key, qsizetype(keyLength));
        if (!services.kv) {
            pushText(L, QStringLiteral("kv.get: the key-value store is not available here"));
        } else if (const auto problem = validateKvKey(keyBytes)) {
            pushText(L, QStringLiteral("kv.get: ") + *problem);
        } else {
            const auto entry = services.kv->get(namespaceOf(L), QString::fromUtf8(keyBytes));
            if (!entry) {
                pushText(L, QStringLiteral("kv.get: ") + entry.error());
            } else if (!entry.value()) {
                outcome = Missing;
            } else {
                QuotaExemption exemption(L); // bounded by the 256 KiB value cap
                const QByteArray &json = entry.value()->valueJson;
                lua_pushlstring(L, json.constData(), size_t(json.size()));
                outcome = Found;
            }
        }
    }
    if (outcome == Failed)
        return lua_error(L);
    if (outcome == Missing) {
        lua_pushnil(L);
        return 1;
    }
    return decodeTop(L, "kv.get") ? 1 : lua_error(L);
}

int kvSet(lua_State *L)
{
    size_t keyLength = 0;
    const char *key = luaL_checklstring(L, 1, &keyLength);
    luaL_checkany(L, 2);
    bool ok = false;
    {
        const Services &services = servicesOf(L);
        const QByteArray keyBytes(key, qsizetype(keyLength));
        QByteArray json;
        QString error;
        if (!services.kv) {
            pushText(L, QStringLiteral("kv.set: the key-value store is not available here"));
        } else if (const auto problem = validateKvKey(keyBytes)) {
            pushText(L, QStringLiteral("kv.set: ") + *problem);
        } else if (!encodeJson(L, 2, json, error, KvRepository::MaxValueBytes)) {
            pushText(L, QStringLiteral("kv.set: ") + error);
        } else if (auto stored =
                       services.kv->put(namespaceOf(L), QString::fromUtf8(keyBytes), json);
                   !stored) {
            pushText(L, QStringLiteral("kv.set: ") + stored.error());
        } else {
            ok = true;
        }
    }
    return ok ? 0 : lua_error(L);
}

int kvDelete(lua_State *L)
{
    size_t keyLength = 0;
    const char *key = luaL_checklstring(L, 1, &keyLength);
    bool ok = false;
    {
        const Services &services = servicesOf(L);
        const QByteArray keyBytes(key, qsizetype(keyLength));
        if (!services.kv) {
            pushText(L, QStringLiteral("kv.delete: the key-value store is not available here"));
        } else if (const auto problem = validateKvKey(keyBytes)) {
            pushText(L, QStringLiteral("kv.delete: ") + *problem);
        } else if (auto removed = services.kv->remove(namespaceOf(L), QString::fromUtf8(keyBytes));
                   !removed) {
            pushText(L, QStringLiteral("kv.delete: ") + removed.error());
        } else {
            ok = true;
        }
    }
    return ok ? 0 : lua_error(L);
}

int kvList(lua_State *L)
{
    size_t prefixLength = 0;
    const char *prefix = luaL_optlstring(L, 1, "", &prefixLength);
    bool ok = false;
    {
        const Services &services = servicesOf(L);
        if (!services.kv) {
            pushText(L, QStringLiteral("kv.list: the key-value store is not available here"));
        } else {
            auto page = services.kv->list(namespaceOf(L),
                                          QString::fromUtf8(prefix, qsizetype(prefixLength)),
                                          std::nullopt, MaxListedKeys);
            if (!page) {
                pushText(L, QStringLiteral("kv.list: ") + page.error());
            } else {
                QuotaExemption exemption(L); // bounded by MaxListedKeys keys of 256 bytes
                lua_createtable(L, int(page->entries.size()), 0);
                markAsArray(L, -1);
                lua_Integer index = 0;
                for (const KvEntry &entry : std::as_const(page->entries)) {
                    const QByteArray key = entry.key.toUtf8();
                    lua_pushlstring(L, key.constData(), size_t(key.size()));
                    lua_rawseti(L, -2, ++index);
                }
                ok = true;
            }
        }
    }
    return ok ? 1 : lua_error(L);
}

void pushKvTable(lua_State *L, const Services &services, const QString &kvNamespace)
{
    lua_newtable(L);
    const QByteArray ns = kvNamespace.toUtf8();
    const luaL_Reg functions[] = {
        { "get", kvGet }, { "set", kvSet }, { "delete", kvDelete }, { "list", kvList }
    };
    for (const luaL_Reg &function : functions) {
        lua_pushlightuserdata(L, const_cast<Services *>(&services));
        lua_pushlstring(L, ns.constData(), size_t(ns.size()));
        lua_pushcclosure(L, function.func, 2);
        lua_setfield(L, -2, function.name);
    }
}

int secretsGet(lua_State *L)
{
    size_t nameLength = 0;
    const char *nameText = luaL_checklstring(L, 1, &nameLength);
    auto *revealed = static_cast<QList<QByteArray> *>(lua_touserdata(L, lua_upvalueindex(2)));
    bool ok = false;
    {
        const Services &services = servicesOf(L);
        if (!services.secrets) {
            pushText(L, QStringLiteral("secrets.get: secrets are not available here"));
        } else {
            auto value =
                services.secrets->reveal(QString::fromUtf8(nameText, qsizetype(nameLength)));
            if (!value) {
                // The store's messages never contain values.
                pushText(L, QStringLiteral("secrets.get: ") + value.error().message);
            } else {
                revealed->append(value.value());
                QuotaExemption exemption(L); // bounded by the secret size cap
                lua_pushlstring(L, value->constData(), size_t(value->size()));
                ok = true;
            }
        }
    }
    return ok ? 1 : lua_error(L);
}

// notify{title=…, body=…, level=…}
int notify(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    const auto *context =
        static_cast<const ScriptContext *>(lua_touserdata(L, lua_upvalueindex(2)));
    auto *sent = static_cast<int *>(lua_touserdata(L, lua_upvalueindex(3)));
    // Read the fields onto the stack first: no C++ objects exist yet.
    lua_getfield(L, 1, "title");
    lua_getfield(L, 1, "body");
    lua_getfield(L, 1, "level");
    const char *title = lua_type(L, -3) == LUA_TSTRING ? lua_tostring(L, -3) : nullptr;
    const char *body =
        lua_isnil(L, -2) ? "" : (lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : nullptr);
    const char *level = lua_isnil(L, -1)
        ? "info"
        : (lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : nullptr);
    bool ok = false;
    {
        const Services &services = servicesOf(L);
        const QString titleText = title ? QString::fromUtf8(title) : QString();
        const QString bodyText = body ? QString::fromUtf8(body) : QString();
        const QString levelText = level ? QString::fromUtf8(level) : QString();
        if (!services.notifications) {
            pushText(L, QStringLiteral("notify: notifications are not available here"));
        } else if (!title || titleText.trimmed().isEmpty()) {
            pushText(L, QStringLiteral("notify: title must be a non-empty string"));
        } else if (titleText.size() > NotificationRepository::MaxTitleChars) {
            pushText(L,
                     QStringLiteral("notify: title is longer than %1 characters")
                         .arg(NotificationRepository::MaxTitleChars));
        } else if (!body || bodyText.size() > NotificationRepository::MaxBodyChars) {
            pushText(L,
                     QStringLiteral("notify: body must be a string of at most %1 characters")
                         .arg(NotificationRepository::MaxBodyChars));
        } else if (levelText != u"info" && levelText != u"warning" && levelText != u"error") {
            pushText(L, QStringLiteral("notify: level must be \"info\", \"warning\" or \"error\""));
        } else if (*sent >= Sandbox::MaxNotificationsPerRun) {
            pushText(L,
                     QStringLiteral("notify: at most %1 notifications per run")
                         .arg(Sandbox::MaxNotificationsPerRun));
        } else if (auto created = services.notifications->create(context->watcherId, context->runId,
                                                                 levelText, titleText, bodyText);
                   !created) {
            pushText(L, QStringLiteral("notify: ") + created.error());
        } else {
            ++*sent;
            ok = true;
        }
    }
    return ok ? 0 : lua_error(L);
}

} // namespace

void openNotify(lua_State *L, const Services &services, const ScriptContext &context, int *sent)
{
    lua_pushlightuserdata(L, const_cast<Services *>(&services));
    lua_pushlightuserdata(L, const_cast<ScriptContext *>(&context));
    lua_pushlightuserdata(L, sent);
    lua_pushcclosure(L, notify, 3);
    lua_setglobal(L, "notify");
}

void openKv(lua_State *L, const Services &services, const QString &kvNamespace)
{
    pushKvTable(L, services, kvNamespace);
    pushKvTable(L, services, QString());
    lua_setfield(L, -2, "global");
    lua_setglobal(L, "kv");
}

void openSecrets(lua_State *L, const Services &services, QList<QByteArray> *revealed)
{
    lua_newtable(L);
    lua_pushlightuserdata(L, const_cast<Services *>(&services));
    lua_pushlightuserdata(L, revealed);
    lua_pushcclosure(L, secretsGet, 2);
    lua_setfield(L, -2, "get");
    lua_setglobal(L, "secrets");
}

} // namespace hearth::lua
