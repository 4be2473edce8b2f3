#pragma once
// One ssh process per node carrying local forwards to the node's control port
// and MetricsPort. Never blocks the event loop: ssh runs in a QProcess, the
// local end is polled (non-blocking connect) until it accepts connections, a
// dead ssh is restarted with exponential back-off and jitter.
//
// Local end: a Unix socket in a private runtime directory (0700, checked to be
// ours) on Linux/macOS, a loopback TCP port on Windows (both selectable, so
// both are tested on Linux). Host-key and authentication failures stop the
// retries: they need the operator (accept the key, fix the agent).

#include "ssh/RemoteEndpoint.h"
#include "ssh/SshOptions.h"
#include "ssh/SshTarget.h"
#include "util/Result.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QObject>
#include <QPointer>
#include <QProcess>
#include <QSet>

#include <optional>

class QTimer;

namespace rb::ssh {

class SshTunnel : public QObject {
    Q_OBJECT
public:
    enum class State {
        Stopped,         // not running (initial, or after stop())
        Connecting,      // ssh started, waiting for the local end to accept
        Ready,           // every forward accepts connections
        Backoff,         // ssh ended; waiting to reconnect
        HostKeyUnknown,  // stopped: the operator must review and accept the host key
        HostKeyChanged,  // stopped: the host key CHANGED; refused
        AuthFailed,      // stopped: no usable key in the agent / IdentityFile
    };
    Q_ENUM(State)

    enum class LocalKind { UnixSocket, LoopbackTcp };
    Q_ENUM(LocalKind)

    struct Forward {
        QString name;           // e.g. "control", "metrics": [A-Za-z0-9._-]
        RemoteEndpoint remote;  // as seen from the node
    };

    struct LocalEndpoint {
        LocalKind kind = LocalKind::UnixSocket;
        QString path;      // UnixSocket
        quint16 port = 0;  // LoopbackTcp (on 127.0.0.1)
        [[nodiscard]] bool isValid() const { return kind == LocalKind::UnixSocket ? !path.isEmpty() : port != 0; }
        [[nodiscard]] QString toString() const;
    };

    struct Settings {
        QString nodeName;
        SshTarget target;
        QList<Forward> forwards;
        SshOptions ssh;
        QString runtimeDir;  // empty = defaultRuntimeDir()
        LocalKind localKind = defaultLocalKind();
        int readyTimeoutMs = 30000;  // from ssh start to every forward accepting
        int initialBackoffMs = 1000;
        int maxBackoffMs = 60000;
        double jitter = 0.25;  // +- fraction of the back-off delay
    };

    explicit SshTunnel(Settings settings, QObject* parent = nullptr);
    ~SshTunnel() override;
    SshTunnel(const SshTunnel&) = delete;
    SshTunnel& operator=(const SshTunnel&) = delete;

    // Validates the settings and starts connecting (also restarts after a
    // terminal state such as HostKeyUnknown once the operator has acted).
    Status start();
    // Terminates ssh (SIGTERM, SIGKILL after 3 s) and removes the local sockets.
    void stop();

    [[nodiscard]] State state() const { return m_state; }
    [[nodiscard]] const QString& nodeName() const { return m_settings.nodeName; }
    [[nodiscard]] const Settings& settings() const { return m_settings; }
    [[nodiscard]] bool hasError() const { return m_error.has_value(); }
    [[nodiscard]] Error lastError() const { return m_error.value_or(Error{}); }
    // Local end of a forward (valid once started).
    [[nodiscard]] LocalEndpoint localEndpoint(const QString& forwardName) const;
    [[nodiscard]] qint64 processId() const;  // of the current ssh, 0 if none
    [[nodiscard]] int consecutiveFailures() const { return m_failures; }
    [[nodiscard]] int restarts() const { return m_restarts; }

    static LocalKind defaultLocalKind();
    static QString defaultRuntimeDir();
    // Creates dir (0700) if missing; refuses a dir that is not ours or is
    // accessible by others after chmod.
    static Status ensurePrivateDirectory(const QString& dir);
    static QString stateName(State state);

signals:
    void stateChanged(rb::ssh::SshTunnel::State state);
    void ready();
    void errorOccurred();  // lastError() tells what happened

private:
    void launch();
    void setState(State s);
    void pollReadiness();
    void onReadyTimeout();
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void onProcessError(QProcess::ProcessError error);
    void handleEnded(const QString& fallbackDetail);
    void discardProcess();
    void stopProbes();
    void removeLocalSockets();
    int backoffDelayMs() const;

    Settings m_settings;
    State m_state = State::Stopped;
    std::optional<Error> m_error;
    QPointer<QProcess> m_process;
    QByteArray m_stderr;
    QMap<QString, LocalEndpoint> m_locals;
    QSet<QString> m_readyForwards;
    QMap<QString, QPointer<QObject>> m_probes;  // forward name -> in-flight probe socket
    QTimer* m_pollTimer;
    QTimer* m_readyTimer;
    QTimer* m_retryTimer;
    QTimer* m_killTimer;
    bool m_stopping = false;
    bool m_readyTimedOut = false;
    int m_failures = 0;
    int m_restarts = 0;
};

}  // namespace rb::ssh
