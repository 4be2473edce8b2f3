#include "ssh/RemoteEndpoint.h"

#include "ssh/RemoteCommand.h"

#include <QHostAddress>

namespace rb::ssh {

namespace {

Error bad(QStringView text, const QString& why)
{
    return makeError(ErrorCode::InvalidArgument,
                     QStringLiteral("Endpoint '%1' is not valid: %2. Use host:port (e.g. 127.0.0.1:9051) or "
                                    "unix:/absolute/path (e.g. unix:/run/tor/control).")
                         .arg(text.left(120).toString(), why));
}

bool isHostChar(QChar c)
{
    return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) ||
           (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('.') || c == QLatin1Char('-') ||
           c == QLatin1Char('_');
}

}  // namespace

Result<RemoteEndpoint> RemoteEndpoint::unixSocket(const QString& path)
{
    RB_TRY_STATUS(RemoteCommand::validateAbsolutePath(path, QStringLiteral("socket path")));
    // ssh -L separates its fields with ':'; a Unix socket path is limited to ~104 bytes.
    if (path.contains(QLatin1Char(':')) || path.contains(QLatin1Char(' '))) {
        return bad(path, QStringLiteral("a socket path must not contain ':' or spaces"));
    }
    if (path.toUtf8().size() > 100) {
        return bad(path, QStringLiteral("a Unix socket path must be at most 100 bytes long"));
    }
    RemoteEndpoint e;
    e.m_kind = Kind::Unix;
    e.m_path = path;
    return e;
}

Result<RemoteEndpoint> RemoteEndpoint::tcp(const QString& host, quint16 port)
{
    if (port == 0) {
        return bad(host, QStringLiteral("the port must be a number from 1 to 65535"));
    }
    if (host.contains(QLatin1Char(':'))) {
        QHostAddress addr;
        if (!addr.setAddress(host) || addr.protocol() != QAbstractSocket::IPv6Protocol) {
            return bad(host, QStringLiteral("'%1' is not an IPv6 address").arg(host));
        }
    } else {
        if (host.isEmpty() || host.size() > 253 || host.front() == QLatin1Char('-')) {
            return bad(host, QStringLiteral("the host name is empty or malformed"));
        }
        for (QChar c : host) {
            if (!isHostChar(c)) {
                return bad(host, QStringLiteral("the host may only contain letters, digits, '.', '_' and '-'"));
            }
        }
    }
    RemoteEndpoint e;
    e.m_kind = Kind::Tcp;
    e.m_host = host;
    e.m_port = port;
    return e;
}

Result<RemoteEndpoint> RemoteEndpoint::parse(QStringView text)
{
    QStringView t = text.trimmed();
    if (t.startsWith(QLatin1String("unix:"))) {
        QStringView p = t.mid(5);
        if (p.size() >= 2 && p.front() == QLatin1Char('"') && p.back() == QLatin1Char('"')) {
            p = p.mid(1, p.size() - 2);
        }
        return unixSocket(p.toString());
    }
    if (t.startsWith(QLatin1Char('/'))) {
        return unixSocket(t.toString());
    }
    if (t.startsWith(QLatin1String("tcp:"))) {
        t = t.mid(4);
    }
    QStringView host;
    QStringView port;
    if (t.startsWith(QLatin1Char('['))) {
        const qsizetype close = t.indexOf(QLatin1String("]:"));
        if (close < 0) {
            return bad(text, QStringLiteral("write IPv6 endpoints as [address]:port"));
        }
        host = t.mid(1, close - 1);
        port = t.mid(close + 2);
    } else {
        const qsizetype colon = t.lastIndexOf(QLatin1Char(':'));
        if (colon < 0) {
            return bad(text, QStringLiteral("a port is required"));
        }
        host = t.left(colon);
        port = t.mid(colon + 1);
        if (host.contains(QLatin1Char(':'))) {
            return bad(text, QStringLiteral("write IPv6 endpoints as [address]:port"));
        }
    }
    bool ok = false;
    const uint p = port.toUInt(&ok);
    if (!ok || p == 0 || p > 65535) {
        return bad(text, QStringLiteral("the port must be a number from 1 to 65535"));
    }
    return tcp(host.toString(), static_cast<quint16>(p));
}

QString RemoteEndpoint::toString() const
{
    if (m_kind == Kind::Unix) {
        return QStringLiteral("unix:") + m_path;
    }
    return sshForwardSpec();
}

QString RemoteEndpoint::sshForwardSpec() const
{
    if (m_kind == Kind::Unix) {
        return m_path;
    }
    const QString h = m_host.contains(QLatin1Char(':')) ? QLatin1Char('[') + m_host + QLatin1Char(']') : m_host;
    return h + QLatin1Char(':') + QString::number(m_port);
}

}  // namespace rb::ssh
