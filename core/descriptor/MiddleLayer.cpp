#include "descriptor/MiddleLayer.h"

#include "crypto/Crypto.h"
#include "descriptor/DocumentReader.h"
#include "descriptor/IntroPoint.h"
#include "descriptor/TextCodec.h"

namespace rb::descriptor {

namespace {
Error midError(QString message, QString detail = {})
{
    return makeError(ErrorCode::ParseError, std::move(message), std::move(detail));
}
}  // namespace

Result<MiddleLayer> MiddleLayer::parse(QByteArrayView plaintext)
{
    DocumentReader reader(plaintext, "middle descriptor layer");
    MiddleLayer layer;
    layer.authType.clear();
    DocItem it;
    bool first = true;
    bool sawKey = false;
    bool sawEncrypted = false;
    while (reader.next(it)) {
        QByteArrayView args[16];
        if (first) {
            if (it.keyword != "desc-auth-type") {
                return midError(QStringLiteral("The middle descriptor layer does not start with desc-auth-type"));
            }
            first = false;
            const int n = DocumentReader::splitArgs(it.args, args, 16);
            if (n < 1) {
                return midError(QStringLiteral("desc-auth-type has no value"));
            }
            if (args[0] != "x25519") {
                return makeError(ErrorCode::Unsupported,
                                 QStringLiteral("The descriptor uses an unknown client authorization type"),
                                 QString::fromLatin1(args[0].toByteArray()));
            }
            layer.authType = args[0].toByteArray();
        } else if (it.keyword == "desc-auth-type") {
            return midError(QStringLiteral("The middle layer has two desc-auth-type lines"));
        } else if (it.keyword == "desc-auth-ephemeral-key") {
            if (sawKey) {
                return midError(QStringLiteral("The middle layer has two desc-auth-ephemeral-key lines"));
            }
            sawKey = true;
            const int n = DocumentReader::splitArgs(it.args, args, 16);
            if (n < 1 || !decodeCurve25519Base64(args[0], layer.ephemeralKey)) {
                return midError(QStringLiteral("desc-auth-ephemeral-key is not a valid curve25519 key"));
            }
        } else if (it.keyword == "auth-client") {
            const int n = DocumentReader::splitArgs(it.args, args, 16);
            AuthClient c;
            if (n < 3 || !TextCodec::base64DecodeExact(args[0], 8, c.clientId) ||
                !TextCodec::base64DecodeExact(args[1], 16, c.iv) ||
                !TextCodec::base64DecodeExact(args[2], 16, c.encryptedCookie)) {
                return midError(QStringLiteral("An auth-client line of the middle layer is malformed"),
                                QStringLiteral("line %1").arg(layer.authClients.size() + 1));
            }
            if (layer.authClients.size() >= 4096) {
                return makeError(ErrorCode::TooLarge, QStringLiteral("The middle layer has too many auth-client lines"));
            }
            layer.authClients.append(std::move(c));
        } else if (it.keyword == "encrypted") {
            if (sawEncrypted) {
                return midError(QStringLiteral("The middle layer has two encrypted sections"));
            }
            sawEncrypted = true;
            if (it.objectType != "MESSAGE") {
                return midError(QStringLiteral("The middle layer's encrypted section is not a MESSAGE object"));
            }
            if (!TextCodec::base64Decode(it.objectText, layer.encryptedBlob)) {
                return midError(QStringLiteral("The middle layer's encrypted section is not valid base64"));
            }
            if (layer.encryptedBlob.size() <= kSaltSize + kMacSize) {
                return midError(QStringLiteral("The middle layer's encrypted section is too short"),
                                QStringLiteral("%1 bytes").arg(layer.encryptedBlob.size()));
            }
        } else {
            QByteArrayView v = plaintext.sliced(it.begin, it.end - it.begin);
            while (!v.isEmpty() && v.back() == '\n') {
                v.chop(1);
            }
            layer.extraItems.append(v.toByteArray());
        }
    }
    if (reader.failed()) {
        return reader.error();
    }
    if (first) {
        return midError(QStringLiteral("The middle descriptor layer is empty"));
    }
    if (!sawKey) {
        return midError(QStringLiteral("The middle layer has no desc-auth-ephemeral-key"));
    }
    if (!sawEncrypted) {
        return midError(QStringLiteral("The middle layer has no encrypted section"));
    }
    return layer;
}

QByteArray MiddleLayer::encode() const
{
    QByteArray out;
    out.reserve(200 + authClients.size() * 64 + (encryptedBlob.size() * 4 / 3) + encryptedBlob.size() / 48 + 64);
    out.append("desc-auth-type ");
    out.append(authType);
    out.append("\ndesc-auth-ephemeral-key ");
    TextCodec::appendBase64(out, ephemeralKey, true);
    out.append('\n');
    for (const auto& c : authClients) {
        out.append("auth-client ");
        TextCodec::appendBase64(out, c.clientId, false);
        out.append(' ');
        TextCodec::appendBase64(out, c.iv, false);
        out.append(' ');
        TextCodec::appendBase64(out, c.encryptedCookie, false);
        out.append('\n');
    }
    for (const auto& extra : extraItems) {
        out.append(extra);
        out.append('\n');
    }
    out.append("encrypted\n");
    TextCodec::appendPem(out, "MESSAGE", encryptedBlob);
    return out;
}

QList<AuthClient> MiddleLayer::fakeAuthClients(int count)
{
    QList<AuthClient> out;
    out.reserve(count);
    std::uint8_t buf[40];
    for (int i = 0; i < count; ++i) {
        crypto::randomFill(buf, sizeof buf);
        const auto* b = reinterpret_cast<const char*>(buf);
        out.append(AuthClient{QByteArray(b, 8), QByteArray(b + 8, 16), QByteArray(b + 24, 16)});
    }
    return out;
}

}  // namespace rb::descriptor
