#include "balancer/MergePolicy.h"

#include <algorithm>

namespace rb::balancer {

MergeResult MergePolicy::merge(QList<MergeCandidates> nodes, int maxIntroPoints)
{
    maxIntroPoints = std::clamp(maxIntroPoints, 0, kMaxIntroPoints);
    // Determinism: order by node name, whatever order the fleet reported them.
    std::sort(nodes.begin(), nodes.end(),
              [](const MergeCandidates& a, const MergeCandidates& b) { return a.node < b.node; });

    MergeResult result;
    QList<qsizetype> next(nodes.size(), 0);
    QList<QByteArray> seen;  // an intro point listed by two nodes is taken once
    bool progress = true;
    while (progress && result.selected.size() < maxIntroPoints) {
        progress = false;
        for (qsizetype i = 0; i < nodes.size() && result.selected.size() < maxIntroPoints; ++i) {
            const MergeCandidates& n = nodes.at(i);
            if (!n.eligible) {
                continue;
            }
            const int picks = std::max(1, n.weight);
            for (int p = 0; p < picks && result.selected.size() < maxIntroPoints; ++p) {
                while (next[i] < n.introPoints.size() && seen.contains(n.introPoints.at(next[i]))) {
                    ++next[i];
                }
                if (next[i] >= n.introPoints.size()) {
                    break;
                }
                const QByteArray& ip = n.introPoints.at(next[i]++);
                seen.append(ip);
                result.selected.append(MergeSelection{n.node, ip});
                result.perNode[n.node] += 1;
                progress = true;
            }
        }
    }

    for (const MergeCandidates& n : nodes) {
        if (!n.eligible) {
            result.explanation.append(QStringLiteral("%1: excluded — %2")
                                          .arg(n.node, n.excludedReason.isEmpty() ? QStringLiteral("not healthy")
                                                                                  : n.excludedReason));
            continue;
        }
        const int used = result.perNode.value(n.node, 0);
        QString line = QStringLiteral("%1: %2 of %3 intro points").arg(n.node).arg(used).arg(n.introPoints.size());
        if (n.weight > 1) {
            line += QStringLiteral(" (weight %1)").arg(n.weight);
        }
        if (n.introPoints.isEmpty()) {
            line += QStringLiteral(" — descriptor not ready yet");
        } else if (used < n.introPoints.size()) {
            line += QStringLiteral(" — limit of %1 intro points reached").arg(maxIntroPoints);
        }
        result.explanation.append(line);
    }
    return result;
}

}  // namespace rb::balancer
