#pragma once
// Why does a node reject INTRODUCE2 cells (or why would it)? From a node's
// health, its configuration facts and the published descriptors' facts this
// ranks the likely causes and says, in plain words, what fixes each one and
// whether the console can do it (an action for a button). Pure logic: no I/O.
// Background: PROTOCOL-NOTES §1 (shared identity, restart not reload) and §8.

#include "balancer/FleetTypes.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>

namespace rb::diagnostics {

enum class Intro2Cause {
    MissingObInstance,         // HiddenServiceOnionbalanceInstance not set
    ObInstanceNotActive,       // set, but by reload: tor needs a restart
    ObConfigWrong,             // ob_config missing or names another address
    TimePeriodMismatch,        // intro points served under another period's subcredential
    NodePublishesItself,       // PublishHidServDescriptors is not 0
    StalePublishedDescriptor,  // published descriptor old or missing the node's intro points
    BadAuthKey,                // clients use intro points the node no longer has
    Replay,                    // replayed INTRODUCE2 cells
};

// What the console can do about a cause (a button), or None.
enum class Intro2Action {
    None,
    PublishNow,     // FleetBackend::publishNow()
    ReconnectNode,  // FleetBackend::reconnectNode(node): re-reads config and descriptor
};

struct Intro2Finding {
    Intro2Cause cause = Intro2Cause::TimePeriodMismatch;
    int score = 0;        // 0..100, higher = more likely / more urgent
    QString title;        // a few words
    QString explanation;  // what is wrong, plain words, with the node's figures
    QString fix;          // what fixes it
    Intro2Action action = Intro2Action::None;
    [[nodiscard]] bool consoleCanFix() const { return action != Intro2Action::None; }
};

// Everything the diagnosis looks at besides the counters. Unknown numbers are 0.
struct Intro2Context {
    bool configKnown = false;  // the node's configuration was checked
    bool obInstanceOption = false;
    bool obInstanceNeedsRestart = false;
    bool obConfigPresent = false;
    bool obConfigNamesMaster = false;
    QString obConfigMaster;  // address named in ob_config
    QString masterAddress;   // the master's address
    bool publishesOwnDescriptor = false;
    quint64 nodeDescriptorPeriod = 0;           // period of the node's current descriptor
    quint64 publishedPeriodWithNodeIntros = 0;  // a published descriptor's period that carries the
                                                // node's intro points and differs from the node's (0 = none)
    qint64 publishedAgeMinutes = -1;            // since the last publication (-1 = never/unknown)
    int introPointsNotPublished = 0;   // node's established intro points missing from the published descriptors
    int publishedIntroPointsGone = 0;  // published intro points of this node no longer in its descriptor
    int staleAfterMinutes = 120;       // republish at least this often (HSDirs drop after 180)
};

class Intro2Diagnosis {
    Q_DECLARE_TR_FUNCTIONS(Intro2Diagnosis)

public:
    static constexpr qint64 kHsDirDropMinutes = 180;

    // Builds the context from the fleet's plain data.
    [[nodiscard]] static Intro2Context contextFor(const balancer::NodeHealth& node,
                                                  const balancer::PublicationState& publication,
                                                  const QString& masterAddress, const QDateTime& now);
    // Ranked causes, most likely first. Empty when nothing is wrong.
    [[nodiscard]] static QList<Intro2Finding> diagnose(const balancer::Intro2Stats& stats,
                                                       const Intro2Context& context);
    // Convenience: contextFor + diagnose.
    [[nodiscard]] static QList<Intro2Finding> diagnose(const balancer::NodeHealth& node,
                                                       const balancer::PublicationState& publication,
                                                       const QString& masterAddress, const QDateTime& now);
    // Stable identifiers, e.g. for logs, tests and rbctl --json.
    [[nodiscard]] static QString causeId(Intro2Cause cause);
    [[nodiscard]] static QString actionId(Intro2Action action);
};

}  // namespace rb::diagnostics
