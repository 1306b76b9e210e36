#pragma once

#include <QString>

typedef struct _xmlNode xmlNode;
typedef struct _xmlDoc xmlDoc;

// What a person reads of an HTML tree, for the SDK's html and feed modules.
namespace hearth::lua {

// The readable text under `node`: script, style and template dropped,
// whitespace collapsed, one line per block (paragraphs, headings, list
// items, table rows, <br>…), no empty lines. For a document: its body's.
QString readableText(xmlNode *node);

// Parses an HTML fragment (a feed's summary) and returns its readable text.
// Plain text comes back with its whitespace collapsed.
QString readableTextOfHtml(const QByteArray &html);

} // namespace hearth::lua
