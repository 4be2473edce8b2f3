// Fuzz target: arbitrary bytes, split into chunks whose sizes come from the
// input itself, fed to rb::control::ReplyParser (with small limits so the
// limit paths are reached), and every complete reply handed to the event
// parsers and field helpers. Invariants checked: no crash, a failed parser
// stays failed, replies are never empty and keep one status code.
#include "control/CircuitEvent.h"
#include "control/HsDescContentEvent.h"
#include "control/HsDescEvent.h"
#include "control/LogEvent.h"
#include "control/ReplyParser.h"
#include "control/StatusEvent.h"
#include "control/Syntax.h"

#include <cstdint>
#include <cstdlib>

namespace {

void check(bool ok)
{
    if (!ok) {
        std::abort();
    }
}

void exercise(const rb::control::Reply& r)
{
    using namespace rb::control;
    check(!r.lines.isEmpty());
    check(r.lines.last().kind == ReplyLine::Kind::End);
    for (const ReplyLine& l : r.lines) {
        check(l.status == r.status());
        check(l.kind == ReplyLine::Kind::Data || l.data.isEmpty());
        (void)parseFields(l.text, 256);
        (void)splitKeyValue(l.text);
        if (!l.text.isEmpty() && l.text[0] == '"') {
            (void)unquote(l.text);
        }
        (void)parseLongName(l.text);
    }
    if (r.isAsync()) {
        (void)HsDescEvent::parse(r);
        (void)HsDescContentEvent::parse(r);
        (void)CircuitEvent::parse(r);
        (void)StatusEvent::parse(r);
        (void)LogEvent::parse(r);
    } else if (r.lines.first().kind == ReplyLine::Kind::Data) {
        (void)CircuitEvent::parseCircuitStatus(r.lines.first().data);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size < 1) {
        return 0;
    }
    rb::control::ReplyParserLimits limits;
    limits.maxLineLength = 512;
    limits.maxReplySize = 4096;
    limits.maxDataBlockSize = 2048;
    limits.maxLinesPerReply = 64;
    rb::control::ReplyParser parser(limits);

    // First byte seeds the chunking; the rest is the stream.
    std::uint32_t state = data[0] * 2654435761U + 1U;
    const char* bytes = reinterpret_cast<const char*>(data + 1);
    const std::size_t n = size - 1;
    std::size_t pos = 0;
    bool failed = false;
    while (pos < n) {
        state = state * 1103515245U + 12345U;
        std::size_t chunk = 1 + (state >> 16) % 97;
        if (chunk > n - pos) {
            chunk = n - pos;
        }
        const rb::Status st = parser.feed(QByteArrayView(bytes + pos, static_cast<qsizetype>(chunk)));
        pos += chunk;
        if (failed) {
            check(!st.ok());  // sticky
        }
        failed = failed || !st.ok();
        check(parser.hasFailed() == failed);
        while (auto r = parser.takeNext()) {
            exercise(*r);
        }
    }
    // The same stream in one piece yields the same verdict.
    rb::control::ReplyParser whole(limits);
    const rb::Status st = whole.feed(QByteArrayView(bytes, static_cast<qsizetype>(n)));
    check(st.ok() == !failed);
    return 0;
}
