#pragma once
// The inner ("encrypted") layer plaintext (rend-spec-v3 §2.5.2.2, tor's
// get_inner_encrypted_layer_plaintext / desc_decode_encrypted_v3):
//   create2-formats 2
//   [intro-auth-required ...]      (obsolete, kept)
//   [single-onion-service]
//   [flow-control <FlowCtrl versions> <sendme_inc>]
//   [pow-params ...]*              (kept verbatim)
//   introduction-point ... *
// Not padded.

#include "descriptor/DescriptorLimits.h"
#include "descriptor/IntroPoint.h"
#include "util/Result.h"

#include <QByteArray>
#include <QList>

#include <cstdint>
#include <optional>

namespace rb::descriptor {

struct FlowControl {
    QByteArray versions = "1-2";  // tor: protover_get_supported(PRT_FLOWCTRL)
    std::uint8_t sendmeIncrement = 31;  // tor: consensus cc_sendme_inc (default 31)
    friend bool operator==(const FlowControl&, const FlowControl&) = default;
};

class InnerLayer {
public:
    QByteArray create2Formats = "2";  // the line's arguments verbatim
    QByteArray introAuthRequired;     // arguments verbatim; empty when absent
    bool singleOnionService = false;
    std::optional<FlowControl> flowControl;
    QList<QByteArray> powParams;      // whole "pow-params ..." lines, verbatim
    QList<QByteArray> extraItems;     // unknown header items, verbatim
    QList<IntroPoint> introPoints;
    // Intro point sections tor would skip as malformed (it keeps parsing the
    // others); one error per skipped section, in order.
    QList<Error> skippedIntroPoints;

    // Parses the decrypted plaintext (NUL padding must already be stripped).
    // More than maxIntroPoints sections is an error, as for tor clients.
    static Result<InnerLayer> parse(QByteArrayView plaintext, int maxIntroPoints = kMaxIntroPoints);
    // Tor's text for this layer.
    [[nodiscard]] QByteArray encode() const;
    void encodeTo(QByteArray& out) const;
};

}  // namespace rb::descriptor
