// hearth channels ls|add|edit|rm|test, hearth deliveries ls|show|redrive
#include "CliOutput.h"
#include "Commands.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QThread>

namespace hearth::cli {

namespace {

// Fields of the channel itself; any other FIELD=VALUE is a setting of its
// kind (server, topic, url, to, …).
const QStringList ChannelFields { QStringLiteral("name"), QStringLiteral("default"),
                                  QStringLiteral("muted"), QStringLiteral("cooldown_s"),
                                  QStringLiteral("daily_budget") };
const QStringList ListSettings { QStringLiteral("to") };

// "true"/"false" as booleans, plain whole numbers as numbers, a list for
// list settings (comma-separated), else the text: the runtime checks each.
QJsonValue valueOf(const QString &field, const QString &text)
{
    if (ListSettings.contains(field)) {
        QJsonArray list;
        for (const QString &item : text.split(u',', Qt::SkipEmptyParts))
            list.append(item.trimmed());
        return list;
    }
    if (text == u"true" || text == u"false")
        return text == u"true";
    bool number = false;
    const qint64 value = text.toLongLong(&number);
    if (number && !text.startsWith(u'+') && !(text.size() > 1 && text.startsWith(u'0')))
        return value;
    return text;
}

// FIELD=VALUE arguments into the channel's fields and its kind's settings
// (`retry.base_s=5` sets a member of an object field). False, with the
// argument printed, when one has no '='.
bool readFields(const QStringList &arguments, QJsonObject &fields, QJsonObject &settings)
{
    for (const QString &argument : arguments) {
        const qsizetype equals = argument.indexOf(u'=');
        if (equals <= 0) {
            printErr(
                QCoreApplication::translate("ChannelCommands", "expected FIELD=VALUE, got \"%1\"")
                    .arg(argument));
            return false;
        }
        const QString field = argument.left(equals);
        const QString text = argument.mid(equals + 1);
        if (field.startsWith(u"retry.")) {
            QJsonObject retry = fields.value(QStringLiteral("retry")).toObject();
            retry.insert(field.mid(6), valueOf(field, text));
            fields.insert(QStringLiteral("retry"), retry);
        } else if (ChannelFields.contains(field)) {
            fields.insert(field, valueOf(field, text));
        } else {
            settings.insert(field, valueOf(field, text));
        }
    }
    return true;
}

// CHANNEL as an id or a name.
int resolveChannel(const CommandContext &c, const QString &reference, client::Channel &found)
{
    const auto channels = c.api.call(client::api::channels());
    if (!channels.ok())
        return c.reportFailure(channels.reply);
    for (const client::Channel &channel : channels.value->items) {
        if (channel.id == reference || channel.name == reference) {
            found = channel;
            return ExitOk;
        }
    }
    printErr(
        QCoreApplication::translate("ChannelCommands", "no channel named \"%1\"").arg(reference));
    return ExitApiError;
}

QString yesNo(bool value)
{
    return value ? QStringLiteral("yes") : QStringLiteral("no");
}

void printAttempts(const client::Delivery &delivery)
{
    for (const client::DeliveryAttemptInfo &attempt : delivery.attemptLog)
        printOut(QStringLiteral("  #%1 %2 %3: %4")
                     .arg(attempt.attempt)
                     .arg(attempt.startedAt.text(), attempt.outcome, attempt.response));
}

} // namespace

ChannelsListCommand::ChannelsListCommand()
    : Command({ QStringLiteral("channels"), QStringLiteral("ls") }, {},
              tr("List the notification channels (email, ntfy, webhook)."), 0, {})
{
}

int ChannelsListCommand::execute(const CommandContext &c) const
{
    const auto channels = c.api.call(client::api::channels());
    if (!channels.ok())
        return c.reportFailure(channels.reply);
    QList<QStringList> rows;
    for (const client::Channel &channel : channels.value->items)
        rows.append({ channel.id, channel.name, channel.kind, channel.destination(),
                      yesNo(channel.isDefault), yesNo(channel.muted) });
    return c.printJsonOrTable(
        channels.reply.body,
        { tr("ID"), tr("NAME"), tr("KIND"), tr("SENDS TO"), tr("DEFAULT"), tr("MUTED") }, rows);
}

ChannelsAddCommand::ChannelsAddCommand()
    : Command({ QStringLiteral("channels"), QStringLiteral("add") },
              QStringLiteral("NAME email|ntfy|webhook [FIELD=VALUE...]"),
              tr("Add a channel: email (server= from= to=a,b [port= security=starttls|tls|none "
                 "username= password_secret= ca_file=]), ntfy (topic= [server= priority= "
                 "token_secret=]) or webhook (url=); and default=true, muted=, cooldown_s=, "
                 "daily_budget=, retry.max_attempts=, retry.base_s=."),
              2, {})
{
}

bool ChannelsAddCommand::acceptsArguments(qsizetype count) const
{
    return count >= 2;
}

int ChannelsAddCommand::execute(const CommandContext &c) const
{
    QJsonObject fields { { QStringLiteral("name"), c.arguments.at(0) } };
    QJsonObject settings;
    if (!readFields(c.arguments.mid(2), fields, settings))
        return ExitUsage;
    fields.insert(c.arguments.at(1), settings);
    const auto created = c.api.call(client::api::createChannel(fields));
    if (!created.ok())
        return c.reportFailure(created.reply);
    return c.printReplyOr(created.reply,
                          tr("added channel %1 (%2)").arg(created.value->name, created.value->id));
}

ChannelsEditCommand::ChannelsEditCommand()
    : Command({ QStringLiteral("channels"), QStringLiteral("edit") },
              QStringLiteral("CHANNEL FIELD=VALUE..."),
              tr("Change a channel's fields (as for add; muted=true mutes it)."), 2, {})
{
}

bool ChannelsEditCommand::acceptsArguments(qsizetype count) const
{
    return count >= 2;
}

int ChannelsEditCommand::execute(const CommandContext &c) const
{
    client::Channel channel;
    if (const int resolved = resolveChannel(c, c.arguments.at(0), channel); resolved != ExitOk)
        return resolved;
    QJsonObject fields;
    QJsonObject settings = channel.settings;
    const QJsonObject before = settings;
    if (!readFields(c.arguments.mid(1), fields, settings))
        return ExitUsage;
    if (settings != before)
        fields.insert(channel.kind, settings);
    if (fields.contains(QStringLiteral("retry"))) {
        QJsonObject retry = channel.json.value(QStringLiteral("retry")).toObject();
        const QJsonObject given = fields.value(QStringLiteral("retry")).toObject();
        for (auto it = given.begin(); it != given.end(); ++it)
            retry.insert(it.key(), it.value());
        fields.insert(QStringLiteral("retry"), retry);
    }
    const auto updated = c.api.call(client::api::updateChannel(channel.id, fields));
    if (!updated.ok())
        return c.reportFailure(updated.reply);
    return c.printReplyOr(updated.reply, tr("updated channel %1").arg(updated.value->name));
}

ChannelsRemoveCommand::ChannelsRemoveCommand()
    : Command({ QStringLiteral("channels"), QStringLiteral("rm") }, QStringLiteral("CHANNEL"),
              tr("Delete a channel and its deliveries."), 1, {})
{
}

int ChannelsRemoveCommand::execute(const CommandContext &c) const
{
    client::Channel channel;
    if (const int resolved = resolveChannel(c, c.arguments.at(0), channel); resolved != ExitOk)
        return resolved;
    const auto removed = c.api.call(client::api::deleteChannel(channel.id));
    if (!removed.ok())
        return c.reportFailure(removed.reply);
    return c.printReplyOr(removed.reply, tr("removed channel %1").arg(channel.name));
}

ChannelsTestCommand::ChannelsTestCommand()
    : Command({ QStringLiteral("channels"), QStringLiteral("test") }, QStringLiteral("CHANNEL"),
              tr("Send a test message through a channel and wait for how it went."), 1, {})
{
}

int ChannelsTestCommand::execute(const CommandContext &c) const
{
    client::Channel channel;
    if (const int resolved = resolveChannel(c, c.arguments.at(0), channel); resolved != ExitOk)
        return resolved;
    const auto queued = c.api.call(client::api::testChannel(channel.id));
    if (!queued.ok())
        return c.reportFailure(queued.reply);
    // The first attempt's outcome, which is what a person testing wants;
    // a retry waits its backoff, so report that rather than wait for it.
    QElapsedTimer waited;
    waited.start();
    const auto attempted = [](const client::Delivery &delivery) {
        return delivery.attempts > 0 && delivery.status != u"sending";
    };
    client::Answer<client::Delivery> shown = c.api.call(client::api::delivery(queued.value->id));
    while (shown.ok() && !attempted(*shown.value) && waited.elapsed() < 60000) {
        QThread::msleep(200);
        shown = c.api.call(client::api::delivery(queued.value->id));
    }
    if (!shown.ok())
        return c.reportFailure(shown.reply);
    if (c.json) {
        printRaw(shown.reply.body);
        return shown.value->status == u"delivered" ? ExitOk : ExitApiError;
    }
    const client::Delivery &delivery = *shown.value;
    if (delivery.status == u"delivered") {
        printOut(tr("delivered through %1 (delivery %2)").arg(channel.name, delivery.id));
        return ExitOk;
    }
    printErr(
        delivery.status == u"pending"
            ? tr("not delivered yet (delivery %1, will retry): %2")
                  .arg(delivery.id, delivery.lastError)
            : tr("%1 (delivery %2): %3").arg(delivery.status, delivery.id, delivery.lastError));
    return ExitApiError;
}

DeliveriesListCommand::DeliveriesListCommand()
    : Command({ QStringLiteral("deliveries"), QStringLiteral("ls") }, {},
              tr("List deliveries to channels, newest first."), 0,
              { cliOptions().deliveryStatus, cliOptions().channel, cliOptions().limit })
{
}

int DeliveriesListCommand::execute(const CommandContext &c) const
{
    QString channelId;
    if (c.isSet(cliOptions().channel)) {
        client::Channel channel;
        if (const int resolved = resolveChannel(c, c.value(cliOptions().channel), channel);
            resolved != ExitOk)
            return resolved;
        channelId = channel.id;
    }
    const auto deliveries = c.api.call(client::api::deliveries(
        c.value(cliOptions().deliveryStatus), channelId, c.value(cliOptions().limit)));
    if (!deliveries.ok())
        return c.reportFailure(deliveries.reply);
    QList<QStringList> rows;
    for (const client::Delivery &delivery : deliveries.value->items)
        rows.append({ delivery.id, cell(delivery.createdAt), delivery.channel, delivery.status,
                      QString::number(delivery.attempts), delivery.title,
                      cell(delivery.lastError) });
    return c.printJsonOrTable(deliveries.reply.body,
                              { tr("ID"), tr("CREATED"), tr("CHANNEL"), tr("STATUS"),
                                tr("ATTEMPTS"), tr("TITLE"), tr("LAST ERROR") },
                              rows);
}

DeliveriesShowCommand::DeliveriesShowCommand()
    : Command({ QStringLiteral("deliveries"), QStringLiteral("show") }, QStringLiteral("ID"),
              tr("Show a delivery with each attempt and what the server said."), 1, {})
{
}

int DeliveriesShowCommand::execute(const CommandContext &c) const
{
    const auto shown = c.api.call(client::api::delivery(c.arguments.at(0)));
    if (!shown.ok())
        return c.reportFailure(shown.reply);
    if (c.json) {
        printRaw(shown.reply.body);
        return ExitOk;
    }
    const client::Delivery &delivery = *shown.value;
    printOut(tr("delivery %1 to %2: %3 after %n attempt(s)", nullptr, delivery.attempts)
                 .arg(delivery.id, delivery.channel, delivery.status));
    printOut(tr("message: %1").arg(delivery.title));
    printAttempts(delivery);
    return ExitOk;
}

DeliveriesRedriveCommand::DeliveriesRedriveCommand()
    : Command({ QStringLiteral("deliveries"), QStringLiteral("redrive") }, QStringLiteral("[ID]"),
              tr("Send a failed, dead or suppressed delivery again; without ID, every one with "
                 "--status (failed, dead or suppressed), of --channel when given."),
              1, { cliOptions().deliveryStatus, cliOptions().channel })
{
}

bool DeliveriesRedriveCommand::acceptsArguments(qsizetype count) const
{
    return count <= 1;
}

int DeliveriesRedriveCommand::execute(const CommandContext &c) const
{
    if (c.arguments.size() == 1) {
        if (c.isSet(cliOptions().deliveryStatus) || c.isSet(cliOptions().channel)) {
            printErr(tr("give a delivery's ID or --status, not both"));
            return ExitUsage;
        }
        const auto redriven = c.api.call(client::api::redriveDelivery(c.arguments.at(0)));
        if (!redriven.ok())
            return c.reportFailure(redriven.reply);
        return c.printReplyOr(redriven.reply,
                              tr("delivery %1 will be sent again").arg(redriven.value->id));
    }
    if (!c.isSet(cliOptions().deliveryStatus)) {
        printErr(tr("give a delivery's ID, or --status failed|dead|suppressed for all of them"));
        return ExitUsage;
    }
    QString channelId;
    if (c.isSet(cliOptions().channel)) {
        client::Channel channel;
        if (const int resolved = resolveChannel(c, c.value(cliOptions().channel), channel);
            resolved != ExitOk)
            return resolved;
        channelId = channel.id;
    }
    const auto redriven =
        c.api.call(client::api::redriveDeliveries(c.value(cliOptions().deliveryStatus), channelId));
    if (!redriven.ok())
        return c.reportFailure(redriven.reply);
    return c.printReplyOr(redriven.reply,
                          tr("%n delivery(ies) will be sent again", nullptr, int(*redriven.value)));
}

} // namespace hearth::cli
