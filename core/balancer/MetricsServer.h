#pragma once
// A tiny HTTP/1.0 server for the Prometheus endpoint: GET /metrics answers
// with the text a callback renders (PublisherMetrics); anything else gets
// 404/405/400. Loopback only: the publisher's metrics name the fleet's nodes
// and HSDirs, so they are not served to the network (put a reverse proxy or
// an SSH tunnel in front to scrape from elsewhere). One request per
// connection, request head at most 8 KiB, 5 s to send it.

#include "util/Result.h"

#include <QByteArray>
#include <QHostAddress>
#include <QObject>
#include <QString>
#include <QTcpServer>

#include <functional>

namespace rb::balancer {

struct ListenAddress {
    QHostAddress host;
    quint16 port = 0;
};

class MetricsServer : public QObject {
    Q_OBJECT
public:
    using Renderer = std::function<QByteArray()>;

    explicit MetricsServer(Renderer render, QObject* parent = nullptr);

    // "127.0.0.1:9100", "[::1]:9100" or "localhost:9100"; refuses anything
    // that is not a loopback address. Port 0 picks a free port (see port()).
    [[nodiscard]] static Result<ListenAddress> parseListen(const QString& text);

    Status listen(const ListenAddress& address);
    void close();
    [[nodiscard]] bool isListening() const { return m_server.isListening(); }
    [[nodiscard]] quint16 port() const { return m_server.serverPort(); }
    [[nodiscard]] quint64 requestsServed() const { return m_served; }

    // The response to one request head (pure; exposed for tests).
    [[nodiscard]] static QByteArray respond(const QByteArray& head, const Renderer& render);

private:
    void onNewConnection();

    Renderer m_render;
    QTcpServer m_server;
    quint64 m_served = 0;
};

}  // namespace rb::balancer
