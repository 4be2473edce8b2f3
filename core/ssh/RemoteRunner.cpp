#include "ssh/RemoteRunner.h"

#include "crypto/Crypto.h"
#include "ssh/SshDiagnostics.h"

#include <QProcess>
#include <QTimer>

namespace rb::ssh {

struct RemoteRunner::Job {
    explicit Job(RemoteCommand c) : command(std::move(c)) {}
    RemoteCommand command;
    QProcess* process = nullptr;
    QTimer* timer = nullptr;
    Completion done;
    RemoteResult result;
    bool sensitiveOutput = false;
};

RemoteRunner::RemoteRunner(SshTarget target, SshOptions options, QObject* parent)
    : QObject(parent), m_target(std::move(target)), m_options(std::move(options))
{
}

RemoteRunner::~RemoteRunner()
{
    for (auto& job : m_jobs) {
        if (job->process != nullptr) {
            job->process->disconnect();
            if (job->process->state() != QProcess::NotRunning) {
                job->process->kill();
                job->process->waitForFinished(2000);  // SIGKILL sent; reaping is immediate
            }
            delete job->process;
            job->process = nullptr;
        }
        if (job->sensitiveOutput) {
            crypto::memzero(job->result.standardOutput);
        }
    }
    m_jobs.clear();
    for (QProcess* dying : findChildren<QProcess*>(QString(), Qt::FindDirectChildrenOnly)) {
        dying->disconnect();
        if (dying->state() != QProcess::NotRunning) {
            dying->kill();
            dying->waitForFinished(2000);  // SIGKILL sent; reaping is immediate
        }
    }
}

int RemoteRunner::runningCount() const
{
    return static_cast<int>(m_jobs.size());
}

void RemoteRunner::run(RemoteCommand command, Completion done)
{
    runInternal(std::move(command), std::move(done), false);
}

void RemoteRunner::runInternal(RemoteCommand command, Completion done, bool sensitiveOutput)
{
    auto owned = std::make_unique<Job>(std::move(command));
    Job* job = owned.get();
    job->done = std::move(done);
    job->sensitiveOutput = sensitiveOutput;
    if (sensitiveOutput) {
        job->result.standardOutput.reserve(job->command.maxOutput() + 1);  // no reallocation copies
    }
    m_jobs.push_back(std::move(owned));

    QStringList args = m_options.commonArguments();
    args << QStringLiteral("-T");
    args << m_target.destinationArguments();
    args << job->command.shellCommand();

    job->process = new QProcess(this);
    job->timer = new QTimer(job->process);
    job->timer->setSingleShot(true);
    QProcess* p = job->process;
    p->setProgram(m_options.sshProgram);
    p->setArguments(args);
    p->setProcessEnvironment(SshOptions::environment());
    const bool hasInput = !job->command.stdinData().isEmpty() || !job->command.secretStdin().isEmpty();
    if (!hasInput) {
        p->setStandardInputFile(QProcess::nullDevice());
    }
    const qsizetype cap = job->command.maxOutput();
    const auto killForSize = [job] {
        job->result.outputTruncated = true;
        job->process->kill();
    };
    const auto drainOut = [job, cap, killForSize] {
        QByteArray chunk = job->process->readAllStandardOutput();
        if (job->result.standardOutput.size() + chunk.size() > cap) {
            chunk.truncate(qMax<qsizetype>(0, cap - job->result.standardOutput.size()));
            job->result.standardOutput += chunk;
            killForSize();
        } else {
            job->result.standardOutput += chunk;
        }
        if (job->sensitiveOutput) {
            crypto::memzero(chunk);
        }
    };
    const auto drainErr = [job, cap, killForSize] {
        const QByteArray chunk = job->process->readAllStandardError();
        if (chunk.isEmpty()) {
            return;
        }
        job->result.standardError += chunk.left(qMax<qsizetype>(0, cap - job->result.standardError.size()));
        if (job->result.standardError.size() >= cap) {
            killForSize();
        }
    };
    connect(p, &QProcess::readyReadStandardOutput, this, drainOut);
    connect(p, &QProcess::readyReadStandardError, this, drainErr);
    connect(job->timer, &QTimer::timeout, this, [job] {
        job->result.timedOut = true;
        job->process->kill();
    });
    connect(p, &QProcess::errorOccurred, this, [this, job](QProcess::ProcessError e) {
        if (e == QProcess::FailedToStart) {
            finishJob(job, makeError(ErrorCode::Unavailable,
                                     QStringLiteral("Cannot start the OpenSSH client '%1'; install OpenSSH (ssh) "
                                                    "and make sure it is on PATH.")
                                         .arg(m_options.sshProgram),
                                     job->process->errorString()));
        }
    });
    connect(p, &QProcess::finished, this, [this, job, drainOut, drainErr](int exitCode, QProcess::ExitStatus status) {
        drainOut();
        drainErr();
        job->result.exitCode = status == QProcess::CrashExit ? -1 : exitCode;
        if (!job->result.timedOut && !job->result.outputTruncated && exitCode == 255) {
            const auto failure = SshDiagnostics::classify(job->result.standardError);
            if (failure != SshDiagnostics::Failure::None) {
                finishJob(job, SshDiagnostics::toError(failure, m_target.toString(), job->result.standardError));
                return;
            }
        }
        finishJob(job, std::nullopt);
    });

    job->timer->start(job->command.timeoutMs());
    p->start();
    const bool stillRunning =
        std::any_of(m_jobs.cbegin(), m_jobs.cend(), [job](const auto& j) { return j.get() == job; });
    if (hasInput && stillRunning) {
        if (!job->command.stdinData().isEmpty()) {
            p->write(job->command.stdinData());
        }
        if (!job->command.secretStdin().isEmpty()) {
            const auto& s = job->command.secretStdin();
            p->write(reinterpret_cast<const char*>(s.data()), static_cast<qint64>(s.size()));
        }
        p->closeWriteChannel();
    }
}

void RemoteRunner::finishJob(Job* job, std::optional<Error> error)
{
    auto it = std::find_if(m_jobs.begin(), m_jobs.end(), [job](const auto& j) { return j.get() == job; });
    if (it == m_jobs.end()) {
        return;  // already completed
    }
    std::unique_ptr<Job> owned = std::move(*it);
    m_jobs.erase(it);
    if (owned->process != nullptr) {
        owned->process->disconnect(this);
        owned->timer->stop();
        if (owned->process->state() != QProcess::NotRunning) {
            // Reap asynchronously; the destructor reaps whatever is still dying.
            QProcess* dying = owned->process;
            connect(dying, &QProcess::finished, dying, &QObject::deleteLater);
            dying->kill();
        } else {
            owned->process->deleteLater();
        }
        owned->process = nullptr;
    }
    Completion done = std::move(owned->done);
    if (error.has_value()) {
        if (owned->sensitiveOutput) {
            crypto::memzero(owned->result.standardOutput);
        }
        done(std::move(*error));
    } else {
        done(std::move(owned->result));
    }
}

void RemoteRunner::cancelAll()
{
    std::vector<Job*> jobs;
    for (const auto& j : m_jobs) {
        jobs.push_back(j.get());
    }
    for (Job* j : jobs) {
        finishJob(j, makeError(ErrorCode::Cancelled, QStringLiteral("The remote command was cancelled.")));
    }
}

void RemoteRunner::readBounded(const QString& path, qsizetype maxBytes, bool sudo, bool secret,
                               std::function<void(Result<QByteArray>)> done)
{
    if (auto st = RemoteCommand::validateAbsolutePath(path, QStringLiteral("remote file path")); !st) {
        done(st.error());
        return;
    }
    if (maxBytes <= 0) {
        maxBytes = 1;
    }
    // Read one byte more than allowed so "too large" is detected without transferring the file.
    auto cmd = RemoteCommand::create(
        {QStringLiteral("head"), QStringLiteral("-c"), QString::number(maxBytes + 1), QStringLiteral("--"), path});
    if (!cmd) {
        done(cmd.error());
        return;
    }
    RemoteCommand command = std::move(cmd).value();
    command.withSudo(sudo).withTimeout(30000).withMaxOutput(maxBytes + 1);
    const QString where = m_target.toString();
    runInternal(
        std::move(command),
        [done = std::move(done), path, maxBytes, where, secret](Result<RemoteResult> r) mutable {
            if (!r) {
                done(r.error());
                return;
            }
            RemoteResult& res = r.value();
            const auto wipe = [&res, secret] {
                if (secret) {
                    crypto::memzero(res.standardOutput);
                }
            };
            if (res.timedOut) {
                wipe();
                done(makeError(ErrorCode::Timeout, QStringLiteral("Reading %1 on %2 timed out.").arg(path, where)));
                return;
            }
            if (res.exitCode != 0) {
                wipe();
                const QString err = QString::fromUtf8(res.standardError).trimmed();
                const QString detail = SshDiagnostics::lastLine(res.standardError);
                if (err.contains(QLatin1String("a password is required")) || err.contains(QLatin1String("sudo:"))) {
                    done(makeError(ErrorCode::PermissionDenied,
                                   QStringLiteral("sudo on %1 needs a password; allow the command without a password "
                                                  "(NOPASSWD) for the SSH user or add the user to tor's group.")
                                       .arg(where),
                                   detail));
                } else if (err.contains(QLatin1String("No such file"))) {
                    done(makeError(ErrorCode::NotFound, QStringLiteral("%1 does not exist on %2.").arg(path, where),
                                   detail));
                } else if (err.contains(QLatin1String("Permission denied"))) {
                    done(makeError(ErrorCode::PermissionDenied,
                                   QStringLiteral("Permission denied reading %1 on %2; use sudo or add the SSH user to "
                                                  "the group that owns it.")
                                       .arg(path, where),
                                   detail));
                } else {
                    done(makeError(
                        ErrorCode::IoError,
                        QStringLiteral("Reading %1 on %2 failed (exit status %3).").arg(path, where).arg(res.exitCode),
                        detail));
                }
                return;
            }
            if (res.outputTruncated || res.standardOutput.size() > maxBytes) {
                wipe();
                done(makeError(ErrorCode::TooLarge,
                               QStringLiteral("%1 on %2 is larger than %3 bytes.").arg(path, where).arg(maxBytes)));
                return;
            }
            done(std::move(res.standardOutput));
        },
        secret);
}

void RemoteRunner::readFile(const QString& path, qsizetype maxBytes, bool sudo, BytesCompletion done)
{
    readBounded(path, maxBytes, sudo, false, std::move(done));
}

void RemoteRunner::readSecretFile(const QString& path, qsizetype maxBytes, bool sudo, SecretCompletion done)
{
    readBounded(path, maxBytes, sudo, true, [done = std::move(done)](Result<QByteArray> r) mutable {
        if (!r) {
            done(r.error());
            return;
        }
        QByteArray& bytes = r.value();
        crypto::SecretBuffer secret = crypto::SecretBuffer::fromBytes(bytes);
        crypto::memzero(bytes);
        done(std::move(secret));
    });
}

void RemoteRunner::readControlCookie(const QString& path, bool sudo, SecretCompletion done)
{
    const QString where = m_target.toString();
    readSecretFile(path, 1024, sudo, [done = std::move(done), path, where](Result<crypto::SecretBuffer> r) mutable {
        if (!r) {
            if (r.error().code == ErrorCode::TooLarge) {
                done(makeError(ErrorCode::BadKey,
                               QStringLiteral("The control cookie %1 on %2 is larger than 1024 bytes; a tor control "
                                              "cookie is exactly 32 bytes. Check CookieAuthFile.")
                                   .arg(path, where)));
                return;
            }
            done(r.error());
            return;
        }
        if (r.value().size() != static_cast<std::size_t>(kControlCookieSize)) {
            done(makeError(ErrorCode::BadKey,
                           QStringLiteral("The control cookie %1 on %2 is %3 bytes; a tor control cookie is "
                                          "exactly 32 bytes. Check that CookieAuthFile points at tor's "
                                          "control_auth_cookie.")
                               .arg(path, where)
                               .arg(r.value().size())));
            return;
        }
        done(std::move(r).value());
    });
}

void RemoteRunner::writeFile(const QString& path, QByteArray content, int mode, bool sudo, StatusCompletion done)
{
    writeInternal(path, std::move(content), {}, mode, sudo, std::move(done));
}

void RemoteRunner::writeSecretFile(const QString& path, crypto::SecretBuffer content, int mode, bool sudo,
                                   StatusCompletion done)
{
    writeInternal(path, {}, std::move(content), mode, sudo, std::move(done));
}

void RemoteRunner::writeInternal(const QString& path, QByteArray content, crypto::SecretBuffer secret, int mode,
                                 bool sudo, StatusCompletion done)
{
    if (auto st = RemoteCommand::validateAbsolutePath(path, QStringLiteral("remote file path")); !st) {
        done(st.error());
        return;
    }
    if (mode < 0 || mode > 0777) {
        done(makeError(ErrorCode::InvalidArgument, QStringLiteral("File mode %1 is out of range.").arg(mode, 0, 8)));
        return;
    }
    // Constant script; "$1" = path, "$2" = octal mode. umask 077 keeps the temp file private until chmod.
    static const QString script = QStringLiteral(
        "set -e; umask 077; t=\"$1.rbtmp.$$\"; trap 'rm -f -- \"$t\"' EXIT; cat > \"$t\"; chmod \"$2\" \"$t\"; "
        "mv -f -- \"$t\" \"$1\"; trap - EXIT");
    auto cmd = RemoteCommand::create({QStringLiteral("sh"), QStringLiteral("-c"), script, QStringLiteral("rb-write"),
                                      path, QString::number(mode, 8)});
    if (!cmd) {
        done(cmd.error());
        return;
    }
    RemoteCommand command = std::move(cmd).value();
    command.withSudo(sudo).withTimeout(60000).withMaxOutput(64 * 1024);
    if (!secret.isEmpty()) {
        command.withSecretStdin(std::move(secret));
    } else {
        command.withStdin(std::move(content));
    }
    const QString where = m_target.toString();
    run(std::move(command), [done = std::move(done), path, where](Result<RemoteResult> r) {
        if (!r) {
            done(r.error());
            return;
        }
        if (r->timedOut) {
            done(makeError(ErrorCode::Timeout, QStringLiteral("Writing %1 on %2 timed out.").arg(path, where)));
            return;
        }
        if (r->exitCode != 0) {
            done(makeError(ErrorCode::IoError,
                           QStringLiteral("Writing %1 on %2 failed (exit status %3); check the directory exists and "
                                          "is writable (or use sudo).")
                               .arg(path, where)
                               .arg(r->exitCode),
                           SshDiagnostics::lastLine(r->standardError)));
            return;
        }
        done(Status{});
    });
}

}  // namespace rb::ssh
