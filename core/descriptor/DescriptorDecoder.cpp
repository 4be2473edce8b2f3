#include "descriptor/DescriptorDecoder.h"

#include "crypto/Crypto.h"
#include "crypto/Ed25519.h"
#include "descriptor/LayerCrypto.h"

namespace rb::descriptor {

namespace {

void addProblem(DecodedDescriptor& d, DescriptorProblem::Severity sev, QString where, Error error)
{
    d.problems.append(DescriptorProblem{sev, std::move(where), std::move(error)});
}

void addError(DecodedDescriptor& d, QString where, Error error)
{
    addProblem(d, DescriptorProblem::Severity::Error, std::move(where), std::move(error));
}

void addWarning(DecodedDescriptor& d, QString where, QString message)
{
    addProblem(d, DescriptorProblem::Severity::Warning, std::move(where),
               makeError(ErrorCode::ParseError, std::move(message)));
}

QString introWhere(qsizetype i) { return QStringLiteral("intro point %1").arg(i + 1); }

}  // namespace

bool DecodedDescriptor::isValid() const { return firstError() == nullptr; }

const DescriptorProblem* DecodedDescriptor::firstError() const
{
    for (const auto& p : problems) {
        if (p.severity == DescriptorProblem::Severity::Error) {
            return &p;
        }
    }
    return nullptr;
}

qint64 DecodedDescriptor::earliestExpiry() const
{
    qint64 t = signingCertExpiresAt;
    for (const auto& r : introReports) {
        t = qMin(t, qMin(r.authCertExpiresAt, r.encCertExpiresAt));
    }
    return t;
}

Result<DecodedDescriptor> DescriptorDecoder::inspect(QByteArrayView identityPublicKey, QByteArrayView text,
                                                     const DecodeOptions& opt)
{
    if (identityPublicKey.size() != 32) {
        return makeError(ErrorCode::BadKey, QStringLiteral("The onion service identity key must be 32 bytes"));
    }
    RB_TRY(OuterLayer outer, OuterLayer::parse(text, opt.maxDescriptorSize));
    DecodedDescriptor d;
    d.size = text.size();
    d.identityKey = identityPublicKey.toByteArray();
    d.outer = std::move(outer);
    const Ed25519Cert& sc = d.outer.signingKeyCert;
    d.signingCertExpiresAt = sc.expiresAt();
    d.blindedKey = sc.signingKey().toByteArray();
    d.descriptorSigningKey = sc.certifiedKey().toByteArray();

    // 0x08: signed by the blinded key it carries.
    if (auto st = sc.validate(CertType::HsDescSigning, {}, opt.now); !st.ok()) {
        addError(d, QStringLiteral("signing-key certificate"), st.error());
    } else {
        d.signingCertValid = true;
    }
    if (d.blindedKey.size() != 32) {
        // Without the blinded key nothing can be decrypted.
        return d;
    }
    if (opt.expectedTimePeriod) {
        auto expected =
            crypto::ed25519::blindPublicKey(identityPublicKey, *opt.expectedTimePeriod, opt.expectedPeriodLengthMinutes);
        d.blindedKeyMatchesPeriod = expected.ok() && *expected == d.blindedKey;
        if (!*d.blindedKeyMatchesPeriod) {
            addError(d, QStringLiteral("descriptor"),
                     makeError(ErrorCode::BadKey,
                               QStringLiteral("The descriptor's blinded key is not this identity's key for time period "
                                              "%1; it belongs to another period or another service")
                                   .arg(*opt.expectedTimePeriod)));
        }
    }
    if (auto st = d.outer.verifySignature(text); !st.ok()) {
        addError(d, QStringLiteral("descriptor"), st.error());
    } else {
        d.signatureValid = true;
    }

    d.subcredential = crypto::subcredential(identityPublicKey, d.blindedKey);
    auto middlePlain = LayerCrypto::decrypt(DescriptorLayer::Middle, d.outer.superencryptedBlob, d.blindedKey,
                                            d.subcredential, d.outer.revisionCounter);
    if (!middlePlain.ok()) {
        addError(d, QStringLiteral("middle layer"), middlePlain.error());
        return d;
    }
    d.middlePaddedSize = middlePlain->size();
    d.middlePlaintextSize = LayerCrypto::unpaddedLength(*middlePlain);
    d.middlePaddedLikeTor = d.middlePaddedSize % kMiddleLayerPadMultiple == 0;
    if (!d.middlePaddedLikeTor) {
        addWarning(d, QStringLiteral("middle layer"),
                   QStringLiteral("The middle layer is %1 bytes, not NUL-padded to a multiple of %2 as tor pads it "
                                  "(stem/Onionbalance style); this fingerprints the publisher")
                       .arg(d.middlePaddedSize)
                       .arg(kMiddleLayerPadMultiple));
    }
    auto middle = MiddleLayer::parse(QByteArrayView(*middlePlain).first(d.middlePlaintextSize));
    if (!middle.ok()) {
        addError(d, QStringLiteral("middle layer"), middle.error());
        return d;
    }
    d.middle = std::move(middle).value();
    d.middleDecrypted = true;
    if (d.middle.authClients.isEmpty() || d.middle.authClients.size() % kAuthClientMultiple != 0) {
        addWarning(d, QStringLiteral("middle layer"),
                   QStringLiteral("%1 auth-client lines; tor always writes a non-zero multiple of %2")
                       .arg(d.middle.authClients.size())
                       .arg(kAuthClientMultiple));
    }

    auto innerPlain = LayerCrypto::decrypt(DescriptorLayer::Inner, d.middle.encryptedBlob, d.blindedKey,
                                           d.subcredential, d.outer.revisionCounter, opt.descriptorCookie);
    if (!innerPlain.ok()) {
        Error e = innerPlain.error();
        if (opt.descriptorCookie.isEmpty()) {
            e.detail = QStringLiteral("the service may require client authorization");
        }
        addError(d, QStringLiteral("inner layer"), std::move(e));
        return d;
    }
    const qsizetype innerLen = LayerCrypto::unpaddedLength(*innerPlain);
    auto inner = InnerLayer::parse(QByteArrayView(*innerPlain).first(innerLen), opt.maxIntroPoints);
    if (!inner.ok()) {
        addError(d, QStringLiteral("inner layer"), inner.error());
        return d;
    }
    d.inner = std::move(inner).value();
    d.innerDecrypted = true;
    for (qsizetype i = 0; i < d.inner.skippedIntroPoints.size(); ++i) {
        addProblem(d, DescriptorProblem::Severity::Warning, QStringLiteral("inner layer"),
                   makeError(ErrorCode::ParseError,
                             QStringLiteral("A malformed intro point section is ignored (as tor ignores it): %1")
                                 .arg(d.inner.skippedIntroPoints[i].message)));
    }
    if (!d.inner.flowControl) {
        addWarning(d, QStringLiteral("inner layer"),
                   QStringLiteral("No flow-control line: clients will not use congestion control with this service"));
    } else if (opt.expectedSendmeIncrement >= 0 &&
               qAbs(int(d.inner.flowControl->sendmeIncrement) - opt.expectedSendmeIncrement) > 1) {
        addError(d, QStringLiteral("inner layer"),
                 makeError(ErrorCode::ProtocolError,
                           QStringLiteral("flow-control sendme increment %1 is more than 1 away from the consensus "
                                          "value %2; clients reject the descriptor")
                               .arg(d.inner.flowControl->sendmeIncrement)
                               .arg(opt.expectedSendmeIncrement)));
    }
    if (d.inner.introPoints.isEmpty()) {
        addWarning(d, QStringLiteral("inner layer"),
                   QStringLiteral("The descriptor has no usable intro points: clients cannot connect"));
    }

    const QByteArrayView signer = d.descriptorSigningKey;
    d.introReports.resize(d.inner.introPoints.size());
    for (qsizetype i = 0; i < d.inner.introPoints.size(); ++i) {
        const IntroPoint& ip = d.inner.introPoints[i];
        IntroPointReport& r = d.introReports[i];
        r.authCertExpiresAt = ip.authKeyCert.expiresAt();
        r.encCertExpiresAt = ip.encKeyCert.expiresAt();
        if (auto st = ip.authKeyCert.validate(CertType::HsIntroAuth, signer, opt.now); !st.ok()) {
            addError(d, introWhere(i), st.error());
        } else {
            r.authCertValid = true;
        }
        if (auto st = ip.encKeyCert.validate(CertType::HsIntroEncKey, signer, opt.now); !st.ok()) {
            addError(d, introWhere(i), st.error());
        } else {
            r.encCertValid = true;
        }
        if (opt.checkEncKeyCrossCert) {
            auto ed = crypto::ed25519::ed25519FromCurve25519(ip.encKey, 0);
            r.encCertMatchesEncKey = ed.ok() && *ed == ip.encKeyCert.certifiedKey();
            if (!*r.encCertMatchesEncKey) {
                addWarning(d, introWhere(i),
                           QStringLiteral("The enc-key-cert does not certify this intro point's enc-key (tor does "
                                          "not check this, but tor never writes such a certificate)"));
            }
        }
    }
    return d;
}

Result<DecodedDescriptor> DescriptorDecoder::decode(QByteArrayView identityPublicKey, QByteArrayView text,
                                                    const DecodeOptions& options)
{
    RB_TRY(DecodedDescriptor d, inspect(identityPublicKey, text, options));
    if (const DescriptorProblem* p = d.firstError()) {
        Error e = p->error;
        e.message = p->where + QStringLiteral(": ") + e.message;
        return e;
    }
    return d;
}

}  // namespace rb::descriptor
