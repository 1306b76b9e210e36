#pragma once

#include "Command.h"

#include <memory>

// Every `hearth` command, one small class each; they are defined in
// *Commands.cpp, one file per resource.
namespace hearth::cli {

class StatusCommand final : public Command
{
public:
    StatusCommand();
    int execute(const CommandContext &context) const override;
};

class BackupCommand final : public Command
{
public:
    BackupCommand();
    int execute(const CommandContext &context) const override;
};

class KvListCommand final : public Command
{
public:
    KvListCommand();
    int execute(const CommandContext &context) const override;
};

class KvGetCommand final : public Command
{
public:
    KvGetCommand();
    int execute(const CommandContext &context) const override;
};

class KvSetCommand final : public Command
{
public:
    KvSetCommand();
    int execute(const CommandContext &context) const override;
};

class KvRemoveCommand final : public Command
{
public:
    KvRemoveCommand();
    int execute(const CommandContext &context) const override;
};

class ChannelsListCommand final : public Command
{
public:
    ChannelsListCommand();
    int execute(const CommandContext &context) const override;
};

class ChannelsAddCommand final : public Command
{
public:
    ChannelsAddCommand();
    bool acceptsArguments(qsizetype count) const override;
    int execute(const CommandContext &context) const override;
};

class ChannelsEditCommand final : public Command
{
public:
    ChannelsEditCommand();
    bool acceptsArguments(qsizetype count) const override;
    int execute(const CommandContext &context) const override;
};

class ChannelsRemoveCommand final : public Command
{
public:
    ChannelsRemoveCommand();
    int execute(const CommandContext &context) const override;
};

class ChannelsTestCommand final : public Command
{
public:
    ChannelsTestCommand();
    int execute(const CommandContext &context) const override;
};

class DeliveriesListCommand final : public Command
{
public:
    DeliveriesListCommand();
    int execute(const CommandContext &context) const override;
};

class DeliveriesShowCommand final : public Command
{
public:
    DeliveriesShowCommand();
    int execute(const CommandContext &context) const override;
};

class DeliveriesRedriveCommand final : public Command
{
public:
    DeliveriesRedriveCommand();
    bool acceptsArguments(qsizetype count) const override;
    int execute(const CommandContext &context) const override;
};

class SecretsListCommand final : public Command
{
public:
    SecretsListCommand();
    int execute(const CommandContext &context) const override;
};

class SecretsSetCommand final : public Command
{
public:
    SecretsSetCommand();
    int execute(const CommandContext &context) const override;
};

class SecretsGetCommand final : public Command
{
public:
    SecretsGetCommand();
    int execute(const CommandContext &context) const override;
};

class SecretsRemoveCommand final : public Command
{
public:
    SecretsRemoveCommand();
    int execute(const CommandContext &context) const override;
};

class SecretsRotateKeyCommand final : public Command
{
public:
    SecretsRotateKeyCommand();
    int execute(const CommandContext &context) const override;
};

class SecretsResetCommand final : public Command
{
public:
    SecretsResetCommand();
    int execute(const CommandContext &context) const override;
};

class ScriptCommand final : public Command
{
public:
    ScriptCommand();
    int execute(const CommandContext &context) const override;
};

class ScheduleNextCommand final : public Command
{
public:
    ScheduleNextCommand();
    int execute(const CommandContext &context) const override;
};

class WatchersListCommand final : public Command
{
public:
    WatchersListCommand();
    int execute(const CommandContext &context) const override;
};

class WatchersShowCommand final : public Command
{
public:
    WatchersShowCommand();
    int execute(const CommandContext &context) const override;
};

class WatchersAddCommand final : public Command
{
public:
    WatchersAddCommand();
    int execute(const CommandContext &context) const override;
};

class WatchersEditCommand final : public Command
{
public:
    WatchersEditCommand();
    int execute(const CommandContext &context) const override;
};

class WatchersRemoveCommand final : public Command
{
public:
    WatchersRemoveCommand();
    int execute(const CommandContext &context) const override;
};

class WatchersEnableCommand final : public Command
{
public:
    WatchersEnableCommand();
    int execute(const CommandContext &context) const override;
};

class PauseCommand final : public Command
{
public:
    PauseCommand();
    int execute(const CommandContext &context) const override;
};

class ResumeCommand final : public Command
{
public:
    ResumeCommand();
    int execute(const CommandContext &context) const override;
};

class WatchersDisableCommand final : public Command
{
public:
    WatchersDisableCommand();
    int execute(const CommandContext &context) const override;
};

// hearth review|approve|reject WATCHER: a person's decision on a change
// made over MCP.
class ReviewCommand final : public Command
{
public:
    ReviewCommand();
    int execute(const CommandContext &context) const override;
};

class ApproveCommand final : public Command
{
public:
    ApproveCommand();
    int execute(const CommandContext &context) const override;
};

class RejectCommand final : public Command
{
public:
    RejectCommand();
    int execute(const CommandContext &context) const override;
};

class WatchersRunCommand final : public Command
{
public:
    WatchersRunCommand();
    int execute(const CommandContext &context) const override;
};

// hearth mcp: McpServer.h.
class McpCommand final : public Command
{
public:
    McpCommand();
    int execute(const CommandContext &context) const override;
};

// hearth fire WATCHER [--event …]: watchers run, for scripts and git hooks.
class FireCommand final : public Command
{
public:
    FireCommand();
    int execute(const CommandContext &context) const override;
};

class RunsListCommand final : public Command
{
public:
    RunsListCommand();
    int execute(const CommandContext &context) const override;
};

class RunsShowCommand final : public Command
{
public:
    RunsShowCommand();
    int execute(const CommandContext &context) const override;
};

class RunsCancelCommand final : public Command
{
public:
    RunsCancelCommand();
    int execute(const CommandContext &context) const override;
};

class RunsRetryCommand final : public Command
{
public:
    RunsRetryCommand();
    int execute(const CommandContext &context) const override;
};

class WatchCommand final : public Command
{
public:
    WatchCommand();
    int execute(const CommandContext &context) const override;
};

class SnapshotsCommand final : public Command
{
public:
    SnapshotsCommand();
    int execute(const CommandContext &context) const override;
};

class DiffCommand final : public Command
{
public:
    DiffCommand();
    bool acceptsArguments(qsizetype count) const override { return count == 1 || count == 3; }
    int execute(const CommandContext &context) const override;
};

class LogsCommand final : public Command
{
public:
    LogsCommand();
    int execute(const CommandContext &context) const override;
};

class EventsCommand final : public Command
{
public:
    EventsCommand();
    int execute(const CommandContext &context) const override;
};

class NotificationsListCommand final : public Command
{
public:
    NotificationsListCommand();
    int execute(const CommandContext &context) const override;
};

class NotificationsReadCommand final : public Command
{
public:
    NotificationsReadCommand();
    int execute(const CommandContext &context) const override;
};

class NotificationsReadAllCommand final : public Command
{
public:
    NotificationsReadAllCommand();
    int execute(const CommandContext &context) const override;
};

class WorkerCommand final : public Command
{
public:
    WorkerCommand();
    int execute(const CommandContext &context) const override;
};

class WorkersListCommand final : public Command
{
public:
    WorkersListCommand();
    int execute(const CommandContext &context) const override;
};

class WorkersRemoveCommand final : public Command
{
public:
    WorkersRemoveCommand();
    int execute(const CommandContext &context) const override;
};

// `hearth completion bash|zsh|fish`: a completion script for the shell, made
// from this registry (the package installs its output).
class CompletionCommand final : public Command
{
public:
    CompletionCommand();
    int execute(const CommandContext &context) const override;
    bool needsRuntime() const override { return false; }
};

// The registry, in the order `hearth --help` lists them.
const QList<std::shared_ptr<const Command>> &allCommands();

} // namespace hearth::cli
