#pragma once
// Thin, allocation-light wrappers over the primitives the onion-service
// protocol needs: SHA3-256 / SHAKE-256 / AES-256-CTR / HMAC-SHA256 from
// OpenSSL, SHA-512 / randomness / constant-time compare from libsodium.

#include "crypto/SecretBuffer.h"

#include <QByteArray>
#include <QByteArrayView>

#include <array>
#include <cstdint>
#include <initializer_list>

struct evp_md_ctx_st;

namespace rb::crypto {

void ensureInitialized();  // sodium_init + cached OpenSSL algorithms; idempotent

using Digest32 = std::array<std::uint8_t, 32>;

// Incremental SHA3-256.
class Sha3_256 {
public:
    Sha3_256();
    ~Sha3_256();
    Sha3_256(const Sha3_256&) = delete;
    Sha3_256& operator=(const Sha3_256&) = delete;
    Sha3_256& add(QByteArrayView data);
    Sha3_256& add(const std::uint8_t* data, std::size_t len);
    Sha3_256& addU64(std::uint64_t v);  // INT_8: 8-byte big endian
    Digest32 finish();

private:
    evp_md_ctx_st* m_ctx;
};

QByteArray sha3_256(QByteArrayView data);
QByteArray sha3_256(std::initializer_list<QByteArrayView> parts);
QByteArray sha512(QByteArrayView data);
// SHAKE-256 XOF: writes outLen bytes into out.
void shake256(std::initializer_list<QByteArrayView> parts, std::uint8_t* out, std::size_t outLen);
// AES-256-CTR with a 16-byte IV (big-endian counter block), en/decryption.
QByteArray aes256ctr(QByteArrayView key32, QByteArrayView iv16, QByteArrayView data);
// Keystream only (used by tor's OPE revision counter).
void aes256ctrKeystream(const std::uint8_t* key32, const std::uint8_t* iv16, std::uint8_t* out, std::size_t len);
QByteArray hmacSha256(QByteArrayView key, QByteArrayView msg);
QByteArray randomBytes(qsizetype n);
void randomFill(std::uint8_t* out, std::size_t len);
bool constantTimeEquals(QByteArrayView a, QByteArrayView b);
void memzero(QByteArray& data);  // wipe a temporary copy in place

QByteArray u64be(std::uint64_t v);

}  // namespace rb::crypto
