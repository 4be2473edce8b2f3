#pragma once
// Ed25519 private keys in PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----", RFC 8410),
// the format Onionbalance v3 stores its master key in. The DER is a fixed
// structure for Ed25519, so it is parsed here byte by byte straight into a
// SecretBuffer: the seed never passes through QString or a growing QByteArray.
//   v1: 30 2e 02 01 00 30 05 06 03 2b 65 70 04 22 04 20 <seed32>
//   v2: 30 51 02 01 01 30 05 06 03 2b 65 70 04 22 04 20 <seed32> 81 21 00 <pk32>

#include "crypto/SecretBuffer.h"
#include "util/Result.h"

#include <QByteArray>
#include <QByteArrayView>

namespace rb::onion {

class Pkcs8Ed25519 {
public:
    struct Decoded {
        crypto::SecretBuffer seed;  // 32 bytes
        QByteArray publicKey;       // 32 bytes if the file carried one (v2), else empty
    };

    // True if the text (after leading whitespace) starts with a PEM armour line.
    static bool looksLikePem(QByteArrayView text);
    // Parses one PEM block. Rejects encrypted keys, other algorithms and
    // malformed DER with typed errors.
    static Result<Decoded> decodePem(QByteArrayView text);
    // Parses the DER form.
    static Result<Decoded> decodeDer(QByteArrayView der);
    // "-----BEGIN PRIVATE KEY-----\n<base64 of v1 DER>\n-----END PRIVATE KEY-----\n"
    static crypto::SecretBuffer encodePem(const crypto::SecretBuffer& seed32);
};

}  // namespace rb::onion
