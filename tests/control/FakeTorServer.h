#pragma once
// A scripted control-port peer on 127.0.0.1 for fault tests: it hands every
// received line (CRLF stripped) to a handler that answers with raw bytes,
// or misbehaves (stays silent, closes mid-reply, sends garbage).

#include <QByteArray>
#include <QList>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>

#include <functional>

class FakeTorServer {
public:
    using Handler = std::function<void(FakeTorServer&, const QByteArray& line)>;

    FakeTorServer()
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this]() {
            while (QTcpSocket* s = m_server.nextPendingConnection()) {
                m_client = s;
                QObject::connect(s, &QTcpSocket::readyRead, s, [this, s]() { onRead(s); });
            }
        });
    }

    quint16 port() const { return m_server.serverPort(); }
    void setHandler(Handler h) { m_handler = std::move(h); }
    bool hasClient() const { return !m_client.isNull(); }

    void send(const QByteArray& bytes)
    {
        if (m_client) {
            m_client->write(bytes);
            m_client->flush();
        }
    }
    void closeClient()
    {
        if (m_client) {
            m_client->flush();
            m_client->disconnectFromHost();
        }
    }
    void abortClient()
    {
        if (m_client) {
            m_client->abort();
        }
    }

    QList<QByteArray> received;  // every line, in order
    QByteArray raw;              // every byte, in order

private:
    void onRead(QTcpSocket* s)
    {
        const QByteArray bytes = s->readAll();
        raw += bytes;
        m_buffer += bytes;
        qsizetype nl;
        while ((nl = m_buffer.indexOf('\n')) >= 0) {
            QByteArray line = m_buffer.left(nl);
            m_buffer.remove(0, nl + 1);
            if (line.endsWith('\r')) {
                line.chop(1);
            }
            received.append(line);
            if (m_handler) {
                m_handler(*this, line);
            }
        }
    }

    QTcpServer m_server;
    QPointer<QTcpSocket> m_client;
    QByteArray m_buffer;
    Handler m_handler;
};
