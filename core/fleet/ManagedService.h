#pragma once
// The onion service the fleet runs: its public master address and WHERE its
// seed is (a keychain entry or a key file path) - never the seed itself.

#include "util/Result.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace rb::fleet {

struct ManagedService {
    enum class SeedLocation { Keychain, KeyFile };

    QString onionAddress;  // "<56 chars>.onion"; may be empty until the key is imported
    SeedLocation seedLocation = SeedLocation::Keychain;
    QString keyFile;  // SeedLocation::KeyFile: absolute local path (0600/0400)

    // "v1/master-seed/<service id>" (empty without an address).
    [[nodiscard]] QString keychainKey() const;
    [[nodiscard]] Status validate() const;
    [[nodiscard]] QStringList missingFields() const;
    [[nodiscard]] QJsonObject toJson() const;
    static Result<ManagedService> fromJson(const QJsonObject& object);
};

}  // namespace rb::fleet
