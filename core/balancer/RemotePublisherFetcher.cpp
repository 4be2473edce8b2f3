#include "balancer/RemotePublisherFetcher.h"

#include "ssh/RemoteEndpoint.h"

#include <QDateTime>
#include <QLocalSocket>
#include <QNetworkProxy>
#include <QTcpSocket>
#include <QTimer>

namespace rb::balancer {

namespace {
const QString kForward = QStringLiteral("metrics");
constexpr qsizetype kMaxBody = 8 * 1024 * 1024;
constexpr qsizetype kMaxHead = 16 * 1024;

QString printableLine(QByteArrayView v)
{
    QString out;
    for (const char c : v.first(std::min<qsizetype>(v.size(), 120))) {
        out += (c >= 0x20 && c < 0x7f) ? QChar::fromLatin1(c) : QChar(u'?');
    }
    return out;
}

// Content-Length of a lower-cased response head, or -1.
qint64 contentLength(const QByteArray& lowerHead)
{
    const qsizetype cl = lowerHead.indexOf("\r\ncontent-length:");
    if (cl < 0) {
        return -1;
    }
    const qsizetype vs = cl + 17;
    qsizetype ve = lowerHead.indexOf("\r\n", vs);
    if (ve < 0) {
        ve = lowerHead.size();
    }
    bool ok = false;
    const qint64 len = lowerHead.mid(vs, ve - vs).trimmed().toLongLong(&ok);
    return ok && len >= 0 ? len : -1;
}
}  // namespace

RemotePublisherFetcher::RemotePublisherFetcher(Settings settings, QObject* parent)
    : QObject(parent), m_settings(std::move(settings)), m_pollTimer(new QTimer(this)), m_requestTimer(new QTimer(this))
{
    m_requestTimer->setSingleShot(true);
    connect(m_pollTimer, &QTimer::timeout, this, &RemotePublisherFetcher::poll);
    connect(m_requestTimer, &QTimer::timeout, this, [this] {
        abortRequest();
        fail(Problem::Timeout,
             makeError(ErrorCode::Timeout,
                       QStringLiteral("The publisher's metrics endpoint %1 did not answer within %2 s; check the "
                                      "server's load and that the port belongs to rbctl publish.")
                           .arg(describe())
                           .arg(m_settings.requestTimeoutMs / 1000)));
    });
}

RemotePublisherFetcher::~RemotePublisherFetcher()
{
    abortRequest();
}

QString RemotePublisherFetcher::describe() const
{
    QString host = m_settings.remoteHost;
    if (host.contains(QLatin1Char(':'))) {
        host = QLatin1Char('[') + host + QLatin1Char(']');
    }
    return QStringLiteral("ssh %1 \u2192 %2:%3").arg(m_settings.target.toString(), host).arg(m_settings.remotePort);
}

bool RemotePublisherFetcher::isTerminal(Problem p)
{
    return p == Problem::HostKeyUnknown || p == Problem::HostKeyChanged || p == Problem::AuthFailed;
}

QString RemotePublisherFetcher::problemName(Problem p)
{
    switch (p) {
    case Problem::None: return QStringLiteral("none");
    case Problem::TunnelFailed: return QStringLiteral("tunnel-failed");
    case Problem::HostKeyUnknown: return QStringLiteral("host-key-unknown");
    case Problem::HostKeyChanged: return QStringLiteral("host-key-changed");
    case Problem::AuthFailed: return QStringLiteral("auth-failed");
    case Problem::Unreachable: return QStringLiteral("unreachable");
    case Problem::HttpError: return QStringLiteral("http-error");
    case Problem::Timeout: return QStringLiteral("timeout");
    case Problem::NotAPublisher: return QStringLiteral("not-a-publisher");
    }
    return QStringLiteral("unknown");
}

Status RemotePublisherFetcher::start()
{
    if (!m_settings.target.isValid()) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("Give the SSH target of the publisher's server (user@host or an ssh config "
                                        "alias)."));
    }
    if (m_settings.remotePort == 0) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("Give the publisher's metrics port (the PORT of --metrics-listen "
                                        "127.0.0.1:PORT)."));
    }
    RB_TRY(const ssh::RemoteEndpoint remote, ssh::RemoteEndpoint::tcp(m_settings.remoteHost, m_settings.remotePort));
    if (m_settings.intervalMs < 1000 || m_settings.requestTimeoutMs < 100) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("The poll interval must be at least 1 s."));
    }

    stop();
    if (m_tunnel) {
        m_tunnel->disconnect(this);
        delete m_tunnel;  // kills a terminating ssh and removes its socket before the new one binds
        m_tunnel = nullptr;
    }
    ssh::SshTunnel::Settings t;
    t.nodeName = m_settings.tunnelName;
    t.target = m_settings.target;
    t.ssh = m_settings.ssh;
    t.forwards << ssh::SshTunnel::Forward{kForward, remote};
    t.runtimeDir = m_settings.runtimeDir;
    t.localKind = m_settings.localKind;
    t.readyTimeoutMs = m_settings.tunnelReadyTimeoutMs;
    t.initialBackoffMs = m_settings.initialBackoffMs;
    t.maxBackoffMs = m_settings.maxBackoffMs;
    m_tunnel = new ssh::SshTunnel(std::move(t), this);
    connect(m_tunnel, &ssh::SshTunnel::stateChanged, this, &RemotePublisherFetcher::onTunnelState);

    m_problem = Problem::None;
    m_error.reset();
    setState(State::Connecting);
    if (Status st = m_tunnel->start(); !st) {
        fail(Problem::TunnelFailed, st.error());
        setState(State::NeedsOperator);
        return st;
    }
    return {};
}

void RemotePublisherFetcher::stop()
{
    m_pollTimer->stop();
    abortRequest();
    if (m_tunnel) {
        m_tunnel->stop();
    }
    setState(State::Stopped);
}

void RemotePublisherFetcher::refresh()
{
    poll();
}

void RemotePublisherFetcher::setState(State s)
{
    if (m_state != s) {
        m_state = s;
        emit stateChanged(s);
    }
}

void RemotePublisherFetcher::fail(Problem p, Error e)
{
    m_problem = p;
    m_error = std::move(e);
    setState(isTerminal(p) ? State::NeedsOperator : State::Failed);
    emit failed();
}

void RemotePublisherFetcher::onTunnelState(ssh::SshTunnel::State s)
{
    if (m_state == State::Stopped || m_state == State::NeedsOperator) {
        return;
    }
    using TS = ssh::SshTunnel::State;
    switch (s) {
    case TS::Ready:
        m_pollTimer->start(m_settings.intervalMs);
        poll();
        return;
    case TS::Connecting:
        if (m_state != State::Failed) {
            setState(State::Connecting);
        }
        return;
    case TS::Backoff:
        m_pollTimer->stop();
        abortRequest();
        fail(Problem::TunnelFailed, m_tunnel->hasError()
                                        ? m_tunnel->lastError()
                                        : makeError(ErrorCode::Unavailable,
                                                    QStringLiteral("The SSH tunnel to %1 ended; retrying.")
                                                        .arg(m_settings.target.toString())));
        return;
    case TS::HostKeyUnknown:
    case TS::HostKeyChanged:
    case TS::AuthFailed: {
        m_pollTimer->stop();
        abortRequest();
        const Problem p = s == TS::HostKeyUnknown   ? Problem::HostKeyUnknown
                          : s == TS::HostKeyChanged ? Problem::HostKeyChanged
                                                    : Problem::AuthFailed;
        fail(p, m_tunnel->lastError());
        return;
    }
    case TS::Stopped:
        return;
    }
}

void RemotePublisherFetcher::poll()
{
    if (m_requestRunning || !m_tunnel || m_tunnel->state() != ssh::SshTunnel::State::Ready) {
        return;
    }
    const ssh::SshTunnel::LocalEndpoint local = m_tunnel->localEndpoint(kForward);
    if (!local.isValid()) {
        return;
    }
    m_requestRunning = true;
    m_buffer.clear();
    if (m_state != State::Ok) {
        setState(State::Fetching);
    }
    static const QByteArray request = "GET /metrics HTTP/1.0\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    if (local.kind == ssh::SshTunnel::LocalKind::UnixSocket) {
        auto* s = new QLocalSocket(this);
        m_socket = s;
        connect(s, &QLocalSocket::connected, this, [s] { s->write(request); });
        connect(s, &QLocalSocket::readyRead, this, &RemotePublisherFetcher::onData);
        connect(s, &QLocalSocket::disconnected, this, &RemotePublisherFetcher::onClosed);
        connect(s, &QLocalSocket::errorOccurred, this, [this, s](QLocalSocket::LocalSocketError e) {
            if (s != m_socket) {
                return;
            }
            if (e == QLocalSocket::PeerClosedError) {
                onClosed();
                return;
            }
            const QString why = s->errorString();
            abortRequest();
            fail(Problem::TunnelFailed,
                 makeError(ErrorCode::Unavailable,
                           QStringLiteral("The local end of the SSH tunnel to %1 does not answer; it is being "
                                          "restarted.")
                               .arg(m_settings.target.toString()),
                           why));
        });
        m_requestTimer->start(m_settings.requestTimeoutMs);
        s->connectToServer(local.path);
    } else {
        auto* s = new QTcpSocket(this);
        m_socket = s;
        s->setProxy(QNetworkProxy::NoProxy);
        connect(s, &QTcpSocket::connected, this, [s] { s->write(request); });
        connect(s, &QTcpSocket::readyRead, this, &RemotePublisherFetcher::onData);
        connect(s, &QTcpSocket::disconnected, this, &RemotePublisherFetcher::onClosed);
        connect(s, &QTcpSocket::errorOccurred, this, [this, s](QAbstractSocket::SocketError e) {
            if (s != m_socket) {
                return;
            }
            if (e == QAbstractSocket::RemoteHostClosedError) {
                onClosed();
                return;
            }
            const QString why = s->errorString();
            abortRequest();
            fail(Problem::TunnelFailed,
                 makeError(ErrorCode::Unavailable,
                           QStringLiteral("The local end of the SSH tunnel to %1 does not answer; it is being "
                                          "restarted.")
                               .arg(m_settings.target.toString()),
                           why));
        });
        m_requestTimer->start(m_settings.requestTimeoutMs);
        s->connectToHost(QHostAddress::LocalHost, local.port);
    }
}

void RemotePublisherFetcher::onData()
{
    if (!m_socket || !m_requestRunning) {
        return;
    }
    m_buffer += m_socket->readAll();
    if (m_buffer.size() > kMaxBody + kMaxHead) {
        abortRequest();
        fail(Problem::HttpError,
             makeError(ErrorCode::TooLarge,
                       QStringLiteral("The metrics page of %1 is larger than %2 bytes; is this port really the "
                                      "publisher's?")
                           .arg(describe())
                           .arg(kMaxBody)));
        return;
    }
    // MetricsServer sends a Content-Length: complete as soon as the body is in.
    const qsizetype headerEnd = m_buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0) {
        return;
    }
    const qint64 len = contentLength(m_buffer.left(headerEnd).toLower());
    if (len >= 0 && m_buffer.size() - headerEnd - 4 >= len) {
        finishRequest(httpBody(m_buffer, kMaxBody));
    }
}

void RemotePublisherFetcher::onClosed()
{
    if (!m_socket || !m_requestRunning) {
        return;
    }
    m_buffer += m_socket->readAll();
    if (m_buffer.isEmpty()) {
        // ssh accepted the local connection but nothing listens on the server's port.
        abortRequest();
        fail(Problem::Unreachable,
             makeError(ErrorCode::Unavailable,
                       QStringLiteral("Nothing answers on %1:%2 on the server; check that rustbalance-publisher runs "
                                      "with --metrics-listen %1:%2 (systemctl status rustbalance-publisher).")
                           .arg(m_settings.remoteHost)
                           .arg(m_settings.remotePort)));
        return;
    }
    finishRequest(httpBody(m_buffer, kMaxBody));
}

void RemotePublisherFetcher::finishRequest(Result<QByteArray> body)
{
    abortRequest();
    if (!body) {
        fail(Problem::HttpError, body.error());
        return;
    }
    auto status = RemotePublisherStatus::parse(body.value());
    if (!status) {
        const Error& e = status.error();
        fail(e.code == ErrorCode::Unsupported || e.code == ErrorCode::ParseError ? Problem::NotAPublisher
                                                                                   : Problem::HttpError,
             e);
        return;
    }
    m_status = std::move(status).value();
    m_status->fetchedAt = QDateTime::currentDateTimeUtc();
    m_problem = Problem::None;
    m_error.reset();
    setState(State::Ok);
    emit statusUpdated();
}

void RemotePublisherFetcher::abortRequest()
{
    m_requestTimer->stop();
    m_requestRunning = false;
    m_buffer.clear();
    if (m_socket) {
        QIODevice* s = m_socket;
        m_socket = nullptr;
        s->disconnect(this);
        if (auto* l = qobject_cast<QLocalSocket*>(s)) {
            l->abort();
        } else if (auto* t = qobject_cast<QTcpSocket*>(s)) {
            t->abort();
        }
        s->deleteLater();
    }
}

Result<QByteArray> RemotePublisherFetcher::httpBody(QByteArrayView response, qsizetype maxBody)
{
    const qsizetype headerEnd = response.indexOf("\r\n\r\n");
    const qsizetype eol = response.indexOf("\r\n");
    const QByteArrayView statusLine = eol < 0 ? response : response.first(eol);
    const QList<QByteArray> parts = statusLine.toByteArray().split(' ');
    if (parts.size() < 2 || !parts[0].startsWith("HTTP/1.")) {
        return makeError(ErrorCode::ProtocolError,
                         QStringLiteral("The endpoint did not answer with HTTP; check that the port is the "
                                        "publisher's --metrics-listen port."),
                         printableLine(statusLine));
    }
    if (headerEnd < 0) {
        return makeError(ErrorCode::ProtocolError,
                         QStringLiteral("The publisher's endpoint sent an incomplete HTTP response; retrying."),
                         printableLine(statusLine));
    }
    if (parts[1] != "200") {
        return makeError(ErrorCode::Rejected,
                         QStringLiteral("The endpoint answered HTTP %1 instead of the metrics; check that the port is "
                                        "the publisher's --metrics-listen port.")
                             .arg(QString::fromLatin1(parts[1])),
                         printableLine(statusLine));
    }
    QByteArray body = response.sliced(headerEnd + 4).toByteArray();
    const qint64 len = contentLength(response.first(headerEnd).toByteArray().toLower());
    if (len >= 0) {
        if (body.size() < len) {
            return makeError(ErrorCode::Disconnected,
                             QStringLiteral("The publisher's endpoint closed the connection before the whole page "
                                            "arrived; retrying."));
        }
        body.truncate(static_cast<qsizetype>(len));
    }
    if (body.size() > maxBody) {
        return makeError(ErrorCode::TooLarge,
                         QStringLiteral("The metrics page is larger than %1 bytes; is this port really the "
                                        "publisher's?")
                             .arg(maxBody));
    }
    return body;
}

}  // namespace rb::balancer
