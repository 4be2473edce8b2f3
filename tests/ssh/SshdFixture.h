#pragma once
// A real OpenSSH server on 127.0.0.1 for the integration tests: host key and
// client key generated in a temp dir, AuthorizedKeysFile pointing at the
// client key, "/usr/sbin/sshd -D -e -f <cfg>" on a free port as the current
// user (root in CI: PermitRootLogin prohibit-password), plus a client ssh
// config in the same dir (IdentityFile, Port, UserKnownHostsFile,
// IdentitiesOnly, IdentityAgent none) so nothing touches the real ~/.ssh.
// Blocking waits are fine here: this is test scaffolding, with timeouts.

#include "ssh/SshOptions.h"
#include "ssh/SshTarget.h"

#include <QProcess>
#include <QString>
#include <QTemporaryDir>

#include <memory>

class SshdFixture {
public:
    SshdFixture();
    ~SshdFixture();
    SshdFixture(const SshdFixture&) = delete;
    SshdFixture& operator=(const SshdFixture&) = delete;

    static bool sshdAvailable();
    bool start(QString* error);
    void stop();
    // Stops sshd, replaces its host key with a new one, starts it on the same port.
    bool regenerateHostKey(QString* error);
    // Writes the current host key into the client's known_hosts (replacing it).
    bool trustHostKey(QString* error);
    void forgetHostKeys();

    [[nodiscard]] QString dir() const { return m_dir->path(); }
    [[nodiscard]] QString path(const QString& name) const { return m_dir->filePath(name); }
    [[nodiscard]] quint16 port() const { return m_port; }
    [[nodiscard]] QString alias() const { return QStringLiteral("rbtest"); }
    [[nodiscard]] rb::ssh::SshTarget target() const;
    [[nodiscard]] rb::ssh::SshOptions options() const;
    [[nodiscard]] QString clientConfigPath() const { return path(QStringLiteral("ssh_config")); }
    [[nodiscard]] QString knownHostsPath() const { return path(QStringLiteral("known_hosts")); }
    // "SHA256:..." of the current host key.
    [[nodiscard]] QString hostKeyFingerprint() const;
    [[nodiscard]] QByteArray log() const;
    [[nodiscard]] bool isRunning() const;

private:
    bool generateKey(const QString& file, QString* error);
    bool writeConfigs(QString* error);
    bool launch(QString* error);
    void reapOrphans();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QProcess> m_sshd;
    quint16 m_port = 0;
    QString m_user;
};
