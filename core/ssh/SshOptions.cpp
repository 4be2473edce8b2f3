#include "ssh/SshOptions.h"

namespace rb::ssh {

QStringList SshOptions::commonArguments() const
{
    QStringList a;
    if (!configFile.isEmpty()) {
        a << QStringLiteral("-F") << configFile;
    }
    const auto opt = [&a](const QString& o) { a << QStringLiteral("-o") << o; };
    opt(QStringLiteral("BatchMode=yes"));
    opt(QStringLiteral("StrictHostKeyChecking=yes"));
    opt(QStringLiteral("UpdateHostKeys=no"));
    opt(QStringLiteral("ControlMaster=no"));
    opt(QStringLiteral("ControlPath=none"));
    opt(QStringLiteral("ForwardAgent=no"));
    opt(QStringLiteral("ForwardX11=no"));
    opt(QStringLiteral("PermitLocalCommand=no"));
    opt(QStringLiteral("ConnectTimeout=%1").arg(qMax(1, connectTimeoutSeconds)));
    opt(QStringLiteral("ServerAliveInterval=%1").arg(qMax(1, serverAliveIntervalSeconds)));
    opt(QStringLiteral("ServerAliveCountMax=%1").arg(qMax(1, serverAliveCountMax)));
    if (!knownHostsFile.isEmpty()) {
        opt(QStringLiteral("UserKnownHostsFile=") + knownHostsFile);
    }
    return a;
}

QProcessEnvironment SshOptions::environment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("SSH_ASKPASS_REQUIRE"));
    env.remove(QStringLiteral("SSH_ASKPASS"));
    return env;
}

}  // namespace rb::ssh
