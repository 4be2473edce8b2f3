#include "diagnostics/Intro2Diagnosis.h"

#include <QSet>

#include <algorithm>

namespace rb::diagnostics {

using balancer::DescriptorPublication;
using balancer::Intro2Stats;
using balancer::NodeHealth;
using balancer::PublicationState;

Intro2Context Intro2Diagnosis::contextFor(const NodeHealth& node, const PublicationState& publication,
                                          const QString& masterAddress, const QDateTime& now)
{
    Intro2Context c;
    c.configKnown = node.config.known;
    c.obInstanceOption = node.config.obInstanceOption;
    c.obInstanceNeedsRestart = node.config.obInstanceNeedsRestart;
    c.obConfigPresent = node.config.obConfigPresent;
    c.obConfigNamesMaster = node.config.obConfigNamesMaster;
    c.obConfigMaster = node.config.obConfigMaster;
    c.masterAddress = masterAddress;
    c.publishesOwnDescriptor = node.config.publishesOwnDescriptor;
    c.nodeDescriptorPeriod = node.descriptorPeriodNumber;

    QSet<QByteArray> nodeKeys;
    for (const auto& ip : node.introPoints)
        nodeKeys.insert(ip.authKey);

    QSet<QByteArray> publishedKeys;
    for (const DescriptorPublication* d : {&publication.first, &publication.second}) {
        bool carriesNode = false;
        for (auto it = d->introPointOwner.cbegin(); it != d->introPointOwner.cend(); ++it) {
            publishedKeys.insert(it.key());
            if (it.value() != node.name)
                continue;
            carriesNode = true;
            if (!nodeKeys.contains(it.key()))
                ++c.publishedIntroPointsGone;
        }
        if (carriesNode && c.nodeDescriptorPeriod != 0 && d->periodNumber != 0 &&
            d->periodNumber != c.nodeDescriptorPeriod && c.publishedPeriodWithNodeIntros == 0)
            c.publishedPeriodWithNodeIntros = d->periodNumber;
    }
    for (const auto& ip : node.introPoints) {
        const bool published = ip.published || publishedKeys.contains(ip.authKey);
        if (ip.circuitEstablished && !published)
            ++c.introPointsNotPublished;
    }
    if (publication.lastPublished.isValid() && now.isValid())
        c.publishedAgeMinutes = std::max<qint64>(0, publication.lastPublished.secsTo(now) / 60);
    return c;
}

QList<Intro2Finding> Intro2Diagnosis::diagnose(const NodeHealth& node, const PublicationState& publication,
                                               const QString& masterAddress, const QDateTime& now)
{
    return diagnose(node.intro2, contextFor(node, publication, masterAddress, now));
}

QList<Intro2Finding> Intro2Diagnosis::diagnose(const Intro2Stats& s, const Intro2Context& c)
{
    // "Could not get valid INTRO2 keys" (log) and invalid_introduce2 (metric)
    // count the same rejections; subcredential is the metric's own reason.
    const quint64 keyErrors = std::max(s.couldNotGetKeysWarnings, s.invalidIntroduce2) + s.subcredential;
    const bool rejecting = keyErrors > 0;
    const QString keyErrorsText = QString::number(keyErrors);
    const bool obActive =
        c.configKnown && c.obInstanceOption && !c.obInstanceNeedsRestart && c.obConfigPresent && c.obConfigNamesMaster;

    QList<Intro2Finding> out;
    auto add = [&out](Intro2Cause cause, int score, QString title, QString explanation, QString fix,
                      Intro2Action action) {
        out.append(Intro2Finding{cause, score, std::move(title), std::move(explanation), std::move(fix), action});
    };

    if (c.configKnown && !c.obInstanceOption) {
        add(Intro2Cause::MissingObInstance, rejecting ? 95 : 70, tr("Onionbalance instance option is off"),
            tr("The node does not have HiddenServiceOnionbalanceInstance set, so it only accepts introductions "
               "made with its own descriptor's time period. Clients using the merged descriptor of the other "
               "period are rejected (%1 rejected so far).")
                .arg(keyErrorsText),
            tr("Add 'HiddenServiceOnionbalanceInstance 1' to the service's section of torrc and restart tor "
               "(a reload is not enough)."),
            Intro2Action::None);
    } else if (c.configKnown && c.obInstanceNeedsRestart) {
        add(Intro2Cause::ObInstanceNotActive, rejecting ? 96 : 75, tr("Onionbalance instance option needs a restart"),
            tr("HiddenServiceOnionbalanceInstance was turned on by a reload. Tor then keeps an empty list of "
               "master subcredentials until the next period and rejects every introduction (%1 rejected so "
               "far; tor logs \"Non-fatal assertion !(!service->state.ob_subcreds)\").")
                .arg(keyErrorsText),
            tr("Restart tor on this node (systemctl restart tor), not reload."), Intro2Action::None);
    }

    if (c.configKnown && c.obInstanceOption && (!c.obConfigPresent || !c.obConfigNamesMaster)) {
        const QString explanation =
            !c.obConfigPresent
                ? tr("The node has no ob_config file in its HiddenServiceDir, so tor does not know the master "
                     "address and cannot accept introductions for it (%1 rejected so far).")
                      .arg(keyErrorsText)
                : tr("The node's ob_config names %1, but the master address is %2. Tor derives the wrong "
                     "subcredentials and rejects introductions (%3 rejected so far).")
                      .arg(c.obConfigMaster.isEmpty() ? tr("no address") : c.obConfigMaster,
                           c.masterAddress.isEmpty() ? tr("(unknown)") : c.masterAddress, keyErrorsText);
        add(Intro2Cause::ObConfigWrong, rejecting ? 92 : 70, tr("ob_config is wrong"), explanation,
            tr("Write 'MasterOnionAddress %1' to <HiddenServiceDir>/ob_config and restart tor.")
                .arg(c.masterAddress.isEmpty() ? tr("<master>.onion") : c.masterAddress),
            Intro2Action::None);
    }

    if (c.publishedPeriodWithNodeIntros != 0 && c.nodeDescriptorPeriod != 0) {
        const quint64 a = c.nodeDescriptorPeriod;
        const quint64 b = c.publishedPeriodWithNodeIntros;
        const quint64 distance = a > b ? a - b : b - a;
        if (distance > 1) {
            add(Intro2Cause::TimePeriodMismatch, rejecting ? 90 : 60, tr("Time period far off"),
                tr("The node's descriptor is for time period %1, but the published descriptor is for period %2. "
                   "Even an Onionbalance instance only accepts the neighbouring periods, so the node's clock "
                   "or consensus is wrong.")
                    .arg(a)
                    .arg(b),
                tr("Check the node's clock (NTP) and that tor has a fresh consensus, then reconnect it."),
                Intro2Action::ReconnectNode);
        } else if (!obActive) {
            add(Intro2Cause::TimePeriodMismatch, rejecting ? 85 : 40, tr("Intro points in the other period"),
                tr("The node's intro points belong to its descriptor for period %1, but they are also "
                   "published in the descriptor for period %2. Without a working Onionbalance instance "
                   "configuration tor rejects introductions made through the other period (%3 rejected so far).")
                    .arg(a)
                    .arg(b)
                    .arg(keyErrorsText),
                tr("Fix the node's Onionbalance instance configuration; until then publish again so the "
                   "merged descriptors are rebuilt from the node's current descriptor."),
                Intro2Action::PublishNow);
        } else if (rejecting) {
            add(Intro2Cause::TimePeriodMismatch, 30, tr("Intro points in the other period"),
                tr("The node's intro points are published for period %1 while its own descriptor is for "
                   "period %2. An Onionbalance instance accepts both, so this is probably not the cause.")
                    .arg(b)
                    .arg(a),
                tr("Publish again; if rejections continue, look at the other causes."), Intro2Action::PublishNow);
        }
    }

    if (c.publishesOwnDescriptor) {
        add(Intro2Cause::NodePublishesItself, rejecting ? 80 : 65, tr("Node publishes its own descriptor"),
            tr("PublishHidServDescriptors is not 0 on this node, so it uploads its own descriptor (only its own "
               "intro points) to the same HSDirs and races the merged descriptor. Clients then see only this "
               "node, or a descriptor the others do not match."),
            tr("Set 'PublishHidServDescriptors 0' in torrc and restart tor (a reload does not stop uploads reliably); then publish again."), Intro2Action::None);
    }

    const bool tooOld = c.publishedAgeMinutes > c.staleAfterMinutes;
    if (c.publishedAgeMinutes < 0 || tooOld || c.introPointsNotPublished > 0) {
        int score = 55;
        QString explanation;
        if (c.publishedAgeMinutes < 0) {
            explanation = tr("No merged descriptor has been published yet, so clients cannot reach the "
                             "service through the master address.");
            score = 75;
        } else if (c.publishedAgeMinutes >= kHsDirDropMinutes) {
            explanation = tr("The merged descriptor was published %1 minutes ago; HSDirs drop it after %2 "
                             "minutes, so clients may not find the service at all.")
                              .arg(c.publishedAgeMinutes)
                              .arg(kHsDirDropMinutes);
            score = 85;
        } else if (tooOld) {
            explanation = tr("The merged descriptor was published %1 minutes ago; it should be republished at "
                             "least every %2 minutes.")
                              .arg(c.publishedAgeMinutes)
                              .arg(c.staleAfterMinutes);
            score = 60;
        } else {
            explanation = tr("%n of the node's established intro point(s) are not in the published descriptor, "
                             "so clients cannot use them.",
                             nullptr, c.introPointsNotPublished);
            score = 50;
        }
        if (rejecting)
            score += 5;
        add(Intro2Cause::StalePublishedDescriptor, score, tr("Published descriptor is stale"), explanation,
            tr("Publish now."), Intro2Action::PublishNow);
    }

    if (s.badAuthKey > 0 || c.publishedIntroPointsGone > 0) {
        const int score = (s.badAuthKey > 0 && c.publishedIntroPointsGone > 0) ? 88 : (s.badAuthKey > 0 ? 70 : 58);
        add(Intro2Cause::BadAuthKey, score, tr("Published intro points are gone"),
            tr("Clients introduce themselves at intro points the node no longer has (%1 unknown auth key "
               "rejections; %n published intro point(s) of this node are no longer in its descriptor). "
               "Intro points rotate; the merged descriptor must follow.",
               nullptr, c.publishedIntroPointsGone)
                .arg(s.badAuthKey),
            tr("Publish now so the merged descriptor lists the node's current intro points."),
            Intro2Action::PublishNow);
    }

    if (s.replay > 0) {
        add(Intro2Cause::Replay, s.replay > keyErrors + s.badAuthKey ? 45 : 25, tr("Replayed introductions"),
            tr("The node saw %1 INTRODUCE2 cell(s) it had seen before. A few come from clients retrying; many "
               "mean someone replays cells, which tor rejects safely.")
                .arg(s.replay),
            tr("Nothing to fix unless the count keeps growing; then consider proof-of-work defenses "
               "(HiddenServicePoWDefensesEnabled 1)."),
            Intro2Action::None);
    }

    // Rejections but no explanation found: the usual culprit is a descriptor
    // built from intro points of the wrong period; republishing rebuilds it.
    if (rejecting && out.isEmpty()) {
        add(Intro2Cause::TimePeriodMismatch, 40, tr("Subcredential mismatch"),
            tr("The node rejected %1 introduction(s) for a wrong subcredential, and its configuration looks "
               "right. The published descriptor probably carries intro points under another period's keys.")
                .arg(keyErrorsText),
            tr("Publish now; if rejections continue, reconnect the node to re-check its configuration."),
            Intro2Action::PublishNow);
    }

    std::stable_sort(out.begin(), out.end(),
                     [](const Intro2Finding& x, const Intro2Finding& y) { return x.score > y.score; });
    return out;
}

QString Intro2Diagnosis::causeId(Intro2Cause cause)
{
    switch (cause) {
    case Intro2Cause::MissingObInstance:
        return QStringLiteral("missing-ob-instance");
    case Intro2Cause::ObInstanceNotActive:
        return QStringLiteral("ob-instance-needs-restart");
    case Intro2Cause::ObConfigWrong:
        return QStringLiteral("ob-config-wrong");
    case Intro2Cause::TimePeriodMismatch:
        return QStringLiteral("time-period-mismatch");
    case Intro2Cause::NodePublishesItself:
        return QStringLiteral("node-publishes-itself");
    case Intro2Cause::StalePublishedDescriptor:
        return QStringLiteral("stale-published-descriptor");
    case Intro2Cause::BadAuthKey:
        return QStringLiteral("bad-auth-key");
    case Intro2Cause::Replay:
        return QStringLiteral("replay");
    }
    return QStringLiteral("unknown");
}

QString Intro2Diagnosis::actionId(Intro2Action action)
{
    switch (action) {
    case Intro2Action::None:
        return QStringLiteral("none");
    case Intro2Action::PublishNow:
        return QStringLiteral("publish-now");
    case Intro2Action::ReconnectNode:
        return QStringLiteral("reconnect-node");
    }
    return QStringLiteral("none");
}

}  // namespace rb::diagnostics
