#include "ssh/RemoteCommand.h"

namespace rb::ssh {

Result<RemoteCommand> RemoteCommand::create(const QStringList& argv)
{
    if (argv.isEmpty() || argv.front().isEmpty()) {
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("A remote command needs a program name."));
    }
    for (const QString& a : argv) {
        if (a.contains(QChar(0))) {
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("A remote command argument contains a NUL byte; refusing to run it."));
        }
    }
    RemoteCommand c;
    c.m_argv = argv;
    return c;
}

RemoteCommand& RemoteCommand::withSudo(bool on)
{
    m_sudo = on;
    return *this;
}

RemoteCommand& RemoteCommand::withStdin(QByteArray data)
{
    m_stdin = std::move(data);
    return *this;
}

RemoteCommand& RemoteCommand::withSecretStdin(crypto::SecretBuffer data)
{
    m_secretStdin = std::move(data);
    return *this;
}

RemoteCommand& RemoteCommand::withTimeout(int milliseconds)
{
    m_timeoutMs = milliseconds > 0 ? milliseconds : 60000;
    return *this;
}

RemoteCommand& RemoteCommand::withMaxOutput(qsizetype bytes)
{
    m_maxOutput = bytes > 0 ? bytes : 8 * 1024 * 1024;
    return *this;
}

QString RemoteCommand::quote(QStringView argument)
{
    QString q;
    q.reserve(argument.size() + 2);
    q += QLatin1Char('\'');
    for (QChar c : argument) {
        if (c == QLatin1Char('\'')) {
            q += QLatin1String("'\\''");
        } else {
            q += c;
        }
    }
    q += QLatin1Char('\'');
    return q;
}

QString RemoteCommand::shellCommand() const
{
    QStringList parts;
    if (m_sudo) {
        parts << quote(u"sudo") << quote(u"-n") << quote(u"--");
    }
    for (const QString& a : m_argv) {
        parts << quote(a);
    }
    return parts.join(QLatin1Char(' '));
}

Status RemoteCommand::validateAbsolutePath(QStringView path, const QString& what)
{
    const auto bad = [&](const QString& why) {
        return makeError(
            ErrorCode::InvalidArgument,
            QStringLiteral("The %1 '%2' is not acceptable: %3.").arg(what, path.left(120).toString(), why));
    };
    if (path.isEmpty() || path.front() != QLatin1Char('/')) {
        return bad(QStringLiteral("it must be an absolute path starting with '/'"));
    }
    if (path.contains(QChar(0)) || path.contains(QLatin1Char('\n')) || path.contains(QLatin1Char('\r'))) {
        return bad(QStringLiteral("it must not contain NUL or line breaks"));
    }
    if (path.toUtf8().size() > 4096) {
        return bad(QStringLiteral("it is longer than 4096 bytes"));
    }
    for (QStringView part : path.split(QLatin1Char('/'))) {
        if (part == QLatin1String("..")) {
            return bad(QStringLiteral("it must not contain '..' components"));
        }
    }
    return {};
}

Status RemoteCommand::validateName(QStringView name, const QString& what)
{
    const auto bad = [&](const QString& why) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("The %1 '%2' is not acceptable: %3.").arg(what, name.left(80).toString(), why));
    };
    if (name.isEmpty() || name.size() > 64) {
        return bad(QStringLiteral("it must be 1 to 64 characters long"));
    }
    if (name.front() == QLatin1Char('-') || name.front() == QLatin1Char('.')) {
        return bad(QStringLiteral("it must not start with '-' or '.'"));
    }
    for (QChar c : name) {
        const bool ok = (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
                        (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) ||
                        (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('.') ||
                        c == QLatin1Char('_') || c == QLatin1Char('-');
        if (!ok) {
            return bad(QStringLiteral("only letters, digits, '.', '_' and '-' are allowed"));
        }
    }
    return {};
}

}  // namespace rb::ssh
