#include "control/ControlChannel.h"

#include "control/Syntax.h"
#include "crypto/Crypto.h"

#include <QAbstractSocket>
#include <QIODevice>
#include <QLocalSocket>

#include <algorithm>
#include <vector>

namespace rb::control {

namespace {

constexpr qint64 ReadChunk = 64 * 1024;
constexpr qsizetype MaxLogLine = 400;

// Keys whose values are secrets wherever they appear (commands, replies,
// events). Compared case-insensitively.
bool isSecretKey(QByteArrayView key)
{
    static const char* const keys[] = {
        "PrivateKey",
        "ClientAuth",
        "ClientAuthV3",
        "SERVERHASH",
        "SERVERNONCE",
        "SOCKS_PASSWORD",
        "SOCKS_USERNAME",
        "HashedControlPassword",
        "HidServAuth",
        "HTTPProxyAuthenticator",
        "HTTPSProxyAuthenticator",
        "Socks5ProxyPassword",
        "Socks5ProxyUsername",
    };
    for (const char* k : keys) {
        if (key.compare(QByteArrayView(k), Qt::CaseInsensitive) == 0) {
            return true;
        }
    }
    const QByteArray lower = key.toByteArray().toLower();
    return lower.contains("password") || lower.contains("secret");
}

// Quote-aware split on spaces keeping the raw token text. Returns false when
// a quote is unterminated (then the caller redacts everything).
bool rawTokens(QByteArrayView text, std::vector<QByteArrayView>& out)
{
    qsizetype i = 0;
    const qsizetype n = text.size();
    while (i < n) {
        while (i < n && text[i] == ' ') {
            ++i;
        }
        if (i >= n) {
            break;
        }
        const qsizetype start = i;
        bool inQuote = false;
        while (i < n && (inQuote || text[i] != ' ')) {
            if (text[i] == '\\' && inQuote) {
                i += 2;
                continue;
            }
            if (text[i] == '"') {
                inQuote = !inQuote;
            }
            ++i;
        }
        if (inQuote || i > n) {
            return false;
        }
        out.push_back(text.sliced(start, i - start));
    }
    return true;
}

QString redactTokens(QByteArrayView text, qsizetype firstIndex = 0)
{
    std::vector<QByteArrayView> tokens;
    if (!rawTokens(text, tokens)) {
        return QStringLiteral("[redacted: unparsable]");
    }
    QStringList parts;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const QByteArrayView t = tokens[i];
        if (static_cast<qsizetype>(i) < firstIndex) {
            parts << printable(t, 120);
            continue;
        }
        const qsizetype eq = t.indexOf('=');
        if (eq > 0 && isSecretKey(t.first(eq))) {
            parts << printable(t.first(eq), 60) + QStringLiteral("=[redacted]");
        } else {
            parts << printable(t, 120);
        }
    }
    return parts.join(QLatin1Char(' '));
}

QString capLog(QString s)
{
    if (s.size() > MaxLogLine) {
        s.truncate(MaxLogLine);
        s.append(QStringLiteral("..."));
    }
    return s;
}

QByteArray commandKeyword(QByteArrayView line)
{
    qsizetype sp = line.indexOf(' ');
    QByteArrayView k = sp < 0 ? line : line.first(sp);
    if (k.startsWith('+')) {
        k = k.sliced(1);
    }
    return k.toByteArray().toUpper();
}

}  // namespace

ControlChannel::ControlChannel(QIODevice* device, QObject* parent, ReplyParserLimits limits)
    : QObject(parent), m_device(device), m_parser(limits)
{
    m_clock.start();
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &ControlChannel::onTimer);
    m_deferTimer.setSingleShot(true);
    m_deferTimer.setInterval(0);
    connect(&m_deferTimer, &QTimer::timeout, this, &ControlChannel::flushDeferred);
    if (device == nullptr) {
        m_closed = true;
        m_closeReason = makeError(ErrorCode::Disconnected, QStringLiteral("No control connection"));
        return;
    }
    connect(device, &QIODevice::readyRead, this, &ControlChannel::onReadyRead);
    connect(device, &QIODevice::readChannelFinished, this, &ControlChannel::onDeviceGone);
    connect(device, &QIODevice::aboutToClose, this, &ControlChannel::onDeviceGone);
    connect(device, &QObject::destroyed, this, &ControlChannel::onDeviceGone);
    if (auto* tcp = qobject_cast<QAbstractSocket*>(device)) {
        connect(tcp, &QAbstractSocket::disconnected, this, &ControlChannel::onDeviceGone);
        connect(tcp, &QAbstractSocket::errorOccurred, this, &ControlChannel::onDeviceGone);
    } else if (auto* local = qobject_cast<QLocalSocket*>(device)) {
        connect(local, &QLocalSocket::disconnected, this, &ControlChannel::onDeviceGone);
        connect(local, &QLocalSocket::errorOccurred, this, &ControlChannel::onDeviceGone);
    }
    if (device->bytesAvailable() > 0) {
        QTimer::singleShot(0, this, &ControlChannel::onReadyRead);
    }
}

ControlChannel::~ControlChannel()
{
    m_timer.stop();
    m_deferTimer.stop();
    const bool unsynchronised = !m_pending.empty() || !m_parser.isIdle();
    if (QIODevice* device = m_device.data(); device != nullptr) {
        disconnect(device, nullptr, this, nullptr);
        if (unsynchronised && !m_closed) {
            device->close();  // a later reader could never match replies to commands
        }
    }
    m_closed = true;
    auto pending = std::move(m_pending);
    m_pending.clear();
    for (auto& p : pending) {
        p.done(makeError(ErrorCode::Cancelled, QStringLiteral("The control channel was closed before tor answered %1")
                                                   .arg(QString::fromLatin1(p.keyword))));
    }
    // Callbacks run above may have queued more (refused) commands.
    for (int guard = 0; guard < 1000 && !m_deferred.empty(); ++guard) {
        Deferred d = std::move(m_deferred.front());
        m_deferred.pop_front();
        d.done(std::move(d.error));
    }
}

void ControlChannel::log(LogDirection dir, const QString& line) const
{
    if (m_log) {
        m_log(dir, line);
    }
}

void ControlChannel::defer(Completion done, Error error)
{
    m_deferred.push_back(Deferred{std::move(done), std::move(error)});
    if (!m_deferTimer.isActive()) {
        m_deferTimer.start();
    }
}

void ControlChannel::flushDeferred()
{
    QPointer<ControlChannel> self(this);
    while (!m_deferred.empty()) {
        Deferred d = std::move(m_deferred.front());
        m_deferred.pop_front();
        d.done(std::move(d.error));
        if (!self) {
            return;
        }
    }
}

void ControlChannel::send(QByteArray commandLine, Completion done, std::chrono::milliseconds timeout, bool sensitive)
{
    if (!done) {
        done = [](Result<Reply>) {};
    }
    if (Status st = checkCommandLine(commandLine); !st.ok()) {
        if (sensitive) {
            crypto::memzero(commandLine);
        }
        defer(std::move(done), st.error());
        return;
    }
    QByteArray keyword = commandKeyword(commandLine);
    QString logLine = redactCommand(commandLine);
    QByteArray wire;
    wire.reserve(commandLine.size() + 2);
    wire.append(commandLine);
    wire.append("\r\n", 2);
    if (sensitive) {
        crypto::memzero(commandLine);
    }
    enqueue(std::move(wire), std::move(keyword), std::move(logLine), std::move(done), timeout);
}

void ControlChannel::sendWithData(QByteArray commandLine, QByteArrayView data, Completion done,
                                  std::chrono::milliseconds timeout)
{
    if (!done) {
        done = [](Result<Reply>) {};
    }
    if (Status st = checkCommandLine(commandLine); !st.ok()) {
        defer(std::move(done), st.error());
        return;
    }
    if (!commandLine.startsWith('+')) {
        commandLine.prepend('+');
    }
    QByteArray keyword = commandKeyword(commandLine);
    QString logLine = redactCommand(commandLine, data.size());
    QByteArray wire = commandLine + "\r\n" + escapeDataBlock(data);
    enqueue(std::move(wire), std::move(keyword), std::move(logLine), std::move(done), timeout);
}

void ControlChannel::enqueue(QByteArray wire, QByteArray keyword, QString logLine, Completion done,
                             std::chrono::milliseconds timeout)
{
    if (m_closed || !m_device || !m_device->isWritable()) {
        crypto::memzero(wire);
        const QString why =
            m_closed && !m_closeReason.message.isEmpty() ? m_closeReason.message : QStringLiteral("not connected");
        defer(std::move(done),
              makeError(ErrorCode::Disconnected, QStringLiteral("Cannot send %1: the control connection is closed (%2)")
                                                     .arg(QString::fromLatin1(keyword), why)));
        return;
    }
    const qint64 written = m_device->write(wire);
    crypto::memzero(wire);  // the device keeps its own copy; ours may hold a secret
    m_pending.push_back(Pending{std::move(keyword), std::move(done), timeout, m_clock.elapsed() + timeout.count()});
    log(LogDirection::Sent, logLine);
    if (written != wire.size()) {
        const Error e = makeError(ErrorCode::IoError,
                                  QStringLiteral("Writing to the control connection failed; the connection was "
                                                 "closed"),
                                  m_device ? m_device->errorString() : QString());
        fail(e, -1, e);
        return;
    }
    rearmTimer();
}

int ControlChannel::subscribe(const QByteArray& keyword, EventHandler handler)
{
    const int id = m_nextSubscriberId++;
    m_subscribers.emplace(id, std::make_pair(keyword, std::move(handler)));
    return id;
}

void ControlChannel::unsubscribe(int id)
{
    m_subscribers.erase(id);
}

void ControlChannel::close(const Error& reason)
{
    fail(reason, -1, reason);
}

void ControlChannel::rearmTimer()
{
    if (m_pending.empty() || m_closed) {
        m_timer.stop();
        return;
    }
    qint64 earliest = m_pending.front().deadlineMs;
    for (const auto& p : m_pending) {
        earliest = std::min(earliest, p.deadlineMs);
    }
    const qint64 wait = std::max<qint64>(0, earliest - m_clock.elapsed());
    m_timer.start(static_cast<int>(std::min<qint64>(wait, 24LL * 3600 * 1000)));
}

void ControlChannel::onTimer()
{
    if (m_closed) {
        return;
    }
    const qint64 now = m_clock.elapsed();
    for (std::size_t i = 0; i < m_pending.size(); ++i) {
        const Pending& p = m_pending[i];
        if (p.deadlineMs <= now) {
            const QString kw = QString::fromLatin1(p.keyword);
            const auto secs = static_cast<double>(p.timeout.count()) / 1000.0;
            const Error culprit =
                makeError(ErrorCode::Timeout,
                          QStringLiteral("tor did not answer %1 within %2 s; the control connection was closed")
                              .arg(kw)
                              .arg(secs));
            const Error others =
                makeError(ErrorCode::Timeout,
                          QStringLiteral("The control connection was closed because tor did not answer an earlier %1 "
                                         "within %2 s")
                              .arg(kw)
                              .arg(secs));
            fail(culprit, static_cast<qsizetype>(i), others);
            return;
        }
    }
    rearmTimer();
}

void ControlChannel::onReadyRead()
{
    if (m_closed || !m_device || m_inRead) {
        return;
    }
    QPointer<ControlChannel> self(this);
    m_inRead = true;
    while (!m_closed && m_device && m_device->bytesAvailable() > 0) {
        const QByteArray chunk = m_device->read(ReadChunk);
        if (chunk.isEmpty()) {
            break;
        }
        const Status st = m_parser.feed(chunk);
        while (!m_closed) {
            std::optional<Reply> r = m_parser.takeNext();
            if (!r) {
                break;
            }
            dispatch(std::move(*r));
            if (!self) {
                return;
            }
        }
        if (!st.ok() && !m_closed) {
            Error e = st.error();
            fail(e, -1, e);
            if (!self) {
                return;
            }
        }
    }
    m_inRead = false;
}

void ControlChannel::onDeviceGone()
{
    if (m_closed) {
        return;
    }
    QPointer<ControlChannel> self(this);
    // Replies that arrived together with the close are still delivered.
    if (m_device && m_device->isReadable() && m_device->bytesAvailable() > 0) {
        onReadyRead();
        if (!self || m_closed) {
            return;
        }
    }
    const bool midReply = !m_parser.isIdle();
    QString detail;
    if (m_device) {
        detail = m_device->errorString();
    }
    const Error e = makeError(ErrorCode::Disconnected,
                              midReply ? QStringLiteral("tor closed the control connection in the middle of a reply")
                                       : QStringLiteral("tor closed the control connection"),
                              detail);
    fail(e, -1, e);
}

void ControlChannel::dispatch(Reply reply)
{
    QPointer<ControlChannel> self(this);
    if (reply.isAsync()) {
        log(LogDirection::Event, redactReply(reply));
        const QByteArray kw = reply.keyword();
        std::vector<int> ids;
        for (const auto& [id, sub] : m_subscribers) {
            if (sub.first.isEmpty() || sub.first == kw) {
                ids.push_back(id);
            }
        }
        for (const int id : ids) {
            auto it = m_subscribers.find(id);
            if (it == m_subscribers.end()) {
                continue;  // unsubscribed by an earlier handler
            }
            EventHandler h = it->second.second;  // copy: the handler may unsubscribe itself
            h(reply);
            if (!self) {
                return;
            }
        }
        emit eventReceived(reply);
        return;
    }
    if (m_pending.empty()) {
        const Error e = makeError(ErrorCode::ProtocolError,
                                  QStringLiteral("tor sent a reply to no command; the connection was closed"),
                                  printable(reply.summary()));
        fail(e, -1, e);
        return;
    }
    Pending p = std::move(m_pending.front());
    m_pending.pop_front();
    log(LogDirection::Received, redactReply(reply));
    rearmTimer();
    if (reply.isSuccess()) {
        p.done(std::move(reply));
    } else {
        p.done(errorFromReply(p.keyword, reply));
    }
}

void ControlChannel::fail(const Error& first, qsizetype culprit, const Error& others)
{
    if (m_closed) {
        return;
    }
    m_closed = true;
    m_closeReason = culprit >= 0 ? first : others;
    m_timer.stop();
    auto pending = std::move(m_pending);
    m_pending.clear();
    log(LogDirection::State, QStringLiteral("closed: ") + first.toString());
    if (m_device) {
        disconnect(m_device, nullptr, this, nullptr);
        m_device->close();
    }
    QPointer<ControlChannel> self(this);
    for (std::size_t i = 0; i < pending.size(); ++i) {
        const bool isCulprit = culprit < 0 || static_cast<qsizetype>(i) == culprit;
        pending[i].done(isCulprit ? first : others);
        if (!self) {
            return;
        }
    }
    emit closed();
}

QString ControlChannel::redactCommand(QByteArrayView line, qsizetype dataSize)
{
    const QByteArray kw = commandKeyword(line);
    const qsizetype sp = line.indexOf(' ');
    const QByteArrayView args = sp < 0 ? QByteArrayView() : line.sliced(sp + 1);
    const QString head = printable(line.first(sp < 0 ? line.size() : sp), 40);
    QString rendered;
    if (kw == "AUTHENTICATE") {
        rendered = args.isEmpty() ? head : head + QStringLiteral(" [redacted]");
    } else if (kw == "AUTHCHALLENGE") {
        std::vector<QByteArrayView> t;
        const bool ok = rawTokens(args, t);
        rendered = head + QStringLiteral(" ") + (ok && !t.empty() ? printable(t[0], 20) : QString()) +
                   QStringLiteral(" [redacted]");
    } else if (kw == "ADD_ONION" || kw == "ONION_CLIENT_AUTH_ADD") {
        std::vector<QByteArrayView> t;
        if (!rawTokens(args, t)) {
            rendered = head + QStringLiteral(" [redacted: unparsable]");
        } else {
            // The key is the token "TYPE:BLOB" (first for ADD_ONION, second
            // for ONION_CLIENT_AUTH_ADD); only NEW:<algorithm> is public.
            QStringList parts;
            const std::size_t keyIndex = kw == "ADD_ONION" ? 0 : 1;
            for (std::size_t i = 0; i < t.size(); ++i) {
                if (i == keyIndex) {
                    const qsizetype colon = t[i].indexOf(':');
                    const QByteArrayView type = colon < 0 ? t[i] : t[i].first(colon);
                    if (type == QByteArrayView("NEW")) {
                        parts << printable(t[i], 40);
                    } else {
                        parts << printable(type, 20) + QStringLiteral(":[redacted]");
                    }
                } else {
                    parts << redactTokens(t[i]);
                }
            }
            rendered = head + QStringLiteral(" ") + parts.join(QLatin1Char(' '));
        }
    } else {
        rendered = args.isEmpty() ? head : head + QStringLiteral(" ") + redactTokens(args);
    }
    if (dataSize >= 0) {
        rendered += QStringLiteral(" [+data: %1 bytes]").arg(dataSize);
    }
    return capLog(rendered);
}

QString ControlChannel::redactReply(const Reply& reply)
{
    QStringList parts;
    const qsizetype maxLines = 12;
    for (qsizetype i = 0; i < reply.lines.size() && i < maxLines; ++i) {
        const ReplyLine& l = reply.lines[i];
        QString s = QString::number(l.status) + QChar(static_cast<char>(l.kind));
        // A line "KEY=VALUE" (GETINFO/GETCONF/ADD_ONION) or "KW k=v ..." (events).
        const qsizetype eq = l.text.indexOf('=');
        const qsizetype spc = l.text.indexOf(' ');
        if (eq > 0 && (spc < 0 || eq < spc)) {
            const QByteArrayView key = QByteArrayView(l.text).first(eq);
            s += isSecretKey(key) ? printable(key, 60) + QStringLiteral("=[redacted]") : redactTokens(l.text);
        } else {
            s += redactTokens(l.text);
        }
        if (l.kind == ReplyLine::Kind::Data) {
            s += QStringLiteral(" [data: %1 bytes]").arg(l.data.size());
        }
        parts << s;
    }
    if (reply.lines.size() > maxLines) {
        parts << QStringLiteral("... (%1 lines)").arg(reply.lines.size());
    }
    return capLog(parts.join(QStringLiteral(" | ")));
}

Error ControlChannel::errorFromReply(const QByteArray& commandKeyword, const Reply& reply)
{
    const int status = reply.status();
    const QString kw = QString::fromLatin1(commandKeyword);
    const QString text = printable(reply.endText());
    const QString detail = QStringLiteral("%1 %2").arg(status).arg(text);
    switch (status) {
    case 514:
    case 515:
        return makeError(
            ErrorCode::AuthFailed,
            QStringLiteral("tor rejected the authentication (%1): check the cookie file or password").arg(text),
            detail);
    case 552:
        return makeError(ErrorCode::NotFound, QStringLiteral("tor refused %1: %2").arg(kw, text), detail);
    case 451:
        return makeError(ErrorCode::Unavailable,
                         QStringLiteral("tor could not run %1 (resource exhausted): %2").arg(kw, text), detail);
    default:
        return makeError(ErrorCode::Rejected, QStringLiteral("tor refused %1: %2 %3").arg(kw).arg(status).arg(text),
                         detail);
    }
}

}  // namespace rb::control
