#include "ssh/HostKeyVerifier.h"

#include "ssh/SshDiagnostics.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSaveFile>
#include <QTemporaryDir>
#include <QTimer>

#include <memory>

namespace rb::ssh {

namespace {

struct ProcessOutcome {
    bool started = false;
    bool timedOut = false;
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// Runs a short helper program asynchronously with a hard timeout.
void runProcess(QObject* context, const QString& program, const QStringList& args, int timeoutMs,
                std::function<void(ProcessOutcome)> done)
{
    auto* p = new QProcess(context);
    auto* timer = new QTimer(p);
    auto outcome = std::make_shared<ProcessOutcome>();
    auto finished = std::make_shared<bool>(false);
    auto complete = [p, outcome, finished, done = std::move(done)]() mutable {
        if (*finished) {
            return;
        }
        *finished = true;
        p->disconnect();
        if (p->state() != QProcess::NotRunning) {
            p->kill();
        }
        p->deleteLater();
        done(std::move(*outcome));
    };
    timer->setSingleShot(true);
    p->setProgram(program);
    p->setArguments(args);
    p->setProcessEnvironment(SshOptions::environment());
    p->setStandardInputFile(QProcess::nullDevice());
    QObject::connect(timer, &QTimer::timeout, p, [p, outcome] {
        outcome->timedOut = true;
        p->kill();
    });
    QObject::connect(p, &QProcess::readyReadStandardOutput, p, [p, outcome] {
        if (outcome->out.size() < 1024 * 1024) {
            outcome->out += p->readAllStandardOutput();
        } else {
            p->kill();
        }
    });
    QObject::connect(p, &QProcess::readyReadStandardError, p, [p, outcome] {
        outcome->err += p->readAllStandardError();
        outcome->err = outcome->err.right(64 * 1024);
    });
    QObject::connect(p, &QProcess::errorOccurred, p, [complete](QProcess::ProcessError e) mutable {
        if (e == QProcess::FailedToStart) {
            complete();
        }
    });
    QObject::connect(p, &QProcess::finished, p, [p, outcome, complete](int code, QProcess::ExitStatus) mutable {
        outcome->started = true;
        outcome->exitCode = code;
        outcome->out += p->readAllStandardOutput();
        outcome->err += p->readAllStandardError();
        complete();
    });
    timer->start(timeoutMs);
    p->start();
}

Error cannotRun(const QString& program)
{
    return makeError(ErrorCode::Unavailable,
                     QStringLiteral("Cannot run '%1'; install the OpenSSH client tools.").arg(program));
}

}  // namespace

HostKeyVerifier::HostKeyVerifier(SshOptions options, QObject* parent) : QObject(parent), m_options(std::move(options))
{
}

void HostKeyVerifier::probe(const SshTarget& target, std::function<void(Result<HostKeyInfo>)> done)
{
    auto dir = std::make_shared<QTemporaryDir>();
    if (!dir->isValid()) {
        done(makeError(ErrorCode::IoError,
                       QStringLiteral("Cannot create a temporary directory for the host-key probe.")));
        return;
    }
    const QString probeFile = dir->filePath(QStringLiteral("known_hosts"));
    const QString emptyFile = dir->filePath(QStringLiteral("empty"));
    {
        QFile f(emptyFile);
        if (!f.open(QIODevice::WriteOnly)) {
            done(makeError(ErrorCode::IoError, QStringLiteral("Cannot prepare the host-key probe.")));
            return;
        }
    }
    QStringList args;
    if (!m_options.configFile.isEmpty()) {
        args << QStringLiteral("-F") << m_options.configFile;
    }
    const QStringList opts{
        QStringLiteral("BatchMode=yes"),
        QStringLiteral("StrictHostKeyChecking=accept-new"),
        QStringLiteral("UserKnownHostsFile=") + probeFile,
        QStringLiteral("GlobalKnownHostsFile=") + emptyFile,
        QStringLiteral("UpdateHostKeys=no"),
        QStringLiteral("ControlMaster=no"),
        QStringLiteral("ControlPath=none"),
        // No credential is offered to a host we do not trust yet.
        QStringLiteral("PubkeyAuthentication=no"),
        QStringLiteral("PasswordAuthentication=no"),
        QStringLiteral("KbdInteractiveAuthentication=no"),
        QStringLiteral("GSSAPIAuthentication=no"),
        QStringLiteral("HostbasedAuthentication=no"),
        QStringLiteral("IdentityAgent=none"),
        QStringLiteral("ForwardAgent=no"),
        QStringLiteral("ForwardX11=no"),
        QStringLiteral("PermitLocalCommand=no"),
        QStringLiteral("ConnectTimeout=%1").arg(qMax(1, m_options.connectTimeoutSeconds)),
    };
    for (const QString& o : opts) {
        args << QStringLiteral("-o") << o;
    }
    args << QStringLiteral("-T") << target.destinationArguments() << QStringLiteral("true");
    const int timeout = (qMax(1, m_options.connectTimeoutSeconds) + 10) * 1000;
    const QString keygen = m_options.sshKeygenProgram;
    const QString sshProgram = m_options.sshProgram;
    runProcess(this, sshProgram, args, timeout,
               [this, dir, probeFile, target, keygen, sshProgram, done = std::move(done)](ProcessOutcome ssh) mutable {
                   if (!ssh.started && !ssh.timedOut) {
                       done(cannotRun(sshProgram));
                       return;
                   }
                   QFile f(probeFile);
                   QByteArray lines;
                   if (f.open(QIODevice::ReadOnly)) {
                       lines = f.read(64 * 1024);
                   }
                   if (lines.trimmed().isEmpty()) {
                       if (ssh.timedOut) {
                           done(makeError(
                               ErrorCode::Timeout,
                               QStringLiteral("%1 did not answer within the connect timeout.").arg(target.toString())));
                           return;
                       }
                       auto failure = SshDiagnostics::classify(ssh.err);
                       if (failure == SshDiagnostics::Failure::AuthFailed || failure == SshDiagnostics::Failure::None) {
                           failure = SshDiagnostics::Failure::ConnectFailed;
                       }
                       done(SshDiagnostics::toError(failure, target.toString(), ssh.err));
                       return;
                   }
                   if (auto v = validateKnownHostsLines(lines); !v) {
                       done(v.error());
                       return;
                   }
                   runProcess(this, keygen, {QStringLiteral("-l"), QStringLiteral("-f"), probeFile}, 10000,
                              [dir, lines, target, keygen, done = std::move(done)](ProcessOutcome kg) mutable {
                                  if (!kg.started || kg.exitCode != 0) {
                                      done(kg.started ? makeError(ErrorCode::Internal,
                                                                  QStringLiteral(
                                                                      "ssh-keygen could not read the probed host key."),
                                                                  SshDiagnostics::lastLine(kg.err))
                                                      : cannotRun(keygen));
                                      return;
                                  }
                                  auto fps = parseFingerprints(kg.out);
                                  if (!fps) {
                                      done(fps.error());
                                      return;
                                  }
                                  HostKeyInfo info;
                                  info.target = target;
                                  info.fingerprints = fps.value();
                                  info.knownHostsLines = lines.trimmed() + '\n';
                                  info.knownHostsName = QString::fromUtf8(lines.trimmed().split(' ').value(0));
                                  done(std::move(info));
                              });
               });
}

void HostKeyVerifier::knownHostsFileFor(const SshTarget& target, std::function<void(Result<QString>)> done)
{
    if (!m_options.knownHostsFile.isEmpty()) {
        done(m_options.knownHostsFile);
        return;
    }
    QStringList args;
    if (!m_options.configFile.isEmpty()) {
        args << QStringLiteral("-F") << m_options.configFile;
    }
    args << QStringLiteral("-G") << target.destinationArguments();
    const QString sshProgram = m_options.sshProgram;
    runProcess(this, sshProgram, args, 10000, [sshProgram, done = std::move(done)](ProcessOutcome r) mutable {
        if (!r.started || r.exitCode != 0) {
            done(r.started ? makeError(ErrorCode::Unavailable,
                                       QStringLiteral("'ssh -G' could not evaluate the ssh "
                                                      "configuration."),
                                       SshDiagnostics::lastLine(r.err))
                           : cannotRun(sshProgram));
            return;
        }
        done(parseUserKnownHostsFile(r.out));
    });
}

void HostKeyVerifier::accept(const HostKeyInfo& info, std::function<void(Status)> done)
{
    if (auto v = validateKnownHostsLines(info.knownHostsLines); !v) {
        done(v.error());
        return;
    }
    const QByteArray lines = info.knownHostsLines;
    knownHostsFileFor(info.target, [lines, done = std::move(done)](Result<QString> file) mutable {
        if (!file) {
            done(file.error());
            return;
        }
        done(appendKnownHosts(file.value(), lines));
    });
}

Result<QStringList> HostKeyVerifier::parseFingerprints(QByteArrayView output)
{
    static const QRegularExpression re(QStringLiteral("^\\s*\\d+\\s+(SHA256:[A-Za-z0-9+/=]+)\\s+.*\\((\\S+)\\)\\s*$"));
    QStringList fps;
    for (const QString& line : QString::fromUtf8(output).split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        const auto m = re.match(line);
        if (m.hasMatch()) {
            fps << m.captured(2) + QLatin1Char(' ') + m.captured(1);
        }
    }
    if (fps.isEmpty()) {
        return makeError(ErrorCode::ParseError, QStringLiteral("ssh-keygen printed no fingerprint."));
    }
    return fps;
}

Result<QString> HostKeyVerifier::parseUserKnownHostsFile(QByteArrayView output)
{
    for (const QByteArray& raw : output.toByteArray().split('\n')) {
        const QByteArray line = raw.trimmed();
        if (line.startsWith("userknownhostsfile ")) {
            const QList<QByteArray> parts = line.mid(19).trimmed().split(' ');
            const QString first = QString::fromUtf8(parts.value(0));
            if (first.isEmpty() || first == QLatin1String("none") || first.contains(QLatin1Char('%'))) {
                break;
            }
            if (first.startsWith(QLatin1String("~/"))) {
                return QString(QDir::homePath() + first.mid(1));
            }
            return first;
        }
    }
    return makeError(ErrorCode::Unsupported,
                     QStringLiteral("Cannot tell which known_hosts file ssh uses (UserKnownHostsFile); set one "
                                    "explicitly in the SSH settings."));
}

Status HostKeyVerifier::validateKnownHostsLines(QByteArrayView lines)
{
    static const QRegularExpression re(QStringLiteral(
        "^[^\\s@#]\\S*\\s+(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp256|ecdsa-sha2-nistp384|ecdsa-sha2-nistp521|"
        "sk-ssh-ed25519@openssh\\.com|sk-ecdsa-sha2-nistp256@openssh\\.com)\\s+[A-Za-z0-9+/]+={0,2}$"));
    int count = 0;
    for (const QByteArray& raw : lines.toByteArray().split('\n')) {
        const QByteArray line = raw.trimmed();
        if (line.isEmpty()) {
            continue;
        }
        if (!re.match(QString::fromUtf8(line)).hasMatch()) {
            return makeError(ErrorCode::ParseError,
                             QStringLiteral("Refusing a malformed known_hosts line for the host key."));
        }
        ++count;
    }
    if (count == 0) {
        return makeError(ErrorCode::ParseError, QStringLiteral("No host key to accept."));
    }
    return {};
}

Status HostKeyVerifier::appendKnownHosts(const QString& file, QByteArrayView lines)
{
    const QFileInfo fi(file);
    if (!QDir().mkpath(fi.absolutePath())) {
        return makeError(ErrorCode::IoError, QStringLiteral("Cannot create %1.").arg(fi.absolutePath()));
    }
    QByteArray content;
    const bool existed = fi.exists();
    if (existed) {
        QFile in(file);
        if (!in.open(QIODevice::ReadOnly)) {
            return makeError(ErrorCode::IoError, QStringLiteral("Cannot read %1 to add the host key.").arg(file));
        }
        content = in.readAll();
        if (!content.isEmpty() && !content.endsWith('\n')) {
            content += '\n';
        }
    }
    content += lines.toByteArray().trimmed() + '\n';
    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly) || out.write(content) != content.size() || !out.flush() ||
        !out.commit()) {
        return makeError(ErrorCode::IoError, QStringLiteral("Cannot write the host key to %1.").arg(file),
                         out.errorString());
    }
    if (!existed) {
        QFile::setPermissions(file, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    }
    return {};
}

}  // namespace rb::ssh
