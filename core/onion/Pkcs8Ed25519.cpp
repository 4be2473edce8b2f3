#include "onion/Pkcs8Ed25519.h"

#include "crypto/Crypto.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <cstring>

namespace rb::onion {

namespace {

constexpr qsizetype kMaxPemSize = 16 * 1024;
constexpr char kBegin[] = "-----BEGIN ";
constexpr char kDashes[] = "-----";

// DER up to and including the OCTET STRING header of the seed.
constexpr std::array<std::uint8_t, 16> kV1Prefix = {0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06,
                                                    0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20};
constexpr std::array<std::uint8_t, 16> kV2Prefix = {0x30, 0x51, 0x02, 0x01, 0x01, 0x30, 0x05, 0x06,
                                                    0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20};
constexpr std::array<std::uint8_t, 3> kV2PublicHeader = {0x81, 0x21, 0x00};
constexpr std::array<std::uint8_t, 5> kEd25519Oid = {0x06, 0x03, 0x2b, 0x65, 0x70};
constexpr std::array<std::uint8_t, 5> kX25519Oid = {0x06, 0x03, 0x2b, 0x65, 0x6e};
constexpr std::array<std::uint8_t, 5> kEd448Oid = {0x06, 0x03, 0x2b, 0x65, 0x71};

bool startsWith(QByteArrayView data, const std::uint8_t* prefix, std::size_t n)
{
    return static_cast<std::size_t>(data.size()) >= n && std::memcmp(data.data(), prefix, n) == 0;
}

Error notEd25519(const QString& what)
{
    return makeError(ErrorCode::Unsupported,
                     QStringLiteral("The PEM file holds %1, not an Ed25519 key: an onion-service identity is an "
                                    "Ed25519 key (Onionbalance writes one as \"BEGIN PRIVATE KEY\")")
                         .arg(what));
}

// A best-effort guess at what a non-Ed25519 PKCS#8 blob is, for the message.
Error classifyOther(QByteArrayView der)
{
    auto contains = [&](const auto& oid) {
        return QByteArrayView(der).indexOf(
                   QByteArrayView(reinterpret_cast<const char*>(oid.data()), static_cast<qsizetype>(oid.size()))) >= 0;
    };
    if (contains(kX25519Oid)) {
        return notEd25519(QStringLiteral("an X25519 key"));
    }
    if (contains(kEd448Oid)) {
        return notEd25519(QStringLiteral("an Ed448 key"));
    }
    if (contains(kEd25519Oid)) {
        return makeError(ErrorCode::ParseError,
                         QStringLiteral("The PEM file holds an Ed25519 key in an unexpected PKCS#8 layout: "
                                        "re-export it with \"openssl pkey -in KEY -out plain.pem\""));
    }
    return notEd25519(QStringLiteral("another key type (RSA, EC, ...)"));
}

QByteArrayView trimLine(QByteArrayView line)
{
    while (!line.isEmpty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) {
        line.chop(1);
    }
    while (!line.isEmpty() && (line.front() == ' ' || line.front() == '\t')) {
        line = line.sliced(1);
    }
    return line;
}

}  // namespace

bool Pkcs8Ed25519::looksLikePem(QByteArrayView text)
{
    qsizetype i = 0;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n')) {
        ++i;
    }
    return text.sliced(i).startsWith(kDashes);
}

Result<Pkcs8Ed25519::Decoded> Pkcs8Ed25519::decodeDer(QByteArrayView der)
{
    const bool v1 = der.size() == 48 && startsWith(der, kV1Prefix.data(), kV1Prefix.size());
    const bool v2 = der.size() == 83 && startsWith(der, kV2Prefix.data(), kV2Prefix.size()) &&
                    std::memcmp(der.data() + 48, kV2PublicHeader.data(), kV2PublicHeader.size()) == 0;
    if (!v1 && !v2) {
        return classifyOther(der);
    }
    Decoded d;
    d.seed = crypto::SecretBuffer::fromBytes(der.sliced(16, 32));
    if (v2) {
        d.publicKey = der.sliced(51, 32).toByteArray();
    }
    return d;
}

Result<Pkcs8Ed25519::Decoded> Pkcs8Ed25519::decodePem(QByteArrayView text)
{
    if (text.size() > kMaxPemSize) {
        return makeError(ErrorCode::TooLarge,
                         QStringLiteral("The PEM file is %1 bytes; an Ed25519 key is under 1 KiB: pick the right file")
                             .arg(text.size()));
    }
    // Find the BEGIN line.
    const qsizetype begin = text.indexOf(kBegin);
    if (begin < 0) {
        return makeError(ErrorCode::ParseError,
                         QStringLiteral("The PEM file has no \"-----BEGIN ...-----\" line: it is not a PEM key"));
    }
    qsizetype eol = text.indexOf('\n', begin);
    if (eol < 0) {
        eol = text.size();
    }
    const QByteArrayView beginLine = trimLine(text.sliced(begin, eol - begin));
    if (!beginLine.endsWith(kDashes) || beginLine.size() <= 16) {
        return makeError(ErrorCode::ParseError, QStringLiteral("The PEM BEGIN line is malformed"));
    }
    const QByteArrayView label = beginLine.sliced(11, beginLine.size() - 16);
    if (label == "ENCRYPTED PRIVATE KEY") {
        return makeError(ErrorCode::Unsupported,
                         QStringLiteral("The PEM key is encrypted with a passphrase: decrypt it first "
                                        "(openssl pkey -in KEY -out plain.pem, keep plain.pem private) and import "
                                        "the plain file"));
    }
    if (label == "PUBLIC KEY") {
        return makeError(ErrorCode::BadKey,
                         QStringLiteral("The PEM file holds only a public key: import the private key"));
    }
    if (label == "OPENSSH PRIVATE KEY") {
        return makeError(ErrorCode::Unsupported,
                         QStringLiteral("OpenSSH key files are not onion-service keys: import a PKCS#8 "
                                        "\"BEGIN PRIVATE KEY\" file"));
    }
    if (label != "PRIVATE KEY") {
        return notEd25519(QStringLiteral("a \"%1\" block")
                              .arg(QString::fromLatin1(label.first(std::min<qsizetype>(label.size(), 40)))));
    }
    const QByteArrayView rest = text.sliced(eol < text.size() ? eol + 1 : eol);
    const qsizetype end = rest.indexOf("-----END PRIVATE KEY-----");
    if (end < 0) {
        return makeError(ErrorCode::ParseError,
                         QStringLiteral("The PEM file has no \"-----END PRIVATE KEY-----\" line: it is truncated"));
    }
    const QByteArrayView body = rest.first(end);
    if (body.indexOf(':') >= 0) {
        // RFC 1421 headers such as "Proc-Type: 4,ENCRYPTED".
        return makeError(ErrorCode::Unsupported,
                         QStringLiteral("The PEM key has encryption headers: decrypt it first (openssl pkey -in KEY "
                                        "-out plain.pem) and import the plain file"));
    }
    crypto::ensureInitialized();
    crypto::SecretBuffer der(static_cast<std::size_t>(body.size() / 4 * 3 + 3));
    std::size_t derLen = 0;
    if (der.isEmpty() || sodium_base642bin(der.data(), der.size(), body.data(), static_cast<std::size_t>(body.size()),
                                           " \t\r\n", &derLen, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0) {
        return makeError(ErrorCode::ParseError,
                         QStringLiteral("The PEM body is not valid base64: the file is corrupted"));
    }
    return decodeDer(QByteArrayView(reinterpret_cast<const char*>(der.data()), static_cast<qsizetype>(derLen)));
}

crypto::SecretBuffer Pkcs8Ed25519::encodePem(const crypto::SecretBuffer& seed32)
{
    crypto::ensureInitialized();
    crypto::SecretBuffer der(48);
    std::memcpy(der.data(), kV1Prefix.data(), kV1Prefix.size());
    if (seed32.size() == 32) {
        std::memcpy(der.data() + 16, seed32.data(), 32);
    }
    static constexpr char kHead[] = "-----BEGIN PRIVATE KEY-----\n";
    static constexpr char kTail[] = "\n-----END PRIVATE KEY-----\n";
    const std::size_t b64Len = sodium_base64_ENCODED_LEN(48, sodium_base64_VARIANT_ORIGINAL);  // includes NUL
    crypto::SecretBuffer b64(b64Len);
    sodium_bin2base64(reinterpret_cast<char*>(b64.data()), b64.size(), der.data(), der.size(),
                      sodium_base64_VARIANT_ORIGINAL);
    const std::size_t textLen = b64Len - 1;  // 64 characters: one line
    crypto::SecretBuffer out(sizeof(kHead) - 1 + textLen + sizeof(kTail) - 1);
    std::uint8_t* p = out.data();
    std::memcpy(p, kHead, sizeof(kHead) - 1);
    p += sizeof(kHead) - 1;
    std::memcpy(p, b64.data(), textLen);
    p += textLen;
    std::memcpy(p, kTail, sizeof(kTail) - 1);
    return out;
}

}  // namespace rb::onion
