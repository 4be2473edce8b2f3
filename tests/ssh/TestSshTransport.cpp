// Integration tests against a real sshd on 127.0.0.1 (see SshdFixture).
#include "SshdFixture.h"
#include "crypto/Crypto.h"
#include "ssh/HostKeyVerifier.h"
#include "ssh/RemoteRunner.h"
#include "ssh/SshTunnel.h"

#include <QDir>
#include <QFile>
#include <QLocalServer>
#include <QLocalSocket>
#include <QSaveFile>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <csignal>
#include <optional>

using namespace rb;
using namespace rb::ssh;

namespace {

constexpr int kWait = 20000;

// Echo servers standing in for tor's control port on the "node".
class TcpEcho : public QObject {
public:
    TcpEcho()
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* s = m_server.nextPendingConnection()) {
                connect(s, &QTcpSocket::readyRead, s, [s] { s->write(s->readAll()); });
                connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
            }
        });
    }
    quint16 port() const { return m_server.serverPort(); }

private:
    QTcpServer m_server;
};

class UnixEcho : public QObject {
public:
    explicit UnixEcho(const QString& path)
    {
        QLocalServer::removeServer(path);
        m_server.setSocketOptions(QLocalServer::UserAccessOption);
        m_server.listen(path);
        connect(&m_server, &QLocalServer::newConnection, this, [this] {
            while (QLocalSocket* s = m_server.nextPendingConnection()) {
                connect(s, &QLocalSocket::readyRead, s, [s] { s->write(s->readAll()); });
                connect(s, &QLocalSocket::disconnected, s, &QObject::deleteLater);
            }
        });
    }
    bool listening() const { return m_server.isListening(); }

private:
    QLocalServer m_server;
};

bool echoThrough(const SshTunnel::LocalEndpoint& local, const QByteArray& payload)
{
    std::unique_ptr<QIODevice> dev;
    if (local.kind == SshTunnel::LocalKind::UnixSocket) {
        auto* s = new QLocalSocket;
        dev.reset(s);
        s->connectToServer(local.path);
        if (!s->waitForConnected(5000)) {
            return false;
        }
    } else {
        auto* s = new QTcpSocket;
        dev.reset(s);
        s->connectToHost(QHostAddress::LocalHost, local.port);
        if (!s->waitForConnected(5000)) {
            return false;
        }
    }
    dev->write(payload);
    QByteArray got;
    QElapsedTimer t;
    t.start();
    while (got.size() < payload.size() && t.elapsed() < 10000) {
        QTest::qWait(20);
        got += dev->readAll();
    }
    return got == payload;
}

}  // namespace

class TestSshTransport : public QObject {
    Q_OBJECT

private:
    SshdFixture m_sshd;
    QTemporaryDir m_runtime{QDir::tempPath() + QStringLiteral("/rbrt-XXXXXX")};

    SshTunnel::Settings settings(const QString& node, QList<SshTunnel::Forward> forwards) const
    {
        SshTunnel::Settings s;
        s.nodeName = node;
        s.target = m_sshd.target();
        s.forwards = std::move(forwards);
        s.ssh = m_sshd.options();
        s.runtimeDir = m_runtime.path() + QStringLiteral("/sockets");
        s.readyTimeoutMs = 15000;
        s.initialBackoffMs = 200;
        s.maxBackoffMs = 1000;
        return s;
    }

    void trust()
    {
        QString err;
        QVERIFY2(m_sshd.trustHostKey(&err), qPrintable(err));
    }

private slots:
    void initTestCase()
    {
        if (!SshdFixture::sshdAvailable()) {
            QSKIP("/usr/sbin/sshd is not installed");
        }
        QString err;
        QVERIFY2(m_sshd.start(&err), qPrintable(err));
    }

    void cleanupTestCase() { m_sshd.stop(); }

    void unknownHostKeyShowsFingerprintThenAcceptConnects()
    {
        m_sshd.forgetHostKeys();
        TcpEcho echo;
        SshTunnel tunnel(settings(
            QStringLiteral("n1"),
            {{QStringLiteral("control"), RemoteEndpoint::tcp(QStringLiteral("127.0.0.1"), echo.port()).value()}}));
        QVERIFY(tunnel.start());
        QTRY_COMPARE_WITH_TIMEOUT(tunnel.state(), SshTunnel::State::HostKeyUnknown, kWait);
        QCOMPARE(tunnel.lastError().code, ErrorCode::NotReady);
        QVERIFY(tunnel.lastError().message.contains(QLatin1String("not known")));
        QCOMPARE(tunnel.processId(), 0);  // no retry loop on an unknown key

        HostKeyVerifier verifier(m_sshd.options());
        std::optional<Result<HostKeyInfo>> probed;
        verifier.probe(m_sshd.target(), [&](Result<HostKeyInfo> r) { probed = std::move(r); });
        QTRY_VERIFY_WITH_TIMEOUT(probed.has_value(), kWait);
        QVERIFY2(probed->ok(), qPrintable(probed->ok() ? QString() : probed->error().toString()));
        const HostKeyInfo info = probed->value();
        QCOMPARE(info.fingerprints.size(), 1);
        QCOMPARE(info.fingerprints.front(), QStringLiteral("ED25519 ") + m_sshd.hostKeyFingerprint());
        QCOMPARE(info.knownHostsName, QStringLiteral("[127.0.0.1]:%1").arg(m_sshd.port()));
        QVERIFY(!QFile::exists(m_sshd.knownHostsPath()));  // probing trusts nothing

        std::optional<Status> accepted;
        verifier.accept(info, [&](Status s) { accepted = std::move(s); });
        QTRY_VERIFY_WITH_TIMEOUT(accepted.has_value(), kWait);
        QVERIFY2(accepted->ok(), qPrintable(accepted->ok() ? QString() : accepted->error().toString()));
        QFile kh(m_sshd.knownHostsPath());  // the UserKnownHostsFile of the ssh config (ssh -G)
        QVERIFY(kh.open(QIODevice::ReadOnly));
        QVERIFY(kh.readAll().startsWith(QStringLiteral("[127.0.0.1]:%1 ssh-ed25519 ").arg(m_sshd.port()).toUtf8()));

        QVERIFY(tunnel.start());
        QTRY_COMPARE_WITH_TIMEOUT(tunnel.state(), SshTunnel::State::Ready, kWait);
        QVERIFY(echoThrough(tunnel.localEndpoint(QStringLiteral("control")), "after-accept\n"));
        tunnel.stop();
        QTRY_COMPARE_WITH_TIMEOUT(tunnel.state(), SshTunnel::State::Stopped, kWait);
    }

    void tunnelToTcpAndUnixSocketServers()
    {
        trust();
        TcpEcho tcpEcho;
        const QString unixPath = m_runtime.path() + QStringLiteral("/remote-control.sock");
        UnixEcho unixEcho(unixPath);
        QVERIFY(unixEcho.listening());
        SshTunnel tunnel(settings(
            QStringLiteral("node-a"),
            {{QStringLiteral("control"), RemoteEndpoint::parse(QString(QStringLiteral("unix:") + unixPath)).value()},
             {QStringLiteral("metrics"), RemoteEndpoint::tcp(QStringLiteral("127.0.0.1"), tcpEcho.port()).value()}}));
        QSignalSpy readySpy(&tunnel, &SshTunnel::ready);
        QVERIFY(tunnel.start());
        QTRY_COMPARE_WITH_TIMEOUT(tunnel.state(), SshTunnel::State::Ready, kWait);
        QCOMPARE(readySpy.count(), 1);
        const auto control = tunnel.localEndpoint(QStringLiteral("control"));
        const auto metrics = tunnel.localEndpoint(QStringLiteral("metrics"));
        QCOMPARE(control.kind, SshTunnel::LocalKind::UnixSocket);
        QVERIFY(control.path.startsWith(m_runtime.path() + QStringLiteral("/sockets/")));
        // Private runtime directory and owner-only socket.
        QCOMPARE(QFile::permissions(m_runtime.path() + QStringLiteral("/sockets")),
                 QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner | QFileDevice::ReadUser |
                     QFileDevice::WriteUser | QFileDevice::ExeUser);
        QVERIFY(echoThrough(control, "PROTOCOLINFO 1\r\n"));
        QVERIFY(echoThrough(metrics, "GET /metrics\n"));
        tunnel.stop();
        QTRY_COMPARE_WITH_TIMEOUT(tunnel.state(), SshTunnel::State::Stopped, kWait);
        QVERIFY(!QFile::exists(control.path));
    }

    void loopbackTcpLocalEnd()
    {
        trust();
        TcpEcho echo;
        auto s = settings(
            QStringLiteral("win-style"),
            {{QStringLiteral("control"), RemoteEndpoint::tcp(QStringLiteral("127.0.0.1"), echo.port()).value()}});
        s.localKind = SshTunnel::LocalKind::LoopbackTcp;
        SshTunnel tunnel(s);
        QVERIFY(tunnel.start());
        QTRY_COMPARE_WITH_TIMEOUT(tunnel.state(), SshTunnel::State::Ready, kWait);
        const auto local = tunnel.localEndpoint(QStringLiteral("control"));
        QCOMPARE(local.kind, SshTunnel::LocalKind::LoopbackTcp);
        QVERIFY(local.port != 0);
        QVERIFY(echoThrough(local, "loopback\n"));
    }

    void tunnelRecoversAfterSshIsKilled()
    {
        trust();
        TcpEcho echo;
        SshTunnel tunnel(settings(
            QStringLiteral("n2"),
            {{QStringLiteral("control"), RemoteEndpoint::tcp(QStringLiteral("127.0.0.1"), echo.port()).value()}}));
        QSignalSpy states(&tunnel, &SshTunnel::stateChanged);
        QVERIFY(tunnel.start());
        QTRY_COMPARE_WITH_TIMEOUT(tunnel.state(), SshTunnel::State::Ready, kWait);
        const qint64 firstPid = tunnel.processId();
        QVERIFY(firstPid > 0);
        QCOMPARE(::kill(static_cast<pid_t>(firstPid), SIGKILL), 0);
        QTRY_VERIFY_WITH_TIMEOUT(tunnel.state() != SshTunnel::State::Ready, kWait);
        QTRY_COMPARE_WITH_TIMEOUT(tunnel.state(), SshTunnel::State::Ready, kWait);
        QVERIFY(tunnel.processId() > 0);
        QVERIFY(tunnel.processId() != firstPid);
        QCOMPARE(tunnel.restarts(), 1);
        bool sawBackoff = false;
        for (const auto& args : std::as_const(states)) {
            sawBackoff |= args.at(0).value<SshTunnel::State>() == SshTunnel::State::Backoff;
        }
        QVERIFY(sawBackoff);
        QVERIFY(echoThrough(tunnel.localEndpoint(QStringLiteral("control")), "recovered\n"));
    }

    void runnerRunsHostileArgumentsLiterally()
    {
        trust();
        const QString marker = m_runtime.path() + QStringLiteral("/pwned");
        const QStringList hostile{
            QStringLiteral("; touch ") + marker,
            QStringLiteral("$(touch ") + marker + QLatin1Char(')'),
            QStringLiteral("`touch ") + marker + QLatin1Char('`'),
            QStringLiteral("'; touch ") + marker + QStringLiteral("; '"),
            QStringLiteral("\"; touch ") + marker + QStringLiteral("; \""),
            QStringLiteral("line1\ntouch ") + marker,
            QStringLiteral("x && touch ") + marker + QStringLiteral(" || true"),
            QStringLiteral("| touch ") + marker,
            QStringLiteral("spaces  and\ttabs"),
            QStringLiteral("$HOME ${PATH} \\' \\"),
            QStringLiteral("'"),
            QString(),
            QStringLiteral("-n"),
        };
        RemoteRunner runner(m_sshd.target(), m_sshd.options());
        auto cmd = RemoteCommand::create(QStringList{QStringLiteral("printf"), QStringLiteral("%s\\n")} + hostile);
        QVERIFY(cmd);
        std::optional<Result<RemoteResult>> result;
        runner.run(std::move(cmd).value(), [&](Result<RemoteResult> r) { result = std::move(r); });
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), kWait);
        QVERIFY2(result->ok(), qPrintable(result->ok() ? QString() : result->error().toString()));
        QCOMPARE(result->value().exitCode, 0);
        QCOMPARE(QString::fromUtf8(result->value().standardOutput),
                 hostile.join(QLatin1Char('\n')) + QLatin1Char('\n'));

        // A hostile program name is one (non-existent) program, nothing more.
        std::optional<Result<RemoteResult>> result2;
        runner.run(RemoteCommand::create({QStringLiteral("true; touch ") + marker}).value(),
                   [&](Result<RemoteResult> r) { result2 = std::move(r); });
        QTRY_VERIFY_WITH_TIMEOUT(result2.has_value(), kWait);
        QVERIFY(result2->ok());
        QCOMPARE(result2->value().exitCode, 127);
        QVERIFY(!QFile::exists(marker));

        // Names and paths destined for commands are validated.
        for (const QString& bad : {QStringLiteral("relative/path"), QStringLiteral("/a\nb"),
                                   QStringLiteral("/a/../etc"), QString(), QStringLiteral("/tmp/x\r")}) {
            QVERIFY2(!RemoteCommand::validateAbsolutePath(bad, QStringLiteral("path")), qPrintable(bad));
        }
        for (const QString& bad :
             {QStringLiteral("a;b"), QStringLiteral("$(x)"), QStringLiteral("-rf"), QStringLiteral("a b"),
              QStringLiteral("`id`"), QStringLiteral(".."), QStringLiteral("a/b"), QStringLiteral("a\nb")}) {
            QVERIFY2(!RemoteCommand::validateName(bad, QStringLiteral("node name")), qPrintable(bad));
        }
        std::optional<Result<QByteArray>> read;
        runner.readFile(QStringLiteral("$(touch ") + marker + QLatin1Char(')'), 100, false,
                        [&](Result<QByteArray> r) { read = std::move(r); });
        QVERIFY(read.has_value());  // rejected before any ssh runs
        QCOMPARE(read->error().code, ErrorCode::InvalidArgument);
        QVERIFY(!QFile::exists(marker));
    }

    void runnerStdinExitCodeAndTimeout()
    {
        trust();
        RemoteRunner runner(m_sshd.target(), m_sshd.options());
        std::optional<Result<RemoteResult>> r1;
        const QString out = m_runtime.path() + QStringLiteral("/secret-out");
        auto cmd = RemoteCommand::create({QStringLiteral("sh"), QStringLiteral("-c"),
                                          QStringLiteral("cat > \"$1\"; echo done; exit 3"), QStringLiteral("sh"), out})
                       .value();
        const QByteArray secret = "s3cr3t-password-on-stdin";
        cmd.withSecretStdin(crypto::SecretBuffer::fromBytes(secret));
        QVERIFY(!cmd.shellCommand().contains(QString::fromUtf8(secret)));
        runner.run(std::move(cmd), [&](Result<RemoteResult> r) { r1 = std::move(r); });
        QTRY_VERIFY_WITH_TIMEOUT(r1.has_value(), kWait);
        QVERIFY(r1->ok());
        QCOMPARE(r1->value().exitCode, 3);
        QCOMPARE(r1->value().standardOutput, QByteArray("done\n"));
        QVERIFY(!r1->value().succeeded());
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), secret);

        std::optional<Result<RemoteResult>> r2;
        auto slow = RemoteCommand::create({QStringLiteral("sleep"), QStringLiteral("3")}).value();
        slow.withTimeout(500);
        QElapsedTimer t;
        t.start();
        runner.run(std::move(slow), [&](Result<RemoteResult> r) { r2 = std::move(r); });
        QTRY_VERIFY_WITH_TIMEOUT(r2.has_value(), kWait);
        QVERIFY(r2->ok());
        QVERIFY(r2->value().timedOut);
        QVERIFY(t.elapsed() < 2900);

        std::optional<Result<RemoteResult>> r3;
        runner.run(RemoteCommand::create({QStringLiteral("sleep"), QStringLiteral("2")}).value(),
                   [&](Result<RemoteResult> r) { r3 = std::move(r); });
        QCOMPARE(runner.runningCount(), 1);
        runner.cancelAll();
        QVERIFY(r3.has_value());
        QCOMPARE(r3->error().code, ErrorCode::Cancelled);
    }

    void readsControlCookieExactly()
    {
        trust();
        RemoteRunner runner(m_sshd.target(), m_sshd.options());
        const auto writeCookie = [this](const QString& name, qsizetype size) {
            const QString p = m_runtime.filePath(name);
            QSaveFile f(p);
            f.open(QIODevice::WriteOnly);
            f.write(crypto::randomBytes(size));
            f.commit();
            return p;
        };
        const QString good = writeCookie(QStringLiteral("cookie32"), 32);
        std::optional<Result<crypto::SecretBuffer>> r;
        runner.readControlCookie(good, false, [&](Result<crypto::SecretBuffer> x) { r = std::move(x); });
        QTRY_VERIFY_WITH_TIMEOUT(r.has_value(), kWait);
        QVERIFY2(r->ok(), qPrintable(r->ok() ? QString() : r->error().toString()));
        QFile gf(good);
        QVERIFY(gf.open(QIODevice::ReadOnly));
        QCOMPARE(r->value().view(), QByteArrayView(gf.readAll()));

        for (const qsizetype size : {31, 33, 0, 5000}) {
            const QString p = writeCookie(QStringLiteral("cookie%1").arg(size), size);
            std::optional<Result<crypto::SecretBuffer>> bad;
            runner.readControlCookie(p, false, [&](Result<crypto::SecretBuffer> x) { bad = std::move(x); });
            QTRY_VERIFY_WITH_TIMEOUT(bad.has_value(), kWait);
            QVERIFY(!bad->ok());
            QCOMPARE(bad->error().code, ErrorCode::BadKey);
            if (size < 1024) {
                QVERIFY2(bad->error().message.contains(QStringLiteral("is %1 bytes").arg(size)),
                         qPrintable(bad->error().message));
            } else {
                QVERIFY(bad->error().message.contains(QLatin1String("larger than 1024 bytes")));
            }
        }
        std::optional<Result<crypto::SecretBuffer>> missing;
        runner.readControlCookie(m_runtime.filePath(QStringLiteral("nope")), false,
                                 [&](Result<crypto::SecretBuffer> x) { missing = std::move(x); });
        QTRY_VERIFY_WITH_TIMEOUT(missing.has_value(), kWait);
        QCOMPARE(missing->error().code, ErrorCode::NotFound);
    }

    void runnerWritesFilesAtomically()
    {
        trust();
        RemoteRunner runner(m_sshd.target(), m_sshd.options());
        const QString path = m_runtime.filePath(QStringLiteral("torrc.d/it's $(odd) name"));
        QDir().mkpath(m_runtime.filePath(QStringLiteral("torrc.d")));
        std::optional<Status> w;
        runner.writeSecretFile(path, crypto::SecretBuffer::fromBytes("HiddenServiceDir /x\n"), 0640, false,
                               [&](Status s) { w = std::move(s); });
        QTRY_VERIFY_WITH_TIMEOUT(w.has_value(), kWait);
        QVERIFY2(w->ok(), qPrintable(w->ok() ? QString() : w->error().toString()));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("HiddenServiceDir /x\n"));
        QCOMPARE(QFile::permissions(path), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser |
                                               QFileDevice::WriteUser | QFileDevice::ReadGroup);
        QCOMPARE(QDir(m_runtime.filePath(QStringLiteral("torrc.d"))).entryList(QDir::Files).size(), 1);  // no temp left

        std::optional<Status> bad;
        runner.writeFile(m_runtime.filePath(QStringLiteral("missing-dir/x")), "x", 0600, false,
                         [&](Status s) { bad = std::move(s); });
        QTRY_VERIFY_WITH_TIMEOUT(bad.has_value(), kWait);
        QCOMPARE(bad->error().code, ErrorCode::IoError);
    }

    void unreachableHostBacksOff()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        const quint16 port = closed.serverPort();
        closed.close();  // nothing listens there now
        auto s =
            settings(QStringLiteral("down"),
                     {{QStringLiteral("control"), RemoteEndpoint::tcp(QStringLiteral("127.0.0.1"), 9051).value()}});
        s.target = SshTarget::parse(QStringLiteral("127.0.0.1:%1").arg(port)).value();
        s.initialBackoffMs = 100;
        s.maxBackoffMs = 300;
        SshTunnel tunnel(s);
        QVERIFY(tunnel.start());
        QTRY_VERIFY_WITH_TIMEOUT(tunnel.consecutiveFailures() >= 3, kWait);  // keeps retrying
        QCOMPARE(tunnel.lastError().code, ErrorCode::Unavailable);
        QVERIFY2(tunnel.lastError().message.contains(QLatin1String("Cannot reach")),
                 qPrintable(tunnel.lastError().toString()));
        tunnel.stop();
        QTRY_COMPARE_WITH_TIMEOUT(tunnel.state(), SshTunnel::State::Stopped, kWait);
        QCOMPARE(tunnel.processId(), 0);
    }

    // Last: it replaces the server's host key.
    void changedHostKeyIsRefused()
    {
        trust();
        const QString oldFp = m_sshd.hostKeyFingerprint();
        QString err;
        QVERIFY2(m_sshd.regenerateHostKey(&err), qPrintable(err));
        const QString newFp = m_sshd.hostKeyFingerprint();
        QVERIFY(oldFp != newFp);
        TcpEcho echo;
        SshTunnel tunnel(settings(
            QStringLiteral("n3"),
            {{QStringLiteral("control"), RemoteEndpoint::tcp(QStringLiteral("127.0.0.1"), echo.port()).value()}}));
        QVERIFY(tunnel.start());
        QTRY_COMPARE_WITH_TIMEOUT(tunnel.state(), SshTunnel::State::HostKeyChanged, kWait);
        const Error e = tunnel.lastError();
        QCOMPARE(e.code, ErrorCode::BadKey);
        QVERIFY2(e.message.contains(QLatin1String("CHANGED")), qPrintable(e.message));
        QVERIFY2(e.message.contains(newFp), qPrintable(e.message));
        QTest::qWait(500);
        QCOMPARE(tunnel.state(), SshTunnel::State::HostKeyChanged);  // no retry
        QCOMPARE(tunnel.processId(), 0);

        RemoteRunner runner(m_sshd.target(), m_sshd.options());
        std::optional<Result<RemoteResult>> r;
        runner.run(RemoteCommand::create({QStringLiteral("true")}).value(),
                   [&](Result<RemoteResult> x) { r = std::move(x); });
        QTRY_VERIFY_WITH_TIMEOUT(r.has_value(), kWait);
        QVERIFY(!r->ok());
        QCOMPARE(r->error().code, ErrorCode::BadKey);
    }
};

QTEST_GUILESS_MAIN(TestSshTransport)
#include "TestSshTransport.moc"
