// The publisher's systemd unit (packaging/systemd/rustbalance-publisher.service):
// `systemd-analyze verify` accepts it (on a copy whose ExecStart points at the
// built rbctl, with the generated rbctl(1) on MANPATH for Documentation=), it
// reloads with SIGHUP, keeps its sandbox, reads the key as a credential, has
// the optional metrics switch, and the built rbctl accepts its exact command
// line (parsed as systemd does).

#include "packaging/UnitFile.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace {

QString unitPath()
{
    return QStringLiteral(RB_SOURCE_DIR "/packaging/systemd/rustbalance-publisher.service");
}

}  // namespace

class TestSystemdUnit : public QObject {
    Q_OBJECT

private slots:
    void unitHasReloadSandboxAndMetrics();
    void rbctlAcceptsTheExactCommandLine();
    void systemdAnalyzeVerifyPasses();
};

void TestSystemdUnit::unitHasReloadSandboxAndMetrics()
{
    const rb::unitfile::Unit u = rb::unitfile::read(unitPath());
    QVERIFY(!u.entries.isEmpty());
    QCOMPARE(u.value(QStringLiteral("Service"), QStringLiteral("ExecReload")), QStringLiteral("/bin/kill -HUP $MAINPID"));
    const QString exec = u.value(QStringLiteral("Service"), QStringLiteral("ExecStart"));
    QVERIFY(exec.startsWith(QLatin1String("/usr/bin/rbctl publish --watch --config ")));
    QVERIFY(exec.contains(QLatin1String("--key-file ${CREDENTIALS_DIRECTORY}/master-key")));
    QVERIFY(exec.endsWith(QLatin1String("$RUSTBALANCE_PUBLISHER_OPTS")));
    QCOMPARE(u.value(QStringLiteral("Service"), QStringLiteral("Environment")), QStringLiteral("RUSTBALANCE_PUBLISHER_OPTS="));
    QCOMPARE(u.value(QStringLiteral("Service"), QStringLiteral("EnvironmentFile")),
             QStringLiteral("-/etc/rustbalance/publisher.env"));
    QVERIFY(u.value(QStringLiteral("Service"), QStringLiteral("LoadCredential")).startsWith(QLatin1String("master-key:")));
    for (const char* kv : {"NoNewPrivileges=yes", "ProtectSystem=strict", "DynamicUser=yes", "ProtectHome=yes",
                           "PrivateTmp=yes", "RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6"}) {
        const QString s = QString::fromLatin1(kv);
        QCOMPARE(u.value(QStringLiteral("Service"), s.section(u'=', 0, 0)), s.section(u'=', 1));
    }
    // The documented metrics switch is in the unit's comments.
    QFile f(unitPath());
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(f.readAll().contains("RUSTBALANCE_PUBLISHER_OPTS=--metrics-listen 127.0.0.1:"));
}

void TestSystemdUnit::rbctlAcceptsTheExactCommandLine()
{
    const QString rbctl = qEnvironmentVariable("RB_RBCTL");
    QVERIFY(QFile::exists(rbctl));
    const rb::unitfile::Unit u = rb::unitfile::read(unitPath());
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QStringList argv = rb::unitfile::commandLine(
        u.value(QStringLiteral("Service"), QStringLiteral("ExecStart")),
        {{QStringLiteral("CREDENTIALS_DIRECTORY"), dir.path()},
         {QStringLiteral("RUSTBALANCE_PUBLISHER_OPTS"), QStringLiteral("--metrics-listen 127.0.0.1:9420")}});
    QCOMPARE(argv.first(), QStringLiteral("/usr/bin/rbctl"));
    QVERIFY(argv.contains(QStringLiteral("--metrics-listen")));
    QCOMPARE(argv.value(argv.indexOf(QStringLiteral("--key-file")) + 1), dir.filePath(QStringLiteral("master-key")));
    // Every option parses; it stops at the (absent) configuration file.
    argv.removeFirst();
    for (QString& a : argv) {
        if (a == QLatin1String("/etc/rustbalance/publisher.json")) {
            a = dir.filePath(QStringLiteral("missing.json"));
        }
    }
    QProcess p;
    p.start(rbctl, argv);
    QVERIFY(p.waitForFinished(20000));
    const QByteArray err = p.readAllStandardError();
    QVERIFY(p.exitCode() != 0);
    QVERIFY2(err.contains("missing.json"), err.constData());
    QVERIFY2(!err.contains("Unknown option"), err.constData());
    // Empty RUSTBALANCE_PUBLISHER_OPTS (the default): no extra word.
    const QStringList plain = rb::unitfile::commandLine(u.value(QStringLiteral("Service"), QStringLiteral("ExecStart")),
                                                        {{QStringLiteral("CREDENTIALS_DIRECTORY"), dir.path()}});
    QCOMPARE(plain.last(), QStringLiteral("--json-log"));
}

void TestSystemdUnit::systemdAnalyzeVerifyPasses()
{
    const QString analyze = QStandardPaths::findExecutable(QStringLiteral("systemd-analyze"));
    if (analyze.isEmpty()) {
        QSKIP("systemd-analyze is not installed (Debian: apt-get install systemd)");
    }
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile in(unitPath());
    QVERIFY(in.open(QIODevice::ReadOnly));
    QByteArray text = in.readAll();
    QVERIFY(text.contains("ExecStart=/usr/bin/rbctl "));
    text.replace(QByteArray("ExecStart=/usr/bin/rbctl "), QByteArray("ExecStart=" + qgetenv("RB_RBCTL") + ' '));
    const QString copy = dir.filePath(QStringLiteral("rustbalance-publisher.service"));
    QFile out(copy);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(text);
    out.close();
    // Documentation=man:rbctl(1): the page generated from --help at build time.
    QVERIFY(QDir().mkpath(dir.filePath(QStringLiteral("man/man1"))));
    const QString page = QStringLiteral(RB_BINARY_DIR "/packaging/man/rbctl.1.gz");
    if (!QFile::exists(page)) {
        QSKIP("rbctl.1.gz was not generated (build the 'manpages' target)");
    }
    QVERIFY(QFile::copy(page, dir.filePath(QStringLiteral("man/man1/rbctl.1.gz"))));
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("MANPATH"), dir.filePath(QStringLiteral("man")));
    p.setProcessEnvironment(env);
    p.setWorkingDirectory(dir.path());
    p.start(analyze, {QStringLiteral("verify"), copy});
    QVERIFY(p.waitForFinished(60000));
    const QByteArray output = p.readAllStandardOutput() + p.readAllStandardError();
    qInfo("systemd-analyze verify: exit %d%s", p.exitCode(), output.isEmpty() ? ", no output" : output.constData());
    QVERIFY2(p.exitCode() == 0, output.constData());
    QVERIFY2(!output.contains("rustbalance-publisher.service"), output.constData());
}

QTEST_GUILESS_MAIN(TestSystemdUnit)
#include "TestSystemdUnit.moc"
