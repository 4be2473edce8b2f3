#include "descriptor/LayerCrypto.h"

#include "crypto/Crypto.h"
#include "descriptor/DescriptorLimits.h"

#include <openssl/evp.h>
#include <sodium.h>

#include <cstring>

namespace rb::descriptor {

namespace {

constexpr QByteArrayView kConstMiddle("hsdir-superencrypted-data");
constexpr QByteArrayView kConstInner("hsdir-encrypted-data");

struct LayerKeys {
    std::uint8_t bytes[80];
    const std::uint8_t* key() const { return bytes; }
    const std::uint8_t* iv() const { return bytes + 32; }
    const std::uint8_t* macKey() const { return bytes + 48; }
    ~LayerKeys() { sodium_memzero(bytes, sizeof bytes); }
};

void deriveKeys(LayerKeys& keys, DescriptorLayer layer, QByteArrayView blindedKey, QByteArrayView cookie,
                QByteArrayView subcredential, quint64 revision, QByteArrayView salt)
{
    char rev[8];
    for (int i = 7; i >= 0; --i) {
        rev[i] = static_cast<char>(revision & 0xffU);
        revision >>= 8;
    }
    crypto::shake256({blindedKey, cookie, subcredential, QByteArrayView(rev, 8), salt,
                      layer == DescriptorLayer::Middle ? kConstMiddle : kConstInner},
                     keys.bytes, sizeof keys.bytes);
}

crypto::Digest32 computeMac(const LayerKeys& keys, QByteArrayView salt, QByteArrayView ciphertext)
{
    crypto::Sha3_256 h;
    h.addU64(32);
    h.add(keys.macKey(), 32);
    h.addU64(static_cast<std::uint64_t>(salt.size()));
    h.add(salt);
    h.add(ciphertext);
    return h.finish();
}

bool aesCtrInPlace(const LayerKeys& keys, std::uint8_t* data, qsizetype len)
{
    crypto::ensureInitialized();
    EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
    if (ctx == nullptr) {
        return false;
    }
    static EVP_CIPHER* cipher = EVP_CIPHER_fetch(nullptr, "AES-256-CTR", nullptr);
    bool ok = cipher != nullptr && EVP_EncryptInit_ex2(ctx, cipher, keys.key(), keys.iv(), nullptr) == 1;
    // EVP takes int lengths; descriptors are far below INT_MAX but loop anyway.
    qsizetype off = 0;
    while (ok && off < len) {
        const int chunk = static_cast<int>(qMin<qsizetype>(len - off, 1 << 30));
        int outl = 0;
        ok = EVP_EncryptUpdate(ctx, data + off, &outl, data + off, chunk) == 1;
        off += chunk;
    }
    EVP_CIPHER_CTX_free(ctx);
    return ok;
}

}  // namespace

qsizetype LayerCrypto::paddedSize(qsizetype plaintextSize)
{
    return ((plaintextSize + kMiddleLayerPadMultiple - 1) / kMiddleLayerPadMultiple) * kMiddleLayerPadMultiple;
}

QByteArray LayerCrypto::encrypt(DescriptorLayer layer, QByteArrayView plaintext, QByteArrayView blindedKey,
                                QByteArrayView subcredential, quint64 revisionCounter,
                                QByteArrayView descriptorCookie, QByteArrayView salt)
{
    const qsizetype ctLen = layer == DescriptorLayer::Middle ? paddedSize(plaintext.size()) : plaintext.size();
    QByteArray blob(kSaltSize + ctLen + kMacSize, '\0');
    auto* b = reinterpret_cast<std::uint8_t*>(blob.data());
    if (salt.size() == kSaltSize) {
        std::memcpy(b, salt.data(), kSaltSize);
    } else {
        crypto::randomFill(b, kSaltSize);
    }
    const QByteArrayView saltView(blob.constData(), kSaltSize);
    if (!plaintext.isEmpty()) {
        std::memcpy(b + kSaltSize, plaintext.data(), static_cast<std::size_t>(plaintext.size()));
    }
    LayerKeys keys;
    deriveKeys(keys, layer, blindedKey, descriptorCookie, subcredential, revisionCounter, saltView);
    if (!aesCtrInPlace(keys, b + kSaltSize, ctLen)) {
        return {};
    }
    const auto mac = computeMac(keys, saltView, QByteArrayView(blob.constData() + kSaltSize, ctLen));
    std::memcpy(b + kSaltSize + ctLen, mac.data(), kMacSize);
    return blob;
}

Result<QByteArray> LayerCrypto::decrypt(DescriptorLayer layer, QByteArrayView blob, QByteArrayView blindedKey,
                                        QByteArrayView subcredential, quint64 revisionCounter,
                                        QByteArrayView descriptorCookie)
{
    const char* name = layer == DescriptorLayer::Middle ? "middle (superencrypted)" : "inner (encrypted)";
    if (blob.size() <= kSaltSize + kMacSize) {
        return makeError(ErrorCode::ParseError,
                         QStringLiteral("The %1 descriptor layer is too short to hold salt and MAC").arg(QLatin1String(name)));
    }
    const QByteArrayView salt = blob.first(kSaltSize);
    const QByteArrayView ct = blob.sliced(kSaltSize, blob.size() - kSaltSize - kMacSize);
    const QByteArrayView mac = blob.last(kMacSize);
    LayerKeys keys;
    deriveKeys(keys, layer, blindedKey, descriptorCookie, subcredential, revisionCounter, salt);
    const auto ours = computeMac(keys, salt, ct);
    if (!crypto::constantTimeEquals(QByteArrayView(reinterpret_cast<const char*>(ours.data()), kMacSize), mac)) {
        return makeError(ErrorCode::BadSignature,
                         QStringLiteral("The %1 descriptor layer MAC does not match: wrong onion address or key, "
                                        "wrong revision counter, or a corrupted descriptor")
                             .arg(QLatin1String(name)));
    }
    QByteArray plain = ct.toByteArray();
    if (!aesCtrInPlace(keys, reinterpret_cast<std::uint8_t*>(plain.data()), plain.size())) {
        return makeError(ErrorCode::CryptoFailure, QStringLiteral("AES-256-CTR failed"));
    }
    return plain;
}

qsizetype LayerCrypto::unpaddedLength(QByteArrayView plaintext)
{
    const void* nul = std::memchr(plaintext.data(), '\0', static_cast<std::size_t>(plaintext.size()));
    return nul == nullptr ? plaintext.size() : static_cast<const char*>(nul) - plaintext.data();
}

}  // namespace rb::descriptor
