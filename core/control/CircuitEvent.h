#pragma once
// 650 CIRC / 650 CIRC_MINOR (control-spec §4.1.1, §4.1.19) and the lines of
// GETINFO circuit-status, which share the format:
//   <CircuitID> <Status|Event> [<Path>] [BUILD_FLAGS=…] [PURPOSE=…]
//   [HS_STATE=…] [REND_QUERY=…] [TIME_CREATED=…] [REASON=…]
//   [REMOTE_REASON=…] [OLD_PURPOSE=…] [OLD_HS_STATE=…]

#include "control/Reply.h"
#include "control/Syntax.h"
#include "util/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>

namespace rb::control {

struct CircuitEvent {
    bool minor = false;  // CIRC_MINOR
    QByteArray id;
    QByteArray status;     // LAUNCHED/BUILT/EXTENDED/FAILED/CLOSED/GUARD_WAIT, or for
                           // CIRC_MINOR: PURPOSE_CHANGED/CANNIBALIZED
    QList<LongName> path;  // last hop last (for an intro circuit: the intro point)
    QList<QByteArray> buildFlags;
    QByteArray purpose;     // HS_SERVICE_INTRO, HS_SERVICE_REND, HS_SERVICE_HSDIR, …
    QByteArray hsState;     // HSSI_CONNECTING, HSSI_ESTABLISHED, …
    QByteArray rendQuery;   // onion address (no ".onion"), absent on LAUNCHED
    QDateTime timeCreated;  // UTC, invalid if absent
    QByteArray reason;
    QByteArray remoteReason;
    QByteArray oldPurpose;
    QByteArray oldHsState;

    [[nodiscard]] bool isServiceIntro() const { return purpose == "HS_SERVICE_INTRO"; }
    [[nodiscard]] bool isIntroEstablished() const { return hsState == "HSSI_ESTABLISHED"; }

    static Result<CircuitEvent> parse(const Reply& event);  // CIRC or CIRC_MINOR
    // One circuit description (the event text after the keyword, or one line
    // of GETINFO circuit-status).
    static Result<CircuitEvent> parseDescription(QByteArrayView text, bool minor = false);
    // The whole GETINFO circuit-status value (one circuit per line).
    static Result<QList<CircuitEvent>> parseCircuitStatus(QByteArrayView value);
};

}  // namespace rb::control
