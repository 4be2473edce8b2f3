// End-to-end (lab, real tor): failover. Three nodes, `rbctl publish --watch`.
// A node's tor is killed; we measure how long until an HSFETCH from the lab
// client returns a descriptor without that node's intro points, while fresh
// client connections keep running in the background (≥ 99 % must succeed,
// during and after). The node comes back and must be re-included. Repeated
// for several nodes; the median failover time is reported.

#include "LabPublish.h"

#include "lab/LabNetwork.h"

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace rb::labpub;
using rb::lab::LabNetwork;

class TestLabFailover : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void failoverAndReinclusion();
    void cleanup();
    void cleanupTestCase();

private:
    QTemporaryDir m_keyDir;
    std::optional<rb::onion::MasterIdentity> m_identity;
    LabNetwork m_lab;
    static constexpr int kNodes = 3;
    static constexpr int kRounds = 4;
    static constexpr qint64 kDownMs = 20000;
};

void TestLabFailover::initTestCase()
{
    QVERIFY(!qEnvironmentVariableIsEmpty("RB_RBCTL"));
    QVERIFY(m_keyDir.isValid());
    auto id = makeMasterKeyDir(m_keyDir.path());
    QVERIFY(id.ok());
    m_identity.emplace(std::move(id.value()));
    LabNetwork::Options o;
    o.nodes = kNodes;
    o.masterKeyDir = m_keyDir.path();
    const rb::Status st = m_lab.start(o);
    QVERIFY2(st.ok(), qPrintable(st.ok() ? QString() : st.error().toString() + m_lab.lastOutput()));
}

void TestLabFailover::failoverAndReinclusion()
{
    const rb::onion::OnionAddress master = m_identity->address();
    RbctlProcess rbctl;
    QStringList args{QStringLiteral("publish"), QStringLiteral("--watch"), QStringLiteral("--json-log"),
                     QStringLiteral("--key-file"), m_keyDir.path(), QStringLiteral("--upload-timeout"),
                     QStringLiteral("20")};
    args << nodeArgs(m_lab, {0, 1, 2});
    QVERIFY(rbctl.start(args));

    ClientControl client;
    QString err;
    QVERIFY2(client.open(m_lab.client().controlPort, m_lab.client().cookiePath, &err), qPrintable(err));
    auto covered = [&](const FetchResult& f) {
        int n = 0;
        for (int i = 0; i < kNodes; ++i) {
            n += nodeIntroKeys(m_lab.service(i), master).intersects(f.introKeys) ? 1 : 0;
        }
        return n;
    };
    QElapsedTimer t;
    t.start();
    int cov = 0;
    while (t.elapsed() < 180000 && cov < kNodes) {
        rbctl.poll(200);
        cov = covered(client.hsFetch(master, 20000));
        if (cov < kNodes) {
            QThread::msleep(2000);
        }
    }
    QVERIFY2(cov == kNodes, qPrintable(rbctl.tail()));

    // Two independent probers (a connection takes a few seconds): enough fresh
    // connections that the 99 % criterion is measured on ≥ 100 of them.
    Prober prober(m_lab.clientSocksPort(), master.toString(), 1000, 60000);
    Prober prober2(m_lab.clientSocksPort(), master.toString(), 1500, 60000);
    prober.start();
    prober2.start();
    QList<double> failover;
    QList<double> reinclusion;
    QElapsedTimer budget;
    budget.start();
    for (int round = 0; round < kRounds && budget.elapsed() < 6 * 60 * 1000; ++round) {
        const int k = round % kNodes;
        const rb::lab::TorNode node = m_lab.service(k);
        const FetchResult before = client.hsFetch(master, 20000);
        QSet<QByteArray> nodeKeys = nodeIntroKeys(node, master);
        nodeKeys.intersect(before.introKeys);
        QVERIFY2(!nodeKeys.isEmpty(), qPrintable(QStringLiteral("node%1 not in the published descriptor").arg(k)));

        const qint64 t0 = msNow();
        QVERIFY(m_lab.stopNode(k).ok());
        double secs = -1;
        while (msNow() - t0 < 120000) {
            rbctl.poll();
            const FetchResult f = client.hsFetch(master, 15000);
            if (f.found && !f.introKeys.intersects(nodeKeys) && !f.introKeys.isEmpty()) {
                secs = static_cast<double>(msNow() - t0) / 1000.0;
                break;
            }
            QThread::msleep(250);
        }
        QVERIFY2(secs >= 0, qPrintable(QStringLiteral("node%1's intro points were still published after 120 s\n%2")
                                           .arg(k)
                                           .arg(rbctl.tail())));
        failover.append(secs);
        qInfo("round %d: node%d killed; descriptor without its intro points after %.1f s", round, k, secs);
        // Stay down a while: clients keep connecting with descriptors that still list it.
        while (msNow() - t0 < kDownMs) {
            rbctl.poll(500);
        }

        // Back: its new intro points must be published again.
        QVERIFY(m_lab.startNode(k).ok());
        const qint64 t1 = msNow();
        double back = -1;
        while (msNow() - t1 < 240000) {
            rbctl.poll();
            const QSet<QByteArray> fresh = nodeIntroKeys(m_lab.service(k), master);
            if (!fresh.isEmpty() && client.hsFetch(master, 15000).introKeys.intersects(fresh)) {
                back = static_cast<double>(msNow() - t1) / 1000.0;
                break;
            }
            QThread::msleep(1000);
        }
        QVERIFY2(back >= 0, qPrintable(QStringLiteral("node%1 was not re-included within 240 s\n%2")
                                           .arg(k)
                                           .arg(rbctl.tail())));
        reinclusion.append(back);
        qInfo("round %d: node%d restarted; re-included after %.1f s", round, k, back);
        const qint64 settle = msNow();
        while (msNow() - settle < 10000) {
            rbctl.poll(500);
        }
    }
    QThread::msleep(5000);  // connections after the last recovery
    prober.stop();
    prober2.stop();
    const QList<ProbeResult> results = prober.results() + prober2.results();
    int ok = 0;
    const QString summary = summarize(results, &ok);
    QList<double> sorted = failover;
    std::sort(sorted.begin(), sorted.end());
    const double median = sorted.isEmpty() ? -1 : sorted.at(sorted.size() / 2);
    QStringList f;
    for (double v : failover) {
        f << QString::number(v, 'f', 1);
    }
    QStringList r;
    for (double v : reinclusion) {
        r << QString::number(v, 'f', 1);
    }
    qInfo("FAILOVER: %lld rounds, failover times [%s] s, median %.1f s; re-inclusion [%s] s; client connections %s",
          static_cast<long long>(failover.size()), qPrintable(f.join(QStringLiteral(", "))), median,
          qPrintable(r.join(QStringLiteral(", "))), qPrintable(summary));
    QVERIFY(failover.size() >= 3);
    QVERIFY2(median <= 10.0, qPrintable(f.join(QStringLiteral(", "))));
    QVERIFY2(ok * 100 >= results.size() * 99, qPrintable(summary));
    QVERIFY2(results.size() >= 100, qPrintable(summary));
    // The publisher said why it republished.
    bool nodeLost = false;
    for (const QJsonObject& e : rbctl.eventsOf(QStringLiteral("decision"))) {
        nodeLost = nodeLost || e.value(QStringLiteral("decision")).toString().contains(QLatin1String("node lost"));
    }
    QVERIFY(nodeLost);
    QCOMPARE(rbctl.terminate(), 0);
}

void TestLabFailover::cleanup()
{
    if (QTest::currentTestFailed()) {
        m_lab.setKeepLogs(true);
    }
}

void TestLabFailover::cleanupTestCase()
{
    (void)m_lab.stop(m_lab.keepLogs());
}

QTEST_GUILESS_MAIN(TestLabFailover)
#include "TestLabFailover.moc"
