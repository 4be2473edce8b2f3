#pragma once
// The one interface the console (GUI) talks to. The publisher/fleet side
// implements it; the UI observes its signals and sends intents through its
// virtual methods. No widgets, no blocking: every method returns at once and
// its outcome arrives later through the signals.
//
// Contract for implementers (the console relies on it):
// - nodes() and publication() return the current snapshot; the UI calls them
//   once after connecting and then follows the signals.
// - nodeChanged(node) whenever anything in a node's NodeHealth changed (also
//   for a node seen for the first time). Names are the node's identity: a
//   rename is nodeRemoved(old) + nodeChanged(new). Emitting it for an
//   unchanged node is harmless (the table diffs) but wasteful.
// - nodeRemoved(name) when a node leaves the fleet.
// - publicationChanged(state) after every change of PublicationState (build,
//   each upload result, schedule, autoPublish, publishing flag).
// - nodeEvent(node, severity, message, at) for log lines worth showing
//   (tor WARN/ERR lines, connection changes, diagnostics). severity is one of
//   "debug", "info", "notice", "warn", "err" (tor's words). node may be empty
//   for fleet-wide events (publication decisions).
// - masterChanged(state) when the master address or keychain state changes.
// - publishNow(): start a publication now (asynchronous); set
//   PublicationState::publishing while it runs.
// - setAutoPublish(on): persist and echo through publicationChanged.
// - reconnectNode(name): drop the node's session and connect again now
//   (skipping any back-off); progress through nodeChanged.
// - nodeConfig(name) / saveNodeConfig(config): the operator's configuration
//   of a node (core/fleet) for the node editor; saving adds or replaces the
//   node (persist it, start/restart its session, then nodeChanged). The
//   defaults say "not supported" through nodeEvent.
// - reloadMaster(address): the console stored a new master identity in the
//   keychain under ISecretStore::masterSeedKey(address); load it from there
//   and emit masterChanged.

#include "balancer/FleetTypes.h"
#include "fleet/NodeConfig.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QString>

#include <optional>

namespace rb::balancer {

class FleetBackend : public QObject {
    Q_OBJECT
public:
    explicit FleetBackend(QObject* parent = nullptr);
    ~FleetBackend() override;

    [[nodiscard]] virtual QList<NodeHealth> nodes() const = 0;
    [[nodiscard]] virtual PublicationState publication() const = 0;
    [[nodiscard]] virtual MasterState master() const;

    virtual void publishNow() = 0;
    virtual void setAutoPublish(bool on) = 0;
    virtual void reconnectNode(const QString& name) = 0;

    [[nodiscard]] virtual std::optional<fleet::NodeConfig> nodeConfig(const QString& name) const;
    virtual void saveNodeConfig(const fleet::NodeConfig& config);
    virtual void reloadMaster(const QString& address);

signals:
    void nodeChanged(const rb::balancer::NodeHealth& node);
    void nodeRemoved(const QString& name);
    void publicationChanged(const rb::balancer::PublicationState& state);
    void nodeEvent(const QString& node, const QString& severity, const QString& message, const QDateTime& at);
    void masterChanged(const rb::balancer::MasterState& state);
};

}  // namespace rb::balancer
