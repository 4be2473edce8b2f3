#include "deploy/RestartStrategy.h"

#include "ssh/RemoteCommand.h"

#include <QJsonArray>
#include <QSet>

namespace rb::deploy {

namespace {

Error invalid(const QString& message)
{
    return makeError(ErrorCode::InvalidArgument, message);
}

bool hasControlCharacter(QStringView s)
{
    for (QChar c : s) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f) {
            return true;
        }
    }
    return false;
}

// A program on the node: an absolute path or a bare name looked up on PATH.
Status validateProgram(const QString& program, const QString& what)
{
    if (program.startsWith(QLatin1Char('/'))) {
        return ssh::RemoteCommand::validateAbsolutePath(program, what);
    }
    return ssh::RemoteCommand::validateName(program, what);
}

}  // namespace

RestartStrategy RestartStrategy::systemd(const QString& unit)
{
    RestartStrategy s;
    s.kind = Kind::Commands;
    s.commands = {{QStringLiteral("systemctl"), QStringLiteral("restart"), unit}};
    return s;
}

RestartStrategy RestartStrategy::fromPidFile(const QString& pidFile, const QString& torrc,
                                             const QString& defaultsTorrc, const QString& torBinary)
{
    RestartStrategy s;
    s.kind = Kind::PidFile;
    s.commands.clear();
    s.pidFile = pidFile;
    s.torrc = torrc;
    s.defaultsTorrc = defaultsTorrc;
    s.torBinary = torBinary;
    return s;
}

Status RestartStrategy::validate() const
{
    if (kind == Kind::Commands) {
        if (commands.isEmpty()) {
            return invalid(QStringLiteral("The restart strategy has no command; give e.g. "
                                          "\"systemctl restart tor@default\" or use a pid-file restart."));
        }
        for (const QStringList& argv : commands) {
            if (argv.isEmpty()) {
                return invalid(QStringLiteral("A restart command is empty."));
            }
            RB_TRY_STATUS(validateProgram(argv.front(), QStringLiteral("restart program")));
            for (const QString& a : argv) {
                if (hasControlCharacter(a)) {
                    return invalid(QStringLiteral("A restart command argument contains a control character."));
                }
            }
        }
        return {};
    }
    RB_TRY_STATUS(ssh::RemoteCommand::validateAbsolutePath(pidFile, QStringLiteral("tor PidFile")));
    RB_TRY_STATUS(validateProgram(torBinary, QStringLiteral("tor binary")));
    if (!torrc.isEmpty()) {
        RB_TRY_STATUS(ssh::RemoteCommand::validateAbsolutePath(torrc, QStringLiteral("torrc")));
    }
    if (!defaultsTorrc.isEmpty()) {
        RB_TRY_STATUS(ssh::RemoteCommand::validateAbsolutePath(defaultsTorrc, QStringLiteral("defaults torrc")));
    }
    if (stopTimeoutSeconds < 1 || stopTimeoutSeconds > 600) {
        return invalid(QStringLiteral("The tor stop timeout must be 1-600 seconds."));
    }
    return {};
}

QString RestartStrategy::describe() const
{
    if (kind == Kind::Commands) {
        QStringList parts;
        for (const QStringList& argv : commands) {
            parts << argv.join(QLatin1Char(' '));
        }
        return parts.join(QStringLiteral(" && "));
    }
    QString s = QStringLiteral("stop the pid in %1, start %2 -f %3").arg(pidFile, torBinary,
                                                                         torrc.isEmpty() ? QStringLiteral("<torrc>") : torrc);
    if (!defaultsTorrc.isEmpty()) {
        s += QStringLiteral(" --defaults-torrc ") + defaultsTorrc;
    }
    return s;
}

QJsonObject RestartStrategy::toJson() const
{
    QJsonObject o;
    if (kind == Kind::Commands) {
        o.insert(QStringLiteral("kind"), QStringLiteral("commands"));
        QJsonArray list;
        for (const QStringList& argv : commands) {
            list.append(QJsonArray::fromStringList(argv));
        }
        o.insert(QStringLiteral("commands"), list);
        return o;
    }
    o.insert(QStringLiteral("kind"), QStringLiteral("pidfile"));
    o.insert(QStringLiteral("pidFile"), pidFile);
    o.insert(QStringLiteral("torBinary"), torBinary);
    if (!torrc.isEmpty()) {
        o.insert(QStringLiteral("torrc"), torrc);
    }
    if (!defaultsTorrc.isEmpty()) {
        o.insert(QStringLiteral("defaultsTorrc"), defaultsTorrc);
    }
    o.insert(QStringLiteral("stopTimeoutSeconds"), stopTimeoutSeconds);
    return o;
}

Result<RestartStrategy> RestartStrategy::fromJson(const QJsonObject& o)
{
    static const QSet<QString> known{QStringLiteral("kind"),          QStringLiteral("commands"),
                                     QStringLiteral("pidFile"),       QStringLiteral("torBinary"),
                                     QStringLiteral("torrc"),         QStringLiteral("defaultsTorrc"),
                                     QStringLiteral("stopTimeoutSeconds")};
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!known.contains(it.key())) {
            return invalid(QStringLiteral("Unknown field '%1' in a restart strategy.").arg(it.key().left(60)));
        }
    }
    RestartStrategy s;
    const QString kind = o.value(QStringLiteral("kind")).toString();
    if (kind == QLatin1String("commands")) {
        s.kind = Kind::Commands;
        s.commands.clear();
        const QJsonValue list = o.value(QStringLiteral("commands"));
        if (!list.isArray()) {
            return invalid(QStringLiteral("A \"commands\" restart strategy needs a \"commands\" list of argv lists."));
        }
        for (const QJsonValue& v : list.toArray()) {
            if (!v.isArray()) {
                return invalid(QStringLiteral("Each restart command must be a list of strings (argv)."));
            }
            QStringList argv;
            for (const QJsonValue& a : v.toArray()) {
                if (!a.isString()) {
                    return invalid(QStringLiteral("Each restart command must be a list of strings (argv)."));
                }
                argv << a.toString();
            }
            s.commands << argv;
        }
    } else if (kind == QLatin1String("pidfile")) {
        s.kind = Kind::PidFile;
        s.commands.clear();
        s.pidFile = o.value(QStringLiteral("pidFile")).toString();
        s.torBinary = o.value(QStringLiteral("torBinary")).toString(QStringLiteral("tor"));
        s.torrc = o.value(QStringLiteral("torrc")).toString();
        s.defaultsTorrc = o.value(QStringLiteral("defaultsTorrc")).toString();
        s.stopTimeoutSeconds = o.value(QStringLiteral("stopTimeoutSeconds")).toInt(30);
    } else {
        return invalid(QStringLiteral("Unknown restart kind '%1'; use \"commands\" or \"pidfile\".").arg(kind.left(40)));
    }
    RB_TRY_STATUS(s.validate());
    return s;
}

}  // namespace rb::deploy
