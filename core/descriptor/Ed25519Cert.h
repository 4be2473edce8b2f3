#pragma once
// Tor's Ed25519 certificate (cert-spec.txt §2.1, torcert.c):
//   VERSION 0x01 | CERT_TYPE | EXPIRATION_DATE u32 BE (hours since epoch) |
//   CERT_KEY_TYPE | CERTIFIED_KEY[32] | N_EXTENSIONS | EXTENSIONS | SIGNATURE[64]
//   extension: ExtLength u16 BE | ExtType | ExtFlags | ExtData[ExtLength]
// The signature covers every byte before it. Extension 0x04 carries the
// signing key (exactly 32 bytes); an unknown extension with flag 0x01
// ("affects validation") makes the certificate invalid, as in tor_cert_parse().

#include "crypto/SecretBuffer.h"
#include "util/Result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <cstdint>

namespace rb::descriptor {

namespace CertType {
constexpr std::uint8_t HsDescSigning = 0x08;  // descriptor signing key, signed by the blinded key
constexpr std::uint8_t HsIntroAuth = 0x09;    // intro point auth key, signed by the desc signing key
constexpr std::uint8_t HsIntroEncKey = 0x0B;  // intro point enc key (ed25519 form), signed by the desc signing key
}  // namespace CertType

namespace CertExtension {
constexpr std::uint8_t SignedWithKey = 0x04;
constexpr std::uint8_t FlagAffectsValidation = 0x01;
}  // namespace CertExtension

struct CertExtensionData {
    std::uint8_t type = 0;
    std::uint8_t flags = 0;
    QByteArray data;
};

class Ed25519Cert {
public:
    static constexpr std::uint8_t kVersion = 1;
    static constexpr std::uint8_t kKeyTypeEd25519 = 0x01;
    static constexpr qsizetype kMinSize = 1 + 1 + 4 + 1 + 32 + 1 + 64;  // 104

    Ed25519Cert() = default;

    // Parses raw certificate bytes (structure only; no signature check).
    static Result<Ed25519Cert> decode(QByteArrayView raw);
    // Parses "-----BEGIN ED25519 CERT-----\n<b64>-----END ED25519 CERT-----"
    // (trailing newline optional).
    static Result<Ed25519Cert> decodePem(QByteArrayView pem);
    // Creates and signs a certificate. expiryHours is the EXPIRATION_DATE
    // field; use expiryHoursFor(). The signing key's public half must be
    // given (it is also what goes into extension 0x04).
    static Result<Ed25519Cert> create(std::uint8_t type, QByteArrayView certifiedKey,
                                      const crypto::SecretBuffer& signingExpandedKey, QByteArrayView signingPublicKey,
                                      std::uint32_t expiryHours, bool includeSigningKeyExt);
    // tor_cert_create_raw(): exp = CEIL_DIV(now + lifetime, 3600).
    static std::uint32_t expiryHoursFor(qint64 nowUnixSeconds, qint64 lifetimeSeconds);

    [[nodiscard]] bool isNull() const { return m_encoded.isEmpty(); }
    [[nodiscard]] std::uint8_t type() const { return m_type; }
    [[nodiscard]] std::uint32_t expiryHours() const { return m_expiryHours; }
    // valid_until in Unix seconds (hours × 3600).
    [[nodiscard]] qint64 expiresAt() const { return static_cast<qint64>(m_expiryHours) * 3600; }
    [[nodiscard]] std::uint8_t keyType() const { return m_keyType; }
    [[nodiscard]] QByteArrayView certifiedKey() const
    {
        return isNull() ? QByteArrayView() : QByteArrayView(m_encoded).sliced(7, 32);
    }
    // Key from extension 0x04, empty view when absent.
    [[nodiscard]] QByteArrayView signingKey() const;
    [[nodiscard]] bool hasSigningKey() const { return m_signingKeyOffset > 0; }
    [[nodiscard]] const QList<CertExtensionData>& extensions() const { return m_extensions; }
    [[nodiscard]] QByteArrayView signature() const { return isNull() ? QByteArrayView() : QByteArrayView(m_encoded).last(64); }
    [[nodiscard]] QByteArrayView signedPart() const
    {
        return isNull() ? QByteArrayView() : QByteArrayView(m_encoded).chopped(64);
    }
    [[nodiscard]] const QByteArray& encoded() const { return m_encoded; }
    // PEM form exactly as tor writes it (no trailing newline).
    [[nodiscard]] QByteArray toPem() const;
    void appendPem(QByteArray& out) const;

    // Signature check against signingKey (or the embedded key if empty).
    [[nodiscard]] Status verify(QByteArrayView signingKey = {}) const;
    // tor: expired when now > valid_until.
    [[nodiscard]] bool isExpiredAt(qint64 nowUnixSeconds) const { return nowUnixSeconds > expiresAt(); }
    [[nodiscard]] Status checkExpiry(qint64 nowUnixSeconds) const;
    // What tor's cert_is_valid() + tor_cert_checksig() demand of a descriptor
    // certificate: expected type, embedded signing key present (and equal to
    // expectedSigner if given), valid signature, not expired (when now >= 0).
    [[nodiscard]] Status validate(std::uint8_t expectedType, QByteArrayView expectedSigner, qint64 nowUnixSeconds) const;

    friend bool operator==(const Ed25519Cert& a, const Ed25519Cert& b) { return a.m_encoded == b.m_encoded; }

    static QString typeName(std::uint8_t type);

private:
    QByteArray m_encoded;
    QList<CertExtensionData> m_extensions;
    std::uint32_t m_expiryHours = 0;
    qsizetype m_signingKeyOffset = 0;
    std::uint8_t m_type = 0;
    std::uint8_t m_keyType = 0;
};

}  // namespace rb::descriptor
