#pragma once
// Everything that reaches one node over SSH, without the control protocol:
// one SshTunnel carrying the node's control port (forward "control") and, if
// configured, its MetricsPort (forward "metrics"), plus a RemoteRunner for
// node commands (the control cookie, files, deployment scripts).
//
// whenReady() starts the tunnel on demand and answers with the local end of
// the control forward once ssh is up; a tunnel stopped for the operator
// (host key unknown or CHANGED, authentication failed) answers with that
// error and is not restarted behind the operator's back.

#include "crypto/SecretBuffer.h"
#include "fleet/NodeConfig.h"
#include "ssh/RemoteEndpoint.h"
#include "ssh/RemoteRunner.h"
#include "ssh/SshOptions.h"
#include "ssh/SshTarget.h"
#include "ssh/SshTunnel.h"
#include "util/Result.h"

#include <QObject>

#include <functional>
#include <optional>

namespace rb::deploy {

class SshNodeTransport : public QObject {
    Q_OBJECT
public:
    struct Settings {
        QString nodeName;
        ssh::SshTarget target;
        ssh::SshOptions ssh;
        ssh::RemoteEndpoint control;                 // on the node
        std::optional<ssh::RemoteEndpoint> metrics;  // on the node (MetricsPort), optional
        QString cookieFile;                          // on the node; empty = the COOKIEFILE tor reports
        bool sudo = false;                           // read the cookie with sudo -n
        QString runtimeDir;                          // local sockets; empty = SshTunnel::defaultRuntimeDir()
        ssh::SshTunnel::LocalKind localKind = ssh::SshTunnel::defaultLocalKind();
        int tunnelReadyTimeoutMs = 30000;
        int initialBackoffMs = 1000;
        int maxBackoffMs = 30000;

        // From the operator's node configuration (ssh target, control and metrics endpoints, cookie file).
        static Result<Settings> fromNodeConfig(const fleet::NodeConfig& node, const ssh::SshOptions& ssh);
    };

    explicit SshNodeTransport(Settings settings, QObject* parent = nullptr);
    ~SshNodeTransport() override;

    // Starts the tunnel (no-op while it runs).
    Status start();
    void stop();

    using EndpointCallback = std::function<void(Result<ssh::SshTunnel::LocalEndpoint>)>;
    // Fires once: the local end of the control forward when the tunnel is
    // ready, or the tunnel's terminal error, or Timeout. Never synchronously.
    void whenReady(int timeoutMs, EndpointCallback done);

    // Reads tor's control cookie on the node over SSH (exactly 32 bytes).
    // path empty: Settings::cookieFile.
    void readCookie(const QString& path, ssh::RemoteRunner::SecretCompletion done);

    [[nodiscard]] const Settings& settings() const { return m_settings; }
    [[nodiscard]] ssh::SshTunnel* tunnel() const { return m_tunnel; }
    [[nodiscard]] ssh::RemoteRunner* runner() const { return m_runner; }
    [[nodiscard]] std::optional<ssh::SshTunnel::LocalEndpoint> localControl() const;
    [[nodiscard]] std::optional<ssh::SshTunnel::LocalEndpoint> localMetrics() const;
    // "ssh admin@host -> 127.0.0.1:9051".
    [[nodiscard]] QString describe() const;
    // A terminal tunnel state that needs the operator.
    [[nodiscard]] static bool isTerminal(ssh::SshTunnel::State state);

private:
    Settings m_settings;
    ssh::SshTunnel* m_tunnel;
    ssh::RemoteRunner* m_runner;
};

}  // namespace rb::deploy
