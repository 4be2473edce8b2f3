#include "balancer/MetricsServer.h"

#include "balancer/PublisherMetrics.h"

#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

namespace rb::balancer {

namespace {

constexpr qsizetype kMaxHead = 8192;
constexpr int kRequestTimeoutMs = 5000;

QByteArray response(const QByteArray& status, const QByteArray& contentType, const QByteArray& body,
                    const QByteArray& extra = {})
{
    QByteArray r = "HTTP/1.0 " + status + "\r\n";
    r += "Content-Type: " + contentType + "\r\n";
    r += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    r += "Connection: close\r\n";
    r += extra;
    r += "\r\n";
    return r + body;
}

QByteArray plain(const QByteArray& status, const QByteArray& text, const QByteArray& extra = {})
{
    return response(status, "text/plain; charset=utf-8", text + '\n', extra);
}

}  // namespace

MetricsServer::MetricsServer(Renderer render, QObject* parent) : QObject(parent), m_render(std::move(render))
{
    connect(&m_server, &QTcpServer::newConnection, this, &MetricsServer::onNewConnection);
}

Result<ListenAddress> MetricsServer::parseListen(const QString& text)
{
    const qsizetype colon = text.lastIndexOf(u':');
    if (colon <= 0) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("--metrics-listen wants HOST:PORT on loopback, e.g. 127.0.0.1:9420 (got '%1')")
                             .arg(text.left(100)));
    }
    QString host = text.left(colon);
    if (host.startsWith(u'[') && host.endsWith(u']')) {
        host = host.mid(1, host.size() - 2);
    }
    bool ok = false;
    const uint port = text.mid(colon + 1).toUInt(&ok);
    if (!ok || port > 65535) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("--metrics-listen: '%1' is not a port (0-65535; 0 picks a free one)").arg(text.mid(colon + 1).left(20)));
    }
    ListenAddress a;
    a.port = static_cast<quint16>(port);
    if (host == QLatin1String("localhost")) {
        a.host = QHostAddress(QHostAddress::LocalHost);
        return a;
    }
    a.host = QHostAddress(host);
    if (a.host.isNull()) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("--metrics-listen: '%1' is not an IP address; use 127.0.0.1 or [::1]")
                             .arg(host.left(100)));
    }
    if (!a.host.isLoopback()) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("--metrics-listen: %1 is not a loopback address; the metrics endpoint only "
                                        "listens on 127.0.0.1 or ::1 (scrape it through a reverse proxy or an SSH "
                                        "tunnel)")
                             .arg(host));
    }
    return a;
}

Status MetricsServer::listen(const ListenAddress& address)
{
    if (!address.host.isLoopback()) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("The metrics endpoint only listens on a loopback address (got %1)")
                             .arg(address.host.toString()));
    }
    if (!m_server.listen(address.host, address.port)) {
        return makeError(ErrorCode::IoError,
                         QStringLiteral("Cannot listen on %1 port %2 for metrics: %3; pick another port with "
                                        "--metrics-listen")
                             .arg(address.host.toString())
                             .arg(address.port)
                             .arg(m_server.errorString()));
    }
    return {};
}

void MetricsServer::close()
{
    m_server.close();
}

QByteArray MetricsServer::respond(const QByteArray& head, const Renderer& render)
{
    const qsizetype eol = head.indexOf('\n');
    const QByteArray requestLine = (eol >= 0 ? head.left(eol) : head).trimmed();
    const QList<QByteArray> parts = requestLine.split(' ');
    if (parts.size() != 3 || !parts.at(2).startsWith("HTTP/1.")) {
        return plain("400 Bad Request", "bad request");
    }
    const QByteArray& method = parts.at(0);
    QByteArray path = parts.at(1);
    if (const qsizetype q = path.indexOf('?'); q >= 0) {
        path.truncate(q);
    }
    if (path != "/metrics") {
        return plain("404 Not Found", "not found: the metrics are at /metrics");
    }
    if (method != "GET" && method != "HEAD") {
        return plain("405 Method Not Allowed", "only GET", "Allow: GET, HEAD\r\n");
    }
    QByteArray r = response("200 OK", PublisherMetrics::kContentType, render ? render() : QByteArray());
    if (method == "HEAD") {
        r.truncate(r.indexOf("\r\n\r\n") + 4);
    }
    return r;
}

void MetricsServer::onNewConnection()
{
    while (QTcpSocket* socket = m_server.nextPendingConnection()) {
        socket->setParent(this);
        auto* timer = new QTimer(socket);
        timer->setSingleShot(true);
        connect(timer, &QTimer::timeout, socket, &QTcpSocket::abort);
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QTcpSocket::errorOccurred, socket, [socket](QAbstractSocket::SocketError) {
            socket->deleteLater();
        });
        auto answered = std::make_shared<bool>(false);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket, answered]() {
            if (*answered) {
                socket->readAll();
                return;
            }
            QByteArray head = socket->property("rbHead").toByteArray() + socket->readAll();
            const qsizetype end = head.indexOf("\r\n\r\n");
            if (end < 0 && head.indexOf("\n\n") < 0) {
                if (head.size() > kMaxHead) {
                    *answered = true;
                    socket->write(plain("431 Request Header Fields Too Large", "request head too large"));
                    socket->disconnectFromHost();
                    return;
                }
                socket->setProperty("rbHead", head);
                return;
            }
            *answered = true;
            ++m_served;
            socket->write(respond(head, m_render));
            socket->disconnectFromHost();
        });
        timer->start(kRequestTimeoutMs);
    }
}

}  // namespace rb::balancer
