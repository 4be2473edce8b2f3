#pragma once
// The outer (plaintext) document of a v3 onion-service descriptor
// (rend-spec-v3 §2.4, tor's desc_encode_v3 / desc_decode_plaintext_v3):
//   hs-descriptor 3
//   descriptor-lifetime <minutes>
//   descriptor-signing-key-cert
//   <ED25519 CERT 0x08: descriptor signing key, signed by the blinded key>
//   revision-counter <n>
//   superencrypted
//   <MESSAGE: middle layer blob>
//   signature <b64 unpadded Ed25519 signature>
// The signature is made by the descriptor signing key over
// "Tor onion service descriptor sig v3" ‖ every byte through the '\n' before
// "signature ".

#include "descriptor/DescriptorLimits.h"
#include "descriptor/Ed25519Cert.h"
#include "util/Result.h"

#include <QByteArray>
#include <QList>

namespace rb::descriptor {

class OuterLayer {
public:
    static constexpr QByteArrayView kSignaturePrefix{"Tor onion service descriptor sig v3"};

    quint32 version = 3;
    quint32 lifetimeMinutes = kDefaultLifetimeMinutes;
    Ed25519Cert signingKeyCert;        // 0x08
    quint64 revisionCounter = 0;
    QByteArray superencryptedBlob;     // salt | ciphertext | MAC of the middle layer
    QByteArray signature;              // 64 bytes
    QList<QByteArray> extraItems;      // unknown items, verbatim (covered by the signature)
    // Set by parse(): length of the prefix of the text the signature covers.
    qsizetype signedLength = 0;

    // Blinded public key (from the 0x08 certificate's signing-key extension).
    [[nodiscard]] QByteArrayView blindedKey() const { return signingKeyCert.signingKey(); }
    // Descriptor signing public key (the key the 0x08 certificate certifies).
    [[nodiscard]] QByteArrayView descriptorSigningKey() const { return signingKeyCert.certifiedKey(); }

    // Parses the document structure; size >= maxSize is rejected (tor's
    // HSV3MaxDescriptorSize rule). Certificates are decoded, not verified.
    static Result<OuterLayer> parse(QByteArrayView text, qsizetype maxSize = kDefaultMaxDescriptorSize);
    // Everything up to and including the '\n' before "signature ".
    [[nodiscard]] QByteArray encodeUnsigned() const;
    void encodeUnsignedTo(QByteArray& out) const;
    // Appends "signature <b64>\n".
    static void appendSignatureLine(QByteArray& out, QByteArrayView signature);
    // Full document with the stored signature.
    [[nodiscard]] QByteArray encode() const;
    // Checks the signature over text[0, signedLength) with the certified key.
    [[nodiscard]] Status verifySignature(QByteArrayView text) const;
};

}  // namespace rb::descriptor
