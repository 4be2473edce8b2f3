#include "crypto/Ed25519.h"

#include "crypto/Crypto.h"

#include <openssl/bn.h>
#include <sodium.h>

#include <cstring>

namespace rb::crypto::ed25519 {

namespace {

const unsigned char* u8(QByteArrayView v) { return reinterpret_cast<const unsigned char*>(v.data()); }

// rend-spec-v3 A.2: the base point as the decimal "(x, y)" string.
constexpr char kBasepointString[] =
    "(15112221349535400772501151409588531511454012693041857206046113283949847762202, "
    "46316835694926478169428394003475163141307993866256225615783033603165251855960)";

void sha512Parts(unsigned char out[64], QByteArrayView a, QByteArrayView b, QByteArrayView c)
{
    crypto_hash_sha512_state st;
    crypto_hash_sha512_init(&st);
    crypto_hash_sha512_update(&st, u8(a), static_cast<unsigned long long>(a.size()));
    crypto_hash_sha512_update(&st, u8(b), static_cast<unsigned long long>(b.size()));
    crypto_hash_sha512_update(&st, u8(c), static_cast<unsigned long long>(c.size()));
    crypto_hash_sha512_final(&st, out);
}

void sha512Parts4(unsigned char out[64], QByteArrayView a, QByteArrayView b, QByteArrayView c, QByteArrayView d)
{
    crypto_hash_sha512_state st;
    crypto_hash_sha512_init(&st);
    crypto_hash_sha512_update(&st, u8(a), static_cast<unsigned long long>(a.size()));
    crypto_hash_sha512_update(&st, u8(b), static_cast<unsigned long long>(b.size()));
    crypto_hash_sha512_update(&st, u8(c), static_cast<unsigned long long>(c.size()));
    crypto_hash_sha512_update(&st, u8(d), static_cast<unsigned long long>(d.size()));
    crypto_hash_sha512_final(&st, out);
}

}  // namespace

SecretBuffer expandSeed(const SecretBuffer& seed)
{
    ensureInitialized();
    SecretBuffer out(kExpandedSize);
    crypto_hash_sha512(out.data(), seed.data(), seed.size());
    out.data()[0] &= 248;
    out.data()[31] &= 127;
    out.data()[31] |= 64;
    return out;
}

Result<PublicKey> publicFromExpanded(const SecretBuffer& expanded)
{
    ensureInitialized();
    if (expanded.size() != kExpandedSize) {
        return makeError(ErrorCode::BadKey, QStringLiteral("Expanded Ed25519 key must be 64 bytes"));
    }
    // The scalar half may exceed the group order; reduce a copy first.
    SecretBuffer wide(64);
    std::memcpy(wide.data(), expanded.data(), 32);
    SecretBuffer reduced(32);
    crypto_core_ed25519_scalar_reduce(reduced.data(), wide.data());
    PublicKey pk(32, Qt::Uninitialized);
    if (crypto_scalarmult_ed25519_base_noclamp(reinterpret_cast<unsigned char*>(pk.data()), reduced.data()) != 0) {
        return makeError(ErrorCode::BadKey, QStringLiteral("The secret key is invalid (zero scalar)"));
    }
    return pk;
}

QByteArray sign(const SecretBuffer& expanded, QByteArrayView publicKey, QByteArrayView message)
{
    return sign2(expanded, publicKey, {}, message);
}

QByteArray sign2(const SecretBuffer& expanded, QByteArrayView publicKey, QByteArrayView msgPrefix,
                 QByteArrayView msgBody)
{
    ensureInitialized();
    unsigned char nonceHash[64];
    unsigned char r[32];
    unsigned char kHash[64];
    unsigned char k[32];
    unsigned char ka[32];
    QByteArray sig(64, Qt::Uninitialized);
    auto* R = reinterpret_cast<unsigned char*>(sig.data());
    auto* S = R + 32;
    const QByteArrayView prefix(reinterpret_cast<const char*>(expanded.data()) + 32, 32);
    sha512Parts(nonceHash, prefix, msgPrefix, msgBody);
    crypto_core_ed25519_scalar_reduce(r, nonceHash);
    crypto_scalarmult_ed25519_base_noclamp(R, r);
    sha512Parts4(kHash, QByteArrayView(reinterpret_cast<const char*>(R), 32), publicKey, msgPrefix, msgBody);
    crypto_core_ed25519_scalar_reduce(k, kHash);
    crypto_core_ed25519_scalar_mul(ka, k, expanded.data());
    crypto_core_ed25519_scalar_add(S, r, ka);
    sodium_memzero(nonceHash, sizeof nonceHash);
    sodium_memzero(r, sizeof r);
    sodium_memzero(ka, sizeof ka);
    return sig;
}

bool verify(QByteArrayView publicKey, QByteArrayView message, QByteArrayView signature)
{
    ensureInitialized();
    if (publicKey.size() != 32 || signature.size() != 64) {
        return false;
    }
    return crypto_sign_verify_detached(u8(signature), u8(message), static_cast<unsigned long long>(message.size()),
                                       u8(publicKey)) == 0;
}

bool verify2(QByteArrayView publicKey, QByteArrayView msgPrefix, QByteArrayView msgBody, QByteArrayView signature)
{
    ensureInitialized();
    if (publicKey.size() != 32 || signature.size() != 64) {
        return false;
    }
    // libsodium's incremental API is Ed25519ph (prehashed), not what tor
    // uses, so concatenate instead.
    QByteArray msg;
    msg.reserve(msgPrefix.size() + msgBody.size());
    msg.append(msgPrefix);
    msg.append(msgBody);
    return verify(publicKey, msg, signature);
}

SecretBuffer generate(PublicKey* publicKey, SecretBuffer* seedOut)
{
    ensureInitialized();
    SecretBuffer seed(kSeedSize);
    randombytes_buf(seed.data(), seed.size());
    SecretBuffer expanded = expandSeed(seed);
    if (publicKey != nullptr) {
        *publicKey = publicFromExpanded(expanded).value();
    }
    if (seedOut != nullptr) {
        *seedOut = std::move(seed);
    }
    return expanded;
}

bool isValidPublicKey(QByteArrayView publicKey)
{
    ensureInitialized();
    return publicKey.size() == 32 && crypto_core_ed25519_is_valid_point(u8(publicKey)) == 1;
}

QByteArray blindingFactor(QByteArrayView identityPublicKey, std::uint64_t periodNumber, std::uint64_t periodLengthMinutes)
{
    static const QByteArray kStr("Derive temporary signing key");
    Sha3_256 h;
    h.add(QByteArrayView(kStr.constData(), kStr.size() + 1));  // includes the NUL
    h.add(identityPublicKey);
    h.add(QByteArrayView(kBasepointString, static_cast<qsizetype>(sizeof(kBasepointString) - 1)));
    h.add(QByteArrayView("key-blind"));
    h.addU64(periodNumber);
    h.addU64(periodLengthMinutes);
    auto d = h.finish();
    d[0] &= 248;
    d[31] &= 63;
    d[31] |= 64;
    return {reinterpret_cast<const char*>(d.data()), 32};
}

Result<PublicKey> blindPublicKey(QByteArrayView identityPublicKey, std::uint64_t periodNumber,
                                 std::uint64_t periodLengthMinutes)
{
    ensureInitialized();
    if (!isValidPublicKey(identityPublicKey)) {
        return makeError(ErrorCode::BadKey, QStringLiteral("Not a valid Ed25519 public key"));
    }
    const QByteArray hClamped = blindingFactor(identityPublicKey, periodNumber, periodLengthMinutes);
    // tor reduces h mod l before multiplying; A is in the prime-order group so
    // reducing does not change h·A.
    unsigned char wide[64] = {};
    std::memcpy(wide, hClamped.constData(), 32);
    unsigned char h[32];
    crypto_core_ed25519_scalar_reduce(h, wide);
    PublicKey out(32, Qt::Uninitialized);
    if (crypto_scalarmult_ed25519_noclamp(reinterpret_cast<unsigned char*>(out.data()), h, u8(identityPublicKey)) != 0) {
        return makeError(ErrorCode::CryptoFailure, QStringLiteral("Key blinding failed"));
    }
    return out;
}

Result<SecretBuffer> blindExpandedKey(const SecretBuffer& expanded, QByteArrayView identityPublicKey,
                                      std::uint64_t periodNumber, std::uint64_t periodLengthMinutes)
{
    ensureInitialized();
    if (expanded.size() != kExpandedSize) {
        return makeError(ErrorCode::BadKey, QStringLiteral("Expanded Ed25519 key must be 64 bytes"));
    }
    const QByteArray h = blindingFactor(identityPublicKey, periodNumber, periodLengthMinutes);
    SecretBuffer out(kExpandedSize);
    crypto_core_ed25519_scalar_mul(out.data(), expanded.data(), u8(h));
    static const QByteArray kPrefixStr("Derive temporary signing key hash input");
    unsigned char digest[64];
    crypto_hash_sha512_state st;
    crypto_hash_sha512_init(&st);
    crypto_hash_sha512_update(&st, u8(kPrefixStr), static_cast<unsigned long long>(kPrefixStr.size()));
    crypto_hash_sha512_update(&st, expanded.data() + 32, 32);
    crypto_hash_sha512_final(&st, digest);
    std::memcpy(out.data() + 32, digest, 32);
    sodium_memzero(digest, sizeof digest);
    return out;
}

Result<PublicKey> ed25519FromCurve25519(QByteArrayView curvePublicKey, int signBit)
{
    // Birational map Montgomery -> Edwards: y = (u - 1) / (u + 1) mod p,
    // then the sign bit goes into the top bit (tor: sign bit 0 for enc keys).
    if (curvePublicKey.size() != 32) {
        return makeError(ErrorCode::BadKey, QStringLiteral("curve25519 key must be 32 bytes"));
    }
    unsigned char ule[32];
    std::memcpy(ule, curvePublicKey.data(), 32);
    ule[31] &= 127;
    BN_CTX* ctx = BN_CTX_new();
    BIGNUM* p = BN_new();
    BIGNUM* u = BN_lebin2bn(ule, 32, nullptr);
    BIGNUM* num = BN_new();
    BIGNUM* den = BN_new();
    BIGNUM* y = BN_new();
    BN_set_bit(p, 255);
    BN_sub_word(p, 19);
    BN_mod(u, u, p, ctx);
    BN_copy(num, u);
    BN_copy(den, u);
    BN_add_word(den, 1);
    BN_mod(den, den, p, ctx);
    BN_sub_word(num, 1);  // u may be 0 -> -1
    BN_nnmod(num, num, p, ctx);
    Result<PublicKey> result = makeError(ErrorCode::BadKey, QStringLiteral("curve25519 key has no Edwards form"));
    if (!BN_is_zero(den) && BN_mod_inverse(den, den, p, ctx) != nullptr) {
        BN_mod_mul(y, num, den, p, ctx);
        PublicKey out(32, '\0');
        BN_bn2lebinpad(y, reinterpret_cast<unsigned char*>(out.data()), 32);
        out[31] = static_cast<char>(static_cast<unsigned char>(out[31]) | static_cast<unsigned>((signBit & 1) << 7));
        result = out;
    }
    BN_free(y);
    BN_free(den);
    BN_free(num);
    BN_free(u);
    BN_free(p);
    BN_CTX_free(ctx);
    return result;
}

}  // namespace rb::crypto::ed25519

namespace rb::crypto {

QByteArray subcredential(QByteArrayView identityPublicKey, QByteArrayView blindedPublicKey)
{
    const QByteArray credential = sha3_256({QByteArrayView("credential"), identityPublicKey});
    return sha3_256({QByteArrayView("subcredential"), credential, blindedPublicKey});
}

}  // namespace rb::crypto
