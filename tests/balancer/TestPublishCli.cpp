// `rbctl publish` / `rbctl status` through the real binary, without tor:
// argument checking, the key never on the command line or in the output,
// exit codes, --json-log shape, and a clean stop on SIGTERM / SIGINT; key
// files readable by others refused; the console's fleet file accepted (nodes
// over SSH; an unreachable node is reported, not fatal).

#include "fleet/FleetConfig.h"
#include "onion/MasterIdentity.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSaveFile>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

namespace {

struct Run {
    int code = -1;
    QByteArray out;
    QByteArray err;
};

Run rbctl(const QStringList& args, int timeoutMs = 30000, const QProcessEnvironment& env = {})
{
    QProcess p;
    if (!env.isEmpty()) {
        p.setProcessEnvironment(env);
    }
    p.start(qEnvironmentVariable("RB_RBCTL"), args);
    Run r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

quint16 closedPort()
{
    QTcpServer s;
    s.listen(QHostAddress::LocalHost, 0);
    const quint16 port = s.serverPort();
    s.close();
    return port;
}

QList<QJsonObject> jsonLines(const QByteArray& out)
{
    QList<QJsonObject> events;
    for (const QByteArray& line : out.split('\n')) {
        const QJsonDocument d = QJsonDocument::fromJson(line);
        if (d.isObject()) {
            events.append(d.object());
        }
    }
    return events;
}

}  // namespace

class TestPublishCli : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void usageErrors();
    void noUsableNodeExitsUnavailable();
    void seedFromEnvironmentNeverPrinted();
    void watchStopsCleanlyOnSignals_data();
    void watchStopsCleanlyOnSignals();
    void configFileChecks();
    void keyFileReadableByOthersIsRefused();
    void fleetFileNodesAreReachedOverSsh();

private:
    QTemporaryDir m_dir;
    QString m_keyDir;
    QByteArray m_seedHex;
};

void TestPublishCli::initTestCase()
{
    QVERIFY(!qEnvironmentVariableIsEmpty("RB_RBCTL"));
    QVERIFY(m_dir.isValid());
    auto id = rb::onion::MasterIdentity::generate();
    QVERIFY(id.ok());
    m_keyDir = m_dir.filePath(QStringLiteral("key"));
    QVERIFY(id->exportTorFiles(m_keyDir).ok());
    m_seedHex = QByteArray(reinterpret_cast<const char*>(id->seed().data()), 32).toHex();
}

void TestPublishCli::usageErrors()
{
    const QString node = QStringLiteral("n1=127.0.0.1:%1").arg(closedPort());
    Run r = rbctl({QStringLiteral("publish"), QStringLiteral("--node"), node, QStringLiteral("--key-file"), m_keyDir});
    QCOMPARE(r.code, 2);
    QVERIFY(r.err.contains("--once and --watch"));
    r = rbctl({QStringLiteral("publish"), QStringLiteral("--once"), QStringLiteral("--watch"), QStringLiteral("--node"),
               node, QStringLiteral("--key-file"), m_keyDir});
    QCOMPARE(r.code, 2);
    r = rbctl({QStringLiteral("publish"), QStringLiteral("--once"), QStringLiteral("--node"), node});
    QCOMPARE(r.code, 2);
    QVERIFY(r.err.contains("--key-file"));
    r = rbctl({QStringLiteral("publish"), QStringLiteral("--once"), QStringLiteral("--key-file"), m_keyDir});
    QCOMPARE(r.code, 2);
    QVERIFY(r.err.contains("No nodes"));
    r = rbctl({QStringLiteral("publish"), QStringLiteral("--once"), QStringLiteral("--key-file"), m_keyDir,
               QStringLiteral("--node"), QStringLiteral("n1=nowhere")});
    QCOMPARE(r.code, 2);
    r = rbctl({QStringLiteral("publish"), QStringLiteral("--once"), QStringLiteral("--key-file"), m_keyDir,
               QStringLiteral("--node"), node, QStringLiteral("--cookie"), QStringLiteral("n2=/x")});
    QCOMPARE(r.code, 2);
    QVERIFY(r.err.contains("n2"));
    // A seed pasted as an argument is refused without being echoed.
    r = rbctl({QStringLiteral("publish"), QStringLiteral("--once"), QStringLiteral("--node"), node,
               QString::fromLatin1(m_seedHex)});
    QCOMPARE(r.code, 2);
    QVERIFY(!QByteArray(r.out + r.err).contains(m_seedHex));
    r = rbctl({QStringLiteral("publish"), QStringLiteral("--help")});
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.contains("--once"));
    QVERIFY(r.out.contains("at least one HSDir of every replica"));
}

void TestPublishCli::noUsableNodeExitsUnavailable()
{
    const Run r = rbctl({QStringLiteral("publish"), QStringLiteral("--once"), QStringLiteral("--json-log"),
                         QStringLiteral("--key-file"), m_keyDir, QStringLiteral("--node"),
                         QStringLiteral("n1=127.0.0.1:%1").arg(closedPort()), QStringLiteral("--timeout"),
                         QStringLiteral("3")},
                        30000);
    QCOMPARE(r.code, 4);
    const auto events = jsonLines(r.out);
    QVERIFY(!events.isEmpty());
    QCOMPARE(events.last().value(QStringLiteral("event")).toString(), QStringLiteral("exit"));
    QCOMPARE(events.last().value(QStringLiteral("code")).toInt(), 4);
    bool sawBackoff = false;
    for (const QJsonObject& e : events) {
        sawBackoff = sawBackoff || e.value(QStringLiteral("connection")).toString() == QLatin1String("backing-off");
        QVERIFY(e.contains(QStringLiteral("ts")));
    }
    QVERIFY(sawBackoff);
}

void TestPublishCli::seedFromEnvironmentNeverPrinted()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("RB_TEST_SEED"), QString::fromLatin1(m_seedHex));
    const Run r = rbctl({QStringLiteral("publish"), QStringLiteral("--once"), QStringLiteral("--seed-hex-env"),
                         QStringLiteral("RB_TEST_SEED"), QStringLiteral("--node"),
                         QStringLiteral("n1=127.0.0.1:%1").arg(closedPort()), QStringLiteral("--timeout"),
                         QStringLiteral("2")},
                        30000, env);
    QCOMPARE(r.code, 4);  // the key was accepted; no node was usable
    QVERIFY(r.out.contains(".onion"));
    QVERIFY(!QByteArray(r.out + r.err).toLower().contains(m_seedHex.toLower()));
    // A malformed value is an input error, and still not echoed.
    env.insert(QStringLiteral("RB_TEST_SEED"), QStringLiteral("zz") + QString::fromLatin1(m_seedHex.mid(2)));
    const Run bad = rbctl({QStringLiteral("publish"), QStringLiteral("--once"), QStringLiteral("--seed-hex-env"),
                           QStringLiteral("RB_TEST_SEED"), QStringLiteral("--node"), QStringLiteral("n1=127.0.0.1:1")},
                          30000, env);
    QVERIFY(bad.code != 0);
    QVERIFY(!QByteArray(bad.out + bad.err).contains(m_seedHex.mid(2)));
}

void TestPublishCli::watchStopsCleanlyOnSignals_data()
{
    QTest::addColumn<int>("sig");
    QTest::newRow("SIGTERM") << int(SIGTERM);
    QTest::newRow("SIGINT") << int(SIGINT);
}

void TestPublishCli::watchStopsCleanlyOnSignals()
{
    QFETCH(int, sig);
    QProcess p;
    p.start(qEnvironmentVariable("RB_RBCTL"),
            {QStringLiteral("publish"), QStringLiteral("--watch"), QStringLiteral("--json-log"),
             QStringLiteral("--key-file"), m_keyDir, QStringLiteral("--node"),
             QStringLiteral("n1=127.0.0.1:%1").arg(closedPort())});
    QVERIFY(p.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(p.bytesAvailable() > 0 || p.state() != QProcess::Running, 10000);
    QTest::qWait(500);
    QCOMPARE(p.state(), QProcess::Running);  // --watch keeps going while the node is down
    ::kill(static_cast<pid_t>(p.processId()), sig);
    QVERIFY(p.waitForFinished(5000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 0);
    const auto events = jsonLines(p.readAllStandardOutput());
    QVERIFY(!events.isEmpty());
    QCOMPARE(events.last().value(QStringLiteral("event")).toString(), QStringLiteral("exit"));
    QVERIFY(events.last().value(QStringLiteral("reason")).toString().contains(
        sig == SIGTERM ? QLatin1String("SIGTERM") : QLatin1String("SIGINT")));
}

void TestPublishCli::configFileChecks()
{
    auto write = [this](const QString& name, const QByteArray& data) {
        const QString path = m_dir.filePath(name);
        QSaveFile f(path);
        f.open(QIODevice::WriteOnly);
        f.write(data);
        f.commit();
        return path;
    };
    const QString unknown = write(QStringLiteral("unknown.json"), R"({"nodes":[{"name":"a","control":"127.0.0.1:1","colour":"red"}]})");
    Run r = rbctl({QStringLiteral("status"), QStringLiteral("--config"), unknown});
    QVERIFY(r.code != 0);
    QVERIFY(r.err.contains("colour"));
    // A console fleet file is accepted, but it must have an enabled node.
    const QString fleet = write(QStringLiteral("fleet.json"), R"({"format":"rustbalance-fleet","version":1,"nodes":[]})");
    r = rbctl({QStringLiteral("publish"), QStringLiteral("--once"), QStringLiteral("--config"), fleet});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("no enabled node"), r.err.constData());
    // A node that does not answer: status still prints, exit 4 (nothing reachable).
    const QString one = write(QStringLiteral("one.json"),
                              QStringLiteral(R"({"masterAddress":"%1","nodes":[{"name":"a","control":"127.0.0.1:%2"}]})")
                                  .arg(QString::fromLatin1(QByteArray("2clzszzj2zxouhymnw33lgycxhcr67iv6ozbuyvugjblsohckzjux7yd.onion")))
                                  .arg(closedPort())
                                  .toLatin1());
    r = rbctl({QStringLiteral("status"), QStringLiteral("--config"), one, QStringLiteral("--json"),
               QStringLiteral("--timeout"), QStringLiteral("5")});
    QCOMPARE(r.code, 4);
    const QJsonDocument d = QJsonDocument::fromJson(r.out);
    QVERIFY2(d.isObject(), r.out.constData());
    QCOMPARE(d.object().value(QStringLiteral("master")).toString(),
             QStringLiteral("2clzszzj2zxouhymnw33lgycxhcr67iv6ozbuyvugjblsohckzjux7yd.onion"));
}

void TestPublishCli::keyFileReadableByOthersIsRefused()
{
    const QString node = QStringLiteral("n1=127.0.0.1:%1").arg(closedPort());
    QFile src(m_keyDir + QStringLiteral("/hs_ed25519_secret_key"));
    QVERIFY(src.open(QIODevice::ReadOnly));
    const QByteArray keyBytes = src.readAll();
    QCOMPARE(keyBytes.size(), 96);
    const QString loose = m_dir.filePath(QStringLiteral("loose_secret_key"));
    {
        QSaveFile f(loose);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(keyBytes);
        QVERIFY(f.commit());
    }
    const QString strict = m_dir.filePath(QStringLiteral("strict_secret_key"));
    QVERIFY(QFile::copy(loose, strict));
    QVERIFY(QFile::setPermissions(strict, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    const QList<QFileDevice::Permissions> looseModes{
        QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup,   // 0640
        QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther,   // 0604
        QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther};  // 0644
    const QByteArray seed = m_seedHex;
    for (const QFileDevice::Permissions mode : looseModes) {
        QVERIFY(QFile::setPermissions(loose, mode));
        for (const QString& cmd : {QStringLiteral("publish"), QStringLiteral("status")}) {
            QStringList args{cmd, QStringLiteral("--node"), node, QStringLiteral("--key-file"), loose};
            if (cmd == QLatin1String("publish")) {
                args << QStringLiteral("--once");
            }
            const Run r = rbctl(args);
            QCOMPARE(r.code, 5);  // ExitAuth (PermissionDenied)
            QVERIFY2(r.err.contains(QStringLiteral("chmod 600 %1").arg(loose).toUtf8()), r.err.constData());
            QVERIFY(!QByteArray(r.out + r.err).contains(seed));
            QVERIFY(!r.out.contains("publishing"));  // refused before any node was contacted
        }
    }
    // A HiddenServiceDir whose secret key file is group-readable is refused too.
    const QString dir = m_dir.filePath(QStringLiteral("loose-hs-dir"));
    QVERIFY(QDir().mkpath(dir));
    QVERIFY(QFile::copy(loose, dir + QStringLiteral("/hs_ed25519_secret_key")));
    QVERIFY(QFile::setPermissions(dir + QStringLiteral("/hs_ed25519_secret_key"), looseModes.first()));
    Run r = rbctl({QStringLiteral("status"), QStringLiteral("--node"), node, QStringLiteral("--key-file"), dir});
    QCOMPARE(r.code, 5);
    QVERIFY2(r.err.contains("chmod 600"), r.err.constData());
    // The same bytes with 0600 (and the tor key dir) are accepted: status then reports the dead node (exit 4).
    for (const QString& good : {strict, m_keyDir}) {
        r = rbctl({QStringLiteral("status"), QStringLiteral("--node"), node, QStringLiteral("--key-file"), good,
                   QStringLiteral("--json"), QStringLiteral("--timeout"), QStringLiteral("3")});
        QCOMPARE(r.code, 4);
        QVERIFY(!r.err.contains("chmod"));
    }
}

void TestPublishCli::fleetFileNodesAreReachedOverSsh()
{
    // A fleet file (as the console writes it) whose node's sshd does not answer:
    // rbctl loads it, tries SSH (never a direct connection) and reports the node.
    rb::fleet::FleetConfig fleet;
    rb::fleet::NodeConfig n;
    n.name = QStringLiteral("far");
    n.sshTarget = QStringLiteral("nobody@127.0.0.1:%1").arg(closedPort());
    n.controlEndpoint = QStringLiteral("127.0.0.1:9051");
    n.hiddenServiceDir = QStringLiteral("/var/lib/tor/hs");
    QVERIFY(fleet.addNode(n).ok());
    rb::fleet::NodeConfig off = n;
    off.name = QStringLiteral("off");
    off.enabled = false;
    QVERIFY(fleet.addNode(off).ok());
    const QString path = m_dir.filePath(QStringLiteral("console-fleet.json"));
    QVERIFY(fleet.save(path).ok());
    // An ssh config that cannot touch the real ~/.ssh.
    const QString sshConfig = m_dir.filePath(QStringLiteral("ssh_config"));
    {
        QSaveFile f(sshConfig);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("Host *\n  UserKnownHostsFile " + m_dir.filePath(QStringLiteral("known_hosts")).toUtf8() +
                "\n  IdentityAgent none\n");
        QVERIFY(f.commit());
    }
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_dir.path());
    const Run r = rbctl({QStringLiteral("status"), QStringLiteral("--config"), path, QStringLiteral("--ssh-config"),
                         sshConfig, QStringLiteral("--key-file"), m_keyDir, QStringLiteral("--json"),
                         QStringLiteral("--timeout"), QStringLiteral("5")},
                        60000, env);
    QCOMPARE(r.code, 4);
    const QJsonDocument d = QJsonDocument::fromJson(r.out);
    QVERIFY2(d.isObject(), r.out.constData());
    const QJsonArray nodes = d.object().value(QStringLiteral("nodes")).toArray();
    QCOMPARE(nodes.size(), 1);  // the disabled node is left out
    const QJsonObject far = nodes.first().toObject();
    QCOMPARE(far.value(QStringLiteral("name")).toString(), QStringLiteral("far"));
    const QString text = QString::fromUtf8(QJsonDocument(far).toJson(QJsonDocument::Compact));
    QVERIFY2(text.contains(QLatin1String("ssh")) || text.contains(QLatin1String("SSH")), qPrintable(text));
    // A node with a control password needs --password-env.
    rb::fleet::FleetConfig pw;
    n.auth = rb::fleet::AuthMethod::Password;
    QVERIFY(pw.addNode(n).ok());
    const QString pwPath = m_dir.filePath(QStringLiteral("pw-fleet.json"));
    QVERIFY(pw.save(pwPath).ok());
    const Run p = rbctl({QStringLiteral("status"), QStringLiteral("--config"), pwPath, QStringLiteral("--key-file"),
                         m_keyDir},
                        30000, env);
    QCOMPARE(p.code, 2);
    QVERIFY2(p.err.contains("--password-env far=VAR"), p.err.constData());
}

QTEST_GUILESS_MAIN(TestPublishCli)
#include "TestPublishCli.moc"
