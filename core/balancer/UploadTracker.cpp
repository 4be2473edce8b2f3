#include "balancer/UploadTracker.h"

#include <QSet>

#include <algorithm>

namespace rb::balancer {

namespace {

QDateTime fromMs(qint64 ms)
{
    return ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC) : QDateTime();
}

}  // namespace

UploadTracker::UploadTracker() : UploadTracker(Settings{}, 0) {}

UploadTracker::UploadTracker(Settings settings, quint32 seed)
    : m_settings(settings), m_rng(seed == 0 ? QRandomGenerator::global()->generate() : seed)
{
}

qint64 UploadTracker::retryDelay(int failures)
{
    const double u = m_rng.generateDouble() * 2.0 - 1.0;
    return Backoff::delayFor(m_settings.retry, failures, u);
}

void UploadTracker::setGeneration(int slot, quint64 generation, const QList<UploadTarget>& targets, qint64 nowMs)
{
    const int s = index(slot);
    m_generation[s] = generation;
    QList<Record>& recs = m_records[s];
    QSet<QString> wanted;
    for (const UploadTarget& t : targets) {
        wanted.insert(t.fingerprint);
    }
    // Drop HSDirs that are no longer responsible (keep in-flight ones until they answer).
    QList<Record> kept;
    for (Record& r : recs) {
        if (wanted.contains(r.target.fingerprint)) {
            continue;  // re-added below in target order
        }
        if (r.inFlight) {
            r.removed = true;
            kept.append(r);
        }
    }
    QList<Record> ordered;
    for (const UploadTarget& t : targets) {
        auto it = std::find_if(recs.begin(), recs.end(),
                               [&t](const Record& r) { return r.target.fingerprint == t.fingerprint; });
        Record r;
        if (it != recs.end()) {
            r = *it;
            r.removed = false;
            const bool wasGood = r.state == UploadState::Uploaded || r.failures == 0;
            if (wasGood) {
                r.state = UploadState::Pending;
                r.reason.clear();
                r.attempts = 0;
                r.nextRetryMs = nowMs;
            }
            // A failing HSDir keeps its back-off schedule; a rejected one gets
            // the new (larger) counter now.
            r.rejected = false;
        } else {
            r.state = UploadState::Pending;
            r.nextRetryMs = nowMs;
        }
        r.target = t;
        r.wantGeneration = generation;
        ordered.append(r);
    }
    recs = ordered + kept;
}

void UploadTracker::clear(int slot)
{
    m_records[index(slot)].clear();
}

bool UploadTracker::inFlightAnywhere(const QString& fingerprint) const
{
    for (const auto& list : m_records) {
        for (const Record& r : list) {
            if (r.inFlight && r.target.fingerprint == fingerprint) {
                return true;
            }
        }
    }
    return false;
}

QList<UploadTarget> UploadTracker::dueForSend(int slot, qint64 nowMs) const
{
    QList<UploadTarget> out;
    for (const Record& r : m_records[index(slot)]) {
        if (r.removed || r.inFlight || r.rejected || r.uploadedGeneration == r.wantGeneration ||
            r.nextRetryMs > nowMs || inFlightAnywhere(r.target.fingerprint)) {
            continue;
        }
        out.append(r.target);
    }
    return out;
}

bool UploadTracker::rebuildDue(int slot, qint64 nowMs) const
{
    for (const Record& r : m_records[index(slot)]) {
        if (!r.removed && !r.inFlight && r.rejected && r.nextRetryMs <= nowMs) {
            return true;
        }
    }
    return false;
}

void UploadTracker::markSent(int slot, const QStringList& fingerprints, const QString& viaNode, qint64 nowMs)
{
    for (Record& r : m_records[index(slot)]) {
        if (r.removed || !fingerprints.contains(r.target.fingerprint)) {
            continue;
        }
        r.inFlight = true;
        r.inFlightNode = viaNode;
        r.sentGeneration = r.wantGeneration;
        r.deadlineMs = nowMs + m_settings.timeoutMs;
        ++r.attempts;
        r.state = UploadState::Pending;
        r.reason.clear();
        r.atMs = nowMs;
    }
}

void UploadTracker::markSendFailed(int slot, const QStringList& fingerprints, const QString& reason, qint64 nowMs,
                                   qint64 retryAfterMs)
{
    for (Record& r : m_records[index(slot)]) {
        if (!r.inFlight || !fingerprints.contains(r.target.fingerprint)) {
            continue;
        }
        r.inFlight = false;
        r.reason = reason;
        r.nextRetryMs = nowMs + retryAfterMs;
        r.atMs = nowMs;
    }
    auto& recs = m_records[index(slot)];
    recs.erase(std::remove_if(recs.begin(), recs.end(), [](const Record& r) { return r.removed && !r.inFlight; }),
               recs.end());
}

QList<UploadTracker::Outcome> UploadTracker::nodeLost(const QString& node, qint64 nowMs)
{
    QList<Outcome> out;
    for (int s = 0; s < 2; ++s) {
        for (Record& r : m_records[s]) {
            if (!r.inFlight || r.inFlightNode != node) {
                continue;
            }
            r.inFlight = false;
            r.reason = QStringLiteral("connection to %1 lost before the HSDir answered").arg(node);
            r.nextRetryMs = nowMs;
            r.atMs = nowMs;
            if (!r.removed) {
                out.append({s, toResult(r)});
            }
        }
        auto& recs = m_records[s];
        recs.erase(std::remove_if(recs.begin(), recs.end(), [](const Record& r) { return r.removed && !r.inFlight; }),
                   recs.end());
    }
    return out;
}

UploadTracker::Record* UploadTracker::findInFlight(const QString& node, const QString& fingerprint, int* slotOut)
{
    for (int s = 0; s < 2; ++s) {
        for (Record& r : m_records[s]) {
            if (r.inFlight && r.target.fingerprint == fingerprint && r.inFlightNode == node) {
                *slotOut = s;
                return &r;
            }
        }
    }
    // A late answer after a timeout (nothing re-sent since): still good news.
    for (int s = 0; s < 2; ++s) {
        for (Record& r : m_records[s]) {
            if (!r.inFlight && !r.removed && r.state == UploadState::TimedOut &&
                r.target.fingerprint == fingerprint && r.inFlightNode == node) {
                *slotOut = s;
                return &r;
            }
        }
    }
    return nullptr;
}

void UploadTracker::resolve(Record& r, int slot, qint64 nowMs)
{
    Q_UNUSED(slot)
    r.inFlight = false;
    r.atMs = nowMs;
}

std::optional<UploadTracker::Outcome> UploadTracker::onUploaded(const QString& node, const QString& fingerprint,
                                                                qint64 nowMs)
{
    int slot = -1;
    Record* r = findInFlight(node, fingerprint, &slot);
    if (!r) {
        return std::nullopt;
    }
    resolve(*r, slot, nowMs);
    if (r->removed) {
        auto& recs = m_records[slot];
        recs.erase(std::remove_if(recs.begin(), recs.end(), [](const Record& x) { return x.removed && !x.inFlight; }),
                   recs.end());
        return std::nullopt;
    }
    if (r->sentGeneration == r->wantGeneration) {
        r->state = UploadState::Uploaded;
        r->uploadedGeneration = r->sentGeneration;
        r->reason.clear();
        r->failures = 0;
        r->nextRetryMs = 0;
    } else {
        r->state = UploadState::Pending;  // an older build landed; send the current one
        r->nextRetryMs = nowMs;
    }
    return Outcome{slot, toResult(*r)};
}

std::optional<UploadTracker::Outcome> UploadTracker::onFailed(const QString& node, const QString& fingerprint,
                                                              const QString& reason, qint64 nowMs)
{
    int slot = -1;
    Record* r = findInFlight(node, fingerprint, &slot);
    if (!r || (!r->inFlight && r->state != UploadState::TimedOut)) {
        return std::nullopt;
    }
    resolve(*r, slot, nowMs);
    if (r->removed) {
        auto& recs = m_records[slot];
        recs.erase(std::remove_if(recs.begin(), recs.end(), [](const Record& x) { return x.removed && !x.inFlight; }),
                   recs.end());
        return std::nullopt;
    }
    if (r->sentGeneration == r->wantGeneration) {
        r->state = UploadState::Failed;
        r->reason = reason.isEmpty() ? QStringLiteral("FAILED") : reason;
        ++r->failures;
        r->nextRetryMs = nowMs + retryDelay(r->failures);
        r->rejected = reason == QLatin1String("UPLOAD_REJECTED");
    } else {
        r->state = UploadState::Pending;
        r->nextRetryMs = nowMs;
    }
    return Outcome{slot, toResult(*r)};
}

QList<UploadTracker::Outcome> UploadTracker::checkTimeouts(qint64 nowMs)
{
    QList<Outcome> out;
    for (int s = 0; s < 2; ++s) {
        for (Record& r : m_records[s]) {
            if (!r.inFlight || r.deadlineMs > nowMs) {
                continue;
            }
            resolve(r, s, nowMs);
            if (r.removed) {
                continue;
            }
            if (r.sentGeneration == r.wantGeneration) {
                r.state = UploadState::TimedOut;
                r.reason = QStringLiteral("timeout: no answer within %1 s (HSDir unreachable?)")
                               .arg(m_settings.timeoutMs / 1000);
                ++r.failures;
                r.nextRetryMs = nowMs + retryDelay(r.failures);
            } else {
                r.state = UploadState::Pending;
                r.nextRetryMs = nowMs;
            }
            out.append({s, toResult(r)});
        }
        auto& recs = m_records[s];
        recs.erase(std::remove_if(recs.begin(), recs.end(), [](const Record& x) { return x.removed && !x.inFlight; }),
                   recs.end());
    }
    return out;
}

std::optional<qint64> UploadTracker::nextWakeupMs() const
{
    std::optional<qint64> best;
    auto consider = [&best](qint64 t) {
        if (!best || t < *best) {
            best = t;
        }
    };
    for (const auto& list : m_records) {
        for (const Record& r : list) {
            if (r.inFlight) {
                consider(r.deadlineMs);
            } else if (!r.removed && r.uploadedGeneration != r.wantGeneration) {
                consider(r.nextRetryMs);
            }
        }
    }
    return best;
}

UploadResult UploadTracker::toResult(const Record& r) const
{
    UploadResult u;
    u.hsdirFingerprint = r.target.fingerprint;
    u.hsdirNickname = r.target.nickname;
    u.state = r.state;
    u.reason = r.reason;
    u.attempts = r.attempts;
    u.at = fromMs(r.atMs);
    if (!r.inFlight && (r.state == UploadState::Failed || r.state == UploadState::TimedOut)) {
        u.nextRetry = fromMs(r.nextRetryMs);
    }
    return u;
}

QList<UploadResult> UploadTracker::results(int slot) const
{
    QList<UploadResult> out;
    for (const Record& r : m_records[index(slot)]) {
        if (!r.removed) {
            out.append(toResult(r));
        }
    }
    return out;
}

bool UploadTracker::replicaCriterionMet(int slot) const
{
    const int s = index(slot);
    QSet<int> replicas;
    QSet<int> done;
    for (const Record& r : m_records[s]) {
        if (r.removed) {
            continue;
        }
        replicas.insert(r.target.replica);
        if (r.state == UploadState::Uploaded && r.uploadedGeneration == m_generation[s] && m_generation[s] != 0) {
            done.insert(r.target.replica);
        }
    }
    return !replicas.isEmpty() && done == replicas;
}

bool UploadTracker::settled(int slot) const
{
    for (const Record& r : m_records[index(slot)]) {
        if (r.removed) {
            continue;
        }
        if (r.inFlight) {
            return false;
        }
        if (r.uploadedGeneration != r.wantGeneration && r.sentGeneration != r.wantGeneration) {
            return false;
        }
    }
    return true;
}

int UploadTracker::inFlightCount() const
{
    int n = 0;
    for (const auto& list : m_records) {
        for (const Record& r : list) {
            n += r.inFlight ? 1 : 0;
        }
    }
    return n;
}

bool UploadTracker::hasTargets(int slot) const
{
    for (const Record& r : m_records[index(slot)]) {
        if (!r.removed) {
            return true;
        }
    }
    return false;
}

}  // namespace rb::balancer
