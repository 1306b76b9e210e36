#include "CliApp.h"

#include "CliOutput.h"
#include "Commands.h"
#include "client/RuntimeConnection.h"
#include "core/Paths.h"
#include "core/Version.h"
#include "model/Actor.h"

#include <QCommandLineParser>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <algorithm>
#include <memory>

namespace hearth::cli {

CliApp::CliApp(QStringList arguments)
    : m_arguments(std::move(arguments))
{
}

int CliApp::run()
{
    const CliOptions &options = cliOptions();
    const QCommandLineOption &dataDirOption = options.dataDir;
    const QCommandLineOption &urlOption = options.url;
    const QCommandLineOption &outputOption = options.output;
    const QCommandLineOption &helpOption = options.help;
    const QCommandLineOption &versionOption = options.version;
    const QList<QCommandLineOption> globalOptions = options.global();
    const QList<std::shared_ptr<const Command>> &all = allCommands();
    QStringList groups;
    QList<QCommandLineOption> everyOption = globalOptions;
    for (const auto &command : all) {
        if (command->words().size() > 1 && !groups.contains(command->words().constFirst()))
            groups.append(command->words().constFirst());
        for (const QCommandLineOption &option : command->options()) {
            const bool known = std::any_of(
                everyOption.cbegin(), everyOption.cend(),
                [&](const QCommandLineOption &o) { return o.names() == option.names(); });
            if (!known)
                everyOption.append(option);
        }
    }

    auto commandList = [&](const QString &group) -> QString {
        QString text = tr("Commands:") + u'\n';
        for (const auto &command : all) {
            if (!group.isEmpty() && command->words().constFirst() != group)
                continue;
            const QString usage =
                QString(command->words().join(u' ') + u' ' + command->arguments()).trimmed();
            text +=
                QStringLiteral("  ") + usage.leftJustified(28) + u' ' + command->summary() + u'\n';
        }
        return text;
    };
    auto generalHelp = [&](const QString &group) -> QString {
        QCommandLineParser parser;
        parser.addOptions(globalOptions);
        QString help = parser.helpText();
        help.replace(QStringLiteral("[options]"),
                     QStringLiteral("[options] <command> [arguments]"));
        return help + u'\n' + commandList(group) + u'\n' +
            tr("Exit codes: 0 ok, 1 API error, 2 usage error, 3 runtime not running or not "
               "verifiable.");
    };

    // Pass 1: find the positional words, knowing every option that takes a value.
    QCommandLineParser scan;
    scan.addOptions(everyOption);
    if (!scan.parse(m_arguments)) {
        printErr(scan.errorText() + tr(" (see hearth --help)"));
        return ExitUsage;
    }
    const QStringList words = scan.positionalArguments();
    if (scan.isSet(versionOption) && words.isEmpty()) {
        printOut(QStringLiteral("hearth %1").arg(QString::fromLatin1(ProductVersion)));
        return ExitOk;
    }

    const Command *command = nullptr;
    for (const auto &candidate : all) {
        if (words.mid(0, candidate->words().size()) == candidate->words())
            command = candidate.get();
    }
    if (!command) {
        const bool isGroup = words.size() == 1 && groups.contains(words.constFirst());
        if (scan.isSet(helpOption)) {
            printOut(generalHelp(isGroup ? words.constFirst() : QString()));
            return ExitOk;
        }
        if (words.isEmpty()) {
            printErr(tr("no command given (see hearth --help)"));
            return ExitUsage;
        }
        printErr(isGroup
                     ? tr("%1 needs a subcommand (see hearth %1 --help)").arg(words.constFirst())
                     : tr("unknown command \"%1\" (see hearth --help)").arg(words.join(u' ')));
        return ExitUsage;
    }

    // Pass 2: only the options this command accepts.
    const QString commandName = command->words().join(u' ');
    QCommandLineParser parser;
    parser.setApplicationDescription(command->summary());
    parser.addOptions(globalOptions);
    parser.addOptions(command->options());
    parser.addPositionalArgument(commandName, command->summary(),
                                 QString(commandName + u' ' + command->arguments()).trimmed());
    if (!parser.parse(m_arguments)) {
        printErr(parser.errorText() + tr(" (see hearth %1 --help)").arg(commandName));
        return ExitUsage;
    }
    if (parser.isSet(helpOption)) {
        printOut(parser.helpText());
        return ExitOk;
    }
    const QStringList arguments = parser.positionalArguments().mid(command->words().size());
    if (!command->acceptsArguments(arguments.size())) {
        printErr(
            tr("%1 expects %2 (see hearth %1 --help)")
                .arg(commandName,
                     command->arguments().isEmpty() ? tr("no arguments") : command->arguments()));
        return ExitUsage;
    }
    const QString output = parser.value(outputOption);
    if (output != u"table" && output != u"json") {
        printErr(tr("--output must be table or json, not \"%1\"").arg(output));
        return ExitUsage;
    }
    if (!command->needsRuntime()) {
        client::ApiClient unopened { QUrl(), Actor::clientHeader(Actor::Kind::Cli) };
        return command->execute(
            { unopened, client::HearthApi(unopened), parser, arguments, QString(), false });
    }
    // Connect: verified through runtime.json unless --url overrides.
    std::unique_ptr<client::ApiClient> api;
    if (parser.isSet(urlOption)) {
        const QUrl url(parser.value(urlOption), QUrl::StrictMode);
        if (!url.isValid() || url.scheme() != u"http" || url.host().isEmpty()) {
            printErr(tr("--url must look like http://127.0.0.1:PORT"));
            return ExitUsage;
        }
        printErr(tr("warning: --url given, so the server's identity is not verified"));
        api = std::make_unique<client::ApiClient>(url, Actor::clientHeader(Actor::Kind::Cli));
    }
    const QString dataDir = parser.isSet(dataDirOption)
        ? parser.value(dataDirOption)
        : QProcessEnvironment::systemEnvironment().value(QStringLiteral("HEARTH_DATA_DIR"),
                                                         defaultDataDir());
    const QString absoluteDataDir = QDir(dataDir).absolutePath();
    if (!api) {
        auto info = client::readRuntimeFile(absoluteDataDir);
        if (!info) {
            printErr(info.error().message);
            return ExitNotRunning;
        }
        api = std::make_unique<client::ApiClient>(info->baseUrl(),
                                                  Actor::clientHeader(Actor::Kind::Cli));
        const auto verified = api->verifyIdentity(info.value());
        if (!verified) {
            printErr(verified.error().message);
            return ExitNotRunning;
        }
        // After an upgrade a runtime started before it may still run: say so
        // (the command still runs; its exit code is its own).
        if (verified->version != QLatin1String(ProductVersion)) {
            printErr(tr("warning: the runtime is Hearth %1 and this hearth is %2; restart Hearth "
                        "to finish the update")
                         .arg(verified->version, QLatin1String(ProductVersion)));
        }
    }
    const CommandContext context { *api,      client::HearthApi(*api), parser,
                                   arguments, absoluteDataDir,         output == u"json" };
    return command->execute(context);
}

} // namespace hearth::cli
