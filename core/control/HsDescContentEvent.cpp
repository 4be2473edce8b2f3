#include "control/HsDescContentEvent.h"

namespace rb::control {

Result<HsDescContentEvent> HsDescContentEvent::parse(const Reply& event)
{
    if (event.keyword() != "HS_DESC_CONTENT" || event.lines.isEmpty()) {
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("Not an HS_DESC_CONTENT event"),
                         printable(event.keyword()));
    }
    RB_TRY(Fields f, parseFields(event.eventArguments(), 16));
    if (f.positional.size() < 3) {
        return makeError(ErrorCode::ParseError,
                         QStringLiteral("tor sent a malformed HS_DESC_CONTENT event: expected address, "
                                        "descriptor id and HSDir"),
                         printable(event.eventArguments()));
    }
    HsDescContentEvent e;
    e.address = f.positional[0];
    e.descriptorId = f.positional[1];
    if (f.positional[2] != "UNKNOWN") {
        RB_TRY(LongName ln, parseLongName(f.positional[2]));
        e.hsDir = std::move(ln);
    }
    const ReplyLine& first = event.lines.constFirst();
    // tor's write_escaped_data() turns an empty descriptor into one empty
    // line, so a failed fetch arrives as "\n".
    if (first.kind == ReplyLine::Kind::Data && first.data != "\n") {
        e.body = first.data;
    }
    return e;
}

}  // namespace rb::control
