#pragma once
// Whether a slot's merged descriptor must be (re)published, and why. Pure:
// the publisher feeds what it last published and what it would publish now.
//
// Reasons, most important first: first publication, time period / blinded
// key changed (rotation), node lost (its intro points were published and the
// node is no longer eligible), intro set changed, responsible HSDir set
// changed, refresh due (HSDirs drop a descriptor 180 min after storing it),
// operator request. Otherwise the publication is skipped ("nothing changed").

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace rb::balancer {

struct SlotRecord {  // what was last published in a slot
    bool valid = false;
    QByteArray blindedKey;
    quint64 periodNumber = 0;
    QMap<QByteArray, QString> introOwners;  // auth key -> node
    QStringList hsdirs;                     // fingerprints, sorted
    qint64 publishedAtMs = 0;
};

struct SlotProposal {  // what would be published now
    QByteArray blindedKey;
    quint64 periodNumber = 0;
    QMap<QByteArray, QString> introOwners;
    QStringList hsdirs;  // sorted
    QMap<QString, QString> ineligibleNodes;  // node -> why (for "node lost")
};

struct PublishVerdict {
    bool publish = false;
    QString reason;  // "intro set changed (+2 −1)", "skipped: nothing changed", ...
};

class PublishDecision {
public:
    static PublishVerdict decide(const SlotRecord& last, const SlotProposal& now, qint64 nowMs, qint64 refreshMs,
                                 bool onDemand);
};

}  // namespace rb::balancer
