#include "LuaHighlighter.h"

#include "sandbox/SdkCatalog.h"

#include <QTextDocument>

namespace hearth::ui {

namespace {
// Block states: -1/0 nothing open; otherwise 1 + 2·level (+1 for a comment):
// which long bracket is still open at the end of the line.
int openState(int level, bool comment)
{
    return 1 + level * 2 + (comment ? 1 : 0);
}

QColor colour(LuaHighlighter::Token token)
{
    switch (token) {
    case LuaHighlighter::Token::Keyword:
        return QColor(0x1f, 0x4e, 0xb4);
    case LuaHighlighter::Token::Builtin:
        return QColor(0x7a, 0x3e, 0x9d);
    case LuaHighlighter::Token::String:
        return QColor(0x2e, 0x7d, 0x32);
    case LuaHighlighter::Token::Number:
        return QColor(0xb3, 0x5c, 0x00);
    case LuaHighlighter::Token::Comment:
        return QColor(0x75, 0x75, 0x75);
    case LuaHighlighter::Token::Plain:
        break;
    }
    return {};
}

// The token is stored in the format so that tests can read it back.
constexpr int TokenProperty = QTextFormat::UserProperty + 1;
} // namespace

LuaHighlighter::LuaHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document)
{
    m_rules.append({ QRegularExpression(QStringLiteral(
                         "\\b(and|break|do|else|elseif|end|false|for|function|goto|if|in|"
                         "local|nil|not|or|repeat|return|then|true|until|while)\\b")),
                     Token::Keyword });
    // The SDK's modules (from its catalog) and Lua's own library names.
    QStringList builtins;
    for (const sdk::Module &module : sdk::Modules)
        builtins.append(QString::fromLatin1(module.global));
    builtins.append(QStringLiteral("string|table|math|utf8|coroutine|os|pairs|ipairs|tostring|"
                                   "tonumber|type|error|pcall|assert|select|next"));
    m_rules.append(
        { QRegularExpression(QStringLiteral("\\b(") + builtins.join(u'|') + QStringLiteral(")\\b")),
          Token::Builtin });
    m_rules.append(
        { QRegularExpression(QStringLiteral(
              "\\b(0[xX][0-9a-fA-F.]+([pP][+-]?\\d+)?|\\d+\\.?\\d*([eE][+-]?\\d+)?)\\b")),
          Token::Number });
}

void LuaHighlighter::apply(int start, int length, Token token)
{
    QTextCharFormat format;
    format.setForeground(colour(token));
    if (token == Token::Keyword)
        format.setFontWeight(QFont::Bold);
    if (token == Token::Comment)
        format.setFontItalic(true);
    format.setProperty(TokenProperty, int(token));
    setFormat(start, length, format);
}

LuaHighlighter::Token LuaHighlighter::tokenAt(const QTextBlock &block, int position)
{
    for (const QTextLayout::FormatRange &range : block.layout()->formats()) {
        if (position >= range.start && position < range.start + range.length)
            return Token(range.format.property(TokenProperty).toInt());
    }
    return Token::Plain;
}

int LuaHighlighter::longBracket(const QString &text, int from, int level, Token token)
{
    const QString closing = u']' + QString(level, u'=') + u']';
    const int end = int(text.indexOf(closing, from));
    if (end < 0) {
        apply(from, int(text.size()) - from, token);
        setCurrentBlockState(openState(level, token == Token::Comment));
        return -1;
    }
    apply(from, end + int(closing.size()) - from, token);
    return end + int(closing.size());
}

void LuaHighlighter::highlightBlock(const QString &text)
{
    setCurrentBlockState(0);
    for (const Rule &rule : std::as_const(m_rules)) {
        auto matches = rule.pattern.globalMatch(text);
        while (matches.hasNext()) {
            const auto match = matches.next();
            apply(int(match.capturedStart()), int(match.capturedLength()), rule.token);
        }
    }

    int position = 0;
    const int previous = previousBlockState();
    if (previous > 0) {
        const int level = (previous - 1) / 2;
        const bool comment = (previous - 1) % 2 == 1;
        position = longBracket(text, 0, level, comment ? Token::Comment : Token::String);
        if (position < 0)
            return;
    }
    // Strings and comments override whatever the rules coloured inside them.
    static const QRegularExpression longOpen(QStringLiteral("^\\[(=*)\\["));
    while (position < text.size()) {
        const QChar c = text.at(position);
        if (c == u'-' && text.mid(position, 2) == QStringLiteral("--")) {
            const auto match = longOpen.match(text.mid(position + 2));
            if (match.hasMatch()) {
                const int level = int(match.capturedLength(1));
                position = longBracket(text, position, level, Token::Comment);
                if (position < 0)
                    return;
                continue;
            }
            apply(position, int(text.size()) - position, Token::Comment);
            return;
        }
        if (c == u'"' || c == u'\'') {
            int end = position + 1;
            while (end < text.size() && text.at(end) != c) {
                end += text.at(end) == u'\\' ? 2 : 1;
            }
            end = qMin(end + 1, int(text.size()));
            apply(position, end - position, Token::String);
            position = end;
            continue;
        }
        if (c == u'[') {
            const auto match = longOpen.match(text.mid(position));
            if (match.hasMatch()) {
                position = longBracket(text, position, int(match.capturedLength(1)), Token::String);
                if (position < 0)
                    return;
                continue;
            }
        }
        ++position;
    }
}

} // namespace hearth::ui
