#pragma once
// A tor control connection over any QIODevice (QTcpSocket, QLocalSocket, an
// SSH-forwarded socket). Commands are pipelined in FIFO order; each has its
// own timeout and a completion that fires exactly once: with the reply, a
// typed error for an error reply, or Timeout / Disconnected / ProtocolError /
// Cancelled. A timeout or framing error fails every pending command and
// closes the channel: the stream cannot be resynchronised.
// Asynchronous events (650) go to subscribers by keyword. Nothing blocks.

#include "control/Reply.h"
#include "control/ReplyParser.h"
#include "util/Result.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QIODevice>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>
#include <deque>
#include <functional>
#include <map>

namespace rb::control {

class ControlChannel : public QObject {
    Q_OBJECT
public:
    using Completion = std::function<void(Result<Reply>)>;
    using EventHandler = std::function<void(const Reply&)>;
    enum class LogDirection { Sent, Received, Event, State };
    // Receives one redacted line per command, reply and event (never a secret).
    using LogHook = std::function<void(LogDirection, const QString&)>;

    static constexpr std::chrono::milliseconds DefaultTimeout{30000};

    // The channel does not own the device; it must already be open (or
    // connecting: writes are buffered by sockets). On failure the channel
    // closes the device.
    explicit ControlChannel(QIODevice* device, QObject* parent = nullptr, ReplyParserLimits limits = {});
    ~ControlChannel() override;  // pending completions fire with Cancelled

    ControlChannel(const ControlChannel&) = delete;
    ControlChannel& operator=(const ControlChannel&) = delete;

    // Sends one command line (without CRLF). A line containing CR/LF/NUL is
    // refused with InvalidArgument (delivered through `done`, like all
    // errors, never synchronously from inside send()).
    // `sensitive`: the line carries a secret; its copy is wiped after writing.
    void send(QByteArray commandLine, Completion done, std::chrono::milliseconds timeout = DefaultTimeout,
              bool sensitive = false);
    // Sends "+KEYWORD args" CRLF followed by `data` as a dot-escaped CmdData
    // block (HSPOST). The log shows the data's size only.
    void sendWithData(QByteArray commandLine, QByteArrayView data, Completion done,
                      std::chrono::milliseconds timeout = DefaultTimeout);

    // Subscribes to events whose keyword (first word) equals `keyword`; an
    // empty keyword receives every event. Returns an id for unsubscribe().
    int subscribe(const QByteArray& keyword, EventHandler handler);
    void unsubscribe(int id);

    void setLogHook(LogHook hook) { m_log = std::move(hook); }

    // Fails every pending command with `reason` and closes the device.
    void close(const Error& reason);

    [[nodiscard]] bool isOpen() const { return !m_closed; }
    [[nodiscard]] qsizetype pendingCount() const { return static_cast<qsizetype>(m_pending.size()); }
    [[nodiscard]] QIODevice* device() const { return m_device; }
    // Why the channel closed (valid once !isOpen()).
    [[nodiscard]] const Error& closeReason() const { return m_closeReason; }

    // Log rendering with secrets removed (public for tests and other logs).
    static QString redactCommand(QByteArrayView commandLine, qsizetype dataSize = -1);
    static QString redactReply(const Reply& reply);
    // Maps an error reply (4xx/5xx) to a typed error for `commandKeyword`.
    static Error errorFromReply(const QByteArray& commandKeyword, const Reply& reply);

signals:
    // Emitted once, after every pending completion has fired.
    void closed();
    // Every event, after the subscribers ran.
    void eventReceived(const rb::control::Reply& event);

private:
    struct Pending {
        QByteArray keyword;
        Completion done;
        std::chrono::milliseconds timeout;
        qint64 deadlineMs;  // on m_clock
    };
    struct Deferred {
        Completion done;
        Error error;
    };

    void enqueue(QByteArray wire, QByteArray keyword, QString logLine, Completion done,
                 std::chrono::milliseconds timeout);
    void defer(Completion done, Error error);
    void flushDeferred();
    void onReadyRead();
    void onDeviceGone();
    void onTimer();
    void rearmTimer();
    void dispatch(Reply reply);
    // culprit: index of the pending command that gets `first` (-1: all do).
    void fail(const Error& first, qsizetype culprit, const Error& others);
    void log(LogDirection dir, const QString& line) const;

    QPointer<QIODevice> m_device;
    ReplyParser m_parser;
    std::deque<Pending> m_pending;
    std::deque<Deferred> m_deferred;
    std::map<int, std::pair<QByteArray, EventHandler>> m_subscribers;
    int m_nextSubscriberId = 1;
    QTimer m_timer;
    QTimer m_deferTimer;
    QElapsedTimer m_clock;
    LogHook m_log;
    bool m_closed = false;
    bool m_inRead = false;
    Error m_closeReason;
};

}  // namespace rb::control
