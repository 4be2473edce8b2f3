#pragma once
// Polls a remote headless publisher's Prometheus endpoint through SSH: one
// SshTunnel (the operator's ssh config, BatchMode, strict host keys, see
// ssh/SshOptions.h) forwards a private local end (a Unix socket in the 0700
// runtime directory; loopback TCP on Windows) to the server's
// 127.0.0.1:PORT, then every interval a GET /metrics over that local end is
// parsed into a RemotePublisherStatus. Never blocks the event loop.
//
// Failures are typed (Problem) and carry an operator-facing Error. Host-key
// and authentication problems stop polling until start() is called again
// (after the operator acted); everything else is retried on the next poll.

#include "balancer/RemotePublisherStatus.h"
#include "ssh/SshOptions.h"
#include "ssh/SshTarget.h"
#include "ssh/SshTunnel.h"
#include "util/Result.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <optional>

class QIODevice;
class QTimer;

namespace rb::balancer {

class RemotePublisherFetcher : public QObject {
    Q_OBJECT
public:
    enum class State {
        Stopped,     // not started, or stopped
        Connecting,  // SSH tunnel coming up
        Fetching,    // tunnel up, request under way (first one or a refresh)
        Ok,          // last poll succeeded (status() is current)
        Failed,      // last poll failed (problem(), lastError()); retried on the next poll
        NeedsOperator,  // host key unknown/changed or authentication failed: stopped
    };
    Q_ENUM(State)

    enum class Problem {
        None,
        TunnelFailed,    // ssh could not connect / forward (server down, ssh config)
        HostKeyUnknown,  // accept the server's host key first (terminal)
        HostKeyChanged,  // the host key CHANGED: refused (terminal)
        AuthFailed,      // no usable key in the agent / IdentityFile (terminal)
        Unreachable,     // nothing listens on the remote port (publisher down, no --metrics-listen)
        HttpError,       // the endpoint answered, but not with 200 / not with HTTP
        Timeout,         // no complete answer within the request timeout
        NotAPublisher,   // an answer without rustbalance_publisher_info / not Prometheus text
    };
    Q_ENUM(Problem)

    struct Settings {
        ssh::SshTarget target;         // the server running the publisher
        ssh::SshOptions ssh;
        QString remoteHost = QStringLiteral("127.0.0.1");
        quint16 remotePort = 0;        // the publisher's --metrics-listen port on the server
        int intervalMs = 10000;        // poll period
        int requestTimeoutMs = 10000;  // one GET /metrics
        QString tunnelName = QStringLiteral("remote-publisher");  // local socket name ([A-Za-z0-9._-])
        QString runtimeDir;            // empty = SshTunnel::defaultRuntimeDir()
        ssh::SshTunnel::LocalKind localKind = ssh::SshTunnel::defaultLocalKind();
        int tunnelReadyTimeoutMs = 30000;
        int initialBackoffMs = 1000;
        int maxBackoffMs = 30000;
    };

    explicit RemotePublisherFetcher(Settings settings, QObject* parent = nullptr);
    ~RemotePublisherFetcher() override;

    // Validates the settings, (re)starts the tunnel and polling.
    Status start();
    void stop();
    // Polls now (no-op while a request runs or the tunnel is not up).
    void refresh();

    [[nodiscard]] State state() const { return m_state; }
    [[nodiscard]] Problem problem() const { return m_problem; }
    [[nodiscard]] Error lastError() const { return m_error.value_or(Error{}); }
    [[nodiscard]] const std::optional<RemotePublisherStatus>& status() const { return m_status; }
    [[nodiscard]] const Settings& settings() const { return m_settings; }
    [[nodiscard]] ssh::SshTunnel* tunnel() const { return m_tunnel; }
    // "admin@server → 127.0.0.1:9420".
    [[nodiscard]] QString describe() const;

    // Splits a raw HTTP/1.x response into its body (pure; for tests):
    // HttpError-style errors are ErrorCode::Rejected / ProtocolError.
    static Result<QByteArray> httpBody(QByteArrayView response, qsizetype maxBody);
    // True for problems that stop polling until the operator acts.
    static bool isTerminal(Problem p);
    static QString problemName(Problem p);

signals:
    void stateChanged(rb::balancer::RemotePublisherFetcher::State state);
    void statusUpdated();  // status() holds a new status
    void failed();         // problem() / lastError() tell what happened

private:
    void setState(State s);
    void fail(Problem p, Error e);
    void onTunnelState(ssh::SshTunnel::State s);
    void poll();
    void onData();
    void onClosed();
    void finishRequest(Result<QByteArray> body);
    void abortRequest();

    Settings m_settings;
    ssh::SshTunnel* m_tunnel = nullptr;
    QTimer* m_pollTimer;
    QTimer* m_requestTimer;
    QPointer<QIODevice> m_socket;
    QByteArray m_buffer;
    bool m_requestRunning = false;
    State m_state = State::Stopped;
    Problem m_problem = Problem::None;
    std::optional<Error> m_error;
    std::optional<RemotePublisherStatus> m_status;
};

}  // namespace rb::balancer
