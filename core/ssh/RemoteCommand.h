#pragma once
// A command to run on a node over ssh, built from an argv list so it cannot
// be injected: ssh hands the remote side ONE string that the login shell
// parses, so every argument is single-quoted for a POSIX shell ('x' with each
// ' written as '\''). Nothing is ever concatenated unquoted. The login shell of
// the ssh user on the node must be POSIX-compatible (sh, dash, bash, zsh).
//
// Secrets travel only on stdin (withSecretStdin), never in argv.

#include "crypto/SecretBuffer.h"
#include "util/Result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace rb::ssh {

class RemoteCommand {
public:
    // argv[0] is the program; no argument may contain NUL.
    static Result<RemoteCommand> create(const QStringList& argv);

    RemoteCommand(RemoteCommand&&) noexcept = default;
    RemoteCommand& operator=(RemoteCommand&&) noexcept = default;
    RemoteCommand(const RemoteCommand&) = delete;
    RemoteCommand& operator=(const RemoteCommand&) = delete;
    ~RemoteCommand() = default;

    // Run through "sudo -n --" (never prompts; fails if a password would be needed).
    RemoteCommand& withSudo(bool on = true);
    RemoteCommand& withStdin(QByteArray data);                  // non-secret data (file contents)
    RemoteCommand& withSecretStdin(crypto::SecretBuffer data);  // secrets: stdin only
    RemoteCommand& withTimeout(int milliseconds);               // default 60 s
    RemoteCommand& withMaxOutput(qsizetype bytes);              // stdout and stderr each; default 8 MiB

    [[nodiscard]] const QStringList& argv() const { return m_argv; }
    [[nodiscard]] bool sudo() const { return m_sudo; }
    [[nodiscard]] int timeoutMs() const { return m_timeoutMs; }
    [[nodiscard]] qsizetype maxOutput() const { return m_maxOutput; }
    [[nodiscard]] const QByteArray& stdinData() const { return m_stdin; }
    [[nodiscard]] const crypto::SecretBuffer& secretStdin() const { return m_secretStdin; }
    // The single string given to ssh as the remote command.
    [[nodiscard]] QString shellCommand() const;

    // POSIX single-quoting of one argument.
    static QString quote(QStringView argument);
    // An absolute path on the node: starts with '/', no NUL/CR/LF, no ".."
    // component, at most 4096 bytes. `what` names it in the message.
    static Status validateAbsolutePath(QStringView path, const QString& what);
    // A name used in file names and keys (node names, service names, users):
    // 1..64 of [A-Za-z0-9._-], not starting with '-' or '.'.
    static Status validateName(QStringView name, const QString& what);

private:
    RemoteCommand() = default;
    QStringList m_argv;
    bool m_sudo = false;
    QByteArray m_stdin;
    crypto::SecretBuffer m_secretStdin;
    int m_timeoutMs = 60000;
    qsizetype m_maxOutput = 8 * 1024 * 1024;
};

}  // namespace rb::ssh
