// End-to-end (lab, real tor): time-period rollovers. A lab with a 10 s voting
// interval has 4-minute time periods (TestingTorNetwork: 24 x V), an SRV run
// start every 4 minutes and a time-period start 2 minutes after each. Three
// nodes, `rbctl publish --watch`; the client probes every few seconds over a
// run spanning at least two time-period starts and two SRV boundaries (where
// tor rotates its descriptors and closes the old intro points): >= 99 % of the
// connections succeed and no node logs "Could not get valid INTRO2 keys".
// The periods are followed independently of rbctl, from the client's consensus.

#include "LabPublish.h"

#include "hsdir/TimePeriod.h"
#include "lab/LabNetwork.h"

#include <QFileInfo>
#include <QTemporaryDir>

#include <algorithm>
#include <QTest>

using namespace rb::labpub;
using rb::lab::LabNetwork;

class TestLabRollover : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void connectionsSurviveRollovers();
    void cleanup();
    void cleanupTestCase();

private:
    QTemporaryDir m_keyDir;
    std::optional<rb::onion::MasterIdentity> m_identity;
    LabNetwork m_lab;
    static constexpr int kNodes = 3;
    static constexpr int kVotingInterval = 10;
};

void TestLabRollover::initTestCase()
{
    QVERIFY(!qEnvironmentVariableIsEmpty("RB_RBCTL"));
    QVERIFY(m_keyDir.isValid());
    auto id = makeMasterKeyDir(m_keyDir.path());
    QVERIFY(id.ok());
    m_identity.emplace(std::move(id.value()));
    LabNetwork::Options o;
    o.nodes = kNodes;
    o.masterKeyDir = m_keyDir.path();
    o.votingInterval = kVotingInterval;
    const rb::Status st = m_lab.start(o);
    QVERIFY2(st.ok(), qPrintable(st.ok() ? QString() : st.error().toString() + m_lab.lastOutput()));
}

void TestLabRollover::connectionsSurviveRollovers()
{
    const rb::onion::OnionAddress master = m_identity->address();
    QList<int> warningsBefore;
    for (int i = 0; i < kNodes; ++i) {
        warningsBefore << countInFile(m_lab.service(i).noticeLog, "Could not get valid INTRO2 keys");
    }
    RbctlProcess rbctl;
    QStringList args{QStringLiteral("publish"), QStringLiteral("--watch"), QStringLiteral("--json-log"),
                     QStringLiteral("--key-file"), m_keyDir.path(), QStringLiteral("--upload-timeout"),
                     QStringLiteral("20")};
    args << nodeArgs(m_lab, {0, 1, 2});
    QVERIFY(rbctl.start(args));

    ClientControl client;
    QString err;
    QVERIFY2(client.open(m_lab.client().controlPort, m_lab.client().cookiePath, &err), qPrintable(err));
    QElapsedTimer t;
    t.start();
    bool ready = false;
    while (t.elapsed() < 180000 && !ready) {
        rbctl.poll(200);
        const FetchResult f = client.hsFetch(master, 20000);
        int n = 0;
        for (int i = 0; i < kNodes; ++i) {
            n += nodeIntroKeys(m_lab.service(i), master).intersects(f.introKeys) ? 1 : 0;
        }
        ready = n == kNodes;
        if (!ready) {
            QThread::msleep(2000);
        }
    }
    QVERIFY2(ready, qPrintable(rbctl.tail()));

    // Follow the client's consensus: time period number and window.
    auto periodNow = [&client]() -> std::optional<std::pair<quint64, bool>> {
        const QList<QByteArray> lines = client.getInfo("consensus/valid-after");
        for (const QByteArray& l : lines) {
            if (l.startsWith("250-consensus/valid-after=")) {
                QDateTime va = QDateTime::fromString(QString::fromLatin1(l.mid(26)), QStringLiteral("yyyy-MM-dd HH:mm:ss"));
                va.setTimeSpec(Qt::UTC);
                auto tp = rb::hsdir::TimePeriod::compute(va, kVotingInterval, true);
                if (tp) {
                    return std::make_pair(tp->periodNumber(), tp->isInWindowA());
                }
            }
        }
        return std::nullopt;
    };
    auto start = periodNow();
    QVERIFY(start.has_value());
    // Post-mortem material: the client's INFO log (kept with the lab when the test fails).
    const QString clientDir = QFileInfo(m_lab.client().noticeLog).absolutePath();
    client.command("SETCONF Log=\"notice file " + m_lab.client().noticeLog.toLatin1() + "\" Log=\"info file " +
                   clientDir.toLatin1() + "/info.log\"");
    QList<QPair<qint64, QString>> boundaries;
    Prober prober(m_lab.clientSocksPort(), master.toString(), 3000, 60000);
    prober.start();
    int tpStarts = 0;
    int srvStarts = 0;
    auto last = *start;
    QElapsedTimer run;
    run.start();
    while ((tpStarts < 2 || srvStarts < 2) && run.elapsed() < 11 * 60 * 1000) {
        rbctl.poll(1000);
        const auto now = periodNow();
        if (!now) {
            continue;
        }
        if (now->first != last.first) {
            ++tpStarts;
            boundaries.append({msNow(), QStringLiteral("TP %1 start").arg(now->first)});
            qInfo("time period %llu started (window %s) after %.0f s", static_cast<unsigned long long>(now->first),
                  now->second ? "A" : "B", static_cast<double>(run.elapsed()) / 1000.0);
        } else if (now->second && !last.second) {
            ++srvStarts;
            boundaries.append({msNow(), QStringLiteral("SR run start (rotation)")});
            qInfo("new SR run (window A, descriptors rotate) in period %llu after %.0f s",
                  static_cast<unsigned long long>(now->first), static_cast<double>(run.elapsed()) / 1000.0);
        }
        last = *now;
    }
    QThread::msleep(10000);  // connections after the last boundary
    prober.stop();
    const QList<ProbeResult> results = prober.results();
    int ok = 0;
    const QString summary = summarize(results, &ok);
    QList<int> warnings;
    int newWarnings = 0;
    for (int i = 0; i < kNodes; ++i) {
        warnings << countInFile(m_lab.service(i).noticeLog, "Could not get valid INTRO2 keys") - warningsBefore.at(i);
        newWarnings += warnings.last();
    }
    int publications = static_cast<int>(rbctl.eventsOf(QStringLiteral("publication")).size());
    // Timeline of failures, boundaries and publications (relative to the first probe).
    const qint64 t0 = results.isEmpty() ? msNow() : results.first().startedMs;
    QStringList timeline;
    for (const auto& b : boundaries) {
        timeline << QStringLiteral("%1 s: %2").arg(static_cast<double>(b.first - t0) / 1000.0, 0, 'f', 1).arg(b.second);
    }
    for (const ProbeResult& r : results) {
        if (!r.ok) {
            timeline << QStringLiteral("%1 s: probe FAILED after %2 s: %3")
                            .arg(static_cast<double>(r.startedMs - t0) / 1000.0, 0, 'f', 1)
                            .arg(static_cast<double>(r.ms) / 1000.0, 0, 'f', 1)
                            .arg(r.error);
        }
    }
    for (const QJsonObject& e : rbctl.events()) {
        const QString kind = e.value(QStringLiteral("event")).toString();
        if (kind != QLatin1String("decision") && kind != QLatin1String("consensus") &&
            kind != QLatin1String("publication")) {
            continue;
        }
        const qint64 at = QDateTime::fromString(e.value(QStringLiteral("ts")).toString(), Qt::ISODateWithMs)
                              .toMSecsSinceEpoch();
        QString what = kind == QLatin1String("decision") ? e.value(QStringLiteral("decision")).toString()
                       : kind == QLatin1String("consensus")
                           ? QStringLiteral("rbctl consensus: period %1 window %2")
                                 .arg(e.value(QStringLiteral("periodNumber")).toString(),
                                      e.value(QStringLiteral("window")).toString())
                           : QStringLiteral("publication %1 period %2 %3")
                                 .arg(e.value(QStringLiteral("which")).toString(),
                                      e.value(QStringLiteral("periodNumber")).toString(),
                                      QString::fromUtf8(QJsonDocument(e.value(QStringLiteral("introPointsByNode")).toObject())
                                                            .toJson(QJsonDocument::Compact)));
        timeline << QStringLiteral("%1 s: %2").arg(static_cast<double>(at - t0) / 1000.0, 0, 'f', 1).arg(what.left(300));
    }
    std::sort(timeline.begin(), timeline.end(), [](const QString& a, const QString& b) {
        return a.section(u' ', 0, 0).toDouble() < b.section(u' ', 0, 0).toDouble();
    });
    if (ok != results.size()) {
        for (const QString& line : timeline) {
            qInfo("  %s", qPrintable(line));
        }
    }
    qInfo("ROLLOVER: %.1f min, %d time-period starts, %d SR-run starts, %d publications, connections %s, "
          "INTRO2 key warnings per node %d/%d/%d",
          static_cast<double>(run.elapsed()) / 60000.0, tpStarts, srvStarts, publications, qPrintable(summary),
          warnings.value(0), warnings.value(1), warnings.value(2));
    QVERIFY2(tpStarts >= 2, "the run did not span two time-period starts");
    QVERIFY2(srvStarts >= 2, "the run did not span two SR-run starts (descriptor rotations)");
    QVERIFY(results.size() >= 60);
    QVERIFY2(ok * 100 >= results.size() * 99, qPrintable(summary));
    QCOMPARE(newWarnings, 0);
    QCOMPARE(rbctl.terminate(), 0);
}

void TestLabRollover::cleanup()
{
    if (QTest::currentTestFailed()) {
        m_lab.setKeepLogs(true);
    }
}

void TestLabRollover::cleanupTestCase()
{
    (void)m_lab.stop(m_lab.keepLogs());
}

QTEST_GUILESS_MAIN(TestLabRollover)
#include "TestLabRollover.moc"
