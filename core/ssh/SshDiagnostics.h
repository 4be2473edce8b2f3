#pragma once
// Reads what the OpenSSH client printed on stderr and turns it into a typed
// failure with an operator-facing message. Pure; unit tested on real ssh output.

#include "util/Result.h"

#include <QByteArrayView>
#include <QString>

namespace rb::ssh {

class SshDiagnostics {
public:
    enum class Failure {
        None,            // nothing ssh-specific recognised
        HostKeyUnknown,  // no known_hosts entry: show the fingerprint, let the operator accept it
        HostKeyChanged,  // REMOTE HOST IDENTIFICATION HAS CHANGED: refuse
        AuthFailed,      // Permission denied (publickey...)
        ConnectFailed,   // refused, timed out, unresolvable, closed during handshake
        ForwardFailed,   // a -L forward could not be set up (ExitOnForwardFailure)
    };

    static Failure classify(QByteArrayView stderrText);
    // The "SHA256:..." fingerprint ssh printed (changed-key warning), or empty.
    static QString offeredFingerprint(QByteArrayView stderrText);
    // Error for a failure (None -> Unavailable with ssh's last line as detail).
    static Error toError(Failure failure, const QString& target, QByteArrayView stderrText);
    // Last non-empty line (for log details), at most 300 characters.
    static QString lastLine(QByteArrayView stderrText);
};

}  // namespace rb::ssh
