#pragma once
// An authenticated tor control connection to one node, reached ONLY through
// an SSH tunnel: SshNodeTransport brings up the tunnel, the client connects
// a ControlChannel to the tunnel's local end (QLocalSocket / QTcpSocket),
// sends PROTOCOLINFO, reads the control cookie on the node over SSH
// (RemoteRunner::readControlCookie, exactly 32 bytes, straight into a
// SecretBuffer) and authenticates — SAFECOOKIE by default (tor proves it
// knows the cookie before we answer).
//
// Self-healing: when the connection drops (tor restarted, ssh killed, node
// rebooted) it reconnects with exponential back-off; a tunnel that the
// operator must fix (host key unknown / CHANGED, SSH authentication failed)
// stops it in state Failed until the tunnel is ready again.
//
// Nothing blocks. client() is valid between connected() and disconnected().

#include "control/ControlChannel.h"
#include "control/ControlClient.h"
#include "crypto/SecretBuffer.h"
#include "deploy/SshNodeTransport.h"
#include "fleet/NodeConfig.h"
#include "util/Result.h"

#include <QIODevice>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <optional>

namespace rb::deploy {

class NodeConnector : public QObject {
    Q_OBJECT
public:
    enum class State {
        Stopped,
        WaitingForTunnel,  // ssh starting / restarting
        Connecting,        // opening the tunnel's local end
        Authenticating,    // PROTOCOLINFO, cookie over SSH, AUTHENTICATE
        Connected,
        Retrying,          // back-off before the next attempt
        Failed,            // needs the operator (host key, SSH authentication); lastError() says what
    };
    Q_ENUM(State)

    struct Settings {
        SshNodeTransport::Settings transport;
        fleet::AuthMethod auth = fleet::AuthMethod::SafeCookie;
        int connectTimeoutMs = 15000;  // tunnel-local connect + authentication
        int commandTimeoutMs = 30000;
        int retryInitialMs = 500;
        int retryMaxMs = 10000;

        static Result<Settings> fromNodeConfig(const fleet::NodeConfig& node, const ssh::SshOptions& ssh);
    };

    explicit NodeConnector(Settings settings, QObject* parent = nullptr);
    ~NodeConnector() override;

    // For AuthMethod::Password (from the keychain).
    void setPassword(crypto::SecretBuffer password);

    Status start();
    void stop();
    // Drops the connection and connects again now.
    void reconnectNow();

    // Fires once: OK when connected (at once if already), or the error that
    // put the connector in Failed, or Timeout. Never synchronously.
    void whenConnected(int timeoutMs, std::function<void(Status)> done);

    [[nodiscard]] State state() const { return m_state; }
    [[nodiscard]] static QString stateName(State state);
    [[nodiscard]] control::ControlClient* client() const;
    [[nodiscard]] control::ControlChannel* channel() const { return m_channel; }
    [[nodiscard]] QIODevice* device() const { return m_device; }
    [[nodiscard]] SshNodeTransport* transport() const { return m_transport; }
    [[nodiscard]] const Error& lastError() const { return m_lastError; }
    // Successful authentications so far (a reconnect adds one).
    [[nodiscard]] int connectionCount() const { return m_connections; }
    // From PROTOCOLINFO of the current connection, e.g. "0.4.9.11".
    [[nodiscard]] const QString& torVersion() const { return m_torVersion; }
    [[nodiscard]] const Settings& settings() const { return m_settings; }

signals:
    void stateChanged(rb::deploy::NodeConnector::State state);
    void connected();
    void disconnected();
    void errorOccurred();  // lastError() tells what happened

private:
    void attempt();
    void openDevice(quint64 gen, const ssh::SshTunnel::LocalEndpoint& local);
    void onDeviceConnected(quint64 gen);
    void authenticate(quint64 gen, const control::ProtocolInfo& info);
    void authenticated(quint64 gen);
    void attemptFailed(quint64 gen, const Error& error, bool terminal);
    void onChannelClosed(quint64 gen);
    void teardown();
    void setState(State s);
    void scheduleRetry();

    Settings m_settings;
    SshNodeTransport* m_transport;
    std::optional<crypto::SecretBuffer> m_password;
    State m_state = State::Stopped;
    Error m_lastError;
    quint64 m_gen = 0;
    bool m_running = false;
    bool m_wasConnected = false;
    int m_connections = 0;
    int m_retryDelayMs = 0;
    QString m_torVersion;
    QPointer<QIODevice> m_device;
    QPointer<control::ControlChannel> m_channel;
    QPointer<control::ControlClient> m_client;
    QTimer m_retryTimer;
    QTimer m_connectTimer;
};

}  // namespace rb::deploy
