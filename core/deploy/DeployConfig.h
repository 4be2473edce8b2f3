#pragma once
// Per-node deploy settings, kept beside the fleet file in deploy.json
// ({"format":"rustbalance-deploy","version":1,"nodes":{"<node>":{...}}}),
// saved atomically (QSaveFile, 0600). Like the fleet file it never holds a
// secret. A node without an entry gets the defaults (systemd, /etc/tor/torrc).

#include "deploy/DeploySettings.h"
#include "util/Result.h"

#include <QByteArray>
#include <QMap>
#include <QString>

namespace rb::deploy {

class DeployConfig {
public:
    static constexpr int kFormatVersion = 1;
    static constexpr qsizetype kMaxFileSize = 1024 * 1024;

    // deploy.json in the directory of the default fleet file.
    static QString defaultPath();
    // deploy.json beside a given fleet file.
    static QString pathBesideFleet(const QString& fleetPath);

    static Result<DeployConfig> load(const QString& path);
    // A missing file is an empty config.
    static Result<DeployConfig> loadOrEmpty(const QString& path);
    Status save(const QString& path) const;

    static Result<DeployConfig> fromJson(QByteArrayView json);
    [[nodiscard]] QByteArray toJson() const;

    // The node's settings, or the defaults.
    [[nodiscard]] DeploySettings settingsFor(const QString& node) const;
    [[nodiscard]] bool contains(const QString& node) const { return m_nodes.contains(node); }
    Status setSettings(const QString& node, const DeploySettings& settings);
    void remove(const QString& node) { m_nodes.remove(node); }

private:
    QMap<QString, DeploySettings> m_nodes;
};

}  // namespace rb::deploy
