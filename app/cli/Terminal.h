#pragma once

#include <QByteArray>
#include <QString>
#include <optional>

// The CLI's only platform-specific code: reading a secret without echo.
namespace hearth::cli {

bool stdinIsTerminal();
// All of stdin; nothing when it cannot be read.
std::optional<QByteArray> readAllStdin();
// Prompts on stderr and reads one line from the terminal with echo off;
// nothing when the terminal cannot be read.
std::optional<QByteArray> readHiddenLine(const QString &prompt);

} // namespace hearth::cli
