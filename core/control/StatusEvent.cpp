#include "control/StatusEvent.h"

namespace rb::control {

Result<StatusEvent> StatusEvent::parse(const Reply& event)
{
    const QByteArray kw = event.keyword();
    StatusEvent s;
    if (kw == "STATUS_GENERAL") {
        s.type = Type::General;
    } else if (kw == "STATUS_CLIENT") {
        s.type = Type::Client;
    } else if (kw == "STATUS_SERVER" || kw == "STATUS_SEVER") {
        s.type = Type::Server;
    } else {
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("Not a STATUS_* event"), printable(kw));
    }
    RB_TRY(Fields f, parseFields(event.eventArguments(), 256));
    if (f.positional.size() < 2) {
        return makeError(
            ErrorCode::ParseError,
            QStringLiteral("tor sent a malformed %1 event: expected severity and action").arg(QString::fromLatin1(kw)),
            printable(event.eventArguments()));
    }
    s.severity = f.positional.takeFirst();
    s.action = f.positional.takeFirst();
    s.arguments = std::move(f);
    return s;
}

}  // namespace rb::control
