#pragma once
// How the deployer restarts tor on a node (PROTOCOL-NOTES §1: the
// Onionbalance-instance option needs a RESTART, a reload is not enough).
//
//  Commands  argv lists run one after the other over SSH (with sudo -n when
//            the deploy settings say so), e.g. the default
//            ["systemctl", "restart", "tor@default"]. Never through a shell:
//            every element is one quoted argument on the node.
//  PidFile   for a tor that is not under a service manager (the lab): SIGTERM
//            the pid in tor's PidFile (checked to be a "tor" process), wait for
//            it to exit (SIGKILL after stopTimeoutSeconds), then start
//            `<torBinary> -f <torrc> [--defaults-torrc <defaultsTorrc>]
//            --RunAsDaemon 1` on the node.

#include "util/Result.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace rb::deploy {

struct RestartStrategy {
    enum class Kind { Commands, PidFile };

    Kind kind = Kind::Commands;
    QList<QStringList> commands{{QStringLiteral("systemctl"), QStringLiteral("restart"), QStringLiteral("tor@default")}};
    // PidFile:
    QString pidFile;
    QString torBinary = QStringLiteral("tor");
    QString torrc;          // empty: DeploySettings::torrcPath
    QString defaultsTorrc;  // optional --defaults-torrc
    int stopTimeoutSeconds = 30;

    static RestartStrategy systemd(const QString& unit = QStringLiteral("tor@default"));
    static RestartStrategy fromPidFile(const QString& pidFile, const QString& torrc = {},
                                       const QString& defaultsTorrc = {}, const QString& torBinary = QStringLiteral("tor"));

    [[nodiscard]] Status validate() const;
    // "systemctl restart tor@default" / "pid file /x/tor.pid, tor -f /x/torrc".
    [[nodiscard]] QString describe() const;
    [[nodiscard]] QJsonObject toJson() const;
    static Result<RestartStrategy> fromJson(const QJsonObject& object);

    friend bool operator==(const RestartStrategy& a, const RestartStrategy& b)
    {
        return a.kind == b.kind && a.commands == b.commands && a.pidFile == b.pidFile && a.torBinary == b.torBinary &&
               a.torrc == b.torrc && a.defaultsTorrc == b.defaultsTorrc && a.stopTimeoutSeconds == b.stopTimeoutSeconds;
    }
};

}  // namespace rb::deploy
