#pragma once
// Ed25519 on *expanded* secret keys (a ‖ prefix, 64 bytes) as tor stores them,
// plus tor's key blinding (rend-spec-v3 "KEYBLIND", PROTOCOL-NOTES §5).
// libsodium supplies the group arithmetic; nothing here needs the seed, so a
// key imported only in expanded form works everywhere.

#include "crypto/SecretBuffer.h"
#include "util/Result.h"

#include <QByteArray>
#include <QByteArrayView>

#include <cstdint>

namespace rb::crypto {

// Public keys, signatures: plain bytes (not secret).
using PublicKey = QByteArray;  // 32 bytes

namespace ed25519 {

constexpr qsizetype kPublicKeySize = 32;
constexpr qsizetype kSignatureSize = 64;
constexpr std::size_t kSeedSize = 32;
constexpr std::size_t kExpandedSize = 64;

// seed(32) -> expanded (clamped a ‖ prefix), as tor/ed25519-donna does.
SecretBuffer expandSeed(const SecretBuffer& seed);
// a·B for the scalar half of an expanded key.
Result<PublicKey> publicFromExpanded(const SecretBuffer& expanded);
// Standard Ed25519 signature made from an expanded key (and its public key).
QByteArray sign(const SecretBuffer& expanded, QByteArrayView publicKey, QByteArrayView message);
// Same, with the message given in two parts (prefix ‖ body) to avoid copies.
QByteArray sign2(const SecretBuffer& expanded, QByteArrayView publicKey, QByteArrayView msgPrefix,
                 QByteArrayView msgBody);
bool verify(QByteArrayView publicKey, QByteArrayView message, QByteArrayView signature);
bool verify2(QByteArrayView publicKey, QByteArrayView msgPrefix, QByteArrayView msgBody, QByteArrayView signature);
// A fresh random key pair: returns expanded key, fills publicKey.
SecretBuffer generate(PublicKey* publicKey, SecretBuffer* seedOut = nullptr);
// Is this 32-byte string a valid point (on curve, not small order)?
bool isValidPublicKey(QByteArrayView publicKey);

// Blinding factor h (clamped) for identity key A, time period, period length (minutes).
QByteArray blindingFactor(QByteArrayView identityPublicKey, std::uint64_t periodNumber, std::uint64_t periodLengthMinutes);
Result<PublicKey> blindPublicKey(QByteArrayView identityPublicKey, std::uint64_t periodNumber,
                                 std::uint64_t periodLengthMinutes);
// Blinded expanded secret key (a' ‖ prefix'), usable with sign().
Result<SecretBuffer> blindExpandedKey(const SecretBuffer& expanded, QByteArrayView identityPublicKey,
                                      std::uint64_t periodNumber, std::uint64_t periodLengthMinutes);

// curve25519 public key (Montgomery u) -> ed25519 public key with the given
// sign bit (tor uses sign bit 0 for intro enc-key certs).
Result<PublicKey> ed25519FromCurve25519(QByteArrayView curvePublicKey, int signBit);

}  // namespace ed25519

// N_hs_subcred = SHA3-256("subcredential" | SHA3-256("credential" | A) | blinded A)
QByteArray subcredential(QByteArrayView identityPublicKey, QByteArrayView blindedPublicKey);

}  // namespace rb::crypto
