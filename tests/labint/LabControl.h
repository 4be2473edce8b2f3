#pragma once
// Test helpers for the end-to-end lab tests: a synchronous façade over
// rb::control::ControlClient (every call runs the event loop with a bounded
// timeout, never hangs), an event recorder, and small lab utilities.
// Test code only.

#include "control/ControlChannel.h"
#include "control/ControlClient.h"
#include "control/Reply.h"
#include "util/Result.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTcpSocket>
#include <QTimer>

#include <functional>
#include <memory>
#include <optional>

namespace rb::labint {

// Starts an asynchronous operation with a completion callback and runs the
// event loop until it completes or timeoutMs passes (then: ErrorCode::Timeout).
// A late completion after the timeout is dropped safely.
template <typename T>
Result<T> await(const std::function<void(control::Callback<T>)>& start, int timeoutMs, const QString& what)
{
    struct State {
        std::optional<Result<T>> result;
        QEventLoop loop;
    };
    auto state = std::make_shared<State>();
    std::weak_ptr<State> weak = state;
    start(control::Callback<T>([weak](Result<T> r) {
        if (auto s = weak.lock()) {
            if (!s->result) {
                s->result.emplace(std::move(r));
                s->loop.quit();
            }
        }
    }));
    if (!state->result) {
        QTimer::singleShot(timeoutMs, &state->loop, &QEventLoop::quit);
        state->loop.exec();
    }
    if (!state->result) {
        return makeError(ErrorCode::Timeout, QStringLiteral("%1: no answer within %2 ms").arg(what).arg(timeoutMs));
    }
    return std::move(*state->result);
}

struct RecordedEvent {
    qint64 atMs = 0;  // QDateTime::currentMSecsSinceEpoch() on arrival
    control::Reply reply;
};

// One control connection to a lab tor (127.0.0.1) that records every event.
class TorConn {
public:
    explicit TorConn(QString name);
    ~TorConn();
    TorConn(const TorConn&) = delete;
    TorConn& operator=(const TorConn&) = delete;

    // TCP connection only (no authentication).
    Status connectTo(quint16 port, int timeoutMs = 10000);
    // connectTo + authenticate with the cookie file (the client picks SAFECOOKIE).
    Status open(quint16 port, const QString& cookiePath, int timeoutMs = 15000);

    [[nodiscard]] control::ControlClient& client() { return *m_client; }
    [[nodiscard]] control::ControlChannel& channel() { return *m_channel; }
    [[nodiscard]] bool isOpen() const { return m_channel && m_channel->isOpen(); }
    [[nodiscard]] const QString& name() const { return m_name; }

    // Events recorded since open/clearEvents (all keywords).
    [[nodiscard]] const QList<RecordedEvent>& events() const { return m_events; }
    [[nodiscard]] QList<control::Reply> eventsWithKeyword(QByteArrayView keyword) const;
    void clearEvents() { m_events.clear(); }

    // Synchronous wrappers (bounded).
    Result<control::AuthMethod> authenticate(control::AuthCredentials credentials, int timeoutMs = 15000);
    Result<control::Reply> command(const QByteArray& line, int timeoutMs = 30000);
    Result<QByteArray> getInfo(const QString& key, int timeoutMs = 30000);
    Status setEvents(const QStringList& events, int timeoutMs = 15000);
    Status signal(const QString& name, int timeoutMs = 15000);
    Status hsFetch(const QString& address, const QStringList& servers = {}, int timeoutMs = 30000);
    Status hsPost(const QString& address, const QByteArray& descriptor, const QStringList& servers,
                  int timeoutMs = 60000);
    Result<control::AddOnionResult> addOnion(control::AddOnionRequest request, int timeoutMs = 30000);
    Status delOnion(const QString& serviceId, int timeoutMs = 15000);
    Result<control::ConsensusSnapshot> consensus(int timeoutMs = 150000);

private:
    QString m_name;
    std::unique_ptr<QTcpSocket> m_socket;
    std::unique_ptr<control::ControlChannel> m_channel;
    std::unique_ptr<control::ControlClient> m_client;
    QList<RecordedEvent> m_events;
};

// Runs the event loop in small steps until pred() is true or timeoutMs passes.
bool waitUntil(const std::function<bool()>& pred, int timeoutMs);

// "a.b.c" → readable one-line error text for QVERIFY2 messages.
QString describe(const Error& e);

}  // namespace rb::labint
