#pragma once
// The fleet file: the managed service and its nodes, as JSON
// ({"format":"rustbalance-fleet","version":1,...}) saved atomically with
// QSaveFile (0600) in QStandardPaths::AppConfigLocation/fleet.json unless a
// path is given. It never holds a secret: only references (keychain entry
// names, key file paths); unknown fields are rejected on load.

#include "fleet/ManagedService.h"
#include "fleet/NodeConfig.h"
#include "util/Result.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace rb::fleet {

class FleetConfig {
public:
    static constexpr int kFormatVersion = 1;
    static constexpr qsizetype kMaxFileSize = 4 * 1024 * 1024;
    static constexpr int kMaxNodes = 1000;

    static QString defaultPath();
    // Missing file: NotFound (loadOrEmpty gives an empty fleet instead).
    static Result<FleetConfig> load(const QString& path);
    static Result<FleetConfig> loadOrEmpty(const QString& path);
    Status save(const QString& path) const;

    static Result<FleetConfig> fromJson(QByteArrayView json);
    [[nodiscard]] QByteArray toJson() const;

    [[nodiscard]] Status validate() const;
    // Everything that must be completed (incomplete nodes, missing address...), one line each.
    [[nodiscard]] QStringList todo() const;

    [[nodiscard]] const QList<NodeConfig>& nodes() const { return m_nodes; }
    [[nodiscard]] const NodeConfig* node(const QString& name) const;
    // Validates; refuses a duplicate name unless replace is set.
    Status addNode(NodeConfig node, bool replace = false);
    Status removeNode(const QString& name);

    [[nodiscard]] const std::optional<ManagedService>& service() const { return m_service; }
    Status setService(ManagedService service);
    void clearService() { m_service.reset(); }

private:
    QList<NodeConfig> m_nodes;
    std::optional<ManagedService> m_service;
};

}  // namespace rb::fleet
