#pragma once
// Encryption of the two inner descriptor layers (rend-spec-v3 §2.5.3, tor's
// encrypt_descriptor_data / decrypt_desc_layer):
//   secret_input = SECRET_DATA | subcredential | INT_8(revision_counter)
//   keys = SHAKE-256(secret_input | salt | STRING_CONSTANT)[0:80]
//   SECRET_KEY = keys[0:32], SECRET_IV = keys[32:48], MAC_KEY = keys[48:80]
//   ciphertext = AES-256-CTR(SECRET_KEY, SECRET_IV, plaintext)
//   MAC = SHA3-256(INT_8(32) | MAC_KEY | INT_8(16) | salt | ciphertext)
//   blob = salt | ciphertext | MAC
// SECRET_DATA is the blinded key (middle layer), or blinded key | descriptor
// cookie (inner layer with client authorization). The middle layer plaintext
// is NUL-padded to a multiple of 10,000 bytes first (tor's rule).

#include "util/Result.h"

#include <QByteArray>
#include <QByteArrayView>

namespace rb::descriptor {

enum class DescriptorLayer {
    Middle,  // "superencrypted", constant "hsdir-superencrypted-data", padded
    Inner,   // "encrypted", constant "hsdir-encrypted-data", not padded
};

class LayerCrypto {
public:
    // Size tor pads the middle layer plaintext to.
    static qsizetype paddedSize(qsizetype plaintextSize);

    // Encrypts plaintext into salt|ciphertext|MAC (pads the middle layer).
    // salt: 16 bytes, random when empty (tests pass a fixed one).
    static QByteArray encrypt(DescriptorLayer layer, QByteArrayView plaintext, QByteArrayView blindedKey,
                              QByteArrayView subcredential, quint64 revisionCounter,
                              QByteArrayView descriptorCookie = {}, QByteArrayView salt = {});

    // Checks the MAC (constant time) and decrypts. Returns the whole
    // plaintext including any NUL padding.
    static Result<QByteArray> decrypt(DescriptorLayer layer, QByteArrayView blob, QByteArrayView blindedKey,
                                      QByteArrayView subcredential, quint64 revisionCounter,
                                      QByteArrayView descriptorCookie = {});

    // Length of the plaintext before the first NUL (tor stops there).
    static qsizetype unpaddedLength(QByteArrayView plaintext);
};

}  // namespace rb::descriptor
