#include "LuaJson.h"

#include "LuaSupport.h"
#include "SdkModule.h"

#include <QStringDecoder>
#include <cmath>
#include <cstdio>
#include <cstring>

extern "C" {
#include <lauxlib.h>
#include <lua.h>
}

namespace hearth::lua {

namespace {

constexpr int MaxDepth = 200;
// Registry keys: their addresses are unique.
const char ArrayMarkerKey = 0;
const char NullKey = 0;

void pushNull(lua_State *L)
{
    lua_rawgetp(L, LUA_REGISTRYINDEX, &NullKey);
}

bool isNull(lua_State *L, int index)
{
    if (!lua_islightuserdata(L, index))
        return false;
    pushNull(L);
    const bool same = lua_rawequal(L, index < 0 ? index - 1 : index, -1);
    lua_pop(L, 1);
    return same;
}

bool isMarkedArray(lua_State *L, int index)
{
    if (!lua_getmetatable(L, index))
        return false;
    lua_rawgetp(L, LUA_REGISTRYINDEX, &ArrayMarkerKey);
    const bool marked = lua_rawequal(L, -1, -2);
    lua_pop(L, 2);
    return marked;
}

bool validUtf8(const char *data, size_t length)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    // The decoder works lazily: the conversion to QString runs it.
    const QString decoded = decoder(QByteArrayView(data, qsizetype(length)));
    return !decoder.hasError();
}

void appendString(QByteArray &out, const char *data, size_t length)
{
    static const char hex[] = "0123456789abcdef";
    out.append('"');
    for (size_t i = 0; i < length; ++i) {
        const unsigned char c = static_cast<unsigned char>(data[i]);
        switch (c) {
        case '"':
            out.append("\\\"");
            break;
        case '\\':
            out.append("\\\\");
            break;
        case '\n':
            out.append("\\n");
            break;
        case '\r':
            out.append("\\r");
            break;
        case '\t':
            out.append("\\t");
            break;
        case '\b':
            out.append("\\b");
            break;
        case '\f':
            out.append("\\f");
            break;
        default:
            if (c < 0x20 || c == 0x7f) {
                out.append("\\u00");
                out.append(hex[c >> 4]);
                out.append(hex[c & 0xf]);
            } else {
                out.append(char(c));
            }
        }
    }
    out.append('"');
}

// The shortest %g form that reads back as the same double, kept
// recognisable as a float ("1.0", not "1").
void appendFloat(QByteArray &out, double value)
{
    char buffer[40];
    for (int precision = 15; precision <= 17; ++precision) {
        std::snprintf(buffer, sizeof(buffer), "%.*g", precision, value);
        if (std::strtod(buffer, nullptr) == value)
            break;
    }
    out.append(buffer);
    if (!std::strpbrk(buffer, ".eEn"))
        out.append(".0");
}

struct Encoder
{
    lua_State *L;
    QByteArray &out;
    QString &error;
    qsizetype maxBytes;

    bool fail(const QString &message)
    {
        error = message;
        return false;
    }

    bool encode(int index, int depth)
    {
        if (out.size() > maxBytes)
            return fail(QStringLiteral("the JSON text would exceed %1 bytes").arg(maxBytes));
        if (depth > MaxDepth)
            return fail(QStringLiteral("nesting deeper than %1 (a cycle?)").arg(MaxDepth));
        index = lua_absindex(L, index);
        switch (lua_type(L, index)) {
        case LUA_TNIL:
            out.append("null");
            return true;
        case LUA_TBOOLEAN:
            out.append(lua_toboolean(L, index) ? "true" : "false");
            return true;
        case LUA_TNUMBER:
            if (lua_isinteger(L, index)) {
                out.append(QByteArray::number(qlonglong(lua_tointeger(L, index))));
            } else {
                const double value = lua_tonumber(L, index);
                if (!std::isfinite(value))
                    return fail(QStringLiteral("cannot encode %1 (JSON has no NaN or infinity)")
                                    .arg(value));
                appendFloat(out, value);
            }
            return true;
        case LUA_TSTRING: {
            size_t length = 0;
            const char *data = lua_tolstring(L, index, &length);
            if (!validUtf8(data, length))
                return fail(QStringLiteral("a string is not valid UTF-8"));
            appendString(out, data, length);
            return true;
        }
        case LUA_TLIGHTUSERDATA:
            if (isNull(L, index)) {
                out.append("null");
                return true;
            }
            return fail(QStringLiteral("cannot encode a userdata"));
        case LUA_TTABLE:
            return encodeTable(index, depth);
        default:
            return fail(QStringLiteral("cannot encode a %1")
                            .arg(QString::fromLatin1(luaL_typename(L, index))));
        }
    }

    bool encodeTable(int index, int depth)
    {
        if (!lua_checkstack(L, 4))
            return fail(QStringLiteral("out of stack space"));
        // An array has exactly the keys 1..n; anything else is an object.
        const lua_Integer length = lua_Integer(lua_rawlen(L, index));
        lua_Integer keyCount = 0;
        bool onlySequenceKeys = true;
        lua_pushnil(L);
        while (lua_next(L, index) != 0) {
            ++keyCount;
            if (!lua_isinteger(L, -2) || lua_tointeger(L, -2) < 1 || lua_tointeger(L, -2) > length)
                onlySequenceKeys = false;
            lua_pop(L, 1);
        }
        const bool array =
            onlySequenceKeys && keyCount == length && (length > 0 || isMarkedArray(L, index));
        if (array) {
            out.append('[');
            for (lua_Integer i = 1; i <= length; ++i) {
                if (i > 1)
                    out.append(',');
                lua_rawgeti(L, index, i);
                const bool ok = encode(-1, depth + 1);
                lua_pop(L, 1);
                if (!ok)
                    return false;
            }
            out.append(']');
            return true;
        }
        out.append('{');
        bool first = true;
        lua_pushnil(L);
        while (lua_next(L, index) != 0) {
            if (lua_type(L, -2) != LUA_TSTRING) {
                const QString keyType = QString::fromLatin1(luaL_typename(L, -2));
                lua_pop(L, 2);
                return fail(QStringLiteral("object keys must be strings (found a %1 key; "
                                           "arrays need keys 1..n without gaps)")
                                .arg(keyType));
            }
            if (!first)
                out.append(',');
            first = false;
            size_t length = 0;
            const char *key = lua_tolstring(L, -2, &length);
            if (!validUtf8(key, length)) {
                lua_pop(L, 2);
                return fail(QStringLiteral("a key is not valid UTF-8"));
            }
            appendString(out, key, length);
            out.append(':');
            if (!encode(-1, depth + 1)) {
                lua_pop(L, 2);
                return false;
            }
            lua_pop(L, 1);
        }
        out.append('}');
        return true;
    }
};

struct Decoder
{
    lua_State *L;
    const char *p;
    const char *begin;
    const char *end;
    QString &error;

    bool fail(const QString &what)
    {
        error = QStringLiteral("%1 at byte %2").arg(what).arg(p - begin);
        return false;
    }

    void skipSpace()
    {
        while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
            ++p;
    }

    bool literal(const char *word, size_t length)
    {
        if (size_t(end - p) < length || std::memcmp(p, word, length) != 0)
            return fail(QStringLiteral("unexpected character"));
        p += length;
        return true;
    }

    bool value(int depth)
    {
        if (depth > MaxDepth)
            return fail(QStringLiteral("nesting deeper than %1").arg(MaxDepth));
        if (!lua_checkstack(L, 3))
            return fail(QStringLiteral("out of stack space"));
        skipSpace();
        if (p >= end)
            return fail(QStringLiteral("unexpected end of input"));
        switch (*p) {
        case '{':
            return object(depth);
        case '[':
            return array(depth);
        case '"':
            return string();
        case 't':
            if (!literal("true", 4))
                return false;
            lua_pushboolean(L, 1);
            return true;
        case 'f':
            if (!literal("false", 5))
                return false;
            lua_pushboolean(L, 0);
            return true;
        case 'n':
            if (!literal("null", 4))
                return false;
            pushNull(L);
            return true;
        default:
            return number();
        }
    }

    bool number()
    {
        const char *start = p;
        if (p < end && *p == '-')
            ++p;
        if (p >= end || !(*p >= '0' && *p <= '9'))
            return fail(QStringLiteral("unexpected character"));
        if (*p == '0')
            ++p;
        else
            while (p < end && *p >= '0' && *p <= '9')
                ++p;
        bool isFloat = false;
        if (p < end && *p == '.') {
            isFloat = true;
            ++p;
            if (p >= end || !(*p >= '0' && *p <= '9'))
                return fail(QStringLiteral("a digit must follow the decimal point"));
            while (p < end && *p >= '0' && *p <= '9')
                ++p;
        }
        if (p < end && (*p == 'e' || *p == 'E')) {
            isFloat = true;
            ++p;
            if (p < end && (*p == '+' || *p == '-'))
                ++p;
            if (p >= end || !(*p >= '0' && *p <= '9'))
                return fail(QStringLiteral("a digit must follow the exponent"));
            while (p < end && *p >= '0' && *p <= '9')
                ++p;
        }
        // The input is NUL-terminated (Lua strings and QByteArray are) and
        // the span was validated above, so strtoll/strtod stop where it ends.
        if (!isFloat) {
            errno = 0;
            const long long integer = std::strtoll(start, nullptr, 10);
            if (errno == 0) {
                lua_pushinteger(L, lua_Integer(integer));
                return true;
            }
            // Beyond 64 bits: a float, as Lua itself reads such literals.
        }
        lua_pushnumber(L, lua_Number(std::strtod(start, nullptr)));
        return true;
    }

    static void appendUtf8(luaL_Buffer &out, unsigned codepoint)
    {
        if (codepoint < 0x80) {
            luaL_addchar(&out, char(codepoint));
        } else if (codepoint < 0x800) {
            luaL_addchar(&out, char(0xC0 | (codepoint >> 6)));
            luaL_addchar(&out, char(0x80 | (codepoint & 0x3F)));
        } else if (codepoint < 0x10000) {
            luaL_addchar(&out, char(0xE0 | (codepoint >> 12)));
            luaL_addchar(&out, char(0x80 | ((codepoint >> 6) & 0x3F)));
            luaL_addchar(&out, char(0x80 | (codepoint & 0x3F)));
        } else {
            luaL_addchar(&out, char(0xF0 | (codepoint >> 18)));
            luaL_addchar(&out, char(0x80 | ((codepoint >> 12) & 0x3F)));
            luaL_addchar(&out, char(0x80 | ((codepoint >> 6) & 0x3F)));
            luaL_addchar(&out, char(0x80 | (codepoint & 0x3F)));
        }
    }

    bool hex4(unsigned &value)
    {
        if (end - p < 4)
            return fail(QStringLiteral("truncated \\u escape"));
        value = 0;
        for (int i = 0; i < 4; ++i, ++p) {
            const char c = *p;
            value <<= 4;
            if (c >= '0' && c <= '9')
                value |= unsigned(c - '0');
            else if (c >= 'a' && c <= 'f')
                value |= unsigned(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F')
                value |= unsigned(c - 'A' + 10);
            else
                return fail(QStringLiteral("invalid \\u escape"));
        }
        return true;
    }

    // Builds the string in a luaL_Buffer (on the Lua stack) rather than in a
    // C++ container: a memory error raised meanwhile must leak nothing.
    bool stringText(luaL_Buffer &out)
    {
        ++p; // opening quote
        while (true) {
            if (p >= end)
                return fail(QStringLiteral("unterminated string"));
            const unsigned char c = static_cast<unsigned char>(*p);
            if (c == '"')
                break;
            if (c < 0x20)
                return fail(QStringLiteral("control character in a string"));
            if (c != '\\') {
                luaL_addchar(&out, char(c));
                ++p;
                continue;
            }
            ++p;
            if (p >= end)
                return fail(QStringLiteral("unterminated string"));
            const char escape = *p++;
            switch (escape) {
            case '"':
                luaL_addchar(&out, '"');
                break;
            case '\\':
                luaL_addchar(&out, '\\');
                break;
            case '/':
                luaL_addchar(&out, '/');
                break;
            case 'b':
                luaL_addchar(&out, '\b');
                break;
            case 'f':
                luaL_addchar(&out, '\f');
                break;
            case 'n':
                luaL_addchar(&out, '\n');
                break;
            case 'r':
                luaL_addchar(&out, '\r');
                break;
            case 't':
                luaL_addchar(&out, '\t');
                break;
            case 'u': {
                unsigned codepoint = 0;
                if (!hex4(codepoint))
                    return false;
                if (codepoint >= 0xD800 && codepoint <= 0xDBFF) {
                    unsigned low = 0;
                    if (end - p < 2 || p[0] != '\\' || p[1] != 'u')
                        return fail(QStringLiteral("unpaired surrogate"));
                    p += 2;
                    if (!hex4(low))
                        return false;
                    if (low < 0xDC00 || low > 0xDFFF)
                        return fail(QStringLiteral("unpaired surrogate"));
                    codepoint = 0x10000 + ((codepoint - 0xD800) << 10) + (low - 0xDC00);
                } else if (codepoint >= 0xDC00 && codepoint <= 0xDFFF) {
                    return fail(QStringLiteral("unpaired surrogate"));
                }
                appendUtf8(out, codepoint);
                break;
            }
            default:
                --p;
                return fail(QStringLiteral("invalid escape"));
            }
        }
        ++p; // closing quote
        return true;
    }

    bool string()
    {
        const char *start = p;
        luaL_Buffer buffer;
        luaL_buffinit(L, &buffer);
        const bool ok = stringText(buffer);
        luaL_pushresult(&buffer);
        if (!ok) {
            lua_pop(L, 1);
            return false;
        }
        size_t length = 0;
        const char *text = lua_tolstring(L, -1, &length);
        if (!validUtf8(text, length)) {
            lua_pop(L, 1);
            p = start;
            return fail(QStringLiteral("string is not valid UTF-8"));
        }
        return true;
    }

    bool array(int depth)
    {
        ++p;
        lua_newtable(L);
        lua_rawgetp(L, LUA_REGISTRYINDEX, &ArrayMarkerKey);
        lua_setmetatable(L, -2);
        skipSpace();
        if (p < end && *p == ']') {
            ++p;
            return true;
        }
        for (lua_Integer i = 1;; ++i) {
            if (!value(depth + 1)) {
                lua_pop(L, 1);
                return false;
            }
            lua_rawseti(L, -2, i);
            skipSpace();
            if (p < end && *p == ',') {
                ++p;
                continue;
            }
            if (p < end && *p == ']') {
                ++p;
                return true;
            }
            lua_pop(L, 1);
            return fail(QStringLiteral("expected , or ]"));
        }
    }

    bool object(int depth)
    {
        ++p;
        lua_newtable(L);
        skipSpace();
        if (p < end && *p == '}') {
            ++p;
            return true;
        }
        for (;;) {
            skipSpace();
            if (p >= end || *p != '"') {
                lua_pop(L, 1);
                return fail(QStringLiteral("expected a string key"));
            }
            if (!string()) {
                lua_pop(L, 1);
                return false;
            }
            skipSpace();
            if (p >= end || *p != ':') {
                lua_pop(L, 2);
                return fail(QStringLiteral("expected :"));
            }
            ++p;
            if (!value(depth + 1)) {
                lua_pop(L, 2);
                return false;
            }
            lua_rawset(L, -3);
            skipSpace();
            if (p < end && *p == ',') {
                ++p;
                continue;
            }
            if (p < end && *p == '}') {
                ++p;
                return true;
            }
            lua_pop(L, 1);
            return fail(QStringLiteral("expected , or }"));
        }
    }
};

// Largest text json.encode builds: its output is pushed under a quota
// exemption, so it must be bounded.
constexpr qsizetype MaxEncodedBytes = 16 * 1024 * 1024;

int luaEncode(lua_State *L)
{
    bool ok = false;
    {
        QByteArray out;
        QString error;
        ok = encodeJson(L, 1, out, error, MaxEncodedBytes);
        if (ok) {
            QuotaExemption exemption(L);
            lua_pushlstring(L, out.constData(), size_t(out.size()));
        } else {
            pushText(L, QStringLiteral("json.encode: ") + error);
        }
    }
    return ok ? 1 : lua_error(L);
}

int luaDecode(lua_State *L)
{
    size_t length = 0;
    const char *text = luaL_checklstring(L, 1, &length);
    bool ok = false;
    {
        // Neither holds heap memory while decodeJson calls into Lua:
        // fromRawData copies nothing and `error` stays empty until it fails.
        QString error;
        ok = decodeJson(L, QByteArray::fromRawData(text, qsizetype(length)), error);
        if (!ok)
            pushText(L, QStringLiteral("json.decode: ") + error);
    }
    return ok ? 1 : lua_error(L);
}

} // namespace

void openSdk_json(lua_State *L, const SdkEnvironment &)
{
    // The registry holds the null sentinel and the array marker, so C code
    // recognises them whatever the script does to the json table.
    lua_pushlightuserdata(L, const_cast<char *>(&NullKey));
    lua_rawsetp(L, LUA_REGISTRYINDEX, &NullKey);
    lua_newtable(L);
    lua_pushliteral(L, "json.array");
    lua_setfield(L, -2, "__name");
    lua_rawsetp(L, LUA_REGISTRYINDEX, &ArrayMarkerKey);

    lua_newtable(L);
    lua_pushcfunction(L, luaEncode);
    lua_setfield(L, -2, "encode");
    lua_pushcfunction(L, luaDecode);
    lua_setfield(L, -2, "decode");
    pushNull(L);
    lua_setfield(L, -2, "null");
    lua_setglobal(L, "json");
}

void markAsArray(lua_State *L, int index)
{
    index = lua_absindex(L, index);
    lua_rawgetp(L, LUA_REGISTRYINDEX, &ArrayMarkerKey);
    lua_setmetatable(L, index);
}

bool encodeJson(lua_State *L, int index, QByteArray &out, QString &error, qsizetype maxBytes)
{
    Encoder encoder { L, out, error, maxBytes };
    const bool ok = encoder.encode(index, 0);
    if (ok && out.size() > maxBytes) {
        error = QStringLiteral("the JSON text would exceed %1 bytes").arg(maxBytes);
        return false;
    }
    return ok;
}

bool decodeJson(lua_State *L, const QByteArray &text, QString &error)
{
    Decoder decoder { L, text.constData(), text.constData(), text.constData() + text.size(),
                      error };
    const int top = lua_gettop(L);
    if (!decoder.value(0)) {
        lua_settop(L, top);
        return false;
    }
    decoder.skipSpace();
    if (decoder.p != decoder.end) {
        lua_settop(L, top);
        return decoder.fail(QStringLiteral("trailing characters"));
    }
    return true;
}

} // namespace hearth::lua
