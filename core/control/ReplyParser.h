#pragma once
// Pure, incremental parser for tor control-port replies (control-spec §2.3).
// Feed it bytes as they arrive, in any chunking; it yields complete replies
// and asynchronous events (6xx) in the order they were completed. Events may
// arrive between the lines of a multi-line reply and are split out.
// Every size is bounded; the first violation is sticky, because a control
// stream cannot be resynchronised after a framing error.

#include "control/Reply.h"
#include "util/Result.h"

#include <QByteArray>
#include <QByteArrayView>

#include <deque>
#include <optional>

namespace rb::control {

// Defaults fit the largest answers we ask for on the real network
// (GETINFO md/all ~10 MB, consensus-microdesc ~3 MB; hsdir::Consensus
// accepts 32 MiB documents).
struct ReplyParserLimits {
    qsizetype maxLineLength = 64 * 1024;            // one line, CRLF excluded (data lines too)
    qsizetype maxReplySize = 32 * 1024 * 1024;      // all lines + data of one reply
    qsizetype maxDataBlockSize = 32 * 1024 * 1024;  // one "+" data block after unescaping
    qsizetype maxLinesPerReply = 100000;            // status lines (data lines excluded)
};

class ReplyParser {
public:
    using Limits = ReplyParserLimits;

    explicit ReplyParser(Limits limits = {});

    // Consumes bytes. Returns the error (ProtocolError or TooLarge) on the
    // first violation; the parser then stays failed and returns that error
    // again. Replies completed before the violation remain available.
    Status feed(QByteArrayView bytes);

    [[nodiscard]] bool hasNext() const { return !m_out.empty(); }
    // Next complete reply or event, in completion order.
    std::optional<Reply> takeNext();

    [[nodiscard]] bool hasFailed() const { return m_error.has_value(); }
    // True when no partial line or reply is buffered (a clean point to close).
    [[nodiscard]] bool isIdle() const;
    [[nodiscard]] const Limits& limits() const { return m_limits; }

private:
    struct Builder {
        Reply reply;
        qsizetype size = 0;
        void clear()
        {
            reply.lines.clear();
            size = 0;
        }
    };

    Status processLine(QByteArrayView line);
    Status processDataLine(QByteArrayView line);
    Status fail(Error error);

    Limits m_limits;
    QByteArray m_buffer;       // unconsumed bytes (at most one partial line after feed)
    qsizetype m_scanFrom = 0;  // no '\n' before this offset in m_buffer
    Builder m_sync;            // 2xx/4xx/5xx reply being assembled
    Builder m_async;           // 6xx event being assembled
    enum class DataTarget { None, Sync, Async };
    DataTarget m_dataTarget = DataTarget::None;  // builder whose data block is open
    std::deque<Reply> m_out;
    std::optional<Error> m_error;
};

}  // namespace rb::control
