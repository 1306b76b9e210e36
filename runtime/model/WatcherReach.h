#pragma once

#include "WatcherSpec.h"

#include <QJsonObject>
#include <QStringList>
#include <optional>

namespace hearth::scheduler {

// What a watcher reaches beyond its sandbox, as a person approving it needs
// to see it: the hosts its script names, the secrets it reads, whether it
// sends email, the agent that runs it, the folder and webhook that start it,
// the channels it notifies.
//
// A script is read, not run: the hosts are those of the URLs written in it
// and the secrets those named by a literal `secrets.get("…")`. A script that
// builds a URL or a secret's name at run time (or hands `http` or
// `secrets` around) is flagged as such, so the summary never claims less
// than the script can do.
struct WatcherReach
{
    QStringList domains; // sorted, each once
    bool urlsBuiltAtRunTime = false;
    QStringList secrets; // sorted, each once
    bool secretsNamedAtRunTime = false;
    bool sendsEmail = false;
    // Agent watchers: the profile that runs the prompt, where, in which
    // directory (empty: the worker's default).
    QString agentProfile;
    std::optional<qint64> deviceWorkerId;
    QString workdir;
    QString folder; // a folder trigger's folder
    bool webhook = false; // started by requests to its webhook URL
    QString after; // a chained watcher's upstream
    std::optional<QStringList> channels; // none: the default channels

    static WatcherReach of(const WatcherSpec &spec);
    QJsonObject toJson() const;
};

} // namespace hearth::scheduler
