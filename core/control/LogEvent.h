#pragma once
// Log events (control-spec §4.1.5): "650 WARN <message>" or, for multi-line
// messages, "650+WARN" CRLF <data> "." CRLF "650 OK".

#include "control/Reply.h"
#include "util/Result.h"

#include <QByteArray>

namespace rb::control {

struct LogEvent {
    enum class Severity { Debug, Info, Notice, Warn, Err };

    Severity severity = Severity::Notice;
    QByteArray message;  // without trailing newline

    static bool isLogKeyword(QByteArrayView keyword);
    static Result<LogEvent> parse(const Reply& event);
};

}  // namespace rb::control
