#include "descriptor/IntroPoint.h"

#include "descriptor/TextCodec.h"

#include <QVarLengthArray>

namespace rb::descriptor {

namespace {

Error ipError(QString message, QString detail = {})
{
    return makeError(ErrorCode::ParseError, std::move(message), std::move(detail));
}

constexpr QByteArrayView kCertType("ED25519 CERT");

Result<Ed25519Cert> certFromItem(const DocItem& item, const char* what)
{
    if (item.objectType != kCertType) {
        return ipError(QStringLiteral("Intro point %1 is not an ED25519 CERT object").arg(QLatin1String(what)));
    }
    QByteArray raw;
    if (!TextCodec::base64Decode(item.objectText, raw)) {
        return ipError(QStringLiteral("Intro point %1 certificate is not valid base64").arg(QLatin1String(what)));
    }
    auto cert = Ed25519Cert::decode(raw);
    if (!cert.ok()) {
        Error e = cert.error();
        e.message = QStringLiteral("Intro point %1: %2").arg(QLatin1String(what), e.message);
        return e;
    }
    return cert;
}

QByteArrayView itemText(const DocItem& item, QByteArrayView base)
{
    // The verbatim text of an item without its final newline.
    QByteArrayView v(base.data() + item.begin, item.end - item.begin);
    while (!v.isEmpty() && (v.back() == '\n')) {
        v.chop(1);
    }
    return v;
}

}  // namespace

bool decodeCurve25519Base64(QByteArrayView text, QByteArray& out)
{
    if (text.size() == 44) {
        if (text[43] != '=') {
            return false;
        }
    } else if (text.size() != 43) {
        return false;
    }
    return TextCodec::base64DecodeExact(text, 32, out);
}

QByteArray IntroPoint::legacyId() const
{
    for (const auto& ls : linkSpecifiers) {
        if (ls.type == LinkSpecifier::LegacyId) {
            return ls.body;
        }
    }
    return {};
}

QByteArray IntroPoint::ed25519Id() const
{
    for (const auto& ls : linkSpecifiers) {
        if (ls.type == LinkSpecifier::Ed25519Id) {
            return ls.body;
        }
    }
    return {};
}

QString IntroPoint::describe() const
{
    QStringList parts;
    for (const auto& ls : linkSpecifiers) {
        parts.append(ls.describe());
    }
    return parts.join(QStringLiteral(", "));
}

Result<IntroPoint> IntroPoint::parse(QByteArrayView section)
{
    DocumentReader reader(section, "intro point");
    QVarLengthArray<DocItem, 8> items;
    DocItem item;
    while (reader.next(item)) {
        if (items.size() >= 64) {
            return makeError(ErrorCode::TooLarge, QStringLiteral("Intro point section has too many items"));
        }
        items.append(item);
    }
    if (reader.failed()) {
        return reader.error();
    }
    return fromItems(items.constData(), items.size());
}

Result<IntroPoint> IntroPoint::fromItems(const DocItem* items, qsizetype count)
{
    if (count == 0 || items[0].keyword != "introduction-point") {
        return ipError(QStringLiteral("Intro point section does not start with introduction-point"));
    }
    // All item views point into the same buffer; recover it for verbatim copies.
    const QByteArrayView base(items[0].keyword.data() - items[0].begin, items[count - 1].end);
    IntroPoint ip;
    int nOnion = 0;
    int nAuth = 0;
    int nEnc = 0;
    int nEncCert = 0;
    int nLegacy = 0;
    int nLegacyCert = 0;
    bool haveNtorOnion = false;
    for (qsizetype i = 0; i < count; ++i) {
        const DocItem& it = items[i];
        QByteArrayView args[16];
        if (i == 0) {
            if (DocumentReader::splitArgs(it.args, args, 1) != 1 || it.hasObject()) {
                return ipError(QStringLiteral("introduction-point line must have exactly one argument"));
            }
            QByteArray raw;
            if (!TextCodec::base64Decode(args[0], raw)) {
                return ipError(QStringLiteral("Intro point link specifiers are not valid base64"));
            }
            RB_TRY(ip.linkSpecifiers, LinkSpecifier::decodeList(raw));
        } else if (it.keyword == "introduction-point") {
            return ipError(QStringLiteral("Intro point section contains two introduction-point lines"));
        } else if (it.keyword == "onion-key") {
            ++nOnion;
            const int n = DocumentReader::splitArgs(it.args, args, 16);
            if (n < 2) {
                return ipError(QStringLiteral("onion-key line needs a key type and a key (at most 16 arguments)"));
            }
            if (args[0] == "ntor" && !haveNtorOnion) {
                if (!decodeCurve25519Base64(args[1], ip.onionKey)) {
                    return ipError(QStringLiteral("Intro point ntor onion-key is not a valid curve25519 key"));
                }
                haveNtorOnion = true;
            } else {
                ip.extraItems.append(itemText(it, base).toByteArray());
            }
        } else if (it.keyword == "auth-key") {
            if (++nAuth > 1) {
                return ipError(QStringLiteral("Intro point has two auth-key items"));
            }
            if (!it.args.trimmed().isEmpty() || !it.hasObject()) {
                return ipError(QStringLiteral("auth-key must be followed by a certificate and have no arguments"));
            }
            RB_TRY(ip.authKeyCert, certFromItem(it, "auth-key"));
        } else if (it.keyword == "enc-key") {
            if (++nEnc > 1) {
                return ipError(QStringLiteral("Intro point has two enc-key lines"));
            }
            const int n = DocumentReader::splitArgs(it.args, args, 16);
            if (n < 2) {
                return ipError(QStringLiteral("enc-key line needs a key type and a key (at most 16 arguments)"));
            }
            if (args[0] != "ntor") {
                return ipError(QStringLiteral("Intro point enc-key type is not ntor"));
            }
            if (!decodeCurve25519Base64(args[1], ip.encKey)) {
                return ipError(QStringLiteral("Intro point ntor enc-key is not a valid curve25519 key"));
            }
        } else if (it.keyword == "enc-key-cert") {
            if (++nEncCert > 1) {
                return ipError(QStringLiteral("Intro point has two enc-key-cert items"));
            }
            if (!it.hasObject()) {
                return ipError(QStringLiteral("enc-key-cert must be followed by a certificate"));
            }
            RB_TRY(ip.encKeyCert, certFromItem(it, "enc-key-cert"));
        } else if (it.keyword == "legacy-key" || it.keyword == "legacy-key-cert") {
            if ((it.keyword == "legacy-key" ? ++nLegacy : ++nLegacyCert) > 1) {
                return ipError(QStringLiteral("Intro point has two %1 items")
                                   .arg(QString::fromLatin1(it.keyword.toByteArray())));
            }
            if (!ip.legacyKeyText.isEmpty()) {
                ip.legacyKeyText.append('\n');
            }
            ip.legacyKeyText.append(itemText(it, base));
        } else {
            ip.extraItems.append(itemText(it, base).toByteArray());
        }
    }
    if (nOnion == 0 || !haveNtorOnion) {
        return ipError(QStringLiteral("Intro point has no ntor onion-key"));
    }
    if (nAuth == 0) {
        return ipError(QStringLiteral("Intro point has no auth-key certificate"));
    }
    if (nEnc == 0) {
        return ipError(QStringLiteral("Intro point has no enc-key"));
    }
    if (nEncCert == 0) {
        return ipError(QStringLiteral("Intro point has no enc-key-cert"));
    }
    if (nLegacy != nLegacyCert) {
        return ipError(QStringLiteral("Intro point legacy-key and legacy-key-cert must come together"));
    }
    return ip;
}

void IntroPoint::encodeTo(QByteArray& out) const
{
    out.append("introduction-point ");
    QByteArray ls;
    LinkSpecifier::encodeList(linkSpecifiers, ls);
    TextCodec::appendBase64(out, ls, true);
    out.append("\nonion-key ntor ");
    TextCodec::appendBase64(out, onionKey, true);
    out.append("\nauth-key\n");
    authKeyCert.appendPem(out);
    out.append("\nenc-key ntor ");
    TextCodec::appendBase64(out, encKey, true);
    out.append("\nenc-key-cert\n");
    encKeyCert.appendPem(out);
    out.append('\n');
    for (const auto& extra : extraItems) {
        out.append(extra);
        out.append('\n');
    }
    if (!legacyKeyText.isEmpty()) {
        out.append(legacyKeyText);
        out.append('\n');
    }
}

QByteArray IntroPoint::encode() const
{
    QByteArray out;
    out.reserve(1100);
    encodeTo(out);
    return out;
}

}  // namespace rb::descriptor
