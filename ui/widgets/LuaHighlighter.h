#pragma once

#include <QRegularExpression>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace hearth::ui {

// Lua 5.4 syntax colouring: keywords, the SDK's modules, strings, numbers,
// comments, and long strings and comments that span lines ([[ … ]], --[==[ … ]==]).
class LuaHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT
public:
    explicit LuaHighlighter(QTextDocument *document);

    // The format at a position of a block (for tests: what a reader sees).
    enum class Token { Plain, Keyword, Builtin, String, Number, Comment };
    static Token tokenAt(const QTextBlock &block, int position);

protected:
    void highlightBlock(const QString &text) override;

private:
    struct Rule
    {
        QRegularExpression pattern;
        Token token;
    };
    void apply(int start, int length, Token token);
    // Continues or opens a long bracket at `from`; returns where it ends (or -1).
    int longBracket(const QString &text, int from, int level, Token token);

    QList<Rule> m_rules;
};

} // namespace hearth::ui
