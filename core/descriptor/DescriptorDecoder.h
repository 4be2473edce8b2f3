#pragma once
// Decodes and fully verifies a v3 descriptor for a known identity key:
// outer document, descriptor signing-key certificate (0x08, signed by the
// blinded key), outer signature, both encryption layers (MAC first), and every
// intro point certificate (0x09 / 0x0B, signed by the descriptor signing key).
// inspect() keeps going after a failure and lists every problem (for the
// inspector); decode() turns the first error into its result.
//
// A descriptor does not say which time period it belongs to: the blinded key
// comes from the 0x08 certificate and is returned; pass expectedTimePeriod to
// have it checked against the identity key.

#include "descriptor/DescriptorLimits.h"
#include "descriptor/InnerLayer.h"
#include "descriptor/MiddleLayer.h"
#include "descriptor/OuterLayer.h"
#include "onion/OnionAddress.h"
#include "util/Result.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <cstdint>
#include <optional>

namespace rb::descriptor {

struct DecodeOptions {
    qsizetype maxDescriptorSize = kDefaultMaxDescriptorSize;  // consensus HSV3MaxDescriptorSize
    int maxIntroPoints = kMaxIntroPoints;
    // Unix seconds for certificate expiry checks; < 0 skips them (expiry
    // times are still reported).
    qint64 now = -1;
    // When set, the blinded key must be the identity key blinded for this
    // period (costs one scalar multiplication).
    std::optional<std::uint64_t> expectedTimePeriod;
    std::uint64_t expectedPeriodLengthMinutes = 1440;
    // Clients reject flow-control sendme increments more than 1 away from
    // their consensus cc_sendme_inc; < 0 skips the check.
    int expectedSendmeIncrement = 31;
    // Also check that each 0x0B certificate certifies the ed25519 form of its
    // enc-key (tor does not check this; costs a field inversion per intro point).
    bool checkEncKeyCrossCert = false;
    // Descriptor cookie for client authorization (16 bytes), if any.
    QByteArray descriptorCookie;
};

struct DescriptorProblem {
    enum class Severity { Error, Warning };
    Severity severity = Severity::Error;
    QString where;  // "descriptor", "signing-key certificate", "middle layer", "intro point 3", ...
    Error error;
};

struct IntroPointReport {
    bool authCertValid = false;
    bool encCertValid = false;
    std::optional<bool> encCertMatchesEncKey;  // set when checkEncKeyCrossCert
    qint64 authCertExpiresAt = 0;
    qint64 encCertExpiresAt = 0;
};

struct DecodedDescriptor {
    OuterLayer outer;
    MiddleLayer middle;
    InnerLayer inner;
    QByteArray identityKey;           // 32 bytes, as given
    QByteArray blindedKey;            // from the 0x08 certificate
    QByteArray descriptorSigningKey;  // certified by the 0x08 certificate
    QByteArray subcredential;
    bool signingCertValid = false;
    bool signatureValid = false;
    bool middleDecrypted = false;
    bool innerDecrypted = false;
    std::optional<bool> blindedKeyMatchesPeriod;
    qint64 signingCertExpiresAt = 0;
    qsizetype size = 0;
    qsizetype middlePlaintextSize = 0;  // before padding
    qsizetype middlePaddedSize = 0;     // decrypted size including NUL padding
    bool middlePaddedLikeTor = false;   // padded size is a multiple of 10,000
    QList<IntroPointReport> introReports;  // parallel to inner.introPoints
    QList<DescriptorProblem> problems;

    [[nodiscard]] bool isValid() const;
    [[nodiscard]] const DescriptorProblem* firstError() const;
    // Earliest certificate expiry (Unix seconds): when the descriptor stops working.
    [[nodiscard]] qint64 earliestExpiry() const;
};

class DescriptorDecoder {
public:
    // Errors only when the outer document cannot be parsed at all (or the
    // identity key is malformed); every later failure is a problem entry.
    static Result<DecodedDescriptor> inspect(QByteArrayView identityPublicKey, QByteArrayView text,
                                             const DecodeOptions& options = {});
    // Strict: the first Error-severity problem becomes the error.
    static Result<DecodedDescriptor> decode(QByteArrayView identityPublicKey, QByteArrayView text,
                                            const DecodeOptions& options = {});
    // Same, with the identity taken from an onion address.
    static Result<DecodedDescriptor> inspect(const onion::OnionAddress& address, QByteArrayView text,
                                             const DecodeOptions& options = {})
    {
        return inspect(address.publicKey(), text, options);
    }
    static Result<DecodedDescriptor> decode(const onion::OnionAddress& address, QByteArrayView text,
                                            const DecodeOptions& options = {})
    {
        return decode(address.publicKey(), text, options);
    }
};

}  // namespace rb::descriptor
