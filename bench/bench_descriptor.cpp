// Descriptor build and decode, each against a "primitive floor": the same
// libsodium/OpenSSL calls on the same byte counts and nothing else.
//
// BM_BuildMerged20: DescriptorBuilder::build with 20 harvested intro points
//   (check the identity key, blind, make a signing key, 1 + 40 certificates,
//   encode, encrypt both layers, sign, size check).
// BM_BuildMerged20_PrimitiveFloor: blind (scalar mul + SHA-512 + base mult),
//   ed25519 keygen, x25519 keygen, 42 Ed25519 signatures (0x08 + 40 intro
//   certs, 76-byte bodies, + the descriptor), subcredential (2 SHA3), 2 SHAKE-256 KDFs,
//   AES-256-CTR and the SHA3 MAC over both layers, the random bytes.
// BM_DecodeVerify20: DescriptorDecoder::decode with expiry checks.
// BM_DecodeVerify20_PrimitiveFloor: 42 Ed25519 verifications (0x08 cert,
//   descriptor signature, 40 intro certs), subcredential, 2 KDFs, 2 MACs,
//   2 AES-256-CTR decryptions.
#include "crypto/Crypto.h"
#include "crypto/Ed25519.h"
#include "descriptor/DescriptorBuilder.h"
#include "descriptor/DescriptorDecoder.h"
#include "descriptor/DescriptorTestUtil.h"

#include <benchmark/benchmark.h>

#include <openssl/evp.h>
#include <sodium.h>

#include <cstdio>
#include <cstdlib>

using namespace rb;
using namespace rb::descriptor;

namespace {

struct Fixture {
    crypto::SecretBuffer identitySk;
    crypto::PublicKey identityPk;
    DescriptorBuildParams params;
    QByteArray text;
    qsizetype innerCiphertext = 0;   // inner layer plaintext size
    qsizetype middleCiphertext = 0;  // padded middle layer size
    qint64 now = 0;
    // For the decode floor: every signed message and its signature / key.
    struct Check {
        QByteArray message;
        QByteArray signature;
        QByteArray key;
    };
    QList<Check> checks;
    QByteArray blinded;
    QByteArray superBlob;
    QByteArray innerBlob;
};

const Fixture& fixture()
{
    static const Fixture f = [] {
        Fixture x;
        x.identitySk = testutil::testIdentityExpanded(&x.identityPk);
        x.now = 1770001234;
        x.params.timePeriod = 20489;
        x.params.now = x.now;
        x.params.revisionCounter = 123456;
        x.params.introPoints = testutil::makeIntroPoints(20, x.now);
        auto built = DescriptorBuilder::build(x.identitySk, x.identityPk, x.params);
        if (!built.ok()) {
            std::fprintf(stderr, "build failed: %s\n", qPrintable(built.error().toString()));
            std::abort();
        }
        x.text = built->text;
        DecodeOptions opt;
        opt.now = x.now;
        auto d = DescriptorDecoder::decode(x.identityPk, x.text, opt);
        if (!d.ok()) {
            std::fprintf(stderr, "decode failed: %s\n", qPrintable(d.error().toString()));
            std::abort();
        }
        x.middleCiphertext = d->middlePaddedSize;
        x.innerCiphertext = d->inner.encode().size();
        x.blinded = d->blindedKey;
        x.superBlob = d->outer.superencryptedBlob;
        x.innerBlob = d->middle.encryptedBlob;
        const auto& sc = d->outer.signingKeyCert;
        x.checks.append({sc.signedPart().toByteArray(), sc.signature().toByteArray(), d->blindedKey});
        x.checks.append({OuterLayer::kSignaturePrefix.toByteArray() + x.text.left(d->outer.signedLength),
                         d->outer.signature, d->descriptorSigningKey});
        for (const auto& ip : d->inner.introPoints) {
            x.checks.append({ip.authKeyCert.signedPart().toByteArray(), ip.authKeyCert.signature().toByteArray(),
                             d->descriptorSigningKey});
            x.checks.append({ip.encKeyCert.signedPart().toByteArray(), ip.encKeyCert.signature().toByteArray(),
                             d->descriptorSigningKey});
        }
        std::fprintf(stderr,
                     "descriptor %lld bytes, middle layer %lld bytes padded, inner layer %lld bytes, %lld checks\n",
                     static_cast<long long>(x.text.size()), static_cast<long long>(x.middleCiphertext),
                     static_cast<long long>(x.innerCiphertext), static_cast<long long>(x.checks.size()));
        return x;
    }();
    return f;
}

const unsigned char* u8(const QByteArray& b) { return reinterpret_cast<const unsigned char*>(b.constData()); }

void aesCtr(EVP_CIPHER* cipher, const unsigned char* key, const unsigned char* iv, unsigned char* buf, int len)
{
    EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
    EVP_EncryptInit_ex2(ctx, cipher, key, iv, nullptr);
    int outl = 0;
    EVP_EncryptUpdate(ctx, buf, &outl, buf, len);
    EVP_CIPHER_CTX_free(ctx);
}

void kdfMacCipher(EVP_CIPHER* cipher, const QByteArray& blinded, const QByteArray& subcred, const unsigned char* salt,
                  unsigned char* data, qsizetype len, const char* constant)
{
    unsigned char keys[80];
    crypto::shake256({blinded, subcred, crypto::u64be(7), QByteArrayView(reinterpret_cast<const char*>(salt), 16),
                      QByteArrayView(constant)},
                     keys, sizeof keys);
    crypto::Sha3_256 mac;
    mac.addU64(32).add(keys + 48, 32).addU64(16).add(salt, 16).add(data, static_cast<std::size_t>(len));
    benchmark::DoNotOptimize(mac.finish());
    aesCtr(cipher, keys, keys + 32, data, static_cast<int>(len));
}

void BM_BuildMerged20(benchmark::State& state)
{
    const Fixture& f = fixture();
    for (auto _ : state) {
        auto built = DescriptorBuilder::build(f.identitySk, f.identityPk, f.params);
        benchmark::DoNotOptimize(built.ok());
    }
}
BENCHMARK(BM_BuildMerged20)->Unit(benchmark::kMicrosecond);

void BM_BuildMerged20_PrimitiveFloor(benchmark::State& state)
{
    const Fixture& f = fixture();
    crypto::ensureInitialized();
    EVP_CIPHER* cipher = EVP_CIPHER_fetch(nullptr, "AES-256-CTR", nullptr);
    const QByteArray certBody(76, 'c');
    QByteArray descMessage = OuterLayer::kSignaturePrefix.toByteArray() + QByteArray(f.text.size() - 100, 'd');
    QByteArray inner(f.innerCiphertext, 'i');
    QByteArray middle(f.middleCiphertext, 'm');
    for (auto _ : state) {
        // Blinding: a' = h·a, prefix' = SHA-512(...), A' = a'·B.
        auto blindedSk = crypto::ed25519::blindExpandedKey(f.identitySk, f.identityPk, 20489, 1440);
        auto blindedPk = crypto::ed25519::publicFromExpanded(*blindedSk);
        // Descriptor signing key and the ephemeral x25519 key.
        unsigned char pk[32];
        unsigned char sk[64];
        crypto_sign_keypair(pk, sk);
        unsigned char xsk[32];
        unsigned char xpk[32];
        randombytes_buf(xsk, sizeof xsk);
        crypto_scalarmult_curve25519_base(xpk, xsk);
        // Salts and 16 fake auth-client lines.
        unsigned char rnd[2 * 16 + 16 * 40];
        randombytes_buf(rnd, sizeof rnd);
        // 42 signatures: 0x08 + 40 intro certs, then the descriptor.
        unsigned char sig[64];
        for (int i = 0; i < 41; ++i) {
            crypto_sign_detached(sig, nullptr, u8(certBody), 76, sk);
        }
        crypto_sign_detached(sig, nullptr, u8(descMessage), static_cast<unsigned long long>(descMessage.size()), sk);
        benchmark::DoNotOptimize(sig);
        // Subcredential and both layers.
        const QByteArray subcred = crypto::subcredential(f.identityPk, *blindedPk);
        kdfMacCipher(cipher, *blindedPk, subcred, rnd, reinterpret_cast<unsigned char*>(inner.data()), inner.size(),
                     "hsdir-encrypted-data");
        kdfMacCipher(cipher, *blindedPk, subcred, rnd + 16, reinterpret_cast<unsigned char*>(middle.data()),
                     middle.size(), "hsdir-superencrypted-data");
        benchmark::DoNotOptimize(xpk);
    }
    EVP_CIPHER_free(cipher);
}
BENCHMARK(BM_BuildMerged20_PrimitiveFloor)->Unit(benchmark::kMicrosecond);

void BM_DecodeVerify20(benchmark::State& state)
{
    const Fixture& f = fixture();
    DecodeOptions opt;
    opt.now = f.now;
    for (auto _ : state) {
        auto d = DescriptorDecoder::decode(f.identityPk, f.text, opt);
        benchmark::DoNotOptimize(d.ok());
    }
}
BENCHMARK(BM_DecodeVerify20)->Unit(benchmark::kMicrosecond);

void BM_DecodeVerify20_PrimitiveFloor(benchmark::State& state)
{
    const Fixture& f = fixture();
    crypto::ensureInitialized();
    EVP_CIPHER* cipher = EVP_CIPHER_fetch(nullptr, "AES-256-CTR", nullptr);
    QByteArray inner(f.innerBlob.size() - 48, 'i');
    QByteArray middle(f.superBlob.size() - 48, 'm');
    for (auto _ : state) {
        int ok = 0;
        for (const auto& c : f.checks) {
            ok += crypto_sign_verify_detached(u8(c.signature), u8(c.message),
                                              static_cast<unsigned long long>(c.message.size()), u8(c.key)) == 0;
        }
        benchmark::DoNotOptimize(ok);
        const QByteArray subcred = crypto::subcredential(f.identityPk, f.blinded);
        kdfMacCipher(cipher, f.blinded, subcred, u8(f.superBlob), reinterpret_cast<unsigned char*>(middle.data()),
                     middle.size(), "hsdir-superencrypted-data");
        kdfMacCipher(cipher, f.blinded, subcred, u8(f.innerBlob), reinterpret_cast<unsigned char*>(inner.data()),
                     inner.size(), "hsdir-encrypted-data");
    }
    EVP_CIPHER_free(cipher);
}
BENCHMARK(BM_DecodeVerify20_PrimitiveFloor)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
