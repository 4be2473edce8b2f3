#include "ssh/SshTarget.h"

#include <QHostAddress>

namespace rb::ssh {

namespace {

bool isNameChar(QChar c)
{
    return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) ||
           (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('.') || c == QLatin1Char('-') ||
           c == QLatin1Char('_');
}

bool isPlainName(QStringView s)
{
    if (s.isEmpty() || s.size() > 253 || s.front() == QLatin1Char('-') || s.front() == QLatin1Char('.')) {
        return false;
    }
    for (QChar c : s) {
        if (!isNameChar(c)) {
            return false;
        }
    }
    return true;
}

Error bad(QStringView text, const QString& why)
{
    return makeError(ErrorCode::InvalidArgument,
                     QStringLiteral("SSH target '%1' is not valid: %2. Use host, user@host, user@host:port or an "
                                    "alias from your ssh config.")
                         .arg(text.left(80).toString(), why));
}

}  // namespace

Result<SshTarget> SshTarget::parse(QStringView text)
{
    const QStringView t = text.trimmed();
    if (t.isEmpty()) {
        return bad(text, QStringLiteral("it is empty"));
    }
    SshTarget target;
    QStringView rest = t;
    const qsizetype at = t.lastIndexOf(QLatin1Char('@'));
    if (at >= 0) {
        const QStringView user = t.left(at);
        if (!isPlainName(user) || user.size() > 64) {
            return bad(text, QStringLiteral("the user name may only contain letters, digits, '.', '_' and '-'"));
        }
        target.m_user = user.toString();
        rest = t.mid(at + 1);
    }
    QStringView host = rest;
    QStringView port;
    if (rest.startsWith(QLatin1Char('['))) {
        const qsizetype close = rest.indexOf(QLatin1Char(']'));
        if (close < 0) {
            return bad(text, QStringLiteral("missing ']' after the IPv6 address"));
        }
        host = rest.mid(1, close - 1);
        const QStringView after = rest.mid(close + 1);
        if (!after.isEmpty()) {
            if (!after.startsWith(QLatin1Char(':'))) {
                return bad(text, QStringLiteral("unexpected text after ']'"));
            }
            port = after.mid(1);
        }
        QHostAddress addr;
        if (!addr.setAddress(host.toString()) || addr.protocol() != QAbstractSocket::IPv6Protocol) {
            return bad(text, QStringLiteral("'%1' is not an IPv6 address").arg(host.toString()));
        }
    } else {
        const qsizetype colon = rest.indexOf(QLatin1Char(':'));
        if (colon >= 0) {
            host = rest.left(colon);
            port = rest.mid(colon + 1);
            if (port.contains(QLatin1Char(':'))) {
                return bad(text, QStringLiteral("write IPv6 addresses in brackets, e.g. [2001:db8::1]:22"));
            }
        }
        if (!isPlainName(host)) {
            return bad(text, QStringLiteral("the host may only contain letters, digits, '.', '_' and '-' and must "
                                            "not start with '-' or '.'"));
        }
    }
    if (!port.isNull()) {
        bool ok = false;
        const uint p = port.toUInt(&ok);
        if (!ok || p == 0 || p > 65535) {
            return bad(text, QStringLiteral("the port must be a number from 1 to 65535"));
        }
        target.m_port = static_cast<quint16>(p);
    }
    target.m_host = host.toString();
    return target;
}

QString SshTarget::toString() const
{
    QString s;
    if (!m_user.isEmpty()) {
        s = m_user + QLatin1Char('@');
    }
    const bool v6 = m_host.contains(QLatin1Char(':'));
    if (m_port != 0 || v6) {
        s += v6 ? QLatin1Char('[') + m_host + QLatin1Char(']') : m_host;
        if (m_port != 0) {
            s += QLatin1Char(':') + QString::number(m_port);
        }
    } else {
        s += m_host;
    }
    return s;
}

QStringList SshTarget::destinationArguments() const
{
    QStringList args;
    if (m_port != 0) {
        args << QStringLiteral("-p") << QString::number(m_port);
    }
    args << QStringLiteral("--") << (m_user.isEmpty() ? m_host : m_user + QLatin1Char('@') + m_host);
    return args;
}

}  // namespace rb::ssh
