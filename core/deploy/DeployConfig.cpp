#include "deploy/DeployConfig.h"

#include "fleet/FleetConfig.h"
#include "ssh/RemoteCommand.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace rb::deploy {

QString DeployConfig::defaultPath()
{
    return pathBesideFleet(fleet::FleetConfig::defaultPath());
}

QString DeployConfig::pathBesideFleet(const QString& fleetPath)
{
    return QFileInfo(fleetPath).absoluteDir().filePath(QStringLiteral("deploy.json"));
}

Result<DeployConfig> DeployConfig::load(const QString& path)
{
    QFile f(path);
    if (!f.exists()) {
        return makeError(ErrorCode::NotFound, QStringLiteral("The deploy settings file %1 does not exist.").arg(path));
    }
    if (!f.open(QIODevice::ReadOnly)) {
        return makeError(ErrorCode::IoError,
                         QStringLiteral("Cannot read the deploy settings file %1: %2").arg(path, f.errorString()));
    }
    const QByteArray data = f.read(kMaxFileSize + 1);
    if (data.size() > kMaxFileSize) {
        return makeError(ErrorCode::TooLarge, QStringLiteral("The deploy settings file %1 is too large.").arg(path));
    }
    auto cfg = fromJson(data);
    if (!cfg) {
        return makeError(cfg.error().code, QStringLiteral("%1: %2").arg(path, cfg.error().message), cfg.error().detail);
    }
    return cfg;
}

Result<DeployConfig> DeployConfig::loadOrEmpty(const QString& path)
{
    if (!QFileInfo::exists(path)) {
        return DeployConfig{};
    }
    return load(path);
}

Status DeployConfig::save(const QString& path) const
{
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath())) {
        return makeError(ErrorCode::IoError, QStringLiteral("Cannot create the directory %1.").arg(info.absolutePath()));
    }
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly)) {
        return makeError(ErrorCode::IoError, QStringLiteral("Cannot write %1: %2").arg(path, f.errorString()));
    }
    f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    const QByteArray json = toJson();
    if (f.write(json) != json.size() || !f.flush() || !f.commit()) {
        return makeError(ErrorCode::IoError, QStringLiteral("Cannot write %1: %2").arg(path, f.errorString()));
    }
    return {};
}

Result<DeployConfig> DeployConfig::fromJson(QByteArrayView json)
{
    QJsonParseError pe{};
    const QJsonDocument doc = QJsonDocument::fromJson(json.toByteArray(), &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        return makeError(ErrorCode::ParseError, QStringLiteral("The deploy settings are not a JSON object."),
                         pe.errorString());
    }
    const QJsonObject o = doc.object();
    if (o.value(QStringLiteral("format")).toString() != QLatin1String("rustbalance-deploy")) {
        return makeError(ErrorCode::ParseError,
                         QStringLiteral("Not a deploy settings file (\"format\" must be \"rustbalance-deploy\")."));
    }
    if (o.value(QStringLiteral("version")).toInt() != kFormatVersion) {
        return makeError(ErrorCode::Unsupported, QStringLiteral("Unsupported deploy settings version %1.")
                                                     .arg(o.value(QStringLiteral("version")).toInt()));
    }
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (it.key() != QLatin1String("format") && it.key() != QLatin1String("version") &&
            it.key() != QLatin1String("nodes")) {
            return makeError(ErrorCode::ParseError,
                             QStringLiteral("Unknown field '%1' in the deploy settings.").arg(it.key().left(60)));
        }
    }
    DeployConfig cfg;
    const QJsonObject nodes = o.value(QStringLiteral("nodes")).toObject();
    for (auto it = nodes.begin(); it != nodes.end(); ++it) {
        auto s = DeploySettings::fromJson(it.value().toObject());
        if (!s) {
            return makeError(s.error().code, QStringLiteral("Node '%1': %2").arg(it.key().left(64), s.error().message));
        }
        RB_TRY_STATUS(cfg.setSettings(it.key(), s.value()));
    }
    return cfg;
}

QByteArray DeployConfig::toJson() const
{
    QJsonObject nodes;
    for (auto it = m_nodes.begin(); it != m_nodes.end(); ++it) {
        nodes.insert(it.key(), it.value().toJson());
    }
    const QJsonObject o{{QStringLiteral("format"), QStringLiteral("rustbalance-deploy")},
                        {QStringLiteral("version"), kFormatVersion},
                        {QStringLiteral("nodes"), nodes}};
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

DeploySettings DeployConfig::settingsFor(const QString& node) const
{
    return m_nodes.value(node, DeploySettings{});
}

Status DeployConfig::setSettings(const QString& node, const DeploySettings& settings)
{
    RB_TRY_STATUS(ssh::RemoteCommand::validateName(node, QStringLiteral("node name")));
    RB_TRY_STATUS(settings.validate());
    m_nodes.insert(node, settings);
    return {};
}

}  // namespace rb::deploy
