#pragma once
// A FleetBackend without a network: simulates N nodes and a stream of events
// at a chosen rate, deterministically (seeded). Used by the GUI tests, the
// console's --demo mode and benchmarks of the models. Tests can also drive it
// by hand (upsertNode / removeNode / emitEvent / setPublication).

#include "balancer/FleetBackend.h"

#include <QRandomGenerator>
#include <QTimer>

namespace rb::balancer {

class FakeFleetBackend : public FleetBackend {
    Q_OBJECT
public:
    explicit FakeFleetBackend(QObject* parent = nullptr, quint32 seed = 1);

    // FleetBackend
    [[nodiscard]] QList<NodeHealth> nodes() const override;
    [[nodiscard]] PublicationState publication() const override;
    [[nodiscard]] MasterState master() const override;
    void publishNow() override;
    void setAutoPublish(bool on) override;
    void reconnectNode(const QString& name) override;
    [[nodiscard]] std::optional<fleet::NodeConfig> nodeConfig(const QString& name) const override;
    void saveNodeConfig(const fleet::NodeConfig& config) override;
    void reloadMaster(const QString& address) override;

    // Simulation: replaces the fleet with `count` generated healthy nodes
    // ("node-01", ...) and a publication built from them. Emits nothing.
    void populate(int count);
    // Events (node changes + log lines) per second while running; 0 stops.
    void setEventRate(double perSecond);
    void start();
    void stop();
    // One simulation step: mutates one random node (nodeChanged) and emits
    // one random nodeEvent. Returns the name of the node touched.
    QString step();

    // Manual control (each emits the matching signal).
    void upsertNode(const NodeHealth& node);
    void removeNode(const QString& name);
    void emitEvent(const QString& node, const QString& severity, const QString& message,
                   const QDateTime& at = QDateTime::currentDateTimeUtc());
    void setPublication(const PublicationState& state);
    void setMaster(const MasterState& state);
    // Delay before a publishNow()/reconnectNode() completes (ms; 0 = next event loop turn).
    void setCompletionDelay(int ms) { m_delayMs = ms; }

    // What the UI asked for.
    [[nodiscard]] int publishRequests() const { return m_publishRequests; }
    [[nodiscard]] QStringList reconnectRequests() const { return m_reconnectRequests; }
    [[nodiscard]] QList<fleet::NodeConfig> savedConfigs() const { return m_configs.values(); }

    // A deterministic healthy node (index >= 1), for tests.
    static NodeHealth makeNode(int index, QRandomGenerator& rng);

private:
    void rebuildPublication();
    int indexOf(const QString& name) const;

    QList<NodeHealth> m_nodes;
    PublicationState m_publication;
    MasterState m_master;
    QRandomGenerator m_rng;
    QTimer m_timer;
    double m_rate = 0.0;
    int m_delayMs = 0;
    int m_publishRequests = 0;
    QStringList m_reconnectRequests;
    QMap<QString, fleet::NodeConfig> m_configs;
};

}  // namespace rb::balancer
