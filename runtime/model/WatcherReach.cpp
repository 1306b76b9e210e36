#include "WatcherReach.h"

#include <QJsonArray>
#include <QSet>
#include <QUrl>

namespace hearth::scheduler {

namespace {

// Just enough of Lua's lexer (lua 5.4 manual, §3.1) to see names, strings
// and punctuation without being fooled by comments or by code inside
// strings. Numbers and operators are punctuation; nothing is evaluated.
struct Token
{
    enum class Kind { Name, String, Punct };
    Kind kind;
    QString text; // a name, a string's (unescaped) value, or the punctuation
};

class LuaTokens
{
public:
    explicit LuaTokens(const QString &source)
        : m_source(source)
    {
    }

    QList<Token> all()
    {
        QList<Token> tokens;
        while (skipSpaceAndComments()) {
            const QChar c = m_source.at(m_at);
            if (c.isLetter() || c == u'_') {
                const qsizetype start = m_at;
                while (m_at < m_source.size() &&
                       (m_source.at(m_at).isLetterOrNumber() || m_source.at(m_at) == u'_'))
                    ++m_at;
                tokens.append({ Token::Kind::Name, m_source.mid(start, m_at - start) });
            } else if (c == u'"' || c == u'\'') {
                tokens.append({ Token::Kind::String, quoted(c) });
            } else if (c == u'[' && longBracketLevel() >= 0) {
                tokens.append({ Token::Kind::String, longBracket() });
            } else if (c.isDigit()) {
                // A number, with its exponent, hex digits and fraction.
                while (m_at < m_source.size() &&
                       (m_source.at(m_at).isLetterOrNumber() || m_source.at(m_at) == u'.'))
                    ++m_at;
                tokens.append({ Token::Kind::Punct, QStringLiteral("0") });
            } else if (c == u'.' && m_source.mid(m_at, 2) == u"..") {
                m_at += m_source.mid(m_at, 3) == u"..." ? 3 : 2;
                tokens.append({ Token::Kind::Punct, QStringLiteral("..") });
            } else {
                ++m_at;
                tokens.append({ Token::Kind::Punct, QString(c) });
            }
        }
        return tokens;
    }

private:
    // False at the end.
    bool skipSpaceAndComments()
    {
        while (m_at < m_source.size()) {
            if (m_source.at(m_at).isSpace()) {
                ++m_at;
            } else if (m_source.mid(m_at, 2) == u"--") {
                m_at += 2;
                if (m_at < m_source.size() && m_source.at(m_at) == u'[' &&
                    longBracketLevel() >= 0) {
                    longBracket();
                } else {
                    while (m_at < m_source.size() && m_source.at(m_at) != u'\n')
                        ++m_at;
                }
            } else {
                return true;
            }
        }
        return false;
    }

    // At "[", "[=…[": its level; otherwise -1.
    qsizetype longBracketLevel() const
    {
        qsizetype at = m_at + 1;
        while (at < m_source.size() && m_source.at(at) == u'=')
            ++at;
        return at < m_source.size() && m_source.at(at) == u'[' ? at - m_at - 1 : -1;
    }

    QString longBracket()
    {
        const qsizetype level = longBracketLevel();
        m_at += level + 2;
        if (m_source.mid(m_at, 2) == u"\r\n")
            m_at += 2;
        else if (m_at < m_source.size() && m_source.at(m_at) == u'\n')
            ++m_at;
        const QString close = u']' + QString(level, u'=') + u']';
        const qsizetype end = m_source.indexOf(close, m_at);
        const qsizetype stop = end < 0 ? m_source.size() : end;
        QString text = m_source.mid(m_at, stop - m_at);
        m_at = end < 0 ? m_source.size() : end + close.size();
        return text;
    }

    // The common escapes are decoded; the rare ones (\ddd, \x, \u{}) are
    // kept as written, which no host or secret name contains.
    QString quoted(QChar quote)
    {
        QString text;
        ++m_at;
        while (m_at < m_source.size()) {
            const QChar c = m_source.at(m_at++);
            if (c == quote || c == u'\n')
                break;
            if (c != u'\\' || m_at >= m_source.size()) {
                text.append(c);
                continue;
            }
            const QChar escaped = m_source.at(m_at++);
            switch (escaped.unicode()) {
            case u'n':
                text.append(u'\n');
                break;
            case u't':
                text.append(u'\t');
                break;
            case u'\\':
            case u'"':
            case u'\'':
                text.append(escaped);
                break;
            default:
                text.append(u'\\');
                text.append(escaped);
            }
        }
        return text;
    }

    const QString &m_source;
    qsizetype m_at = 0;
};

bool isKind(const QList<Token> &tokens, qsizetype at, Token::Kind kind)
{
    return at >= 0 && at < tokens.size() && tokens.at(at).kind == kind;
}

bool isPunct(const QList<Token> &tokens, qsizetype at, QStringView text)
{
    return isKind(tokens, at, Token::Kind::Punct) && tokens.at(at).text == text;
}

bool isName(const QList<Token> &tokens, qsizetype at, QStringView text)
{
    return isKind(tokens, at, Token::Kind::Name) && tokens.at(at).text == text;
}

bool isString(const QList<Token> &tokens, qsizetype at)
{
    return isKind(tokens, at, Token::Kind::String);
}

// Tables searched for a literal field end here (a script of nested calls
// must not make the search quadratic); a field beyond counts as computed.
constexpr qsizetype MaxTableTokens = 4096;

// The literal first argument of a call at `at` (`f "x"`, `f("x", …)`) or
// the literal field `field` of a table argument (`f{field = "x", …}`);
// none when the call passes something computed.
std::optional<QString> literalArgument(const QList<Token> &tokens, qsizetype at, QStringView field)
{
    if (isString(tokens, at))
        return tokens.at(at).text;
    if (isPunct(tokens, at, u"(") && isString(tokens, at + 1) &&
        (isPunct(tokens, at + 2, u",") || isPunct(tokens, at + 2, u")")))
        return tokens.at(at + 1).text;
    if (isPunct(tokens, at, u"{") && !field.isEmpty()) {
        int depth = 0;
        for (qsizetype i = at; i < tokens.size() && i - at < MaxTableTokens; ++i) {
            if (isPunct(tokens, i, u"{") || isPunct(tokens, i, u"(") || isPunct(tokens, i, u"["))
                ++depth;
            else if (isPunct(tokens, i, u"}") || isPunct(tokens, i, u")") ||
                     isPunct(tokens, i, u"]"))
                --depth;
            if (depth == 0)
                break;
            if (depth == 1 && isName(tokens, i, field) && isPunct(tokens, i + 1, u"=") &&
                (isPunct(tokens, i - 1, u"{") || isPunct(tokens, i - 1, u",") ||
                 isPunct(tokens, i - 1, u";"))) {
                if (isString(tokens, i + 2) &&
                    (isPunct(tokens, i + 3, u",") || isPunct(tokens, i + 3, u";") ||
                     isPunct(tokens, i + 3, u"}")))
                    return tokens.at(i + 2).text;
                return std::nullopt;
            }
        }
    }
    return std::nullopt;
}

QString hostOf(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (!trimmed.startsWith(u"http://", Qt::CaseInsensitive) &&
        !trimmed.startsWith(u"https://", Qt::CaseInsensitive))
        return {};
    const QUrl url(trimmed, QUrl::StrictMode);
    return url.isValid() ? url.host() : QString();
}

QStringList sorted(const QSet<QString> &set)
{
    QStringList list(set.cbegin(), set.cend());
    list.sort();
    return list;
}

void readScript(const QString &script, WatcherReach &reach)
{
    const QList<Token> tokens = LuaTokens(script).all();
    QSet<QString> domains;
    QSet<QString> secrets;
    for (qsizetype i = 0; i < tokens.size(); ++i) {
        const Token &token = tokens.at(i);
        if (token.kind == Token::Kind::String) {
            if (const QString host = hostOf(token.text); !host.isEmpty())
                domains.insert(host);
            continue;
        }
        if (token.kind != Token::Kind::Name)
            continue;
        // A field of some other table (`t.http`, `t:http`) is not the module.
        if (isPunct(tokens, i - 1, u".") || isPunct(tokens, i - 1, u":"))
            continue;
        if (token.text == u"_ENV" || token.text == u"_G" || token.text == u"load" ||
            token.text == u"rawget" || token.text == u"getmetatable") {
            // The modules can be reached by a computed name.
            reach.urlsBuiltAtRunTime = true;
            reach.secretsNamedAtRunTime = true;
        } else if (token.text == u"http") {
            const bool call = isPunct(tokens, i + 1, u".") &&
                (isName(tokens, i + 2, u"get") || isName(tokens, i + 2, u"post") ||
                 isName(tokens, i + 2, u"request"));
            if (!call) {
                reach.urlsBuiltAtRunTime = true; // `http` handed around
                continue;
            }
            const auto url = literalArgument(tokens, i + 3, u"url");
            if (url && !hostOf(*url).isEmpty())
                domains.insert(hostOf(*url));
            else
                reach.urlsBuiltAtRunTime = true;
        } else if (token.text == u"secrets") {
            const auto name = isPunct(tokens, i + 1, u".") && isName(tokens, i + 2, u"get")
                ? literalArgument(tokens, i + 3, {})
                : std::nullopt;
            if (name)
                secrets.insert(*name);
            else
                reach.secretsNamedAtRunTime = true;
        } else if (token.text == u"email") {
            reach.sendsEmail = true;
        }
    }
    reach.domains = sorted(domains);
    reach.secrets = sorted(secrets);
}

QJsonArray toArray(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

} // namespace

WatcherReach WatcherReach::of(const WatcherSpec &spec)
{
    WatcherReach reach;
    if (const LuaTask *lua = spec.lua()) {
        readScript(lua->script, reach);
    } else if (const AgentTask *agent = spec.agent()) {
        reach.agentProfile = agent->agentKind;
        reach.deviceWorkerId = agent->deviceWorkerId;
        reach.workdir = agent->workdir;
        QSet<QString> secrets;
        for (const QString &secret : agent->envSecrets)
            secrets.insert(secret);
        reach.secrets = sorted(secrets);
    }
    if (const FolderTrigger *folder = spec.folder())
        reach.folder = folder->path;
    if (const ChainTrigger *chain = spec.chain())
        reach.after = chain->after;
    reach.webhook = spec.webhook() != nullptr;
    reach.channels = spec.notifyChannels;
    return reach;
}

QJsonObject WatcherReach::toJson() const
{
    QJsonObject json {
        { QStringLiteral("domains"), toArray(domains) },
        { QStringLiteral("urls_built_at_run_time"), urlsBuiltAtRunTime },
        { QStringLiteral("secrets"), toArray(secrets) },
        { QStringLiteral("secrets_named_at_run_time"), secretsNamedAtRunTime },
        { QStringLiteral("sends_email"), sendsEmail },
        { QStringLiteral("webhook"), webhook },
        { QStringLiteral("channels"),
          channels ? QJsonValue(toArray(*channels)) : QJsonValue(QJsonValue::Null) },
    };
    const auto optionalText = [&json](const char *key, const QString &value) {
        json.insert(QLatin1StringView(key),
                    value.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(value));
    };
    optionalText("agent_profile", agentProfile);
    optionalText("workdir", workdir);
    optionalText("folder", folder);
    optionalText("after", after);
    json.insert(QStringLiteral("device_worker_id"),
                deviceWorkerId ? QJsonValue(QString::number(*deviceWorkerId))
                               : QJsonValue(QJsonValue::Null));
    return json;
}

} // namespace hearth::scheduler
