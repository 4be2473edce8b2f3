#pragma once
// One node of the fleet: a tor control connection (direct TCP / Unix socket,
// or whatever the EndpointProvider supplies — an SSH tunnel's local socket
// later), kept alive with exponential back-off + jitter, and the node's live
// NodeHealth.
//
// On every connection: PROTOCOLINFO + AUTHENTICATE (null / safecookie /
// cookie / password through ControlClient::authenticate; the cookie file is
// re-read each time because tor rewrites it on restart), version and
// bootstrap, SETEVENTS HS_DESC CIRC CIRC_MINOR STATUS_CLIENT WARN ERR NOTICE
// [INFO only when NodeEndpoint::infoEvents], then the configuration check,
// the circuit list and the first harvest.
//
// Harvest = GETINFO hs/service/desc/id/<master> (the node's *current*
// descriptor), decoded and verified with the master public key. Revision 0
// or no intro points = not ready. It re-runs (debounced) on HS_DESC CREATED,
// on every change of the master's HS_SERVICE_INTRO circuits (plus a follow-up
// re-read, because tor rewrites its descriptor only once all intro circuits
// are established), on the INFO "Initiating upload" line when subscribed, and
// every rereadIntervalMs.
//
// Intro points are matched to their circuits through the link specifiers'
// legacy RSA id = last hop of an HSSI_ESTABLISHED circuit; usableIntroPoints()
// leaves out intro points whose circuit is gone (once the circuit list is known).
//
// Nothing blocks; a node that stops answering times out (ControlChannel) and
// the session reconnects.

#include "balancer/Backoff.h"
#include "balancer/FleetTypes.h"
#include "balancer/NodeConfigCheck.h"
#include "balancer/NodeEndpoint.h"
#include "control/CircuitEvent.h"
#include "control/ControlChannel.h"
#include "control/ControlClient.h"
#include "control/HsDescEvent.h"
#include "descriptor/IntroPoint.h"
#include "onion/OnionAddress.h"

#include <QByteArray>
#include <QDateTime>
#include <QIODevice>
#include <QList>
#include <QMap>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>

#include <deque>

namespace rb::control {
class MetricsFetcher;
}

namespace rb::balancer {

class NodeSession : public QObject {
    Q_OBJECT
public:
    struct Settings {
        BackoffPolicy reconnect{1000, 30000, 2.0, 0.25};
        int connectTimeoutMs = 10000;
        int commandTimeoutMs = 30000;
        int harvestDebounceMs = 500;
        int followUpRereadMs = 6000;      // second look after an intro-circuit change
        int rereadIntervalMs = 60000;     // slow periodic harvest
        int notReadyRereadMs = 5000;      // while the node has no ready descriptor
        int configCheckIntervalMs = 300000;
        int metricsIntervalMs = 30000;
        int notServingGraceMs = 120000;   // bootstrapped, no descriptor, no intro circuit → "does not serve"
        int maxWarnings = 50;
        quint32 seed = 0;                 // back-off jitter (0 = random)
    };

    NodeSession(NodeEndpoint endpoint, NodeCredentials credentials, onion::OnionAddress master,
                Settings settings, QObject* parent = nullptr);
    NodeSession(NodeEndpoint endpoint, NodeCredentials credentials, onion::OnionAddress master,
                QObject* parent = nullptr);
    ~NodeSession() override;

    void start();
    void stop();
    // Drops the connection (if any) and connects again now, skipping the back-off.
    void reconnectNow();
    // Re-reads the node's descriptor soon (debounced).
    void requestHarvest(const QString& why);

    [[nodiscard]] const QString& name() const { return m_endpoint.name; }
    [[nodiscard]] int weight() const { return m_endpoint.weight; }
    [[nodiscard]] const NodeHealth& health() const { return m_health; }
    [[nodiscard]] bool isConnected() const { return m_health.connection == ConnectionState::Connected; }
    // The control client while connected (null otherwise).
    [[nodiscard]] control::ControlClient* client() const;

    // The intro points of the node's current descriptor (descriptor order).
    [[nodiscard]] const QList<descriptor::IntroPoint>& introPoints() const { return m_introPoints; }
    // Those whose intro circuit is established (all of them until the circuit list is known).
    [[nodiscard]] QList<descriptor::IntroPoint> usableIntroPoints() const;
    // Blinded key of the node's current descriptor (32 bytes, empty if none).
    [[nodiscard]] const QByteArray& descriptorBlindedKey() const { return m_blindedKey; }
    // Connected, configuration check passed and a ready descriptor; else why not.
    [[nodiscard]] bool isEligible(QString* whyNot = nullptr) const;
    [[nodiscard]] const NodeConfigVerdict& configVerdict() const { return m_verdict; }
    // How the last successful authentication went (nullopt until one succeeded),
    // and whether it used a cookie read through the provider on the node
    // (NodeEndpoint's remote cookie rule).
    [[nodiscard]] std::optional<control::AuthMethod> authMethod() const { return m_authMethod; }
    [[nodiscard]] bool authenticatedWithRemoteCookie() const { return m_authMethod.has_value() && m_remoteCookieAuth; }

    // Set by the publisher (reflected in health()).
    void setPublishedIntroPoints(const QSet<QByteArray>& authKeys);
    void setDescriptorPeriod(quint64 periodNumber);
    void setDeployState(const QString& state);

signals:
    void healthChanged(const QString& node);
    // The usable intro-point set (or the descriptor) changed.
    void introPointsChanged(const QString& node);
    void connectionChanged(const QString& node, bool connected);
    void hsDescEvent(const QString& node, const rb::control::HsDescEvent& event);
    // severity: "debug", "info", "notice", "warn", "err"
    void logLine(const QString& node, const QString& severity, const QString& message);

private:
    void connectNow();
    void openDevice(quint64 gen, const ControlAddress& address);
    void onDeviceConnected(quint64 gen);
    void readRemoteCookie(quint64 gen, const QString& advertisedPath);
    void authenticate(quint64 gen, std::optional<crypto::SecretBuffer> cookie);
    void afterAuthentication(quint64 gen);
    void connectionFailed(quint64 gen, const Error& error);
    void onChannelClosed(quint64 gen);
    void teardown();
    void scheduleReconnect(const Error& error);
    void setConnection(ConnectionState state, const QString& detail);

    void subscribeEvents();
    void onHsDesc(const control::Reply& event);
    void onCircuit(const control::Reply& event);
    void onLog(const control::Reply& event);
    void onStatus(const control::Reply& event);
    void refreshCircuits();
    void introCircuitsChanged();

    void harvest();
    void applyDescriptor(const QByteArray& text);
    void checkConfig();
    void readObConfig(quint64 gen, const QString& dir);
    void evaluateConfig();
    void fetchMetrics();

    void rebuildIntroInfo();
    [[nodiscard]] QList<QByteArray> usableKeys() const;
    void touch();
    void note(const QString& severity, const QString& message);
    [[nodiscard]] QString masterId() const { return m_master.serviceId(); }

    NodeEndpoint m_endpoint;
    NodeCredentials m_credentials;
    onion::OnionAddress m_master;
    Settings m_settings;
    NodeHealth m_health;
    Backoff m_backoff;

    quint64 m_gen = 0;
    bool m_running = false;
    QPointer<QIODevice> m_device;
    QPointer<control::ControlChannel> m_channel;
    QPointer<control::ControlClient> m_client;
    QPointer<control::MetricsFetcher> m_metrics;
    QDateTime m_connectedAt;
    std::optional<control::AuthMethod> m_authMethod;
    bool m_remoteCookieAuth = false;

    QTimer m_reconnectTimer;
    QTimer m_connectTimer;
    QTimer m_harvestTimer;
    QTimer m_followUpTimer;
    QTimer m_rereadTimer;
    QTimer m_configTimer;
    QTimer m_metricsTimer;

    // Circuits of the master's service (HS_SERVICE_INTRO / HS_SERVICE_REND), by id.
    QMap<QByteArray, control::CircuitEvent> m_circuits;
    bool m_circuitsKnown = false;
    QSet<QByteArray> m_joinedRend;

    // Harvest.
    bool m_harvestInFlight = false;
    bool m_harvestAgain = false;
    QByteArray m_descriptorText;
    QList<descriptor::IntroPoint> m_introPoints;
    QByteArray m_blindedKey;
    QList<QByteArray> m_lastUsableKeys;
    QMap<QByteArray, QDateTime> m_firstSeen;
    QSet<QByteArray> m_published;
    bool m_descriptorMissing = false;

    // Configuration check.
    NodeConfigInputs m_configInputs;
    NodeConfigVerdict m_verdict;
    bool m_configInFlight = false;

    // INTRO2 rate.
    std::deque<std::pair<qint64, quint64>> m_intro2Samples;  // (ms, total)
};

}  // namespace rb::balancer
