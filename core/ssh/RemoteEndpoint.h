#pragma once
// An endpoint on the node (the far side of a tunnel): a TCP host:port as the
// node sees it (e.g. 127.0.0.1:9051) or a Unix socket path (e.g. Debian's
// /run/tor/control). Written the way torrc writes them: "unix:/path" or
// "host:port" ("tcp:host:port" and a bare "/path" are accepted too).

#include "util/Result.h"

#include <QString>

namespace rb::ssh {

class RemoteEndpoint {
public:
    enum class Kind { Tcp, Unix };

    RemoteEndpoint() = default;
    static Result<RemoteEndpoint> parse(QStringView text);
    static Result<RemoteEndpoint> tcp(const QString& host, quint16 port);
    static Result<RemoteEndpoint> unixSocket(const QString& path);

    [[nodiscard]] Kind kind() const { return m_kind; }
    [[nodiscard]] const QString& host() const { return m_host; }  // Tcp only
    [[nodiscard]] quint16 port() const { return m_port; }         // Tcp only
    [[nodiscard]] const QString& path() const { return m_path; }  // Unix only
    [[nodiscard]] bool isValid() const { return m_kind == Kind::Unix ? !m_path.isEmpty() : m_port != 0; }
    // "unix:/path" or "host:port" ("[v6]:port").
    [[nodiscard]] QString toString() const;
    // The remote half of an ssh -L specification: "host:port", "[v6]:port" or "/path".
    [[nodiscard]] QString sshForwardSpec() const;

    friend bool operator==(const RemoteEndpoint& a, const RemoteEndpoint& b)
    {
        return a.m_kind == b.m_kind && a.m_host == b.m_host && a.m_port == b.m_port && a.m_path == b.m_path;
    }

private:
    Kind m_kind = Kind::Tcp;
    QString m_host;
    quint16 m_port = 0;
    QString m_path;
};

}  // namespace rb::ssh
