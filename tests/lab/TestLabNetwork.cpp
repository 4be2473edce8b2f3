// Starts a private Tor network from nothing (2 ordinary onion services),
// checks the consensus and the client, fetches a page from an onion service
// through the client's SOCKS port, restarts one node, and proves that `down`
// leaves no process behind (also when the owning process dies).

#include "lab/LabNetwork.h"
#include "lab/LabTools.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using rb::lab::LabNetwork;
using rb::lab::TorNode;

namespace {

bool pidAlive(qint64 pid)
{
    if (pid <= 0) {
        return false;
    }
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly)) {
        return false;
    }
    const QByteArray s = stat.readAll();
    const qsizetype close = s.lastIndexOf(')');
    return close > 0 && close + 2 < s.size() && s.at(close + 2) != 'Z';
}

}  // namespace

class TestLabNetwork : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void startsFromNothing();
    void consensusListsEveryRelayAsHsDir();
    void fetchesPageFromEachOnionService();
    void restartsOneServiceNode();
    void downLeavesNoProcess();
    void watchdogStopsLabWhenOwnerDies();
    void cleanup();
    void cleanupTestCase();

private:
    LabNetwork m_lab;  // guard: its destructor stops the lab
    QString m_labDir;
};

void TestLabNetwork::initTestCase()
{
    QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("tor")).isEmpty(), "tor is not installed");
    QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("tor-gencert")).isEmpty(), "tor-gencert is not installed");
    QVERIFY2(QFileInfo::exists(LabNetwork::scriptPath()), qPrintable(LabNetwork::scriptPath()));
}

void TestLabNetwork::startsFromNothing()
{
    LabNetwork::Options o;
    o.nodes = 2;
    QElapsedTimer timer;
    timer.start();
    const rb::Status st = m_lab.start(o);
    const double wall = static_cast<double>(timer.elapsed()) / 1000.0;
    QVERIFY2(st.ok(), qPrintable(st.ok() ? QString() : st.error().toString()));
    m_labDir = m_lab.dir();
    qInfo("lab ready: %.1f s measured by the script, %.1f s wall clock incl. process start (dir %s)",
          m_lab.readySeconds(), wall, qPrintable(m_labDir));
    QVERIFY(m_lab.readySeconds() > 0);

    QCOMPARE(m_lab.authorities().size(), 3);
    QCOMPARE(m_lab.relays().size(), 6);
    int exits = 0;
    for (const TorNode& r : m_lab.relays()) {
        exits += r.exit ? 1 : 0;
    }
    QCOMPARE(exits, 3);
    QCOMPARE(m_lab.serviceCount(), 2);
    QCOMPARE(m_lab.votingInterval(), 20);
    QVERIFY(m_lab.clientSocksPort() != 0);
    QCOMPARE(m_lab.client().socksPort, m_lab.clientSocksPort());

    // Every process alive; every port distinct; services have onion addresses.
    QSet<quint16> ports;
    int portCount = 0;
    for (const TorNode& t : m_lab.tors()) {
        QVERIFY2(pidAlive(t.pid), qPrintable(t.nickname));
        QVERIFY2(QFileInfo::exists(t.cookiePath), qPrintable(t.cookiePath));
        for (quint16 p : {t.controlPort, t.orPort, t.dirPort, t.socksPort, t.metricsPort, t.backendPort}) {
            if (p != 0) {
                ports.insert(p);
                ++portCount;
            }
        }
        if (t.role == QLatin1String("authority") || t.role == QLatin1String("relay")) {
            QCOMPARE(t.fingerprint.size(), 40);
        }
        if (t.role == QLatin1String("authority")) {
            QCOMPARE(t.v3Ident.size(), 40);
            QVERIFY(t.dirPort != 0);
        }
        if (t.role == QLatin1String("service")) {
            QCOMPARE(t.mode, QStringLiteral("plain"));
            QVERIFY2(t.onionAddress.endsWith(QLatin1String(".onion")) && t.onionAddress.size() == 62,
                     qPrintable(t.onionAddress));
            QVERIFY(pidAlive(t.backendPid));
            QVERIFY(t.metricsPort != 0);
            QVERIFY(QFileInfo::exists(t.infoLog));
        }
    }
    QCOMPARE(ports.size(), portCount);
    QVERIFY(m_lab.service(0).onionAddress != m_lab.service(1).onionAddress);
}

void TestLabNetwork::consensusListsEveryRelayAsHsDir()
{
    QVERIFY(m_lab.isRunning());
    const TorNode client = m_lab.client();
    const auto replies = rb::lab::controlQuery(client.controlPort, client.cookiePath,
                                               {QStringLiteral("GETINFO ns/all"),
                                                QStringLiteral("GETINFO status/bootstrap-phase")});
    QVERIFY2(replies.ok(), qPrintable(replies.ok() ? QString() : replies.error().toString()));
    QCOMPARE(replies->size(), 2);
    QCOMPARE(replies->at(0).status, QStringLiteral("250"));
    const auto flags = rb::lab::consensusFlags(replies->at(0).lines);
    const QList<TorNode> routers = m_lab.authorities() + m_lab.relays();
    QCOMPARE(flags.size(), routers.size());
    for (const TorNode& r : routers) {
        QVERIFY2(flags.contains(r.fingerprint), qPrintable(r.nickname + QStringLiteral(" missing from consensus")));
        const QStringList f = flags.value(r.fingerprint);
        QVERIFY2(f.contains(QStringLiteral("Running")) && f.contains(QStringLiteral("HSDir")),
                 qPrintable(r.nickname + QStringLiteral(": ") + f.join(QLatin1Char(' '))));
        if (r.exit) {
            QVERIFY2(f.contains(QStringLiteral("Exit")), qPrintable(r.nickname));
        }
    }
    const QString boot = replies->at(1).lines.join(QLatin1Char(' '));
    QVERIFY2(boot.contains(QLatin1String("PROGRESS=100")), qPrintable(boot));
}

void TestLabNetwork::fetchesPageFromEachOnionService()
{
    QVERIFY(m_lab.isRunning());
    for (int i = 0; i < m_lab.serviceCount(); ++i) {
        const TorNode node = m_lab.service(i);
        QElapsedTimer timer;
        timer.start();
        QString lastError;
        QByteArray response;
        int attempts = 0;
        // The first fetches fail NOT_FOUND until the service has uploaded.
        while (timer.elapsed() < 90000) {
            ++attempts;
            const auto r = rb::lab::socksHttpGet(m_lab.clientSocksPort(), node.onionAddress, 80, "/", 30000);
            if (r.ok()) {
                response = *r;
                break;
            }
            lastError = r.error().toString();
            QThread::msleep(1000);
        }
        QVERIFY2(!response.isEmpty(), qPrintable(QStringLiteral("node%1: %2").arg(i).arg(lastError)));
        qInfo("node%d: page fetched after %.1f s (%d attempts)", i, static_cast<double>(timer.elapsed()) / 1000.0,
              attempts);
        QVERIFY2(response.startsWith("HTTP/1.0 200") || response.startsWith("HTTP/1.1 200"),
                 response.left(200).constData());
        const QByteArray body = response.mid(response.indexOf("\r\n\r\n") + 4);
        QCOMPARE(body, QByteArray("node-") + QByteArray::number(i) + "\n");
    }
}

void TestLabNetwork::restartsOneServiceNode()
{
    QVERIFY(m_lab.isRunning());
    const qint64 before = m_lab.service(1).pid;
    QVERIFY(pidAlive(before));
    rb::Status st = m_lab.stopNode(1);
    QVERIFY2(st.ok(), qPrintable(st.ok() ? QString() : st.error().toString()));
    QVERIFY(!pidAlive(before));
    QCOMPARE(m_lab.service(1).pid, qint64{0});
    QVERIFY(pidAlive(m_lab.service(0).pid));  // only that node
    st = m_lab.startNode(1);
    QVERIFY2(st.ok(), qPrintable(st.ok() ? QString() : st.error().toString()));
    QVERIFY(pidAlive(m_lab.service(1).pid));
    QVERIFY(m_lab.service(1).pid != before);
    // Same identity after the restart.
    QFile hostname(m_lab.service(1).hsDir + QStringLiteral("/hostname"));
    QVERIFY(hostname.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromLatin1(hostname.readAll().trimmed()), m_lab.service(1).onionAddress);
}

void TestLabNetwork::downLeavesNoProcess()
{
    QVERIFY(m_lab.isRunning());
    QVERIFY(!LabNetwork::processesMentioning(m_labDir).isEmpty());  // the scan does see the lab
    const QList<TorNode> tors = m_lab.tors();
    QElapsedTimer timer;
    timer.start();
    const rb::Status st = m_lab.stop(false);
    QVERIFY2(st.ok(), qPrintable(st.ok() ? QString() : st.error().toString()));
    qInfo("lab down in %.1f s", static_cast<double>(timer.elapsed()) / 1000.0);
    QVERIFY(!m_lab.isRunning());
    const QList<qint64> left = LabNetwork::processesMentioning(m_labDir);
    QVERIFY2(left.isEmpty(), qPrintable(QStringLiteral("left: %1").arg(left.size())));
    for (const TorNode& t : tors) {
        QVERIFY2(!pidAlive(t.pid), qPrintable(t.nickname));
        QVERIFY(!pidAlive(t.backendPid));
    }
    QVERIFY(!QFileInfo::exists(m_labDir));
}

void TestLabNetwork::watchdogStopsLabWhenOwnerDies()
{
    // A lab owned by another process (here: `sleep`) must go away when that
    // process dies, as it would if a test crashed.
    QProcess owner;
    owner.start(QStringLiteral("sleep"), {QStringLiteral("600")});
    QVERIFY(owner.waitForStarted());
    QTemporaryDir parent;
    QVERIFY(parent.isValid());
    const QString dir = QFileInfo(parent.path()).canonicalFilePath() + QStringLiteral("/lab");
    QProcess up;
    up.setProcessChannelMode(QProcess::MergedChannels);
    up.start(LabNetwork::pythonPath(), {LabNetwork::scriptPath(), QStringLiteral("up"), QStringLiteral("--dir"), dir,
                                        QStringLiteral("--nodes"), QStringLiteral("1"), QStringLiteral("--no-wait"),
                                        QStringLiteral("--owner-pid"), QString::number(owner.processId())});
    QVERIFY(up.waitForFinished(120000));
    const QByteArray output = up.readAll();
    if (up.exitCode() != 0) {
        owner.kill();
        owner.waitForFinished();
        QFAIL(output.constData());
    }
    QVERIFY2(LabNetwork::processesMentioning(dir).size() >= 12, output.constData());  // 11 tors + backend + watchdog
    owner.kill();
    QVERIFY(owner.waitForFinished());
    QTRY_VERIFY_WITH_TIMEOUT(LabNetwork::processesMentioning(dir).isEmpty(), 30000);
    QFile json(dir + QStringLiteral("/lab.json"));
    QVERIFY(json.open(QIODevice::ReadOnly));  // logs kept for the post-mortem
    QVERIFY(json.readAll().contains("\"stopped_by\": \"watchdog\""));
}

void TestLabNetwork::cleanup()
{
    if (QTest::currentTestFailed()) {
        m_lab.setKeepLogs(true);
    }
}

void TestLabNetwork::cleanupTestCase()
{
    (void)m_lab.stop(m_lab.keepLogs());
}

QTEST_GUILESS_MAIN(TestLabNetwork)
#include "TestLabNetwork.moc"
