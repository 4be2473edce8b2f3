#pragma once
// How we run the OpenSSH client. The operator's ssh config applies (ProxyJump,
// Port, User, IdentityFile, HostName...) except for the few options we must
// own for safety and observability, always passed with -o:
//   BatchMode=yes               never prompt (agent and keys only)
//   StrictHostKeyChecking=yes   unknown keys are shown for acceptance, changed keys refused
//   UpdateHostKeys=no           we never write known_hosts behind the operator's back
//   ControlMaster=no, ControlPath=none   each tunnel owns its ssh process (state, restart)
//   ForwardAgent=no, ForwardX11=no, PermitLocalCommand=no
//   ConnectTimeout, ServerAliveInterval, ServerAliveCountMax
// knownHostsFile empty = the UserKnownHostsFile from the ssh config (default
// ~/.ssh/known_hosts); accepted host keys are appended to that file.

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace rb::ssh {

struct SshOptions {
    QString sshProgram = QStringLiteral("ssh");
    QString sshKeygenProgram = QStringLiteral("ssh-keygen");
    QString configFile;      // passed as -F when set (tests; alternative configs)
    QString knownHostsFile;  // forces UserKnownHostsFile when set
    int connectTimeoutSeconds = 15;
    int serverAliveIntervalSeconds = 15;
    int serverAliveCountMax = 3;

    // Options common to every ssh invocation (before the destination).
    [[nodiscard]] QStringList commonArguments() const;
    // Environment for ssh: inherited (SSH_AUTH_SOCK) minus anything that could prompt.
    [[nodiscard]] static QProcessEnvironment environment();
};

}  // namespace rb::ssh
