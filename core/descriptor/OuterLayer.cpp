#include "descriptor/OuterLayer.h"

#include "crypto/Ed25519.h"
#include "descriptor/DocumentReader.h"
#include "descriptor/TextCodec.h"

namespace rb::descriptor {

namespace {
Error outerError(QString message, QString detail = {})
{
    return makeError(ErrorCode::ParseError, std::move(message), std::move(detail));
}

bool oneArg(const DocItem& it, QByteArrayView& arg)
{
    QByteArrayView args[2];
    if (DocumentReader::splitArgs(it.args, args, 2) != 1) {
        return false;
    }
    arg = args[0];
    return true;
}
}  // namespace

Result<OuterLayer> OuterLayer::parse(QByteArrayView text, qsizetype maxSize)
{
    if (text.size() >= maxSize) {
        return makeError(ErrorCode::TooLarge,
                         QStringLiteral("The descriptor is %1 bytes; HSDirs reject descriptors of %2 bytes or more")
                             .arg(text.size())
                             .arg(maxSize));
    }
    DocumentReader reader(text, "descriptor");
    OuterLayer d;
    DocItem it;
    int index = 0;
    bool sawLifetime = false;
    bool sawCert = false;
    bool sawCounter = false;
    bool sawSuper = false;
    bool sawSignature = false;
    while (reader.next(it)) {
        if (sawSignature) {
            return outerError(QStringLiteral("The descriptor has items after its signature"));
        }
        QByteArrayView arg;
        if (index++ == 0) {
            if (it.keyword != "hs-descriptor") {
                return outerError(QStringLiteral("Not an onion-service descriptor: it does not start with hs-descriptor"));
            }
            quint64 v = 0;
            if (!oneArg(it, arg) || !TextCodec::parseU64(arg, v)) {
                return outerError(QStringLiteral("Malformed hs-descriptor version line"));
            }
            if (v != 3) {
                return makeError(ErrorCode::Unsupported,
                                 QStringLiteral("Unsupported onion-service descriptor version %1 (only 3 is supported)").arg(v));
            }
            d.version = 3;
        } else if (it.keyword == "hs-descriptor") {
            return outerError(QStringLiteral("The descriptor has two hs-descriptor lines"));
        } else if (it.keyword == "descriptor-lifetime") {
            quint64 v = 0;
            if (sawLifetime || !oneArg(it, arg) || !TextCodec::parseU64(arg, v) || v > 0xffffffffULL) {
                return outerError(QStringLiteral("Malformed or repeated descriptor-lifetime line"));
            }
            if (v > kMaxLifetimeMinutes) {
                return outerError(QStringLiteral("The descriptor lifetime of %1 minutes exceeds tor's maximum of %2")
                                      .arg(v)
                                      .arg(kMaxLifetimeMinutes));
            }
            sawLifetime = true;
            d.lifetimeMinutes = static_cast<quint32>(v);
        } else if (it.keyword == "descriptor-signing-key-cert") {
            if (sawCert || !it.args.trimmed().isEmpty() || !it.hasObject()) {
                return outerError(QStringLiteral("Malformed or repeated descriptor-signing-key-cert"));
            }
            sawCert = true;
            if (it.objectType != "ED25519 CERT") {
                return outerError(QStringLiteral("descriptor-signing-key-cert is not an ED25519 CERT object"));
            }
            QByteArray raw;
            if (!TextCodec::base64Decode(it.objectText, raw)) {
                return outerError(QStringLiteral("descriptor-signing-key-cert is not valid base64"));
            }
            auto cert = Ed25519Cert::decode(raw);
            if (!cert.ok()) {
                Error e = cert.error();
                e.message = QStringLiteral("Descriptor signing-key certificate: ") + e.message;
                return e;
            }
            d.signingKeyCert = std::move(cert).value();
        } else if (it.keyword == "revision-counter") {
            if (sawCounter || !oneArg(it, arg) || !TextCodec::parseU64(arg, d.revisionCounter)) {
                return outerError(QStringLiteral("Malformed or repeated revision-counter line"));
            }
            sawCounter = true;
        } else if (it.keyword == "superencrypted") {
            if (sawSuper || !it.args.trimmed().isEmpty() || !it.hasObject()) {
                return outerError(QStringLiteral("Malformed or repeated superencrypted section"));
            }
            sawSuper = true;
            if (it.objectType != "MESSAGE") {
                return outerError(QStringLiteral("The superencrypted section is not a MESSAGE object"));
            }
            if (!TextCodec::base64Decode(it.objectText, d.superencryptedBlob)) {
                return outerError(QStringLiteral("The superencrypted section is not valid base64"));
            }
            if (d.superencryptedBlob.size() <= kSaltSize + kMacSize) {
                return outerError(QStringLiteral("The superencrypted section is too short"),
                                  QStringLiteral("%1 bytes").arg(d.superencryptedBlob.size()));
            }
        } else if (it.keyword == "signature") {
            sawSignature = true;
            // tor requires exactly 86 base64 characters (ED25519_SIG_BASE64_LEN).
            if (!oneArg(it, arg) || arg.size() != 86 || !TextCodec::base64DecodeExact(arg, 64, d.signature)) {
                return outerError(QStringLiteral("The descriptor signature line is malformed"));
            }
            d.signedLength = it.begin;
        } else {
            QByteArrayView v = text.sliced(it.begin, it.end - it.begin);
            while (!v.isEmpty() && v.back() == '\n') {
                v.chop(1);
            }
            d.extraItems.append(v.toByteArray());
        }
    }
    if (reader.failed()) {
        return reader.error();
    }
    if (index == 0) {
        return outerError(QStringLiteral("The descriptor is empty"));
    }
    if (!sawLifetime) {
        return outerError(QStringLiteral("The descriptor has no descriptor-lifetime line"));
    }
    if (!sawCert) {
        return outerError(QStringLiteral("The descriptor has no descriptor-signing-key-cert"));
    }
    if (!sawCounter) {
        return outerError(QStringLiteral("The descriptor has no revision-counter line"));
    }
    if (!sawSuper) {
        return outerError(QStringLiteral("The descriptor has no superencrypted section"));
    }
    if (!sawSignature) {
        return outerError(QStringLiteral("The descriptor has no signature line (truncated?)"));
    }
    if (d.signedLength == 0 || text[d.signedLength - 1] != '\n') {
        return outerError(QStringLiteral("The descriptor signature line is malformed"));
    }
    return d;
}

void OuterLayer::encodeUnsignedTo(QByteArray& out) const
{
    out.append("hs-descriptor ");
    TextCodec::appendNumber(out, version);
    out.append("\ndescriptor-lifetime ");
    TextCodec::appendNumber(out, lifetimeMinutes);
    out.append("\ndescriptor-signing-key-cert\n");
    signingKeyCert.appendPem(out);
    out.append("\nrevision-counter ");
    TextCodec::appendNumber(out, revisionCounter);
    out.append('\n');
    for (const auto& extra : extraItems) {
        out.append(extra);
        out.append('\n');
    }
    out.append("superencrypted\n");
    TextCodec::appendPem(out, "MESSAGE", superencryptedBlob);
    out.append('\n');
}

QByteArray OuterLayer::encodeUnsigned() const
{
    QByteArray out;
    out.reserve(superencryptedBlob.size() * 4 / 3 + superencryptedBlob.size() / 48 + 1024);
    encodeUnsignedTo(out);
    return out;
}

void OuterLayer::appendSignatureLine(QByteArray& out, QByteArrayView sig)
{
    out.append("signature ");
    TextCodec::appendBase64(out, sig, false);
    out.append('\n');
}

QByteArray OuterLayer::encode() const
{
    QByteArray out = encodeUnsigned();
    appendSignatureLine(out, signature);
    return out;
}

Status OuterLayer::verifySignature(QByteArrayView text) const
{
    const QByteArrayView key = descriptorSigningKey();
    if (signature.size() != 64 || signedLength <= 0 || signedLength > text.size() || key.size() != 32) {
        return makeError(ErrorCode::BadSignature, QStringLiteral("The descriptor signature cannot be checked"));
    }
    if (!crypto::ed25519::verify2(key, kSignaturePrefix, text.first(signedLength), signature)) {
        return makeError(ErrorCode::BadSignature,
                         QStringLiteral("The descriptor signature is invalid: it was altered or not signed by its "
                                        "descriptor signing key"));
    }
    return {};
}

}  // namespace rb::descriptor
