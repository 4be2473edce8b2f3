#pragma once
// What the deployer needs to know about a node beyond its NodeConfig (which
// says how to reach tor and where its HiddenServiceDir is): where the torrc
// is, how to restart tor, whether to use sudo, and timeouts. Holds no secret.

#include "deploy/RestartStrategy.h"
#include "util/Result.h"

#include <QJsonObject>
#include <QString>

namespace rb::deploy {

struct DeploySettings {
    QString torrcPath = QStringLiteral("/etc/tor/torrc");  // on the node; symlinks are followed
    bool sudo = false;                                     // run node commands through sudo -n
    RestartStrategy restart;                               // default: systemctl restart tor@default
    int verifyTimeoutSeconds = 180;   // after the restart, until tor serves the master
    int connectTimeoutSeconds = 60;   // tunnel + control authentication
    QString minimumTorVersion = QStringLiteral("0.4.8");

    [[nodiscard]] Status validate() const;
    [[nodiscard]] QJsonObject toJson() const;
    static Result<DeploySettings> fromJson(const QJsonObject& object);

    // "0.4.9.11" >= "0.4.8"? (numeric, component by component; suffixes like
    // "-alpha" are ignored). False for anything unparsable.
    static bool versionAtLeast(const QString& version, const QString& minimum);
};

}  // namespace rb::deploy
