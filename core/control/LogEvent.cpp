#include "control/LogEvent.h"

#include "control/Syntax.h"

namespace rb::control {

bool LogEvent::isLogKeyword(QByteArrayView k)
{
    return k == QByteArrayView("DEBUG") || k == QByteArrayView("INFO") || k == QByteArrayView("NOTICE") ||
           k == QByteArrayView("WARN") || k == QByteArrayView("ERR");
}

Result<LogEvent> LogEvent::parse(const Reply& event)
{
    const QByteArray kw = event.keyword();
    LogEvent e;
    if (kw == "DEBUG") {
        e.severity = Severity::Debug;
    } else if (kw == "INFO") {
        e.severity = Severity::Info;
    } else if (kw == "NOTICE") {
        e.severity = Severity::Notice;
    } else if (kw == "WARN") {
        e.severity = Severity::Warn;
    } else if (kw == "ERR") {
        e.severity = Severity::Err;
    } else {
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("Not a log event"), printable(kw));
    }
    const ReplyLine& first = event.lines.constFirst();
    if (first.kind == ReplyLine::Kind::Data) {
        e.message = first.data;
        while (e.message.endsWith('\n')) {
            e.message.chop(1);
        }
    } else {
        e.message = event.eventArguments();
    }
    return e;
}

}  // namespace rb::control
