#pragma once
// A throw-away tor for integration tests: no network (DisableNetwork 1),
// no SOCKS, a temp DataDirectory and ControlPort on 127.0.0.1 with an
// automatically chosen port (read back from ControlPortWriteToFile, so no
// port race). __OwningControllerProcess makes tor exit if the test dies;
// the destructor terminates it and waits (bounded) for it to go.

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

class StandaloneTor {
public:
    // offline: DisableNetwork 1. Otherwise the network is "enabled" but the
    // only directory authority is a dead 127.0.0.1 port and the default
    // fallbacks are off, so tor never leaves this machine (listeners such as
    // MetricsPort only open with the network enabled).
    explicit StandaloneTor(const QStringList& extraConfig, bool offline = true)
    {
        const QString tor = QStandardPaths::findExecutable(QStringLiteral("tor"));
        if (tor.isEmpty() || !m_dir.isValid()) {
            m_problem = QStringLiteral("tor binary not found");
            return;
        }
        QStringList conf{
            QStringLiteral("DataDirectory %1").arg(m_dir.filePath(QStringLiteral("data"))),
            QStringLiteral("SocksPort 0"),
            offline ? QStringLiteral("DisableNetwork 1") : QStringLiteral("DisableNetwork 0"),
            QStringLiteral("ControlPort auto"),
            QStringLiteral("ControlPortWriteToFile %1").arg(portFile()),
            QStringLiteral("Log notice file %1").arg(m_dir.filePath(QStringLiteral("tor.log"))),
            QStringLiteral("__OwningControllerProcess %1").arg(QCoreApplication::applicationPid()),
        };
        if (!offline) {
            conf << QStringLiteral("DirAuthority rbfake orport=1 v3ident=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA "
                                   "127.0.0.1:1 BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB")
                 << QStringLiteral("UseDefaultFallbackDirs 0");
        }
        conf += extraConfig;
        QFile torrc(m_dir.filePath(QStringLiteral("torrc")));
        if (!torrc.open(QIODevice::WriteOnly)) {
            m_problem = QStringLiteral("cannot write torrc");
            return;
        }
        torrc.write(conf.join(QLatin1Char('\n')).toUtf8() + '\n');
        torrc.close();
        m_process.setProgram(tor);
        m_process.setArguments(
            {QStringLiteral("-f"), torrc.fileName(), QStringLiteral("--defaults-torrc"), QStringLiteral("/dev/null")});
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.start();
        // Wait for tor to publish its control port (event loop keeps running).
        QDeadlineTimer deadline(30000);
        while (!deadline.hasExpired() && m_process.state() != QProcess::NotRunning) {
            QFile f(portFile());
            if (f.open(QIODevice::ReadOnly)) {
                const QByteArray line = f.readAll().trimmed();  // PORT=127.0.0.1:NNNN
                const qsizetype colon = line.lastIndexOf(':');
                if (line.startsWith("PORT=") && colon > 0) {
                    m_port = static_cast<quint16>(line.mid(colon + 1).toUInt());
                    if (m_port != 0) {
                        return;
                    }
                }
            }
            QTest::qWait(50);
        }
        m_problem = QStringLiteral("tor did not open its control port: %1")
                        .arg(QString::fromLocal8Bit(m_process.readAll().right(2000)));
    }

    ~StandaloneTor()
    {
        if (m_process.state() == QProcess::NotRunning) {
            return;
        }
        m_process.terminate();
        QDeadlineTimer deadline(10000);
        while (!deadline.hasExpired() && m_process.state() != QProcess::NotRunning) {
            QTest::qWait(50);
        }
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }

    StandaloneTor(const StandaloneTor&) = delete;
    StandaloneTor& operator=(const StandaloneTor&) = delete;

    [[nodiscard]] bool ok() const { return m_problem.isEmpty() && m_port != 0; }
    [[nodiscard]] const QString& problem() const { return m_problem; }
    [[nodiscard]] quint16 controlPort() const { return m_port; }
    [[nodiscard]] QString dataDir() const { return m_dir.filePath(QStringLiteral("data")); }
    [[nodiscard]] QString cookieFile() const { return dataDir() + QStringLiteral("/control_auth_cookie"); }
    [[nodiscard]] QString torrcPath() const { return m_dir.filePath(QStringLiteral("torrc")); }
    [[nodiscard]] qint64 pid() const { return m_process.processId(); }
    [[nodiscard]] bool running() const { return m_process.state() != QProcess::NotRunning; }
    QString path(const QString& name) const { return m_dir.filePath(name); }
    QString log() const
    {
        QFile f(m_dir.filePath(QStringLiteral("tor.log")));
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
    }
    // A currently free 127.0.0.1 port (for options without "auto").
    static quint16 freePort()
    {
        QTcpServer s;
        s.listen(QHostAddress::LocalHost, 0);
        return s.serverPort();
    }

    // tor's HashedControlPassword ("16:" + hex(salt | 0x60 | S2K)), OpenPGP
    // iterated+salted S2K over SHA-1 with 65536 bytes, computed here so the
    // test password never appears on a command line (tor --hash-password).
    static QByteArray hashPassword(const QByteArray& password)
    {
        const QByteArray salt = QByteArray::fromHex("0102030405060708");
        const char indicator = 0x60;
        const qsizetype count = (16 + (indicator & 15)) << ((indicator >> 4) + 6);
        QByteArray unit = salt + password;
        QCryptographicHash h(QCryptographicHash::Sha1);
        qsizetype left = count;
        while (left > 0) {
            const qsizetype n = std::min(left, unit.size());
            h.addData(QByteArrayView(unit).first(n));
            left -= n;
        }
        const QByteArray spec = salt + QByteArray(1, indicator) + h.result();
        return "16:" + spec.toHex().toUpper();
    }

private:
    QString portFile() const { return m_dir.filePath(QStringLiteral("control.port")); }

    QTemporaryDir m_dir;
    QProcess m_process;
    quint16 m_port = 0;
    QString m_problem;
};
