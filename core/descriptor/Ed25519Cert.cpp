#include "descriptor/Ed25519Cert.h"

#include "crypto/Ed25519.h"
#include "descriptor/DescriptorLimits.h"
#include "descriptor/TextCodec.h"

#include <QDateTime>

#include <cstring>

namespace rb::descriptor {

namespace {

std::uint8_t byteAt(QByteArrayView v, qsizetype i) { return static_cast<std::uint8_t>(v[i]); }

Error certError(ErrorCode code, QString message, QString detail = {})
{
    return makeError(code, std::move(message), std::move(detail));
}

constexpr QByteArrayView kPemType("ED25519 CERT");

}  // namespace

QString Ed25519Cert::typeName(std::uint8_t type)
{
    switch (type) {
    case CertType::HsDescSigning: return QStringLiteral("descriptor signing key (0x08)");
    case CertType::HsIntroAuth: return QStringLiteral("intro point auth key (0x09)");
    case CertType::HsIntroEncKey: return QStringLiteral("intro point enc key (0x0B)");
    default: return QStringLiteral("type 0x%1").arg(type, 2, 16, QLatin1Char('0'));
    }
}

Result<Ed25519Cert> Ed25519Cert::decode(QByteArrayView raw)
{
    if (raw.size() < kMinSize) {
        return certError(ErrorCode::ParseError, QStringLiteral("Ed25519 certificate is truncated"),
                         QStringLiteral("%1 bytes, need at least %2").arg(raw.size()).arg(kMinSize));
    }
    if (raw.size() > kMaxCertSize) {
        return certError(ErrorCode::TooLarge, QStringLiteral("Ed25519 certificate is implausibly large"),
                         QStringLiteral("%1 bytes").arg(raw.size()));
    }
    if (byteAt(raw, 0) != kVersion) {
        return certError(ErrorCode::Unsupported, QStringLiteral("Ed25519 certificate has an unknown version"),
                         QStringLiteral("version %1").arg(byteAt(raw, 0)));
    }
    Ed25519Cert cert;
    cert.m_type = byteAt(raw, 1);
    cert.m_expiryHours = (std::uint32_t{byteAt(raw, 2)} << 24) | (std::uint32_t{byteAt(raw, 3)} << 16) |
                         (std::uint32_t{byteAt(raw, 4)} << 8) | std::uint32_t{byteAt(raw, 5)};
    cert.m_keyType = byteAt(raw, 6);
    const int nExt = byteAt(raw, 39);
    qsizetype pos = 40;
    const qsizetype extEnd = raw.size() - 64;
    cert.m_extensions.reserve(nExt);
    for (int i = 0; i < nExt; ++i) {
        if (extEnd - pos < 4) {
            return certError(ErrorCode::ParseError, QStringLiteral("Ed25519 certificate extension is truncated"),
                             QStringLiteral("extension %1 of %2").arg(i + 1).arg(nExt));
        }
        const qsizetype len = (qsizetype{byteAt(raw, pos)} << 8) | byteAt(raw, pos + 1);
        CertExtensionData ext;
        ext.type = byteAt(raw, pos + 2);
        ext.flags = byteAt(raw, pos + 3);
        pos += 4;
        if (extEnd - pos < len) {
            return certError(ErrorCode::ParseError, QStringLiteral("Ed25519 certificate extension is truncated"),
                             QStringLiteral("extension %1 claims %2 bytes").arg(i + 1).arg(len));
        }
        if (ext.type == CertExtension::SignedWithKey) {
            if (len != 32) {
                return certError(ErrorCode::ParseError,
                                 QStringLiteral("Ed25519 certificate signing-key extension is not 32 bytes"),
                                 QStringLiteral("%1 bytes").arg(len));
            }
            if (cert.m_signingKeyOffset != 0) {
                return certError(ErrorCode::ParseError,
                                 QStringLiteral("Ed25519 certificate has two signing-key extensions"));
            }
            cert.m_signingKeyOffset = pos;
        } else if ((ext.flags & CertExtension::FlagAffectsValidation) != 0) {
            return certError(ErrorCode::Unsupported,
                             QStringLiteral("Ed25519 certificate has an unknown extension that affects validation"),
                             QStringLiteral("extension type 0x%1").arg(ext.type, 2, 16, QLatin1Char('0')));
        }
        ext.data = raw.sliced(pos, len).toByteArray();
        cert.m_extensions.append(std::move(ext));
        pos += len;
    }
    if (pos != extEnd) {
        return certError(ErrorCode::ParseError, QStringLiteral("Ed25519 certificate has trailing bytes"),
                         QStringLiteral("%1 unexpected bytes before the signature").arg(extEnd - pos));
    }
    cert.m_encoded = raw.toByteArray();
    return cert;
}

Result<Ed25519Cert> Ed25519Cert::decodePem(QByteArrayView pem)
{
    static constexpr QByteArrayView kBegin("-----BEGIN ED25519 CERT-----\n");
    static constexpr QByteArrayView kEnd("-----END ED25519 CERT-----");
    QByteArrayView body = pem.trimmed();
    if (!body.startsWith(kBegin) || !body.endsWith(kEnd)) {
        return certError(ErrorCode::ParseError,
                         QStringLiteral("Not a PEM Ed25519 certificate (expected -----BEGIN ED25519 CERT-----)"));
    }
    body = body.sliced(kBegin.size(), body.size() - kBegin.size() - kEnd.size());
    if (body.size() > kMaxCertSize * 2) {
        return certError(ErrorCode::TooLarge, QStringLiteral("Ed25519 certificate is implausibly large"));
    }
    QByteArray raw;
    if (!TextCodec::base64Decode(body, raw)) {
        return certError(ErrorCode::ParseError, QStringLiteral("Ed25519 certificate is not valid base64"));
    }
    return decode(raw);
}

std::uint32_t Ed25519Cert::expiryHoursFor(qint64 nowUnixSeconds, qint64 lifetimeSeconds)
{
    const qint64 t = nowUnixSeconds + lifetimeSeconds;
    if (t <= 0) {
        return 0;
    }
    const qint64 hours = (t + 3599) / 3600;
    return hours > 0xffffffffLL ? 0xffffffffU : static_cast<std::uint32_t>(hours);
}

Result<Ed25519Cert> Ed25519Cert::create(std::uint8_t type, QByteArrayView certifiedKey,
                                        const crypto::SecretBuffer& signingExpandedKey,
                                        QByteArrayView signingPublicKey, std::uint32_t expiryHours,
                                        bool includeSigningKeyExt)
{
    if (certifiedKey.size() != 32) {
        return certError(ErrorCode::InvalidArgument, QStringLiteral("Certified key must be 32 bytes"));
    }
    if (signingPublicKey.size() != 32 || signingExpandedKey.size() != crypto::ed25519::kExpandedSize) {
        return certError(ErrorCode::BadKey, QStringLiteral("Certificate signing key must be an Ed25519 key pair"));
    }
    const qsizetype size = kMinSize + (includeSigningKeyExt ? 36 : 0);
    QByteArray enc(size, Qt::Uninitialized);
    auto* p = reinterpret_cast<std::uint8_t*>(enc.data());
    p[0] = kVersion;
    p[1] = type;
    p[2] = static_cast<std::uint8_t>(expiryHours >> 24);
    p[3] = static_cast<std::uint8_t>(expiryHours >> 16);
    p[4] = static_cast<std::uint8_t>(expiryHours >> 8);
    p[5] = static_cast<std::uint8_t>(expiryHours);
    p[6] = kKeyTypeEd25519;
    std::memcpy(p + 7, certifiedKey.data(), 32);
    p[39] = includeSigningKeyExt ? 1 : 0;
    qsizetype pos = 40;
    Ed25519Cert cert;
    if (includeSigningKeyExt) {
        p[40] = 0;
        p[41] = 32;
        p[42] = CertExtension::SignedWithKey;
        p[43] = 0;
        std::memcpy(p + 44, signingPublicKey.data(), 32);
        cert.m_signingKeyOffset = 44;
        cert.m_extensions.append(
            CertExtensionData{CertExtension::SignedWithKey, 0, signingPublicKey.toByteArray()});
        pos = 76;
    }
    const QByteArray sig =
        crypto::ed25519::sign(signingExpandedKey, signingPublicKey, QByteArrayView(enc).first(pos));
    std::memcpy(p + pos, sig.constData(), 64);
    cert.m_encoded = std::move(enc);
    cert.m_type = type;
    cert.m_expiryHours = expiryHours;
    cert.m_keyType = kKeyTypeEd25519;
    return cert;
}

QByteArrayView Ed25519Cert::signingKey() const
{
    if (m_signingKeyOffset == 0) {
        return {};
    }
    return QByteArrayView(m_encoded).sliced(m_signingKeyOffset, 32);
}

QByteArray Ed25519Cert::toPem() const
{
    QByteArray out;
    appendPem(out);
    return out;
}

void Ed25519Cert::appendPem(QByteArray& out) const { TextCodec::appendPem(out, kPemType, m_encoded); }

Status Ed25519Cert::verify(QByteArrayView signingKeyIn) const
{
    if (isNull()) {
        return certError(ErrorCode::InvalidArgument, QStringLiteral("No certificate to verify"));
    }
    const QByteArrayView key = signingKeyIn.isEmpty() ? signingKey() : signingKeyIn;
    if (key.size() != 32) {
        return certError(ErrorCode::BadSignature,
                         QStringLiteral("Cannot check the %1 certificate: no signing key is known").arg(typeName(m_type)));
    }
    if (!crypto::ed25519::verify(key, signedPart(), signature())) {
        return certError(ErrorCode::BadSignature,
                         QStringLiteral("The %1 certificate has a bad signature").arg(typeName(m_type)));
    }
    return {};
}

Status Ed25519Cert::checkExpiry(qint64 nowUnixSeconds) const
{
    if (isExpiredAt(nowUnixSeconds)) {
        return certError(ErrorCode::Expired,
                         QStringLiteral("The %1 certificate expired at %2")
                             .arg(typeName(m_type),
                                  QDateTime::fromSecsSinceEpoch(expiresAt(), Qt::UTC).toString(Qt::ISODate)));
    }
    return {};
}

Status Ed25519Cert::validate(std::uint8_t expectedType, QByteArrayView expectedSigner, qint64 nowUnixSeconds) const
{
    if (isNull()) {
        return certError(ErrorCode::ParseError, QStringLiteral("Missing %1 certificate").arg(typeName(expectedType)));
    }
    if (m_type != expectedType) {
        return certError(ErrorCode::ParseError, QStringLiteral("Certificate has the wrong type: %1 where %2 is required")
                                                    .arg(typeName(m_type), typeName(expectedType)));
    }
    if (!hasSigningKey()) {
        return certError(ErrorCode::ParseError,
                         QStringLiteral("The %1 certificate does not include its signing key").arg(typeName(m_type)));
    }
    if (!expectedSigner.isEmpty() && signingKey() != expectedSigner) {
        return certError(ErrorCode::BadSignature,
                         QStringLiteral("The %1 certificate was signed by another key than the expected one")
                             .arg(typeName(m_type)));
    }
    if (nowUnixSeconds >= 0) {
        RB_TRY_STATUS(checkExpiry(nowUnixSeconds));
    }
    return verify(expectedSigner.isEmpty() ? signingKey() : expectedSigner);
}

}  // namespace rb::descriptor
