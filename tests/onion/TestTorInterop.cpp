// Real tor (Debian's, on PATH) reads the key files we export, byte for byte,
// and accepts our expanded key over the control port (ADD_ONION).
// tor runs with DisableNetwork 1: no traffic leaves 127.0.0.1.
#include "crypto/Crypto.h"
#include "onion/MasterIdentity.h"
#include "onion/TorKeyFile.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using rb::onion::MasterIdentity;
using rb::onion::TorKeyFile;

namespace {

const QString kData = QStringLiteral(RB_SOURCE_DIR "/tests/onion/data/");
constexpr int kStartTimeoutMs = 30000;
constexpr int kReplyTimeoutMs = 10000;

QString findTor()
{
    QString tor = QStandardPaths::findExecutable(QStringLiteral("tor"));
    if (tor.isEmpty()) {
        tor = QStandardPaths::findExecutable(QStringLiteral("tor"),
                                             {QStringLiteral("/usr/sbin"), QStringLiteral("/usr/bin")});
    }
    return tor;
}

quint16 freePort()
{
    QTcpServer s;
    if (!s.listen(QHostAddress::LocalHost, 0)) {
        return 0;
    }
    return s.serverPort();
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeAll(const QString& path, const QByteArray& data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
}

// One tor process; killed (and waited for) when the object goes away, so no
// test failure leaves a tor behind. __OwningControllerProcess makes tor exit
// by itself should this test process die.
class TorInstance {
public:
    explicit TorInstance(const QString& root) : m_root(root) {}
    ~TorInstance() { stop(); }
    TorInstance(const TorInstance&) = delete;
    TorInstance& operator=(const TorInstance&) = delete;

    bool start(const QString& tor, const QString& hsDir)
    {
        m_port = freePort();
        const QString data = m_root + QStringLiteral("/data");
        if (m_port == 0 || !QDir().mkpath(data) ||
            !QFile::setPermissions(data, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner)) {
            return false;
        }
        const QString torrc = m_root + QStringLiteral("/torrc");
        const QString defaults = m_root + QStringLiteral("/torrc-defaults");
        const QByteArray conf = QStringLiteral("DisableNetwork 1\n"
                                               "SocksPort 0\n"
                                               "DataDirectory %1\n"
                                               "ControlPort 127.0.0.1:%2\n"
                                               "CookieAuthentication 1\n"
                                               "HiddenServiceDir %3\n"
                                               "HiddenServicePort 80 127.0.0.1:1\n"
                                               "Log notice stdout\n"
                                               "__OwningControllerProcess %4\n")
                                    .arg(data)
                                    .arg(m_port)
                                    .arg(hsDir)
                                    .arg(QCoreApplication::applicationPid())
                                    .toUtf8();
        if (!writeAll(torrc, conf) || !writeAll(defaults, QByteArray())) {
            return false;
        }
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.start(tor, {QStringLiteral("--defaults-torrc"), defaults, QStringLiteral("-f"), torrc});
        return QTest::qWaitFor([&] { return m_process.state() != QProcess::Starting; }, 5000) &&
               m_process.state() == QProcess::Running;
    }

    // Connects to the control port once tor listens; false if tor exited or timed out.
    bool connectControl(QTcpSocket& socket)
    {
        QDeadlineTimer deadline(kStartTimeoutMs);
        while (!deadline.hasExpired()) {
            if (m_process.state() != QProcess::Running) {
                return false;
            }
            socket.abort();
            socket.connectToHost(QHostAddress::LocalHost, m_port);
            if (QTest::qWaitFor(
                    [&] {
                        return socket.state() == QAbstractSocket::ConnectedState ||
                               socket.state() == QAbstractSocket::UnconnectedState;
                    },
                    1000) &&
                socket.state() == QAbstractSocket::ConnectedState) {
                return true;
            }
            QTest::qWait(100);
        }
        return false;
    }

    // Waits for tor to exit by itself; true if it did within the timeout.
    bool waitForExit(int ms)
    {
        return QTest::qWaitFor([&] { return m_process.state() == QProcess::NotRunning; }, ms);
    }

    QByteArray log() { return m_log += m_process.readAll(); }
    QProcess& process() { return m_process; }

    void stop()
    {
        if (m_process.state() == QProcess::NotRunning) {
            return;
        }
        m_process.terminate();
        if (!waitForExit(5000)) {
            m_process.kill();
            (void)waitForExit(5000);
        }
    }

private:
    QString m_root;
    quint16 m_port = 0;
    QProcess m_process;
    QByteArray m_log;
};

// Sends one control command and collects its reply lines (up to the final
// "NNN " line). Returns an empty list on timeout.
QList<QByteArray> command(QTcpSocket& s, QByteArrayView line)
{
    s.write(line.data(), line.size());
    s.write("\r\n");
    QList<QByteArray> lines;
    const bool done = QTest::qWaitFor(
        [&] {
            while (s.canReadLine()) {
                QByteArray l = s.readLine();
                while (l.endsWith('\n') || l.endsWith('\r')) {
                    l.chop(1);
                }
                lines << l;
                if (l.size() >= 4 && l.at(3) == ' ') {
                    return true;
                }
            }
            return false;
        },
        kReplyTimeoutMs);
    return done ? lines : QList<QByteArray>{};
}

bool authenticate(QTcpSocket& s, const QString& dataDir)
{
    const QList<QByteArray> info = command(s, "PROTOCOLINFO 1");
    QString cookiePath = dataDir + QStringLiteral("/control_auth_cookie");
    static const QRegularExpression re(QStringLiteral("COOKIEFILE=\"([^\"]+)\""));
    for (const QByteArray& l : info) {
        const auto m = re.match(QString::fromUtf8(l));
        if (m.hasMatch()) {
            cookiePath = m.captured(1);
        }
    }
    QFile f(cookiePath);
    if (!f.open(QIODevice::ReadOnly)) {
        return false;
    }
    QByteArray cookie = f.read(64);
    QByteArray line = "AUTHENTICATE " + cookie.toHex();
    const QList<QByteArray> reply = command(s, line);
    rb::crypto::memzero(line);
    rb::crypto::memzero(cookie);
    return reply.size() == 1 && reply.first() == "250 OK";
}

}  // namespace

class TestTorInterop : public QObject {
    Q_OBJECT

private:
    QString m_tor;

private slots:
    void initTestCase()
    {
        m_tor = findTor();
        if (m_tor.isEmpty()) {
            QSKIP("tor is not installed");
        }
    }

    void torLoadsExportedKeysUnchangedAndAcceptsAddOnion()
    {
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        auto id = MasterIdentity::generate();
        QVERIFY(id.ok());
        const QString hs = tmp.filePath(QStringLiteral("hs"));
        QVERIFY(id->exportTorFiles(hs).ok());
        const QByteArray secretBefore = readAll(hs + QStringLiteral("/hs_ed25519_secret_key"));
        const QByteArray publicBefore = readAll(hs + QStringLiteral("/hs_ed25519_public_key"));
        const QByteArray hostnameBefore = readAll(hs + QStringLiteral("/hostname"));
        QCOMPARE(secretBefore.size(), 96);

        TorInstance tor(tmp.path());
        QVERIFY2(tor.start(m_tor, hs), "tor did not start");
        QTcpSocket control;
        QVERIFY2(tor.connectControl(control), tor.log().constData());
        QVERIFY2(authenticate(control, tmp.filePath(QStringLiteral("data"))), "control-port authentication failed");

        // tor has read (and would have rewritten a wrong) hostname: all files unchanged.
        QCOMPARE(readAll(hs + QStringLiteral("/hs_ed25519_secret_key")), secretBefore);
        QCOMPARE(readAll(hs + QStringLiteral("/hs_ed25519_public_key")), publicBefore);
        QCOMPARE(readAll(hs + QStringLiteral("/hostname")), hostnameBefore);

        // The configured service runs our key: adding the same key again collides.
        {
            rb::crypto::SecretBuffer spec = id->addOnionKeySpec();
            QByteArray cmd = "ADD_ONION " + spec.view().toByteArray() + " Flags=DiscardPK Port=80,127.0.0.1:1";
            const QList<QByteArray> reply = command(control, cmd);
            rb::crypto::memzero(cmd);
            QVERIFY(!reply.isEmpty());
            QCOMPARE(reply.last(), QByteArray("550 Onion address collision"));
        }

        // A key known only in expanded form (from tor's own files), over ADD_ONION.
        auto torKey = MasterIdentity::importFile(kData + QStringLiteral("tor-generated"));
        QVERIFY(torKey.ok());
        QVERIFY(!torKey->hasSeed());
        {
            rb::crypto::SecretBuffer spec = torKey->addOnionKeySpec();
            QByteArray cmd = "ADD_ONION " + spec.view().toByteArray() + " Flags=DiscardPK Port=80,127.0.0.1:1";
            const QList<QByteArray> reply = command(control, cmd);
            rb::crypto::memzero(cmd);
            QCOMPARE(reply.size(), 2);
            QCOMPARE(reply.at(0), QByteArray("250-ServiceID=") + torKey->address().serviceId().toLatin1());
            QCOMPARE(reply.at(1), QByteArray("250 OK"));
        }
        const QByteArray del = "DEL_ONION " + torKey->address().serviceId().toLatin1();
        QCOMPARE(command(control, del).value(0), QByteArray("250 OK"));

        tor.stop();
        QCOMPARE(tor.process().state(), QProcess::NotRunning);
        QCOMPARE(readAll(hs + QStringLiteral("/hs_ed25519_secret_key")), secretBefore);
        QCOMPARE(readAll(hs + QStringLiteral("/hostname")), hostnameBefore);
    }

    void torRefusesAMismatchedPublicKey()
    {
        // Negative control: tor really compares the public key file we write,
        // so "unchanged after tor read it" above is meaningful.
        QTemporaryDir tmp;
        auto id = MasterIdentity::generate();
        auto other = MasterIdentity::generate();
        QVERIFY(id.ok() && other.ok());
        const QString hs = tmp.filePath(QStringLiteral("hs"));
        QVERIFY(id->exportTorFiles(hs).ok());
        QVERIFY(writeAll(hs + QStringLiteral("/hs_ed25519_public_key"), other->torPublicKeyFile()));
        const QByteArray secretBefore = readAll(hs + QStringLiteral("/hs_ed25519_secret_key"));

        TorInstance tor(tmp.path());
        QVERIFY(tor.start(m_tor, hs));
        QVERIFY2(tor.waitForExit(kStartTimeoutMs), "tor kept running with mismatched key files");
        QVERIFY(tor.process().exitCode() != 0);
        QVERIFY2(tor.log().contains("does not match"), tor.log().constData());
        QCOMPARE(readAll(hs + QStringLiteral("/hs_ed25519_secret_key")), secretBefore);
    }
};

QTEST_GUILESS_MAIN(TestTorInterop)
#include "TestTorInterop.moc"
