// Our interruptible pattern matcher against Lua's own, case by case: every
// expression is evaluated by a stock Lua state and by the sandbox, and the
// results (or error messages) must be identical. Then: pathological patterns
// end in the run's limits instead of holding the thread.
#include "lua/Sandbox.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

extern "C" {
#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>
}

using namespace hearth::lua;

namespace {

// Serialises the results of an expression (or its error) to one string.
QByteArray wrap(const QByteArray &expression)
{
    return "local function ser(ok, ...)\n"
           "  if not ok then return 'error:' .. tostring((...)) end\n"
           "  local t = table.pack(...) local out = {}\n"
           "  for i = 1, t.n do out[#out + 1] = type(t[i]) .. ':' .. tostring(t[i]) end\n"
           "  return table.concat(out, '|')\n"
           "end\n"
           "return ser(pcall(function() return " +
        expression + " end))";
}

QByteArray stockLua(const QByteArray &expression)
{
    lua_State *L = luaL_newstate();
    luaL_openlibs(L);
    const QByteArray source = wrap(expression);
    QByteArray result;
    if (luaL_loadbuffer(L, source.constData(), size_t(source.size()), "=script") != LUA_OK ||
        lua_pcall(L, 0, 1, 0) != LUA_OK)
        result = "failed: " + QByteArray(lua_tostring(L, -1));
    else
        result = lua_tostring(L, -1);
    lua_close(L);
    return result;
}

QByteArray sandbox(const QByteArray &expression)
{
    const ExecutionResult run = Sandbox::run(wrap(expression), {}, {});
    if (run.outcome != Outcome::Succeeded)
        return "failed: " + run.errorMessage.toUtf8();
    // The result is a JSON string.
    const QByteArray json = run.resultJson;
    return QJsonDocument::fromJson("[" + json + "]").array().at(0).toString().toUtf8();
}

} // namespace

class TestLuaPatterns : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sameAsLua_data();
    void sameAsLua();
    void pathologicalPatternsEndInLimits_data();
    void pathologicalPatternsEndInLimits();
};

void TestLuaPatterns::sameAsLua_data()
{
    QTest::addColumn<QByteArray>("expression");
    const char *cases[] = {
        // find: plain, init, anchors, captures
        R"~(("hello world"):find("o w"))~",
        R"~(("hello world"):find("o", 6))~",
        R"~(("hello world"):find("o", -3))~",
        R"~(("hello world"):find("o", 100))~",
        R"~(("hello world"):find("l+"))~",
        R"~(("hello world"):find("^h"))~",
        R"~(("hello world"):find("^w"))~",
        R"~(("hello world"):find("d$"))~",
        R"~(("a.b"):find(".", 1, true))~",
        R"~(("a+b"):find("+", 1, true))~",
        R"~(("hello"):find(""))~",
        R"~(("hello"):find("", 10))~",
        R"~(("hello"):find("(l)(l)"))~",
        R"~(("hello"):find("()ll()"))~",
        R"~(("$x$"):find("$"))~",
        R"~(("a$b"):find("a$b"))~",
        // match: classes and sets
        R"~(("key = value"):match("(%w+)%s*=%s*(%w+)"))~",
        R"~(("2024-11-22"):match("(%d+)-(%d+)-(%d+)"))~",
        R"~(("  trim me  "):match("^%s*(.-)%s*$"))~",
        R"~(("abc123"):match("%a+"))~",
        R"~(("abc123"):match("%A+"))~",
        R"~(("x_y-z"):match("[%w_]+"))~",
        R"~(("hello"):match("[^aeiou]+"))~",
        R"~(("a]b"):match("[]]"))~",
        R"~(("a-b"):match("[a%-]+"))~",
        R"~(("abc"):match("[a-c]+"))~",
        R"~(("ABC"):match("%u%l?"))~",
        R"~(("tab\there"):match("%c"))~",
        R"~(("x.y"):match("%."))~",
        R"~(("caf\195\169"):match("[\128-\255]+"))~",
        R"~(("hello"):match(".-l"))~",
        R"~(("hello"):match(".*l"))~",
        R"~(("hello"):match("h?e"))~",
        R"~(("ello"):match("h?e"))~",
        R"~(("abab"):match("(ab)%1"))~",
        R"~(("abcab"):match("(ab)c%1"))~",
        R"~(("f(a(b)c)d"):match("%b()"))~",
        R"~(("THE (quick) fox"):find("%f[%a]%a+%f[%A]"))~",
        R"~(("hello"):match("()"))~",
        R"~(("hello"):match("x"))~",
        // gmatch
        R"~((function() local r = {} for w in ("one two  three"):gmatch("%a+") do r[#r+1] = w end return table.concat(r, ",") end)())~",
        R"~((function() local r = {} for k, v in ("a=1, b=2"):gmatch("(%w+)=(%w+)") do r[#r+1] = k .. v end return table.concat(r, ",") end)())~",
        R"~((function() local r = {} for m in ("abc"):gmatch("") do r[#r+1] = "[" .. m .. "]" end return table.concat(r) end)())~",
        R"~((function() local r = {} for m in ("abc"):gmatch("x*") do r[#r+1] = "[" .. m .. "]" end return #r end)())~",
        R"~((function() local r = {} for p in ("abc"):gmatch("()") do r[#r+1] = p end return table.concat(r, ",") end)())~",
        R"~((function() local r = {} for w in ("one two three"):gmatch("%a+", 5) do r[#r+1] = w end return table.concat(r, ",") end)())~",
        // gsub
        R"~(("hello world"):gsub("o", "0"))~",
        R"~(("hello world"):gsub("o", "0", 1))~",
        R"~(("hello world"):gsub("(%w+)", "<%1>"))~",
        R"~(("hello world"):gsub("%w+", "%0 %0"))~",
        R"~(("hello"):gsub("", "-"))~",
        R"~(("abc"):gsub("%w", "%%"))~",
        R"~(("$name is $age"):gsub("%$(%w+)", { name = "Ann", age = 7 }))~",
        R"~(("$name is $x"):gsub("%$(%w+)", { name = "Ann" }))~",
        R"~(("1 2 3"):gsub("%d", function(d) return d * 2 end))~",
        R"~(("1 2 3"):gsub("%d", function(d) if d == "2" then return false end return "x" end))~",
        R"~(("abc"):gsub("^a", "A"))~",
        R"~(("aaa"):gsub("^a", "A"))~",
        R"~(("hello world"):gsub("o", "0", 0))~",
        R"~(("abc"):gsub("()", "%1"))~",
        R"~(("x"):gsub("x", "%2"))~",
        R"~(("x"):gsub("x", "%"))~",
        R"~(("x"):gsub("x", function() return {} end))~",
        R"~(("x"):gsub("x", true))~",
        // malformed patterns
        R"~(("x"):find("%"))~",
        R"~(("x"):find("[a"))~",
        R"~(("x"):find("(x"))~",
        R"~(("x"):find("x)"))~",
        R"~(("x"):find("%1"))~",
        R"~(("x"):find("%b"))~",
        R"~(("x"):find("%f"))~",
        R"~(("x"):match("((((((((((((((((((((((((((((((((((x))))))))))))))))))))))))))))))))))"))~",
    };
    for (const char *expression : cases)
        QTest::newRow(expression) << QByteArray(expression);
}

void TestLuaPatterns::sameAsLua()
{
    QFETCH(QByteArray, expression);
    QCOMPARE(sandbox(expression), stockLua(expression));
}

void TestLuaPatterns::pathologicalPatternsEndInLimits_data()
{
    QTest::addColumn<QByteArray>("source");
    // Exponential backtracking in Lua's own matcher (it would not return).
    QTest::newRow("nested stars") << QByteArray("return ('a'):rep(40):find(('a*'):rep(40) .. 'b')");
    QTest::newRow("lazy stars") << QByteArray("return ('a'):rep(40):match(('a-'):rep(40) .. 'b')");
    QTest::newRow("gsub") << QByteArray("return ('a'):rep(40):gsub(('a*'):rep(40) .. 'b', 'x')");
    QTest::newRow("gmatch") << QByteArray(
        "for m in ('a'):rep(40):gmatch(('a*'):rep(40) .. 'b') do end");
    QTest::newRow("pcall cannot swallow it")
        << QByteArray("pcall(string.find, ('a'):rep(40), ('a*'):rep(40) .. 'b') return 'escaped'");
    QTest::newRow("long plain find")
        << QByteArray("local s = ('a'):rep(8e6) for i = 1, 1e6 do s:find('b', 1, true) end");
}

void TestLuaPatterns::pathologicalPatternsEndInLimits()
{
    QFETCH(QByteArray, source);
    // A generous deadline, so that the instruction budget (charged by the
    // matcher) is what ends the run, also in slow sanitizer builds.
    Limits limits;
    limits.instructions = 10'000'000;
    limits.timeoutMs = 300'000;
    const ExecutionResult result = Sandbox::run(source, {}, limits);
    QCOMPARE(outcomeName(result.outcome), QStringLiteral("instruction_limit"));
}

QTEST_APPLESS_MAIN(TestLuaPatterns)
#include "tst_luapatterns.moc"
