#include "SqlScript.h"

namespace hearth {

namespace {

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_';
}

// Whether `word` (upper case) stands as a whole word at position i.
bool wordAt(const QString &s, qsizetype i, QStringView word)
{
    if (i > 0 && isWordChar(s.at(i - 1)))
        return false;
    if (QStringView(s).mid(i, word.size()).compare(word, Qt::CaseInsensitive) != 0)
        return false;
    const qsizetype end = i + word.size();
    return end >= s.size() || !isWordChar(s.at(end));
}

bool isOnlyComments(const QString &statement)
{
    // A fragment made of whitespace and comments is not a statement.
    qsizetype i = 0;
    const qsizetype n = statement.size();
    while (i < n) {
        const QChar c = statement.at(i);
        if (c.isSpace()) {
            ++i;
        } else if (c == u'-' && i + 1 < n && statement.at(i + 1) == u'-') {
            while (i < n && statement.at(i) != u'\n')
                ++i;
        } else if (c == u'/' && i + 1 < n && statement.at(i + 1) == u'*') {
            const qsizetype end = statement.indexOf(QStringLiteral("*/"), i + 2);
            i = end < 0 ? n : end + 2;
        } else {
            return false;
        }
    }
    return true;
}

} // namespace

QStringList splitSqlStatements(const QString &script)
{
    QStringList statements;
    qsizetype start = 0;
    qsizetype i = 0;
    const qsizetype n = script.size();
    bool inTrigger = false;
    int blockDepth = 0; // BEGIN … END nesting inside a trigger body (CASE … END too)

    auto statementSoFar = [&]() {
        return script.mid(start, i - start);
    };

    while (i < n) {
        const QChar c = script.at(i);
        if (c == u'\'' || c == u'"' || c == u'`' || c == u'[') {
            const QChar close = c == u'[' ? QChar(u']') : c;
            ++i;
            while (i < n) {
                if (script.at(i) == close) {
                    // A doubled quote is an escaped quote inside the literal.
                    if (close != u']' && i + 1 < n && script.at(i + 1) == close) {
                        i += 2;
                        continue;
                    }
                    break;
                }
                ++i;
            }
            ++i;
            continue;
        }
        if (c == u'-' && i + 1 < n && script.at(i + 1) == u'-') {
            while (i < n && script.at(i) != u'\n')
                ++i;
            continue;
        }
        if (c == u'/' && i + 1 < n && script.at(i + 1) == u'*') {
            const qsizetype end = script.indexOf(QStringLiteral("*/"), i + 2);
            i = end < 0 ? n : end + 2;
            continue;
        }
        if (!inTrigger && wordAt(script, i, u"TRIGGER") &&
            statementSoFar().trimmed().startsWith(u"CREATE", Qt::CaseInsensitive)) {
            inTrigger = true;
        }
        if (inTrigger) {
            if (wordAt(script, i, u"BEGIN") || wordAt(script, i, u"CASE")) {
                ++blockDepth;
            } else if (wordAt(script, i, u"END")) {
                --blockDepth;
            }
        }
        if (c == u';' && (!inTrigger || blockDepth <= 0)) {
            const QString statement = statementSoFar();
            if (!isOnlyComments(statement))
                statements.append(statement.trimmed());
            start = i + 1;
            inTrigger = false;
            blockDepth = 0;
        }
        ++i;
    }
    const QString rest = script.mid(start);
    if (!isOnlyComments(rest))
        statements.append(rest.trimmed());
    return statements;
}

} // namespace hearth
