#include "balancer/Publisher.h"

#include "descriptor/DescriptorBuilder.h"
#include "descriptor/DescriptorLimits.h"
#include "onion/RevisionCounter.h"

#include <QSet>

#include <algorithm>
#include <limits>

namespace rb::balancer {

namespace {

qint64 nowMsecs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

}  // namespace

Publisher::Publisher(onion::MasterIdentity identity, PublisherSettings settings, QObject* parent)
    : FleetBackend(parent),
      m_identity(std::move(identity)),
      m_settings(std::move(settings)),
      m_tracker(UploadTracker::Settings{m_settings.uploadTimeoutMs, m_settings.uploadRetry}, m_settings.seed)
{
    m_address = m_identity.address();
    m_state.autoPublish = m_settings.autoPublish;
    m_state.first.which = slotName(0);
    m_state.second.which = slotName(1);

    m_debounce.setSingleShot(true);
    connect(&m_debounce, &QTimer::timeout, this, &Publisher::evaluate);
    m_pumpTimer.setSingleShot(true);
    connect(&m_pumpTimer, &QTimer::timeout, this, &Publisher::pump);
    m_pollTimer.setInterval(5000);
    connect(&m_pollTimer, &QTimer::timeout, this, &Publisher::pollConsensus);
    m_refreshTimer.setInterval(30000);
    connect(&m_refreshTimer, &QTimer::timeout, this, [this]() { scheduleEvaluate(QString(), 0); });
}

Publisher::~Publisher()
{
    m_running = false;
    for (NodeSession* s : m_sessions) {
        disconnect(s, nullptr, this, nullptr);
    }
}

Status Publisher::addNode(NodeEndpoint endpoint, NodeCredentials credentials)
{
    if (endpoint.name.isEmpty()) {
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("Every node needs a name"));
    }
    if (session(endpoint.name)) {
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("Two nodes are named '%1'").arg(endpoint.name));
    }
    if (!endpoint.provider) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("Node '%1' has no control address").arg(endpoint.name));
    }
    NodeSession* s = makeSession(std::move(endpoint), std::move(credentials));
    m_sessions.append(s);
    emit nodeChanged(s->health());
    if (m_running) {
        s->start();
    }
    return {};
}

NodeSession* Publisher::makeSession(NodeEndpoint endpoint, NodeCredentials credentials)
{
    auto* s = new NodeSession(std::move(endpoint), std::move(credentials), m_address, m_settings.session, this);
    connect(s, &NodeSession::healthChanged, this, [this](const QString& n) {
        if (NodeSession* x = session(n)) {
            emit nodeChanged(x->health());
        }
    });
    connect(s, &NodeSession::introPointsChanged, this, [this](const QString& n) {
        // The node's descriptor period, for the console.
        if (NodeSession* x = session(n); x && m_tp && !x->descriptorBlindedKey().isEmpty()) {
            const quint64 tp = m_tp->periodNumber();
            for (quint64 p : {tp, tp - 1, tp + 1}) {
                if (blindedKey(p, m_tp->periodLengthMinutes()) == x->descriptorBlindedKey()) {
                    x->setDescriptorPeriod(p);
                }
            }
        }
        scheduleEvaluate(QStringLiteral("intro points changed on %1").arg(n), m_settings.debounceMs);
    });
    connect(s, &NodeSession::connectionChanged, this, &Publisher::onConnectionChanged);
    connect(s, &NodeSession::hsDescEvent, this, &Publisher::onHsDesc);
    connect(s, &NodeSession::logLine, this, [this](const QString& node, const QString& sev, const QString& msg) {
        emit nodeEvent(node, sev, msg, QDateTime::currentDateTimeUtc());
    });
    return s;
}

Status Publisher::replaceNode(NodeEndpoint endpoint, NodeCredentials credentials)
{
    NodeSession* old = session(endpoint.name);
    if (!old) {
        return makeError(ErrorCode::NotFound, QStringLiteral("No node is named '%1'").arg(endpoint.name));
    }
    if (!endpoint.provider) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("Node '%1' has no control address").arg(endpoint.name));
    }
    const QString name = endpoint.name;
    const qsizetype index = m_sessions.indexOf(old);
    disconnect(old, nullptr, this, nullptr);
    old->stop();
    old->deleteLater();
    NodeSession* s = makeSession(std::move(endpoint), std::move(credentials));
    m_sessions[index] = s;
    // Uploads posted through the old session get no HS_DESC answer any more.
    for (const auto& o : m_tracker.nodeLost(name, nowMsecs())) {
        onUploadOutcome(o);
    }
    emit nodeChanged(s->health());
    if (m_running) {
        s->start();
    }
    scheduleEvaluate(QStringLiteral("node %1 reconfigured").arg(name), m_settings.debounceMs);
    return {};
}

void Publisher::setRefreshMs(qint64 ms)
{
    m_settings.refreshMs = ms;
    scheduleEvaluate(QString(), m_settings.debounceMs);
}

void Publisher::setUploadTimeoutMs(qint64 ms)
{
    m_settings.uploadTimeoutMs = ms;
    UploadTracker::Settings t = m_tracker.settings();
    t.timeoutMs = ms;
    m_tracker.setSettings(t);
}

void Publisher::setForceInclude(const QStringList& nodes)
{
    m_settings.forceInclude = nodes;
    scheduleEvaluate(QString(), m_settings.debounceMs);
}

void Publisher::removeNode(const QString& name)
{
    NodeSession* s = session(name);
    if (!s) {
        return;
    }
    m_sessions.removeAll(s);
    disconnect(s, nullptr, this, nullptr);
    s->stop();
    s->deleteLater();
    for (const auto& o : m_tracker.nodeLost(name, nowMsecs())) {
        onUploadOutcome(o);
    }
    emit nodeRemoved(name);
    scheduleEvaluate(QStringLiteral("node %1 removed").arg(name), m_settings.nodeLostDebounceMs);
}

void Publisher::start()
{
    if (m_running) {
        return;
    }
    m_running = true;
    for (NodeSession* s : m_sessions) {
        s->start();
    }
    m_pollTimer.start();
    m_refreshTimer.start();
    emit masterChanged(master());
}

void Publisher::stop()
{
    m_running = false;
    m_debounce.stop();
    m_pumpTimer.stop();
    m_pollTimer.stop();
    m_refreshTimer.stop();
    for (NodeSession* s : m_sessions) {
        s->stop();
    }
}

NodeSession* Publisher::session(const QString& name) const
{
    for (NodeSession* s : m_sessions) {
        if (s->name() == name) {
            return s;
        }
    }
    return nullptr;
}

QList<NodeHealth> Publisher::nodes() const
{
    QList<NodeHealth> out;
    for (const NodeSession* s : m_sessions) {
        out.append(s->health());
    }
    return out;
}

PublicationState Publisher::publication() const
{
    return m_state;
}

MasterState Publisher::master() const
{
    MasterState m;
    m.address = m_address.toString();
    m.keychain = KeychainState::Available;
    m.keychainDetail = QStringLiteral("key loaded");
    return m;
}

void Publisher::publishNow()
{
    m_onDemand = true;
    m_state.publishing = true;
    emit publicationChanged(m_state);
    scheduleEvaluate(QStringLiteral("publish requested"), 0);
}

void Publisher::setAutoPublish(bool on)
{
    m_state.autoPublish = on;
    emit publicationChanged(m_state);
    if (on) {
        scheduleEvaluate(QStringLiteral("auto-publish turned on"), 0);
    }
}

void Publisher::reconnectNode(const QString& name)
{
    if (NodeSession* s = session(name)) {
        s->reconnectNow();
    }
}

bool Publisher::replicaCriterionMet() const
{
    return m_tracker.replicaCriterionMet(0) && m_tracker.replicaCriterionMet(1);
}

bool Publisher::uploadsSettled() const
{
    return m_tracker.hasTargets(0) && m_tracker.hasTargets(1) && m_tracker.settled(0) && m_tracker.settled(1);
}

std::optional<hsdir::DescriptorPlan> Publisher::plan(int slot) const
{
    if (!m_tp) {
        return std::nullopt;
    }
    return slot == 0 ? m_tp->first() : m_tp->second();
}

QByteArray Publisher::blindedKey(quint64 periodNumber, quint64 periodLengthMinutes) const
{
    const QPair<quint64, quint64> k{periodNumber, periodLengthMinutes};
    auto it = m_blindedCache.constFind(k);
    if (it != m_blindedCache.cend()) {
        return *it;
    }
    auto b = m_identity.blindedPublicKey(periodNumber, periodLengthMinutes);
    if (!b) {
        return {};
    }
    if (m_blindedCache.size() > 64) {
        m_blindedCache.clear();
    }
    m_blindedCache.insert(k, *b);
    return *b;
}

QList<UploadTarget> Publisher::responsibleHsDirs(int slot) const
{
    QList<UploadTarget> out;
    const auto p = plan(slot);
    if (!p) {
        return out;
    }
    const QByteArray blinded = blindedKey(p->periodNumber, p->periodLengthMinutes);
    for (const hsdir::HsDirChoice& c : m_ring.choicesForUpload(blinded, *p)) {
        out.append(UploadTarget{c.fingerprintHex(), c.relay.nickname, c.replica});
    }
    return out;
}

// ---------------------------------------------------------------------------
// triggers and decisions

void Publisher::scheduleEvaluate(const QString& why, int delayMs)
{
    if (!why.isEmpty() && !m_triggers.contains(why)) {
        m_triggers.append(why);
    }
    const int delay = std::max(0, delayMs);
    if (m_debounce.isActive() && m_debounce.remainingTime() <= delay) {
        return;  // coalesced into the earlier run
    }
    m_debounce.start(delay);
}

void Publisher::evaluateNow()
{
    evaluate();
}

void Publisher::setDecision(const QString& decision)
{
    if (decision == m_state.lastDecision) {
        return;
    }
    m_state.lastDecision = decision;
    emit decisionMade(decision);
    emit nodeEvent(QString(), QStringLiteral("notice"), decision, QDateTime::currentDateTimeUtc());
}

void Publisher::log(const QString& node, const QString& severity, const QString& message)
{
    emit nodeEvent(node, severity, message, QDateTime::currentDateTimeUtc());
}

int Publisher::dedupeRelays(QList<MergeCandidates>& candidates,
                            const QMap<QByteArray, descriptor::IntroPoint>& byKey)
{
    // tor never puts two intro points of one descriptor on the same relay, and
    // its client relies on it: after a NACK it re-extends the intro circuit to
    // the next intro point, which fails when that is the relay it is already
    // on, and the client can spin on such intro points instead of refetching
    // the descriptor (seen in the lab right after a descriptor rotation).
    // Nodes take turns (MergePolicy's name order, deterministic); on its turn
    // a node keeps its first intro point whose relay is still free, so every
    // node is covered whenever its relays allow it.
    QList<qsizetype> order(candidates.size());
    for (qsizetype i = 0; i < candidates.size(); ++i) {
        order[i] = i;
    }
    std::sort(order.begin(), order.end(),
              [&candidates](qsizetype a, qsizetype b) { return candidates.at(a).node < candidates.at(b).node; });
    QList<QList<QByteArray>> remaining(candidates.size());
    QList<QList<QByteArray>> kept(candidates.size());
    for (qsizetype i = 0; i < candidates.size(); ++i) {
        if (candidates.at(i).eligible) {
            remaining[i] = candidates.at(i).introPoints;
        }
    }
    QSet<QByteArray> relays;
    int dropped = 0;
    bool progress = true;
    while (progress) {
        progress = false;
        for (qsizetype i : order) {
            while (!remaining[i].isEmpty()) {
                const QByteArray key = remaining[i].takeFirst();
                const QByteArray relay = byKey.value(key).legacyId();
                if (!relay.isEmpty() && relays.contains(relay)) {
                    ++dropped;
                    continue;
                }
                if (!relay.isEmpty()) {
                    relays.insert(relay);
                }
                kept[i].append(key);
                progress = true;
                break;
            }
        }
    }
    for (qsizetype i = 0; i < candidates.size(); ++i) {
        if (candidates.at(i).eligible) {
            candidates[i].introPoints = kept.at(i);
        }
    }
    return dropped;
}

void Publisher::evaluate()
{
    if (m_inEvaluate) {
        return;
    }
    m_inEvaluate = true;
    m_debounce.stop();
    const QStringList triggers = m_triggers;
    m_triggers.clear();
    struct Guard {
        bool& flag;
        ~Guard() { flag = false; }
    } guard{m_inEvaluate};

    if (!m_tp) {
        requestConsensus();
        setDecision(QStringLiteral("waiting for a consensus from a connected node"));
        return;
    }
    const qint64 nowMs = nowMsecs();

    // Merge candidates in fleet order.
    QList<MergeCandidates> candidates;
    QMap<QByteArray, descriptor::IntroPoint> byKey;
    QMap<QString, QString> ineligible;
    QStringList forced;
    for (NodeSession* s : m_sessions) {
        MergeCandidates c;
        c.node = s->name();
        c.weight = std::max(1, s->weight());
        QString why;
        const bool ok = s->isEligible(&why);
        const bool force = !ok && m_settings.forceInclude.contains(s->name()) && s->isConnected() &&
                           s->health().descriptorReady;
        c.eligible = ok || force;
        c.excludedReason = why;
        if (c.eligible) {
            QList<descriptor::IntroPoint> ips = s->usableIntroPoints();
            if (ips.isEmpty() && force) {
                ips = s->introPoints();
            }
            for (const auto& ip : ips) {
                const QByteArray key = ip.authKey().toByteArray();
                c.introPoints.append(key);
                byKey.insert(key, ip);
            }
            if (force) {
                forced << s->name();
            }
        } else {
            ineligible.insert(s->name(), why);
        }
        candidates.append(c);
    }
    const int leftOut = dedupeRelays(candidates, byKey);
    MergeResult merged = MergePolicy::merge(candidates, m_settings.maxIntroPoints);
    if (leftOut > 0) {
        merged.explanation.append(QStringLiteral("%1 intro point(s) left out: their relay already carries another "
                                                 "node's intro point (one intro point per relay, as tor does)")
                                      .arg(leftOut));
    }
    for (const QString& f : forced) {
        merged.explanation.append(QStringLiteral("%1: FORCED into the descriptor although its configuration check "
                                                 "failed (diagnostic mode)")
                                      .arg(f));
    }
    m_lastMerge = merged;
    QMap<QByteArray, QString> owners;
    QList<descriptor::IntroPoint> intros;
    for (const MergeSelection& sel : merged.selected) {
        owners.insert(sel.introPoint, sel.node);
        intros.append(byKey.value(sel.introPoint));
    }

    const bool onDemand = m_onDemand;
    m_onDemand = false;
    QStringList decisions;
    bool published = false;
    for (int slot = 0; slot < 2; ++slot) {
        const hsdir::DescriptorPlan p = slot == 0 ? m_tp->first() : m_tp->second();
        const QByteArray blinded = blindedKey(p.periodNumber, p.periodLengthMinutes);
        if (blinded.isEmpty()) {
            decisions << QStringLiteral("%1: cannot blind the master key").arg(slotName(slot));
            continue;
        }
        QList<UploadTarget> targets;
        QStringList fps;
        for (const hsdir::HsDirChoice& c : m_ring.choicesForUpload(blinded, p)) {
            targets.append(UploadTarget{c.fingerprintHex(), c.relay.nickname, c.replica});
            fps << c.fingerprintHex();
        }
        fps.sort();
        SlotProposal proposal;
        proposal.blindedKey = blinded;
        proposal.periodNumber = p.periodNumber;
        proposal.introOwners = owners;
        proposal.hsdirs = fps;
        proposal.ineligibleNodes = ineligible;
        const PublishVerdict v = PublishDecision::decide(m_record[slot], proposal, nowMs, m_settings.refreshMs, onDemand);
        if (v.publish && targets.isEmpty()) {
            decisions << QStringLiteral("%1: not published: the consensus lists no usable HSDir").arg(slotName(slot));
            continue;
        }
        if (v.publish && !(m_state.autoPublish || onDemand)) {
            decisions << QStringLiteral("%1: not published (auto-publish is off): %2").arg(slotName(slot), v.reason);
            continue;
        }
        if (v.publish) {
            if (publishSlot(slot, p, blinded, targets, intros, owners, v.reason)) {
                decisions << QStringLiteral("%1: published: %2").arg(slotName(slot), v.reason);
                published = true;
            } else {
                decisions << QStringLiteral("%1: postponed: %2").arg(slotName(slot), v.reason);
                m_onDemand = m_onDemand || onDemand;  // keep the operator's request for the retry
            }
        } else {
            decisions << QStringLiteral("%1: %2").arg(slotName(slot), v.reason);
        }
    }
    QString decision = decisions.join(QStringLiteral("; "));
    if (published && !triggers.isEmpty()) {
        decision += QStringLiteral(" [triggers: %1]").arg(triggers.join(QStringLiteral(", ")));
    }
    setDecision(decision);
    qint64 next = std::numeric_limits<qint64>::max();
    for (const SlotRecord& r : m_record) {
        if (r.valid) {
            next = std::min(next, r.publishedAtMs + m_settings.refreshMs);
        }
    }
    m_state.nextScheduled = next == std::numeric_limits<qint64>::max() ? QDateTime()
                                                                       : QDateTime::fromMSecsSinceEpoch(next, Qt::UTC);
    refreshPublishedFlags();
    pump();
    if (!published && onDemand) {
        m_state.publishing = m_tracker.inFlightCount() > 0;
    }
    emit publicationChanged(m_state);
}

bool Publisher::publishSlot(int slot, const hsdir::DescriptorPlan& plan, const QByteArray& blinded,
                            const QList<UploadTarget>& targets, const QList<descriptor::IntroPoint>& intros,
                            const QMap<QByteArray, QString>& owners, const QString& reason)
{
    const qint64 nowMs = nowMsecs();
    const qint64 nowSecs = nowMs / 1000;
    auto blindedSecret = m_identity.blindedExpandedKey(plan.periodNumber, plan.periodLengthMinutes);
    if (!blindedSecret) {
        log(QString(), QStringLiteral("err"), blindedSecret.error().toString());
        return false;
    }
    const quint64 counter = onion::RevisionCounter::compute(*blindedSecret, nowSecs - plan.srvStartSecs);
    if (counter <= m_lastCounter.value(blinded)) {
        // Same second as the previous build (or the clock went back): HSDirs
        // would refuse it. Try again once the counter has grown (next second).
        scheduleEvaluate(reason, static_cast<int>(1005 - nowMs % 1000));
        return false;
    }
    const hsdir::Consensus& consensus = m_consensus->consensus;
    descriptor::DescriptorBuildParams params;
    params.timePeriod = plan.periodNumber;
    params.periodLengthMinutes = plan.periodLengthMinutes;
    params.revisionCounter = counter;
    params.now = nowSecs;
    params.maxIntroPoints = m_settings.maxIntroPoints;
    params.sendmeIncrement = static_cast<std::uint8_t>(consensus.param(QStringLiteral("cc_sendme_inc"), 31, 0, 255));
    params.maxDescriptorSize = consensus.param(QStringLiteral("HSV3MaxDescriptorSize"),
                                               descriptor::kDefaultMaxDescriptorSize, 1, 2147483647);
    QList<descriptor::IntroPoint> use = intros;
    QStringList extraNotes;
    Result<descriptor::BuiltDescriptor> built = makeError(ErrorCode::Internal, QStringLiteral("not built"));
    while (true) {
        params.introPoints = use;
        built = descriptor::DescriptorBuilder::build(m_identity.expandedKey(), m_identity.publicKey(), params);
        if (built || built.error().code != ErrorCode::TooLarge || use.size() <= 1) {
            break;
        }
        use.removeLast();  // HSV3MaxDescriptorSize smaller than 20 intro points need
        extraNotes = {QStringLiteral("%1 intro points left out to stay below HSV3MaxDescriptorSize %2")
                          .arg(intros.size() - use.size())
                          .arg(params.maxDescriptorSize)};
    }
    if (!built) {
        log(QString(), QStringLiteral("err"),
            QStringLiteral("building the %1 descriptor failed: %2").arg(slotName(slot), built.error().toString()));
        return false;
    }
    m_lastCounter.insert(blinded, counter);
    ++m_counters.publications[slot];
    QMap<QByteArray, QString> usedOwners;
    QMap<QString, int> perNode;
    for (const auto& ip : use) {
        const QByteArray k = ip.authKey().toByteArray();
        usedOwners.insert(k, owners.value(k));
        perNode[owners.value(k)] += 1;
    }
    QStringList fps;
    for (const UploadTarget& t : targets) {
        fps << t.fingerprint;
    }
    fps.sort();
    SlotRecord& rec = m_record[slot];
    rec.valid = true;
    rec.blindedKey = blinded;
    rec.periodNumber = plan.periodNumber;
    rec.introOwners = usedOwners;
    rec.hsdirs = fps;
    rec.publishedAtMs = nowMs;
    m_published[slot] = use;
    m_builtPlan[slot] = plan;
    m_builtTargets[slot] = targets;
    m_text[slot] = built->text;
    m_tracker.setGeneration(slot, ++m_generation, targets, nowMs);

    DescriptorPublication& d = slot == 0 ? m_state.first : m_state.second;
    d.which = slotName(slot);
    d.periodNumber = plan.periodNumber;
    d.periodLengthMinutes = plan.periodLengthMinutes;
    d.blindedKey = blinded;
    d.revisionCounter = counter;
    d.sizeBytes = static_cast<int>(built->text.size());
    d.introPointCount = built->introPointCount;
    d.introPointsByNode = perNode;
    QStringList notes = built->notes + extraNotes;
    if (!notes.contains(descriptor::DescriptorBuilder::powParamsNote())) {
        notes.append(descriptor::DescriptorBuilder::powParamsNote());  // always tell the operator why
    }
    d.notes = notes.join(u'\n');
    d.builtAt = QDateTime::fromMSecsSinceEpoch(nowMs, Qt::UTC);
    d.introPointOwner = usedOwners;
    d.descriptorText = built->text;
    d.uploads = m_tracker.results(slot);
    m_state.lastPublished = d.builtAt;
    m_state.publishing = true;
    log(QString(), QStringLiteral("notice"),
        QStringLiteral("built the %1 descriptor: period %2, revision %3, %4 intro points (%5), %6 bytes, %7 HSDirs — %8")
            .arg(slotName(slot))
            .arg(plan.periodNumber)
            .arg(counter)
            .arg(built->introPointCount)
            .arg([&perNode] {
                QStringList l;
                for (auto it = perNode.cbegin(); it != perNode.cend(); ++it) {
                    l << QStringLiteral("%1×%2").arg(it.key()).arg(it.value());
                }
                return l.join(QStringLiteral(", "));
            }())
            .arg(built->text.size())
            .arg(targets.size())
            .arg(reason));
    emit descriptorBuilt(d);
    return true;
}

void Publisher::refreshPublishedFlags()
{
    QMap<QString, QSet<QByteArray>> byNode;
    for (int slot = 0; slot < 2; ++slot) {
        for (auto it = m_record[slot].introOwners.cbegin(); it != m_record[slot].introOwners.cend(); ++it) {
            byNode[it.value()].insert(it.key());
        }
    }
    for (NodeSession* s : m_sessions) {
        s->setPublishedIntroPoints(byNode.value(s->name()));
    }
}

// ---------------------------------------------------------------------------
// uploads

NodeSession* Publisher::pickPostingNode(qint64 nowMs) const
{
    NodeSession* fallback = nullptr;
    // Prefer a node that passed its configuration check, then any connected one.
    for (int pass = 0; pass < 2; ++pass) {
        for (NodeSession* s : m_sessions) {
            if (!s->client()) {
                continue;
            }
            if (!fallback) {
                fallback = s;
            }
            if (m_postFailedUntil.value(s->name()) > nowMs) {
                continue;
            }
            if (pass == 0 && s->health().configCheck != ConfigCheck::Ok) {
                continue;
            }
            return s;
        }
    }
    return fallback;
}

void Publisher::pump()
{
    const qint64 nowMs = nowMsecs();
    for (const auto& o : m_tracker.checkTimeouts(nowMs)) {
        onUploadOutcome(o);
    }
    for (int slot = 0; slot < 2; ++slot) {
        if (m_text[slot].isEmpty() || !m_tracker.rebuildDue(slot, nowMs)) {
            continue;
        }
        // An HSDir holds a counter >= ours: same intro points, fresh counter.
        const QByteArray blinded = m_record[slot].blindedKey;
        QMap<QByteArray, QString> owners = m_record[slot].introOwners;
        if (!publishSlot(slot, m_builtPlan[slot], blinded, m_builtTargets[slot], m_published[slot], owners,
                         QStringLiteral("an HSDir refused the revision counter (UPLOAD_REJECTED): rebuilt with a "
                                        "fresh counter"))) {
            continue;
        }
    }
    for (int slot = 0; slot < 2; ++slot) {
        const QList<UploadTarget> due = m_tracker.dueForSend(slot, nowMs);
        if (due.isEmpty() || m_text[slot].isEmpty()) {
            continue;
        }
        NodeSession* node = pickPostingNode(nowMs);
        if (!node) {
            setDecision(QStringLiteral("waiting for a connected node to post through"));
            continue;
        }
        QStringList fps;
        for (const UploadTarget& t : due) {
            fps << t.fingerprint;
        }
        const QString nodeName = node->name();
        const quint64 gen = m_tracker.generation(slot);
        m_tracker.markSent(slot, fps, nodeName, nowMs);
        QPointer<Publisher> self(this);
        node->client()->hsPost(m_address.toString(), m_text[slot], fps, [self, slot, fps, nodeName, gen](Status st) {
            if (!self || st.ok()) {
                return;
            }
            const qint64 t = nowMsecs();
            if (gen == self->m_tracker.generation(slot)) {
                self->m_tracker.markSendFailed(slot, fps, QStringLiteral("HSPOST through %1 failed: %2")
                                                              .arg(nodeName, st.error().message),
                                               t, self->m_settings.sendFailureRetryMs);
            } else {
                self->m_tracker.markSendFailed(slot, fps, st.error().message, t, 0);
            }
            self->m_postFailedUntil.insert(nodeName, t + self->m_settings.postingNodeCooldownMs);
            self->log(nodeName, QStringLiteral("warn"),
                      QStringLiteral("HSPOST of the %1 descriptor failed: %2 — trying again through another node")
                          .arg(slotName(slot), st.error().toString()));
            self->refreshUploads();
            self->schedulePump();
        });
    }
    refreshUploads();
    schedulePump();
}

void Publisher::schedulePump()
{
    const auto next = m_tracker.nextWakeupMs();
    if (!next) {
        m_pumpTimer.stop();
        return;
    }
    const qint64 wait = std::clamp<qint64>(*next - nowMsecs(), 50, 24LL * 3600 * 1000);
    m_pumpTimer.start(static_cast<int>(wait));
}

void Publisher::refreshUploads()
{
    m_state.first.uploads = m_tracker.results(0);
    m_state.second.uploads = m_tracker.results(1);
    m_state.publishing = m_tracker.inFlightCount() > 0;
    emit publicationChanged(m_state);
}

void Publisher::onUploadOutcome(const UploadTracker::Outcome& o)
{
    const QString which = slotName(o.slot);
    const UploadResult& r = o.result;
    QString text;
    QString severity = QStringLiteral("notice");
    switch (r.state) {
    case UploadState::Uploaded:
        text = QStringLiteral("%1 descriptor stored on HSDir %2 (%3)").arg(which, r.hsdirNickname, r.hsdirFingerprint);
        severity = QStringLiteral("info");
        break;
    case UploadState::Failed:
        text = QStringLiteral("HSDir %1 (%2) refused the %3 descriptor: %4; retry at %5")
                   .arg(r.hsdirNickname, r.hsdirFingerprint, which, r.reason,
                        r.nextRetry.toString(Qt::ISODate));
        severity = QStringLiteral("warn");
        break;
    case UploadState::TimedOut:
        text = QStringLiteral("HSDir %1 (%2) did not confirm the %3 descriptor: %4; retry at %5")
                   .arg(r.hsdirNickname, r.hsdirFingerprint, which, r.reason, r.nextRetry.toString(Qt::ISODate));
        severity = QStringLiteral("warn");
        break;
    case UploadState::Pending:
        text = QStringLiteral("%1 descriptor for HSDir %2 will be sent again: %3")
                   .arg(which, r.hsdirNickname, r.reason);
        severity = QStringLiteral("info");
        break;
    }
    if (r.state == UploadState::Uploaded && r.at.isValid()) {
        m_counters.lastUploaded[o.slot == 0 ? 0 : 1] = r.at;
    } else if (r.state == UploadState::Uploaded) {
        m_counters.lastUploaded[o.slot == 0 ? 0 : 1] = QDateTime::currentDateTimeUtc();
    }
    if (r.state != UploadState::Pending) {
        const PublisherCounters::UploadKey key{which, r.hsdirFingerprint, r.hsdirNickname, r.state};
        if (m_counters.uploads.contains(key) || m_counters.uploads.size() < PublisherCounters::kMaxUploadKeys) {
            ++m_counters.uploads[key];
        }
    }
    log(QString(), severity, text);
    emit uploadFinished(which, r);
}

void Publisher::onHsDesc(const QString& node, const control::HsDescEvent& event)
{
    if (!event.hsDir) {
        return;
    }
    const QString fp = QString::fromLatin1(event.hsDir->fingerprint);
    std::optional<UploadTracker::Outcome> o;
    if (event.action == control::HsDescEvent::Action::Uploaded) {
        o = m_tracker.onUploaded(node, fp, nowMsecs());
    } else if (event.action == control::HsDescEvent::Action::Failed) {
        o = m_tracker.onFailed(node, fp, QString::fromLatin1(event.reason), nowMsecs());
    }
    if (!o) {
        return;
    }
    onUploadOutcome(*o);
    pump();  // the HSDir is free again: send what waits for it
}

void Publisher::onConnectionChanged(const QString& node, bool connected)
{
    if (connected) {
        if (!m_consensus) {
            requestConsensus();
        }
        scheduleEvaluate(QStringLiteral("%1 connected").arg(node), m_settings.debounceMs);
        return;
    }
    for (const auto& o : m_tracker.nodeLost(node, nowMsecs())) {
        onUploadOutcome(o);
    }
    bool published = false;
    for (const SlotRecord& r : m_record) {
        for (const QString& owner : r.introOwners) {
            published = published || owner == node;
        }
    }
    scheduleEvaluate(QStringLiteral("%1 lost").arg(node),
                     published ? m_settings.nodeLostDebounceMs : m_settings.debounceMs);
    pump();
}

// ---------------------------------------------------------------------------
// consensus

void Publisher::requestConsensus()
{
    if (m_consensusInFlight) {
        return;
    }
    NodeSession* from = nullptr;
    for (NodeSession* s : m_sessions) {
        if (s->client() && (!from || s->health().bootstrapPercent > from->health().bootstrapPercent)) {
            from = s;
        }
    }
    if (!from) {
        return;
    }
    m_consensusInFlight = true;
    const QString name = from->name();
    QPointer<Publisher> self(this);
    from->client()->fetchConsensus([self, name](Result<control::ConsensusSnapshot> snap) {
        if (!self) {
            return;
        }
        self->m_consensusInFlight = false;
        if (!snap) {
            self->log(name, QStringLiteral("warn"),
                      QStringLiteral("could not read the consensus: %1").arg(snap.error().toString()));
            return;
        }
        self->applyConsensus(std::move(snap.value()), name);
    });
}

void Publisher::pollConsensus()
{
    if (!m_consensus) {
        requestConsensus();
        return;
    }
    NodeSession* from = nullptr;
    for (NodeSession* s : m_sessions) {
        if (s->client()) {
            from = s;
            break;
        }
    }
    if (!from || m_consensusInFlight) {
        return;
    }
    QPointer<Publisher> self(this);
    from->client()->getInfoValue(
        QStringLiteral("consensus/valid-after"),
        [self](Result<QByteArray> v) {
            if (!self || !v || !self->m_consensus) {
                return;
            }
            QDateTime va = QDateTime::fromString(QString::fromLatin1(v->trimmed()), QStringLiteral("yyyy-MM-dd HH:mm:ss"));
            va.setTimeSpec(Qt::UTC);
            if (va.isValid() && va > self->m_consensus->consensus.validAfter) {
                self->requestConsensus();
            }
        },
        std::nullopt);
}

void Publisher::applyConsensus(control::ConsensusSnapshot snapshot, const QString& from)
{
    if (m_consensus && snapshot.consensus.validAfter < m_consensus->consensus.validAfter) {
        return;  // a node that lags behind
    }
    auto tp = hsdir::TimePeriod::fromConsensus(snapshot.consensus, snapshot.testingTorNetwork);
    if (!tp) {
        log(from, QStringLiteral("warn"), QStringLiteral("unusable consensus: %1").arg(tp.error().toString()));
        return;
    }
    const bool first = !m_tp;
    const bool periodChanged = !m_tp || m_tp->periodNumber() != tp->periodNumber() ||
                               m_tp->isInWindowA() != tp->isInWindowA();
    m_ring = hsdir::HsDirRing(snapshot.consensus);
    m_tp = *tp;
    m_consensus = std::move(snapshot);
    m_consensusSource = from;
    m_state.currentPeriodNumber = m_tp->periodNumber();
    const qint64 v = m_tp->votingIntervalSeconds();
    m_pollTimer.setInterval(m_settings.consensusPollMs > 0
                                ? m_settings.consensusPollMs
                                : static_cast<int>(std::clamp<qint64>(v * 500, 5000, 60000)));
    if (first || periodChanged) {
        log(QString(), QStringLiteral("notice"),
            QStringLiteral("consensus %1 (from %2): time period %3 of %4 min, window %5, %6 HSDirs, %7×%8 per descriptor")
                .arg(m_consensus->consensus.validAfter.toString(Qt::ISODate), from)
                .arg(m_tp->periodNumber())
                .arg(m_tp->periodLengthMinutes())
                .arg(m_tp->isInWindowA() ? QStringLiteral("A (SRV → TP start)") : QStringLiteral("B (TP start → SRV)"))
                .arg(m_ring.eligible().size())
                .arg(m_ring.params().replicas)
                .arg(m_ring.params().spreadStore));
    }
    emit consensusUpdated(m_tp->periodNumber(), m_tp->isInWindowA(), m_consensus->consensus.validAfter);
    emit publicationChanged(m_state);
    scheduleEvaluate(periodChanged ? QStringLiteral("new time period or window") : QStringLiteral("new consensus"),
                     first ? m_settings.debounceMs : 0);
}

}  // namespace rb::balancer
