// "Tried as a new user would": runs the lab variant of docs/OPERATOR-GUIDE.md
// exactly as written — the ```sh blocks between the guide-test markers, in
// order, in ONE bash session (`set -euo pipefail`, traced) — in a fresh HOME
// and XDG_RUNTIME_DIR with the built rbctl first on PATH. Proves:
//   - every step exits 0 and the master address became reachable: the page
//     of one of the lab's nodes ("node-<i>") was fetched through the lab
//     client's SOCKS port;
//   - the address the guide's key step printed is the one the lab's nodes run;
//   - no key material (seed or expanded key, hex or base64) appears in the
//     output or in the publisher's log;
//   - the guide cleans up after itself: no process mentioning the temporary
//     directory is left and the lab directory is gone.
// Whatever happens, the test itself then stops the lab (`rbctl lab down`),
// and stops, by pid, any process the guide started that still runs, so
// nothing is left behind on failure.

#include "docs/GuideText.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <csignal>
#include <sys/types.h>
#include <unistd.h>

using namespace rb::docs;

namespace {

constexpr int kScriptTimeoutMs = 480000;

// Processes the guide started, by pid: their command line names `root`, or
// they inherited the guide's HOME (a background publisher started with
// relative paths, tor daemons that left the session). Never this test.
QList<qint64> guideProcesses(const QString& root, const QString& home)
{
    QList<qint64> pids;
    const QByteArray inRoot = root.toLocal8Bit();
    const QByteArray homeVar = QByteArray("HOME=") + home.toLocal8Bit() + '\0';
    const qint64 self = QCoreApplication::applicationPid();
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString& e : entries) {
        bool ok = false;
        const qint64 pid = e.toLongLong(&ok);
        if (!ok || pid == self) {
            continue;
        }
        QFile cmd(QStringLiteral("/proc/%1/cmdline").arg(pid));
        QFile env(QStringLiteral("/proc/%1/environ").arg(pid));
        if ((cmd.open(QIODevice::ReadOnly) && cmd.readAll().contains(inRoot)) ||
            (env.open(QIODevice::ReadOnly) &&
             (QByteArray(1, '\0').append(env.readAll())).contains(QByteArray(1, '\0').append(homeVar)))) {
            pids << pid;
        }
    }
    return pids;
}

}  // namespace

class TestOperatorGuide : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void labVariantReachesTheMasterAddress();
    void cleanupTestCase();

private:
    QProcessEnvironment guideEnvironment() const;
    void cleanUp();

    QString m_rbctl;
    QList<CodeBlock> m_blocks;
    QTemporaryDir m_root{QDir::tempPath() + QStringLiteral("/rb-guide-XXXXXX")};
    QString m_home;
    QString m_runtime;
    qint64 m_sessionPid = 0;  // the guide's bash: leader of its own session and process group
    QList<qint64> m_leftovers;
};

void TestOperatorGuide::initTestCase()
{
    m_rbctl = qEnvironmentVariable("RB_RBCTL");
    QVERIFY2(QFileInfo(m_rbctl).isExecutable(), "RB_RBCTL must name the built rbctl");
    QFile f(QStringLiteral(RB_SOURCE_DIR "/docs/OPERATOR-GUIDE.md"));
    QVERIFY2(f.open(QIODevice::ReadOnly), "docs/OPERATOR-GUIDE.md is missing");
    QString error;
    m_blocks = guideTestBlocks(QString::fromUtf8(f.readAll()), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY2(m_blocks.size() >= 5, "the guide's lab variant has no guide-test blocks");
    // What the guide tells a new user to have installed.
    for (const char* tool : {"bash", "tor", "tor-gencert", "python3", "curl"}) {
        QVERIFY2(!QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty(),
                 qPrintable(QStringLiteral("%1 is not installed; the guide's lab variant needs it "
                                           "(scripts/install-deps.sh)")
                                .arg(QLatin1String(tool))));
    }
    QVERIFY(m_root.isValid());
    m_home = m_root.path() + QStringLiteral("/home");
    m_runtime = m_root.path() + QStringLiteral("/run");
    QVERIFY(QDir().mkpath(m_home));
    QVERIFY(QDir().mkpath(m_runtime));
    QVERIFY(QFile::setPermissions(m_runtime, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner));
}

QProcessEnvironment TestOperatorGuide::guideEnvironment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    // A new user's session: own HOME and runtime dir, rbctl on PATH, no
    // project overrides. TMPDIR stays: the lab's port registry lives there
    // and keeps concurrent labs apart.
    for (const char* var : {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "RB_FLEET_CONFIG",
                            "RB_SSH_CONFIG", "OLDPWD", "CDPATH", "BASH_ENV", "ENV"}) {
        env.remove(QString::fromLatin1(var));
    }
    env.insert(QStringLiteral("HOME"), m_home);
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_runtime);
    env.insert(QStringLiteral("PATH"),
               QFileInfo(m_rbctl).absolutePath() + QLatin1Char(':') + env.value(QStringLiteral("PATH")));
    env.insert(QStringLiteral("PS4"), QStringLiteral("+ guide: "));
    return env;
}

void TestOperatorGuide::labVariantReachesTheMasterAddress()
{
    QString script = QStringLiteral("set -euo pipefail\ncd \"$HOME\"\n");
    for (const CodeBlock& b : m_blocks) {
        script += QStringLiteral("\n# --- docs/OPERATOR-GUIDE.md line %1 ---\n").arg(b.line) + b.text;
    }
    const QString scriptPath = m_root.path() + QStringLiteral("/guide-lab.sh");
    {
        QFile f(scriptPath);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QVERIFY(f.write(script.toUtf8()) > 0);
    }

    QProcess bash;
    bash.setProcessEnvironment(guideEnvironment());
    bash.setWorkingDirectory(m_home);
    // Own session and process group: the test can stop everything it started.
    bash.setChildProcessModifier([]() { ::setsid(); });
    bash.setStandardInputFile(QProcess::nullDevice());
    QElapsedTimer clock;
    clock.start();
    bash.start(QStringLiteral("bash"), {QStringLiteral("-x"), scriptPath});
    QVERIFY2(bash.waitForStarted(10000), qPrintable(bash.errorString()));
    m_sessionPid = bash.processId();
    const bool finished = bash.waitForFinished(kScriptTimeoutMs);
    if (!finished) {
        // bash (the group leader) still runs, so its process group is ours.
        ::kill(-static_cast<pid_t>(m_sessionPid), SIGTERM);
        if (!bash.waitForFinished(10000)) {
            ::kill(-static_cast<pid_t>(m_sessionPid), SIGKILL);
            bash.waitForFinished(5000);
        }
    }
    const QString out = QString::fromUtf8(bash.readAllStandardOutput());
    const QString err = QString::fromUtf8(bash.readAllStandardError());
    QFile publishLog(m_home + QStringLiteral("/rb-lab/publish.log"));
    const QString pubLog = publishLog.open(QIODevice::ReadOnly) ? QString::fromUtf8(publishLog.readAll()) : QString();
    const auto report = [&]() {
        return QStringLiteral("\n--- stdout ---\n%1\n--- stderr (trace) ---\n%2\n--- publish.log (tail) ---\n%3")
            .arg(out.right(6000), err.right(8000), pubLog.right(4000));
    };
    qInfo("guide lab variant: %d blocks ran in %.1f s", static_cast<int>(m_blocks.size()),
          static_cast<double>(clock.elapsed()) / 1000.0);

    QVERIFY2(finished,
             qPrintable(QStringLiteral("the guide's commands did not finish within %1 s").arg(kScriptTimeoutMs / 1000) +
                        report()));
    QVERIFY2(bash.exitStatus() == QProcess::NormalExit && bash.exitCode() == 0,
             qPrintable(QStringLiteral("a guide command failed (exit %1)").arg(bash.exitCode()) + report()));

    // The page of one of the three nodes came back through the SOCKS port.
    static const QRegularExpression page(QStringLiteral("^node-[0-2]$"), QRegularExpression::MultilineOption);
    QVERIFY2(page.match(out).hasMatch(), qPrintable(QStringLiteral("no node page in the output") + report()));
    QVERIFY2(out.contains(QLatin1String("master address reachable: yes")), qPrintable(report()));

    // The address the key step printed is the one the lab's nodes run.
    static const QRegularExpression printed(QStringLiteral("^master address: ([a-z2-7]{56}\\.onion)$"),
                                            QRegularExpression::MultilineOption);
    const auto m = printed.match(out);
    QVERIFY2(m.hasMatch(), qPrintable(report()));
    const QString master = m.captured(1);
    QVERIFY2(out.contains(QStringLiteral("master ") + master + QLatin1Char('\n')),
             qPrintable(QStringLiteral("rbctl lab up did not run %1").arg(master) + report()));
    QVERIFY2(out.contains(QStringLiteral("master: ") + master), qPrintable(report()));  // rbctl status

    // No key material anywhere in what the guide's commands printed or logged.
    QFile key(m_home + QStringLiteral("/rb-lab/master/hs_ed25519_secret_key"));
    QVERIFY(key.open(QIODevice::ReadOnly));
    const QByteArray keyFile = key.readAll();
    QCOMPARE(keyFile.size(), 96);
    const QByteArray expanded = keyFile.mid(32);
    const QString everything = (out + err + pubLog).toLower();
    for (const QByteArray& secret : {expanded, expanded.left(32), expanded.mid(32)}) {
        for (const QByteArray& form :
             {secret.toHex(), secret.toBase64(), secret.toBase64(QByteArray::OmitTrailingEquals)}) {
            QVERIFY2(!everything.contains(QString::fromLatin1(form).toLower()), "key material in the guide's output");
        }
    }

    // The guide cleaned up after itself.
    QThread::msleep(500);
    const QList<qint64> left = guideProcesses(m_root.path(), m_home);
    QVERIFY2(left.isEmpty(), qPrintable(QStringLiteral("the guide left %1 process(es) running").arg(left.size())));
    QVERIFY2(!QFileInfo::exists(m_runtime + QStringLiteral("/rustbalance-lab/lab.json")),
             "rbctl lab down did not remove the lab");
}

void TestOperatorGuide::cleanUp()
{
    // The lab, if the guide did not get to `rbctl lab down`.
    if (QFileInfo::exists(m_runtime + QStringLiteral("/rustbalance-lab/lab.json"))) {
        QProcess down;
        down.setProcessEnvironment(guideEnvironment());
        down.setWorkingDirectory(m_home);
        down.start(m_rbctl, {QStringLiteral("lab"), QStringLiteral("down")});
        if (!down.waitForFinished(60000)) {
            down.kill();
            down.waitForFinished();
        }
        qWarning("cleanup: rbctl lab down: %s", down.readAll().constData());
    }
    // Everything the guide started that is still running (e.g. a background
    // publisher after a failed step), by pid.
    for (int round = 0; round < 2; ++round) {
        const QList<qint64> pids = guideProcesses(m_root.path(), m_home);
        if (pids.isEmpty()) {
            break;
        }
        m_leftovers << pids;
        for (const qint64 pid : pids) {
            ::kill(static_cast<pid_t>(pid), round == 0 ? SIGTERM : SIGKILL);
        }
        QThread::msleep(3000);
    }
}

void TestOperatorGuide::cleanupTestCase()
{
    cleanUp();
    if (!m_leftovers.isEmpty()) {
        qWarning("cleanup stopped %d leftover process(es)", static_cast<int>(m_leftovers.size()));
    }
    QVERIFY(guideProcesses(m_root.path(), m_home).isEmpty());
}

QTEST_GUILESS_MAIN(TestOperatorGuide)
#include "TestOperatorGuide.moc"
