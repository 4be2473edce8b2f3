#pragma once
// Which intro points go into the merged descriptor: at most `maxIntroPoints`
// (tor clients reject a descriptor with more than 20), chosen by weighted
// round-robin across eligible nodes, never from a lost or misconfigured node.
// Deterministic for a given input and explained line by line.

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace rb::balancer {

struct MergeCandidates {
    QString node;
    int weight = 1;                 // picks per round (>= 1)
    bool eligible = true;           // healthy, connected, configuration check passed
    QString excludedReason;         // why not eligible (shown to the operator)
    QList<QByteArray> introPoints;  // intro point ids (auth keys) in the node's descriptor order
};

struct MergeSelection {
    QString node;
    QByteArray introPoint;
};

struct MergeResult {
    QList<MergeSelection> selected;  // in descriptor order
    QMap<QString, int> perNode;      // node -> number selected
    QStringList explanation;         // one line per node, operator-facing
};

class MergePolicy {
public:
    static constexpr int kMaxIntroPoints = 20;
    static MergeResult merge(QList<MergeCandidates> nodes, int maxIntroPoints = kMaxIntroPoints);
};

}  // namespace rb::balancer
