#pragma once

#include "core/Result.h"

#include <QString>

// CSS selectors for the SDK's html module, translated to XPath 1.0 (the way
// lxml's cssselect does) and evaluated by libxml2. Supported: type and `*`,
// `#id`, `.class`, `[attr]` and `[attr op value]` with = ~= |= ^= $= *=, the
// combinators descendant, `>`, `+` and `~`, the pseudo-classes
// :first-child, :last-child, :only-child, :nth-child(an+b),
// :nth-last-child(an+b), :first-of-type, :last-of-type, :only-of-type,
// :nth-of-type(an+b), :nth-last-of-type(an+b), :empty, :root,
// :contains("text") and :not(simple), and comma-separated groups. Names
// are matched as HTML's parser stores them: element and attribute names in
// lower case, values as written.
namespace hearth::lua {

struct SelectorError
{
    QString message;
    // 0-based offset in the selector where the problem is.
    qsizetype position = 0;
};

// The XPath that selects, from a context node, its descendants that match
// `selector` in document order — as a browser's querySelectorAll does: the
// whole selector is matched in the document, so in `div p` from a node the
// div may be the node or above it. From the document node, the same
// elements as lxml's cssselect.
Result<QString, SelectorError> cssToXPath(const QString &selector);

} // namespace hearth::lua
