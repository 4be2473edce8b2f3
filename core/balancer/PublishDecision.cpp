#include "balancer/PublishDecision.h"

#include <QSet>

namespace rb::balancer {

PublishVerdict PublishDecision::decide(const SlotRecord& last, const SlotProposal& now, qint64 nowMs,
                                       qint64 refreshMs, bool onDemand)
{
    if (now.introOwners.isEmpty()) {
        return {false, QStringLiteral("skipped: no eligible node has intro points")};
    }
    if (!last.valid) {
        return {true, QStringLiteral("first publication")};
    }
    if (last.blindedKey != now.blindedKey || last.periodNumber != now.periodNumber) {
        return {true, QStringLiteral("time period changed (%1 → %2)").arg(last.periodNumber).arg(now.periodNumber)};
    }
    const QList<QByteArray> lastKeys = last.introOwners.keys();
    const QList<QByteArray> nowKeys = now.introOwners.keys();
    const QSet<QByteArray> before(lastKeys.cbegin(), lastKeys.cend());
    const QSet<QByteArray> after(nowKeys.cbegin(), nowKeys.cend());
    if (before != after) {
        QStringList lost;
        for (auto it = last.introOwners.cbegin(); it != last.introOwners.cend(); ++it) {
            if (!after.contains(it.key()) && now.ineligibleNodes.contains(it.value()) && !lost.contains(it.value())) {
                lost << it.value();
            }
        }
        if (!lost.isEmpty()) {
            QStringList why;
            for (const QString& n : lost) {
                why << QStringLiteral("%1 (%2)").arg(n, now.ineligibleNodes.value(n));
            }
            return {true, QStringLiteral("node lost: %1").arg(why.join(QStringLiteral(", ")))};
        }
        const qsizetype added = (after - before).size();
        const qsizetype removed = (before - after).size();
        return {true, QStringLiteral("intro set changed (+%1 −%2)").arg(added).arg(removed)};
    }
    if (last.hsdirs != now.hsdirs) {
        return {true, QStringLiteral("responsible HSDirs changed")};
    }
    const qint64 age = nowMs - last.publishedAtMs;
    if (refreshMs > 0 && age >= refreshMs) {
        return {true, QStringLiteral("refresh (published %1 min ago)").arg(age / 60000)};
    }
    if (onDemand) {
        return {true, QStringLiteral("publish requested")};
    }
    return {false, QStringLiteral("skipped: nothing changed")};
}

}  // namespace rb::balancer
