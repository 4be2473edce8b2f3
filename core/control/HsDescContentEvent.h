#pragma once
// 650+HS_DESC_CONTENT <HSAddress> <DescId> <HsDir> CRLF <descriptor> "." 650 OK
// (control-spec §4.1.26). On a failed fetch the body is empty.

#include "control/Reply.h"
#include "control/Syntax.h"
#include "util/Result.h"

#include <QByteArray>

#include <optional>

namespace rb::control {

struct HsDescContentEvent {
    QByteArray address;             // 56 chars or "UNKNOWN"
    QByteArray descriptorId;        // v3: blinded key, base64
    std::optional<LongName> hsDir;  // empty when UNKNOWN
    QByteArray body;                // descriptor text ('\n' line ends), empty on failure (tor sends one empty line)

    static Result<HsDescContentEvent> parse(const Reply& event);
};

}  // namespace rb::control
