#include "CssSelector.h"

#include <QRegularExpression>
#include <QStringList>
#include <optional>

namespace hearth::lua {

namespace {

// The selector a compound applies to, as XPath: an element test and the
// predicates that follow it.
struct Compound
{
    QString element = QStringLiteral("*");
    QStringList predicates;
    bool typed = false; // a type selector was given (of-type needs one)
};

QString xpathLiteral(const QString &text)
{
    if (!text.contains(u'\''))
        return u'\'' + text + u'\'';
    if (!text.contains(u'"'))
        return u'"' + text + u'"';
    // Both quotes: concat('…', "'", '…').
    QStringList parts;
    const QStringList pieces = text.split(u'\'');
    for (qsizetype i = 0; i < pieces.size(); ++i) {
        if (i > 0)
            parts.append(QStringLiteral("\"'\""));
        if (!pieces[i].isEmpty())
            parts.append(u'\'' + pieces[i] + u'\'');
    }
    return QStringLiteral("concat(") + parts.join(u',') + u')';
}

bool isNameStart(QChar c)
{
    return c.isLetter() || c == u'_' || c.unicode() >= 0x80;
}

// An XPath node test for the element or attribute `name`: the name itself
// when it is plain ASCII, else any node whose name() it is. A CSS name may
// hold characters (escapes, non-ASCII) that XPath 1.0's names may not.
QString nameTest(const QString &name)
{
    bool plain = !name.isEmpty() && (name[0].isLetter() || name[0] == u'_');
    for (const QChar c : name) {
        plain = plain && c.unicode() < 0x80 &&
            (c.isLetterOrNumber() || c == u'-' || c == u'_' || c == u'.');
    }
    return plain ? name : QStringLiteral("*[name() = ") + xpathLiteral(name) + u']';
}

bool isHexDigit(QChar c)
{
    return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F');
}

bool isNameChar(QChar c)
{
    return isNameStart(c) || c.isDigit() || c == u'-';
}

enum class Combinator { None, Descendant, Child, Adjacent, Sibling };

// Bounds on a selector's size (its XPath nests a predicate per step).
constexpr qsizetype MaxCompounds = 16;
constexpr qsizetype MaxAlternatives = 64;

struct Link
{
    Combinator combinator; // how it relates to the compound before it
    Compound compound;
};
using Chain = QList<Link>;

// The compound's own conditions on the current node, `and`ed (no name test).
QString conditionsOf(const Compound &compound)
{
    if (compound.predicates.isEmpty())
        return {};
    return u'(' + compound.predicates.join(QStringLiteral(") and (")) + u')';
}

// A step to the element matching links[0..last] from one matching
// links[last + 1]: selectors are matched right to left, each compound a
// predicate on an axis from the one after it. Evaluated this way a
// selector is one pass over the candidates, where a left-to-right path
// (cssselect's) merges node-sets per step, quadratic on large pages.
QString leftStep(const Chain &links, qsizetype last, Combinator combinator)
{
    const Compound &compound = links[last].compound;
    QString axis;
    switch (combinator) {
    case Combinator::Descendant:
        axis = QStringLiteral("ancestor::");
        break;
    case Combinator::Child:
        axis = QStringLiteral("parent::");
        break;
    case Combinator::Adjacent:
        // The nearest element before it, if that one matches.
        axis = QStringLiteral("preceding-sibling::*[1]/self::");
        break;
    case Combinator::Sibling:
    case Combinator::None:
        axis = QStringLiteral("preceding-sibling::");
        break;
    }
    QString predicate = conditionsOf(compound);
    if (last > 0) {
        const QString before = leftStep(links, last - 1, links[last].combinator);
        predicate = predicate.isEmpty() ? before : predicate + QStringLiteral(" and ") + before;
    }
    if (predicate.isEmpty())
        return axis + compound.element;
    return axis + compound.element + u'[' + predicate + u']';
}

// Whether the current node matches the whole chain, as a predicate.
QString matchOf(const Chain &chain, bool withName)
{
    QStringList parts;
    const Compound &subject = chain.last().compound;
    if (withName && subject.element != u"*")
        parts.append(QStringLiteral("self::") + subject.element);
    if (!subject.predicates.isEmpty())
        parts.append(conditionsOf(subject));
    if (chain.size() > 1)
        parts.append(leftStep(chain, chain.size() - 2, chain.last().combinator));
    return parts.join(QStringLiteral(" and "));
}

QString xpathOf(const QList<Chain> &alternatives)
{
    if (alternatives.size() == 1) {
        const Chain &chain = alternatives.first();
        const QString match = matchOf(chain, false);
        const QString step = QStringLiteral("descendant::") + chain.last().compound.element;
        return match.isEmpty() ? step : step + u'[' + match + u']';
    }
    // Groups as one predicate: a union would merge node-sets.
    QStringList matches;
    for (const Chain &chain : alternatives) {
        const QString match = matchOf(chain, true);
        matches.append(match.isEmpty() ? QStringLiteral("true()") : u'(' + match + u')');
    }
    return QStringLiteral("descendant::*[") + matches.join(QStringLiteral(" or ")) + u']';
}

class Parser
{
public:
    explicit Parser(const QString &text)
        : m_text(text)
    {
    }

    Result<QString, SelectorError> translate()
    {
        QList<Chain> alternatives;
        // XPath (and XML) has no way to write these; no page holds them.
        for (qsizetype i = 0; i < m_text.size(); ++i) {
            const char16_t c = m_text[i].unicode();
            if ((c < 0x20 && c != u'\t' && c != u'\n' && c != u'\r') || c == 0xFFFE || c == 0xFFFF)
                return failureAt(QStringLiteral("a selector cannot contain U+") +
                                     QString::number(c, 16).rightJustified(4, u'0').toUpper(),
                                 i);
        }
        skipSpace();
        if (atEnd())
            return failure(QStringLiteral("the selector is empty"));
        while (true) {
            auto selector = parseSelector();
            if (!selector)
                return fail(selector.error());
            alternatives.append(selector.value());
            if (alternatives.size() > MaxAlternatives)
                return failure(
                    QStringLiteral("more than %1 selectors in a group").arg(MaxAlternatives));
            skipSpace();
            if (atEnd())
                break;
            if (peek() != u',')
                return failure(QStringLiteral("unexpected '%1'").arg(peek()));
            ++m_pos;
            skipSpace();
            if (atEnd() || peek() == u',')
                return failure(QStringLiteral("expected a selector after ','"));
        }
        return xpathOf(alternatives);
    }

private:
    Failure<SelectorError> failure(const QString &message) const
    {
        return fail(SelectorError { message, m_pos });
    }
    Failure<SelectorError> failureAt(const QString &message, qsizetype position) const
    {
        return fail(SelectorError { message, position });
    }

    bool atEnd() const { return m_pos >= m_text.size(); }
    QChar peek(qsizetype ahead = 0) const
    {
        return m_pos + ahead < m_text.size() ? m_text[m_pos + ahead] : QChar();
    }
    bool skipSpace()
    {
        const qsizetype start = m_pos;
        while (!atEnd() && peek().isSpace())
            ++m_pos;
        return m_pos > start;
    }

    // An escape after '\': up to six hex digits (and one space), or the next
    // character as itself.
    std::optional<QString> parseEscape()
    {
        ++m_pos; // the backslash
        if (atEnd())
            return std::nullopt;
        QString hex;
        while (!atEnd() && hex.size() < 6 && isHexDigit(peek()))
            hex += m_text[m_pos++];
        if (!hex.isEmpty()) {
            if (!atEnd() && peek().isSpace())
                ++m_pos;
            const uint code = hex.toUInt(nullptr, 16);
            // What CSS replaces, and what XPath cannot write (control
            // characters, non-characters), become U+FFFD.
            const bool writable = code == 0x9 || code == 0xA || code == 0xD ||
                (code >= 0x20 && code < 0xD800) || (code > 0xDFFF && code < 0xFFFE) ||
                (code > 0xFFFF && code <= 0x10FFFF);
            if (!writable)
                return QString(QChar::ReplacementCharacter);
            const char32_t character = code;
            return QString::fromUcs4(&character, 1);
        }
        return QString(m_text[m_pos++]);
    }

    // An identifier (or, for #id, any name): letters, digits, '-', '_',
    // non-ASCII and escapes.
    std::optional<QString> parseName(bool identifier)
    {
        QString name;
        const qsizetype start = m_pos;
        if (identifier && peek() == u'-')
            name += m_text[m_pos++];
        while (!atEnd()) {
            const QChar c = peek();
            const bool first = name.isEmpty() || (name == u"-" && m_pos == start + 1);
            if (c == u'\\') {
                auto escaped = parseEscape();
                if (!escaped)
                    return std::nullopt;
                name += *escaped;
            } else if (identifier && first ? isNameStart(c) : isNameChar(c)) {
                name += c;
                ++m_pos;
            } else {
                break;
            }
        }
        if (name.isEmpty() || name == u"-") {
            m_pos = start;
            return std::nullopt;
        }
        return name;
    }

    std::optional<QString> parseString()
    {
        const QChar quote = peek();
        ++m_pos;
        QString value;
        while (!atEnd() && peek() != quote) {
            if (peek() == u'\\') {
                if (peek(1) == u'\n') {
                    m_pos += 2;
                    continue;
                }
                auto escaped = parseEscape();
                if (!escaped)
                    return std::nullopt;
                value += *escaped;
            } else {
                value += m_text[m_pos++];
            }
        }
        if (atEnd())
            return std::nullopt;
        ++m_pos; // the closing quote
        return value;
    }

    Result<Chain, SelectorError> parseSelector()
    {
        Chain chain;
        auto first = parseCompound();
        if (!first)
            return fail(first.error());
        chain.append({ Combinator::None, first.value() });
        while (true) {
            const bool spaced = skipSpace();
            if (atEnd() || peek() == u',')
                return chain;
            Combinator combinator = Combinator::Descendant;
            const QChar c = peek();
            if (c == u'>' || c == u'+' || c == u'~') {
                combinator = c == u'>' ? Combinator::Child
                    : c == u'+'        ? Combinator::Adjacent
                                       : Combinator::Sibling;
                ++m_pos;
                skipSpace();
                if (atEnd() || peek() == u',')
                    return failure(QStringLiteral("expected a selector after '%1'").arg(c));
            } else if (!spaced) {
                return failure(QStringLiteral("unexpected '%1'").arg(c));
            }
            // Each step nests a predicate in the XPath; libxml2 stops at
            // a depth no real selector needs.
            if (chain.size() >= MaxCompounds)
                return failure(QStringLiteral("more than %1 selectors in a row").arg(MaxCompounds));
            auto next = parseCompound();
            if (!next)
                return fail(next.error());
            chain.append({ combinator, next.value() });
        }
    }

    Result<Compound, SelectorError> parseCompound()
    {
        Compound compound;
        const qsizetype start = m_pos;
        if (peek() == u'*') {
            ++m_pos;
        } else if (auto name = parseName(true)) {
            compound.element = nameTest(name->toLower());
            compound.typed = true;
        }
        if (peek() == u'|')
            return failure(QStringLiteral("namespaces are not supported"));
        while (!atEnd()) {
            const QChar c = peek();
            if (c == u'#' || c == u'.' || c == u'[' || c == u':') {
                auto condition = parseCondition(compound, false);
                if (!condition)
                    return fail(condition.error());
                compound.predicates.append(condition.value());
            } else {
                break;
            }
        }
        if (m_pos == start)
            return atEnd() ? failure(QStringLiteral("expected a selector"))
                           : failure(QStringLiteral("unexpected '%1'").arg(peek()));
        return compound;
    }

    // One #id, .class, [attribute] or :pseudo-class, as an XPath condition
    // on the element. Inside :not() no further :not() is allowed.
    Result<QString, SelectorError> parseCondition(const Compound &compound, bool negated)
    {
        const QChar c = peek();
        const qsizetype start = m_pos;
        ++m_pos;
        if (c == u'#') {
            auto name = parseName(false);
            if (!name)
                return failure(QStringLiteral("expected a name after '#'"));
            return QString(QStringLiteral("@id = ") + xpathLiteral(*name));
        }
        if (c == u'.') {
            auto name = parseName(true);
            if (!name)
                return failure(QStringLiteral("expected a class name after '.'"));
            return QString(
                QStringLiteral("@class and contains(concat(' ', normalize-space(@class), ' '), ") +
                xpathLiteral(u' ' + *name + u' ') + u')');
        }
        if (c == u'[')
            return parseAttribute();
        if (peek() == u':')
            return failureAt(QStringLiteral("pseudo-elements are not supported"), start);
        return parsePseudoClass(compound, negated, start);
    }

    Result<QString, SelectorError> parseAttribute()
    {
        skipSpace();
        auto name = parseName(true);
        if (!name)
            return failure(QStringLiteral("expected an attribute name"));
        const QString attribute = u'@' + nameTest(name->toLower());
        skipSpace();
        if (peek() == u'|' && peek(1) != u'=')
            return failure(QStringLiteral("namespaces are not supported"));
        if (peek() == u']') {
            ++m_pos;
            return attribute;
        }
        QString op;
        if (peek() == u'=') {
            op = QStringLiteral("=");
            ++m_pos;
        } else if (QStringLiteral("~|^$*").contains(peek()) && peek(1) == u'=') {
            op = m_text.mid(m_pos, 2);
            m_pos += 2;
        } else {
            return atEnd()
                ? failure(QStringLiteral("expected ']'"))
                : failure(QStringLiteral("unexpected '%1' in an attribute selector").arg(peek()));
        }
        skipSpace();
        std::optional<QString> value;
        const qsizetype valueStart = m_pos;
        if (peek() == u'"' || peek() == u'\'') {
            value = parseString();
            if (!value)
                return failureAt(QStringLiteral("unterminated string"), valueStart);
        } else {
            value = parseName(true);
            if (!value)
                return failure(QStringLiteral("expected a value after '%1'").arg(op));
        }
        skipSpace();
        if (peek() != u']')
            return atEnd()
                ? failure(QStringLiteral("expected ']'"))
                : failure(QStringLiteral("unexpected '%1' in an attribute selector").arg(peek()));
        ++m_pos;
        const QString literal = xpathLiteral(*value);
        if (op == u"=")
            return QString(attribute + QStringLiteral(" = ") + literal);
        // An empty value matches nothing for these (Selectors level 3).
        if (value->isEmpty() && op != u"|=")
            return QStringLiteral("false()");
        if (op == u"~=")
            return QString(attribute +
                           QStringLiteral(" and contains(concat(' ', normalize-space(") +
                           attribute + QStringLiteral("), ' '), ") +
                           xpathLiteral(u' ' + *value + u' ') + u')');
        if (op == u"|=")
            return QString(attribute + QStringLiteral(" and (") + attribute +
                           QStringLiteral(" = ") + literal + QStringLiteral(" or starts-with(") +
                           attribute + QStringLiteral(", ") + xpathLiteral(*value + u'-') +
                           QStringLiteral("))"));
        if (op == u"^=")
            return QString(attribute + QStringLiteral(" and starts-with(") + attribute +
                           QStringLiteral(", ") + literal + u')');
        if (op == u"$=")
            return QString(attribute + QStringLiteral(" and substring(") + attribute +
                           QStringLiteral(", string-length(") + attribute + QStringLiteral(") - ") +
                           QString::number(value->toUcs4().size() - 1) + QStringLiteral(") = ") +
                           literal);
        return QString(attribute + QStringLiteral(" and contains(") + attribute +
                       QStringLiteral(", ") + literal + u')');
    }

    struct Nth
    {
        long long a = 0;
        long long b = 0;
    };

    // an+b, odd, even.
    static std::optional<Nth> parseNth(QString text)
    {
        text = text.toLower().remove(QRegularExpression(QStringLiteral("\\s")));
        if (text == u"odd")
            return Nth { 2, 1 };
        if (text == u"even")
            return Nth { 2, 0 };
        static const QRegularExpression constant(QStringLiteral("^[+-]?\\d{1,9}$"));
        if (constant.match(text).hasMatch())
            return Nth { 0, text.toLongLong() };
        static const QRegularExpression linear(
            QStringLiteral("^([+-]?)(\\d{0,9})n(?:([+-]\\d{1,9}))?$"));
        const QRegularExpressionMatch match = linear.match(text);
        if (!match.hasMatch())
            return std::nullopt;
        Nth nth;
        nth.a = match.capturedLength(2) ? match.captured(2).toLongLong() : 1;
        if (match.captured(1) == u"-")
            nth.a = -nth.a;
        nth.b = match.capturedLength(3) ? match.captured(3).toLongLong() : 0;
        return nth;
    }

    // The element's 1-based position among the siblings counted on `axis`
    // (of its type, for the of-type forms), tested against an+b.
    static QString nthCondition(const Nth &nth, const QString &axis, const QString &element)
    {
        const QString position = QStringLiteral("(count(") + axis + QStringLiteral("::") + element +
            QStringLiteral(") + 1)");
        if (nth.a == 0)
            return position + QStringLiteral(" = ") + QString::number(nth.b);
        if (nth.a > 0)
            return position + QStringLiteral(" >= ") + QString::number(nth.b) +
                QStringLiteral(" and (") + position + QStringLiteral(" - ") +
                QString::number(nth.b) + QStringLiteral(") mod ") + QString::number(nth.a) +
                QStringLiteral(" = 0");
        return position + QStringLiteral(" <= ") + QString::number(nth.b) +
            QStringLiteral(" and (") + QString::number(nth.b) + QStringLiteral(" - ") + position +
            QStringLiteral(") mod ") + QString::number(-nth.a) + QStringLiteral(" = 0");
    }

    // The text between '(' and its ')' (strings may hold parentheses).
    std::optional<QString> parseArguments()
    {
        ++m_pos; // '('
        const qsizetype start = m_pos;
        while (!atEnd() && peek() != u')') {
            if (peek() == u'"' || peek() == u'\'') {
                if (!parseString())
                    return std::nullopt;
            } else {
                ++m_pos;
            }
        }
        if (atEnd())
            return std::nullopt;
        const QString arguments = m_text.mid(start, m_pos - start);
        ++m_pos; // ')'
        return arguments;
    }

    Result<QString, SelectorError> parsePseudoClass(const Compound &compound, bool negated,
                                                    qsizetype start)
    {
        auto name = parseName(true);
        if (!name)
            return failure(QStringLiteral("expected a pseudo-class after ':'"));
        const QString pseudo = name->toLower();
        const QString element = compound.typed ? compound.element : QString();
        const auto needsType = [&]() {
            return failureAt(
                QStringLiteral(":%1 needs a type selector before it (as in p:%1)").arg(pseudo),
                start);
        };
        if (peek() != u'(') {
            if (pseudo == u"first-child")
                return QStringLiteral("count(preceding-sibling::*) = 0");
            if (pseudo == u"last-child")
                return QStringLiteral("count(following-sibling::*) = 0");
            if (pseudo == u"only-child")
                return QStringLiteral("count(preceding-sibling::*) = 0 and "
                                      "count(following-sibling::*) = 0");
            if (pseudo == u"first-of-type" || pseudo == u"last-of-type" ||
                pseudo == u"only-of-type") {
                if (element.isEmpty())
                    return needsType();
                const QString before =
                    QStringLiteral("count(preceding-sibling::") + element + QStringLiteral(") = 0");
                const QString after =
                    QStringLiteral("count(following-sibling::") + element + QStringLiteral(") = 0");
                if (pseudo == u"first-of-type")
                    return before;
                if (pseudo == u"last-of-type")
                    return after;
                return QString(before + QStringLiteral(" and ") + after);
            }
            if (pseudo == u"empty")
                return QStringLiteral("not(*) and not(string-length())");
            if (pseudo == u"root")
                return QStringLiteral("not(parent::*)");
            return failureAt(QStringLiteral("unknown pseudo-class :%1").arg(pseudo), start);
        }
        if (pseudo == u"not") {
            if (negated)
                return failureAt(QStringLiteral(":not() cannot be nested"), start);
            ++m_pos; // '('
            skipSpace();
            QString condition;
            if (peek() == u'*') {
                ++m_pos;
                condition = QStringLiteral("true()");
            } else if (peek() == u'#' || peek() == u'.' || peek() == u'[' || peek() == u':') {
                auto inner = parseCondition(compound, true);
                if (!inner)
                    return fail(inner.error());
                condition = inner.value();
            } else if (auto type = parseName(true)) {
                condition = QStringLiteral("self::") + nameTest(type->toLower());
            } else {
                return failure(QStringLiteral(":not() takes one simple selector"));
            }
            skipSpace();
            if (peek() != u')')
                return failure(QStringLiteral(":not() takes one simple selector"));
            ++m_pos;
            return QString(QStringLiteral("not(") + condition + u')');
        }
        const qsizetype argumentsStart = m_pos + 1;
        auto arguments = parseArguments();
        if (!arguments)
            return failureAt(QStringLiteral("expected ')' after :%1(").arg(pseudo), argumentsStart);
        if (pseudo == u"contains") {
            QString text = arguments->trimmed();
            if (text.startsWith(u'"') || text.startsWith(u'\'')) {
                Parser inner(text);
                auto value = inner.parseString();
                if (!value || !inner.atEnd())
                    return failureAt(QStringLiteral(":contains() takes one string"),
                                     argumentsStart);
                text = *value;
            }
            return QString(QStringLiteral("contains(string(.), ") + xpathLiteral(text) + u')');
        }
        const bool nthChild = pseudo == u"nth-child" || pseudo == u"nth-last-child";
        const bool nthType = pseudo == u"nth-of-type" || pseudo == u"nth-last-of-type";
        if (!nthChild && !nthType)
            return failureAt(QStringLiteral("unknown pseudo-class :%1()").arg(pseudo), start);
        if (nthType && element.isEmpty())
            return needsType();
        const auto nth = parseNth(*arguments);
        if (!nth)
            return failureAt(QStringLiteral("expected an+b, odd or even in :%1()").arg(pseudo),
                             argumentsStart);
        const QString axis = pseudo.contains(QStringLiteral("last"))
            ? QStringLiteral("following-sibling")
            : QStringLiteral("preceding-sibling");
        return nthCondition(*nth, axis, nthType ? element : QStringLiteral("*"));
    }

    const QString &m_text;
    qsizetype m_pos = 0;
};

} // namespace

Result<QString, SelectorError> cssToXPath(const QString &selector)
{
    return Parser(selector).translate();
}

} // namespace hearth::lua
