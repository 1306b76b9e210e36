#include "Terminal.h"

#include <QFile>
#include <algorithm>
#include <cstdio>
#include <string>

#ifdef _WIN32
#include <io.h>
#include <windows.h>
#else
#include <termios.h>
#include <unistd.h>
#endif

namespace hearth::cli {

bool stdinIsTerminal()
{
#ifdef _WIN32
    return _isatty(_fileno(stdin)) != 0;
#else
    return isatty(STDIN_FILENO) == 1;
#endif
}

std::optional<QByteArray> readAllStdin()
{
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return std::nullopt;
    return in.readAll();
}

std::optional<QByteArray> readHiddenLine(const QString &prompt)
{
#ifdef _WIN32
    HANDLE input = GetStdHandle(STD_INPUT_HANDLE);
    DWORD mode = 0;
    if (!GetConsoleMode(input, &mode))
        return std::nullopt;
    SetConsoleMode(input, mode & ~DWORD(ENABLE_ECHO_INPUT));
#else
    termios saved {};
    if (tcgetattr(STDIN_FILENO, &saved) != 0)
        return std::nullopt;
    termios silent = saved;
    silent.c_lflag &= ~tcflag_t(ECHO);
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent);
#endif
    // The prompt only once echo is off: TCSAFLUSH discards what was typed
    // before, and a value typed as soon as the prompt shows must not be.
    const QByteArray promptBytes = prompt.toUtf8();
    std::fwrite(promptBytes.constData(), 1, size_t(promptBytes.size()), stderr);
    std::fflush(stderr);
    std::string line;
    int c;
    bool gotLine = false;
    while ((c = std::fgetc(stdin)) != EOF) {
        if (c == '\n') {
            gotLine = true;
            break;
        }
        line.push_back(char(c));
    }
#ifdef _WIN32
    SetConsoleMode(input, mode);
#else
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
#endif
    std::fputc('\n', stderr);
    if (!gotLine && line.empty())
        return std::nullopt;
    if (!line.empty() && line.back() == '\r')
        line.pop_back();
    QByteArray value = QByteArray::fromStdString(line);
    std::fill(line.begin(), line.end(), '\0');
    return value;
}

} // namespace hearth::cli
