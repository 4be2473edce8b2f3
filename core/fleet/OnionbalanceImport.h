#pragma once
// Imports an Onionbalance v3 config.yaml:
//   services:
//   - key: /path/to/master.key        # relative paths: relative to the YAML file
//     instances:
//     - address: <backend>.onion
//       name: node1
// Each instance becomes a DISABLED node (named after the instance) that still
// needs its SSH target and control endpoint; the service points at the key
// file. What must be completed is reported, one line each.

#include "fleet/FleetConfig.h"
#include "util/Result.h"

#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringList>

namespace rb::fleet {

class OnionbalanceImport {
public:
    struct Instance {
        QString address;  // "<56>.onion"
        QString name;     // as written (may be empty)
    };
    struct Service {
        QString keyPath;  // absolute after resolution
        QList<Instance> instances;
    };
    struct Outcome {
        FleetConfig fleet;
        QStringList todo;      // what the operator must complete
        QStringList warnings;  // what was skipped or renamed
    };

    // baseDir resolves relative key paths.
    static Result<QList<Service>> parse(QByteArrayView yaml, const QString& baseDir);
    // Merges service `serviceIndex` into `existing` (nodes with existing names are skipped).
    static Result<Outcome> toFleet(const QList<Service>& services, FleetConfig existing, int serviceIndex = 0);
    static Result<Outcome> importFile(const QString& yamlPath, FleetConfig existing, int serviceIndex = 0);
};

}  // namespace rb::fleet
