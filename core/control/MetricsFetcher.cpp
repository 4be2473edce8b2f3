#include "control/MetricsFetcher.h"

#include "control/Syntax.h"

#include <QNetworkProxy>
#include <QTcpSocket>
#include <QTimer>

namespace rb::control {

MetricsFetcher::MetricsFetcher(QObject* parent) : QObject(parent), m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, [this]() {
        finish(makeError(ErrorCode::Timeout, QStringLiteral("tor's MetricsPort did not answer within %1 s")
                                                 .arg(static_cast<double>(m_timeout.count()) / 1000.0)));
    });
}

MetricsFetcher::~MetricsFetcher()
{
    if (m_done) {
        Callback done = std::move(m_done);
        m_done = nullptr;
        if (m_socket) {
            m_socket->disconnect(this);
            m_socket->abort();
        }
        done(makeError(ErrorCode::Cancelled, QStringLiteral("The metrics fetch was cancelled")));
    }
}

void MetricsFetcher::fetch(const QString& host, quint16 port, Callback done)
{
    if (m_done) {
        finish(makeError(ErrorCode::Cancelled, QStringLiteral("The metrics fetch was replaced by a newer one")));
    }
    m_done = std::move(done);
    m_buffer.clear();
    auto* socket = new QTcpSocket(this);
    m_socket = socket;
    socket->setProxy(QNetworkProxy::NoProxy);
    connect(socket, &QTcpSocket::connected, this,
            [socket]() { socket->write("GET /metrics HTTP/1.0\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"); });
    connect(socket, &QTcpSocket::readyRead, this, &MetricsFetcher::onReadyRead);
    connect(socket, &QTcpSocket::disconnected, this, &MetricsFetcher::onClosed);
    connect(socket, &QTcpSocket::errorOccurred, this, [this, socket](QAbstractSocket::SocketError e) {
        if (socket != m_socket) {
            return;
        }
        if (e == QAbstractSocket::RemoteHostClosedError) {
            onClosed();
            return;
        }
        finish(makeError(ErrorCode::Unavailable,
                         QStringLiteral("Cannot reach tor's MetricsPort: %1").arg(socket->errorString())));
    });
    m_timer->start(m_timeout);
    socket->connectToHost(host, port);
}

void MetricsFetcher::onReadyRead()
{
    if (!m_socket) {
        return;
    }
    m_buffer += m_socket->readAll();
    if (m_buffer.size() > m_limits.maxBytes + 64 * 1024) {
        finish(makeError(ErrorCode::TooLarge,
                         QStringLiteral("tor's metrics page is larger than %1 bytes").arg(m_limits.maxBytes)));
        return;
    }
    // tor 0.4.9 sends the whole page with a Content-Length and then keeps
    // the connection open: complete as soon as the body is in.
    const qsizetype headerEnd = m_buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0) {
        return;
    }
    const QByteArray head = m_buffer.left(headerEnd).toLower();
    const qsizetype cl = head.indexOf("\r\ncontent-length:");
    if (cl < 0) {
        return;  // no length: the body ends when tor closes
    }
    qsizetype ve = head.indexOf("\r\n", cl + 17);
    if (ve < 0) {
        ve = head.size();
    }
    bool ok = false;
    const qint64 len = head.mid(cl + 17, ve - cl - 17).trimmed().toLongLong(&ok);
    if (ok && m_buffer.size() - headerEnd - 4 >= len) {
        auto body = httpBody(m_buffer, m_limits.maxBytes);
        if (!body) {
            finish(body.error());
            return;
        }
        finish(MetricsParser::parse(body.value(), m_limits));
    }
}

void MetricsFetcher::onClosed()
{
    if (!m_done || !m_socket) {
        return;
    }
    m_buffer += m_socket->readAll();
    auto body = httpBody(m_buffer, m_limits.maxBytes);
    if (!body) {
        finish(body.error());
        return;
    }
    finish(MetricsParser::parse(body.value(), m_limits));
}

void MetricsFetcher::finish(Result<Metrics> r)
{
    if (!m_done) {
        return;
    }
    m_timer->stop();
    Callback done = std::move(m_done);
    m_done = nullptr;
    if (m_socket) {
        QTcpSocket* s = m_socket;
        m_socket = nullptr;
        s->disconnect(this);
        s->abort();
        s->deleteLater();
    }
    m_buffer.clear();
    done(std::move(r));
}

Result<QByteArray> MetricsFetcher::httpBody(QByteArrayView response, qsizetype maxBody)
{
    const qsizetype headerEnd = response.indexOf("\r\n\r\n");
    if (headerEnd < 0) {
        return makeError(ErrorCode::ProtocolError, QStringLiteral("tor's MetricsPort sent an incomplete HTTP response"),
                         printable(response.first(std::min<qsizetype>(response.size(), 80))));
    }
    const QByteArrayView head = response.first(headerEnd);
    const qsizetype eol = head.indexOf("\r\n");
    const QByteArrayView statusLine = eol < 0 ? head : head.first(eol);
    // "HTTP/1.0 200 OK"
    const QList<QByteArray> parts = statusLine.toByteArray().split(' ');
    if (parts.size() < 2 || !parts[0].startsWith("HTTP/1.")) {
        return makeError(ErrorCode::ProtocolError, QStringLiteral("The MetricsPort did not answer with HTTP"),
                         printable(statusLine));
    }
    if (parts[1] != "200") {
        return makeError(ErrorCode::Rejected,
                         QStringLiteral("tor's MetricsPort refused the request (HTTP %1); check MetricsPortPolicy")
                             .arg(QString::fromLatin1(parts[1])),
                         printable(statusLine));
    }
    QByteArray body = response.sliced(headerEnd + 4).toByteArray();
    // Honour Content-Length when present (a truncated body is an error).
    const QByteArray lowerHead = head.toByteArray().toLower();
    const qsizetype cl = lowerHead.indexOf("\r\ncontent-length:");
    if (cl >= 0) {
        const qsizetype vs = cl + 17;
        qsizetype ve = lowerHead.indexOf("\r\n", vs);
        if (ve < 0) {
            ve = lowerHead.size();
        }
        bool ok = false;
        const qint64 len = lowerHead.mid(vs, ve - vs).trimmed().toLongLong(&ok);
        if (ok) {
            if (body.size() < len) {
                return makeError(ErrorCode::Disconnected,
                                 QStringLiteral("tor's MetricsPort closed the connection before the whole page "
                                                "arrived"));
            }
            body.truncate(static_cast<qsizetype>(len));
        }
    }
    if (body.size() > maxBody) {
        return makeError(ErrorCode::TooLarge,
                         QStringLiteral("tor's metrics page is larger than %1 bytes").arg(maxBody));
    }
    return body;
}

}  // namespace rb::control
