#pragma once
// Writes synthetic (unsigned) microdesc consensuses and md/all texts in the
// exact shape tor prints them, for tests, the benchmark and fuzz seeds.
// Header-only; independent of the parser under test (it only formats).

#include <QByteArray>
#include <QCryptographicHash>
#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <algorithm>
#include <optional>

namespace rb::test {

struct SyntheticRelay {
    QByteArray nickname;
    QByteArray rsaId;      // 20 bytes
    QByteArray ed25519Id;  // 32 bytes or empty (microdescriptor without "id ed25519")
    QByteArray ntorKey;    // 32 bytes
    QByteArray flags = "Fast HSDir Running Stable V2Dir Valid";
    QByteArray protocols =
        "Conflux=1 Cons=1-2 Desc=1-3 DirCache=2 FlowCtrl=1-2 HSDir=2 HSIntro=4-5 HSRend=1-2 Link=1-5 "
        "LinkAuth=1,3 Microdesc=1-3 Padding=2 Relay=1-4";
    QByteArray version = "Tor 0.4.9.11";
    QByteArray address = "10.0.0.1";
    int orPort = 9001;
    bool withRsaOnionKeyObject = false;  // legacy TAP key object after "onion-key"
    bool microdescPublished = true;      // include the body in md/all
};

struct SyntheticHeader {
    QDateTime validAfter = QDateTime(QDate(2026, 2, 6), QTime(5, 0), Qt::UTC);
    qint64 votingInterval = 3600;
    QMap<QByteArray, qint64> params;  // emitted sorted (QMap order == strcmp order for ASCII)
    std::optional<QByteArray> srvPrevious;
    std::optional<QByteArray> srvCurrent;
    bool withFooter = true;
};

inline QByteArray isoTime(const QDateTime& t)
{
    return t.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")).toLatin1();
}

inline QByteArray b64NoPad(const QByteArray& raw) { return raw.toBase64(QByteArray::OmitTrailingEquals); }

inline QByteArray fakeRsaObject()
{
    return QByteArrayLiteral("-----BEGIN RSA PUBLIC KEY-----\n"
                             "MIGJAoGBAMd3r5hR0k1m3mQzY2VhZGJlZWZkZWFkYmVlZmRlYWRiZWVmZGVhZGJl\n"
                             "ZWZkZWFkYmVlZmRlYWRiZWVmZGVhZGJlZWZkZWFkYmVlZmRlYWRiZWVmZGVhZGJl\n"
                             "-----END RSA PUBLIC KEY-----\n");
}

// One microdescriptor body exactly as tor stores it (ends with '\n').
inline QByteArray microdescriptorBody(const SyntheticRelay& r)
{
    QByteArray md = "onion-key\n";
    if (r.withRsaOnionKeyObject) {
        md += fakeRsaObject();
    }
    md += "ntor-onion-key " + b64NoPad(r.ntorKey) + "\n";
    md += "family $" + r.rsaId.toHex().toUpper() + "\n";
    if (!r.ed25519Id.isEmpty()) {
        md += "id ed25519 " + b64NoPad(r.ed25519Id) + "\n";
    }
    return md;
}

inline QByteArray microdescriptorDigest(const SyntheticRelay& r)
{
    return QCryptographicHash::hash(microdescriptorBody(r), QCryptographicHash::Sha256);
}

inline QByteArray buildMicrodescriptors(const QList<SyntheticRelay>& relays)
{
    QByteArray out;
    for (const auto& r : relays) {
        if (r.microdescPublished) {
            out += microdescriptorBody(r);
        }
    }
    return out;
}

// Relays must be given in any order; the consensus lists them sorted by RSA id.
inline QByteArray buildConsensus(const SyntheticHeader& h, QList<SyntheticRelay> relays)
{
    std::sort(relays.begin(), relays.end(),
              [](const SyntheticRelay& a, const SyntheticRelay& b) { return a.rsaId < b.rsaId; });
    QByteArray doc;
    doc += "network-status-version 3 microdesc\n";
    doc += "vote-status consensus\n";
    doc += "consensus-method 34\n";
    doc += "valid-after " + isoTime(h.validAfter) + "\n";
    doc += "fresh-until " + isoTime(h.validAfter.addSecs(h.votingInterval)) + "\n";
    doc += "valid-until " + isoTime(h.validAfter.addSecs(3 * h.votingInterval)) + "\n";
    doc += "voting-delay 300 300\n";
    doc += "client-versions 0.4.8.21,0.4.9.11\n";
    doc += "server-versions 0.4.8.21,0.4.9.11\n";
    doc += "known-flags Authority BadExit Exit Fast Guard HSDir MiddleOnly NoEdConsensus Running Stable StaleDesc "
           "Sybil V2Dir Valid\n";
    doc += "recommended-client-protocols Cons=2 Desc=2 DirCache=2 HSDir=2 HSIntro=4 HSRend=2 Link=4-5 "
           "Microdesc=2 Relay=2\n";
    if (!h.params.isEmpty()) {
        doc += "params";
        for (auto it = h.params.cbegin(); it != h.params.cend(); ++it) {
            doc += " " + it.key() + "=" + QByteArray::number(it.value());
        }
        doc += "\n";
    }
    if (h.srvPrevious) {
        doc += "shared-rand-previous-value 9 " + h.srvPrevious->toBase64() + "\n";
    }
    if (h.srvCurrent) {
        doc += "shared-rand-current-value 9 " + h.srvCurrent->toBase64() + "\n";
    }
    doc += "dir-source test000a 596CD48D61FDA4E868F4AA10FF559917BE3B1A35 127.0.0.1 127.0.0.1 7000 5000\n";
    doc += "contact auth0@test.test\n";
    doc += "vote-digest 0123456789ABCDEF0123456789ABCDEF01234567\n";
    int i = 0;
    for (const auto& r : relays) {
        doc += "r " + r.nickname + " " + b64NoPad(r.rsaId) + " " + isoTime(h.validAfter.addSecs(-600 - i)) + " " +
               r.address + " " + QByteArray::number(r.orPort) + " 0\n";
        doc += "a [fd00::" + QByteArray::number(i % 65535, 16) + "]:" + QByteArray::number(r.orPort) + "\n";
        doc += "m " + b64NoPad(microdescriptorDigest(r)) + "\n";
        doc += "s " + r.flags + "\n";
        if (!r.version.isEmpty()) {
            doc += "v " + r.version + "\n";
        }
        doc += "pr " + r.protocols + "\n";
        doc += "w Bandwidth=" + QByteArray::number(100 + i) + "\n";
        ++i;
    }
    if (h.withFooter) {
        doc += "directory-footer\n";
        doc += "bandwidth-weights Wbd=0 Wbe=0 Wbg=4203 Wbm=10000 Wdb=10000 Web=10000 Wed=10000 Wee=10000\n";
        doc += "directory-signature sha256 596CD48D61FDA4E868F4AA10FF559917BE3B1A35 "
               "0123456789ABCDEF0123456789ABCDEF01234567\n";
        doc += "-----BEGIN SIGNATURE-----\n"
               "c2lnbmF0dXJlIGJ5dGVzIGFyZSBub3QgY2hlY2tlZCBieSB0aGlzIHBhcnNlcg==\n"
               "-----END SIGNATURE-----\n";
    }
    return doc;
}

// Deterministic pseudo-random relay i (ids from SHA-256 of a label).
inline SyntheticRelay makeRelay(int i, bool hsdir = true)
{
    auto h = [i](const char* label) {
        return QCryptographicHash::hash(QByteArray(QByteArray(label) + QByteArray::number(i)), QCryptographicHash::Sha256);
    };
    SyntheticRelay r;
    r.nickname = "relay" + QByteArray::number(i);
    r.rsaId = h("rsa").left(20);
    r.ed25519Id = h("ed");
    r.ntorKey = h("ntor");
    r.address = "10." + QByteArray::number((i >> 16) & 255) + "." + QByteArray::number((i >> 8) & 255) + "." +
                QByteArray::number(i & 255);
    r.orPort = 9000 + (i % 1000);
    r.withRsaOnionKeyObject = (i % 3) == 0;
    if (!hsdir) {
        r.flags = "Fast Running Stable V2Dir Valid";
    }
    return r;
}

inline QList<SyntheticRelay> makeRelays(int count)
{
    QList<SyntheticRelay> out;
    out.reserve(count);
    for (int i = 0; i < count; ++i) {
        out.append(makeRelay(i, (i % 10) != 9));  // 90% HSDirs
    }
    return out;
}

}  // namespace rb::test
