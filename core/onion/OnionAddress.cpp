#include "onion/OnionAddress.h"

#include "crypto/Base32.h"
#include "crypto/Crypto.h"
#include "crypto/Ed25519.h"

namespace rb::onion {

namespace {
constexpr char kVersion = 0x03;

QByteArray checksum(const QByteArray& publicKey)
{
    return crypto::sha3_256({QByteArrayView(".onion checksum"), publicKey, QByteArrayView(&kVersion, 1)}).left(2);
}
}  // namespace

Result<OnionAddress> OnionAddress::parse(QStringView text)
{
    QString s = text.trimmed().toString().toLower();
    if (s.endsWith(QLatin1String(".onion"))) {
        s.chop(6);
    }
    if (s.size() != 56) {
        return makeError(ErrorCode::ParseError,
                         QStringLiteral("An onion v3 address has 56 characters before \".onion\"; this one has %1")
                             .arg(s.size()));
    }
    auto raw = crypto::base32Decode(s.toLatin1());
    if (!raw.ok() || raw->size() != 35) {
        return makeError(ErrorCode::ParseError,
                         QStringLiteral("The onion address contains characters outside a-z and 2-7"));
    }
    const QByteArray pk = raw->left(32);
    if (raw->at(34) != kVersion) {
        return makeError(ErrorCode::BadChecksum,
                         QStringLiteral("Unsupported onion address version %1 (only v3 is supported)")
                             .arg(static_cast<int>(static_cast<unsigned char>(raw->at(34)))));
    }
    if (raw->mid(32, 2) != checksum(pk)) {
        return makeError(ErrorCode::BadChecksum,
                         QStringLiteral("The onion address checksum is wrong: check it for typos"));
    }
    if (!crypto::ed25519::isValidPublicKey(pk)) {
        return makeError(ErrorCode::BadKey, QStringLiteral("The onion address does not encode a valid Ed25519 key"));
    }
    OnionAddress a;
    a.m_publicKey = pk;
    return a;
}

Result<OnionAddress> OnionAddress::fromPublicKey(const QByteArray& publicKey)
{
    if (publicKey.size() != 32) {
        return makeError(ErrorCode::BadKey, QStringLiteral("An Ed25519 public key has 32 bytes"));
    }
    OnionAddress a;
    a.m_publicKey = publicKey;
    return a;
}

QString OnionAddress::serviceId() const
{
    QByteArray raw = m_publicKey;
    raw.append(checksum(m_publicKey));
    raw.append(kVersion);
    return QString::fromLatin1(crypto::base32Encode(raw));
}

QString OnionAddress::toString() const { return serviceId() + QStringLiteral(".onion"); }

}  // namespace rb::onion
