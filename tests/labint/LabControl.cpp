#include "labint/LabControl.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHostAddress>
#include <QThread>

namespace rb::labint {

using control::Callback;

TorConn::TorConn(QString name) : m_name(std::move(name)) {}

TorConn::~TorConn()
{
    m_client.reset();
    m_channel.reset();
    if (m_socket) {
        m_socket->abort();
    }
}

Status TorConn::connectTo(quint16 port, int timeoutMs)
{
    m_client.reset();
    m_channel.reset();
    m_socket = std::make_unique<QTcpSocket>();
    m_socket->connectToHost(QHostAddress(QHostAddress::LocalHost), port);
    if (!m_socket->waitForConnected(timeoutMs)) {
        return makeError(ErrorCode::Unavailable,
                         QStringLiteral("%1: cannot connect to control port 127.0.0.1:%2: %3")
                             .arg(m_name)
                             .arg(port)
                             .arg(m_socket->errorString()));
    }
    m_channel = std::make_unique<control::ControlChannel>(m_socket.get());
    m_client = std::make_unique<control::ControlClient>(m_channel.get());
    m_channel->subscribe(QByteArray(), [this](const control::Reply& r) {
        m_events.append(RecordedEvent{QDateTime::currentMSecsSinceEpoch(), r});
    });
    return {};
}

Status TorConn::open(quint16 port, const QString& cookiePath, int timeoutMs)
{
    RB_TRY_STATUS(connectTo(port, timeoutMs));
    control::AuthCredentials creds;
    creds.cookieFile = cookiePath;
    auto method = authenticate(std::move(creds), timeoutMs);
    if (!method) {
        return method.error();
    }
    return {};
}

QList<control::Reply> TorConn::eventsWithKeyword(QByteArrayView keyword) const
{
    QList<control::Reply> out;
    for (const RecordedEvent& e : m_events) {
        if (e.reply.keyword() == keyword) {
            out.append(e.reply);
        }
    }
    return out;
}

Result<control::AuthMethod> TorConn::authenticate(control::AuthCredentials credentials, int timeoutMs)
{
    auto creds = std::make_shared<control::AuthCredentials>(std::move(credentials));
    return await<control::AuthMethod>(
        [this, creds](Callback<control::AuthMethod> done) { m_client->authenticate(std::move(*creds), done); },
        timeoutMs, m_name + QStringLiteral(": AUTHENTICATE"));
}

Result<control::Reply> TorConn::command(const QByteArray& line, int timeoutMs)
{
    return await<control::Reply>([this, line](Callback<control::Reply> done) { m_client->command(line, done); },
                                 timeoutMs, m_name + QStringLiteral(": ") + QString::fromLatin1(line.left(40)));
}

Result<QByteArray> TorConn::getInfo(const QString& key, int timeoutMs)
{
    return await<QByteArray>(
        [this, key, timeoutMs](Callback<QByteArray> done) {
            m_client->getInfoValue(key, done, std::chrono::milliseconds(timeoutMs));
        },
        timeoutMs + 1000, m_name + QStringLiteral(": GETINFO ") + key);
}

Status TorConn::setEvents(const QStringList& events, int timeoutMs)
{
    return await<void>([this, events](Callback<void> done) { m_client->setEvents(events, done); }, timeoutMs,
                       m_name + QStringLiteral(": SETEVENTS"));
}

Status TorConn::signal(const QString& name, int timeoutMs)
{
    return await<void>([this, name](Callback<void> done) { m_client->signal(name, done); }, timeoutMs,
                       m_name + QStringLiteral(": SIGNAL ") + name);
}

Status TorConn::hsFetch(const QString& address, const QStringList& servers, int timeoutMs)
{
    return await<void>([this, address, servers](Callback<void> done) { m_client->hsFetch(address, servers, done); },
                       timeoutMs, m_name + QStringLiteral(": HSFETCH"));
}

Status TorConn::hsPost(const QString& address, const QByteArray& descriptor, const QStringList& servers,
                       int timeoutMs)
{
    return await<void>(
        [this, address, descriptor, servers](Callback<void> done) {
            m_client->hsPost(address, descriptor, servers, done);
        },
        timeoutMs, m_name + QStringLiteral(": HSPOST"));
}

Result<control::AddOnionResult> TorConn::addOnion(control::AddOnionRequest request, int timeoutMs)
{
    auto req = std::make_shared<control::AddOnionRequest>(std::move(request));
    return await<control::AddOnionResult>(
        [this, req](Callback<control::AddOnionResult> done) { m_client->addOnion(std::move(*req), done); },
        timeoutMs, m_name + QStringLiteral(": ADD_ONION"));
}

Status TorConn::delOnion(const QString& serviceId, int timeoutMs)
{
    return await<void>([this, serviceId](Callback<void> done) { m_client->delOnion(serviceId, done); }, timeoutMs,
                       m_name + QStringLiteral(": DEL_ONION"));
}

Result<control::ConsensusSnapshot> TorConn::consensus(int timeoutMs)
{
    return await<control::ConsensusSnapshot>(
        [this](Callback<control::ConsensusSnapshot> done) { m_client->fetchConsensus(done); }, timeoutMs,
        m_name + QStringLiteral(": consensus"));
}

bool waitUntil(const std::function<bool()>& pred, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (!pred()) {
        if (t.elapsed() >= timeoutMs) {
            return pred();
        }
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        QThread::msleep(20);
    }
    return true;
}

QString describe(const Error& e)
{
    return QStringLiteral("[%1] %2").arg(errorCodeName(e.code), e.toString());
}

}  // namespace rb::labint
