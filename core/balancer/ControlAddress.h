#pragma once
// Where a node's tor control port (or MetricsPort) is reachable from this
// machine: a TCP "host:port" (IPv4/IPv6 literal or name) or a Unix socket path
// ("unix:/run/tor/control" or an absolute path). For a node behind SSH this is
// the local end of the tunnel.

#include "util/Result.h"

#include <QString>

namespace rb::balancer {

struct ControlAddress {
    enum class Kind { Tcp, Unix };
    Kind kind = Kind::Tcp;
    QString host;      // Tcp
    quint16 port = 0;  // Tcp
    QString path;      // Unix

    [[nodiscard]] bool isValid() const { return kind == Kind::Tcp ? (!host.isEmpty() && port != 0) : !path.isEmpty(); }
    // "host:port", "[v6]:port" or "unix:/path".
    [[nodiscard]] QString toString() const;

    static ControlAddress tcp(const QString& host, quint16 port);
    static ControlAddress unixSocket(const QString& path);
    // Accepts "host:port", "[v6]:port", "port" (127.0.0.1), "unix:/path" and "/path".
    static Result<ControlAddress> parse(const QString& text);

    friend bool operator==(const ControlAddress& a, const ControlAddress& b)
    {
        return a.kind == b.kind && a.host == b.host && a.port == b.port && a.path == b.path;
    }
};

}  // namespace rb::balancer
