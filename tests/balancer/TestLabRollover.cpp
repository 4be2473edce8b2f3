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

#include <QTemporaryDir>
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
            qInfo("time period %llu started (window %s) after %.0f s", static_cast<unsigned long long>(now->first),
                  now->second ? "A" : "B", static_cast<double>(run.elapsed()) / 1000.0);
        } else if (now->second && !last.second) {
            ++srvStarts;
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
