#pragma once
// The configuration check of one node, as a pure function over what the
// session gathered (PROTOCOL-NOTES §1):
//   - PublishHidServDescriptors 0 (a node publishing its own descriptor
//     replaces the merged one: last writer wins);
//   - the master's HiddenServiceDir has HiddenServiceOnionbalanceInstance 1
//     (tor 0.4.9 answers GETCONF HiddenServiceOptions with the
//     HiddenServiceDir line followed by that service's options, the key
//     spelled "HiddenServiceOnionBalanceInstance");
//   - the node serves the master address (its descriptor exists);
//   - <HiddenServiceDir>/ob_config names the master (only when the node's
//     files are reachable; otherwise "not verified", never a failure);
//   - no sign that the instance option was enabled by reload (tor's
//     "ob_subcreds" assertion warning): tor needs a restart.
// A failing node is excluded from the merge; each problem says what and how
// to fix it.

#include "balancer/FleetTypes.h"
#include "control/ControlClient.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

#include <optional>

namespace rb::balancer {

struct HiddenServiceGroup {
    QString dir;
    QList<QPair<QString, QString>> options;  // in tor's order, HiddenServiceDir excluded

    // Last value of `key` (case-insensitive), if set.
    [[nodiscard]] std::optional<QString> option(const QString& key) const;
    [[nodiscard]] bool onionbalanceInstance() const;
    // HiddenServiceNumIntroductionPoints (tor's default 3).
    [[nodiscard]] int numIntroductionPoints() const;

    // Splits GETCONF HiddenServiceOptions into services.
    static QList<HiddenServiceGroup> fromConf(const QList<control::ConfEntry>& entries);
};

struct NodeConfigInputs {
    QString masterAddress;                            // "<56>.onion"
    std::optional<QString> publishHidServDescriptors; // GETCONF value (nullopt: not read)
    std::optional<QList<HiddenServiceGroup>> services;  // GETCONF HiddenServiceOptions (nullopt: not read)
    QString configuredHiddenServiceDir;               // the operator's setting (may be empty)
    QString hiddenServiceDirByHostname;               // a dir whose hostname file names the master (may be empty)
    enum class Serves { Unknown, Yes, No };
    Serves servesMaster = Serves::Unknown;
    enum class FileState { NotRead, Content, Missing, Unreadable };
    FileState obConfig = FileState::NotRead;
    QByteArray obConfigContent;
    QString obConfigDetail;                           // why it could not be read
    bool reloadAssertionSeen = false;                 // "ob_subcreds" Bug warning seen
};

struct NodeConfigVerdict {
    ConfigCheck check = ConfigCheck::Unknown;
    NodeConfigFacts facts;
    QList<ConfigProblem> problems;  // failures first; advisories ("not verified") after
    QString hiddenServiceDir;       // of the master's service, when found
    int introPointsPerDescriptor = 3;
};

class NodeConfigCheck {
public:
    static NodeConfigVerdict evaluate(const NodeConfigInputs& in);
    // The MasterOnionAddress values in an ob_config file (as written, lower-cased).
    static QStringList obConfigMasters(QByteArrayView content);
    // "<56>[.onion]" in any case → "<56>.onion" lower-case; empty if malformed.
    static QString normalizeOnion(const QString& address);
};

}  // namespace rb::balancer
