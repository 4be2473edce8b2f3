#pragma once
// Fetches tor's MetricsPort page (HTTP GET /metrics) over a plain TCP
// connection — normally 127.0.0.1 or the local end of an SSH tunnel — and
// parses it. One request per fetch(); the callback fires exactly once
// (result, HTTP error, refused/closed connection, timeout, size limit).
// Never blocks; no proxy is ever used.

#include "control/MetricsParser.h"
#include "util/Result.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <chrono>
#include <functional>

class QTcpSocket;
class QTimer;

namespace rb::control {

class MetricsFetcher : public QObject {
    Q_OBJECT
public:
    using Callback = std::function<void(Result<Metrics>)>;

    explicit MetricsFetcher(QObject* parent = nullptr);
    ~MetricsFetcher() override;  // a pending callback fires with Cancelled

    void setTimeout(std::chrono::milliseconds t) { m_timeout = t; }
    void setLimits(const MetricsParserLimits& limits) { m_limits = limits; }

    // A new fetch cancels (and completes with Cancelled) a running one.
    void fetch(const QString& host, quint16 port, Callback done);
    [[nodiscard]] bool isRunning() const { return static_cast<bool>(m_done); }

    // Splits a raw HTTP/1.x response into its body (pure; for tests).
    static Result<QByteArray> httpBody(QByteArrayView response, qsizetype maxBody);

private:
    void finish(Result<Metrics> r);
    void onReadyRead();
    void onClosed();

    std::chrono::milliseconds m_timeout{15000};
    MetricsParserLimits m_limits;
    QPointer<QTcpSocket> m_socket;
    QTimer* m_timer = nullptr;
    QByteArray m_buffer;
    Callback m_done;
};

}  // namespace rb::control
