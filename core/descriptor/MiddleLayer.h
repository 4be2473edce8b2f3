#pragma once
// The middle ("superencrypted") layer plaintext (rend-spec-v3 §2.5.1.2,
// tor's get_outer_encrypted_layer_plaintext / desc_decode_superencrypted_v3):
//   desc-auth-type x25519
//   desc-auth-ephemeral-key <b64 curve25519>
//   auth-client <client-id 8> <iv 16> <encrypted-cookie 16>   (multiple of 16)
//   encrypted
//   -----BEGIN MESSAGE----- <inner layer blob> -----END MESSAGE-----
// Before encryption tor NUL-pads it to a multiple of 10,000 bytes.

#include "descriptor/DescriptorLimits.h"
#include "util/Result.h"

#include <QByteArray>
#include <QList>

namespace rb::descriptor {

struct AuthClient {
    QByteArray clientId;         // 8 bytes
    QByteArray iv;               // 16 bytes
    QByteArray encryptedCookie;  // 16 bytes
    friend bool operator==(const AuthClient&, const AuthClient&) = default;
};

class MiddleLayer {
public:
    QByteArray authType = "x25519";
    QByteArray ephemeralKey;          // curve25519 public key, 32 bytes
    QList<AuthClient> authClients;
    QByteArray encryptedBlob;         // salt | ciphertext | MAC of the inner layer
    QList<QByteArray> extraItems;     // unknown items, verbatim

    // Parses the decrypted plaintext with its NUL padding already removed.
    static Result<MiddleLayer> parse(QByteArrayView plaintext);
    // Tor's text (without padding; LayerCrypto pads when encrypting).
    [[nodiscard]] QByteArray encode() const;

    // 16 random auth-client lines, as tor writes when client auth is off.
    static QList<AuthClient> fakeAuthClients(int count = kAuthClientMultiple);
};

}  // namespace rb::descriptor
