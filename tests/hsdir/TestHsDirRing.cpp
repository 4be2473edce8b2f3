// HSDir ring: tor's index vectors (src/test/test_hs_common.c:
// test_hs_indexes, test_responsible_hsdirs), a hand-built ring whose answer
// is derived in the test by a brute-force reference written differently
// (successor distance modulo 2^256), and an end-to-end cross-check
// (synthetic consensus + md/all -> parser -> ring) against the independent
// Python reference tests/hsdir/data/hsdir_reference.py.
#include "hsdir/Consensus.h"
#include "hsdir/HsDirRing.h"
#include "hsdir/HsDirSnapshot.h"
#include "hsdir/SyntheticNetwork.h"
#include "hsdir/TimePeriod.h"

#include <QtTest>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

#include <algorithm>

using namespace rb;
using namespace rb::hsdir;

namespace {

Relay makeHsDir(char id, bool hsdirFlag = true)
{
    Relay r;
    r.nickname = QStringLiteral("n%1").arg(int(id));
    r.rsaId = QByteArray(20, id);
    r.ed25519Id = QByteArray(32, id);
    r.flags = hsdirFlag ? QStringList{QStringLiteral("HSDir"), QStringLiteral("Running")}
                        : QStringList{QStringLiteral("Running")};
    r.protocols = *Relay::parseProtocols("HSDir=1-2 LinkAuth=3");
    r.version = QStringLiteral("Tor 0.4.9.11");
    return r;
}

DescriptorPlan plan(quint64 tp, quint64 len, const QByteArray& srv)
{
    DescriptorPlan p;
    p.periodNumber = tp;
    p.periodLengthMinutes = len;
    p.srv = srv;
    return p;
}

// 32-byte big-endian (b - a) mod 2^256: how far b lies after a on the ring.
QByteArray ringDistance(const QByteArray& a, const QByteArray& b)
{
    QByteArray out(32, '\0');
    int borrow = 0;
    for (int i = 31; i >= 0; --i) {
        int d = int(quint8(b[i])) - int(quint8(a[i])) - borrow;
        borrow = d < 0 ? 1 : 0;
        out[i] = char(quint8((d + 256) % 256));
    }
    return out;
}

// Reference selection: for each replica, order all eligible nodes by their
// distance after hs_index (a node equal to hs_index has distance 0 and comes
// first, as tor's bsearch finds it), skip nodes already chosen.
QList<QByteArray> referenceSelection(const QList<Relay>& relays, QByteArrayView blinded, const DescriptorPlan& p,
                                     int replicas, int spread)
{
    QList<QByteArray> chosen;
    for (int replica = 1; replica <= replicas; ++replica) {
        const QByteArray target = QCryptographicHash::hash(
            QByteArray(QByteArray("store-at-idx") + blinded.toByteArray() +
                QByteArray::fromHex(QByteArray::number(replica, 16).rightJustified(16, '0')) +
                QByteArray::fromHex(QByteArray::number(p.periodLengthMinutes, 16).rightJustified(16, '0')) +
                QByteArray::fromHex(QByteArray::number(p.periodNumber, 16).rightJustified(16, '0'))),
            QCryptographicHash::Sha3_256);
        QList<std::pair<QByteArray, QByteArray>> byDistance;  // (distance, rsa id)
        for (const Relay& r : relays) {
            if (r.ed25519Id.isEmpty() || !r.flags.contains(QStringLiteral("HSDir")) || !r.supportsProtocol(u"HSDir", 2)) {
                continue;
            }
            const QByteArray idx = QCryptographicHash::hash(
                QByteArray(QByteArray("node-idx") + r.ed25519Id + p.srv +
                    QByteArray::fromHex(QByteArray::number(p.periodNumber, 16).rightJustified(16, '0')) +
                    QByteArray::fromHex(QByteArray::number(p.periodLengthMinutes, 16).rightJustified(16, '0'))),
                QCryptographicHash::Sha3_256);
            byDistance.append({ringDistance(target, idx), r.rsaId});
        }
        std::sort(byDistance.begin(), byDistance.end());
        int added = 0;
        for (const auto& [dist, id] : byDistance) {
            if (added == spread) {
                break;
            }
            if (!chosen.contains(id)) {
                chosen.append(id);
                ++added;
            }
        }
    }
    return chosen;
}

QList<QByteArray> ids(const QList<Relay>& relays)
{
    QList<QByteArray> out;
    for (const auto& r : relays) {
        out.append(r.rsaId);
    }
    return out;
}

}  // namespace

class TestHsDirRing : public QObject {
    Q_OBJECT
private slots:
    // test_hs_common.c: test_hs_indexes (period 42, default 1440-minute length).
    void torTestHsIndexes()
    {
        QCOMPARE(HsDirRing::hsIndex(QByteArray(32, '\x42'), 1, 1440, 42).toHex(),
                 QByteArray("37e5cbbd56a22823714f18f1623ece5983a0d64c78495a8cfab854245e5f9a8a"));
        QCOMPARE(HsDirRing::hsdirIndex(QByteArray(32, '\x42'), QByteArray(32, '\x43'), 42, 1440).toHex(),
                 QByteArray("db475361014a09965e7e5e4d4a25b8f8d4b8f16cb1d8a7e95eed50249cc1a2d5"));
    }

    // test_hs_common.c: test_responsible_hsdirs: two HSDirs and one relay
    // without the flag; blinded key 42*32, TP 17653; only the 2 HSDirs.
    void torTestResponsibleHsdirs()
    {
        const QList<Relay> relays{makeHsDir(1), makeHsDir(2), makeHsDir(3, false)};
        const HsDirRing ring(relays, HsDirRing::Params{});
        QCOMPARE(ring.eligible().size(), 2);
        const DescriptorPlan p = plan(17653, 1440, TimePeriod::disasterSrv(17653, 1440));
        const QList<Relay> chosen = ring.responsibleForUpload(QByteArray(32, 42), p);
        QCOMPARE(chosen.size(), 2);
        QVERIFY(!ids(chosen).contains(QByteArray(20, 3)));
    }

    void handBuiltRingMatchesBruteForceReference_data()
    {
        QTest::addColumn<int>("nodes");
        QTest::addColumn<int>("replicas");
        QTest::addColumn<int>("spread");
        QTest::newRow("12 nodes, 2x4") << 12 << 2 << 4;
        QTest::newRow("12 nodes, 2x3") << 12 << 2 << 3;
        QTest::newRow("12 nodes, 3x4") << 12 << 3 << 4;
        QTest::newRow("6 nodes, 2x4 (overlap)") << 6 << 2 << 4;  // replica 2 finds only 2 unused
        QTest::newRow("3 nodes, 2x4 (ring too small)") << 3 << 2 << 4;
        QTest::newRow("1 node") << 1 << 2 << 4;
        QTest::newRow("40 nodes, 16x8") << 40 << 16 << 8;
    }

    void handBuiltRingMatchesBruteForceReference()
    {
        QFETCH(int, nodes);
        QFETCH(int, replicas);
        QFETCH(int, spread);
        QList<Relay> relays;
        for (int i = 1; i <= nodes; ++i) {
            relays.append(makeHsDir(char(i)));
        }
        relays.append(makeHsDir(char(100), false));  // not an HSDir: never chosen
        Relay noEd = makeHsDir(char(101));
        noEd.ed25519Id.clear();
        relays.append(noEd);
        Relay v1only = makeHsDir(char(102));
        v1only.protocols = *Relay::parseProtocols("HSDir=1");
        relays.append(v1only);

        const HsDirRing ring(relays, HsDirRing::Params{replicas, spread, spread});
        QCOMPARE(ring.eligible().size(), nodes);
        const QByteArray srv = QByteArray::fromHex("5a" + QByteArray(62, '1'));
        for (const DescriptorPlan& p : {plan(20489, 1440, srv), plan(3688200, 8, srv)}) {
            for (char k : {'\x00', '\x42', '\xff'}) {
                const QByteArray blinded(32, k);
                const QList<QByteArray> expected = referenceSelection(relays, blinded, p, replicas, spread);
                QCOMPARE(expected.size(), std::min(nodes, replicas * spread));
                QCOMPARE(ids(ring.responsibleForUpload(blinded, p)), expected);
                QCOMPARE(ids(ring.responsibleForFetch(blinded, p)), expected);  // same spread here
            }
        }
    }

    void choicesCarryIndicesAndReplicas()
    {
        QList<Relay> relays;
        for (int i = 1; i <= 20; ++i) {
            relays.append(makeHsDir(char(i)));
        }
        const HsDirRing ring(relays, HsDirRing::Params{2, 4, 3});
        const DescriptorPlan p = plan(20489, 1440, QByteArray(32, 'S'));
        const QByteArray blinded(32, 'B');
        const auto up = ring.choicesForUpload(blinded, p);
        const auto fetch = ring.choicesForFetch(blinded, p);
        QCOMPARE(up.size(), 8);
        QCOMPARE(fetch.size(), 6);
        for (int i = 0; i < up.size(); ++i) {
            const HsDirChoice& c = up[i];
            QCOMPARE(c.replica, i < 4 ? 1 : 2);
            QCOMPARE(c.hsIndex, HsDirRing::hsIndex(blinded, quint64(c.replica), 1440, 20489));
            QCOMPARE(c.hsdirIndex, HsDirRing::hsdirIndex(c.relay.ed25519Id, p.srv, 20489, 1440));
            QCOMPARE(c.hsdirIndexHex(), QString::fromLatin1(c.hsdirIndex.toHex().toUpper()));
            QCOMPARE(c.fingerprintHex().size(), 40);
        }
        // The first store node of a replica is the first index >= hs_index (or wraps).
        const auto sorted = ring.sortedRing(p);
        QCOMPARE(sorted.size(), 20);
        QVERIFY(std::is_sorted(sorted.begin(), sorted.end(),
                               [](const HsDirChoice& a, const HsDirChoice& b) { return a.hsdirIndex < b.hsdirIndex; }));
        const auto firstAtOrAfter = std::find_if(sorted.begin(), sorted.end(),
                                                 [&](const HsDirChoice& c) { return !(c.hsdirIndex < up[0].hsIndex); });
        QCOMPARE(up[0].relay.rsaId, (firstAtOrAfter == sorted.end() ? sorted.front() : *firstAtOrAfter).relay.rsaId);
        // The fetch set is the first 3 of each replica's 4 store nodes.
        QCOMPARE(fetch[0].relay.rsaId, up[0].relay.rsaId);
        QCOMPARE(fetch[2].relay.rsaId, up[2].relay.rsaId);
    }

    void paramsFromConsensusUseTorBounds()
    {
        rb::test::SyntheticHeader h;
        h.params = {{"hsdir_n_replicas", 0}, {"hsdir_spread_fetch", 500}, {"hsdir_spread_store", 7}};
        auto c = Consensus::parse(rb::test::buildConsensus(h, {}));
        QVERIFY(c.ok());
        const auto p = HsDirRing::Params::fromConsensus(*c);
        QCOMPARE(p.replicas, 1);
        QCOMPARE(p.spreadFetch, 128);
        QCOMPARE(p.spreadStore, 7);
        h.params.clear();
        auto d = Consensus::parse(rb::test::buildConsensus(h, {}));
        QVERIFY(d.ok());
        const auto defaults = HsDirRing::Params::fromConsensus(*d);
        QCOMPARE(defaults.replicas, 2);
        QCOMPARE(defaults.spreadStore, 4);
        QCOMPARE(defaults.spreadFetch, 3);
    }

    void degenerateInputsGiveEmptyResults()
    {
        const HsDirRing empty;
        QVERIFY(empty.responsibleForUpload(QByteArray(32, 'B'), plan(1, 1440, QByteArray(32, 'S'))).isEmpty());
        const HsDirRing ring(QList<Relay>{makeHsDir(1)}, HsDirRing::Params{});
        QVERIFY(ring.responsibleForUpload(QByteArray(31, 'B'), plan(1, 1440, QByteArray(32, 'S'))).isEmpty());
        QVERIFY(ring.responsibleForUpload(QByteArray(32, 'B'), plan(1, 1440, QByteArray())).isEmpty());
        QCOMPARE(ring.responsibleForUpload(QByteArray(32, 'B'), plan(1, 1440, QByteArray(32, 'S'))).size(), 1);
    }

    void oldVersionIsNotEligible()
    {
        Relay old = makeHsDir(7);
        old.version = QStringLiteral("Tor 0.3.0.7");
        const HsDirRing ring(QList<Relay>{old, makeHsDir(8)}, HsDirRing::Params{});
        QCOMPARE(ring.eligible().size(), 1);
        QCOMPARE(ring.eligible()[0].rsaId, QByteArray(20, 8));
    }

    // The control-port entry point: same answers as assembling the parts by hand.
    void snapshotFromControlPortText()
    {
        auto src = rb::test::makeRelays(50);
        rb::test::SyntheticHeader h;
        h.validAfter = QDateTime::fromSecsSinceEpoch(1770336000, Qt::UTC);  // window A on a V=20 s lab
        h.votingInterval = 20;
        h.srvPrevious = QByteArray(32, 'p');
        h.srvCurrent = QByteArray(32, 'c');
        const QByteArray consensusText = rb::test::buildConsensus(h, src);
        QByteArray mdText = rb::test::buildMicrodescriptors(src);
        mdText.replace("\n", "\r\n");  // as read off the control port before line normalisation

        auto snap = HsDirSnapshot::fromControlPort(consensusText, mdText, true);
        QVERIFY2(snap.ok(), qPrintable(snap.ok() ? QString() : snap.error().toString()));
        QCOMPARE(snap->timePeriod().periodLengthMinutes(), quint64{8});
        QVERIFY(snap->timePeriod().isInWindowA());
        QCOMPARE(snap->plan(HsDirSnapshot::Descriptor::First).periodNumber, quint64{3688199});
        QCOMPARE(snap->plan(HsDirSnapshot::Descriptor::Second).periodNumber, quint64{3688200});
        QCOMPARE(snap->ring().eligible().size(), snap->consensus().eligibleHsDirCount());

        auto c = Consensus::parse(consensusText);
        QVERIFY(c.ok());
        QVERIFY(c->attachMicrodescriptors(rb::test::buildMicrodescriptors(src)).ok());
        const HsDirRing manual(*c);
        auto tp = TimePeriod::fromConsensus(*c, true);
        QVERIFY(tp.ok());
        const QByteArray blinded(32, 'k');
        const auto viaSnapshot = snap->uploadTargets(HsDirSnapshot::Descriptor::Second, blinded);
        const auto byHand = manual.choicesForUpload(blinded, tp->second());
        QCOMPARE(viaSnapshot.size(), 8);
        for (int i = 0; i < 8; ++i) {
            QCOMPARE(viaSnapshot[i].hsdirIndexHex(), byHand[i].hsdirIndexHex());
        }
        QCOMPARE(snap->fetchTargets(blinded).size(), 6);

        // Voting-interval override: a real-network schedule on the same text.
        auto overridden = HsDirSnapshot::fromControlPort(consensusText, mdText, false, 3600);
        QVERIFY(overridden.ok());
        QCOMPARE(overridden->timePeriod().periodLengthMinutes(), quint64{1440});
        QCOMPARE(overridden->timePeriod().votingIntervalSeconds(), qint64{3600});

        // Before microdescriptors arrive there is no ring: NotReady, not an empty answer.
        auto noMd = HsDirSnapshot::fromControlPort(consensusText, "", true);
        QVERIFY(!noMd.ok());
        QCOMPARE(noMd.error().code, ErrorCode::NotReady);
        auto garbage = HsDirSnapshot::fromControlPort("garbage", mdText, true);
        QVERIFY(!garbage.ok());
        QCOMPARE(garbage.error().code, ErrorCode::ParseError);
    }

    // Synthetic consensus + md/all through the parser into the ring, compared
    // with the Python reference fed from the generator's source data.
    void endToEndAgainstPythonReference_data()
    {
        QTest::addColumn<int>("relays");
        QTest::addColumn<int>("replicas");
        QTest::addColumn<int>("spreadStore");
        QTest::addColumn<int>("spreadFetch");
        QTest::addColumn<bool>("testingNetwork");
        QTest::newRow("300 relays, defaults, real") << 300 << 2 << 4 << 3 << false;
        QTest::newRow("300 relays, defaults, testing") << 300 << 2 << 4 << 3 << true;
        QTest::newRow("60 relays, 4x6/5") << 60 << 4 << 6 << 5 << false;
        QTest::newRow("7 relays (tiny lab)") << 7 << 2 << 4 << 3 << true;
    }

    void endToEndAgainstPythonReference()
    {
        QFETCH(int, relays);
        QFETCH(int, replicas);
        QFETCH(int, spreadStore);
        QFETCH(int, spreadFetch);
        QFETCH(bool, testingNetwork);
        const QString python = QStringLiteral("/usr/bin/python3");
        if (!QFileInfo::exists(python)) {
            QSKIP("/usr/bin/python3 not available");
        }
        QList<rb::test::SyntheticRelay> src = rb::test::makeRelays(relays);
        src[1].ed25519Id.clear();
        src[2].microdescPublished = false;
        src[3].protocols = "HSDir=1 Link=1-5";
        rb::test::SyntheticHeader h;
        h.validAfter = testingNetwork ? QDateTime::fromSecsSinceEpoch(1770336300, Qt::UTC)
                                      : QDateTime(QDate(2026, 2, 6), QTime(15, 0), Qt::UTC);
        h.votingInterval = testingNetwork ? 20 : 3600;
        h.params = {{"hsdir_n_replicas", replicas}, {"hsdir_spread_fetch", spreadFetch},
                    {"hsdir_spread_store", spreadStore}};
        h.srvPrevious = QCryptographicHash::hash("previous", QCryptographicHash::Sha3_256);
        h.srvCurrent = QCryptographicHash::hash("current", QCryptographicHash::Sha3_256);

        auto parsed = Consensus::parse(rb::test::buildConsensus(h, src));
        QVERIFY(parsed.ok());
        Consensus c = std::move(parsed).value();
        QVERIFY(c.attachMicrodescriptors(rb::test::buildMicrodescriptors(src)).ok());
        auto tp = TimePeriod::fromConsensus(c, testingNetwork);
        QVERIFY(tp.ok());
        const HsDirRing ring(c);

        QList<QByteArray> blinded;
        for (int i = 0; i < 6; ++i) {
            blinded.append(QCryptographicHash::hash(QByteArray("blinded" + QByteArray::number(i)), QCryptographicHash::Sha3_256));
        }
        for (const DescriptorPlan& p : {tp->first(), tp->second(), tp->clientFetch()}) {
            QJsonArray nodes;
            for (const auto& r : src) {
                nodes.append(QJsonObject{
                    {QStringLiteral("fp"), QString::fromLatin1(r.rsaId.toHex().toUpper())},
                    {QStringLiteral("ed"), r.microdescPublished ? QString::fromLatin1(r.ed25519Id.toHex()) : QString()},
                    {QStringLiteral("flags"), QString::fromLatin1(r.flags)},
                    {QStringLiteral("pr"), QString::fromLatin1(r.protocols)}});
            }
            QJsonArray keys;
            for (const auto& b : blinded) {
                keys.append(QString::fromLatin1(b.toHex()));
            }
            const QJsonObject request{{QStringLiteral("mode"), QStringLiteral("ring")},
                                      {QStringLiteral("nodes"), nodes},
                                      {QStringLiteral("srv"), QString::fromLatin1(p.srv.toHex())},
                                      {QStringLiteral("tp"), qint64(p.periodNumber)},
                                      {QStringLiteral("len"), qint64(p.periodLengthMinutes)},
                                      {QStringLiteral("replicas"), replicas},
                                      {QStringLiteral("spread_store"), spreadStore},
                                      {QStringLiteral("spread_fetch"), spreadFetch},
                                      {QStringLiteral("blinded"), keys}};
            QProcess proc;
            proc.start(python, {QStringLiteral(RB_SOURCE_DIR "/tests/hsdir/data/hsdir_reference.py")});
            QVERIFY(proc.waitForStarted(10000));
            proc.write(QJsonDocument(request).toJson(QJsonDocument::Compact));
            proc.closeWriteChannel();
            QVERIFY(proc.waitForFinished(60000));
            QCOMPARE(proc.exitCode(), 0);
            const QJsonArray answers =
                QJsonDocument::fromJson(proc.readAllStandardOutput()).object()[QStringLiteral("answers")].toArray();
            QCOMPARE(answers.size(), blinded.size());
            for (qsizetype k = 0; k < blinded.size(); ++k) {
                const QJsonObject answer = answers[k].toObject();
                for (const bool upload : {true, false}) {
                    const QJsonArray expected = answer[upload ? QStringLiteral("upload") : QStringLiteral("fetch")].toArray();
                    const QList<HsDirChoice> got =
                        upload ? ring.choicesForUpload(blinded[k], p) : ring.choicesForFetch(blinded[k], p);
                    QCOMPARE(got.size(), expected.size());
                    for (qsizetype j = 0; j < got.size(); ++j) {
                        const QJsonObject e = expected[j].toObject();
                        QCOMPARE(got[j].fingerprintHex(), e[QStringLiteral("fp")].toString());
                        QCOMPARE(got[j].hsdirIndexHex(), e[QStringLiteral("index")].toString());
                        QCOMPARE(got[j].replica, e[QStringLiteral("replica")].toInt());
                    }
                }
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestHsDirRing)
#include "TestHsDirRing.moc"
