#include "Commands.h"

namespace hearth::cli {

const QList<std::shared_ptr<const Command>> &allCommands()
{
    static const QList<std::shared_ptr<const Command>> all {
        std::make_shared<StatusCommand>(),
        std::make_shared<BackupCommand>(),
        std::make_shared<KvListCommand>(),
        std::make_shared<KvGetCommand>(),
        std::make_shared<KvSetCommand>(),
        std::make_shared<KvRemoveCommand>(),
        std::make_shared<SecretsListCommand>(),
        std::make_shared<SecretsSetCommand>(),
        std::make_shared<SecretsGetCommand>(),
        std::make_shared<SecretsRemoveCommand>(),
        std::make_shared<SecretsRotateKeyCommand>(),
        std::make_shared<SecretsResetCommand>(),
        std::make_shared<ScriptCommand>(),
        std::make_shared<ScheduleNextCommand>(),
        std::make_shared<WatchersListCommand>(),
        std::make_shared<WatchersShowCommand>(),
        std::make_shared<WatchersAddCommand>(),
        std::make_shared<WatchersEditCommand>(),
        std::make_shared<WatchersRemoveCommand>(),
        std::make_shared<WatchersEnableCommand>(),
        std::make_shared<PauseCommand>(),
        std::make_shared<ResumeCommand>(),
        std::make_shared<WatchersDisableCommand>(),
        std::make_shared<WatchCommand>(),
        std::make_shared<SnapshotsCommand>(),
        std::make_shared<DiffCommand>(),
        std::make_shared<WatchersRunCommand>(),
        std::make_shared<FireCommand>(),
        std::make_shared<RunsListCommand>(),
        std::make_shared<RunsShowCommand>(),
        std::make_shared<RunsCancelCommand>(),
        std::make_shared<RunsRetryCommand>(),
        std::make_shared<LogsCommand>(),
        std::make_shared<EventsCommand>(),
        std::make_shared<NotificationsListCommand>(),
        std::make_shared<NotificationsReadCommand>(),
        std::make_shared<NotificationsReadAllCommand>(),
        std::make_shared<ChannelsListCommand>(),
        std::make_shared<ChannelsAddCommand>(),
        std::make_shared<ChannelsEditCommand>(),
        std::make_shared<ChannelsRemoveCommand>(),
        std::make_shared<ChannelsTestCommand>(),
        std::make_shared<DeliveriesListCommand>(),
        std::make_shared<DeliveriesShowCommand>(),
        std::make_shared<DeliveriesRedriveCommand>(),
        std::make_shared<WorkerCommand>(),
        std::make_shared<WorkersListCommand>(),
        std::make_shared<WorkersRemoveCommand>(),
        std::make_shared<McpCommand>(),
        std::make_shared<CompletionCommand>(),
    };
    return all;
}

} // namespace hearth::cli
