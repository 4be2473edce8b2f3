#pragma once
// The publisher: one NodeSession per node, one merged descriptor per slot
// ("first" and "second", PROTOCOL-NOTES §3), signed with the master key and
// posted to the HSDirs it computes itself. Implements FleetBackend, so the
// console (and `rbctl publish` / `rbctl status`) use it directly.
//
// Flow: sessions harvest intro points → (debounced) evaluate():
//   consensus (fetched from any connected node, refreshed when its
//   valid-after changes) → TimePeriod plans first()/second() and HsDirRing →
//   MergePolicy over eligible nodes (connected, configuration check passed,
//   ready descriptor, established intro circuits) → PublishDecision per slot
//   (publish or skip, with the reason) → DescriptorBuilder (blinded key of the
//   plan's period, tor's OPE revision counter = RevisionCounter::compute(
//   blinded key, now − plan.srvStartSecs), flow-control with the consensus
//   cc_sendme_inc, no pow-params, HSV3MaxDescriptorSize) → HSPOST
//   SERVER=<responsible HSDirs> HSADDRESS=<master> through a connected node
//   (another one when the command fails) → UploadTracker per HSDir:
//   UPLOADED / FAILED from that node's HS_DESC events, timeout, back-off
//   retries, rebuild with a fresh counter after UPLOAD_REJECTED.
// The same harvested intro-point set goes into both descriptors (valid
// because every node runs HiddenServiceOnionbalanceInstance 1).
// A blinded key is never published twice with a non-increasing counter.

#include "balancer/Backoff.h"
#include "balancer/FleetBackend.h"
#include "balancer/MergePolicy.h"
#include "balancer/NodeSession.h"
#include "balancer/PublishDecision.h"
#include "balancer/UploadTracker.h"
#include "control/ControlClient.h"
#include "descriptor/IntroPoint.h"
#include "hsdir/HsDirRing.h"
#include "hsdir/TimePeriod.h"
#include "onion/MasterIdentity.h"
#include "onion/OnionAddress.h"

#include <QDateTime>
#include <QList>
#include <QMap>
#include <QObject>
#include <QTimer>

#include <optional>
#include <tuple>

namespace rb::balancer {

struct PublisherSettings {
    int debounceMs = 1000;          // coalesce triggers
    int nodeLostDebounceMs = 250;   // faster reaction when a published node is lost
    qint64 uploadTimeoutMs = 60000; // per HSDir (HSPOST says nothing when the HSDir is unreachable)
    BackoffPolicy uploadRetry{15000, 600000, 2.0, 0.2};
    qint64 refreshMs = 60LL * 60 * 1000;  // republish at least this often (HSDirs drop after 180 min)
    int consensusPollMs = 0;        // 0: half the voting interval, 5-60 s
    int maxIntroPoints = MergePolicy::kMaxIntroPoints;
    bool autoPublish = true;
    // Diagnostics only: publish these nodes' intro points even though their
    // configuration check failed (to demonstrate what goes wrong).
    QStringList forceInclude;
    int sendFailureRetryMs = 2000;  // after an HSPOST command error, try again (another node)
    int postingNodeCooldownMs = 30000;
    NodeSession::Settings session;
    quint32 seed = 0;
};

// Running totals since the publisher started (the metrics endpoint reads
// them; PublicationState holds only the current builds).
struct PublisherCounters {
    struct UploadKey {
        QString descriptor;   // "first" / "second"
        QString fingerprint;  // HSDir, hex upper-case
        QString nickname;
        UploadState state = UploadState::Uploaded;  // Uploaded, Failed or TimedOut
        friend bool operator<(const UploadKey& a, const UploadKey& b)
        {
            return std::tie(a.descriptor, a.fingerprint, a.state, a.nickname) <
                   std::tie(b.descriptor, b.fingerprint, b.state, b.nickname);
        }
    };
    quint64 publications[2] = {0, 0};   // descriptors built and handed to HSPOST, per slot
    QDateTime lastUploaded[2];          // last HSDir confirmation (UPLOADED) per slot
    QMap<UploadKey, quint64> uploads;   // HSDir answers by descriptor, HSDir and state (bounded)
    quint64 reloads = 0;                // configuration reloads applied
    static constexpr int kMaxUploadKeys = 8192;
};

class Publisher : public FleetBackend {
    Q_OBJECT
public:
    explicit Publisher(onion::MasterIdentity identity, PublisherSettings settings = {}, QObject* parent = nullptr);
    ~Publisher() override;

    // Nodes are kept in the order added (merge order). Names must be unique.
    Status addNode(NodeEndpoint endpoint, NodeCredentials credentials);
    void removeNode(const QString& name);
    // Replaces a node's endpoint/credentials (configuration reload): a fresh
    // session at the same position; publication state (revision counters,
    // uploads, the current builds) is kept. Fails if no node has that name.
    Status replaceNode(NodeEndpoint endpoint, NodeCredentials credentials);
    // Settings a configuration reload may change while running.
    void setRefreshMs(qint64 ms);
    void setUploadTimeoutMs(qint64 ms);
    void setForceInclude(const QStringList& nodes);
    // Counts a configuration reload (metrics).
    void noteReload() { ++m_counters.reloads; }
    void start();
    void stop();

    // FleetBackend
    [[nodiscard]] QList<NodeHealth> nodes() const override;
    [[nodiscard]] PublicationState publication() const override;
    [[nodiscard]] MasterState master() const override;
    void publishNow() override;
    void setAutoPublish(bool on) override;
    void reconnectNode(const QString& name) override;

    [[nodiscard]] const onion::OnionAddress& masterAddress() const { return m_address; }
    [[nodiscard]] NodeSession* session(const QString& name) const;
    [[nodiscard]] QList<NodeSession*> sessions() const { return m_sessions; }
    [[nodiscard]] const PublisherSettings& settings() const { return m_settings; }
    // Both descriptors reached at least one HSDir of every replica with
    // their current build (the `rbctl publish --once` success criterion).
    [[nodiscard]] bool replicaCriterionMet() const;
    // Both slots built, every HSDir tried with the current build, none in flight.
    [[nodiscard]] bool uploadsSettled() const;
    [[nodiscard]] QStringList mergeExplanation() const { return m_lastMerge.explanation; }
    [[nodiscard]] const std::optional<hsdir::TimePeriod>& timePeriod() const { return m_tp; }
    [[nodiscard]] const hsdir::HsDirRing& ring() const { return m_ring; }
    [[nodiscard]] bool hasConsensus() const { return m_tp.has_value(); }
    // The plan and responsible HSDirs of a slot under the current consensus.
    [[nodiscard]] std::optional<hsdir::DescriptorPlan> plan(int slot) const;
    [[nodiscard]] QList<UploadTarget> responsibleHsDirs(int slot) const;
    [[nodiscard]] QByteArray blindedKey(quint64 periodNumber, quint64 periodLengthMinutes) const;
    // Runs the decision now (tests, `rbctl status`).
    void evaluateNow();
    // Highest revision counter published per blinded key.
    [[nodiscard]] quint64 lastCounter(const QByteArray& blindedKey) const { return m_lastCounter.value(blindedKey); }
    [[nodiscard]] const PublisherCounters& counters() const { return m_counters; }

signals:
    void uploadFinished(const QString& which, const rb::balancer::UploadResult& result);
    void descriptorBuilt(const rb::balancer::DescriptorPublication& publication);
    void decisionMade(const QString& decision);
    void consensusUpdated(quint64 periodNumber, bool windowA, const QDateTime& validAfter);

private:
    NodeSession* makeSession(NodeEndpoint endpoint, NodeCredentials credentials);
    // Drops intro points whose relay already carries another one (returns how many).
    static int dedupeRelays(QList<MergeCandidates>& candidates, const QMap<QByteArray, descriptor::IntroPoint>& byKey);
    void scheduleEvaluate(const QString& why, int delayMs);
    void evaluate();
    bool publishSlot(int slot, const hsdir::DescriptorPlan& plan, const QByteArray& blinded,
                     const QList<UploadTarget>& targets, const QList<descriptor::IntroPoint>& intros,
                     const QMap<QByteArray, QString>& owners, const QString& reason);
    void pump();
    void schedulePump();
    NodeSession* pickPostingNode(qint64 nowMs) const;
    void requestConsensus();
    void pollConsensus();
    void applyConsensus(control::ConsensusSnapshot snapshot, const QString& from);
    void onHsDesc(const QString& node, const control::HsDescEvent& event);
    void onConnectionChanged(const QString& node, bool connected);
    void onUploadOutcome(const UploadTracker::Outcome& outcome);
    void refreshPublishedFlags();
    void refreshUploads();
    void setDecision(const QString& decision);
    void log(const QString& node, const QString& severity, const QString& message);
    [[nodiscard]] static QString slotName(int slot) { return slot == 0 ? QStringLiteral("first") : QStringLiteral("second"); }

    onion::MasterIdentity m_identity;
    onion::OnionAddress m_address;
    PublisherSettings m_settings;
    QList<NodeSession*> m_sessions;
    bool m_running = false;

    std::optional<control::ConsensusSnapshot> m_consensus;
    std::optional<hsdir::TimePeriod> m_tp;
    hsdir::HsDirRing m_ring;
    bool m_consensusInFlight = false;
    QString m_consensusSource;

    PublicationState m_state;
    SlotRecord m_record[2];
    QList<descriptor::IntroPoint> m_published[2];  // the intro points of the current builds
    hsdir::DescriptorPlan m_builtPlan[2];
    QList<UploadTarget> m_builtTargets[2];
    QByteArray m_text[2];
    QMap<QByteArray, quint64> m_lastCounter;
    mutable QMap<QPair<quint64, quint64>, QByteArray> m_blindedCache;
    UploadTracker m_tracker;
    quint64 m_generation = 0;
    MergeResult m_lastMerge;
    bool m_onDemand = false;
    bool m_inEvaluate = false;
    QStringList m_triggers;
    QMap<QString, qint64> m_postFailedUntil;
    PublisherCounters m_counters;

    QTimer m_debounce;
    QTimer m_pumpTimer;
    QTimer m_pollTimer;
    QTimer m_refreshTimer;
};

}  // namespace rb::balancer
