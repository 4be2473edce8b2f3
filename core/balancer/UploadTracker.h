#pragma once
// Per-HSDir upload bookkeeping for the two merged descriptors ("slots":
// 0 = first, 1 = second). Pure state machine with the clock passed in, so the
// retry, timeout and UPLOAD_REJECTED rules are unit-tested without a network.
//
// Why it is shaped like this (PROTOCOL-NOTES §2):
//   - HSPOST's outcome arrives as "HS_DESC UPLOADED|FAILED <addr> UNKNOWN
//     $FP~nick": no descriptor id. The first and second descriptors mostly go
//     to overlapping HSDirs, so an HSDir has at most ONE upload in flight
//     across both slots; an event is then unambiguous (address + HSDir +
//     the node it was posted through).
//   - HSPOST emits nothing when the HSDir connection fails: an in-flight
//     upload without an answer after `timeoutMs` becomes TimedOut.
//   - Failed / timed-out HSDirs are retried with exponential back-off.
//   - UPLOAD_REJECTED means the HSDir holds a revision counter >= ours: the
//     slot must be rebuilt with a fresh (larger) counter before the retry
//     (rebuildDue()).
//   - A new build of a slot ("generation") is sent to every responsible HSDir;
//     an HSDir still busy with the previous generation gets the new one as
//     soon as it answers.

#include "balancer/Backoff.h"
#include "balancer/FleetTypes.h"

#include <QDateTime>
#include <QList>
#include <QRandomGenerator>
#include <QString>

#include <optional>

namespace rb::balancer {

struct UploadTarget {
    QString fingerprint;  // 40 upper-case hex
    QString nickname;
    int replica = 1;      // 1-based replica that chose this HSDir
};

class UploadTracker {
public:
    struct Settings {
        qint64 timeoutMs = 60000;
        BackoffPolicy retry{15000, 600000, 2.0, 0.2};
    };

    struct Outcome {  // what an event or a timeout did
        int slot = -1;
        UploadResult result;
    };

    UploadTracker();
    explicit UploadTracker(Settings settings, quint32 seed = 0);

    [[nodiscard]] const Settings& settings() const { return m_settings; }
    void setSettings(const Settings& s) { m_settings = s; }

    // A new build of `slot` for these HSDirs (replaces the target list).
    void setGeneration(int slot, quint64 generation, const QList<UploadTarget>& targets, qint64 nowMs);
    // Forget the slot (e.g. on stop).
    void clear(int slot);
    [[nodiscard]] quint64 generation(int slot) const { return m_generation[index(slot)]; }

    // HSDirs of `slot` to post to now: not uploaded with the current
    // generation, not in flight anywhere, retry time reached.
    [[nodiscard]] QList<UploadTarget> dueForSend(int slot, qint64 nowMs) const;
    // A due HSDir refused our counter: rebuild the slot before sending again.
    [[nodiscard]] bool rebuildDue(int slot, qint64 nowMs) const;

    void markSent(int slot, const QStringList& fingerprints, const QString& viaNode, qint64 nowMs);
    // The HSPOST command itself failed (node error / disconnect): not the
    // HSDir's fault; due again after retryAfterMs.
    void markSendFailed(int slot, const QStringList& fingerprints, const QString& reason, qint64 nowMs,
                        qint64 retryAfterMs);
    // Everything in flight through `node` is lost with its connection.
    QList<Outcome> nodeLost(const QString& node, qint64 nowMs);

    std::optional<Outcome> onUploaded(const QString& node, const QString& fingerprint, qint64 nowMs);
    std::optional<Outcome> onFailed(const QString& node, const QString& fingerprint, const QString& reason,
                                    qint64 nowMs);
    // In-flight uploads past their deadline become TimedOut.
    QList<Outcome> checkTimeouts(qint64 nowMs);

    // Earliest deadline or retry time (ms), or nullopt when nothing waits.
    [[nodiscard]] std::optional<qint64> nextWakeupMs() const;

    [[nodiscard]] QList<UploadResult> results(int slot) const;
    // At least one HSDir of every replica holds the current generation.
    [[nodiscard]] bool replicaCriterionMet(int slot) const;
    // Every HSDir of the slot was tried with the current generation and none is in flight.
    [[nodiscard]] bool settled(int slot) const;
    [[nodiscard]] int inFlightCount() const;
    [[nodiscard]] bool hasTargets(int slot) const;

private:
    struct Record {
        UploadTarget target;
        UploadState state = UploadState::Pending;
        QString reason;
        int attempts = 0;       // sends of the current generation... and failures carried over
        int failures = 0;       // consecutive HSDir failures (back-off)
        qint64 atMs = 0;
        qint64 nextRetryMs = 0;
        quint64 wantGeneration = 0;
        quint64 sentGeneration = 0;
        quint64 uploadedGeneration = 0;
        bool inFlight = false;
        QString inFlightNode;
        qint64 deadlineMs = 0;
        bool rejected = false;  // UPLOAD_REJECTED: needs a rebuilt descriptor
        bool removed = false;   // no longer a target (kept only until its answer arrives)
    };

    static int index(int slot) { return slot == 0 ? 0 : 1; }
    Record* findInFlight(const QString& node, const QString& fingerprint, int* slotOut);
    [[nodiscard]] bool inFlightAnywhere(const QString& fingerprint) const;
    void resolve(Record& r, int slot, qint64 nowMs);
    [[nodiscard]] UploadResult toResult(const Record& r) const;
    qint64 retryDelay(int failures);

    Settings m_settings;
    QRandomGenerator m_rng;
    QList<Record> m_records[2];
    quint64 m_generation[2] = {0, 0};
};

}  // namespace rb::balancer
