#include "balancer/ControlAddress.h"

namespace rb::balancer {

QString ControlAddress::toString() const
{
    if (kind == Kind::Unix) {
        return QStringLiteral("unix:") + path;
    }
    if (host.contains(u':')) {
        return QStringLiteral("[%1]:%2").arg(host).arg(port);
    }
    return QStringLiteral("%1:%2").arg(host).arg(port);
}

ControlAddress ControlAddress::tcp(const QString& host, quint16 port)
{
    ControlAddress a;
    a.kind = Kind::Tcp;
    a.host = host;
    a.port = port;
    return a;
}

ControlAddress ControlAddress::unixSocket(const QString& path)
{
    ControlAddress a;
    a.kind = Kind::Unix;
    a.path = path;
    return a;
}

Result<ControlAddress> ControlAddress::parse(const QString& input)
{
    const QString text = input.trimmed();
    auto bad = [&input](const QString& why) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("'%1' is not a control address: %2 (use HOST:PORT or unix:/path)")
                             .arg(input.left(200), why));
    };
    if (text.isEmpty()) {
        return bad(QStringLiteral("empty"));
    }
    if (text.startsWith(QLatin1String("unix:")) || text.startsWith(u'/')) {
        const QString path = text.startsWith(u'/') ? text : text.mid(5);
        if (!path.startsWith(u'/')) {
            return bad(QStringLiteral("a Unix socket path must be absolute"));
        }
        return unixSocket(path);
    }
    QString host;
    QString portText;
    if (text.startsWith(u'[')) {
        const qsizetype close = text.indexOf(u']');
        if (close < 0 || close + 1 >= text.size() || text.at(close + 1) != u':') {
            return bad(QStringLiteral("expected [IPv6]:PORT"));
        }
        host = text.mid(1, close - 1);
        portText = text.mid(close + 2);
    } else {
        const qsizetype colon = text.lastIndexOf(u':');
        if (colon < 0) {
            host = QStringLiteral("127.0.0.1");
            portText = text;
        } else {
            host = text.left(colon);
            portText = text.mid(colon + 1);
            if (host.contains(u':')) {
                return bad(QStringLiteral("write IPv6 addresses as [addr]:port"));
            }
        }
    }
    bool ok = false;
    const uint port = portText.toUInt(&ok);
    if (!ok || port == 0 || port > 65535) {
        return bad(QStringLiteral("the port must be 1-65535"));
    }
    if (host.isEmpty()) {
        return bad(QStringLiteral("no host"));
    }
    for (const QChar c : host) {
        if (!(c.isLetterOrNumber() || c == u'.' || c == u'-' || c == u':' || c == u'_')) {
            return bad(QStringLiteral("invalid character in the host"));
        }
    }
    return tcp(host, static_cast<quint16>(port));
}

}  // namespace rb::balancer
