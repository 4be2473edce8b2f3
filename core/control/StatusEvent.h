#pragma once
// 650 STATUS_GENERAL / STATUS_CLIENT / STATUS_SERVER <Severity> <Action> [k=v …]
// (control-spec §4.1.10), e.g.
// "STATUS_CLIENT NOTICE BOOTSTRAP PROGRESS=100 TAG=done SUMMARY="Done"".

#include "control/Reply.h"
#include "control/Syntax.h"
#include "util/Result.h"

#include <QByteArray>

namespace rb::control {

struct StatusEvent {
    enum class Type { General, Client, Server };

    Type type = Type::General;
    QByteArray severity;  // NOTICE / WARN / ERR
    QByteArray action;    // BOOTSTRAP, CIRCUIT_ESTABLISHED, CLOCK_SKEW, …
    Fields arguments;     // keyword arguments (values unquoted)

    static Result<StatusEvent> parse(const Reply& event);
};

}  // namespace rb::control
