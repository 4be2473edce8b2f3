// Consensus and microdescriptor parsing: synthetic round trip, digest
// matching, tor's parameter clamping, protover rules, malformed input.
#include "hsdir/Consensus.h"
#include "hsdir/Microdescriptor.h"
#include "hsdir/Relay.h"
#include "hsdir/SyntheticNetwork.h"

#include <QtTest>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

using namespace rb;
using namespace rb::hsdir;
using rb::test::SyntheticHeader;
using rb::test::SyntheticRelay;

namespace {
QByteArray bytes(char c, int n) { return QByteArray(n, c); }

SyntheticHeader defaultHeader()
{
    SyntheticHeader h;
    h.params = {{"CircuitPriorityHalflifeMsec", 30000}, {"hsdir_interval", 1440}, {"hsdir_spread_store", 4}};
    h.srvPrevious = bytes('\x11', 32);
    h.srvCurrent = bytes('\x22', 32);
    return h;
}

// Replaces the first line starting with `prefix` by `replacement` (or
// removes it when replacement is empty).
QByteArray replaceLine(QByteArray doc, const QByteArray& prefix, const QByteArray& replacement)
{
    const qsizetype at = doc.startsWith(prefix) ? 0 : doc.indexOf(QByteArray("\n" + prefix));
    if (at < 0) {
        return doc;
    }
    const qsizetype start = at == 0 && doc.startsWith(prefix) ? 0 : at + 1;
    const qsizetype end = doc.indexOf('\n', start);
    doc.replace(start, end - start + 1, replacement.isEmpty() ? QByteArray() : replacement + "\n");
    return doc;
}
}  // namespace

class TestConsensus : public QObject {
    Q_OBJECT
private slots:
    void roundTripMicrodescConsensus()
    {
        QList<SyntheticRelay> relays = rb::test::makeRelays(25);
        relays[3].ed25519Id.clear();            // microdescriptor without "id ed25519"
        relays[4].microdescPublished = false;  // md not known to tor
        relays[5].version.clear();              // no "v" line
        const QByteArray text = rb::test::buildConsensus(defaultHeader(), relays);

        auto parsed = Consensus::parse(text);
        QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().toString()));
        Consensus c = std::move(parsed).value();
        QCOMPARE(c.flavor, Consensus::Flavor::Microdesc);
        QCOMPARE(c.consensusMethod, 34);
        QCOMPARE(c.validAfter, QDateTime(QDate(2026, 2, 6), QTime(5, 0), Qt::UTC));
        QCOMPARE(c.freshUntil, QDateTime(QDate(2026, 2, 6), QTime(6, 0), Qt::UTC));
        QCOMPARE(c.validUntil, QDateTime(QDate(2026, 2, 6), QTime(8, 0), Qt::UTC));
        QCOMPARE(c.votingIntervalSeconds(), qint64{3600});
        QCOMPARE(c.voteSeconds, qint64{300});
        QCOMPARE(c.knownFlags.size(), 14);
        QCOMPARE(c.params.value(QStringLiteral("CircuitPriorityHalflifeMsec")), qint64{30000});
        QCOMPARE(c.srvPrevious.value(), bytes('\x11', 32));
        QCOMPARE(c.srvCurrent.value(), bytes('\x22', 32));
        QCOMPARE(c.srvCurrentReveals, quint64{9});
        QVERIFY(c.warnings.isEmpty());
        QCOMPARE(c.relays.size(), relays.size());

        // Every source relay comes back with the same fields.
        for (const SyntheticRelay& src : relays) {
            const Relay* r = c.findByRsaId(src.rsaId);
            QVERIFY(r != nullptr);
            QCOMPARE(r->nickname, QString::fromLatin1(src.nickname));
            QCOMPARE(r->address, QString::fromLatin1(src.address));
            QCOMPARE(int(r->orPort), src.orPort);
            QCOMPARE(r->flags.join(u' '), QString::fromLatin1(src.flags));
            QCOMPARE(r->version, QString::fromLatin1(src.version));
            QCOMPARE(r->microdescDigest, rb::test::microdescriptorDigest(src));
            QVERIFY(r->supportsProtocol(u"HSDir", 2));
            QVERIFY(!r->supportsProtocol(u"HSDir", 3));
            QVERIFY(r->supportsProtocol(u"Link", 5));
            QVERIFY(r->ed25519Id.isEmpty());  // nothing attached yet
        }
        QCOMPARE(c.eligibleHsDirCount(), 0);

        QVERIFY(c.attachMicrodescriptors(rb::test::buildMicrodescriptors(relays)).ok());
        int expectedEligible = 0;
        for (const SyntheticRelay& src : relays) {
            const Relay* r = c.findByRsaId(src.rsaId);
            const QByteArray expectedEd = src.microdescPublished ? src.ed25519Id : QByteArray();
            QCOMPARE(r->ed25519Id, expectedEd);
            const bool eligible = !expectedEd.isEmpty() && src.flags.contains("HSDir");
            QCOMPARE(r->isV3HsDir(), eligible);
            expectedEligible += eligible ? 1 : 0;
        }
        QCOMPARE(c.eligibleHsDirCount(), expectedEligible);
        QCOMPARE(c.relaysWithEd25519Id(), 23);
    }

    // Independent implementation: stem parses the same texts; both agree.
    void agreesWithStem()
    {
        const QString python = QStringLiteral("/usr/bin/python3");
        QProcess probe;
        probe.start(python, {QStringLiteral("-c"), QStringLiteral("import stem.descriptor")});
        if (!probe.waitForFinished(30000) || probe.exitCode() != 0) {
            QSKIP("python3-stem not available");
        }
        QList<SyntheticRelay> relays = rb::test::makeRelays(40);
        relays[5].flags = "Exit Fast Guard Running Stable Valid";
        relays[6].protocols = "HSDir=1 Link=1-5";
        const QByteArray consensusText = rb::test::buildConsensus(defaultHeader(), relays);
        const QByteArray mdText = rb::test::buildMicrodescriptors(relays);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QFile cf(dir.filePath(QStringLiteral("consensus")));
        QFile mf(dir.filePath(QStringLiteral("md")));
        QVERIFY(cf.open(QIODevice::WriteOnly) && cf.write(consensusText) == consensusText.size());
        QVERIFY(mf.open(QIODevice::WriteOnly) && mf.write(mdText) == mdText.size());
        cf.close();
        mf.close();
        QProcess proc;
        proc.start(python, {QStringLiteral(RB_SOURCE_DIR "/tests/hsdir/data/stem_parse.py"), cf.fileName(), mf.fileName()});
        QVERIFY(proc.waitForFinished(60000));
        QVERIFY2(proc.exitCode() == 0, proc.readAllStandardError().constData());
        const QJsonObject ref = QJsonDocument::fromJson(proc.readAllStandardOutput()).object();

        auto parsed = Consensus::parse(consensusText);
        QVERIFY(parsed.ok());
        Consensus c = std::move(parsed).value();
        QVERIFY(c.attachMicrodescriptors(mdText).ok());
        QCOMPARE(c.validAfter.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")), ref[QStringLiteral("valid_after")].toString());
        QCOMPARE(c.freshUntil.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")), ref[QStringLiteral("fresh_until")].toString());
        QCOMPARE(QString::fromLatin1(c.srvCurrent->toBase64()), ref[QStringLiteral("srv_current")].toString());
        QCOMPARE(QString::fromLatin1(c.srvPrevious->toBase64()), ref[QStringLiteral("srv_previous")].toString());
        const QJsonObject params = ref[QStringLiteral("params")].toObject();
        QCOMPARE(qsizetype(params.size()), c.params.size());
        for (auto it = c.params.cbegin(); it != c.params.cend(); ++it) {
            QCOMPARE(params[it.key()].toInteger(), it.value());
        }
        const QJsonObject stemRelays = ref[QStringLiteral("relays")].toObject();
        const QJsonObject stemMd = ref[QStringLiteral("md")].toObject();
        QCOMPARE(qsizetype(stemRelays.size()), c.relays.size());
        for (const Relay& r : c.relays) {
            const QJsonObject s = stemRelays[r.fingerprintHex()].toObject();
            QVERIFY2(!s.isEmpty(), qPrintable(r.fingerprintHex()));
            QCOMPARE(r.nickname, s[QStringLiteral("nickname")].toString());
            QCOMPARE(r.address, s[QStringLiteral("address")].toString());
            QCOMPARE(int(r.orPort), s[QStringLiteral("or_port")].toInt());
            const QString md = QString::fromLatin1(r.microdescDigest.toBase64(QByteArray::OmitTrailingEquals));
            QCOMPARE(md, s[QStringLiteral("md")].toString());
            QStringList flags = r.flags;
            flags.sort();
            QStringList stemFlags;
            for (const auto& f : s[QStringLiteral("flags")].toArray()) {
                stemFlags.append(f.toString());
            }
            QCOMPARE(flags, stemFlags);
            bool stemHsDir2 = false;
            for (const auto& v : s[QStringLiteral("hsdir")].toArray()) {
                stemHsDir2 = stemHsDir2 || v.toInt() == 2;
            }
            QCOMPARE(r.supportsProtocol(u"HSDir", 2), stemHsDir2);
            // stem's md digest -> ed25519 id agrees with what we attached.
            QCOMPARE(r.ed25519IdBase64(), stemMd[md].toString());
        }
    }

    void microdescriptorDigestIsSha256OfBody()
    {
        // Independent check of the digest rule on a hand-written body.
        const QByteArray ed = QByteArray::fromHex("d097996729d66eea1f0c6db7b59b02b9c51f7d15f3b21a62b43242b938e25653");
        const QByteArray body = "onion-key\nntor-onion-key " + ed.toBase64(QByteArray::OmitTrailingEquals) +
                                "\nid ed25519 " + ed.toBase64(QByteArray::OmitTrailingEquals) + "\n";
        const QByteArray text = "@last-listed 2026-02-06 05:00:00\n" + body + body;
        auto mds = Microdescriptor::parseAll(text);
        QVERIFY(mds.ok());
        QCOMPARE(mds->size(), 2);
        QCOMPARE(mds->at(0).digest, QCryptographicHash::hash(body, QCryptographicHash::Sha256));
        QCOMPARE(mds->at(0).ed25519Id, ed);
        QCOMPARE(mds->at(1).ntorOnionKey, ed);

        // CRLF (control port wire form) hashes like LF; a missing final newline is restored.
        QByteArray crlf = body;
        crlf.replace("\n", "\r\n");
        auto viaCrlf = Microdescriptor::parseAll(crlf);
        QVERIFY(viaCrlf.ok());
        QCOMPARE(viaCrlf->at(0).digest, mds->at(0).digest);
        auto noFinalNewline = Microdescriptor::parseAll(body.chopped(1));
        QVERIFY(noFinalNewline.ok());
        QCOMPARE(noFinalNewline->at(0).digest, mds->at(0).digest);

        // Empty md/all (no microdescriptors known yet) is fine.
        auto empty = Microdescriptor::parseAll("");
        QVERIFY(empty.ok());
        QVERIFY(empty->isEmpty());
    }

    // Vectors from tor's src/test/test_microdesc.c (tor 0.4.9 main):
    // test_md_cache (test_md1..3), test_md_parse_id_ed25519,
    // test_md_parse_no_onion_key.
    void torMicrodescVectors()
    {
        const QByteArray rsa1 = "-----BEGIN RSA PUBLIC KEY-----\n"
                                "MIGJAoGBAMjlHH/daN43cSVRaHBwgUfnszzAhg98EvivJ9Qxfv51mvQUxPjQ07es\n"
                                "gV/3n8fyh3Kqr/ehi9jxkdgSRfSnmF7giaHL1SLZ29kA7KtST+pBvmTpDtHa3ykX\n"
                                "Xorc7hJvIyTZoc1HU+5XSynj3gsBE5IGK1ZRzrNS688LnuZMVp1tAgMBAAE=\n"
                                "-----END RSA PUBLIC KEY-----\n";
        const QByteArray md1 = "onion-key\n" + rsa1 + "ntor-onion-key AppBt6CSeb1kKid/36ototmFA24ddfW5JpjWPLuoJgs=\n";
        const QByteArray md3body = "onion-key\n" + rsa1 +
                                   "ntor-onion-key AppBt6CSeb1kKid/36ototmFA24ddfW5JpjWPLuoJgs=\n"
                                   "p accept 1-700,800-1000\n"
                                   "family nodeX nodeY nodeZ\n";
        const QByteArray md3 = "@last-listed 2009-06-22\n" + md3body;
        auto cache = Microdescriptor::parseAll(QByteArray(md1 + md3));
        QVERIFY(cache.ok());
        QCOMPARE(cache->size(), 2);
        QCOMPARE(cache->at(0).digest, QCryptographicHash::hash(md1, QCryptographicHash::Sha256));
        // test_md_cache: the annotation is not part of the hashed body.
        QCOMPARE(cache->at(1).digest, QCryptographicHash::hash(md3body, QCryptographicHash::Sha256));
        QVERIFY(cache->at(1).ed25519Id.isEmpty());

        const QByteArray goodMd = "onion-key\n" + rsa1 +
                                  "ntor-onion-key AppBt6CSeb1kKid/36ototmFA24ddfW5JpjWPLuoJgs=\n"
                                  "id ed25519 VGhpcyBpc24ndCBhY3R1YWxseSBhIHB1YmxpYyBrZXk\n"
                                  "id wumpus dodecahedron\n";
        auto good = Microdescriptor::parseAll(goodMd);
        QVERIFY(good.ok());
        QCOMPARE(good->at(0).ed25519Id, QByteArray("This isn't actually a public key"));

        const QByteArray duplicate = "onion-key\n" + rsa1 +
                                     "ntor-onion-key AppBt6CSeb1kKid/36ototmFA24ddfW5JpjWPLuoJgs\n"
                                     "id ed25519 VGhpcyBpc24ndCBhY3R1YWxseSBhIHB1YmxpYyBrZXk\n"
                                     "id ed25519 VGhpcyBpc24ndCBhY3R1YWxseSBhIHB1YmxpYyBrZXk\n";
        QVERIFY(!Microdescriptor::parseAll(duplicate).ok());
        const QByteArray bogus = "onion-key\n" + rsa1 +
                                 "ntor-onion-key AppBt6CSeb1kKid/36ototmFA24ddfW5JpjWPLuoJgs\n"
                                 "id ed25519 VGhpcyBpc24ndCBhY3R1YWxseSBhIHB1YmxpYyZZZZZZZZZZZ\n";
        QVERIFY(!Microdescriptor::parseAll(bogus).ok());

        const QByteArray noOnionKeyObject = "onion-key\n"
                                            "ntor-onion-key AppBt6CSeb1kKid/36ototmFA24ddfW5JpjWPLuoJgs=\n"
                                            "id ed25519 VGhpcyBpc24ndCBhY3R1YWxseSBhIHB1YmxpYyBrZXk\n";
        auto noKey = Microdescriptor::parseAll(noOnionKeyObject);
        QVERIFY(noKey.ok());
        QCOMPARE(noKey->at(0).ed25519Id, QByteArray("This isn't actually a public key"));
    }

    void malformedMicrodescriptors_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("code");
        const QByteArray key = bytes('\x42', 32).toBase64(QByteArray::OmitTrailingEquals);
        const int parse = int(ErrorCode::ParseError);
        QTest::newRow("text before onion-key") << QByteArray("hello\nonion-key\nntor-onion-key " + key + "\n") << parse;
        QTest::newRow("no ntor key") << QByteArray("onion-key\nid ed25519 " + key + "\n") << parse;
        QTest::newRow("short ntor key") << QByteArray("onion-key\nntor-onion-key AAAA\n") << parse;
        QTest::newRow("bad base64 ed") << QByteArray("onion-key\nntor-onion-key " + key + "\nid ed25519 " +
                                                     key.left(42) + "*\n") << parse;
        QTest::newRow("two ed ids") << QByteArray("onion-key\nntor-onion-key " + key + "\nid ed25519 " + key +
                                                  "\nid ed25519 " + key + "\n") << parse;
        QTest::newRow("id without key") << QByteArray("onion-key\nntor-onion-key " + key + "\nid ed25519\n") << parse;
        QTest::newRow("unterminated object") << QByteArray("onion-key\n-----BEGIN RSA PUBLIC KEY-----\nAAAA\n") << parse;
        QTest::newRow("onion-key with args") << QByteArray("onion-key x\nntor-onion-key " + key + "\n") << parse;
        QTest::newRow("NUL") << QByteArray(QByteArray("onion-key\nntor-onion-key " + key + "\n") + '\0') << parse;
    }

    void malformedMicrodescriptors()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, code);
        auto r = Microdescriptor::parseAll(text);
        QVERIFY(!r.ok());
        QCOMPARE(int(r.error().code), code);
        QVERIFY(!r.error().message.isEmpty());
    }

    void microdescriptorLimits()
    {
        const QByteArray body = rb::test::microdescriptorBody(rb::test::makeRelay(1));
        Microdescriptor::Limits limits;
        limits.maxCount = 2;
        auto tooMany = Microdescriptor::parseAll(QByteArray(body + body + body), limits);
        QVERIFY(!tooMany.ok());
        QCOMPARE(tooMany.error().code, ErrorCode::TooLarge);
        limits = {};
        limits.maxTotalBytes = body.size() - 1;
        auto tooBig = Microdescriptor::parseAll(body, limits);
        QVERIFY(!tooBig.ok());
        QCOMPARE(tooBig.error().code, ErrorCode::TooLarge);
        limits = {};
        limits.maxBodyBytes = 50;
        auto bodyTooBig = Microdescriptor::parseAll(body, limits);
        QVERIFY(!bodyTooBig.ok());
        QCOMPARE(bodyTooBig.error().code, ErrorCode::TooLarge);
    }

    void attachRejectsCorruptMicrodescriptors()
    {
        const auto relays = rb::test::makeRelays(3);
        auto c = Consensus::parse(rb::test::buildConsensus(defaultHeader(), relays));
        QVERIFY(c.ok());
        const Status s = c->attachMicrodescriptors("garbage\n");
        QVERIFY(!s.ok());
        QCOMPARE(s.error().code, ErrorCode::ParseError);
        QCOMPARE(c->relaysWithEd25519Id(), 0);
        // Attaching piecewise (md/id/<fp> answers one by one) accumulates.
        QVERIFY(c->attachMicrodescriptors(rb::test::microdescriptorBody(relays[0])).ok());
        QCOMPARE(c->relaysWithEd25519Id(), 1);
        QVERIFY(c->attachMicrodescriptors(rb::test::microdescriptorBody(relays[2])).ok());
        QCOMPARE(c->relaysWithEd25519Id(), 2);
    }

    void crlfConsensusParses()
    {
        QByteArray text = rb::test::buildConsensus(defaultHeader(), rb::test::makeRelays(5));
        text.replace("\n", "\r\n");
        auto c = Consensus::parse(text);
        QVERIFY2(c.ok(), qPrintable(c.ok() ? QString() : c.error().toString()));
        QCOMPARE(c->relays.size(), 5);
        QCOMPARE(c->relays[0].flags.last(), QStringLiteral("Valid"));
    }

    void nsFlavourParsesWithoutEd25519()
    {
        // A plain "ns" consensus: "r" has the descriptor digest, no "m" lines.
        const QByteArray text =
            "network-status-version 3\n"
            "vote-status consensus\n"
            "valid-after 2026-02-06 05:00:00\n"
            "fresh-until 2026-02-06 06:00:00\n"
            "valid-until 2026-02-06 08:00:00\n"
            "voting-delay 300 300\n"
            "known-flags Fast HSDir Running Stable V2Dir Valid\n"
            "r alpha AAECAwQFBgcICQoLDA0ODxAREhM ISEhISEhISEhISEhISEhISEhISE 2026-02-06 04:00:00 10.1.2.3 9001 9030\n"
            "s Fast HSDir Running Stable V2Dir Valid\n"
            "v Tor 0.4.9.11\n"
            "pr HSDir=2 Link=1-5\n"
            "w Bandwidth=20\n"
            "p reject 1-65535\n"
            "directory-footer\n";
        auto c = Consensus::parse(text);
        QVERIFY2(c.ok(), qPrintable(c.ok() ? QString() : c.error().toString()));
        QCOMPARE(c->flavor, Consensus::Flavor::Ns);
        QCOMPARE(c->relays.size(), 1);
        QCOMPARE(c->relays[0].rsaId, QByteArray::fromHex("000102030405060708090a0b0c0d0e0f10111213"));
        QCOMPARE(c->relays[0].fingerprintHex(), QStringLiteral("000102030405060708090A0B0C0D0E0F10111213"));
        QCOMPARE(c->relays[0].dirPort, quint16{9030});
        QVERIFY(c->relays[0].microdescDigest.isEmpty());
        QVERIFY(!c->srvCurrent.has_value());
        QVERIFY(c->attachMicrodescriptors(rb::test::microdescriptorBody(rb::test::makeRelay(1))).ok());
        QCOMPARE(c->eligibleHsDirCount(), 0);
    }

    void paramClampsLikeTor()
    {
        SyntheticHeader h = defaultHeader();
        h.params = {{"hsdir_interval", 1}, {"hsdir_n_replicas", 99}, {"hsdir_spread_fetch", -7}};
        auto c = Consensus::parse(rb::test::buildConsensus(h, {}));
        QVERIFY(c.ok());
        QCOMPARE(c->param(QStringLiteral("hsdir_interval"), 1440, 5, 14400), qint64{5});
        QCOMPARE(c->param(QStringLiteral("hsdir_n_replicas"), 2, 1, 16), qint64{16});
        QCOMPARE(c->param(QStringLiteral("hsdir_spread_fetch"), 3, 1, 128), qint64{1});
        QCOMPARE(c->param(QStringLiteral("hsdir_spread_store"), 4, 1, 128), qint64{4});  // absent: default
        QCOMPARE(c->params.value(QStringLiteral("hsdir_spread_fetch")), qint64{-7});      // raw value kept
    }

    void unparseableSrvIsTreatedAsAbsent()
    {
        QByteArray text = rb::test::buildConsensus(defaultHeader(), {});
        // 43 characters instead of tor's 44: sr_parse_srv() rejects it, tor carries on.
        text = replaceLine(text, "shared-rand-current-value",
                           "shared-rand-current-value 9 " + bytes('\x22', 32).toBase64(QByteArray::OmitTrailingEquals));
        auto c = Consensus::parse(text);
        QVERIFY(c.ok());
        QVERIFY(!c->srvCurrent.has_value());
        QVERIFY(c->srvPrevious.has_value());
        QCOMPARE(c->warnings.size(), 1);
    }

    void protocolLists_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<bool>("hsdir2");
        QTest::newRow("single") << QByteArray("HSDir=2") << true << true;
        QTest::newRow("range") << QByteArray("HSDir=1-2 Link=1-5") << true << true;
        QTest::newRow("list") << QByteArray("HSDir=1,3") << true << false;
        QTest::newRow("v1 only") << QByteArray("HSDir=1") << true << false;
        QTest::newRow("absent") << QByteArray("Link=1-5") << true << false;
        QTest::newRow("empty versions") << QByteArray("HSDir=") << true << false;
        QTest::newRow("max 63") << QByteArray("HSDir=2-63") << true << true;
        QTest::newRow("64 too big") << QByteArray("HSDir=2-64") << false << false;
        QTest::newRow("reversed") << QByteArray("HSDir=3-2") << false << false;
        QTest::newRow("trailing comma") << QByteArray("HSDir=2,") << false << false;
        QTest::newRow("no equals") << QByteArray("HSDir") << false << false;
        QTest::newRow("bad name") << QByteArray("HS_Dir=2") << false << false;
        QTest::newRow("letters") << QByteArray("HSDir=a") << false << false;
    }

    void protocolLists()
    {
        QFETCH(QByteArray, text);
        QFETCH(bool, valid);
        QFETCH(bool, hsdir2);
        auto p = Relay::parseProtocols(text);
        QCOMPARE(p.ok(), valid);
        if (valid) {
            Relay r;
            r.protocols = *p;
            QCOMPARE(r.supportsProtocol(u"HSDir", 2), hsdir2);
        }
    }

    void oldTorVersionsAreNotV3HsDirs()
    {
        QVERIFY(Relay::versionTooOldForV3HsDir(u"Tor 0.3.0.7"));
        QVERIFY(Relay::versionTooOldForV3HsDir(u"Tor 0.2.9.14 (git-abc)"));
        QVERIFY(Relay::versionTooOldForV3HsDir(u"Tor 0.3.0.8-rc"));
        QVERIFY(!Relay::versionTooOldForV3HsDir(u"Tor 0.3.0.8"));
        QVERIFY(!Relay::versionTooOldForV3HsDir(u"Tor 0.4.9.11"));
        QVERIFY(!Relay::versionTooOldForV3HsDir(u"Tor 0.4.9.3-alpha-dev"));
        QVERIFY(!Relay::versionTooOldForV3HsDir(u"Arti 1.2"));     // non-standard: tor says yes
        QVERIFY(!Relay::versionTooOldForV3HsDir(u"Tor garbage"));  // unparseable: tor says yes
        QVERIFY(!Relay::versionTooOldForV3HsDir(u""));
    }

    void malformedConsensus_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("code");
        const QByteArray good = rb::test::buildConsensus(defaultHeader(), rb::test::makeRelays(3));
        const int parse = int(ErrorCode::ParseError);
        const int unsupported = int(ErrorCode::Unsupported);
        QTest::newRow("empty") << QByteArray() << parse;
        QTest::newRow("not a consensus") << QByteArray("hello world\n") << parse;
        QTest::newRow("version 2") << replaceLine(good, "network-status-version", "network-status-version 2")
                                   << unsupported;
        QTest::newRow("unknown flavour") << replaceLine(good, "network-status-version",
                                                        "network-status-version 3 bogus") << unsupported;
        QTest::newRow("a vote") << replaceLine(good, "vote-status", "vote-status vote") << unsupported;
        QTest::newRow("no valid-after") << replaceLine(good, "valid-after", "") << parse;
        QTest::newRow("no known-flags") << replaceLine(good, "known-flags", "") << parse;
        QTest::newRow("bad time") << replaceLine(good, "valid-after", "valid-after 2026-02-30 05:00:00") << parse;
        QTest::newRow("time order") << replaceLine(good, "fresh-until", "fresh-until 2026-02-06 04:00:00") << parse;
        QTest::newRow("duplicate valid-after") << replaceLine(good, "voting-delay",
                                                              "voting-delay 300 300\nvalid-after 2026-02-06 05:00:00")
                                               << parse;
        QTest::newRow("flags unsorted") << replaceLine(good, "known-flags", "known-flags Valid Fast") << parse;
        QTest::newRow("params unsorted") << replaceLine(good, "params", "params b=1 a=2") << parse;
        QTest::newRow("params dup") << replaceLine(good, "params", "params a=1 a=2") << parse;
        QTest::newRow("params not int") << replaceLine(good, "params", "params a=x") << parse;
        QTest::newRow("params overflow") << replaceLine(good, "params", "params a=2147483648") << parse;
        QTest::newRow("voting-delay") << replaceLine(good, "voting-delay", "voting-delay 300") << parse;
        QTest::newRow("short r") << replaceLine(good, "r ", "r nick AAECAwQFBgcICQoLDA0ODxAREhM") << parse;
        QTest::newRow("bad nickname") << replaceLine(good, "r ", "r bad-nick AAECAwQFBgcICQoLDA0ODxAREhM "
                                                                 "2026-02-06 04:00:00 10.0.0.1 9001 0")
                                      << parse;
        QTest::newRow("bad identity") << replaceLine(good, "r ", "r nick AAEC 2026-02-06 04:00:00 10.0.0.1 9001 0")
                                      << parse;
        QTest::newRow("bad address") << replaceLine(good, "r ", "r nick AAECAwQFBgcICQoLDA0ODxAREhM "
                                                                "2026-02-06 04:00:00 10.0.0.256 9001 0")
                                     << parse;
        QTest::newRow("bad port") << replaceLine(good, "r ", "r nick AAECAwQFBgcICQoLDA0ODxAREhM "
                                                             "2026-02-06 04:00:00 10.0.0.1 65536 0")
                                  << parse;
        QTest::newRow("bad m") << replaceLine(good, "m ", "m AAAA") << parse;
        QTest::newRow("no s") << replaceLine(good, "s ", "") << parse;
        QTest::newRow("two s") << replaceLine(good, "s ", "s Fast\ns Valid") << parse;
        QTest::newRow("bad pr") << replaceLine(good, "pr ", "pr HSDir=x") << parse;
        QTest::newRow("unsorted relays") << replaceLine(good, "r ", "r zzz //////////////////////////8 "
                                                                    "2026-02-06 04:00:00 10.0.0.1 9001 0")
                                         << parse;
        QTest::newRow("unterminated object") << good + "-----BEGIN SIGNATURE-----\nAAAA\n" << parse;
        QTest::newRow("two documents") << good + good << parse;
        QTest::newRow("NUL") << QByteArray(good).insert(40, '\0') << parse;
    }

    void malformedConsensus()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, code);
        auto c = Consensus::parse(text);
        QVERIFY2(!c.ok(), text.left(200).constData());
        QCOMPARE(int(c.error().code), code);
        QVERIFY(!c.error().message.isEmpty());
    }

    void consensusLimits()
    {
        const QByteArray text = rb::test::buildConsensus(defaultHeader(), rb::test::makeRelays(10));
        Consensus::Limits limits;
        limits.maxRelays = 9;
        auto tooMany = Consensus::parse(text, limits);
        QVERIFY(!tooMany.ok());
        QCOMPARE(tooMany.error().code, ErrorCode::TooLarge);
        limits = {};
        limits.maxDocumentBytes = text.size() - 1;
        auto tooBig = Consensus::parse(text, limits);
        QVERIFY(!tooBig.ok());
        QCOMPARE(tooBig.error().code, ErrorCode::TooLarge);
        limits = {};
        limits.maxLineBytes = 100;
        auto longLine = Consensus::parse(text, limits);
        QVERIFY(!longLine.ok());
        QCOMPARE(longLine.error().code, ErrorCode::TooLarge);
        limits = {};
        QVERIFY(Consensus::parse(text, limits).ok());
    }

    // The fuzz seeds are meaningful documents (so fuzzing starts from deep paths).
    void fuzzSeedCorporaParse()
    {
        const QDir consensusDir(QStringLiteral(RB_SOURCE_DIR "/tests/fuzz/corpus/consensus"));
        const auto consensusSeeds = consensusDir.entryInfoList(QDir::Files);
        QVERIFY(consensusSeeds.size() >= 3);
        for (const QFileInfo& fi : consensusSeeds) {
            QFile f(fi.filePath());
            QVERIFY(f.open(QIODevice::ReadOnly));
            auto c = Consensus::parse(f.readAll());
            QVERIFY2(c.ok(), qPrintable(fi.fileName() + QLatin1String(": ") + (c.ok() ? QString() : c.error().toString())));
            QVERIFY(!c->relays.isEmpty());
        }
        const QDir mdDir(QStringLiteral(RB_SOURCE_DIR "/tests/fuzz/corpus/microdesc"));
        const auto mdSeeds = mdDir.entryInfoList(QDir::Files);
        QVERIFY(mdSeeds.size() >= 3);
        for (const QFileInfo& fi : mdSeeds) {
            QFile f(fi.filePath());
            QVERIFY(f.open(QIODevice::ReadOnly));
            auto mds = Microdescriptor::parseAll(f.readAll());
            QVERIFY2(mds.ok(), qPrintable(fi.fileName()));
            QVERIFY(!mds->isEmpty());
        }
        // The 3-relay seed and md-all-3 belong together: every relay gets its ed25519 id.
        QFile cf(consensusDir.filePath(QStringLiteral("microdesc-3-relays.txt")));
        QFile mf(mdDir.filePath(QStringLiteral("md-all-3.txt")));
        QVERIFY(cf.open(QIODevice::ReadOnly) && mf.open(QIODevice::ReadOnly));
        auto c = Consensus::parse(cf.readAll());
        QVERIFY(c.ok());
        QVERIFY(c->attachMicrodescriptors(mf.readAll()).ok());
        QCOMPARE(c->eligibleHsDirCount(), 3);
    }

    void truncationsNeverCrash()
    {
        // Every prefix of a valid document either parses or fails with a typed error.
        const QByteArray text = rb::test::buildConsensus(defaultHeader(), rb::test::makeRelays(2));
        int ok = 0;
        for (qsizetype n = 0; n <= text.size(); n += 7) {
            auto c = Consensus::parse(QByteArrayView(text).first(n));
            if (c.ok()) {
                ++ok;
            } else {
                QVERIFY(!c.error().message.isEmpty());
            }
        }
        QVERIFY(ok > 0);  // prefixes ending inside the footer still parse
    }
};

QTEST_GUILESS_MAIN(TestConsensus)
#include "TestConsensus.moc"
