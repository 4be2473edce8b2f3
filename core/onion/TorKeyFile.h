#pragma once
// tor's on-disk onion-service identity files (PROTOCOL-NOTES §6; tor:
// crypto_format.c crypto_{write,read}_tagged_contents_to_file, loadkey.c):
//   hs_ed25519_secret_key  the tag "ed25519v1-secret: type0" between "== " and " ==" NUL-padded to 32, then the 64-byte expanded key
//   hs_ed25519_public_key  "== ed25519v1-public: type0 ==" NUL-padded to 32, then the 32-byte public key
//   hostname               "<56 base32>.onion\n"
// Pure encoders/decoders over bytes; no file I/O here.

#include "crypto/SecretBuffer.h"
#include "onion/OnionAddress.h"
#include "util/Result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace rb::onion {

class TorKeyFile {
public:
    static constexpr qsizetype kHeaderSize = 32;
    static constexpr qsizetype kSecretFileSize = 96;
    static constexpr qsizetype kPublicFileSize = 64;
    static QString secretFileName() { return QStringLiteral("hs_ed25519_secret_key"); }
    static QString publicFileName() { return QStringLiteral("hs_ed25519_public_key"); }
    static QString hostnameFileName() { return QStringLiteral("hostname"); }

    // True if the bytes start like a tor tagged file ("== ").
    static bool looksTagged(QByteArrayView bytes);

    static crypto::SecretBuffer encodeSecret(const crypto::SecretBuffer& expanded64);
    static QByteArray encodePublic(QByteArrayView publicKey32);
    static QByteArray encodeHostname(const OnionAddress& address);

    // Validates header (type, tag "type0", NUL padding) and size; returns the expanded key.
    static Result<crypto::SecretBuffer> decodeSecret(QByteArrayView file);
    // Returns the 32-byte public key.
    static Result<QByteArray> decodePublic(QByteArrayView file);
};

}  // namespace rb::onion
