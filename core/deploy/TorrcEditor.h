#pragma once
// Pure edits of a torrc for the deployer (no I/O).
//
// apply() makes the torrc run the master identity from HiddenServiceDir:
//  - every line that configured that same HiddenServiceDir (the HiddenServiceDir
//    line and the per-service HiddenService* lines that follow it, up to the
//    next HiddenServiceDir) and every global PublishHidServDescriptors line is
//    disabled by prefixing it with "#rustbalance-console-disabled: ";
//  - a marked block is appended:
//      # BEGIN rustbalance-console managed block ...
//      # master: <addr>.onion
//      # backup: <backup dir on the node>
//      PublishHidServDescriptors 0
//      HiddenServiceDir <dir>
//      HiddenServicePort <virtual> <target>      (the node's ports, else the disabled section's)
//      HiddenServiceOnionbalanceInstance 1
//      <the disabled section's other per-service options, e.g. NumIntroductionPoints>
//      # END rustbalance-console managed block
//  - an existing managed block is replaced (remove() first).
// remove() drops the block and re-enables the disabled lines, so
// remove(apply(x)) == x for a torrc that ends with a newline.
//
// Every value written must be safe in a torrc line (no whitespace, quotes,
// backslashes, '#', control characters): anything else is refused rather
// than quoted, so a hostile path can never add a torrc line.

#include "fleet/NodeConfig.h"
#include "util/Result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <optional>

namespace rb::deploy {

struct ManagedBlock {
    QString masterAddress;  // "<56>.onion"
    QString hiddenServiceDir;
    QList<fleet::PortMapping> ports;  // empty: keep the ports of the disabled section
    QString backupDir;                // on the node; recorded for undeploy
};

struct ManagedBlockInfo {
    QString masterAddress;
    QString hiddenServiceDir;
    QString backupDir;
};

class TorrcEditor {
public:
    static constexpr qsizetype kMaxTorrcSize = 1024 * 1024;

    static QByteArray beginMarker();     // "# BEGIN rustbalance-console managed block"
    static QByteArray endMarker();       // "# END rustbalance-console managed block"
    static QByteArray disabledPrefix();  // "#rustbalance-console-disabled: "

    static Result<QByteArray> apply(QByteArrayView torrc, const ManagedBlock& block);
    static Result<QByteArray> remove(QByteArrayView torrc);
    // The managed block's recorded facts, nullopt if there is none.
    static Result<std::optional<ManagedBlockInfo>> findManagedBlock(QByteArrayView torrc);
    // Values of the HiddenServicePort lines configuring `hiddenServiceDir` (outside a managed block).
    static Result<QStringList> servicePorts(QByteArrayView torrc, const QString& hiddenServiceDir);

    // A value we are willing to write unquoted into a torrc line.
    static Status validateTorrcValue(QStringView value, const QString& what);
};

}  // namespace rb::deploy
