// libFuzzer: any bytes as a feed (RSS, Atom, RDF or JSON Feed) and as an
// HTML fragment's text; both must end in a value or an error.
#include "lua/FeedParser.h"
#include "lua/HtmlText.h"

#include <QByteArray>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto feed = hearth::lua::parseFeed(bytes);
    if (feed) {
        for (const hearth::lua::FeedItem &item : feed->items)
            (void)item.id.size();
    }
    (void)hearth::lua::readableTextOfHtml(bytes);
    return 0;
}
