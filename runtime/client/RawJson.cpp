#include "RawJson.h"

namespace hearth::client {

namespace {

// Scans well-formed JSON (the server's own output); on anything unexpected
// it gives up and the caller gets nothing.
struct Scanner
{
    const char *p;
    const char *end;

    void skipSpace()
    {
        while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
            ++p;
    }

    // Past a string starting at p (on its opening quote).
    bool skipString()
    {
        for (++p; p < end; ++p) {
            if (*p == '\\')
                ++p;
            else if (*p == '"')
                return ++p, true;
        }
        return false;
    }

    // Past one value of any type.
    bool skipValue()
    {
        skipSpace();
        if (p >= end)
            return false;
        if (*p == '"')
            return skipString();
        if (*p == '{' || *p == '[') {
            int depth = 0;
            while (p < end) {
                if (*p == '"') {
                    if (!skipString())
                        return false;
                    continue;
                }
                if (*p == '{' || *p == '[')
                    ++depth;
                else if ((*p == '}' || *p == ']') && --depth == 0)
                    return ++p, true;
                ++p;
            }
            return false;
        }
        while (p < end && *p != ',' && *p != '}' && *p != ']' && *p != ' ' && *p != '\n')
            ++p;
        return true;
    }
};

} // namespace

QByteArray rawJsonMember(const QByteArray &object, QByteArrayView name)
{
    Scanner scanner { object.constData(), object.constData() + object.size() };
    scanner.skipSpace();
    if (scanner.p >= scanner.end || *scanner.p != '{')
        return {};
    ++scanner.p;
    for (;;) {
        scanner.skipSpace();
        if (scanner.p >= scanner.end || *scanner.p != '"')
            return {};
        const char *keyStart = scanner.p + 1;
        if (!scanner.skipString())
            return {};
        // Our member names need no escapes, so the raw key text compares.
        const QByteArrayView key(keyStart, scanner.p - 1 - keyStart);
        scanner.skipSpace();
        if (scanner.p >= scanner.end || *scanner.p != ':')
            return {};
        ++scanner.p;
        scanner.skipSpace();
        const char *valueStart = scanner.p;
        if (!scanner.skipValue())
            return {};
        if (key == name)
            return QByteArray(valueStart, scanner.p - valueStart);
        scanner.skipSpace();
        if (scanner.p >= scanner.end || *scanner.p != ',')
            return {};
        ++scanner.p;
    }
}

} // namespace hearth::client
