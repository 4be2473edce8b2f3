#pragma once
// Microdescriptors as tor prints them for `GETINFO md/all` / `md/id/<fp>`:
// bodies concatenated, each starting with an "onion-key" line. The digest
// that the microdesc consensus lists on its "m" line is SHA-256 over the body
// bytes from "onion-key" up to the next "onion-key" (or '@' annotation) line,
// exactly as microdesc_parse.c:microdesc_extract_body() computes it.

#include "util/Result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

namespace rb::hsdir {

class Microdescriptor {
public:
    struct Limits {
        qsizetype maxTotalBytes = 64 * 1024 * 1024;  // md/all of the real network is ~10 MB
        qsizetype maxCount = 50'000;
        qsizetype maxBodyBytes = 64 * 1024;          // one microdescriptor is < 2 KB in practice
    };

    QByteArray digest;        // SHA-256 of the body (32 bytes)
    QByteArray ed25519Id;     // "id ed25519 <b64>" (32 bytes) or empty
    QByteArray ntorOnionKey;  // "ntor-onion-key <b64>" (32 bytes)

    // Parses every microdescriptor in the text. CRLF line ends (as seen on
    // the control port before un-escaping) are normalised to LF first: tor
    // hashes LF bodies. Annotation lines ('@...') are skipped, not hashed.
    // Any malformed microdescriptor fails the whole call (tor only prints
    // ones it parsed successfully, so a bad one means corrupted transport).
    static Result<QList<Microdescriptor>> parseAll(QByteArrayView text);
    static Result<QList<Microdescriptor>> parseAll(QByteArrayView text, const Limits& limits);
};

}  // namespace rb::hsdir
