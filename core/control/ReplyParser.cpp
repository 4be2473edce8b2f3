#include "control/ReplyParser.h"

#include <QString>

#include <cstring>

namespace rb::control {

namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

}  // namespace

ReplyParser::ReplyParser(Limits limits) : m_limits(limits)
{
}

bool ReplyParser::isIdle() const
{
    return m_buffer.isEmpty() && m_sync.reply.lines.isEmpty() && m_async.reply.lines.isEmpty() &&
           m_dataTarget == DataTarget::None;
}

std::optional<Reply> ReplyParser::takeNext()
{
    if (m_out.empty()) {
        return std::nullopt;
    }
    Reply r = std::move(m_out.front());
    m_out.pop_front();
    return r;
}

Status ReplyParser::fail(Error error)
{
    m_error = error;
    m_buffer.clear();
    m_scanFrom = 0;
    return error;
}

Status ReplyParser::feed(QByteArrayView bytes)
{
    if (m_error) {
        return *m_error;
    }
    m_buffer.append(bytes.data(), bytes.size());
    qsizetype pos = 0;
    while (true) {
        const char* base = m_buffer.constData();
        const auto remaining = static_cast<std::size_t>(m_buffer.size() - m_scanFrom);
        const void* nl = remaining == 0 ? nullptr : std::memchr(base + m_scanFrom, '\n', remaining);
        if (nl == nullptr) {
            // Partial line: refuse to buffer more than one maximal line (+CR).
            if (m_buffer.size() - pos > m_limits.maxLineLength + 1) {
                return fail(
                    makeError(ErrorCode::TooLarge, QStringLiteral("tor sent a control line longer than %1 bytes; the "
                                                                  "connection was closed")
                                                       .arg(m_limits.maxLineLength)));
            }
            m_scanFrom = m_buffer.size();
            break;
        }
        const qsizetype end = static_cast<const char*>(nl) - base;
        qsizetype lineEnd = end;
        if (lineEnd > pos && base[lineEnd - 1] == '\r') {
            --lineEnd;
        }
        const QByteArrayView line(base + pos, lineEnd - pos);
        if (line.size() > m_limits.maxLineLength) {
            return fail(makeError(ErrorCode::TooLarge,
                                  QStringLiteral("tor sent a control line longer than %1 bytes; the connection "
                                                 "was closed")
                                      .arg(m_limits.maxLineLength)));
        }
        const Status st = m_dataTarget != DataTarget::None ? processDataLine(line) : processLine(line);
        if (!st.ok()) {
            return fail(st.error());
        }
        pos = end + 1;
        m_scanFrom = pos;
    }
    if (pos > 0) {
        m_buffer.remove(0, pos);
        m_scanFrom -= pos;
    }
    return {};
}

Status ReplyParser::processDataLine(QByteArrayView line)
{
    Builder& b = m_dataTarget == DataTarget::Sync ? m_sync : m_async;
    if (line == QByteArrayView(".")) {
        m_dataTarget = DataTarget::None;
        b.size += 3;
        return {};
    }
    if (line.startsWith('.')) {
        line = line.sliced(1);  // "..foo" carries ".foo"; tor strips any leading dot
    }
    QByteArray& data = b.reply.lines.last().data;
    if (data.size() + line.size() + 1 > m_limits.maxDataBlockSize) {
        return makeError(ErrorCode::TooLarge,
                         QStringLiteral("tor sent a data block larger than %1 bytes; the connection was closed")
                             .arg(m_limits.maxDataBlockSize));
    }
    b.size += line.size() + 2;
    if (b.size > m_limits.maxReplySize) {
        return makeError(ErrorCode::TooLarge,
                         QStringLiteral("tor sent a reply larger than %1 bytes; the connection was closed")
                             .arg(m_limits.maxReplySize));
    }
    data.append(line.data(), line.size());
    data.append('\n');
    return {};
}

Status ReplyParser::processLine(QByteArrayView line)
{
    if (line.size() < 4) {
        return makeError(ErrorCode::ProtocolError,
                         QStringLiteral("tor sent a malformed control line (too short); the connection was closed"),
                         QStringLiteral("line of %1 bytes").arg(line.size()));
    }
    if (!isDigit(line[0]) || !isDigit(line[1]) || !isDigit(line[2])) {
        return makeError(ErrorCode::ProtocolError,
                         QStringLiteral("tor sent a control line without a 3-digit status code; the connection "
                                        "was closed"));
    }
    const int status = (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
    const int cls = status / 100;
    if (cls != 2 && cls != 4 && cls != 5 && cls != 6) {
        return makeError(ErrorCode::ProtocolError,
                         QStringLiteral("tor sent an invalid status code %1 (expected 2xx, 4xx, 5xx or 6xx); the "
                                        "connection was closed")
                             .arg(status));
    }
    ReplyLine::Kind kind = ReplyLine::Kind::End;
    switch (line[3]) {
    case '-':
        kind = ReplyLine::Kind::Mid;
        break;
    case '+':
        kind = ReplyLine::Kind::Data;
        break;
    case ' ':
        kind = ReplyLine::Kind::End;
        break;
    default:
        return makeError(ErrorCode::ProtocolError,
                         QStringLiteral("tor sent a control line with an invalid separator after status %1; the "
                                        "connection was closed")
                             .arg(status));
    }
    Builder& b = cls == 6 ? m_async : m_sync;
    if (!b.reply.lines.isEmpty() && b.reply.lines.constFirst().status != status) {
        return makeError(ErrorCode::ProtocolError,
                         QStringLiteral("tor changed the status code inside one reply (%1 then %2); the connection "
                                        "was closed")
                             .arg(b.reply.lines.constFirst().status)
                             .arg(status));
    }
    if (b.reply.lines.size() >= m_limits.maxLinesPerReply) {
        return makeError(ErrorCode::TooLarge,
                         QStringLiteral("tor sent a reply with more than %1 lines; the connection was closed")
                             .arg(m_limits.maxLinesPerReply));
    }
    b.size += line.size() + 2;
    if (b.size > m_limits.maxReplySize) {
        return makeError(ErrorCode::TooLarge,
                         QStringLiteral("tor sent a reply larger than %1 bytes; the connection was closed")
                             .arg(m_limits.maxReplySize));
    }
    ReplyLine rl;
    rl.status = status;
    rl.kind = kind;
    rl.text = line.sliced(4).toByteArray();
    b.reply.lines.append(std::move(rl));
    if (kind == ReplyLine::Kind::Data) {
        m_dataTarget = cls == 6 ? DataTarget::Async : DataTarget::Sync;
    } else if (kind == ReplyLine::Kind::End) {
        m_out.push_back(std::move(b.reply));
        b.clear();
    }
    return {};
}

}  // namespace rb::control
