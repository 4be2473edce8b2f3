#include "onion/TorKeyFile.h"

#include <cstring>

namespace rb::onion {

namespace {

constexpr char kSecretType[] = "ed25519v1-secret";
constexpr char kPublicType[] = "ed25519v1-public";
constexpr char kTag[] = "type0";

QByteArray header(const char* type)
{
    QByteArray h = QByteArray("== ") + type + ": " + kTag + " ==";
    h.append(QByteArray(TorKeyFile::kHeaderSize - h.size(), '\0'));
    return h;
}

struct ParsedHeader {
    QByteArray type;
    QByteArray tag;
};

// tor's crypto_read_tagged_contents_from_file() rules: "== <type>: <tag> =="
// then only NULs up to 32 bytes.
Result<ParsedHeader> parseHeader(QByteArrayView file, const QString& what)
{
    if (file.size() < TorKeyFile::kHeaderSize) {
        return makeError(ErrorCode::BadKey,
                         QStringLiteral("The %1 is only %2 bytes, shorter than tor's 32-byte header: the file is "
                                        "truncated; copy it again in binary mode")
                             .arg(what)
                             .arg(file.size()));
    }
    const QByteArrayView head = file.first(TorKeyFile::kHeaderSize);
    qsizetype textLen = head.indexOf('\0');
    if (textLen < 0) {
        textLen = TorKeyFile::kHeaderSize;
    }
    const QByteArrayView text = head.first(textLen);
    for (qsizetype i = textLen; i < head.size(); ++i) {
        if (head[i] != '\0') {
            return makeError(ErrorCode::BadKey,
                             QStringLiteral("The %1 has a corrupted header (bytes after the tag are not zero): "
                                            "copy the file again in binary mode")
                                 .arg(what));
        }
    }
    if (!text.startsWith("== ") || !text.endsWith(" ==") || text.size() < 8) {
        return makeError(ErrorCode::BadKey,
                         QStringLiteral("The %1 does not start with tor's \"== ...: ... ==\" header: it is not a "
                                        "tor key file")
                             .arg(what));
    }
    const QByteArrayView inner = text.sliced(3, text.size() - 6);
    const qsizetype colon = inner.indexOf(": ");
    if (colon < 0) {
        return makeError(
            ErrorCode::BadKey,
            QStringLiteral("The %1 header lacks the \"<type>: <tag>\" part: it is not a tor key file").arg(what));
    }
    ParsedHeader h;
    h.type = inner.first(colon).toByteArray();
    h.tag = inner.sliced(colon + 2).toByteArray();
    return h;
}

QString printable(const QByteArray& bytes)
{
    QString s;
    for (char c : bytes) {
        s.append((c >= 0x20 && c < 0x7f) ? QChar::fromLatin1(c) : QChar(u'?'));
    }
    return s;
}

}  // namespace

bool TorKeyFile::looksTagged(QByteArrayView bytes)
{
    return bytes.startsWith("== ");
}

crypto::SecretBuffer TorKeyFile::encodeSecret(const crypto::SecretBuffer& expanded64)
{
    crypto::SecretBuffer out(static_cast<std::size_t>(kSecretFileSize));
    const QByteArray h = header(kSecretType);
    std::memcpy(out.data(), h.constData(), static_cast<std::size_t>(kHeaderSize));
    if (expanded64.size() == 64) {
        std::memcpy(out.data() + kHeaderSize, expanded64.data(), 64);
    }
    return out;
}

QByteArray TorKeyFile::encodePublic(QByteArrayView publicKey32)
{
    QByteArray out = header(kPublicType);
    out.append(publicKey32);
    return out;
}

QByteArray TorKeyFile::encodeHostname(const OnionAddress& address)
{
    return address.toString().toLatin1() + '\n';
}

Result<crypto::SecretBuffer> TorKeyFile::decodeSecret(QByteArrayView file)
{
    const QString what = QStringLiteral("tor secret key file");
    RB_TRY(const ParsedHeader h, parseHeader(file, what));
    if (h.type == kPublicType) {
        return makeError(ErrorCode::BadKey,
                         QStringLiteral("This is tor's public key file (hs_ed25519_public_key), not the secret key: "
                                        "import hs_ed25519_secret_key from the same directory"));
    }
    if (h.type != kSecretType) {
        return makeError(ErrorCode::BadKey,
                         QStringLiteral("The tor key file holds a \"%1\" key, not an onion-service identity key "
                                        "(ed25519v1-secret): import hs_ed25519_secret_key")
                             .arg(printable(h.type)));
    }
    if (h.tag != kTag) {
        return makeError(ErrorCode::BadKey,
                         QStringLiteral("The tor secret key file is tagged \"%1\" but tor only loads onion-service "
                                        "keys tagged \"type0\": this is not an onion-service key")
                             .arg(printable(h.tag)));
    }
    if (file.size() != kSecretFileSize) {
        return makeError(ErrorCode::BadKey,
                         QStringLiteral("A tor hs_ed25519_secret_key file has 96 bytes but this one has %1: it is "
                                        "truncated or corrupted; copy it again in binary mode")
                             .arg(file.size()));
    }
    return crypto::SecretBuffer::fromBytes(file.sliced(kHeaderSize));
}

Result<QByteArray> TorKeyFile::decodePublic(QByteArrayView file)
{
    const QString what = QStringLiteral("tor public key file");
    RB_TRY(const ParsedHeader h, parseHeader(file, what));
    if (h.type == kSecretType) {
        return makeError(ErrorCode::BadKey,
                         QStringLiteral("A secret key file was given where tor's public key file "
                                        "(hs_ed25519_public_key) was expected: pass the public key file"));
    }
    if (h.type != kPublicType) {
        return makeError(ErrorCode::BadKey,
                         QStringLiteral("The tor public key file holds a \"%1\" key, not an onion-service public "
                                        "key (ed25519v1-public)")
                             .arg(printable(h.type)));
    }
    if (h.tag != kTag) {
        return makeError(ErrorCode::BadKey,
                         QStringLiteral("The tor public key file is tagged \"%1\" but tor only loads onion-service "
                                        "keys tagged \"type0\"")
                             .arg(printable(h.tag)));
    }
    if (file.size() != kPublicFileSize) {
        return makeError(ErrorCode::BadKey,
                         QStringLiteral("A tor hs_ed25519_public_key file has 64 bytes but this one has %1: it is "
                                        "truncated or corrupted; copy it again in binary mode")
                             .arg(file.size()));
    }
    return file.sliced(kHeaderSize).toByteArray();
}

}  // namespace rb::onion
