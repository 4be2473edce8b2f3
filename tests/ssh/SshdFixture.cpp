#include "SshdFixture.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

#include <csignal>
#include <pwd.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

const QString kSshd = QStringLiteral("/usr/sbin/sshd");

bool runTool(const QString& program, const QStringList& args, QString* error, QByteArray* out = nullptr)
{
    QProcess p;
    p.setStandardInputFile(QProcess::nullDevice());
    p.start(program, args);
    if (!p.waitForFinished(20000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        if (p.state() != QProcess::NotRunning) {
            p.kill();
            p.waitForFinished(2000);
        }
        if (error != nullptr) {
            *error = program + QStringLiteral(" failed: ") + QString::fromUtf8(p.readAllStandardError());
        }
        return false;
    }
    if (out != nullptr) {
        *out = p.readAllStandardOutput();
    }
    return true;
}

bool writeFile(const QString& file, const QByteArray& content, QString* error)
{
    QSaveFile f(file);
    if (!f.open(QIODevice::WriteOnly) || f.write(content) != content.size() || !f.commit()) {
        if (error != nullptr) {
            *error = QStringLiteral("cannot write ") + file;
        }
        return false;
    }
    return true;
}

quint16 freePort()
{
    QTcpServer s;
    if (!s.listen(QHostAddress::LocalHost, 0)) {
        return 0;
    }
    return s.serverPort();
}

}  // namespace

SshdFixture::SshdFixture() : m_dir(std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/rbsshd-XXXXXX")))
{
    // sshd's per-connection processes that outlive the listener are re-parented
    // to us (not to an init that may never reap them), and stop() reaps them.
    ::prctl(PR_SET_CHILD_SUBREAPER, 1UL, 0UL, 0UL, 0UL);
    const passwd* pw = ::getpwuid(::geteuid());
    m_user = pw != nullptr ? QString::fromLocal8Bit(pw->pw_name) : QStringLiteral("root");
}

SshdFixture::~SshdFixture()
{
    stop();
}

bool SshdFixture::sshdAvailable()
{
    return QFileInfo(kSshd).isExecutable();
}

bool SshdFixture::generateKey(const QString& file, QString* error)
{
    QFile::remove(file);
    QFile::remove(file + QStringLiteral(".pub"));
    return runTool(QStringLiteral("ssh-keygen"),
                   {QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"), QStringLiteral("-N"),
                    QString(), QStringLiteral("-C"), QStringLiteral("rb-test"), QStringLiteral("-f"), file},
                   error);
}

bool SshdFixture::writeConfigs(QString* error)
{
    const QByteArray d = QFile::encodeName(dir());
    const QByteArray sshd = "Port " + QByteArray::number(m_port) +
                            "\n"
                            "ListenAddress 127.0.0.1\n"
                            "HostKey " +
                            d +
                            "/host_key\n"
                            "PidFile " +
                            d +
                            "/sshd.pid\n"
                            "AuthorizedKeysFile " +
                            d +
                            "/authorized_keys\n"
                            "StrictModes no\n"
                            "UsePAM no\n"
                            "PermitRootLogin prohibit-password\n"
                            "PubkeyAuthentication yes\n"
                            "PasswordAuthentication no\n"
                            "KbdInteractiveAuthentication no\n"
                            "AllowTcpForwarding yes\n"
                            "AllowStreamLocalForwarding yes\n"
                            "X11Forwarding no\n"
                            "PrintMotd no\n"
                            "LogLevel VERBOSE\n";
    const QByteArray client = "Host " + alias().toUtf8() +
                              "\n"
                              "  HostName 127.0.0.1\n"
                              "  Port " +
                              QByteArray::number(m_port) +
                              "\n"
                              "  User " +
                              m_user.toUtf8() +
                              "\n"
                              "  IdentityFile " +
                              d +
                              "/client_key\n"
                              "  IdentitiesOnly yes\n"
                              "  IdentityAgent none\n"
                              "  UserKnownHostsFile " +
                              d +
                              "/known_hosts\n"
                              "  GlobalKnownHostsFile " +
                              d +
                              "/global_known_hosts\n"
                              "  PasswordAuthentication no\n";
    return writeFile(path(QStringLiteral("sshd_config")), sshd, error) &&
           writeFile(clientConfigPath(), client, error) &&
           writeFile(path(QStringLiteral("global_known_hosts")), {}, error);
}

bool SshdFixture::start(QString* error)
{
    if (!m_dir->isValid()) {
        *error = QStringLiteral("no temp dir");
        return false;
    }
    if (!sshdAvailable()) {
        *error = kSshd + QStringLiteral(" is not installed");
        return false;
    }
    // Privilege separation directory.
    if (!QFileInfo::exists(QStringLiteral("/run/sshd"))) {
        ::mkdir("/run/sshd", 0755);
    }
    if (!generateKey(path(QStringLiteral("host_key")), error) ||
        !generateKey(path(QStringLiteral("client_key")), error)) {
        return false;
    }
    QFile::remove(path(QStringLiteral("authorized_keys")));
    if (!QFile::copy(path(QStringLiteral("client_key.pub")), path(QStringLiteral("authorized_keys")))) {
        *error = QStringLiteral("cannot write authorized_keys");
        return false;
    }
    for (int attempt = 0; attempt < 5; ++attempt) {
        m_port = freePort();
        if (m_port != 0 && writeConfigs(error) && launch(error)) {
            return true;
        }
    }
    return false;
}

bool SshdFixture::launch(QString* error)
{
    m_sshd = std::make_unique<QProcess>();
    m_sshd->setProcessChannelMode(QProcess::MergedChannels);
    m_sshd->setStandardInputFile(QProcess::nullDevice());
    m_sshd->setStandardOutputFile(path(QStringLiteral("sshd.log")), QIODevice::Append);
    m_sshd->start(
        kSshd, {QStringLiteral("-D"), QStringLiteral("-e"), QStringLiteral("-f"), path(QStringLiteral("sshd_config"))});
    if (!m_sshd->waitForStarted(5000)) {
        *error = QStringLiteral("sshd did not start: ") + m_sshd->errorString();
        return false;
    }
    for (int i = 0; i < 100; ++i) {
        if (m_sshd->state() != QProcess::Running) {
            break;
        }
        QTcpSocket s;
        s.connectToHost(QHostAddress::LocalHost, m_port);
        if (s.waitForConnected(200) && s.waitForReadyRead(2000) && s.readAll().startsWith("SSH-2.0")) {
            return true;
        }
        QThread::msleep(50);
    }
    *error =
        QStringLiteral("sshd did not come up on port %1: %2").arg(m_port).arg(QString::fromUtf8(log().right(2000)));
    stop();
    return false;
}

// Children of sshd still serving a (closing) connection.
static QList<qint64> childrenOf(qint64 pid)
{
    QList<qint64> kids;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString& e : entries) {
        bool isPid = false;
        const qint64 p = e.toLongLong(&isPid);
        if (!isPid) {
            continue;
        }
        QFile stat(QStringLiteral("/proc/%1/stat").arg(p));
        if (!stat.open(QIODevice::ReadOnly)) {
            continue;
        }
        const QByteArray line = stat.readAll();
        const qsizetype close = line.lastIndexOf(')');
        const QList<QByteArray> fields = line.mid(close + 2).split(' ');
        if (fields.size() > 1 && fields.at(1).toLongLong() == pid) {
            kids << p;
        }
    }
    return kids;
}

void SshdFixture::stop()
{
    if (m_sshd) {
        if (m_sshd->state() != QProcess::NotRunning) {
            // Let sshd reap its per-connection children first, so none is orphaned.
            for (int i = 0; i < 60 && !childrenOf(m_sshd->processId()).isEmpty(); ++i) {
                QThread::msleep(50);
            }
            m_sshd->terminate();
            if (!m_sshd->waitForFinished(5000)) {
                m_sshd->kill();
                m_sshd->waitForFinished(2000);
            }
        }
        m_sshd.reset();
    }
    reapOrphans();
}

void SshdFixture::reapOrphans()
{
    const qint64 self = ::getpid();
    for (int round = 0; round < 40; ++round) {
        bool any = false;
        for (const qint64 pid : childrenOf(self)) {
            QFile comm(QStringLiteral("/proc/%1/comm").arg(pid));
            if (!comm.open(QIODevice::ReadOnly) || comm.readAll().trimmed() != "sshd") {
                continue;  // only sshd leftovers; QProcess reaps its own children
            }
            any = true;
            if (::waitpid(static_cast<pid_t>(pid), nullptr, WNOHANG) == 0 && round == 20) {
                ::kill(static_cast<pid_t>(pid), SIGKILL);
            }
        }
        if (!any) {
            return;
        }
        QThread::msleep(50);
    }
}

bool SshdFixture::isRunning() const
{
    return m_sshd && m_sshd->state() == QProcess::Running;
}

bool SshdFixture::regenerateHostKey(QString* error)
{
    stop();
    return generateKey(path(QStringLiteral("host_key")), error) && launch(error);
}

bool SshdFixture::trustHostKey(QString* error)
{
    QFile pub(path(QStringLiteral("host_key.pub")));
    if (!pub.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("no host key");
        return false;
    }
    const QList<QByteArray> parts = pub.readAll().trimmed().split(' ');
    const QByteArray line =
        "[127.0.0.1]:" + QByteArray::number(m_port) + ' ' + parts.value(0) + ' ' + parts.value(1) + '\n';
    return writeFile(knownHostsPath(), line, error);
}

void SshdFixture::forgetHostKeys()
{
    QFile::remove(knownHostsPath());
}

rb::ssh::SshTarget SshdFixture::target() const
{
    return rb::ssh::SshTarget::parse(alias()).value();
}

rb::ssh::SshOptions SshdFixture::options() const
{
    rb::ssh::SshOptions o;
    o.configFile = clientConfigPath();
    o.connectTimeoutSeconds = 5;
    o.serverAliveIntervalSeconds = 2;
    o.serverAliveCountMax = 2;
    return o;
}

QString SshdFixture::hostKeyFingerprint() const
{
    QByteArray out;
    QString err;
    if (!runTool(QStringLiteral("ssh-keygen"),
                 {QStringLiteral("-l"), QStringLiteral("-f"), path(QStringLiteral("host_key.pub"))}, &err, &out)) {
        return {};
    }
    const QList<QByteArray> parts = out.trimmed().split(' ');
    return QString::fromUtf8(parts.value(1));
}

QByteArray SshdFixture::log() const
{
    QFile f(path(QStringLiteral("sshd.log")));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
