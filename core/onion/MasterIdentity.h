#pragma once
// The onion service's master identity key (the key behind the .onion
// address). Every node runs it; the balancer signs with keys blinded from it.
//
// The seed (if known) and the expanded key (a ‖ prefix, what tor stores) live
// only in SecretBuffers. A key known only in expanded form — tor's
// hs_ed25519_secret_key holds no seed — works everywhere except the formats
// that need a seed (PKCS#8 PEM, RustBalance seed file).
//
// Accepted import formats (autodetected by importBytes/importFile):
//   - 32-byte seed as hex text (64 hex digits, surrounding whitespace ignored)
//   - tor's hs_ed25519_secret_key (96 bytes), optionally checked against
//     hs_ed25519_public_key
//   - Onionbalance PEM (unencrypted PKCS#8 Ed25519, "BEGIN PRIVATE KEY")
//   - RustBalance key file: raw 32-byte seed (or the 96-byte tor format)
//   - "ED25519-V3:<base64 of the expanded key>" as tor's ADD_ONION returns it
//   - a HiddenServiceDir (importFile only)

#include "crypto/SecretBuffer.h"
#include "onion/OnionAddress.h"
#include "util/Result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringList>

#include <cstdint>

namespace rb::onion {

class MasterIdentity {
public:
    enum class Format {
        Generated,
        Seed,              // fromSeed()
        Expanded,          // fromExpanded()
        HexSeed,           // 64 hex digits
        RawSeed,           // RustBalance key file, 32 raw bytes
        TorSecretKey,      // hs_ed25519_secret_key
        Pkcs8Pem,          // Onionbalance "BEGIN PRIVATE KEY"
        ControlPortKey,    // "ED25519-V3:<base64>"
        HiddenServiceDir,  // importFile() on a directory
    };

    // What to do when exporting over existing, different files.
    enum class Overwrite {
        Refuse,           // fail with ErrorCode::Rejected, touch nothing
        BackupAndReplace  // copy each differing file to <name>.bak-<UTC stamp> first
    };

    struct ExportReport {
        QStringList written;    // files (re)written
        QStringList unchanged;  // files that already held exactly these bytes
        QStringList backups;    // backup copies made before replacing
    };

    static constexpr qsizetype kMaxImportSize = 64 * 1024;

    MasterIdentity(MasterIdentity&&) noexcept = default;
    MasterIdentity& operator=(MasterIdentity&&) noexcept = default;
    MasterIdentity(const MasterIdentity&) = delete;
    MasterIdentity& operator=(const MasterIdentity&) = delete;
    ~MasterIdentity() = default;

    static Result<MasterIdentity> generate();
    static Result<MasterIdentity> fromSeed(crypto::SecretBuffer seed32);
    static Result<MasterIdentity> fromExpanded(crypto::SecretBuffer expanded64);
    // Autodetects the format of content. publicKeyFile, if given, is tor's
    // hs_ed25519_public_key and must match the secret key.
    static Result<MasterIdentity> importBytes(QByteArrayView content, QByteArrayView publicKeyFile = {});
    // A key file in any importBytes format, or a HiddenServiceDir (reads
    // hs_ed25519_secret_key and checks hs_ed25519_public_key when present;
    // the same check applies to a secret key file with a public key beside it).
    static Result<MasterIdentity> importFile(const QString& path);

    [[nodiscard]] const QByteArray& publicKey() const { return m_publicKey; }
    [[nodiscard]] const crypto::SecretBuffer& expandedKey() const { return m_expanded; }
    [[nodiscard]] bool hasSeed() const { return !m_seed.isEmpty(); }
    // Empty unless hasSeed().
    [[nodiscard]] const crypto::SecretBuffer& seed() const { return m_seed; }
    [[nodiscard]] OnionAddress address() const;
    [[nodiscard]] Format sourceFormat() const { return m_format; }
    [[nodiscard]] static QString formatName(Format format);

    // Key blinding for a time period (rend-spec KEYBLIND; period length in minutes).
    [[nodiscard]] Result<QByteArray> blindedPublicKey(std::uint64_t periodNumber,
                                                      std::uint64_t periodLengthMinutes = 1440) const;
    [[nodiscard]] Result<crypto::SecretBuffer> blindedExpandedKey(std::uint64_t periodNumber,
                                                                  std::uint64_t periodLengthMinutes = 1440) const;
    // Ed25519 signature by the master key itself.
    [[nodiscard]] QByteArray sign(QByteArrayView message) const;

    // Serialised forms (pure).
    [[nodiscard]] crypto::SecretBuffer torSecretKeyFile() const;  // 96 bytes
    [[nodiscard]] QByteArray torPublicKeyFile() const;            // 64 bytes
    [[nodiscard]] QByteArray hostnameFile() const;                // "<56>.onion\n"
    // PKCS#8 PEM (needs the seed: Unsupported for expanded-only keys).
    [[nodiscard]] Result<crypto::SecretBuffer> pem() const;
    // "ED25519-V3:<base64 of the expanded key>" for ADD_ONION. A secret: never log it.
    [[nodiscard]] crypto::SecretBuffer addOnionKeySpec() const;

    // Writes hs_ed25519_secret_key, hs_ed25519_public_key and hostname into dir
    // byte-exact as tor writes them (files 0600, dir created/tightened to 0700).
    // Refuses (ErrorCode::Rejected) to replace different existing key files
    // unless overwrite is BackupAndReplace.
    [[nodiscard]] Result<ExportReport> exportTorFiles(const QString& dir,
                                                      Overwrite overwrite = Overwrite::Refuse) const;
    // RustBalance key file: the raw 32-byte seed (needs the seed).
    [[nodiscard]] Result<ExportReport> exportSeedFile(const QString& path,
                                                      Overwrite overwrite = Overwrite::Refuse) const;
    // Onionbalance-compatible PKCS#8 PEM (needs the seed).
    [[nodiscard]] Result<ExportReport> exportPemFile(const QString& path,
                                                     Overwrite overwrite = Overwrite::Refuse) const;

private:
    MasterIdentity() = default;

    crypto::SecretBuffer m_seed;      // 32 bytes or empty
    crypto::SecretBuffer m_expanded;  // 64 bytes
    QByteArray m_publicKey;           // 32 bytes
    Format m_format = Format::Generated;
};

}  // namespace rb::onion
