// End-to-end (lab, real tor): three nodes share a master key; the real
// `rbctl publish` binary merges their intro points and publishes; the lab
// client reaches the master address and, over fresh isolated connections,
// every node serves some. Also: --once exits 0 once every replica holds both
// descriptors, --json-log is one JSON object per line with ISO-8601 times,
// SIGTERM stops --watch cleanly, and no key material reaches the output.

#include "LabPublish.h"

#include "lab/LabNetwork.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace rb::labpub;
using rb::lab::LabNetwork;

class TestLabPublishCli : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void onceExitsZeroWhenEveryReplicaHasBothDescriptors();
    void watchServesEveryNodeOverFreshConnections();
    void logIsJsonLinesWithoutSecrets();
    void cleanup();
    void cleanupTestCase();

private:
    QTemporaryDir m_keyDir;
    std::optional<rb::onion::MasterIdentity> m_identity;
    LabNetwork m_lab;
    QByteArray m_allOutput;
    static constexpr int kNodes = 3;
};

void TestLabPublishCli::initTestCase()
{
    QVERIFY(!qEnvironmentVariableIsEmpty("RB_RBCTL"));
    QVERIFY(m_keyDir.isValid());
    auto id = makeMasterKeyDir(m_keyDir.path());
    QVERIFY2(id.ok(), qPrintable(id.ok() ? QString() : id.error().toString()));
    m_identity.emplace(std::move(id.value()));
    LabNetwork::Options o;
    o.nodes = kNodes;
    o.masterKeyDir = m_keyDir.path();
    const rb::Status st = m_lab.start(o);
    QVERIFY2(st.ok(), qPrintable(st.ok() ? QString() : st.error().toString() + m_lab.lastOutput()));
    QCOMPARE(m_lab.masterOnionAddress(), m_identity->address().toString());
}

void TestLabPublishCli::onceExitsZeroWhenEveryReplicaHasBothDescriptors()
{
    RbctlProcess rbctl;
    QStringList args{QStringLiteral("publish"), QStringLiteral("--once"), QStringLiteral("--json-log"),
                     QStringLiteral("--key-file"), m_keyDir.path(), QStringLiteral("--timeout"),
                     QStringLiteral("240")};
    args << nodeArgs(m_lab, {0, 1, 2});
    QVERIFY(rbctl.start(args));
    QElapsedTimer t;
    t.start();
    QVERIFY2(rbctl.waitFinished(260000), qPrintable(rbctl.tail()));
    m_allOutput += QByteArray(rbctl.rawStdout() + rbctl.rawStderr());
    qInfo("rbctl publish --once finished in %.1f s with exit code %d", static_cast<double>(t.elapsed()) / 1000.0,
          rbctl.exitCode());
    QVERIFY2(rbctl.exitCode() == 0, qPrintable(rbctl.tail()));

    // Both descriptors were built and reached at least one HSDir of each replica.
    const QList<QJsonObject> pubs = rbctl.eventsOf(QStringLiteral("publication"));
    QSet<QString> which;
    for (const QJsonObject& p : pubs) {
        which.insert(p.value(QStringLiteral("which")).toString());
        QVERIFY(p.value(QStringLiteral("introPoints")).toInt() >= 1);
        QVERIFY(p.value(QStringLiteral("introPoints")).toInt() <= 20);
    }
    QCOMPARE(which, (QSet<QString>{QStringLiteral("first"), QStringLiteral("second")}));
    for (const QJsonObject& e : pubs) {
        qInfo("--once published the %s descriptor: revision %s, intro points by node %s",
              qPrintable(e.value(QStringLiteral("which")).toString()),
              qPrintable(e.value(QStringLiteral("revisionCounter")).toString()),
              QJsonDocument(e.value(QStringLiteral("introPointsByNode")).toObject()).toJson(QJsonDocument::Compact).constData());
    }
    const auto exitEvents = rbctl.eventsOf(QStringLiteral("exit"));
    QCOMPARE(exitEvents.size(), 1);
    QVERIFY(exitEvents.first().value(QStringLiteral("replicaCriterionMet")).toBool());
    int uploaded = 0;
    for (const QJsonObject& u : rbctl.eventsOf(QStringLiteral("upload"))) {
        uploaded += u.value(QStringLiteral("state")).toString() == QLatin1String("uploaded") ? 1 : 0;
    }
    QVERIFY2(uploaded >= 2, qPrintable(rbctl.tail()));

    // The client can fetch it (HSFETCH goes to the HSDirs we computed).
    ClientControl client;
    QString err;
    QVERIFY2(client.open(m_lab.client().controlPort, m_lab.client().cookiePath, &err), qPrintable(err));
    const FetchResult f = client.hsFetch(m_identity->address());
    QVERIFY2(f.found, qPrintable(f.error));
    QVERIFY(f.revision > 0);
    QVERIFY(!f.introKeys.isEmpty());
}

void TestLabPublishCli::watchServesEveryNodeOverFreshConnections()
{
    RbctlProcess rbctl;
    QStringList args{QStringLiteral("publish"), QStringLiteral("--watch"), QStringLiteral("--json-log"),
                     QStringLiteral("--key-file"), m_keyDir.path()};
    args << nodeArgs(m_lab, {0, 1, 2});
    QVERIFY(rbctl.start(args));

    // Wait until the published descriptor (client view) carries intro points of all three nodes.
    const rb::onion::OnionAddress master = m_identity->address();
    ClientControl client;
    QString err;
    QVERIFY2(client.open(m_lab.client().controlPort, m_lab.client().cookiePath, &err), qPrintable(err));
    QElapsedTimer t;
    t.start();
    bool allNodes = false;
    QString last;
    while (t.elapsed() < 180000 && !allNodes) {
        rbctl.poll(500);
        const FetchResult f = client.hsFetch(master, 20000);
        int covered = 0;
        for (int i = 0; i < kNodes; ++i) {
            const QSet<QByteArray> own = nodeIntroKeys(m_lab.service(i), master);
            covered += own.intersects(f.introKeys) ? 1 : 0;
        }
        last = QStringLiteral("%1 intro points, %2 nodes covered (%3)").arg(f.introKeys.size()).arg(covered).arg(f.error);
        allNodes = covered == kNodes;
        if (!allNodes) {
            QThread::msleep(2000);
        }
    }
    QVERIFY2(allNodes, qPrintable(last + QLatin1Char('\n') + rbctl.tail()));
    qInfo("published descriptor covers all %d nodes %.1f s after rbctl --watch started (%s)", kNodes,
          static_cast<double>(t.elapsed()) / 1000.0, qPrintable(last));

    // >= 30 fresh connections, each on its own circuits (SOCKS username isolation).
    QList<ProbeResult> results;
    for (int i = 0; i < 36; ++i) {
        results.append(socksGet(m_lab.clientSocksPort(), master.toString(), "cli-" + QByteArray::number(i), 90000));
        rbctl.poll();
    }
    int ok = 0;
    const QString summary = summarize(results, &ok);
    qInfo("fresh connections through rbctl's descriptor: %s", qPrintable(summary));
    QSet<QString> served;
    for (const ProbeResult& r : results) {
        if (r.ok) {
            served.insert(r.node);
        }
    }
    QVERIFY2(ok * 100 >= results.size() * 99, qPrintable(summary));
    if (served.size() != kNodes) {
        // Diagnostics: what the client sees now and what rbctl published.
        const FetchResult f = client.hsFetch(master, 20000);
        for (int i = 0; i < kNodes; ++i) {
            const QSet<QByteArray> own = nodeIntroKeys(m_lab.service(i), master);
            qWarning("node%d: %lld own intro points, %lld in the fetched descriptor (revision %llu)", i,
                     static_cast<long long>(own.size()), static_cast<long long>(QSet<QByteArray>(own).intersect(f.introKeys).size()),
                     static_cast<unsigned long long>(f.revision));
        }
        for (const QJsonObject& e : rbctl.eventsOf(QStringLiteral("publication"))) {
            qWarning("publication %s revision %s by node %s", qPrintable(e.value(QStringLiteral("which")).toString()),
                     qPrintable(e.value(QStringLiteral("revisionCounter")).toString()),
                     QJsonDocument(e.value(QStringLiteral("introPointsByNode")).toObject()).toJson(QJsonDocument::Compact).constData());
        }
    }
    QCOMPARE(served, (QSet<QString>{QStringLiteral("node-0"), QStringLiteral("node-1"), QStringLiteral("node-2")}));

    // SIGTERM: clean stop, exit 0, an "exit" event.
    const int code = rbctl.terminate(20000);
    m_allOutput += QByteArray(rbctl.rawStdout() + rbctl.rawStderr());
    QCOMPARE(code, 0);
    QCOMPARE(rbctl.eventsOf(QStringLiteral("exit")).size(), 1);
    QVERIFY(rbctl.eventsOf(QStringLiteral("exit")).first().value(QStringLiteral("reason")).toString().contains(
        QLatin1String("SIGTERM")));
}

void TestLabPublishCli::logIsJsonLinesWithoutSecrets()
{
    QVERIFY(!m_allOutput.isEmpty());
    // Every stdout line of --json-log is a JSON object with an ISO-8601 timestamp.
    const QRegularExpression iso(QStringLiteral(R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$)"));
    int lines = 0;
    for (const QByteArray& line : m_allOutput.split('\n')) {
        if (line.trimmed().isEmpty() || !line.startsWith('{')) {
            continue;
        }
        const QJsonDocument d = QJsonDocument::fromJson(line);
        QVERIFY2(d.isObject(), line.constData());
        QVERIFY2(iso.match(d.object().value(QStringLiteral("ts")).toString()).hasMatch(), line.constData());
        QVERIFY(!d.object().value(QStringLiteral("event")).toString().isEmpty());
        ++lines;
    }
    QVERIFY(lines > 20);
    // No key material in any output.
    const QByteArray expanded(reinterpret_cast<const char*>(m_identity->expandedKey().data()),
                              static_cast<qsizetype>(m_identity->expandedKey().size()));
    for (const QByteArray& secret : {expanded.toHex(), expanded.left(32).toHex(), expanded.toBase64(),
                                     expanded.left(32).toBase64()}) {
        QVERIFY(!m_allOutput.contains(secret));
        QVERIFY(!m_allOutput.toLower().contains(secret.toLower()));
    }
    if (m_identity->hasSeed()) {
        const QByteArray seed(reinterpret_cast<const char*>(m_identity->seed().data()), 32);
        QVERIFY(!m_allOutput.toLower().contains(seed.toHex()));
    }
}

void TestLabPublishCli::cleanup()
{
    if (QTest::currentTestFailed()) {
        m_lab.setKeepLogs(true);
    }
}

void TestLabPublishCli::cleanupTestCase()
{
    (void)m_lab.stop(m_lab.keepLogs());
}

QTEST_GUILESS_MAIN(TestLabPublishCli)
#include "TestLabPublishCli.moc"
