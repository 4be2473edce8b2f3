#include "deploy/BackupManifest.h"

#include "deploy/NodeScripts.h"
#include "ssh/RemoteCommand.h"


namespace rb::deploy {

namespace {
const QByteArray kHeader = QByteArrayLiteral("rustbalance-console backup 1");
}

QString BackupManifest::backupDirFor(const QString& hiddenServiceDir, const QDateTime& utc)
{
    QString dir = hiddenServiceDir;
    while (dir.size() > 1 && dir.endsWith(QLatin1Char('/'))) {
        dir.chop(1);
    }
    return dir + QStringLiteral(".rb-backup-") + utc.toUTC().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'"));
}

QByteArray BackupManifest::serialize() const
{
    QByteArray out = kHeader + '\n';
    const auto line = [&out](const char* key, const QString& value) {
        out += key;
        out += ' ';
        out += (value.isEmpty() ? QStringLiteral("-") : value).toUtf8();
        out += '\n';
    };
    line("created", created.toUTC().toString(Qt::ISODate));
    line("node", node);
    line("master", masterAddress);
    line("old-address", oldAddress);
    line("hidden-service-dir", hiddenServiceDir);
    line("hidden-service-dir-existed", hiddenServiceDirExisted ? QStringLiteral("1") : QStringLiteral("0"));
    line("hidden-service-dir-mode", hiddenServiceDirMode);
    line("torrc", torrc);
    for (const QString& f : NodeScripts::managedFiles()) {
        out += "file " + f.toUtf8() + ' ' + (files.value(f, false) ? "present" : "absent") + '\n';
    }
    return out;
}

Result<BackupManifest> BackupManifest::parse(QByteArrayView text)
{
    const auto bad = [](const QString& why) {
        return makeError(ErrorCode::ParseError, QStringLiteral("The backup MANIFEST is not valid: %1.").arg(why));
    };
    if (text.size() > 64 * 1024) {
        return bad(QStringLiteral("too large"));
    }
    const QList<QByteArray> lines = text.toByteArray().split('\n');
    if (lines.isEmpty() || lines.front() != kHeader) {
        return bad(QStringLiteral("missing header"));
    }
    BackupManifest m;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray& l = lines.at(i);
        if (l.isEmpty()) {
            continue;
        }
        const qsizetype sp = l.indexOf(' ');
        if (sp <= 0) {
            return bad(QStringLiteral("line %1").arg(i + 1));
        }
        const QByteArray key = l.left(sp);
        QString value = QString::fromUtf8(l.mid(sp + 1));
        if (value == QLatin1String("-")) {
            value.clear();
        }
        if (key == "created") {
            m.created = QDateTime::fromString(value, Qt::ISODate).toUTC();
        } else if (key == "node") {
            m.node = value;
        } else if (key == "master") {
            m.masterAddress = value;
        } else if (key == "old-address") {
            m.oldAddress = value;
        } else if (key == "hidden-service-dir") {
            m.hiddenServiceDir = value;
        } else if (key == "hidden-service-dir-existed") {
            m.hiddenServiceDirExisted = value != QLatin1String("0");
        } else if (key == "hidden-service-dir-mode") {
            m.hiddenServiceDirMode = value;
        } else if (key == "torrc") {
            m.torrc = value;
        } else if (key == "file") {
            const QStringList parts = value.split(QLatin1Char(' '));
            if (parts.size() != 2 || !NodeScripts::managedFiles().contains(parts.at(0)) ||
                (parts.at(1) != QLatin1String("present") && parts.at(1) != QLatin1String("absent"))) {
                return bad(QStringLiteral("file line %1").arg(i + 1));
            }
            m.files.insert(parts.at(0), parts.at(1) == QLatin1String("present"));
        }
    }
    if (m.hiddenServiceDir.isEmpty()) {
        return bad(QStringLiteral("no hidden-service-dir"));
    }
    RB_TRY_STATUS(ssh::RemoteCommand::validateAbsolutePath(m.hiddenServiceDir, QStringLiteral("HiddenServiceDir")));
    return m;
}

}  // namespace rb::deploy
