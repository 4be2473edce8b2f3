#include "crypto/Crypto.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>

#include <cstring>
#include <mutex>
#include <stdexcept>

namespace rb::crypto {

namespace {

struct Algorithms {
    EVP_MD* sha3 = nullptr;
    EVP_MD* shake = nullptr;
    EVP_MD* sha256 = nullptr;
    EVP_CIPHER* aesCtr = nullptr;
};

const Algorithms& algorithms()
{
    static const Algorithms algs = [] {
        Algorithms a;
        a.sha3 = EVP_MD_fetch(nullptr, "SHA3-256", nullptr);
        a.shake = EVP_MD_fetch(nullptr, "SHAKE256", nullptr);
        a.sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
        a.aesCtr = EVP_CIPHER_fetch(nullptr, "AES-256-CTR", nullptr);
        if (a.sha3 == nullptr || a.shake == nullptr || a.sha256 == nullptr || a.aesCtr == nullptr) {
            throw std::runtime_error("OpenSSL lacks SHA3/SHAKE/AES-CTR");
        }
        return a;
    }();
    return algs;
}

const unsigned char* u8(QByteArrayView v) { return reinterpret_cast<const unsigned char*>(v.data()); }

}  // namespace

void ensureInitialized()
{
    static std::once_flag once;
    std::call_once(once, [] {
        if (sodium_init() < 0) {
            throw std::runtime_error("libsodium failed to initialise");
        }
        (void)algorithms();
    });
}

Sha3_256::Sha3_256() : m_ctx(EVP_MD_CTX_new())
{
    ensureInitialized();
    EVP_DigestInit_ex2(m_ctx, algorithms().sha3, nullptr);
}

Sha3_256::~Sha3_256() { EVP_MD_CTX_free(m_ctx); }

Sha3_256& Sha3_256::add(QByteArrayView data)
{
    EVP_DigestUpdate(m_ctx, data.data(), static_cast<size_t>(data.size()));
    return *this;
}

Sha3_256& Sha3_256::add(const std::uint8_t* data, std::size_t len)
{
    EVP_DigestUpdate(m_ctx, data, len);
    return *this;
}

Sha3_256& Sha3_256::addU64(std::uint64_t v)
{
    std::uint8_t b[8];
    for (int i = 7; i >= 0; --i) {
        b[i] = static_cast<std::uint8_t>(v & 0xffU);
        v >>= 8;
    }
    return add(b, 8);
}

Digest32 Sha3_256::finish()
{
    Digest32 out{};
    unsigned int len = 0;
    EVP_DigestFinal_ex(m_ctx, out.data(), &len);
    return out;
}

QByteArray sha3_256(QByteArrayView data) { return sha3_256({data}); }

QByteArray sha3_256(std::initializer_list<QByteArrayView> parts)
{
    Sha3_256 h;
    for (auto p : parts) {
        h.add(p);
    }
    const auto d = h.finish();
    return {reinterpret_cast<const char*>(d.data()), static_cast<qsizetype>(d.size())};
}

QByteArray sha512(QByteArrayView data)
{
    ensureInitialized();
    QByteArray out(crypto_hash_sha512_BYTES, Qt::Uninitialized);
    crypto_hash_sha512(reinterpret_cast<unsigned char*>(out.data()), u8(data),
                       static_cast<unsigned long long>(data.size()));
    return out;
}

void shake256(std::initializer_list<QByteArrayView> parts, std::uint8_t* out, std::size_t outLen)
{
    ensureInitialized();
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    EVP_DigestInit_ex2(ctx, algorithms().shake, nullptr);
    for (auto p : parts) {
        EVP_DigestUpdate(ctx, p.data(), static_cast<size_t>(p.size()));
    }
    EVP_DigestFinalXOF(ctx, out, outLen);
    EVP_MD_CTX_free(ctx);
}

QByteArray aes256ctr(QByteArrayView key32, QByteArrayView iv16, QByteArrayView data)
{
    ensureInitialized();
    if (key32.size() != 32 || iv16.size() != 16) {
        throw std::invalid_argument("aes256ctr: bad key/iv size");
    }
    QByteArray out(data.size(), Qt::Uninitialized);
    EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
    EVP_EncryptInit_ex2(ctx, algorithms().aesCtr, u8(key32), u8(iv16), nullptr);
    int len = 0;
    if (!data.isEmpty()) {
        EVP_EncryptUpdate(ctx, reinterpret_cast<unsigned char*>(out.data()), &len, u8(data),
                          static_cast<int>(data.size()));
    }
    EVP_CIPHER_CTX_free(ctx);
    return out;
}

void aes256ctrKeystream(const std::uint8_t* key32, const std::uint8_t* iv16, std::uint8_t* out, std::size_t len)
{
    ensureInitialized();
    std::memset(out, 0, len);
    EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
    EVP_EncryptInit_ex2(ctx, algorithms().aesCtr, key32, iv16, nullptr);
    int outl = 0;
    EVP_EncryptUpdate(ctx, out, &outl, out, static_cast<int>(len));
    EVP_CIPHER_CTX_free(ctx);
}

QByteArray hmacSha256(QByteArrayView key, QByteArrayView msg)
{
    ensureInitialized();
    QByteArray out(32, Qt::Uninitialized);
    unsigned int len = 32;
    HMAC(algorithms().sha256, key.data(), static_cast<int>(key.size()), u8(msg), static_cast<size_t>(msg.size()),
         reinterpret_cast<unsigned char*>(out.data()), &len);
    return out;
}

QByteArray randomBytes(qsizetype n)
{
    QByteArray out(n, Qt::Uninitialized);
    randomFill(reinterpret_cast<std::uint8_t*>(out.data()), static_cast<std::size_t>(n));
    return out;
}

void randomFill(std::uint8_t* out, std::size_t len)
{
    ensureInitialized();
    randombytes_buf(out, len);
}

bool constantTimeEquals(QByteArrayView a, QByteArrayView b)
{
    ensureInitialized();
    if (a.size() != b.size()) {
        return false;
    }
    if (a.isEmpty()) {
        return true;
    }
    return sodium_memcmp(a.data(), b.data(), static_cast<size_t>(a.size())) == 0;
}

void memzero(QByteArray& data)
{
    if (!data.isEmpty()) {
        sodium_memzero(data.data(), static_cast<size_t>(data.size()));
    }
}

QByteArray u64be(std::uint64_t v)
{
    QByteArray b(8, '\0');
    for (int i = 7; i >= 0; --i) {
        b[i] = static_cast<char>(v & 0xffU);
        v >>= 8;
    }
    return b;
}

}  // namespace rb::crypto
