#pragma once
// Host-key trust on first use, done by the operator, not by ssh:
//  probe()  connects once with every authentication method disabled and
//           StrictHostKeyChecking=accept-new into a THROW-AWAY known_hosts, so
//           ssh itself (honouring the operator's config: HostName, Port,
//           ProxyJump, HostKeyAlias) records the key exactly as it will look
//           it up later; no credential is ever offered to the unverified host.
//           "ssh-keygen -lf" turns it into fingerprints for the operator.
//  accept() appends those lines to the known_hosts ssh really uses: the
//           forced SshOptions::knownHostsFile, else the first
//           UserKnownHostsFile that "ssh -G" reports (default ~/.ssh/known_hosts).
// A changed key is never handled here: the tunnel/runner refuse it.

#include "ssh/SshOptions.h"
#include "ssh/SshTarget.h"
#include "util/Result.h"

#include <QByteArray>
#include <QObject>
#include <QStringList>

#include <functional>

namespace rb::ssh {

struct HostKeyInfo {
    SshTarget target;
    QString knownHostsName;      // as ssh recorded it, e.g. "[127.0.0.1]:2222" (hashed if HashKnownHosts)
    QStringList fingerprints;    // e.g. "ED25519 SHA256:uoaKSl8w..."
    QByteArray knownHostsLines;  // public keys, one known_hosts line each
};

class HostKeyVerifier : public QObject {
    Q_OBJECT
public:
    explicit HostKeyVerifier(SshOptions options, QObject* parent = nullptr);

    void probe(const SshTarget& target, std::function<void(Result<HostKeyInfo>)> done);
    void accept(const HostKeyInfo& info, std::function<void(Status)> done);
    // The known_hosts file ssh writes to for this target.
    void knownHostsFileFor(const SshTarget& target, std::function<void(Result<QString>)> done);

    // Pure helpers (unit tested).
    // "256 SHA256:abc host (ED25519)" lines -> "ED25519 SHA256:abc".
    static Result<QStringList> parseFingerprints(QByteArrayView sshKeygenOutput);
    // First path of "userknownhostsfile" in "ssh -G" output.
    static Result<QString> parseUserKnownHostsFile(QByteArrayView sshGOutput);
    // Accepts only plain "names keytype base64" lines (no markers, no options).
    static Status validateKnownHostsLines(QByteArrayView lines);
    // Appends (QSaveFile; new files 0600, parent dir created 0700).
    static Status appendKnownHosts(const QString& file, QByteArrayView lines);

private:
    SshOptions m_options;
};

}  // namespace rb::ssh
