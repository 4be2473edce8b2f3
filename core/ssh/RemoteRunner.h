#pragma once
// Runs RemoteCommands on one node over ssh (a fresh ssh per command, same
// safety options as the tunnel: BatchMode, strict host keys, no agent/X11
// forwarding, no tty so stdin is never echoed). Every call completes exactly
// once through its callback, also on timeout and cancelAll(); destroying the
// runner kills running commands without calling back.
//
// Designed for deployment: build argv, optionally sudo -n, feed files or
// secrets on stdin, inspect the typed RemoteResult.

#include "crypto/SecretBuffer.h"
#include "ssh/RemoteCommand.h"
#include "ssh/SshOptions.h"
#include "ssh/SshTarget.h"
#include "util/Result.h"

#include <QByteArray>
#include <QObject>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace rb::ssh {

struct RemoteResult {
    int exitCode = -1;  // of the remote command (or ssh's 255)
    QByteArray standardOutput;
    QByteArray standardError;
    bool timedOut = false;         // killed after the command's timeout
    bool outputTruncated = false;  // more than maxOutput was produced; ssh was killed
    [[nodiscard]] bool succeeded() const { return !timedOut && !outputTruncated && exitCode == 0; }
};

class RemoteRunner : public QObject {
    Q_OBJECT
public:
    using Completion = std::function<void(Result<RemoteResult>)>;
    using BytesCompletion = std::function<void(Result<QByteArray>)>;
    using SecretCompletion = std::function<void(Result<crypto::SecretBuffer>)>;

    RemoteRunner(SshTarget target, SshOptions options, QObject* parent = nullptr);
    ~RemoteRunner() override;

    // The error is set only when ssh itself failed (cannot start, host key,
    // authentication, unreachable); a remote exit status or a timeout is in
    // the RemoteResult.
    void run(RemoteCommand command, Completion done);

    // Reads at most maxBytes of a remote file exactly ("head -c" on the node).
    // Larger files fail with TooLarge; a missing or unreadable file fails with
    // NotFound / PermissionDenied.
    void readFile(const QString& path, qsizetype maxBytes, bool sudo, BytesCompletion done);
    // Same, straight into a SecretBuffer (the transient copy is wiped).
    void readSecretFile(const QString& path, qsizetype maxBytes, bool sudo, SecretCompletion done);
    // tor's control_auth_cookie: exactly 32 bytes, else a typed error naming the size.
    void readControlCookie(const QString& path, bool sudo, SecretCompletion done);

    // Writes a remote file atomically (temp file in the same directory, chmod,
    // rename) with the content on stdin; `mode` e.g. 0600. The shell script is
    // a constant; the path and mode are passed as positional parameters.
    using StatusCompletion = std::function<void(Status)>;
    void writeFile(const QString& path, QByteArray content, int mode, bool sudo, StatusCompletion done);
    void writeSecretFile(const QString& path, crypto::SecretBuffer content, int mode, bool sudo, StatusCompletion done);

    // Kills every running command; each completion gets ErrorCode::Cancelled.
    void cancelAll();
    [[nodiscard]] int runningCount() const;
    [[nodiscard]] const SshTarget& target() const { return m_target; }

    static constexpr qsizetype kControlCookieSize = 32;

private:
    struct Job;
    void runInternal(RemoteCommand command, Completion done, bool sensitiveOutput);
    void readBounded(const QString& path, qsizetype maxBytes, bool sudo, bool secret,
                     std::function<void(Result<QByteArray>)> done);
    void finishJob(Job* job, std::optional<Error> error);
    void writeInternal(const QString& path, QByteArray content, crypto::SecretBuffer secret, int mode, bool sudo,
                       StatusCompletion done);

    SshTarget m_target;
    SshOptions m_options;
    std::vector<std::unique_ptr<Job>> m_jobs;
};

}  // namespace rb::ssh
