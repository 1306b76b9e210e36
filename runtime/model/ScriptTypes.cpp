#include "ScriptTypes.h"

namespace hearth::lua {

QString outcomeName(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Succeeded:
        return QStringLiteral("succeeded");
    case Outcome::ScriptError:
        return QStringLiteral("script_error");
    case Outcome::InstructionLimit:
        return QStringLiteral("instruction_limit");
    case Outcome::MemoryLimit:
        return QStringLiteral("memory_limit");
    case Outcome::Timeout:
        return QStringLiteral("timeout");
    case Outcome::OutputTooLarge:
        return QStringLiteral("output_too_large");
    case Outcome::Cancelled:
        return QStringLiteral("cancelled");
    case Outcome::SandboxCrashed:
        return QStringLiteral("sandbox_crashed");
    }
    return {};
}

} // namespace hearth::lua
