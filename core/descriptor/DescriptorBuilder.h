#pragma once
// Builds a complete, signed v3 descriptor for the master identity from intro
// points harvested from other descriptors (PROTOCOL-NOTES §1, §5):
//   blind the identity key for the time period, make a fresh descriptor
//   signing key, certify it (0x08, signed by the blinded key), re-certify each
//   intro point's auth key (0x09) and enc key (0x0B) under the new signing key,
//   write the inner layer (flow-control, no pow-params by default), encrypt it,
//   write the middle layer (16 fake auth-client lines, NUL padding to a
//   multiple of 10,000), encrypt it, write and sign the outer document and
//   check its size.
// The only secret input is the identity's expanded key; it is used for the
// blinding and never copied outside SecretBuffers.

#include "crypto/SecretBuffer.h"
#include "descriptor/DescriptorLimits.h"
#include "descriptor/IntroPoint.h"
#include "util/Result.h"

#include <QByteArray>
#include <QList>
#include <QStringList>

#include <cstdint>
#include <functional>

namespace rb::descriptor {

struct DescriptorBuildParams {
    std::uint64_t timePeriod = 0;             // time period number the descriptor is for
    std::uint64_t periodLengthMinutes = 1440;  // time period length
    std::uint64_t revisionCounter = 0;        // used when revisionCounterFn is empty
    // tor's OPE counter needs the blinded expanded key, which only exists
    // inside build(): when set, build() calls it with that key and uses the
    // result (e.g. onion::RevisionCounter::compute(key, secondsSinceSrvStart)).
    std::function<std::uint64_t(const crypto::SecretBuffer& blindedExpandedKey)> revisionCounterFn;
    std::uint32_t lifetimeMinutes = kDefaultLifetimeMinutes;  // descriptor-lifetime (tor: 180)
    qint64 now = 0;                           // Unix seconds, base of certificate expiry; 0 = current time
    QList<IntroPoint> introPoints;            // at most maxIntroPoints
    int maxIntroPoints = kMaxIntroPoints;
    bool singleOnionService = false;
    bool emitFlowControl = true;              // "flow-control 1-2 <sendme_inc>"
    QByteArray flowControlVersions = "1-2";   // tor 0.4.9: protover_get_supported(PRT_FLOWCTRL)
    // Consensus cc_sendme_inc (default 31). Clients reject the descriptor if
    // it differs by more than 1 from their consensus value.
    std::uint8_t sendmeIncrement = 31;
    // pow-params lines ("pow-params v1 <seed> <effort> <expiry>") are only
    // written when includePowParams is true; see kPowParamsNote.
    bool includePowParams = false;
    QList<QByteArray> powParams;
    qsizetype maxDescriptorSize = kDefaultMaxDescriptorSize;  // consensus HSV3MaxDescriptorSize
};

struct BuiltDescriptor {
    QByteArray text;                       // the descriptor, ready for HSPOST
    QByteArray blindedPublicKey;           // 32 bytes (HSDir ring position, HS_DESC events)
    QByteArray descriptorSigningPublicKey; // 32 bytes
    QByteArray subcredential;              // 32 bytes
    std::uint64_t revisionCounter = 0;
    std::uint64_t timePeriod = 0;
    std::uint64_t periodLengthMinutes = 0;
    int introPointCount = 0;
    qint64 signingCertExpiresAt = 0;       // Unix seconds
    qint64 introCertsExpireAt = 0;         // Unix seconds
    QStringList notes;                     // operator-facing notes about choices made
};

class DescriptorBuilder {
public:
    // Why merged descriptors carry no pow-params (shown to the operator).
    static const QString& powParamsNote();

    static Result<BuiltDescriptor> build(const crypto::SecretBuffer& identityExpandedKey,
                                         QByteArrayView identityPublicKey, const DescriptorBuildParams& params);
};

}  // namespace rb::descriptor
