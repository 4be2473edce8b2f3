#include "deploy/NodeConnector.h"

#include <QLocalSocket>
#include <QTcpSocket>

#include <memory>

namespace rb::deploy {

Result<NodeConnector::Settings> NodeConnector::Settings::fromNodeConfig(const fleet::NodeConfig& node,
                                                                        const ssh::SshOptions& ssh)
{
    Settings s;
    RB_TRY(s.transport, SshNodeTransport::Settings::fromNodeConfig(node, ssh));
    s.auth = node.auth;
    return s;
}

NodeConnector::NodeConnector(Settings settings, QObject* parent)
    : QObject(parent), m_settings(std::move(settings)), m_transport(new SshNodeTransport(m_settings.transport, this))
{
    m_retryTimer.setSingleShot(true);
    m_connectTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &NodeConnector::attempt);
    connect(&m_connectTimer, &QTimer::timeout, this, [this] {
        attemptFailed(m_gen,
                      makeError(ErrorCode::Timeout,
                                QStringLiteral("Node %1: tor's control port did not answer through the SSH tunnel "
                                               "within %2 s; check that tor runs and listens on %3.")
                                    .arg(m_settings.transport.nodeName)
                                    .arg(m_settings.connectTimeoutMs / 1000)
                                    .arg(m_settings.transport.control.toString())),
                      false);
    });
    // A tunnel the operator fixed (host key accepted, key loaded) resumes a failed connector.
    connect(m_transport->tunnel(), &ssh::SshTunnel::ready, this, [this] {
        if (m_running && m_state == State::Failed) {
            attempt();
        }
    });
}

NodeConnector::~NodeConnector()
{
    m_running = false;
    ++m_gen;
}

void NodeConnector::setPassword(crypto::SecretBuffer password)
{
    m_password = std::move(password);
}

QString NodeConnector::stateName(State state)
{
    switch (state) {
    case State::Stopped:
        return QStringLiteral("stopped");
    case State::WaitingForTunnel:
        return QStringLiteral("waiting-for-tunnel");
    case State::Connecting:
        return QStringLiteral("connecting");
    case State::Authenticating:
        return QStringLiteral("authenticating");
    case State::Connected:
        return QStringLiteral("connected");
    case State::Retrying:
        return QStringLiteral("retrying");
    case State::Failed:
        return QStringLiteral("failed");
    }
    return QStringLiteral("unknown");
}

control::ControlClient* NodeConnector::client() const
{
    return m_state == State::Connected ? m_client.data() : nullptr;
}

Status NodeConnector::start()
{
    if (m_settings.auth == fleet::AuthMethod::Password && !m_password) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("Node %1 uses password authentication but no password was given.")
                             .arg(m_settings.transport.nodeName));
    }
    if (m_running) {
        return {};
    }
    m_running = true;
    m_retryDelayMs = 0;
    attempt();
    return {};
}

void NodeConnector::stop()
{
    m_running = false;
    m_retryTimer.stop();
    const bool was = m_state == State::Connected;
    teardown();
    m_transport->stop();
    setState(State::Stopped);
    if (was) {
        emit disconnected();
    }
}

void NodeConnector::reconnectNow()
{
    if (!m_running) {
        return;
    }
    m_retryTimer.stop();
    const bool was = m_state == State::Connected;
    teardown();
    if (was) {
        emit disconnected();
    }
    if (SshNodeTransport::isTerminal(m_transport->tunnel()->state())) {
        if (Status st = m_transport->tunnel()->start(); !st) {
            m_lastError = st.error();
            setState(State::Failed);
            emit errorOccurred();
            return;
        }
    }
    m_retryDelayMs = 0;
    attempt();
}

void NodeConnector::setState(State s)
{
    if (m_state != s) {
        m_state = s;
        emit stateChanged(s);
    }
}

void NodeConnector::teardown()
{
    ++m_gen;  // late completions of the old connection are ignored
    m_connectTimer.stop();
    if (m_client) {
        m_client->disconnect(this);
        m_client->deleteLater();
    }
    if (m_channel) {
        m_channel->disconnect(this);
        m_channel->deleteLater();
    }
    if (m_device) {
        m_device->disconnect(this);
        m_device->close();
        m_device->deleteLater();
    }
    m_client.clear();
    m_channel.clear();
    m_device.clear();
}

void NodeConnector::scheduleRetry()
{
    m_retryDelayMs = m_retryDelayMs == 0 ? m_settings.retryInitialMs : qMin(m_retryDelayMs * 2, m_settings.retryMaxMs);
    setState(State::Retrying);
    m_retryTimer.start(m_retryDelayMs);
}

void NodeConnector::attempt()
{
    if (!m_running) {
        return;
    }
    teardown();
    const quint64 gen = m_gen;
    setState(State::WaitingForTunnel);
    QPointer<NodeConnector> self(this);
    m_transport->whenReady(m_settings.transport.tunnelReadyTimeoutMs + 5000,
                           [self, gen](Result<ssh::SshTunnel::LocalEndpoint> local) {
                               if (!self || gen != self->m_gen) {
                                   return;
                               }
                               if (!local) {
                                   const bool terminal =
                                       SshNodeTransport::isTerminal(self->m_transport->tunnel()->state()) ||
                                       local.error().code == ErrorCode::InvalidArgument;
                                   self->attemptFailed(gen, local.error(), terminal);
                                   return;
                               }
                               self->openDevice(gen, *local);
                           });
}

void NodeConnector::openDevice(quint64 gen, const ssh::SshTunnel::LocalEndpoint& local)
{
    setState(State::Connecting);
    m_connectTimer.start(m_settings.connectTimeoutMs);
    const QString where = m_transport->describe();
    if (local.kind == ssh::SshTunnel::LocalKind::UnixSocket) {
        auto* s = new QLocalSocket(this);
        m_device = s;
        connect(s, &QLocalSocket::connected, this, [this, gen] { onDeviceConnected(gen); });
        connect(s, &QLocalSocket::errorOccurred, this, [this, gen, s, where](QLocalSocket::LocalSocketError) {
            if (!m_channel) {
                attemptFailed(gen,
                              makeError(ErrorCode::Unavailable,
                                        QStringLiteral("Cannot connect to the SSH tunnel's local socket (%1).").arg(where),
                                        s->errorString()),
                              false);
            }
        });
        s->connectToServer(local.path);
    } else {
        auto* s = new QTcpSocket(this);
        m_device = s;
        connect(s, &QTcpSocket::connected, this, [this, gen] { onDeviceConnected(gen); });
        connect(s, &QAbstractSocket::errorOccurred, this, [this, gen, s, where](QAbstractSocket::SocketError) {
            if (!m_channel) {
                attemptFailed(gen,
                              makeError(ErrorCode::Unavailable,
                                        QStringLiteral("Cannot connect to the SSH tunnel's local port (%1).").arg(where),
                                        s->errorString()),
                              false);
            }
        });
        s->connectToHost(QHostAddress(QHostAddress::LocalHost), local.port);
    }
}

void NodeConnector::onDeviceConnected(quint64 gen)
{
    if (gen != m_gen || !m_device) {
        return;
    }
    m_channel = new control::ControlChannel(m_device, this);
    m_client = new control::ControlClient(m_channel, this);
    m_client->setDefaultTimeout(std::chrono::milliseconds(m_settings.commandTimeoutMs));
    connect(m_channel, &control::ControlChannel::closed, this, [this, gen] { onChannelClosed(gen); });
    setState(State::Authenticating);
    QPointer<NodeConnector> self(this);
    m_client->protocolInfo([self, gen](Result<control::ProtocolInfo> info) {
        if (!self || gen != self->m_gen) {
            return;
        }
        if (!info) {
            self->attemptFailed(gen, info.error(), false);
            return;
        }
        self->authenticate(gen, *info);
    });
}

void NodeConnector::authenticate(quint64 gen, const control::ProtocolInfo& info)
{
    m_torVersion = info.torVersion;
    QPointer<NodeConnector> self(this);
    auto done = [self, gen](Status st) {
        if (!self || gen != self->m_gen) {
            return;
        }
        if (!st) {
            self->attemptFailed(gen, st.error(), false);
            return;
        }
        self->authenticated(gen);
    };
    const QString node = m_settings.transport.nodeName;
    switch (m_settings.auth) {
    case fleet::AuthMethod::None:
        m_client->authenticateNull(done);
        return;
    case fleet::AuthMethod::Password:
        if (!m_password) {
            attemptFailed(gen, makeError(ErrorCode::AuthFailed, QStringLiteral("No control password for node %1.").arg(node)),
                          true);
            return;
        }
        m_client->authenticatePassword(*m_password, done);
        return;
    case fleet::AuthMethod::SafeCookie:
    case fleet::AuthMethod::CookieFile: {
        const bool safe = m_settings.auth == fleet::AuthMethod::SafeCookie;
        const QString method = safe ? QStringLiteral("SAFECOOKIE") : QStringLiteral("COOKIE");
        if (!info.offers(method)) {
            attemptFailed(gen,
                          makeError(ErrorCode::Unsupported,
                                    QStringLiteral("tor on node %1 does not offer %2 authentication (it offers %3); "
                                                   "set CookieAuthentication 1 or change the node's auth method.")
                                        .arg(node, method, info.authMethods.join(QLatin1Char(',')))),
                          false);
            return;
        }
        const QString path = m_settings.transport.cookieFile.isEmpty() ? info.cookieFile : m_settings.transport.cookieFile;
        m_transport->readCookie(path, [self, gen, safe, done](Result<crypto::SecretBuffer> cookie) {
            if (!self || gen != self->m_gen || !self->m_client) {
                return;
            }
            if (!cookie) {
                self->attemptFailed(gen, cookie.error(), false);
                return;
            }
            if (safe) {
                self->m_client->authenticateSafeCookie(cookie.value(), done);
            } else {
                self->m_client->authenticateCookie(cookie.value(), done);
            }
        });
        return;
    }
    }
}

void NodeConnector::authenticated(quint64 gen)
{
    if (gen != m_gen) {
        return;
    }
    m_connectTimer.stop();
    ++m_connections;
    m_retryDelayMs = 0;
    m_lastError = Error{};
    setState(State::Connected);
    emit connected();
}

void NodeConnector::attemptFailed(quint64 gen, const Error& error, bool terminal)
{
    if (gen != m_gen || !m_running) {
        return;
    }
    const bool was = m_state == State::Connected;
    m_lastError = error;
    teardown();
    if (was) {
        emit disconnected();
    }
    if (terminal) {
        setState(State::Failed);
    } else {
        scheduleRetry();
    }
    emit errorOccurred();
}

void NodeConnector::onChannelClosed(quint64 gen)
{
    if (gen != m_gen || !m_channel) {
        return;
    }
    Error reason = m_channel->closeReason();
    if (reason.message.isEmpty()) {
        reason = makeError(ErrorCode::Disconnected,
                           QStringLiteral("The control connection to node %1 closed.").arg(m_settings.transport.nodeName));
    }
    attemptFailed(gen, reason, false);
}

void NodeConnector::whenConnected(int timeoutMs, std::function<void(Status)> done)
{
    auto* watcher = new QObject(this);
    auto fired = std::make_shared<bool>(false);
    auto finish = [watcher, fired, done = std::move(done)](Status st) mutable {
        if (*fired) {
            return;
        }
        *fired = true;
        watcher->deleteLater();
        done(std::move(st));
    };
    connect(this, &NodeConnector::connected, watcher, [finish]() mutable { finish(Status{}); });
    connect(this, &NodeConnector::errorOccurred, watcher, [this, finish]() mutable {
        if (m_state == State::Failed) {
            finish(m_lastError);
        }
    });
    auto* timer = new QTimer(watcher);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, watcher, [this, finish]() mutable {
        finish(makeError(ErrorCode::Timeout,
                         QStringLiteral("Could not connect to tor on node %1 through SSH in time.")
                             .arg(m_settings.transport.nodeName),
                         m_lastError.toString()));
    });
    timer->start(timeoutMs);
    QTimer::singleShot(0, watcher, [this, finish]() mutable {
        if (m_state == State::Connected) {
            finish(Status{});
        } else if (m_state == State::Failed) {
            finish(m_lastError);
        } else if (!m_running) {
            finish(makeError(ErrorCode::NotReady,
                             QStringLiteral("The connection to node %1 is not started.").arg(m_settings.transport.nodeName)));
        }
    });
}

}  // namespace rb::deploy
