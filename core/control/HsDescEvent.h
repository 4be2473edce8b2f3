#pragma once
// 650 HS_DESC (control-spec §4.1.25, tor's control_events.c):
//   HS_DESC <Action> <HSAddress> <AuthType> <HsDir> [<DescriptorID>]
//           [REASON=…] [REPLICA=…] [HSDIR_INDEX=…]
// e.g. "HS_DESC UPLOADED <addr> UNKNOWN $FP~nick" (no descriptor id),
//      "HS_DESC CREATED <addr> UNKNOWN UNKNOWN <blinded-key-b64>".

#include "control/Reply.h"
#include "control/Syntax.h"
#include "util/Result.h"

#include <QByteArray>

#include <optional>

namespace rb::control {

struct HsDescEvent {
    enum class Action { Requested, Upload, Received, Uploaded, Ignore, Failed, Created, Other };

    Action action = Action::Other;
    QByteArray actionText;          // as sent (keeps unknown future actions)
    QByteArray address;             // 56 chars without ".onion", or "UNKNOWN"
    QByteArray authType;            // NO_AUTH / UNKNOWN / …
    std::optional<LongName> hsDir;  // empty when tor says UNKNOWN
    QByteArray descriptorId;        // v3: blinded public key, base64 (43 chars); may be empty
    QByteArray reason;              // REASON= (FAILED): UPLOAD_REJECTED, NOT_FOUND, …
    std::optional<int> replica;     // REPLICA=
    QByteArray hsDirIndex;          // HSDIR_INDEX= (64 hex), may be empty

    [[nodiscard]] bool addressKnown() const { return address != "UNKNOWN"; }

    static Result<HsDescEvent> parse(const Reply& event);
    // The event's text after "HS_DESC ".
    static Result<HsDescEvent> parseArguments(QByteArrayView text);
};

}  // namespace rb::control
