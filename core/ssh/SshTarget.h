#pragma once
// Where to ssh to, exactly as the operator wrote it: "host", "user@host",
// "user@host:port", "[v6addr]:port" or an alias from ~/.ssh/config. We pass
// it to ssh unchanged (so ProxyJump, User, Port, HostName from the operator's
// config apply) and only add "-p" when a port was given explicitly. The
// grammar is strict so a target can never be read by ssh as an option
// ("-oProxyCommand=...") or smuggle shell syntax.

#include "util/Result.h"

#include <QString>
#include <QStringList>

namespace rb::ssh {

class SshTarget {
public:
    SshTarget() = default;
    static Result<SshTarget> parse(QStringView text);

    [[nodiscard]] const QString& user() const { return m_user; }  // may be empty (config decides)
    [[nodiscard]] const QString& host() const { return m_host; }  // host name, address or config alias
    [[nodiscard]] quint16 port() const { return m_port; }         // 0 = not given (config decides)
    [[nodiscard]] bool isValid() const { return !m_host.isEmpty(); }
    // Canonical text, round-trips through parse().
    [[nodiscard]] QString toString() const;
    // ssh arguments naming the destination: ["-p", "2222",] "--", "user@host".
    // Must be the last options on the ssh command line (a remote command may follow).
    [[nodiscard]] QStringList destinationArguments() const;

    friend bool operator==(const SshTarget& a, const SshTarget& b)
    {
        return a.m_user == b.m_user && a.m_host == b.m_host && a.m_port == b.m_port;
    }

private:
    QString m_user;
    QString m_host;
    quint16 m_port = 0;
};

}  // namespace rb::ssh
