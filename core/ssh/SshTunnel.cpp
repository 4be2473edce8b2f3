#include "ssh/SshTunnel.h"

#include "ssh/RemoteCommand.h"
#include "ssh/SshDiagnostics.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocalSocket>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <cmath>

#ifndef Q_OS_WIN
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace rb::ssh {

namespace {
constexpr qsizetype kMaxStderr = 32 * 1024;
constexpr int kPollIntervalMs = 100;
constexpr int kKillAfterMs = 3000;
}  // namespace

QString SshTunnel::LocalEndpoint::toString() const
{
    return kind == LocalKind::UnixSocket ? QStringLiteral("unix:") + path
                                         : QStringLiteral("127.0.0.1:") + QString::number(port);
}

SshTunnel::SshTunnel(Settings settings, QObject* parent)
    : QObject(parent), m_settings(std::move(settings)), m_pollTimer(new QTimer(this)), m_readyTimer(new QTimer(this)),
      m_retryTimer(new QTimer(this)), m_killTimer(new QTimer(this))
{
    m_pollTimer->setInterval(kPollIntervalMs);
    m_readyTimer->setSingleShot(true);
    m_retryTimer->setSingleShot(true);
    m_killTimer->setSingleShot(true);
    connect(m_pollTimer, &QTimer::timeout, this, &SshTunnel::pollReadiness);
    connect(m_readyTimer, &QTimer::timeout, this, &SshTunnel::onReadyTimeout);
    connect(m_retryTimer, &QTimer::timeout, this, [this] {
        ++m_restarts;
        launch();
    });
    connect(m_killTimer, &QTimer::timeout, this, [this] {
        if (m_process) {
            m_process->kill();
        }
    });
}

SshTunnel::~SshTunnel()
{
    stopProbes();
    if (m_process) {
        m_process->disconnect(this);
        if (m_process->state() != QProcess::NotRunning) {
            m_process->kill();
            // SIGKILL was sent; reaping takes milliseconds.
            m_process->waitForFinished(2000);
        }
        delete m_process.data();
    }
    removeLocalSockets();
}

SshTunnel::LocalKind SshTunnel::defaultLocalKind()
{
#ifdef Q_OS_WIN
    return LocalKind::LoopbackTcp;
#else
    return LocalKind::UnixSocket;
#endif
}

QString SshTunnel::defaultRuntimeDir()
{
    QString base = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
    if (base.isEmpty()) {
        base = QDir::tempPath();
    }
    return base + QStringLiteral("/rustbalance-console");
}

Status SshTunnel::ensurePrivateDirectory(const QString& dir)
{
    if (!QDir().mkpath(dir)) {
        return makeError(ErrorCode::IoError,
                         QStringLiteral("Cannot create the private runtime directory %1; check its parent's "
                                        "permissions.")
                             .arg(dir));
    }
#ifndef Q_OS_WIN
    struct stat st {};
    const QByteArray native = QFile::encodeName(dir);
    if (::lstat(native.constData(), &st) != 0 || !S_ISDIR(st.st_mode)) {
        return makeError(ErrorCode::IoError, QStringLiteral("%1 is not a directory; remove it and retry.").arg(dir));
    }
    if (st.st_uid != ::geteuid()) {
        return makeError(ErrorCode::PermissionDenied,
                         QStringLiteral("The runtime directory %1 belongs to another user; refusing to put "
                                        "sockets there.")
                             .arg(dir));
    }
    if ((st.st_mode & 077) != 0 && ::chmod(native.constData(), 0700) != 0) {
        return makeError(ErrorCode::PermissionDenied,
                         QStringLiteral("Cannot make the runtime directory %1 private (chmod 0700).").arg(dir));
    }
#endif
    return {};
}

QString SshTunnel::stateName(State state)
{
    switch (state) {
    case State::Stopped:
        return QStringLiteral("stopped");
    case State::Connecting:
        return QStringLiteral("connecting");
    case State::Ready:
        return QStringLiteral("ready");
    case State::Backoff:
        return QStringLiteral("backoff");
    case State::HostKeyUnknown:
        return QStringLiteral("host-key-unknown");
    case State::HostKeyChanged:
        return QStringLiteral("host-key-changed");
    case State::AuthFailed:
        return QStringLiteral("auth-failed");
    }
    return QStringLiteral("unknown");
}

Status SshTunnel::start()
{
    RB_TRY_STATUS(RemoteCommand::validateName(m_settings.nodeName, QStringLiteral("node name")));
    if (!m_settings.target.isValid()) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("Node %1 has no SSH target; set one (user@host or an ssh config alias).")
                             .arg(m_settings.nodeName));
    }
    if (m_settings.forwards.isEmpty()) {
        return makeError(
            ErrorCode::InvalidArgument,
            QStringLiteral("Nothing to tunnel for node %1; configure its control endpoint.").arg(m_settings.nodeName));
    }
    QSet<QString> names;
    for (const Forward& f : std::as_const(m_settings.forwards)) {
        RB_TRY_STATUS(RemoteCommand::validateName(f.name, QStringLiteral("forward name")));
        if (!f.remote.isValid() || names.contains(f.name)) {
            return makeError(
                ErrorCode::InvalidArgument,
                QStringLiteral("Forward '%1' of node %2 is invalid or duplicated.").arg(f.name, m_settings.nodeName));
        }
        names.insert(f.name);
    }
    if (m_settings.localKind == LocalKind::UnixSocket) {
        if (m_settings.runtimeDir.isEmpty()) {
            m_settings.runtimeDir = defaultRuntimeDir();
        }
        RB_TRY_STATUS(ensurePrivateDirectory(m_settings.runtimeDir));
        for (const Forward& f : std::as_const(m_settings.forwards)) {
            const QString path = m_settings.runtimeDir + QLatin1Char('/') + m_settings.nodeName + QLatin1Char('.') +
                                 f.name + QStringLiteral(".sock");
            if (QFile::encodeName(path).size() > 100 || path.contains(QLatin1Char(':')) ||
                path.contains(QLatin1Char(' '))) {
                return makeError(ErrorCode::InvalidArgument,
                                 QStringLiteral("The local socket path %1 is too long or contains ':' or spaces; "
                                                "use a shorter runtime directory or node name.")
                                     .arg(path));
            }
        }
    }
    if (m_process) {
        discardProcess();
    }
    m_retryTimer->stop();
    m_killTimer->stop();
    m_stopping = false;
    m_failures = 0;
    m_error.reset();
    launch();
    return {};
}

void SshTunnel::stop()
{
    m_retryTimer->stop();
    m_pollTimer->stop();
    m_readyTimer->stop();
    stopProbes();
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_stopping = true;
        m_process->terminate();
        m_killTimer->start(kKillAfterMs);
        return;  // onFinished() completes the stop
    }
    if (m_process) {
        discardProcess();
    }
    removeLocalSockets();
    setState(State::Stopped);
}

SshTunnel::LocalEndpoint SshTunnel::localEndpoint(const QString& forwardName) const
{
    return m_locals.value(forwardName);
}

qint64 SshTunnel::processId() const
{
    return m_process && m_process->state() != QProcess::NotRunning ? m_process->processId() : 0;
}

void SshTunnel::setState(State s)
{
    if (m_state != s) {
        m_state = s;
        emit stateChanged(s);
    }
}

void SshTunnel::launch()
{
    m_stderr.clear();
    m_readyForwards.clear();
    m_readyTimedOut = false;
    m_locals.clear();

    QStringList args = m_settings.ssh.commonArguments();
    args << QStringLiteral("-N") << QStringLiteral("-T")                         //
         << QStringLiteral("-o") << QStringLiteral("ExitOnForwardFailure=yes")   //
         << QStringLiteral("-o") << QStringLiteral("StreamLocalBindUnlink=yes")  //
         << QStringLiteral("-o") << QStringLiteral("StreamLocalBindMask=0177");
    for (const Forward& f : std::as_const(m_settings.forwards)) {
        LocalEndpoint local;
        local.kind = m_settings.localKind;
        QString localSpec;
        if (local.kind == LocalKind::UnixSocket) {
            local.path = m_settings.runtimeDir + QLatin1Char('/') + m_settings.nodeName + QLatin1Char('.') + f.name +
                         QStringLiteral(".sock");
            QFile::remove(local.path);  // stale socket of a previous ssh
            localSpec = local.path;
        } else {
            // Ask the OS for a free port; ExitOnForwardFailure turns a lost race into a retry.
            QTcpServer probe;
            if (probe.listen(QHostAddress::LocalHost, 0)) {
                local.port = probe.serverPort();
            }
            probe.close();
            localSpec = QStringLiteral("127.0.0.1:") + QString::number(local.port);
        }
        m_locals.insert(f.name, local);
        args << QStringLiteral("-L") << localSpec + QLatin1Char(':') + f.remote.sshForwardSpec();
    }
    args << m_settings.target.destinationArguments();

    auto* process = new QProcess(this);
    m_process = process;
    process->setProgram(m_settings.ssh.sshProgram);
    process->setArguments(args);
    process->setProcessEnvironment(SshOptions::environment());
    process->setStandardInputFile(QProcess::nullDevice());
    process->setStandardOutputFile(QProcess::nullDevice());
    connect(process, &QProcess::readyReadStandardError, this, [this, process] {
        m_stderr += process->readAllStandardError();
        if (m_stderr.size() > kMaxStderr) {
            m_stderr = m_stderr.right(kMaxStderr);
        }
    });
    connect(process, &QProcess::finished, this, &SshTunnel::onFinished);
    connect(process, &QProcess::errorOccurred, this, &SshTunnel::onProcessError);
    setState(State::Connecting);
    process->start();
    m_pollTimer->start();
    m_readyTimer->start(qMax(1000, m_settings.readyTimeoutMs));
}

void SshTunnel::pollReadiness()
{
    if (!m_process || m_process->state() != QProcess::Running) {
        return;
    }
    for (auto it = m_locals.cbegin(); it != m_locals.cend(); ++it) {
        const QString name = it.key();
        if (m_readyForwards.contains(name) || (m_probes.contains(name) && m_probes.value(name))) {
            continue;
        }
        const LocalEndpoint& local = it.value();
        const auto markReady = [this, name] {
            m_readyForwards.insert(name);
            if (m_state == State::Connecting && m_readyForwards.size() == m_locals.size()) {
                m_pollTimer->stop();
                m_readyTimer->stop();
                m_failures = 0;
                m_error.reset();
                setState(State::Ready);
                emit ready();
            }
        };
        if (local.kind == LocalKind::UnixSocket) {
            if (!QFileInfo::exists(local.path)) {
                continue;  // ssh has not bound it yet
            }
            auto* sock = new QLocalSocket(this);
            m_probes.insert(name, sock);
            connect(sock, &QLocalSocket::connected, this, [sock, markReady] {
                sock->abort();
                sock->deleteLater();
                markReady();
            });
            connect(sock, &QLocalSocket::errorOccurred, sock, &QObject::deleteLater);
            sock->connectToServer(local.path);
        } else {
            auto* sock = new QTcpSocket(this);
            m_probes.insert(name, sock);
            connect(sock, &QTcpSocket::connected, this, [sock, markReady] {
                sock->abort();
                sock->deleteLater();
                markReady();
            });
            connect(sock, &QTcpSocket::errorOccurred, sock, &QObject::deleteLater);
            sock->connectToHost(QHostAddress::LocalHost, local.port);
        }
    }
}

void SshTunnel::onReadyTimeout()
{
    if (m_state != State::Connecting || !m_process) {
        return;
    }
    m_readyTimedOut = true;
    m_process->kill();  // onFinished() schedules the retry
}

void SshTunnel::onProcessError(QProcess::ProcessError error)
{
    if (error != QProcess::FailedToStart) {
        return;  // crashes etc. also arrive through finished()
    }
    handleEnded(QStringLiteral("could not start '%1'").arg(m_settings.ssh.sshProgram));
}

void SshTunnel::onFinished(int exitCode, QProcess::ExitStatus status)
{
    if (m_process) {
        m_stderr += m_process->readAllStandardError();
    }
    handleEnded(status == QProcess::CrashExit ? QStringLiteral("ssh was killed")
                                              : QStringLiteral("ssh exited with status %1").arg(exitCode));
}

void SshTunnel::handleEnded(const QString& fallbackDetail)
{
    m_pollTimer->stop();
    m_readyTimer->stop();
    m_killTimer->stop();
    stopProbes();
    if (m_process) {
        m_process->disconnect(this);
        m_process->deleteLater();
        m_process = nullptr;
    }
    if (m_stopping) {
        m_stopping = false;
        removeLocalSockets();
        setState(State::Stopped);
        return;
    }
    const QString who = m_settings.nodeName + QStringLiteral(" (") + m_settings.target.toString() + QLatin1Char(')');
    const auto failure = SshDiagnostics::classify(m_stderr);
    Error error;
    if (m_readyTimedOut) {
        error = makeError(ErrorCode::Timeout,
                          QStringLiteral("The SSH tunnel to %1 did not become ready within %2 s; retrying.")
                              .arg(who)
                              .arg(m_settings.readyTimeoutMs / 1000),
                          SshDiagnostics::lastLine(m_stderr));
    } else {
        error = SshDiagnostics::toError(failure, who, m_stderr);
        if (error.detail.isEmpty()) {
            error.detail = fallbackDetail;
        }
    }
    m_error = error;
    removeLocalSockets();
    emit errorOccurred();
    switch (failure) {
    case SshDiagnostics::Failure::HostKeyUnknown:
        setState(State::HostKeyUnknown);
        return;
    case SshDiagnostics::Failure::HostKeyChanged:
        setState(State::HostKeyChanged);
        return;
    case SshDiagnostics::Failure::AuthFailed:
        setState(State::AuthFailed);
        return;
    default:
        break;
    }
    const int delay = backoffDelayMs();
    ++m_failures;
    setState(State::Backoff);
    m_retryTimer->start(delay);
}

int SshTunnel::backoffDelayMs() const
{
    const double base = std::min(static_cast<double>(qMax(1, m_settings.maxBackoffMs)),
                                 qMax(1, m_settings.initialBackoffMs) * std::pow(2.0, qMin(m_failures, 20)));
    const double j = std::clamp(m_settings.jitter, 0.0, 1.0);
    const double factor = 1.0 - j + 2.0 * j * QRandomGenerator::global()->generateDouble();
    return qMax(50, static_cast<int>(base * factor));
}

void SshTunnel::discardProcess()
{
    if (!m_process) {
        return;
    }
    m_process->disconnect(this);
    if (m_process->state() != QProcess::NotRunning) {
        m_process->kill();
        m_process->waitForFinished(2000);  // SIGKILL sent; reaping is immediate
    }
    m_process->deleteLater();
    m_process = nullptr;
}

void SshTunnel::stopProbes()
{
    for (const QPointer<QObject>& p : std::as_const(m_probes)) {
        if (p) {
            p->disconnect(this);
            p->deleteLater();
        }
    }
    m_probes.clear();
}

void SshTunnel::removeLocalSockets()
{
    for (const LocalEndpoint& l : std::as_const(m_locals)) {
        if (l.kind == LocalKind::UnixSocket && !l.path.isEmpty()) {
            QFile::remove(l.path);
        }
    }
}

}  // namespace rb::ssh
