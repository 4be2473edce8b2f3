#pragma once
// Helpers shared by the descriptor tests and benchmarks: a fixed test
// identity, harvested-looking intro points, and a hand-assembled descriptor
// (built from the layer classes, not DescriptorBuilder) whose every part can
// be broken on purpose.

#include "crypto/Crypto.h"
#include "crypto/Ed25519.h"
#include "crypto/SecretBuffer.h"
#include "descriptor/DescriptorLimits.h"
#include "descriptor/Ed25519Cert.h"
#include "descriptor/InnerLayer.h"
#include "descriptor/IntroPoint.h"
#include "descriptor/LayerCrypto.h"
#include "descriptor/MiddleLayer.h"
#include "descriptor/OuterLayer.h"

#include <sodium.h>

#include <optional>

namespace rb::descriptor::testutil {

// PROTOCOL-NOTES §11 seed (public test value, not a real service).
inline crypto::SecretBuffer testIdentityExpanded(crypto::PublicKey* pk)
{
    crypto::SecretBuffer seed = crypto::SecretBuffer::fromBytes(
        QByteArray::fromHex("454cf9d7990b659e44900c12cd623bebd514eba5709cf0356cbfe224da47cbaf"));
    crypto::SecretBuffer expanded = crypto::ed25519::expandSeed(seed);
    *pk = crypto::ed25519::publicFromExpanded(expanded).value();
    return expanded;
}

inline QByteArray randomCurvePublic()
{
    unsigned char sk[32];
    crypto::randomFill(sk, sizeof sk);
    QByteArray pk(32, Qt::Uninitialized);
    crypto_scalarmult_curve25519_base(reinterpret_cast<unsigned char*>(pk.data()), sk);
    return pk;
}

// An intro point as a node's own descriptor would carry it, certified by
// that node's descriptor signing key (nodeSk/nodePk).
inline IntroPoint makeIntroPoint(int index, const crypto::SecretBuffer& nodeSk, QByteArrayView nodePk, qint64 now)
{
    IntroPoint ip;
    ip.linkSpecifiers.append(LinkSpecifier::ipv4(0x0a000000U + static_cast<quint32>(index + 1), 9001));
    ip.linkSpecifiers.append(LinkSpecifier::legacyId(crypto::randomBytes(20)));
    ip.linkSpecifiers.append(LinkSpecifier::ed25519Id(crypto::randomBytes(32)));
    ip.onionKey = randomCurvePublic();
    ip.encKey = randomCurvePublic();
    crypto::PublicKey authPk;
    (void)crypto::ed25519::generate(&authPk);
    const auto exp = Ed25519Cert::expiryHoursFor(now - now % 3600, kCertLifetimeSeconds);
    ip.authKeyCert = Ed25519Cert::create(CertType::HsIntroAuth, authPk, nodeSk, nodePk, exp, true).value();
    const auto encEd = crypto::ed25519::ed25519FromCurve25519(ip.encKey, 0).value();
    ip.encKeyCert = Ed25519Cert::create(CertType::HsIntroEncKey, encEd, nodeSk, nodePk, exp, true).value();
    return ip;
}

inline QList<IntroPoint> makeIntroPoints(int count, qint64 now)
{
    crypto::PublicKey nodePk;
    const crypto::SecretBuffer nodeSk = crypto::ed25519::generate(&nodePk);
    QList<IntroPoint> out;
    for (int i = 0; i < count; ++i) {
        out.append(makeIntroPoint(i, nodeSk, nodePk, now));
    }
    return out;
}

// Hand-assembled descriptor with knobs to break each part.
struct ManualDescriptor {
    quint64 period = 20489;
    quint64 periodLength = 1440;
    quint64 revision = 7;
    qint64 now = 1770000000;
    int introCount = 3;
    std::optional<std::uint8_t> signingCertType;  // default 0x08
    std::optional<std::uint32_t> signingCertExpiryHours;
    bool signingCertByWrongKey = false;           // claims the blinded key, signed by another
    bool introAuthCertByWrongKey = false;          // intro point 1's 0x09 not signed by the desc key
    bool signatureByWrongKey = false;
    bool flowControl = true;
    qsizetype middlePadTo = -1;                    // -1: tor's padding
    QList<AuthClient> clients;                     // empty: 16 fake ones

    QByteArray identityPk;
    QByteArray blindedPk;
    QByteArray descPk;

    QByteArray build()
    {
        namespace ed = crypto::ed25519;
        crypto::PublicKey idPk;
        const crypto::SecretBuffer idSk = testIdentityExpanded(&idPk);
        identityPk = idPk;
        const crypto::SecretBuffer blindedSk = ed::blindExpandedKey(idSk, idPk, period, periodLength).value();
        blindedPk = ed::blindPublicKey(idPk, period, periodLength).value();
        const crypto::SecretBuffer descSk = ed::generate(&descPk);
        crypto::PublicKey otherPk;
        const crypto::SecretBuffer otherSk = ed::generate(&otherPk);

        OuterLayer outer;
        outer.revisionCounter = revision;
        const auto exp = signingCertExpiryHours.value_or(Ed25519Cert::expiryHoursFor(now, kCertLifetimeSeconds));
        if (signingCertByWrongKey) {
            // Build with the other key, then splice in the blinded key as the
            // claimed signer: the signature no longer matches.
            auto c = Ed25519Cert::create(signingCertType.value_or(CertType::HsDescSigning), descPk, otherSk, otherPk,
                                         exp, true)
                         .value();
            QByteArray raw = c.encoded();
            raw.replace(44, 32, blindedPk);
            outer.signingKeyCert = Ed25519Cert::decode(raw).value();
        } else {
            outer.signingKeyCert = Ed25519Cert::create(signingCertType.value_or(CertType::HsDescSigning), descPk,
                                                       blindedSk, blindedPk, exp, true)
                                       .value();
        }
        InnerLayer inner;
        if (flowControl) {
            inner.flowControl = FlowControl{};
        }
        for (int i = 0; i < introCount; ++i) {
            const bool wrong = introAuthCertByWrongKey && i == 1;
            inner.introPoints.append(makeIntroPoint(i, wrong ? otherSk : descSk, wrong ? otherPk : descPk, now));
        }
        const QByteArray subcred = crypto::subcredential(idPk, blindedPk);
        MiddleLayer middle;
        middle.ephemeralKey = randomCurvePublic();
        middle.authClients = clients.isEmpty() ? MiddleLayer::fakeAuthClients() : clients;
        middle.encryptedBlob =
            LayerCrypto::encrypt(DescriptorLayer::Inner, inner.encode(), blindedPk, subcred, revision);
        QByteArray middleText = middle.encode();
        if (middlePadTo >= 0) {
            // Pad like stem (or not at all) and encrypt as the "inner" kind so
            // LayerCrypto does not pad again, with the middle constant.
            middleText.append(QByteArray(middlePadTo, '\0'));
            outer.superencryptedBlob = encryptMiddleUnpadded(middleText, blindedPk, subcred, revision);
        } else {
            outer.superencryptedBlob =
                LayerCrypto::encrypt(DescriptorLayer::Middle, middleText, blindedPk, subcred, revision);
        }
        QByteArray text = outer.encodeUnsigned();
        const QByteArray sig = signatureByWrongKey
                                   ? ed::sign2(otherSk, otherPk, OuterLayer::kSignaturePrefix, text)
                                   : ed::sign2(descSk, descPk, OuterLayer::kSignaturePrefix, text);
        OuterLayer::appendSignatureLine(text, sig);
        return text;
    }

    // Middle-layer encryption without tor's padding (what stem does).
    static QByteArray encryptMiddleUnpadded(QByteArrayView plain, QByteArrayView blinded, QByteArrayView subcred,
                                           quint64 rev)
    {
        // Encrypt a padded copy and cut: CTR keystream is position-wise, but
        // the MAC covers the whole ciphertext, so recompute it here.
        const QByteArray salt = crypto::randomBytes(16);
        std::uint8_t keys[80];
        crypto::shake256({blinded, subcred, crypto::u64be(rev), salt, QByteArrayView("hsdir-superencrypted-data")},
                         keys, sizeof keys);
        const QByteArray ct = crypto::aes256ctr(QByteArrayView(reinterpret_cast<char*>(keys), 32),
                                                QByteArrayView(reinterpret_cast<char*>(keys) + 32, 16), plain);
        const QByteArray mac = crypto::sha3_256({crypto::u64be(32), QByteArrayView(reinterpret_cast<char*>(keys) + 48, 32),
                                                 crypto::u64be(16), salt, ct});
        return salt + ct + mac;
    }
};

}  // namespace rb::descriptor::testutil
