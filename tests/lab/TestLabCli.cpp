// `rbctl lab up|status|down` through the real binary: option checks, a lab
// started from a master key FILE (converted to tor's key files by rbctl),
// status JSON, and a down that leaves no process behind.

#include "lab/LabNetwork.h"
#include "lab/LabTools.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

using rb::lab::LabNetwork;

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run rbctl(const QStringList& args, int timeoutMs = 300000)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("RB_LAB_SCRIPT"));  // exercise the dev-build lookup
    p.setProcessEnvironment(env);
    p.start(qEnvironmentVariable("RB_RBCTL"), args);
    Run r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

// Guard: whatever happens in the test, the lab started through rbctl is
// stopped (rbctl-started labs have no owner watchdog: they are meant to live).
struct LabDirGuard {
    QString dir;
    ~LabDirGuard()
    {
        if (!dir.isEmpty() && QFileInfo::exists(dir + QStringLiteral("/lab.json"))) {
            QProcess::execute(LabNetwork::pythonPath(),
                              {LabNetwork::scriptPath(), QStringLiteral("down"), QStringLiteral("--dir"), dir});
        }
    }
};

}  // namespace

class TestLabCli : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void rejectsBadOptions();
    void upStatusDownWithMasterKeyFile();
};

void TestLabCli::initTestCase()
{
    QVERIFY2(QFileInfo(qEnvironmentVariable("RB_RBCTL")).isExecutable(), "RB_RBCTL must name the rbctl binary");
}

void TestLabCli::rejectsBadOptions()
{
    Run r = rbctl({QStringLiteral("lab"), QStringLiteral("--help")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains("up"));
    QVERIFY2(!r.out.contains("NOT FOUND"), r.out.constData());  // script located

    r = rbctl({QStringLiteral("lab"), QStringLiteral("up"), QStringLiteral("--help")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains("--master-key-file"));

    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString dir = tmp.filePath(QStringLiteral("lab"));
    r = rbctl({QStringLiteral("lab"), QStringLiteral("up"), QStringLiteral("--dir"), dir, QStringLiteral("--voting-interval"),
               QStringLiteral("5")});
    QCOMPARE(r.exitCode, 2);
    r = rbctl({QStringLiteral("lab"), QStringLiteral("frobnicate")});
    QCOMPARE(r.exitCode, 2);
    r = rbctl({QStringLiteral("lab"), QStringLiteral("node-stop"), QStringLiteral("--dir"), dir});
    QCOMPARE(r.exitCode, 2);  // --node missing
    r = rbctl({QStringLiteral("lab"), QStringLiteral("up"), QStringLiteral("--dir"), dir, QStringLiteral("--master-key-file"),
               tmp.filePath(QStringLiteral("missing"))});
    QVERIFY2(r.exitCode != 0, r.err.constData());
    r = rbctl({QStringLiteral("lab"), QStringLiteral("status"), QStringLiteral("--dir"), dir});
    QCOMPARE(r.exitCode, 1);  // no lab there
    QVERIFY(!QFileInfo::exists(dir + QStringLiteral("/lab.json")));
}

void TestLabCli::upStatusDownWithMasterKeyFile()
{
    QTemporaryDir keys;
    QVERIFY(keys.isValid());
    const auto master = rb::lab::writeTestMasterKey(keys.path());
    QVERIFY2(master.ok(), qPrintable(master.ok() ? QString() : master.error().toString()));

    QTemporaryDir parent;
    QVERIFY(parent.isValid());
    LabDirGuard guard{QFileInfo(parent.path()).canonicalFilePath() + QStringLiteral("/lab")};
    Run r = rbctl({QStringLiteral("lab"), QStringLiteral("up"), QStringLiteral("--dir"), guard.dir,
                   QStringLiteral("--nodes"), QStringLiteral("2"), QStringLiteral("--voting-interval"),
                   QStringLiteral("30"), QStringLiteral("--no-wait"), QStringLiteral("--master-key-file"),
                   keys.filePath(QStringLiteral("hs_ed25519_secret_key"))});
    QVERIFY2(r.exitCode == 0, QByteArray(r.out + r.err).constData());
    QVERIFY(r.out.contains(master->toLatin1()));

    r = rbctl({QStringLiteral("lab"), QStringLiteral("status"), QStringLiteral("--dir"), guard.dir,
               QStringLiteral("--json")});
    QCOMPARE(r.exitCode, 0);
    const QJsonObject lab = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(lab.value(QStringLiteral("voting_interval")).toInt(), 30);
    QCOMPARE(lab.value(QStringLiteral("master_onion_address")).toString(), *master);
    int services = 0;
    for (const auto& v : lab.value(QStringLiteral("tors")).toArray()) {
        const QJsonObject t = v.toObject();
        QVERIFY2(t.value(QStringLiteral("alive")).toBool(), qPrintable(t.value(QStringLiteral("nickname")).toString()));
        if (t.value(QStringLiteral("role")).toString() == QLatin1String("service")) {
            ++services;
            QCOMPARE(t.value(QStringLiteral("onion_address")).toString(), *master);
            QCOMPARE(t.value(QStringLiteral("mode")).toString(), QStringLiteral("instance"));
        }
    }
    QCOMPARE(services, 2);
    // rbctl's temporary key directory is gone; the nodes keep their copies.
    const QString tmpKeyDirs = QDir::tempPath();
    QVERIFY(QDir(tmpKeyDirs).entryList({QStringLiteral("rbctl-lab-key-*")}, QDir::Dirs).isEmpty());

    r = rbctl({QStringLiteral("lab"), QStringLiteral("status"), QStringLiteral("--dir"), guard.dir});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains("node1"));

    QVERIFY(!LabNetwork::processesMentioning(guard.dir).isEmpty());
    r = rbctl({QStringLiteral("lab"), QStringLiteral("down"), QStringLiteral("--dir"), guard.dir});
    QVERIFY2(r.exitCode == 0, QByteArray(r.out + r.err).constData());
    QVERIFY(LabNetwork::processesMentioning(guard.dir).isEmpty());
    QVERIFY(!QFileInfo::exists(guard.dir));
}

QTEST_GUILESS_MAIN(TestLabCli)
#include "TestLabCli.moc"
