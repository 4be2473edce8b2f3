// rbctl fleet deploy / undeploy through the real binary ($RB_RBCTL):
// argument validation and the key checks that happen before any SSH. (A real
// deployment through rbctl runs in TestDeployLab::rbctlDeploysAndUndeploys.)
#include "deploy/DeployConfig.h"
#include "fleet/FleetConfig.h"
#include "onion/MasterIdentity.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSaveFile>
#include <QTemporaryDir>
#include <QTest>

using namespace rb;

namespace {

struct Run {
    int code = -1;
    QByteArray out;
    QByteArray err;
};

}  // namespace

class TestDeployCli : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_fleet;
    QString m_goodKey;
    QString m_address;

    Run rbctl(const QStringList& args) const
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), m_dir.path());
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
        env.remove(QStringLiteral("RB_FLEET_CONFIG"));
        p.setProcessEnvironment(env);
        p.start(qEnvironmentVariable("RB_RBCTL"), args);
        if (!p.waitForFinished(60000)) {
            p.kill();
            p.waitForFinished(3000);
        }
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
                p.readAllStandardError()};
    }

    void writeKey(const QString& path, const QByteArray& bytes, QFileDevice::Permissions perms)
    {
        QSaveFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes);
        QVERIFY(f.commit());
        QVERIFY(QFile::setPermissions(path, perms));
    }

private slots:
    void initTestCase()
    {
        if (qEnvironmentVariableIsEmpty("RB_RBCTL")) {
            QSKIP("RB_RBCTL is not set");
        }
        QVERIFY(m_dir.isValid());
        m_fleet = m_dir.filePath(QStringLiteral("fleet.json"));
        fleet::FleetConfig cfg;
        fleet::NodeConfig n;
        n.name = QStringLiteral("node0");
        n.sshTarget = QStringLiteral("deploy@127.0.0.1:1");
        n.controlEndpoint = QStringLiteral("127.0.0.1:9051");
        n.hiddenServiceDir = QStringLiteral("/var/lib/tor/rb");
        n.torUser = QStringLiteral("debian-tor");
        n.ports = {fleet::PortMapping::parse(QStringLiteral("80:127.0.0.1:8080")).value()};
        QVERIFY(cfg.addNode(n).ok());
        QVERIFY(cfg.save(m_fleet).ok());
        auto id = onion::MasterIdentity::generate();
        QVERIFY(id.ok());
        m_address = id->address().toString();
        m_goodKey = m_dir.filePath(QStringLiteral("master.key"));
        writeKey(m_goodKey, id->seed().view().toByteArray(), QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    }

    void helpListsTheOptions()
    {
        for (const QString& verb : {QStringLiteral("deploy"), QStringLiteral("undeploy")}) {
            const Run r = rbctl({QStringLiteral("fleet"), verb, QStringLiteral("--help")});
            QCOMPARE(r.code, 0);
            QVERIFY(r.out.contains("--torrc"));
            QVERIFY(r.out.contains("--pid-file"));
            QCOMPARE(r.out.contains("--key-file"), verb == QLatin1String("deploy"));
        }
        const Run fleet = rbctl({QStringLiteral("fleet"), QStringLiteral("--help")});
        QVERIFY(fleet.out.contains("deploy NAME"));
        QVERIFY(fleet.out.contains("undeploy NAME"));
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("message");
        const QString cfg = QStringLiteral("--config");
        QTest::newRow("no name") << QStringList{QStringLiteral("fleet"), QStringLiteral("deploy")} << 2
                                 << QStringLiteral("node name");
        QTest::newRow("undeploy no name") << QStringList{QStringLiteral("fleet"), QStringLiteral("undeploy")} << 2
                                          << QStringLiteral("node name");
        QTest::newRow("two names") << QStringList{QStringLiteral("deploy"), QStringLiteral("a"), QStringLiteral("b")} << 2
                                   << QStringLiteral("node name");
        QTest::newRow("unknown option") << QStringList{QStringLiteral("fleet"), QStringLiteral("deploy"), QStringLiteral("--bogus")}
                                        << 2 << QStringLiteral("bogus");
        QTest::newRow("key-file and keychain")
            << QStringList{QStringLiteral("fleet"), QStringLiteral("deploy"), QStringLiteral("node0"), QStringLiteral("--key-file"),
                           QStringLiteral("/x"), QStringLiteral("--keychain")}
            << 2 << QStringLiteral("exclude");
        QTest::newRow("unit and pid-file")
            << QStringList{QStringLiteral("fleet"), QStringLiteral("deploy"), QStringLiteral("node0"), QStringLiteral("--systemd-unit"),
                           QStringLiteral("tor"), QStringLiteral("--pid-file"), QStringLiteral("/run/tor.pid")}
            << 2 << QStringLiteral("exclude");
        QTest::newRow("relative pid file")
            << QStringList{QStringLiteral("fleet"), QStringLiteral("deploy"), QStringLiteral("node0"), QStringLiteral("--pid-file"),
                           QStringLiteral("tor.pid")}
            << 2 << QStringLiteral("absolute");
        QTest::newRow("hostile unit")
            << QStringList{QStringLiteral("fleet"), QStringLiteral("deploy"), QStringLiteral("node0"), QStringLiteral("--systemd-unit"),
                           QStringLiteral("tor\n;reboot")}
            << 2 << QStringLiteral("control character");
        QTest::newRow("bad verify timeout")
            << QStringList{QStringLiteral("fleet"), QStringLiteral("deploy"), QStringLiteral("node0"), QStringLiteral("--verify-timeout"),
                           QStringLiteral("soon")}
            << 2 << QStringLiteral("seconds");
        QTest::newRow("no fleet file")
            << QStringList{QStringLiteral("fleet"), QStringLiteral("deploy"), QStringLiteral("node0"), cfg,
                           QStringLiteral("/nonexistent/fleet.json"), QStringLiteral("--key-file"), QStringLiteral("/x")}
            << 1 << QStringLiteral("does not exist");
    }

    void usageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(int, code);
        QFETCH(QString, message);
        const Run r = rbctl(args);
        QCOMPARE(r.code, code);
        QVERIFY2(QString::fromUtf8(r.err).contains(message, Qt::CaseInsensitive), r.err.constData());
    }

    void unknownNode()
    {
        const Run r = rbctl({QStringLiteral("fleet"), QStringLiteral("deploy"), QStringLiteral("nodeX"), QStringLiteral("--config"),
                             m_fleet, QStringLiteral("--key-file"), m_goodKey, QStringLiteral("--json")});
        QCOMPARE(r.code, 1);
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(o.value(QStringLiteral("ok")).toBool(true), false);
        QVERIFY(o.value(QStringLiteral("message")).toString().contains(QLatin1String("nodeX")));
    }

    void keyChecksHappenBeforeAnySsh()
    {
        // A key readable by others is refused.
        const QString loose = m_dir.filePath(QStringLiteral("loose.key"));
        writeKey(loose, QByteArray(32, 'k'),
                 QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther);
        Run r = rbctl({QStringLiteral("fleet"), QStringLiteral("deploy"), QStringLiteral("node0"), QStringLiteral("--config"), m_fleet,
                       QStringLiteral("--key-file"), loose});
        QVERIFY(r.code != 0);
        QVERIFY2(r.err.contains("0600") || r.err.contains("permission"), r.err.constData());
        // A key for another address is refused.
        auto other = onion::MasterIdentity::generate();
        QVERIFY(other.ok());
        r = rbctl({QStringLiteral("fleet"), QStringLiteral("deploy"), QStringLiteral("node0"), QStringLiteral("--config"), m_fleet,
                   QStringLiteral("--key-file"), m_goodKey, QStringLiteral("--address"), other->address().toString()});
        QCOMPARE(r.code, 3);
        QVERIFY2(r.err.contains("not for the fleet's address"), r.err.constData());
        // Keychain without an address to look up.
        r = rbctl({QStringLiteral("fleet"), QStringLiteral("deploy"), QStringLiteral("node0"), QStringLiteral("--config"), m_fleet,
                   QStringLiteral("--keychain")});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("--address"), r.err.constData());
        // The key never shows in the output.
        QVERIFY(!r.out.contains(QByteArray(32, 'k').toHex()));
    }

    void deploySettingsFileIsUsedAndValidated()
    {
        const QString dc = m_dir.filePath(QStringLiteral("bad-deploy.json"));
        QFile f(dc);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"format":"rustbalance-deploy","version":1,"nodes":{"node0":{"torrc":"relative/torrc"}}})");
        f.close();
        const Run r = rbctl({QStringLiteral("fleet"), QStringLiteral("undeploy"), QStringLiteral("node0"), QStringLiteral("--config"),
                             m_fleet, QStringLiteral("--deploy-config"), dc});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("torrc"), r.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestDeployCli)
#include "TestDeployCli.moc"
