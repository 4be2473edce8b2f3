// Shared-identity mode: 3 nodes run one master key as Onionbalance instances
// with publishing off (plus one node with a deliberately wrong ob_config).
// Each node must hold the master address, register it, build descriptors and
// NOT upload them; nobody else publishes, so a client cannot find the master.

#include "lab/LabNetwork.h"
#include "lab/LabTools.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using rb::lab::LabNetwork;
using rb::lab::TorNode;

namespace {

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool isOwnerOnly(const QString& path, bool dir)
{
    const QFileDevice::Permissions want = dir ? (QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                                 QFileDevice::ExeOwner)
                                              : (QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    const QFileDevice::Permissions others = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup |
                                            QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;
    const QFileDevice::Permissions p = QFileInfo(path).permissions();
    return (p & want) == want && (p & others) == 0;
}

}  // namespace

class TestLabSharedIdentity : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void nodesCarryTheMasterIdentity();
    void nodesRegisterTheMasterAsOnionbalanceInstances();
    void nodesBuildButDoNotPublish();
    void nobodyPublishedTheMaster();
    void cleanup();
    void cleanupTestCase();

private:
    QTemporaryDir m_keyDir;
    QString m_master;
    LabNetwork m_lab;  // guard: its destructor stops the lab
    static constexpr int kNodes = 3;
};

void TestLabSharedIdentity::initTestCase()
{
    QVERIFY(m_keyDir.isValid());
    const auto address = rb::lab::writeTestMasterKey(m_keyDir.path());
    QVERIFY2(address.ok(), qPrintable(address.ok() ? QString() : address.error().toString()));
    m_master = *address;
    QCOMPARE(readAll(m_keyDir.filePath(QStringLiteral("hs_ed25519_secret_key"))).size(), 96);
    QCOMPARE(readAll(m_keyDir.filePath(QStringLiteral("hs_ed25519_public_key"))).size(), 64);
    QVERIFY(isOwnerOnly(m_keyDir.filePath(QStringLiteral("hs_ed25519_secret_key")), false));

    LabNetwork::Options o;
    o.nodes = kNodes + 1;
    o.masterKeyDir = m_keyDir.path();
    o.nodeOpts = {QStringLiteral("%1:wrong-ob-config").arg(kNodes)};
    QElapsedTimer timer;
    timer.start();
    const rb::Status st = m_lab.start(o);
    QVERIFY2(st.ok(), qPrintable(st.ok() ? QString() : st.error().toString()));
    qInfo("shared-identity lab (%d nodes) ready: %.1f s by the script, %.1f s wall clock", kNodes + 1,
          m_lab.readySeconds(), static_cast<double>(timer.elapsed()) / 1000.0);
    QCOMPARE(m_lab.masterOnionAddress(), m_master);
}

void TestLabSharedIdentity::nodesCarryTheMasterIdentity()
{
    const QByteArray pub = readAll(m_keyDir.filePath(QStringLiteral("hs_ed25519_public_key")));
    for (int i = 0; i <= kNodes; ++i) {
        const TorNode n = m_lab.service(i);
        QCOMPARE(n.onionAddress, m_master);
        QCOMPARE(QString::fromLatin1(readAll(n.hsDir + QStringLiteral("/hostname")).trimmed()), m_master);
        // tor kept (did not regenerate) the master key.
        QCOMPARE(readAll(n.hsDir + QStringLiteral("/hs_ed25519_public_key")), pub);
        QVERIFY2(isOwnerOnly(n.hsDir, true), qPrintable(n.hsDir));
        QVERIFY(isOwnerOnly(n.hsDir + QStringLiteral("/hs_ed25519_secret_key"), false));
        QVERIFY(!n.publishDescriptors);
        QCOMPARE(n.mode, QStringLiteral("instance"));
    }
}

void TestLabSharedIdentity::nodesRegisterTheMasterAsOnionbalanceInstances()
{
    for (int i = 0; i < kNodes; ++i) {
        const TorNode n = m_lab.service(i);
        QCOMPARE(n.obMasterAddress, m_master);
        QCOMPARE(readAll(n.hsDir + QStringLiteral("/ob_config")).trimmed(),
                 QByteArray("MasterOnionAddress ") + m_master.toLatin1());
        const QByteArray log = readAll(n.noticeLog);
        const QByteArray want = "OnionBalance: MasterOnionAddress " + m_master.toLatin1() + " registered";
        QVERIFY2(log.contains(want), qPrintable(n.nickname));
        QVERIFY2(!log.contains(QByteArray("MasterOnionAddress " + m_master.toLatin1() + " is invalid")), qPrintable(n.nickname));
    }
    // The misconfigured node names another master.
    const TorNode bad = m_lab.service(kNodes);
    QVERIFY(bad.nodeOptions.contains(QStringLiteral("wrong-ob-config")));
    QVERIFY(!bad.obMasterAddress.isEmpty());
    QVERIFY(bad.obMasterAddress != m_master);
    const QByteArray badWant = "OnionBalance: MasterOnionAddress " + bad.obMasterAddress.toLatin1() + " registered";
    QVERIFY(readAll(bad.noticeLog).contains(badWant));
}

void TestLabSharedIdentity::nodesBuildButDoNotPublish()
{
    // Wait until every node reached the point where tor would upload (the
    // INFO "Initiating upload" line the publisher uses); only then does the
    // absence of an upload mean anything.
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i <= kNodes; ++i) {
        const TorNode n = m_lab.service(i);
        QTRY_VERIFY2_WITH_TIMEOUT(readAll(n.infoLog).contains("Initiating upload for hidden service"),
                                  qPrintable(n.nickname + QStringLiteral(" never tried to upload")), 120000);
        const QByteArray log = readAll(n.infoLog);
        QVERIFY2(log.contains("not publishing descriptor. PublishHidServDescriptors is set to 0"),
                 qPrintable(n.nickname));
        QVERIFY2(!log.contains("initiated upload request"), qPrintable(n.nickname + QStringLiteral(" uploaded")));
        QVERIFY(!readAll(n.noticeLog).contains("initiated upload request"));

        // The node's own descriptor is there for the publisher to harvest.
        const auto r = rb::lab::controlQuery(n.controlPort, n.cookiePath,
                                             {QStringLiteral("GETINFO hs/service/desc/id/") +
                                              m_master.left(56)});
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().toString()));
        QCOMPARE(r->at(0).status, QStringLiteral("250"));
        QVERIFY(r->at(0).lines.contains(QStringLiteral("hs-descriptor 3")));
    }
    qInfo("all nodes built descriptors (upload suppressed) %.1f s after the lab was ready",
          static_cast<double>(timer.elapsed()) / 1000.0);
}

void TestLabSharedIdentity::nobodyPublishedTheMaster()
{
    // With every node's publishing off, the client finds no descriptor.
    const auto r = rb::lab::socksHttpGet(m_lab.clientSocksPort(), m_master, 80, "/", 60000);
    QVERIFY2(!r.ok(), "the master was reachable although no node publishes");
    QVERIFY2(r.error().message.contains(QLatin1String("0xf0")), qPrintable(r.error().toString()));
}

void TestLabSharedIdentity::cleanup()
{
    if (QTest::currentTestFailed()) {
        m_lab.setKeepLogs(true);
    }
}

void TestLabSharedIdentity::cleanupTestCase()
{
    const QString dir = m_lab.dir();
    (void)m_lab.stop(m_lab.keepLogs());
    if (!dir.isEmpty()) {
        QVERIFY(LabNetwork::processesMentioning(dir).isEmpty());
    }
}

QTEST_GUILESS_MAIN(TestLabSharedIdentity)
#include "TestLabSharedIdentity.moc"
