#include "ssh/SshDiagnostics.h"

#include <QRegularExpression>

namespace rb::ssh {

namespace {

bool has(QByteArrayView hay, const char* needle)
{
    return hay.contains(QByteArrayView(needle));
}

}  // namespace

SshDiagnostics::Failure SshDiagnostics::classify(QByteArrayView s)
{
    if (has(s, "REMOTE HOST IDENTIFICATION HAS CHANGED") ||
        has(s, "has changed and you have requested strict checking")) {
        return Failure::HostKeyChanged;
    }
    if (has(s, "Host key verification failed") || has(s, "host key is known for")) {
        return Failure::HostKeyUnknown;
    }
    if (has(s, "Permission denied (") || has(s, "Too many authentication failures") ||
        has(s, "No more authentication methods")) {
        return Failure::AuthFailed;
    }
    if (has(s, "forwarding failed") || has(s, "Could not request local forwarding") ||
        has(s, "Address already in use") || has(s, "unix_listener:")) {
        return Failure::ForwardFailed;
    }
    if (has(s, "Connection refused") || has(s, "Connection timed out") || has(s, "Could not resolve hostname") ||
        has(s, "No route to host") || has(s, "Network is unreachable") || has(s, "Connection closed by") ||
        has(s, "Connection reset") || has(s, "kex_exchange_identification") || has(s, "Operation timed out") ||
        has(s, "connect to host")) {
        return Failure::ConnectFailed;
    }
    return Failure::None;
}

QString SshDiagnostics::offeredFingerprint(QByteArrayView s)
{
    static const QRegularExpression re(QStringLiteral("(SHA256:[A-Za-z0-9+/=]{20,64})"));
    const auto m = re.match(QString::fromUtf8(s));
    return m.hasMatch() ? m.captured(1) : QString();
}

QString SshDiagnostics::lastLine(QByteArrayView s)
{
    const QList<QByteArray> lines = s.toByteArray().split('\n');
    for (auto it = lines.crbegin(); it != lines.crend(); ++it) {
        const QByteArray l = it->trimmed();
        if (!l.isEmpty()) {
            return QString::fromUtf8(l.left(300));
        }
    }
    return {};
}

Error SshDiagnostics::toError(Failure failure, const QString& target, QByteArrayView s)
{
    const QString detail = lastLine(s);
    switch (failure) {
    case Failure::HostKeyChanged: {
        const QString fp = offeredFingerprint(s);
        return makeError(ErrorCode::BadKey,
                         QStringLiteral("WARNING: the SSH host key of %1 has CHANGED%2 - this may be a "
                                        "man-in-the-middle attack; connection refused. If the node was reinstalled, "
                                        "verify the new key out of band, remove the old entry with "
                                        "'ssh-keygen -R <host>' and accept the new key.")
                             .arg(target, fp.isEmpty() ? QString() : QStringLiteral(" (now offers %1)").arg(fp)),
                         detail);
    }
    case Failure::HostKeyUnknown:
        return makeError(ErrorCode::NotReady,
                         QStringLiteral("The SSH host key of %1 is not known yet; review its fingerprint and accept "
                                        "it before connecting.")
                             .arg(target),
                         detail);
    case Failure::AuthFailed:
        return makeError(ErrorCode::AuthFailed,
                         QStringLiteral("SSH authentication to %1 failed; load the right key into your ssh-agent or "
                                        "set IdentityFile for this host in ~/.ssh/config (no password prompts are "
                                        "possible).")
                             .arg(target),
                         detail);
    case Failure::ForwardFailed:
        return makeError(ErrorCode::Unavailable,
                         QStringLiteral("SSH to %1 could not set up the tunnel; check that the sshd on the node "
                                        "allows forwarding (AllowTcpForwarding / AllowStreamLocalForwarding).")
                             .arg(target),
                         detail);
    case Failure::ConnectFailed:
        return makeError(ErrorCode::Unavailable,
                         QStringLiteral("Cannot reach %1 over SSH; check the host, port and network (and ProxyJump, "
                                        "if used).")
                             .arg(target),
                         detail);
    case Failure::None:
        break;
    }
    return makeError(ErrorCode::Unavailable, QStringLiteral("SSH to %1 failed.").arg(target), detail);
}

}  // namespace rb::ssh
