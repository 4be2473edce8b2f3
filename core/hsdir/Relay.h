#pragma once
// One router-status entry of a consensus (plus the ed25519 identity learnt
// from its microdescriptor). Plain value type; the parsers fill it in.

#include "util/Result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QStringView>

namespace rb::hsdir {

struct Relay {
    QString nickname;
    QByteArray rsaId;            // 20 bytes (legacy RSA identity digest)
    QByteArray ed25519Id;        // 32 bytes, or empty when no microdescriptor is known
    QStringList flags;           // "s" line, in document order
    QMap<QString, quint64> protocols;  // "pr" line: name -> bitmask of versions (bit v set = supports v)
    QString version;             // "v" line, e.g. "Tor 0.4.9.11" (may be empty)
    QString address;             // IPv4, dotted quad
    quint16 orPort = 0;
    quint16 dirPort = 0;
    QByteArray microdescDigest;  // 32 bytes SHA-256 ("m" line of a microdesc consensus), else empty

    [[nodiscard]] bool hasFlag(QStringView flag) const;
    [[nodiscard]] bool supportsProtocol(QStringView name, int protocolVersion) const;
    // 40 upper-case hex characters, as tor prints "$FP" (no '$').
    [[nodiscard]] QString fingerprintHex() const;
    // base64 of the ed25519 id without padding (as in "id ed25519"), or empty.
    [[nodiscard]] QString ed25519IdBase64() const;
    // tor's node_supports_v3_hsdir() && rs->is_hs_dir && an ed25519 id is
    // known (hs_get_responsible_hsdirs / node_has_hsdir_index).
    [[nodiscard]] bool isV3HsDir() const;

    // Parses a protover list ("Cons=1-2 HSDir=2 Link=1-5 ...") exactly as
    // tor's protover_list_is_invalid/parse_single_entry: names of
    // [A-Za-z0-9-]{1,100}, comma-separated versions or ranges 0..63.
    static Result<QMap<QString, quint64>> parseProtocols(QByteArrayView text);
    // Tor's bug #22447 filter: a "Tor " version older than 0.3.0.8 never
    // counts as a v3 HSDir even if its protover line says so.
    static bool versionTooOldForV3HsDir(QStringView platform);
};

}  // namespace rb::hsdir
