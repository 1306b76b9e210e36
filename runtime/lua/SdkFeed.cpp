// The SDK's feed module: feed.parse(text) → items (and the feed's own
// title, link and kind), feed.new_items(items) → the items this watcher's
// earlier runs have not seen (hearthd remembers them; an item counts as
// seen once a run that found it succeeded).
#include "FeedParser.h"
#include "LuaJson.h"
#include "LuaSupport.h"
#include "SdkModule.h"

#include <QCryptographicHash>

extern "C" {
#include <lauxlib.h>
#include <lua.h>
}

namespace hearth::lua {

namespace {

int feedParse(lua_State *L)
{
    const QByteArray text = checkedBytes(L, 1);
    Result<Feed> parsed = parseFeed(text);
    if (!parsed)
        raiseText(L, QStringLiteral("feed.parse: ") + parsed.error());
    const Feed &feed = parsed.value();
    lua_createtable(L, int(feed.items.size()), 0);
    markAsArray(L, -1);
    lua_Integer index = 0;
    for (const FeedItem &item : feed.items) {
        lua_createtable(L, 0, 6);
        setTextField(L, "id", item.id);
        setTextField(L, "title", item.title);
        setTextField(L, "link", item.link);
        setTextField(L, "published", item.published);
        setTextField(L, "updated", item.updated);
        setTextField(L, "summary", item.summary);
        lua_rawseti(L, -2, ++index);
    }
    lua_createtable(L, 0, 3);
    setTextField(L, "kind", feedKindName(feed.kind));
    setTextField(L, "title", feed.title);
    setTextField(L, "link", feed.link);
    return 2;
}

// An item's identity: its id, else its link, else its title.
QByteArray itemKey(lua_State *L, int item)
{
    for (const char *field : { "id", "link", "title" }) {
        lua_getfield(L, item, field);
        size_t length = 0;
        const char *text = lua_type(L, -1) == LUA_TSTRING ? lua_tolstring(L, -1, &length) : nullptr;
        QByteArray key = text ? QByteArray(text, qsizetype(length)) : QByteArray();
        lua_pop(L, 1);
        if (!key.isEmpty())
            return key;
    }
    return {};
}

int feedNewItems(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    const lua_Integer count = luaL_len(L, 1);
    QCborArray keys;
    for (lua_Integer i = 1; i <= count; ++i) {
        if (lua_geti(L, 1, i) != LUA_TTABLE)
            raiseText(L, QStringLiteral("feed.new_items: item %1 is not a table").arg(i));
        const QByteArray key = itemKey(L, lua_gettop(L));
        lua_pop(L, 1);
        if (key.isEmpty())
            raiseText(L, QStringLiteral("feed.new_items: item %1 has no id, link or title").arg(i));
        keys.append(QCryptographicHash::hash(key, QCryptographicHash::Sha256));
    }
    const QCborArray fresh =
        callHearthd(L, sandbox::SdkFunction::FeedNewItems, QCborArray { QCborValue(keys) },
                    QStringLiteral("feed.new_items: remembering items is not available here"))
            .toArray();
    if (fresh.size() != keys.size())
        raiseText(L,
                  QStringLiteral("feed.new_items: hearthd answered for %1 of %2 items")
                      .arg(fresh.size())
                      .arg(keys.size()));
    lua_newtable(L);
    markAsArray(L, -1);
    lua_Integer added = 0;
    for (lua_Integer i = 1; i <= count; ++i) {
        if (!fresh.at(i - 1).toBool())
            continue;
        lua_geti(L, 1, i);
        lua_rawseti(L, -2, ++added);
    }
    return 1;
}

} // namespace

void openSdk_feed(lua_State *L, const SdkEnvironment &environment)
{
    lua_newtable(L);
    lua_pushcfunction(L, feedParse);
    lua_setfield(L, -2, "parse");
    lua_pushlightuserdata(L, environment.channel);
    lua_pushcclosure(L, feedNewItems, 1);
    lua_setfield(L, -2, "new_items");
    lua_setglobal(L, "feed");
}

} // namespace hearth::lua
