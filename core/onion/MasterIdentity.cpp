#include "onion/MasterIdentity.h"

#include "crypto/Crypto.h"
#include "crypto/Ed25519.h"
#include "onion/Pkcs8Ed25519.h"
#include "onion/PrivateFile.h"
#include "onion/TorKeyFile.h"

#include <QDir>
#include <QFileInfo>

#include <sodium.h>

#include <cstring>
#include <vector>

namespace rb::onion {

namespace {

constexpr char kControlPortPrefix[] = "ED25519-V3:";

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

QByteArrayView trimmed(QByteArrayView v)
{
    while (!v.isEmpty() && isSpace(v.front())) {
        v = v.sliced(1);
    }
    while (!v.isEmpty() && isSpace(v.back())) {
        v.chop(1);
    }
    return v;
}

// Printable ASCII plus whitespace: a random 32-byte seed is this with
// probability ~1e-14, so text of that size is treated as text.
bool isTextual(QByteArrayView v)
{
    for (char c : v) {
        const auto u = static_cast<unsigned char>(c);
        if (!(isSpace(c) || (u >= 0x20 && u < 0x7f))) {
            return false;
        }
    }
    return true;
}

bool isHexDigit(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

QString expectedFormats()
{
    return QStringLiteral("expected 64 hex digits (a seed), tor's hs_ed25519_secret_key, an Onionbalance PEM "
                          "(\"BEGIN PRIVATE KEY\") or a 32-byte RustBalance key file");
}

Result<crypto::SecretBuffer> decodeHexSeed(QByteArrayView text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (!isHexDigit(text[i])) {
            // Report the position only: the character may be part of a secret.
            return makeError(ErrorCode::ParseError,
                             QStringLiteral("The key text is not a hex seed: character %1 is not a hexadecimal digit "
                                            "(%2)")
                                 .arg(i + 1)
                                 .arg(expectedFormats()));
        }
    }
    if (text.size() == 128) {
        return makeError(ErrorCode::Unsupported,
                         QStringLiteral("128 hex digits is a 64-byte key, which could be an expanded key or a "
                                        "libsodium seed+public key; RustBalance does not guess: import tor's "
                                        "hs_ed25519_secret_key or the 32-byte seed (64 hex digits)"));
    }
    if (text.size() != 64) {
        return makeError(ErrorCode::ParseError,
                         QStringLiteral("A hex seed has 64 hex digits but this one has %1: check that it was "
                                        "copied completely")
                             .arg(text.size()));
    }
    crypto::SecretBuffer seed(32);
    std::size_t len = 0;
    if (sodium_hex2bin(seed.data(), seed.size(), text.data(), static_cast<std::size_t>(text.size()), nullptr, &len,
                       nullptr) != 0 ||
        len != 32) {
        return makeError(ErrorCode::ParseError, QStringLiteral("The hex seed could not be decoded"));
    }
    return seed;
}

Result<crypto::SecretBuffer> decodeControlPortKey(QByteArrayView text)
{
    const QByteArrayView b64 = text.sliced(static_cast<qsizetype>(sizeof(kControlPortPrefix) - 1));
    crypto::ensureInitialized();
    crypto::SecretBuffer raw(66);
    std::size_t len = 0;
    const int variant =
        b64.size() % 4 == 0 ? sodium_base64_VARIANT_ORIGINAL : sodium_base64_VARIANT_ORIGINAL_NO_PADDING;
    if (sodium_base642bin(raw.data(), raw.size(), b64.data(), static_cast<std::size_t>(b64.size()), nullptr, &len,
                          nullptr, variant) != 0 ||
        len != 64) {
        return makeError(ErrorCode::ParseError,
                         QStringLiteral("An \"ED25519-V3:\" key is the base64 of a 64-byte expanded key; this one "
                                        "does not decode to 64 bytes: check that it was copied completely"));
    }
    crypto::SecretBuffer expanded(64);
    std::memcpy(expanded.data(), raw.data(), 64);
    return expanded;
}

QString describeAddress(QByteArrayView publicKey)
{
    auto a = OnionAddress::fromPublicKey(publicKey.toByteArray());
    return a.ok() ? a->toString() : QStringLiteral("(invalid key)");
}

}  // namespace

// ---------------------------------------------------------------- construction

Result<MasterIdentity> MasterIdentity::generate()
{
    crypto::PublicKey pk;
    crypto::SecretBuffer seed;
    crypto::SecretBuffer expanded = crypto::ed25519::generate(&pk, &seed);
    MasterIdentity id;
    id.m_seed = std::move(seed);
    id.m_expanded = std::move(expanded);
    id.m_publicKey = pk;
    id.m_format = Format::Generated;
    return id;
}

Result<MasterIdentity> MasterIdentity::fromSeed(crypto::SecretBuffer seed32)
{
    if (seed32.size() != crypto::ed25519::kSeedSize) {
        return makeError(ErrorCode::BadKey, QStringLiteral("An Ed25519 seed has 32 bytes, not %1").arg(seed32.size()));
    }
    crypto::SecretBuffer expanded = crypto::ed25519::expandSeed(seed32);
    RB_TRY(crypto::PublicKey pk, crypto::ed25519::publicFromExpanded(expanded));
    MasterIdentity id;
    id.m_seed = std::move(seed32);
    id.m_expanded = std::move(expanded);
    id.m_publicKey = pk;
    id.m_format = Format::Seed;
    return id;
}

Result<MasterIdentity> MasterIdentity::fromExpanded(crypto::SecretBuffer expanded64)
{
    if (expanded64.size() != crypto::ed25519::kExpandedSize) {
        return makeError(ErrorCode::BadKey,
                         QStringLiteral("An expanded Ed25519 key has 64 bytes, not %1").arg(expanded64.size()));
    }
    auto pk = crypto::ed25519::publicFromExpanded(expanded64);
    if (!pk.ok()) {
        return makeError(ErrorCode::BadKey,
                         QStringLiteral("The secret key is invalid (its scalar is zero): the key file is corrupted"));
    }
    MasterIdentity id;
    id.m_expanded = std::move(expanded64);
    id.m_publicKey = *pk;
    id.m_format = Format::Expanded;
    return id;
}

// ---------------------------------------------------------------- import

Result<MasterIdentity> MasterIdentity::importBytes(QByteArrayView content, QByteArrayView publicKeyFile)
{
    if (trimmed(content).isEmpty()) {
        return makeError(ErrorCode::ParseError, QStringLiteral("The key file is empty: %1").arg(expectedFormats()));
    }
    if (content.size() > kMaxImportSize) {
        return makeError(ErrorCode::TooLarge,
                         QStringLiteral("The key input is %1 bytes, far larger than any key file: pick the key file")
                             .arg(content.size()));
    }

    Result<MasterIdentity> parsed = makeError(ErrorCode::Internal, QString());
    Format format = Format::Expanded;
    const QByteArrayView text = trimmed(content);

    if (TorKeyFile::looksTagged(content)) {
        RB_TRY(crypto::SecretBuffer expanded, TorKeyFile::decodeSecret(content));
        parsed = fromExpanded(std::move(expanded));
        format = Format::TorSecretKey;
    } else if (Pkcs8Ed25519::looksLikePem(content)) {
        RB_TRY(Pkcs8Ed25519::Decoded pem, Pkcs8Ed25519::decodePem(content));
        parsed = fromSeed(std::move(pem.seed));
        format = Format::Pkcs8Pem;
        if (parsed.ok() && !pem.publicKey.isEmpty() && pem.publicKey != parsed->publicKey()) {
            return makeError(ErrorCode::BadKey,
                             QStringLiteral("The PEM file's embedded public key does not match its private key: the "
                                            "file is corrupted or was edited; re-export it"));
        }
    } else if (text.startsWith(kControlPortPrefix)) {
        RB_TRY(crypto::SecretBuffer expanded, decodeControlPortKey(text));
        parsed = fromExpanded(std::move(expanded));
        format = Format::ControlPortKey;
    } else if (content.size() == 32 && !isTextual(content)) {
        parsed = fromSeed(crypto::SecretBuffer::fromBytes(content));
        format = Format::RawSeed;
    } else if (isTextual(content)) {
        RB_TRY(crypto::SecretBuffer seed, decodeHexSeed(text));
        parsed = fromSeed(std::move(seed));
        format = Format::HexSeed;
    } else if (content.size() == 64) {
        return makeError(ErrorCode::Unsupported,
                         QStringLiteral("64 raw bytes could be an expanded key or a libsodium seed+public key; "
                                        "RustBalance does not guess: import tor's hs_ed25519_secret_key (96 bytes) "
                                        "or the 32-byte seed"));
    } else {
        return makeError(
            ErrorCode::ParseError,
            QStringLiteral("Unrecognised key file (%1 bytes): %2").arg(content.size()).arg(expectedFormats()));
    }
    if (!parsed.ok()) {
        return parsed.error();
    }
    MasterIdentity id = std::move(parsed).value();
    id.m_format = format;

    if (!publicKeyFile.isEmpty()) {
        RB_TRY(const QByteArray pk, TorKeyFile::decodePublic(publicKeyFile));
        if (pk != id.m_publicKey) {
            return makeError(ErrorCode::BadKey,
                             QStringLiteral("hs_ed25519_public_key (%1) does not match the secret key (%2): the files "
                                            "come from different services; copy both from the same HiddenServiceDir")
                                 .arg(describeAddress(pk), id.address().toString()));
        }
    }
    return id;
}

Result<MasterIdentity> MasterIdentity::importFile(const QString& path)
{
    const QFileInfo info(path);
    if (!info.exists()) {
        return makeError(
            ErrorCode::NotFound,
            QStringLiteral("No key file or directory at %1: check the path").arg(QDir::toNativeSeparators(path)));
    }
    QString secretPath = path;
    QString publicPath;
    const bool isDir = info.isDir();
    if (isDir) {
        const QDir dir(path);
        secretPath = dir.filePath(TorKeyFile::secretFileName());
        publicPath = dir.filePath(TorKeyFile::publicFileName());
        if (!QFileInfo::exists(secretPath)) {
            return makeError(ErrorCode::NotFound,
                             QStringLiteral("%1 has no hs_ed25519_secret_key: point at tor's HiddenServiceDir or at "
                                            "a key file")
                                 .arg(QDir::toNativeSeparators(path)));
        }
    } else if (info.fileName() == TorKeyFile::publicFileName()) {
        return makeError(ErrorCode::BadKey,
                         QStringLiteral("%1 is tor's public key file: import hs_ed25519_secret_key (or the whole "
                                        "HiddenServiceDir) instead")
                             .arg(QDir::toNativeSeparators(path)));
    } else if (info.fileName() == TorKeyFile::secretFileName()) {
        publicPath = info.dir().filePath(TorKeyFile::publicFileName());
    }

    RB_TRY(const crypto::SecretBuffer content, PrivateFile::read(secretPath, kMaxImportSize));
    QByteArray publicFile;
    if (!publicPath.isEmpty() && QFileInfo::exists(publicPath)) {
        RB_TRY(const crypto::SecretBuffer pub, PrivateFile::read(publicPath, kMaxImportSize));
        publicFile = pub.view().toByteArray();
        if (publicFile.isEmpty()) {
            return makeError(ErrorCode::BadKey,
                             QStringLiteral("%1 is empty: delete it (tor recreates it) or copy it again")
                                 .arg(QDir::toNativeSeparators(publicPath)));
        }
    }
    auto id = importBytes(content.view(), publicFile);
    if (!id.ok()) {
        Error e = id.error();
        e.detail = QDir::toNativeSeparators(secretPath);
        return e;
    }
    if (isDir) {
        id->m_format = Format::HiddenServiceDir;
    }
    return id;
}

// ---------------------------------------------------------------- accessors

OnionAddress MasterIdentity::address() const
{
    auto a = OnionAddress::fromPublicKey(m_publicKey);
    return a.ok() ? *a : OnionAddress();
}

QString MasterIdentity::formatName(Format format)
{
    switch (format) {
    case Format::Generated:
        return QStringLiteral("generated");
    case Format::Seed:
        return QStringLiteral("seed");
    case Format::Expanded:
        return QStringLiteral("expanded");
    case Format::HexSeed:
        return QStringLiteral("hex-seed");
    case Format::RawSeed:
        return QStringLiteral("raw-seed");
    case Format::TorSecretKey:
        return QStringLiteral("tor-secret-key");
    case Format::Pkcs8Pem:
        return QStringLiteral("pkcs8-pem");
    case Format::ControlPortKey:
        return QStringLiteral("control-port-key");
    case Format::HiddenServiceDir:
        return QStringLiteral("hidden-service-dir");
    }
    return QStringLiteral("unknown");
}

Result<QByteArray> MasterIdentity::blindedPublicKey(std::uint64_t periodNumber, std::uint64_t periodLengthMinutes) const
{
    return crypto::ed25519::blindPublicKey(m_publicKey, periodNumber, periodLengthMinutes);
}

Result<crypto::SecretBuffer> MasterIdentity::blindedExpandedKey(std::uint64_t periodNumber,
                                                                std::uint64_t periodLengthMinutes) const
{
    return crypto::ed25519::blindExpandedKey(m_expanded, m_publicKey, periodNumber, periodLengthMinutes);
}

QByteArray MasterIdentity::sign(QByteArrayView message) const
{
    return crypto::ed25519::sign(m_expanded, m_publicKey, message);
}

crypto::SecretBuffer MasterIdentity::torSecretKeyFile() const
{
    return TorKeyFile::encodeSecret(m_expanded);
}

QByteArray MasterIdentity::torPublicKeyFile() const
{
    return TorKeyFile::encodePublic(m_publicKey);
}

QByteArray MasterIdentity::hostnameFile() const
{
    return TorKeyFile::encodeHostname(address());
}

Result<crypto::SecretBuffer> MasterIdentity::pem() const
{
    if (!hasSeed()) {
        return makeError(ErrorCode::Unsupported,
                         QStringLiteral("This key exists only in expanded form (as tor stores it) and PKCS#8 PEM "
                                        "needs the 32-byte seed: export it in tor's format instead"));
    }
    return Pkcs8Ed25519::encodePem(m_seed);
}

crypto::SecretBuffer MasterIdentity::addOnionKeySpec() const
{
    crypto::ensureInitialized();
    const std::size_t b64Len = sodium_base64_ENCODED_LEN(64, sodium_base64_VARIANT_ORIGINAL);  // with NUL
    const std::size_t prefixLen = sizeof(kControlPortPrefix) - 1;
    crypto::SecretBuffer out(prefixLen + b64Len);
    std::memcpy(out.data(), kControlPortPrefix, prefixLen);
    sodium_bin2base64(reinterpret_cast<char*>(out.data() + prefixLen), b64Len, m_expanded.data(), m_expanded.size(),
                      sodium_base64_VARIANT_ORIGINAL);
    // Drop the terminating NUL from the view.
    crypto::SecretBuffer trimmedOut(prefixLen + b64Len - 1);
    std::memcpy(trimmedOut.data(), out.data(), trimmedOut.size());
    return trimmedOut;
}

// ---------------------------------------------------------------- export

namespace {

struct PlannedFile {
    QString path;
    QByteArrayView content;
    bool isKey;  // a differing existing key file is a conflict
};

Result<MasterIdentity::ExportReport> writePlanned(const std::vector<PlannedFile>& files,
                                                  MasterIdentity::Overwrite overwrite, const QString& conflictMessage)
{
    MasterIdentity::ExportReport report;
    std::vector<bool> differs(files.size(), false);
    bool conflict = false;
    for (std::size_t i = 0; i < files.size(); ++i) {
        const QFileInfo info(files[i].path);
        if (!info.exists()) {
            continue;
        }
        RB_TRY(const crypto::SecretBuffer existing, PrivateFile::read(files[i].path, 1024 * 1024));
        if (crypto::constantTimeEquals(existing.view(), files[i].content)) {
            report.unchanged << files[i].path;
            continue;
        }
        differs[i] = true;
        conflict = conflict || files[i].isKey;
    }
    if (conflict && overwrite == MasterIdentity::Overwrite::Refuse) {
        return makeError(ErrorCode::Rejected, conflictMessage);
    }
    for (std::size_t i = 0; i < files.size(); ++i) {
        if (differs[i] && overwrite == MasterIdentity::Overwrite::BackupAndReplace) {
            RB_TRY(const QString backupPath, PrivateFile::backup(files[i].path));
            report.backups << backupPath;
        }
    }
    for (std::size_t i = 0; i < files.size(); ++i) {
        if (report.unchanged.contains(files[i].path)) {
            continue;
        }
        RB_TRY_STATUS(PrivateFile::write(files[i].path, files[i].content));
        report.written << files[i].path;
    }
    return report;
}

}  // namespace

Result<MasterIdentity::ExportReport> MasterIdentity::exportTorFiles(const QString& dirPath, Overwrite overwrite) const
{
    RB_TRY_STATUS(PrivateFile::ensurePrivateDir(dirPath, PrivateFile::ExistingDir::Tighten));
    const QDir dir(dirPath);
    const crypto::SecretBuffer secret = torSecretKeyFile();
    const QByteArray pub = torPublicKeyFile();
    const QByteArray hostname = hostnameFile();

    // Name the key already there, if it can be read, so the operator knows what would be replaced.
    QString existing = QStringLiteral("a different key");
    const QString publicPath = dir.filePath(TorKeyFile::publicFileName());
    if (QFileInfo::exists(publicPath)) {
        if (auto bytes = PrivateFile::read(publicPath, kMaxImportSize); bytes.ok()) {
            if (auto pk = TorKeyFile::decodePublic(bytes->view()); pk.ok() && *pk != m_publicKey) {
                existing = QStringLiteral("the key of %1").arg(describeAddress(*pk));
            }
        }
    }
    const QString conflict = QStringLiteral("%1 already holds %2: choose another directory, or allow replacing it "
                                            "(--force; the old files are backed up first)")
                                 .arg(QDir::toNativeSeparators(dirPath), existing);
    return writePlanned({{dir.filePath(TorKeyFile::secretFileName()), secret.view(), true},
                         {publicPath, pub, true},
                         {dir.filePath(TorKeyFile::hostnameFileName()), hostname, false}},
                        overwrite, conflict);
}

Result<MasterIdentity::ExportReport> MasterIdentity::exportSeedFile(const QString& path, Overwrite overwrite) const
{
    if (!hasSeed()) {
        return makeError(ErrorCode::Unsupported,
                         QStringLiteral("This key exists only in expanded form (as tor stores it), so there is no "
                                        "seed to write: export it in tor's format instead"));
    }
    RB_TRY_STATUS(PrivateFile::ensurePrivateDir(QFileInfo(path).absolutePath(), PrivateFile::ExistingDir::Keep));
    return writePlanned({{path, m_seed.view(), true}}, overwrite,
                        QStringLiteral("%1 already holds a different key: choose another file, or allow replacing it "
                                       "(--force; the old file is backed up first)")
                            .arg(QDir::toNativeSeparators(path)));
}

Result<MasterIdentity::ExportReport> MasterIdentity::exportPemFile(const QString& path, Overwrite overwrite) const
{
    RB_TRY(const crypto::SecretBuffer text, pem());
    RB_TRY_STATUS(PrivateFile::ensurePrivateDir(QFileInfo(path).absolutePath(), PrivateFile::ExistingDir::Keep));
    return writePlanned({{path, text.view(), true}}, overwrite,
                        QStringLiteral("%1 already holds a different key: choose another file, or allow replacing it "
                                       "(--force; the old file is backed up first)")
                            .arg(QDir::toNativeSeparators(path)));
}

}  // namespace rb::onion
