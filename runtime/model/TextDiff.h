#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

// What changed between two texts, by lines or by words (dtl: Wu, Manber and
// Myers' O(NP) algorithm). One computation for the SDK's diff module and
// for the API's snapshot diffs.
namespace hearth {

enum class DiffUnit { Lines, Words };

struct TextDiff
{
    QList<QByteArray> added;
    QList<QByteArray> removed;
    bool changed = false;
    // Lines: a unified diff's hunks ("@@ -1,3 +1,4 @@", then " ", "-", "+"
    // lines), empty when nothing changed. Words: the new text with each
    // change marked as git's --word-diff does ("[-old-] {+new+}").
    QByteArray unified;
};

// Beyond this many lines (or words) in a text, the comparison's memory
// could grow large; pages are far below it.
inline constexpr qsizetype MaxDiffPieces = 200'000;

// Lines end at "\n" ("\r\n" alike); words are separated by whitespace.
Result<TextDiff> diffTexts(QByteArrayView before, QByteArrayView after, DiffUnit unit);

} // namespace hearth
