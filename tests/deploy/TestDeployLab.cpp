// The deployment against a real sshd and a real private tor network (lab):
// two ordinary onion services (node0, node1), each with its own identity,
// reached ONLY through SSH tunnels. Run through tests/secrets/with_keyring.sh:
// the master seed lives in a real Secret Service (gnome-keyring on a private
// D-Bus) and the deployment reads it from there; HOME and the XDG dirs are
// temp dirs, scanned for the seed afterwards.
//
// Order matters (one lab for everything, ~1 minute to start):
//   tunnels only -> killed ssh recovers -> changed host key refused ->
//   deploy onto node0 (+ seed scans, + the publisher merges node0 with the
//   cookie read over SSH, + `rbctl publish --once --config fleet.json` through
//   the sshd, + an unknown host key refused) -> undeploy node0 -> failed deploys roll back (torrc dir unwritable;
//   restarted tor dies) -> hostile names/paths -> rbctl fleet deploy.
#include "SshdFixture.h"
#include "balancer/Publisher.h"
#include "deploy/BackupManifest.h"
#include "deploy/DeployConfig.h"
#include "deploy/Deployer.h"
#include "deploy/MasterKeySource.h"
#include "deploy/NodeConnector.h"
#include "deploy/SshEndpointProvider.h"
#include "deploy/TorrcEditor.h"
#include "fleet/FleetConfig.h"
#include "lab/LabNetwork.h"
#include "onion/MasterIdentity.h"
#include "secrets/MemorySecretStore.h"
#include "secrets/ScanForSecret.h"
#include "secrets/SecretStore.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalSocket>
#include <QProcess>
#include <QSaveFile>
#include <QSet>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <csignal>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>

using namespace rb;
using namespace rb::deploy;
using rb::lab::LabNetwork;
using rb::lab::TorNode;

namespace {

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
}

int modeOf(const QString& path)
{
    struct stat st {};
    if (::lstat(QFile::encodeName(path).constData(), &st) != 0) {
        return -1;
    }
    return static_cast<int>(st.st_mode & 07777);
}

uint ownerOf(const QString& path)
{
    struct stat st {};
    if (::lstat(QFile::encodeName(path).constData(), &st) != 0) {
        return 0xffffffffU;
    }
    return st.st_uid;
}

qint64 pidFromFile(const QString& path)
{
    return readAll(path).trimmed().toLongLong();
}

bool processAlive(qint64 pid)
{
    if (pid <= 0) {
        return false;
    }
    const QByteArray status = readAll(QStringLiteral("/proc/%1/status").arg(pid));
    return !status.startsWith("<missing>") && !status.contains("State:\tZ");
}

// The files a deployment touches, byte for byte.
struct Snapshot {
    QMap<QString, QByteArray> files;  // name -> content ("<missing>" if absent)
    QByteArray torrc;
};

Snapshot snapshot(const TorNode& node)
{
    Snapshot s;
    for (const QString& f : NodeScripts::managedFiles()) {
        s.files.insert(f, readAll(node.hsDir + QLatin1Char('/') + f));
    }
    s.torrc = readAll(node.torrc);
    return s;
}

// Makes a directory unwritable even for root (chattr +i), else chmod 0500; undone on destruction.
class UnwritableDir {
public:
    explicit UnwritableDir(QString dir) : m_dir(std::move(dir))
    {
        if (::geteuid() == 0) {
            m_ok = QProcess::execute(QStringLiteral("chattr"), {QStringLiteral("+i"), m_dir}) == 0;
            m_chattr = true;
        } else {
            m_ok = ::chmod(QFile::encodeName(m_dir).constData(), 0500) == 0;
        }
    }
    ~UnwritableDir() { undo(); }
    UnwritableDir(const UnwritableDir&) = delete;
    UnwritableDir& operator=(const UnwritableDir&) = delete;
    void undo()
    {
        if (!m_ok) {
            return;
        }
        m_ok = false;
        if (m_chattr) {
            QProcess::execute(QStringLiteral("chattr"), {QStringLiteral("-i"), m_dir});
        } else {
            ::chmod(QFile::encodeName(m_dir).constData(), 0700);
        }
    }
    [[nodiscard]] bool ok() const { return m_ok; }

private:
    QString m_dir;
    bool m_ok = false;
    bool m_chattr = false;
};

// Scans every process's command line for the secret's encodings while the event loop runs.
class CmdlineScanner : public QObject {
public:
    explicit CmdlineScanner(QList<QByteArray> needles) : m_needles(std::move(needles))
    {
        connect(&m_timer, &QTimer::timeout, this, &CmdlineScanner::scan);
        m_timer.start(20);
    }
    void scan()
    {
        ++m_scans;
        const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        for (const QString& e : entries) {
            bool isPid = false;
            e.toLongLong(&isPid);
            if (!isPid) {
                continue;
            }
            QFile f(QStringLiteral("/proc/%1/cmdline").arg(e));
            if (!f.open(QIODevice::ReadOnly)) {
                continue;
            }
            const QByteArray cmd = f.readAll();
            ++m_cmdlines;
            if (cmd.contains("rb-install")) {
                ++m_installSeen;  // proof the scanner catches the deployment's own ssh commands
            }
            for (const QByteArray& n : m_needles) {
                if (cmd.contains(n)) {
                    m_hits << QString::fromUtf8(cmd.left(200)).replace(QChar(0), QLatin1Char(' '));
                }
            }
        }
    }
    int scans() const { return m_scans; }
    qint64 cmdlines() const { return m_cmdlines; }
    int installSeen() const { return m_installSeen; }
    const QStringList& hits() const { return m_hits; }

private:
    QList<QByteArray> m_needles;
    QTimer m_timer;
    int m_scans = 0;
    qint64 m_cmdlines = 0;
    int m_installSeen = 0;
    QStringList m_hits;
};

QList<QByteArray> encodings(const QByteArray& secret)
{
    return {secret,
            secret.toHex(),
            secret.toHex().toUpper(),
            secret.toBase64(),
            secret.toBase64(QByteArray::OmitTrailingEquals),
            secret.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)};
}

QStringList stepNames(const QSignalSpy& spy)
{
    QStringList names;
    for (const QList<QVariant>& args : spy) {
        names << Deployer::stepName(args.at(0).value<Deployer::Step>());
    }
    return names;
}

}  // namespace

class TestDeployLab : public QObject {
    Q_OBJECT

private:
    SshdFixture m_sshd;
    LabNetwork m_lab;
    QTemporaryDir m_rtDeploy{QDir::tempPath() + QStringLiteral("/rbdd-XXXXXX")};
    QTemporaryDir m_rtProbe{QDir::tempPath() + QStringLiteral("/rbdp-XXXXXX")};
    QTemporaryDir m_work{QDir::tempPath() + QStringLiteral("/rbdw-XXXXXX")};
    std::optional<onion::MasterIdentity> m_master;  // the test's copy, for checks and scans
    std::unique_ptr<secrets::ISecretStore> m_store;
    bool m_realKeychain = false;
    QStringList m_deployLog;
    Snapshot m_node0Original;
    QString m_node0OldAddress;

    fleet::NodeConfig nodeConfig(int i) const
    {
        const TorNode n = m_lab.service(i);
        fleet::NodeConfig c;
        c.name = QStringLiteral("node%1").arg(i);
        c.sshTarget = m_sshd.alias();
        c.controlEndpoint = QStringLiteral("127.0.0.1:%1").arg(n.controlPort);
        c.metricsEndpoint = QStringLiteral("127.0.0.1:%1").arg(n.metricsPort);
        c.auth = fleet::AuthMethod::SafeCookie;
        c.cookieFile = n.cookiePath;
        c.hiddenServiceDir = n.hsDir;
        c.torUser = QString::fromLocal8Bit(qgetenv("USER").isEmpty() ? QByteArray("root") : qgetenv("USER"));
        if (::geteuid() == 0) {
            c.torUser = QStringLiteral("root");
        }
        c.ports = {fleet::PortMapping::parse(QStringLiteral("80:127.0.0.1:%1").arg(n.backendPort)).value()};
        return c;
    }

    DeploySettings deploySettings(int i, int verifySeconds = 150) const
    {
        const TorNode n = m_lab.service(i);
        DeploySettings s;
        s.torrcPath = n.torrc;
        s.restart = RestartStrategy::fromPidFile(n.pidFile, n.torrc, m_lab.dir() + QStringLiteral("/empty-torrc"));
        s.restart.stopTimeoutSeconds = 20;
        s.verifyTimeoutSeconds = verifySeconds;
        s.connectTimeoutSeconds = 60;
        return s;
    }

    Deployer::Options deployOptions() const
    {
        Deployer::Options o;
        o.runtimeDir = m_rtDeploy.path();
        o.pollIntervalMs = 500;
        o.tunnelReadyTimeoutMs = 20000;
        return o;
    }

    std::unique_ptr<NodeConnector> connector(int i, const QString& runtimeDir = {}) const
    {
        auto s = NodeConnector::Settings::fromNodeConfig(nodeConfig(i), m_sshd.options());
        if (!s) {
            qWarning("%s", qPrintable(s.error().toString()));
            return nullptr;
        }
        s->transport.runtimeDir = runtimeDir.isEmpty() ? m_rtProbe.path() : runtimeDir;
        s->transport.tunnelReadyTimeoutMs = 15000;
        s->transport.initialBackoffMs = 300;
        s->transport.maxBackoffMs = 2000;
        s->retryInitialMs = 300;
        s->retryMaxMs = 2000;
        return std::make_unique<NodeConnector>(*s);
    }

    static bool waitUntil(const std::function<bool()>& pred, int timeoutMs)
    {
        QElapsedTimer t;
        t.start();
        while (!pred() && t.elapsed() < timeoutMs) {
            QTest::qWait(20);
        }
        return pred();
    }

    static Status waitConnected(NodeConnector& c, int timeoutMs)
    {
        std::optional<Status> st;
        c.whenConnected(timeoutMs, [&](Status s) { st = std::move(s); });
        waitUntil([&] { return st.has_value(); }, timeoutMs + 5000);
        return st.value_or(makeError(ErrorCode::Timeout, QStringLiteral("no answer")));
    }

    // Polls GETINFO hs/service/desc/id/<address> through a tunnel until tor answers.
    bool serves(int node, const QString& address, int timeoutMs, QString* why = nullptr)
    {
        auto c = connector(node);
        if (!c || !c->start().ok()) {
            return false;
        }
        QString id = address;
        id.remove(QStringLiteral(".onion"));
        QElapsedTimer t;
        t.start();
        QString last;
        while (t.elapsed() < timeoutMs) {
            const Status st = waitConnected(*c, 5000);
            if (st.ok() && c->client() != nullptr) {
                std::optional<Result<QByteArray>> r;
                c->client()->getInfoValue(QStringLiteral("hs/service/desc/id/") + id,
                                          [&](Result<QByteArray> v) { r = std::move(v); });
                if (!waitUntil([&] { return r.has_value(); }, 35000)) {
                    return false;
                }
                if (r->ok() && !r->value().isEmpty()) {
                    return true;
                }
                last = r->ok() ? QStringLiteral("empty") : r->error().message;
            } else {
                last = st.ok() ? QStringLiteral("no client") : st.error().message;
            }
            QTest::qWait(1000);
        }
        if (why != nullptr) {
            *why = last;
        }
        return false;
    }

    bool runDeployer(Deployer& d, bool deploy, int timeoutMs, std::optional<onion::MasterIdentity> master = std::nullopt)
    {
        connect(&d, &Deployer::logLine, this, [this](const QString& l) {
            m_deployLog << l;
            qInfo("%s", qPrintable(l));
        });
        QSignalSpy finished(&d, &Deployer::finished);
        const Status st = deploy ? d.deploy(std::move(*master)) : d.undeploy();
        if (!st) {
            qWarning("deployer refused to start: %s", qPrintable(st.error().toString()));
            return false;
        }
        return finished.wait(timeoutMs) || finished.count() == 1;
    }

    static int runRbctl(const QString& rbctl, const QStringList& args, const QProcessEnvironment& env, int timeoutMs,
                        QByteArray* out, QByteArray* errOut)
    {
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(rbctl, args);
        const bool ok = p.waitForStarted(10000);
        QElapsedTimer t;
        t.start();
        while (ok && p.state() != QProcess::NotRunning && t.elapsed() < timeoutMs) {
            QTest::qWait(50);
        }
        if (p.state() != QProcess::NotRunning) {
            p.kill();
            p.waitForFinished(3000);
        }
        *out = p.readAllStandardOutput();
        *errOut = p.readAllStandardError();
        qInfo("%s", errOut->right(4000).constData());
        return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    }

    Result<onion::MasterIdentity> masterFromKeychain()
    {
        std::optional<Result<onion::MasterIdentity>> got;
        MasterKeySource::fromKeychain(*m_store, m_master->address().toString(),
                                      [&](Result<onion::MasterIdentity> r) { got.emplace(std::move(r)); });
        QElapsedTimer t;
        t.start();
        while (!got && t.elapsed() < 30000) {
            QTest::qWait(20);
        }
        if (!got) {
            return makeError(ErrorCode::Timeout, QStringLiteral("keychain read timed out"));
        }
        return std::move(*got);
    }

private slots:
    void initTestCase()
    {
        if (!SshdFixture::sshdAvailable()) {
            QSKIP("/usr/sbin/sshd is not installed");
        }
        QVERIFY(m_rtDeploy.isValid() && m_rtProbe.isValid() && m_work.isValid());
        QString err;
        QVERIFY2(m_sshd.start(&err), qPrintable(err));
        QVERIFY2(m_sshd.trustHostKey(&err), qPrintable(err));

        LabNetwork::Options o;
        o.nodes = 2;  // no master key: two ordinary services with their own identities
        QElapsedTimer timer;
        timer.start();
        const Status st = m_lab.start(o);
        QVERIFY2(st.ok(), qPrintable(st.ok() ? QString() : st.error().toString() + m_lab.lastOutput()));
        qInfo("lab ready in %.1f s (script) / %.1f s wall", m_lab.readySeconds(), double(timer.elapsed()) / 1000.0);
        QCOMPARE(m_lab.serviceCount(), 2);
        QVERIFY(m_lab.service(0).onionAddress != m_lab.service(1).onionAddress);

        // The master seed goes into the real Secret Service (with_keyring.sh) and only the deployer reads it back.
        auto master = onion::MasterIdentity::generate();
        QVERIFY(master.ok());
        m_master.emplace(std::move(master).value());
        m_realKeychain = !qEnvironmentVariableIsEmpty("RB_KEYRING_SCAN_DIR");
        if (m_realKeychain) {
            m_store = std::make_unique<secrets::SecretStore>();
        } else {
            qWarning("not under with_keyring.sh: using an in-memory secret store");
            m_store = std::make_unique<secrets::MemorySecretStore>();
        }
        std::optional<Status> written;
        m_store->write(secrets::ISecretStore::masterSeedKey(m_master->address().toString()).value(), m_master->seed(),
                       [&](Status s) { written = std::move(s); });
        QTRY_VERIFY_WITH_TIMEOUT(written.has_value(), 30000);
        QVERIFY2(written->ok(), qPrintable(written->ok() ? QString() : written->error().toString()));
    }

    void cleanupTestCase()
    {
        if (QTest::currentTestFailed()) {
            m_lab.setKeepLogs(true);
        }
        if (m_store) {
            std::optional<Status> removed;
            m_store->remove(secrets::ISecretStore::masterSeedKey(m_master->address().toString()).value(),
                            [&](Status s) { removed = std::move(s); });
            QTRY_VERIFY_WITH_TIMEOUT(removed.has_value(), 30000);
            m_store.reset();
        }
        (void)m_lab.stop(m_lab.keepLogs());
        m_sshd.stop();
    }

    // ------------------------------------------------------------------
    void controlPortsOnlyThroughTunnels()
    {
        for (int i = 0; i < 2; ++i) {
            auto c = connector(i);
            QVERIFY(c);
            QVERIFY(c->start().ok());
            const Status st = waitConnected(*c, 40000);
            QVERIFY2(st.ok(), qPrintable(st.ok() ? QString() : st.error().toString()));
            // The control device is the tunnel's local Unix socket, nothing else.
            auto* sock = qobject_cast<QLocalSocket*>(c->device());
            QVERIFY(sock != nullptr);
            const auto local = c->transport()->localControl();
            QVERIFY(local.has_value());
            QCOMPARE(sock->fullServerName(), local->path);
            QVERIFY(local->path.startsWith(m_rtProbe.path()));
            QCOMPARE(modeOf(local->path) & 077, 0);
            // SAFECOOKIE with the cookie read over SSH: authenticated and answering.
            std::optional<Result<QByteArray>> addr;
            c->client()->getInfoValue(QStringLiteral("version"), [&](Result<QByteArray> v) { addr = std::move(v); });
            QTRY_VERIFY_WITH_TIMEOUT(addr.has_value(), 20000);
            QVERIFY(addr->ok());
            QVERIFY(c->torVersion().startsWith(QLatin1String("0.4.")));
            QCOMPARE(c->connectionCount(), 1);
            // The node serves its own identity (seen through the tunnel; right after the lab
            // is ready the service may still be building its first descriptor: "551 Not found in cache").
            QString id = m_lab.service(i).onionAddress;
            id.remove(QStringLiteral(".onion"));
            std::optional<Result<QByteArray>> desc;
            QElapsedTimer waited;
            waited.start();
            do {
                if (desc) {
                    QTest::qWait(500);
                }
                desc.reset();
                c->client()->getInfoValue(QStringLiteral("hs/service/desc/id/") + id,
                                          [&](Result<QByteArray> v) { desc = std::move(v); });
                QTRY_VERIFY_WITH_TIMEOUT(desc.has_value(), 20000);
            } while (!desc->ok() && waited.elapsed() < 90000);
            QVERIFY2(desc->ok(), qPrintable(desc->ok() ? QString() : desc->error().toString()));
            // MetricsPort through the same ssh process.
            const auto metrics = c->transport()->localMetrics();
            QVERIFY(metrics.has_value());
            QLocalSocket m;
            m.connectToServer(metrics->path);
            QVERIFY(m.waitForConnected(5000));
            m.write("GET /metrics HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n");
            QByteArray body;
            QElapsedTimer t;
            t.start();
            while (m.state() == QLocalSocket::ConnectedState && t.elapsed() < 10000) {
                QTest::qWait(20);
                body += m.readAll();
            }
            body += m.readAll();
            QVERIFY2(body.contains("tor_"), body.left(200).constData());
            // Stopping the tunnel ends the control connection: there is no other path.
            QSignalSpy gone(c.get(), &NodeConnector::disconnected);
            c->transport()->tunnel()->stop();
            QVERIFY(gone.wait(10000) || gone.count() > 0);
            c->stop();
        }
    }

    void killedSshIsRecovered()
    {
        auto c = connector(1);
        QVERIFY(c && c->start().ok());
        QVERIFY(waitConnected(*c, 40000).ok());
        const qint64 firstSsh = c->transport()->tunnel()->processId();
        QVERIFY(firstSsh > 0);
        QElapsedTimer t;
        t.start();
        QCOMPARE(::kill(static_cast<pid_t>(firstSsh), SIGKILL), 0);
        QTRY_VERIFY_WITH_TIMEOUT(c->connectionCount() == 2 && c->state() == NodeConnector::State::Connected, 40000);
        qInfo("control connection back %lld ms after the ssh process was killed", t.elapsed());
        const qint64 secondSsh = c->transport()->tunnel()->processId();
        QVERIFY(secondSsh > 0 && secondSsh != firstSsh);
        QVERIFY(c->transport()->tunnel()->restarts() >= 1);
        std::optional<Result<QByteArray>> v;
        c->client()->getInfoValue(QStringLiteral("version"), [&](Result<QByteArray> r) { v = std::move(r); });
        QTRY_VERIFY_WITH_TIMEOUT(v.has_value(), 20000);
        QVERIFY(v->ok());
        c->stop();
    }

    void changedHostKeyIsRefused()
    {
        auto c = connector(1);
        QVERIFY(c && c->start().ok());
        QVERIFY(waitConnected(*c, 40000).ok());
        QString err;
        const QString oldFingerprint = m_sshd.hostKeyFingerprint();
        QVERIFY2(m_sshd.regenerateHostKey(&err), qPrintable(err));
        QVERIFY(m_sshd.hostKeyFingerprint() != oldFingerprint);
        // The old session dies with sshd; the reconnect meets the new key and stops.
        const qint64 ssh = c->transport()->tunnel()->processId();
        if (ssh > 0) {
            ::kill(static_cast<pid_t>(ssh), SIGKILL);
        }
        QTRY_VERIFY_WITH_TIMEOUT(c->state() == NodeConnector::State::Failed, 40000);
        QCOMPARE(c->transport()->tunnel()->state(), ssh::SshTunnel::State::HostKeyChanged);
        QVERIFY2(c->lastError().message.contains(QLatin1String("host key"), Qt::CaseInsensitive) ||
                     c->lastError().message.contains(QLatin1String("changed"), Qt::CaseInsensitive),
                 qPrintable(c->lastError().toString()));
        QTest::qWait(3000);
        QCOMPARE(c->state(), NodeConnector::State::Failed);  // no retry behind the operator's back
        QCOMPARE(c->connectionCount(), 1);

        // A deployment to that host stops at Connect and changes nothing.
        const Snapshot before = snapshot(m_lab.service(1));
        auto master = onion::MasterIdentity::fromSeed(m_master->seed().clone());
        QVERIFY(master.ok());
        Deployer d(nodeConfig(1), deploySettings(1), m_sshd.options(), deployOptions());
        QSignalSpy failed(&d, &Deployer::stepFailed);
        QVERIFY(runDeployer(d, true, 60000, std::move(master).value()));
        QCOMPARE(d.report().outcome, Deployer::Outcome::Failed);
        QCOMPARE(d.report().failedStep.value(), Deployer::Step::Connect);
        QVERIFY(d.report().backupDir.isEmpty());
        const Snapshot after = snapshot(m_lab.service(1));
        QCOMPARE(after.files, before.files);
        QCOMPARE(after.torrc, before.torrc);

        // The operator accepts the new key: the connector resumes.
        QVERIFY2(m_sshd.trustHostKey(&err), qPrintable(err));
        c->reconnectNow();
        QTRY_VERIFY_WITH_TIMEOUT(c->state() == NodeConnector::State::Connected, 40000);
        QCOMPARE(c->connectionCount(), 2);
        c->stop();
    }

    // ------------------------------------------------------------------
    void deployOntoNodeWithAnotherIdentity()
    {
        const TorNode node = m_lab.service(0);
        m_node0Original = snapshot(node);
        m_node0OldAddress = node.onionAddress;
        QVERIFY(m_node0Original.files.value(QStringLiteral("hs_ed25519_secret_key")).size() == 96);
        QVERIFY(m_node0Original.files.value(QStringLiteral("ob_config")) == "<missing>");
        QVERIFY(m_node0OldAddress != m_master->address().toString());
        const qint64 pidBefore = pidFromFile(node.pidFile);
        QVERIFY(processAlive(pidBefore));

        QList<QByteArray> needles = encodings(m_master->seed().view().toByteArray());
        needles << encodings(m_master->expandedKey().view().toByteArray());
        needles << encodings(m_master->torSecretKeyFile().view().toByteArray()).mid(1);  // (raw contains a text header)
        CmdlineScanner scanner(needles);

        // The key comes from the keychain, not from a file.
        auto fromKeychain = masterFromKeychain();
        QVERIFY2(fromKeychain.ok(), qPrintable(fromKeychain.ok() ? QString() : fromKeychain.error().toString()));
        QCOMPARE(fromKeychain->address().toString(), m_master->address().toString());

        Deployer d(nodeConfig(0), deploySettings(0), m_sshd.options(), deployOptions());
        QSignalSpy started(&d, &Deployer::stepStarted);
        QSignalSpy done(&d, &Deployer::stepFinished);
        QElapsedTimer t;
        t.start();
        QVERIFY(runDeployer(d, true, 400000, std::move(fromKeychain).value()));
        const auto& rep = d.report();
        qInfo("deploy took %lld ms; report: %s", t.elapsed(),
              QJsonDocument(rep.toJson()).toJson(QJsonDocument::Compact).constData());
        QVERIFY2(rep.outcome == Deployer::Outcome::Succeeded, qPrintable(rep.error.toString()));
        QCOMPARE(stepNames(started), (QStringList{QStringLiteral("connect"), QStringLiteral("preflight"),
                                                  QStringLiteral("backup"), QStringLiteral("write-keys"),
                                                  QStringLiteral("write-torrc"), QStringLiteral("restart"),
                                                  QStringLiteral("verify")}));
        QCOMPARE(done.count(), 7);
        int lastPercent = 0;
        for (const auto& args : started) {
            QVERIFY(args.at(2).toInt() > lastPercent);
            lastPercent = args.at(2).toInt();
        }
        QCOMPARE(rep.previousAddress, m_node0OldAddress);

        // Backup: the old files byte-identical, 0700, a MANIFEST naming the old identity.
        QVERIFY(rep.backupDir.startsWith(node.hsDir + QStringLiteral(".rb-backup-")));
        QCOMPARE(modeOf(rep.backupDir), 0700);
        for (const QString& f : {QStringLiteral("hs_ed25519_secret_key"), QStringLiteral("hs_ed25519_public_key"),
                                 QStringLiteral("hostname")}) {
            QCOMPARE(readAll(rep.backupDir + QLatin1Char('/') + f), m_node0Original.files.value(f));
        }
        QVERIFY(!QFile::exists(rep.backupDir + QStringLiteral("/ob_config")));
        QCOMPARE(readAll(rep.backupDir + QStringLiteral("/torrc")), m_node0Original.torrc);
        auto manifest = BackupManifest::parse(readAll(rep.backupDir + QStringLiteral("/MANIFEST")));
        QVERIFY(manifest.ok());
        QCOMPARE(manifest->oldAddress, m_node0OldAddress);
        QCOMPARE(manifest->masterAddress, m_master->address().toString());

        // The master keys in place, tor's user, 0600 / 0700.
        QCOMPARE(readAll(node.hsDir + QStringLiteral("/hs_ed25519_secret_key")), m_master->torSecretKeyFile().view().toByteArray());
        QCOMPARE(readAll(node.hsDir + QStringLiteral("/hs_ed25519_public_key")), m_master->torPublicKeyFile());
        QCOMPARE(readAll(node.hsDir + QStringLiteral("/hostname")), m_master->hostnameFile());
        QCOMPARE(readAll(node.hsDir + QStringLiteral("/ob_config")),
                 QByteArray("MasterOnionAddress " + m_master->address().toString().toUtf8() + "\n"));
        for (const QString& f : NodeScripts::managedFiles()) {
            QCOMPARE(modeOf(node.hsDir + QLatin1Char('/') + f), 0600);
            QCOMPARE(ownerOf(node.hsDir + QLatin1Char('/') + f), ::geteuid());
        }
        QCOMPARE(modeOf(node.hsDir), 0700);
        const QByteArray torrc = readAll(node.torrc);
        QVERIFY(torrc.contains(TorrcEditor::beginMarker()));
        QVERIFY(torrc.contains("\nHiddenServiceOnionbalanceInstance 1\n"));
        QVERIFY(torrc.contains("\nPublishHidServDescriptors 0\n"));
        QCOMPARE(modeOf(node.torrc), 0600);

        // tor was restarted (new process) and serves the master through the tunnel.
        const qint64 pidAfter = pidFromFile(node.pidFile);
        QVERIFY(pidAfter != pidBefore);
        QVERIFY(!processAlive(pidBefore));
        QCOMPARE(rep.torPidBefore, pidBefore);
        QCOMPARE(rep.torPidAfter, pidAfter);
        QString why;
        QVERIFY2(serves(0, m_master->address().toString(), 30000, &why), qPrintable(why));
        QVERIFY(!serves(0, m_node0OldAddress, 3000));

        // The seed never showed on any command line (the scanner did see our installs).
        scanner.scan();
        qInfo("cmdline scans: %d rounds, %lld command lines, deploy commands seen %d times", scanner.scans(),
              scanner.cmdlines(), scanner.installSeen());
        QVERIFY(scanner.scans() > 50);
        QVERIFY(scanner.installSeen() > 0);
        QVERIFY2(scanner.hits().isEmpty(), qPrintable(scanner.hits().join(QLatin1Char('\n'))));
    }

    void publisherMergesTheDeployedNode()
    {
        // The publisher (core/balancer) reaches node0 only through the SSH tunnel.
        SshNodeTransport::Settings ts =
            SshNodeTransport::Settings::fromNodeConfig(nodeConfig(0), m_sshd.options()).value();
        ts.runtimeDir = m_rtProbe.path();
        SshNodeTransport transport(ts);
        balancer::NodeEndpoint ep;
        ep.name = QStringLiteral("node0");
        ep.provider = std::make_shared<SshEndpointProvider>(&transport);
        // No local cookie file: the session reads tor's cookie on the node over SSH
        // (SshEndpointProvider::readCookie, NodeEndpoint's remote cookie rule), as for a remote node.
        ep.cookieFile.clear();
        ep.useAdvertisedCookie = true;  // ignored for an SSH node (the advertised path is on the node)
        QVERIFY(ep.provider->canReadCookie());
        QCOMPARE(ep.provider->cookiePath(QString()), m_lab.service(0).cookiePath);
        ep.hiddenServiceDir = m_lab.service(0).hsDir;
        ep.files = std::make_shared<SshNodeFileAccess>(&transport);

        QList<QByteArray> needles = encodings(m_master->seed().view().toByteArray());
        needles << encodings(m_master->expandedKey().view().toByteArray());
        CmdlineScanner scanner(needles);

        auto identity = onion::MasterIdentity::fromSeed(m_master->seed().clone());
        QVERIFY(identity.ok());
        balancer::PublisherSettings ps;
        balancer::Publisher publisher(std::move(identity).value(), ps);
        QVERIFY(publisher.addNode(ep, balancer::NodeCredentials{}).ok());
        int node0Intros = 0;
        connect(&publisher, &balancer::Publisher::descriptorBuilt, this,
                [&](const balancer::DescriptorPublication& p) {
                    node0Intros = qMax(node0Intros, p.introPointsByNode.value(QStringLiteral("node0")));
                });
        publisher.start();
        QElapsedTimer t;
        t.start();
        QTRY_VERIFY2_WITH_TIMEOUT(node0Intros > 0, qPrintable(publisher.mergeExplanation().join(QLatin1Char('\n'))),
                                  240000);
        qInfo("node0's intro points merged after %lld ms: %d; tunnel %s", t.elapsed(), node0Intros,
              qPrintable(ep.provider->tunnelState()));
        QCOMPARE(ep.provider->tunnelState(), QStringLiteral("ready"));
        balancer::NodeSession* session = publisher.session(QStringLiteral("node0"));
        QVERIFY(session->isConnected());
        // Authenticated with SAFECOOKIE using the cookie read over SSH, with no cookie file here.
        QVERIFY(ep.cookieFile.isEmpty());
        QVERIFY(session->authenticatedWithRemoteCookie());
        QCOMPARE(session->authMethod(), std::optional(control::AuthMethod::SafeCookie));
        publisher.stop();
        transport.stop();
        scanner.scan();
        QVERIFY2(scanner.hits().isEmpty(), qPrintable(scanner.hits().join(QLatin1Char('\n'))));
    }

    void seedNeverWrittenToLogsOrConfig()
    {
        // Everything this test produced: the deployer's log, sshd's log, the lab's tor logs,
        // and every file under HOME / the XDG config and cache dirs (temp dirs under with_keyring.sh).
        QSaveFile log(m_work.filePath(QStringLiteral("deploy.log")));
        QVERIFY(log.open(QIODevice::WriteOnly));
        log.write(m_deployLog.join(QLatin1Char('\n')).toUtf8());
        QVERIFY(log.commit());
        QVERIFY(m_deployLog.size() > 10);
        QStringList dirs{m_work.path(), m_sshd.dir(), m_lab.dir(), m_rtDeploy.path(), m_rtProbe.path()};
        if (m_realKeychain) {
            dirs << QDir::homePath()
                 << QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation)
                 << QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation);
        }
        int files = 0;
        for (const QString& dir : dirs) {
            if (dir.isEmpty() || !QFileInfo(dir).isDir()) {
                continue;
            }
            files += countFiles(dir);
            for (const auto& secret : {m_master->seed().view().toByteArray(), m_master->expandedKey().view().toByteArray()}) {
                QStringList hits = filesContainingSecret(dir, secret);
                // The deployed key files legitimately hold the expanded key on the node (the lab dir).
                hits.removeIf([&](const QString& p) {
                    return p.endsWith(QLatin1String("/hs_ed25519_secret_key"));
                });
                QVERIFY2(hits.isEmpty(), qPrintable(hits.join(QLatin1Char('\n'))));
            }
        }
        qInfo("scanned %d files in %lld directories for the seed and expanded key", files, qint64(dirs.size()));
        QVERIFY(files > 20);
    }

    // `rbctl publish --once` with the console's fleet file: node0 reached only through the
    // test sshd (ssh -F via --ssh-config), the cookie read on the node over SSH, the master
    // key from a 0600 key file; the merged descriptor is uploaded with node0's intro points
    // and a client (rbctl status, HSFETCH) finds it. An unknown host key is refused.
    void rbctlPublishesThroughTheFleetFile()
    {
        const QString rbctl = qEnvironmentVariable("RB_RBCTL");
        if (rbctl.isEmpty()) {
            QSKIP("RB_RBCTL is not set");
        }
        QTemporaryDir dir(QDir::tempPath() + QStringLiteral("/rbdf-XXXXXX"));
        QVERIFY(dir.isValid());
        const QString fleetPath = dir.filePath(QStringLiteral("fleet.json"));
        fleet::FleetConfig fleet;
        QVERIFY(fleet.addNode(nodeConfig(0)).ok());
        QVERIFY(fleet.save(fleetPath).ok());
        const QString keyFile = dir.filePath(QStringLiteral("master.key"));
        {
            QSaveFile f(keyFile);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
            f.write(m_master->seed().view().toByteArray());
            QVERIFY(f.commit());
        }
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("RB_SSH_CONFIG"));
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), dir.path());
        QList<QByteArray> needles = encodings(m_master->seed().view().toByteArray());
        needles << encodings(m_master->expandedKey().view().toByteArray());
        CmdlineScanner scanner(needles);

        QByteArray out;
        QByteArray errText;
        QElapsedTimer t;
        t.start();
        const int code = runRbctl(rbctl,
                                  {QStringLiteral("publish"), QStringLiteral("--once"), QStringLiteral("--json-log"),
                                   QStringLiteral("--config"), fleetPath, QStringLiteral("--ssh-config"),
                                   m_sshd.clientConfigPath(), QStringLiteral("--key-file"), keyFile,
                                   QStringLiteral("--timeout"), QStringLiteral("300")},
                                  env, 400000, &out, &errText);
        qInfo("rbctl publish --once through the fleet file: exit %d after %lld ms", code, t.elapsed());
        QCOMPARE(code, 0);
        int node0Intros = 0;
        QSet<QString> published;
        int uploaded = 0;
        bool cookieOverSsh = false;
        bool sawTunnel = false;
        for (const QByteArray& line : out.split('\n')) {
            const QJsonObject e = QJsonDocument::fromJson(line).object();
            const QString ev = e.value(QStringLiteral("event")).toString();
            if (ev == QLatin1String("publication")) {
                published << e.value(QStringLiteral("which")).toString();
                node0Intros = qMax(node0Intros,
                                   e.value(QStringLiteral("introPointsByNode")).toObject().value(QStringLiteral("node0")).toInt());
            } else if (ev == QLatin1String("upload") && e.value(QStringLiteral("state")).toString() == QLatin1String("uploaded")) {
                ++uploaded;
            } else if (ev == QLatin1String("log") &&
                       e.value(QStringLiteral("message")).toString().contains(QLatin1String("control cookie read on the node over SSH"))) {
                cookieOverSsh = true;
            }
            if (line.contains("ssh ") && line.contains(m_sshd.alias().toUtf8())) {
                sawTunnel = true;
            }
        }
        QVERIFY2(node0Intros > 0, out.right(3000).constData());
        QCOMPARE(published, (QSet<QString>{QStringLiteral("first"), QStringLiteral("second")}));
        QVERIFY(uploaded >= 2);
        QVERIFY2(cookieOverSsh, out.right(3000).constData());
        QVERIFY2(sawTunnel, "node0 was not reached through the SSH tunnel");
        QVERIFY(!out.contains(m_master->seed().view().toByteArray().toHex()));

        // The client view: the descriptor on the HSDirs carries node0's intro points.
        QJsonObject pub;
        for (int attempt = 0; attempt < 3 && !pub.value(QStringLiteral("found")).toBool(); ++attempt) {
            const int st = runRbctl(rbctl,
                                    {QStringLiteral("status"), QStringLiteral("--config"), fleetPath,
                                     QStringLiteral("--ssh-config"), m_sshd.clientConfigPath(), QStringLiteral("--key-file"),
                                     keyFile, QStringLiteral("--json"), QStringLiteral("--timeout"), QStringLiteral("90")},
                                    env, 150000, &out, &errText);
            pub = QJsonDocument::fromJson(out).object().value(QStringLiteral("published")).toObject();
            qInfo("rbctl status (attempt %d): exit %d, published %s", attempt + 1, st,
                  QJsonDocument(pub).toJson(QJsonDocument::Compact).constData());
        }
        QVERIFY(pub.value(QStringLiteral("found")).toBool());
        QVERIFY(pub.value(QStringLiteral("introPointsByNode")).toObject().value(QStringLiteral("node0")).toInt() > 0);

        // An unknown host key: refused with its fingerprint and the command to accept it; never accepted.
        const QString emptyKnownHosts = dir.filePath(QStringLiteral("known_hosts_empty"));
        {
            QSaveFile f(emptyKnownHosts);
            QVERIFY(f.open(QIODevice::WriteOnly));
            QVERIFY(f.commit());
        }
        QByteArray cfg = readAll(m_sshd.clientConfigPath());
        QVERIFY(cfg.contains(m_sshd.knownHostsPath().toUtf8()));
        cfg.replace(m_sshd.knownHostsPath().toUtf8(), emptyKnownHosts.toUtf8());
        const QString otherConfig = dir.filePath(QStringLiteral("ssh_config_unknown"));
        {
            QSaveFile f(otherConfig);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(cfg);
            QVERIFY(f.commit());
        }
        const int refused = runRbctl(rbctl,
                                     {QStringLiteral("publish"), QStringLiteral("--once"), QStringLiteral("--config"),
                                      fleetPath, QStringLiteral("--ssh-config"), otherConfig, QStringLiteral("--key-file"),
                                      keyFile},
                                     env, 120000, &out, &errText);
        QCOMPARE(refused, 5);
        QVERIFY2(errText.contains(m_sshd.hostKeyFingerprint().toUtf8()), errText.constData());
        QVERIFY2(errText.contains(QStringLiteral("ssh -F %1 %2 true").arg(otherConfig, m_sshd.alias()).toUtf8()),
                 errText.constData());
        QVERIFY2(!out.contains("publishing"), out.constData());
        QCOMPARE(readAll(emptyKnownHosts), QByteArray());  // nothing accepted behind the operator's back

        scanner.scan();
        QVERIFY2(scanner.hits().isEmpty(), qPrintable(scanner.hits().join(QLatin1Char('\n'))));
    }

    void undeployRestoresTheOldIdentity()
    {
        const TorNode node = m_lab.service(0);
        const qint64 pidBefore = pidFromFile(node.pidFile);
        Deployer d(nodeConfig(0), deploySettings(0), m_sshd.options(), deployOptions());
        QSignalSpy started(&d, &Deployer::stepStarted);
        QVERIFY(runDeployer(d, false, 400000));
        const auto& rep = d.report();
        QVERIFY2(rep.outcome == Deployer::Outcome::Succeeded, qPrintable(rep.error.toString()));
        QCOMPARE(stepNames(started), (QStringList{QStringLiteral("connect"), QStringLiteral("preflight"),
                                                  QStringLiteral("restore"), QStringLiteral("write-torrc"),
                                                  QStringLiteral("restart"), QStringLiteral("verify")}));
        const Snapshot now = snapshot(node);
        QCOMPARE(now.files, m_node0Original.files);  // incl. ob_config gone again
        QCOMPARE(now.torrc, m_node0Original.torrc);
        QVERIFY(pidFromFile(node.pidFile) != pidBefore);
        QVERIFY(QFileInfo(rep.backupDir).isDir());  // the backup is kept
        QString why;
        QVERIFY2(serves(0, m_node0OldAddress, 30000, &why), qPrintable(why));
        QVERIFY(!serves(0, m_master->address().toString(), 3000));
    }

    void failedDeployRollsBackWhenTorrcIsUnwritable()
    {
        const TorNode node = m_lab.service(0);
        const Snapshot before = snapshot(node);
        const qint64 pidBefore = pidFromFile(node.pidFile);
        auto master = onion::MasterIdentity::fromSeed(m_master->seed().clone());
        QVERIFY(master.ok());
        Deployer d(nodeConfig(0), deploySettings(0), m_sshd.options(), deployOptions());
        std::unique_ptr<UnwritableDir> lock;
        bool keysWereReplaced = false;
        connect(&d, &Deployer::stepStarted, this, [&](Deployer::Step step) {
            if (step == Deployer::Step::WriteTorrc) {
                // The keys are already the master's: the rollback must put the old ones back.
                keysWereReplaced = readAll(node.hsDir + QStringLiteral("/hs_ed25519_public_key")) ==
                                   m_master->torPublicKeyFile();
                lock = std::make_unique<UnwritableDir>(QFileInfo(node.torrc).absolutePath());
            }
        });
        QSignalSpy failed(&d, &Deployer::stepFailed);
        QVERIFY(runDeployer(d, true, 400000, std::move(master).value()));
        QVERIFY(lock && lock->ok());
        lock->undo();
        const auto& rep = d.report();
        qInfo("report: %s", QJsonDocument(rep.toJson()).toJson(QJsonDocument::Compact).constData());
        QVERIFY(keysWereReplaced);
        QCOMPARE(rep.outcome, Deployer::Outcome::RolledBack);
        QCOMPARE(rep.failedStep.value(), Deployer::Step::WriteTorrc);
        QVERIFY(!rep.error.message.isEmpty());
        QCOMPARE(failed.count(), 1);
        const Snapshot after = snapshot(node);
        QCOMPARE(after.files, before.files);
        QCOMPARE(after.torrc, before.torrc);
        QCOMPARE(pidFromFile(node.pidFile), pidBefore);  // never restarted
        QVERIFY(processAlive(pidBefore));
        QString why;
        QVERIFY2(serves(0, m_node0OldAddress, 20000, &why), qPrintable(why));
        QCOMPARE(readAll(rep.backupDir + QStringLiteral("/hs_ed25519_secret_key")),
                 before.files.value(QStringLiteral("hs_ed25519_secret_key")));
    }

    void failedDeployRollsBackWhenRestartedTorDies()
    {
        const TorNode node = m_lab.service(0);
        const Snapshot before = snapshot(node);
        auto master = onion::MasterIdentity::fromSeed(m_master->seed().clone());
        QVERIFY(master.ok());
        Deployer d(nodeConfig(0), deploySettings(0, 25), m_sshd.options(), deployOptions());
        qint64 killed = 0;
        connect(&d, &Deployer::stepFinished, this, [&](Deployer::Step step) {
            if (step == Deployer::Step::Restart) {
                killed = pidFromFile(node.pidFile);  // the freshly started tor with the master key
                ::kill(static_cast<pid_t>(killed), SIGKILL);
            }
        });
        QSignalSpy started(&d, &Deployer::stepStarted);
        QVERIFY(runDeployer(d, true, 400000, std::move(master).value()));
        const auto& rep = d.report();
        qInfo("report: %s", QJsonDocument(rep.toJson()).toJson(QJsonDocument::Compact).constData());
        QVERIFY(killed > 0);
        QCOMPARE(rep.outcome, Deployer::Outcome::RolledBack);
        QCOMPARE(rep.failedStep.value(), Deployer::Step::Verify);
        QCOMPARE(stepNames(started).mid(stepNames(started).size() - 3),
                 (QStringList{QStringLiteral("rollback-restore"), QStringLiteral("rollback-restart"),
                              QStringLiteral("rollback-verify")}));
        const Snapshot after = snapshot(node);
        QCOMPARE(after.files, before.files);
        QCOMPARE(after.torrc, before.torrc);
        const qint64 pidNow = pidFromFile(node.pidFile);
        QVERIFY(pidNow != killed && processAlive(pidNow));
        QString why;
        QVERIFY2(serves(0, m_node0OldAddress, 20000, &why), qPrintable(why));
    }

    // ------------------------------------------------------------------
    void hostileNamesAndPathsRunNothing()
    {
        const QString marker = m_work.filePath(QStringLiteral("PWNED"));
        const QString inject = QStringLiteral("$(touch${IFS}%1)`touch${IFS}%1`;touch${IFS}%1|&").arg(marker);
        auto master = [this] { return onion::MasterIdentity::fromSeed(m_master->seed().clone()).value(); };

        // 1. Refused locally: names and paths that cannot be used safely never reach the node.
        const QList<std::function<void(fleet::NodeConfig&, DeploySettings&)>> refused{
            [&](fleet::NodeConfig& n, DeploySettings&) { n.name = QStringLiteral("n;") + inject; },
            [&](fleet::NodeConfig& n, DeploySettings&) { n.torUser = QStringLiteral("root;") + inject; },
            [&](fleet::NodeConfig& n, DeploySettings&) { n.hiddenServiceDir = m_work.filePath(QStringLiteral("a b'") + inject); },
            [&](fleet::NodeConfig& n, DeploySettings&) { n.hiddenServiceDir = m_work.filePath(QStringLiteral("x\nHiddenServiceDir /y")); },
            [&](fleet::NodeConfig& n, DeploySettings&) { n.hiddenServiceDir = QStringLiteral("relative/") + inject; },
            [&](fleet::NodeConfig& n, DeploySettings&) { n.sshTarget = QStringLiteral("-oProxyCommand=") + inject; },
            [&](fleet::NodeConfig&, DeploySettings& s) { s.torrcPath = QStringLiteral("torrc;") + inject; },
            [&](fleet::NodeConfig&, DeploySettings& s) { s.restart.pidFile = QStringLiteral("x") + inject; },
            [&](fleet::NodeConfig&, DeploySettings& s) { s.restart.torBinary = QStringLiteral("tor;") + inject; },
        };
        for (const auto& tweak : refused) {
            fleet::NodeConfig n = nodeConfig(1);
            DeploySettings s = deploySettings(1);
            tweak(n, s);
            Deployer d(n, s, m_sshd.options(), deployOptions());
            const Status st = d.deploy(master());
            QVERIFY(!st.ok());
            QCOMPARE(st.error().code, ErrorCode::InvalidArgument);
            QVERIFY(!d.isRunning());
        }

        // 2. Accepted but hostile: the values travel to the node as data and fail (or succeed) harmlessly.
        const QString node1Data = m_lab.service(1).dataDir;
        const QList<std::function<void(fleet::NodeConfig&, DeploySettings&)>> remote{
            [&](fleet::NodeConfig& n, DeploySettings&) { n.hiddenServiceDir = node1Data + QStringLiteral("/nope/") + inject + QStringLiteral("/hs"); },
            [&](fleet::NodeConfig&, DeploySettings& s) { s.torrcPath = node1Data + QStringLiteral("/") + inject; },
            [&](fleet::NodeConfig& n, DeploySettings&) { n.torUser = QStringLiteral("no-such-user-x"); },
        };
        for (const auto& tweak : remote) {
            fleet::NodeConfig n = nodeConfig(1);
            DeploySettings s = deploySettings(1);
            tweak(n, s);
            Deployer d(n, s, m_sshd.options(), deployOptions());
            QVERIFY(runDeployer(d, true, 120000, master()));
            QCOMPARE(d.report().outcome, Deployer::Outcome::Failed);
            QCOMPARE(d.report().failedStep.value(), Deployer::Step::Preflight);
            qInfo("refused on the node: %s", qPrintable(d.report().error.message));
        }
        QVERIFY2(!QFile::exists(marker), "a hostile value was executed on the node");

        // 3. A full deploy + undeploy with a hostile (but torrc-safe) HiddenServiceDir on node1.
        const QString parent = node1Data + QStringLiteral("/p;") + inject;
        QVERIFY(QDir().mkpath(parent));
        const QString hostileHs = parent + QStringLiteral("/hs`id`$(id)");
        const Snapshot node1Before = snapshot(m_lab.service(1));
        fleet::NodeConfig n = nodeConfig(1);
        n.hiddenServiceDir = hostileHs;
        {
            Deployer d(n, deploySettings(1), m_sshd.options(), deployOptions());
            QVERIFY(runDeployer(d, true, 400000, master()));
            QVERIFY2(d.report().outcome == Deployer::Outcome::Succeeded, qPrintable(d.report().error.toString()));
            QCOMPARE(readAll(hostileHs + QStringLiteral("/hostname")), m_master->hostnameFile());
            QCOMPARE(modeOf(hostileHs), 0700);
            QVERIFY(d.report().previousAddress.isEmpty());
        }
        QString why;
        QVERIFY2(serves(1, m_master->address().toString(), 30000, &why), qPrintable(why));
        {
            Deployer d(n, deploySettings(1), m_sshd.options(), deployOptions());
            QVERIFY(runDeployer(d, false, 400000));
            QVERIFY2(d.report().outcome == Deployer::Outcome::Succeeded, qPrintable(d.report().error.toString()));
        }
        QVERIFY(!QFileInfo::exists(hostileHs));  // created by the deploy, removed by the undeploy
        const Snapshot node1After = snapshot(m_lab.service(1));
        QCOMPARE(node1After.files, node1Before.files);
        QCOMPARE(node1After.torrc, node1Before.torrc);
        QVERIFY2(serves(1, m_lab.service(1).onionAddress, 30000, &why), qPrintable(why));
        QVERIFY2(!QFile::exists(marker), "a hostile value was executed on the node");
        const QStringList strays = QDir(m_work.path()).entryList(QDir::Files);
        QVERIFY2(!strays.contains(QStringLiteral("PWNED")), qPrintable(strays.join(QLatin1Char(','))));
    }

    // ------------------------------------------------------------------
    void rbctlDeploysAndUndeploys()
    {
        const QString rbctl = qEnvironmentVariable("RB_RBCTL");
        if (rbctl.isEmpty()) {
            QSKIP("RB_RBCTL is not set");
        }
        // A fleet file + deploy settings + a key file (0600), all in a temp config dir.
        const QString fleetPath = m_work.filePath(QStringLiteral("cli/fleet.json"));
        fleet::FleetConfig fleet;
        fleet::NodeConfig n = nodeConfig(1);
        QVERIFY(fleet.addNode(n).ok());
        QVERIFY(fleet.save(fleetPath).ok());
        // This node restarts through "commands" (labnet.py node-stop / node-start over SSH),
        // the strategy a systemd node uses with systemctl.
        DeploySettings settings = deploySettings(1);
        const QStringList lab{LabNetwork::pythonPath(), LabNetwork::scriptPath()};
        settings.restart.kind = RestartStrategy::Kind::Commands;
        settings.restart.commands = {lab + QStringList{QStringLiteral("node-stop"), QStringLiteral("--dir"), m_lab.dir(),
                                                       QStringLiteral("--node"), QStringLiteral("1")},
                                     lab + QStringList{QStringLiteral("node-start"), QStringLiteral("--dir"), m_lab.dir(),
                                                       QStringLiteral("--node"), QStringLiteral("1")}};
        DeployConfig dc;
        QVERIFY(dc.setSettings(n.name, settings).ok());
        QVERIFY(dc.save(DeployConfig::pathBesideFleet(fleetPath)).ok());
        const QString keyFile = m_work.filePath(QStringLiteral("cli/master.key"));
        {
            QSaveFile f(keyFile);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
            f.write(m_master->seed().view().toByteArray());
            QVERIFY(f.commit());
        }
        const Snapshot before = snapshot(m_lab.service(1));
        QList<QByteArray> needles = encodings(m_master->seed().view().toByteArray());
        needles << encodings(m_master->expandedKey().view().toByteArray());
        CmdlineScanner scanner(needles);

        const auto run = [&](const QStringList& args, QByteArray* out, QByteArray* errOut = nullptr) {
            QProcess p;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("RB_SSH_CONFIG"), m_sshd.clientConfigPath());
            env.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_rtDeploy.path());
            p.setProcessEnvironment(env);
            p.start(rbctl, args);
            const bool ok = p.waitForStarted(10000);
            QElapsedTimer t;
            t.start();
            while (ok && p.state() != QProcess::NotRunning && t.elapsed() < 400000) {
                QTest::qWait(50);
            }
            if (p.state() != QProcess::NotRunning) {
                p.kill();
                p.waitForFinished(3000);
            }
            *out = p.readAllStandardOutput();
            const QByteArray e = p.readAllStandardError();
            if (errOut != nullptr) {
                *errOut = e;
            }
            qInfo("%s%s", out->constData(), e.constData());
            return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        };
        QByteArray out;
        // Under with_keyring.sh rbctl reads the seed from the same Secret Service (the default source);
        // otherwise from the key file.
        QStringList deployArgs{QStringLiteral("fleet"), QStringLiteral("deploy"), n.name, QStringLiteral("--config"),
                               fleetPath, QStringLiteral("--address"), m_master->address().toString(), QStringLiteral("--json")};
        if (!m_realKeychain) {
            deployArgs << QStringLiteral("--key-file") << keyFile;
        }
        QByteArray errText;
        QCOMPARE(run(deployArgs, &out, &errText), 0);
        QVERIFY2(errText.contains("[ 80%] verify"), errText.constData());  // each step is printed
        const QJsonDocument doc = QJsonDocument::fromJson(out);
        QVERIFY2(doc.isObject(), out.constData());
        QCOMPARE(doc.object().value(QStringLiteral("outcome")).toString(), QStringLiteral("succeeded"));
        QCOMPARE(readAll(m_lab.service(1).hsDir + QStringLiteral("/hostname")), m_master->hostnameFile());
        QCOMPARE(run({QStringLiteral("fleet"), QStringLiteral("undeploy"), n.name, QStringLiteral("--config"), fleetPath}, &out), 0);
        QVERIFY2(out.contains("verify"), out.constData());
        const Snapshot after = snapshot(m_lab.service(1));
        QCOMPARE(after.files, before.files);
        QCOMPARE(after.torrc, before.torrc);
        scanner.scan();
        QVERIFY2(scanner.hits().isEmpty(), qPrintable(scanner.hits().join(QLatin1Char('\n'))));
    }
};

QTEST_GUILESS_MAIN(TestDeployLab)
#include "TestDeployLab.moc"
