#include "TextDiff.h"

#include <dtl/dtl.hpp>
#include <sstream>
#include <string>
#include <vector>

namespace hearth {

namespace {

using Pieces = std::vector<std::string>;
using Edits = std::vector<std::pair<std::string, dtl::elemInfo>>;

Pieces splitLines(QByteArrayView text)
{
    Pieces lines;
    qsizetype start = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] == '\n') {
            qsizetype end = i;
            if (end > start && text[end - 1] == '\r')
                --end;
            lines.emplace_back(text.data() + start, size_t(end - start));
            start = i + 1;
        }
    }
    if (start < text.size())
        lines.emplace_back(text.data() + start, size_t(text.size() - start));
    return lines;
}

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

Pieces splitWords(QByteArrayView text)
{
    Pieces words;
    qsizetype i = 0;
    while (i < text.size()) {
        while (i < text.size() && isSpace(text[i]))
            ++i;
        const qsizetype start = i;
        while (i < text.size() && !isSpace(text[i]))
            ++i;
        if (i > start)
            words.emplace_back(text.data() + start, size_t(i - start));
    }
    return words;
}

// git's --word-diff=plain: each change as its removed words [-…-]
// followed by its added ones {+…+}.
std::string wordDiff(const Edits &edits)
{
    std::string out;
    const auto append = [&out](const std::string &text) {
        if (!out.empty())
            out += ' ';
        out += text;
    };
    const auto joined = [](const std::vector<const std::string *> &words) {
        std::string text;
        for (const std::string *word : words)
            text += (text.empty() ? "" : " ") + *word;
        return text;
    };
    std::vector<const std::string *> removed;
    std::vector<const std::string *> added;
    const auto flush = [&]() {
        if (!removed.empty())
            append("[-" + joined(removed) + "-]");
        if (!added.empty())
            append("{+" + joined(added) + "+}");
        removed.clear();
        added.clear();
    };
    for (const auto &[word, info] : edits) {
        if (info.type == dtl::SES_DELETE) {
            removed.push_back(&word);
        } else if (info.type == dtl::SES_ADD) {
            added.push_back(&word);
        } else {
            flush();
            append(word);
        }
    }
    flush();
    return out;
}

QByteArray bytesOf(const std::string &text)
{
    return QByteArray(text.data(), qsizetype(text.size()));
}

} // namespace

Result<TextDiff> diffTexts(QByteArrayView before, QByteArrayView after, DiffUnit unit)
{
    const bool words = unit == DiffUnit::Words;
    const Pieces old = words ? splitWords(before) : splitLines(before);
    const Pieces now = words ? splitWords(after) : splitLines(after);
    if (qsizetype(old.size()) > MaxDiffPieces || qsizetype(now.size()) > MaxDiffPieces) {
        return fail(QStringLiteral("a text has more than %1 %2")
                        .arg(MaxDiffPieces)
                        .arg(words ? QStringLiteral("words") : QStringLiteral("lines")));
    }
    dtl::Diff<std::string, Pieces> diff(old, now);
    diff.enableHuge();
    diff.compose();
    TextDiff result;
    const Edits edits = diff.getSes().getSequence();
    for (const auto &[piece, info] : edits) {
        if (info.type == dtl::SES_ADD)
            result.added.append(bytesOf(piece));
        else if (info.type == dtl::SES_DELETE)
            result.removed.append(bytesOf(piece));
    }
    result.changed = diff.getEditDistance() > 0;
    if (words) {
        result.unified = bytesOf(wordDiff(edits));
    } else if (result.changed) {
        diff.composeUnifiedHunks();
        std::ostringstream stream;
        diff.printUnifiedFormat(stream);
        result.unified = bytesOf(stream.str());
    }
    return result;
}

} // namespace hearth
