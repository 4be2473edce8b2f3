#include "deploy/DeploySettings.h"

#include "ssh/RemoteCommand.h"

#include <QRegularExpression>
#include <QSet>

namespace rb::deploy {

namespace {

QList<int> versionParts(const QString& text)
{
    static const QRegularExpression re(QStringLiteral("^\\s*(\\d+(?:\\.\\d+)*)"));
    const auto m = re.match(text);
    QList<int> parts;
    if (!m.hasMatch()) {
        return parts;
    }
    for (const QString& p : m.captured(1).split(QLatin1Char('.'))) {
        bool ok = false;
        const int v = p.toInt(&ok);
        if (!ok) {
            return {};
        }
        parts << v;
    }
    return parts;
}

}  // namespace

bool DeploySettings::versionAtLeast(const QString& version, const QString& minimum)
{
    const QList<int> v = versionParts(version);
    const QList<int> m = versionParts(minimum);
    if (v.isEmpty() || m.isEmpty()) {
        return false;
    }
    const qsizetype n = qMax(v.size(), m.size());
    for (qsizetype i = 0; i < n; ++i) {
        const int a = v.value(i, 0);
        const int b = m.value(i, 0);
        if (a != b) {
            return a > b;
        }
    }
    return true;
}

Status DeploySettings::validate() const
{
    RB_TRY_STATUS(ssh::RemoteCommand::validateAbsolutePath(torrcPath, QStringLiteral("torrc path")));
    RB_TRY_STATUS(restart.validate());
    if (verifyTimeoutSeconds < 5 || verifyTimeoutSeconds > 3600) {
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("The verify timeout must be 5-3600 seconds."));
    }
    if (connectTimeoutSeconds < 5 || connectTimeoutSeconds > 600) {
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("The connect timeout must be 5-600 seconds."));
    }
    if (versionParts(minimumTorVersion).isEmpty()) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("The minimum tor version '%1' is not a version.").arg(minimumTorVersion.left(40)));
    }
    return {};
}

QJsonObject DeploySettings::toJson() const
{
    return QJsonObject{{QStringLiteral("torrc"), torrcPath},
                       {QStringLiteral("sudo"), sudo},
                       {QStringLiteral("restart"), restart.toJson()},
                       {QStringLiteral("verifyTimeoutSeconds"), verifyTimeoutSeconds},
                       {QStringLiteral("connectTimeoutSeconds"), connectTimeoutSeconds},
                       {QStringLiteral("minimumTorVersion"), minimumTorVersion}};
}

Result<DeploySettings> DeploySettings::fromJson(const QJsonObject& o)
{
    static const QSet<QString> known{QStringLiteral("torrc"),
                                     QStringLiteral("sudo"),
                                     QStringLiteral("restart"),
                                     QStringLiteral("verifyTimeoutSeconds"),
                                     QStringLiteral("connectTimeoutSeconds"),
                                     QStringLiteral("minimumTorVersion")};
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!known.contains(it.key())) {
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("Unknown field '%1' in the deploy settings.").arg(it.key().left(60)));
        }
    }
    DeploySettings s;
    s.torrcPath = o.value(QStringLiteral("torrc")).toString(s.torrcPath);
    s.sudo = o.value(QStringLiteral("sudo")).toBool(false);
    if (o.contains(QStringLiteral("restart"))) {
        RB_TRY(s.restart, RestartStrategy::fromJson(o.value(QStringLiteral("restart")).toObject()));
    }
    s.verifyTimeoutSeconds = o.value(QStringLiteral("verifyTimeoutSeconds")).toInt(s.verifyTimeoutSeconds);
    s.connectTimeoutSeconds = o.value(QStringLiteral("connectTimeoutSeconds")).toInt(s.connectTimeoutSeconds);
    s.minimumTorVersion = o.value(QStringLiteral("minimumTorVersion")).toString(s.minimumTorVersion);
    RB_TRY_STATUS(s.validate());
    return s;
}

}  // namespace rb::deploy
