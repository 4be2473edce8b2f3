#include "descriptor/DescriptorBuilder.h"

#include "crypto/Crypto.h"
#include "crypto/Ed25519.h"
#include "descriptor/InnerLayer.h"
#include "descriptor/LayerCrypto.h"
#include "descriptor/MiddleLayer.h"
#include "descriptor/OuterLayer.h"

#include <QDateTime>

#include <sodium.h>

#include <algorithm>

namespace rb::descriptor {

namespace {
Error buildError(ErrorCode code, QString message, QString detail = {})
{
    return makeError(code, std::move(message), std::move(detail));
}
}  // namespace

const QString& DescriptorBuilder::powParamsNote()
{
    static const QString note = QStringLiteral(
        "pow-params omitted: every node checks proof-of-work solutions against its own seed and its own "
        "blinded key, so no single seed in a merged descriptor is valid for all nodes (nodes with PoW off "
        "even reject requests carrying a solution); PoW-enabled nodes still accept effort-0 requests.");
    return note;
}

Result<BuiltDescriptor> DescriptorBuilder::build(const crypto::SecretBuffer& identityExpandedKey,
                                                 QByteArrayView identityPublicKey, const DescriptorBuildParams& p)
{
    namespace ed = crypto::ed25519;
    if (identityExpandedKey.size() != ed::kExpandedSize || identityPublicKey.size() != ed::kPublicKeySize) {
        return buildError(ErrorCode::BadKey,
                          QStringLiteral("The master identity key is not a 64-byte expanded Ed25519 key with its "
                                         "32-byte public key"));
    }
    if (p.introPoints.size() > p.maxIntroPoints) {
        return buildError(ErrorCode::TooLarge,
                          QStringLiteral("The merged descriptor would carry %1 intro points but tor clients reject "
                                         "descriptors with more than %2; select at most %2")
                              .arg(p.introPoints.size())
                              .arg(p.maxIntroPoints));
    }
    if (p.periodLengthMinutes == 0) {
        return buildError(ErrorCode::InvalidArgument, QStringLiteral("The time period length must not be zero"));
    }
    if (p.lifetimeMinutes == 0 || p.lifetimeMinutes > kMaxLifetimeMinutes) {
        return buildError(ErrorCode::InvalidArgument,
                          QStringLiteral("Descriptor lifetime must be 1-%1 minutes").arg(kMaxLifetimeMinutes));
    }
    if (p.sendmeIncrement == 0 || p.sendmeIncrement > 254) {
        return buildError(ErrorCode::InvalidArgument, QStringLiteral("The sendme increment must be 1-254"));
    }
    for (qsizetype i = 0; i < p.introPoints.size(); ++i) {
        const IntroPoint& ip = p.introPoints[i];
        const bool badSpec = std::any_of(ip.linkSpecifiers.cbegin(), ip.linkSpecifiers.cend(),
                                         [](const LinkSpecifier& ls) { return ls.body.size() > 255; });
        if (ip.linkSpecifiers.isEmpty() || ip.linkSpecifiers.size() > 255 || badSpec || ip.onionKey.size() != 32 ||
            ip.encKey.size() != 32 || ip.authKeyCert.isNull()) {
            return buildError(ErrorCode::InvalidArgument,
                              QStringLiteral("Intro point %1 is incomplete (needs link specifiers, onion key, auth "
                                             "key certificate and enc key)")
                                  .arg(i + 1));
        }
    }

    // The identity public key must belong to the expanded key, or every
    // client would derive another blinded key and reject the descriptor.
    RB_TRY(const crypto::PublicKey derivedPk, ed::publicFromExpanded(identityExpandedKey));
    if (derivedPk != identityPublicKey) {
        return buildError(ErrorCode::BadKey,
                          QStringLiteral("The master public key does not match the master secret key"));
    }

    BuiltDescriptor out;
    out.timePeriod = p.timePeriod;
    out.periodLengthMinutes = p.periodLengthMinutes;

    // Blinded key pair. a'·B equals h·A (A = a·B), and the fixed-base
    // multiplication is cheaper than blinding the public point.
    RB_TRY(crypto::SecretBuffer blindedSk,
           ed::blindExpandedKey(identityExpandedKey, identityPublicKey, p.timePeriod, p.periodLengthMinutes));
    RB_TRY(out.blindedPublicKey, ed::publicFromExpanded(blindedSk));
    out.revisionCounter = p.revisionCounterFn ? p.revisionCounterFn(blindedSk) : p.revisionCounter;

    // Fresh descriptor signing key, certified by the blinded key.
    crypto::PublicKey descPk;
    const crypto::SecretBuffer descSk = ed::generate(&descPk);
    out.descriptorSigningPublicKey = descPk;
    const qint64 now = p.now > 0 ? p.now : QDateTime::currentSecsSinceEpoch();
    // hs_service.c: the signing cert uses now, intro certs the hour floor.
    const std::uint32_t signingExp = Ed25519Cert::expiryHoursFor(now, kCertLifetimeSeconds);
    const std::uint32_t introExp = Ed25519Cert::expiryHoursFor(now - (now % 3600), kCertLifetimeSeconds);
    out.signingCertExpiresAt = static_cast<qint64>(signingExp) * 3600;
    out.introCertsExpireAt = static_cast<qint64>(introExp) * 3600;

    OuterLayer outer;
    outer.lifetimeMinutes = p.lifetimeMinutes;
    outer.revisionCounter = out.revisionCounter;
    RB_TRY(outer.signingKeyCert, Ed25519Cert::create(CertType::HsDescSigning, descPk, blindedSk,
                                                     out.blindedPublicKey, signingExp, true));
    blindedSk.clear();

    // Inner layer with re-certified intro points.
    InnerLayer inner;
    inner.singleOnionService = p.singleOnionService;
    if (p.emitFlowControl) {
        inner.flowControl = FlowControl{p.flowControlVersions, p.sendmeIncrement};
    } else {
        out.notes.append(QStringLiteral("flow-control omitted: clients will not use congestion control on "
                                        "rendezvous circuits to this service."));
    }
    if (p.includePowParams) {
        inner.powParams = p.powParams;
        if (!p.powParams.isEmpty()) {
            out.notes.append(QStringLiteral("pow-params included on request; nodes whose own seed differs will "
                                            "reject PoW solutions made for it."));
        }
    } else if (!p.powParams.isEmpty()) {
        out.notes.append(powParamsNote());
    }
    inner.introPoints.reserve(p.introPoints.size());
    int droppedLegacy = 0;
    int droppedExtra = 0;
    for (const IntroPoint& src : p.introPoints) {
        IntroPoint ip;
        ip.linkSpecifiers = src.linkSpecifiers;
        ip.onionKey = src.onionKey;
        ip.encKey = src.encKey;
        RB_TRY(ip.authKeyCert,
               Ed25519Cert::create(CertType::HsIntroAuth, src.authKey(), descSk, descPk, introExp, true));
        // 0x0B certifies the enc key in ed25519 form (sign bit 0). Reuse the
        // form the node certified; derive it only when no cert came along.
        crypto::PublicKey encEd;
        if (!src.encKeyCert.isNull() && src.encKeyCert.certifiedKey().size() == 32) {
            encEd = src.encKeyCert.certifiedKey().toByteArray();
        } else {
            RB_TRY(encEd, ed::ed25519FromCurve25519(src.encKey, 0));
        }
        RB_TRY(ip.encKeyCert, Ed25519Cert::create(CertType::HsIntroEncKey, encEd, descSk, descPk, introExp, true));
        droppedLegacy += src.legacyKeyText.isEmpty() ? 0 : 1;
        droppedExtra += src.extraItems.isEmpty() ? 0 : 1;
        inner.introPoints.append(std::move(ip));
    }
    if (droppedLegacy > 0) {
        out.notes.append(QStringLiteral("Dropped the legacy-key of %1 intro point(s): its RSA cross-certificate "
                                        "cannot be re-signed for the new descriptor signing key.")
                             .arg(droppedLegacy));
    }
    if (droppedExtra > 0) {
        out.notes.append(QStringLiteral("Dropped unknown items of %1 intro point(s).").arg(droppedExtra));
    }
    out.introPointCount = static_cast<int>(inner.introPoints.size());
    if (inner.introPoints.isEmpty()) {
        out.notes.append(QStringLiteral("The descriptor has no intro points: clients cannot connect."));
    }

    out.subcredential = crypto::subcredential(identityPublicKey, out.blindedPublicKey);
    const QByteArray innerText = inner.encode();

    MiddleLayer middle;
    {
        unsigned char ephSk[crypto_scalarmult_curve25519_SCALARBYTES];
        QByteArray ephPk(crypto_scalarmult_curve25519_BYTES, Qt::Uninitialized);
        crypto::randomFill(ephSk, sizeof ephSk);
        crypto_scalarmult_curve25519_base(reinterpret_cast<unsigned char*>(ephPk.data()), ephSk);
        sodium_memzero(ephSk, sizeof ephSk);
        middle.ephemeralKey = std::move(ephPk);
    }
    middle.authClients = MiddleLayer::fakeAuthClients();
    middle.encryptedBlob = LayerCrypto::encrypt(DescriptorLayer::Inner, innerText, out.blindedPublicKey,
                                                out.subcredential, out.revisionCounter);
    if (middle.encryptedBlob.isEmpty()) {
        return buildError(ErrorCode::CryptoFailure, QStringLiteral("Encrypting the inner descriptor layer failed"));
    }
    outer.superencryptedBlob = LayerCrypto::encrypt(DescriptorLayer::Middle, middle.encode(), out.blindedPublicKey,
                                                    out.subcredential, out.revisionCounter);
    if (outer.superencryptedBlob.isEmpty()) {
        return buildError(ErrorCode::CryptoFailure, QStringLiteral("Encrypting the middle descriptor layer failed"));
    }

    QByteArray text;
    text.reserve(outer.superencryptedBlob.size() * 4 / 3 + outer.superencryptedBlob.size() / 48 + 1024);
    outer.encodeUnsignedTo(text);
    const QByteArray sig = ed::sign2(descSk, descPk, OuterLayer::kSignaturePrefix, text);
    OuterLayer::appendSignatureLine(text, sig);
    if (text.size() >= p.maxDescriptorSize) {
        return buildError(ErrorCode::TooLarge,
                          QStringLiteral("The merged descriptor is %1 bytes; HSDirs reject %2 bytes or more. Use "
                                         "fewer intro points.")
                              .arg(text.size())
                              .arg(p.maxDescriptorSize));
    }
    out.text = std::move(text);
    return out;
}

}  // namespace rb::descriptor
