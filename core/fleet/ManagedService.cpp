#include "fleet/ManagedService.h"

#include "onion/OnionAddress.h"
#include "secrets/ISecretStore.h"

#include <QDir>
#include <QSet>

namespace rb::fleet {

QString ManagedService::keychainKey() const
{
    auto k = secrets::ISecretStore::masterSeedKey(onionAddress);
    return k ? k.value() : QString();
}

Status ManagedService::validate() const
{
    if (!onionAddress.isEmpty()) {
        auto a = onion::OnionAddress::parse(onionAddress);
        if (!a) {
            return makeError(a.error().code, QStringLiteral("Service address: ") + a.error().message);
        }
    }
    if (seedLocation == SeedLocation::KeyFile) {
        if (keyFile.isEmpty() || !QDir::isAbsolutePath(keyFile) || keyFile.contains(QLatin1Char('\n')) ||
            keyFile.contains(QChar(0))) {
            return makeError(
                ErrorCode::InvalidArgument,
                QStringLiteral("The service key file must be an absolute path (got '%1').").arg(keyFile.left(120)));
        }
    } else if (!keyFile.isEmpty()) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("The service seed is in the keychain; remove the key file path or switch to a "
                                        "key file."));
    }
    return {};
}

QStringList ManagedService::missingFields() const
{
    QStringList m;
    if (onionAddress.isEmpty()) {
        m << QStringLiteral("master onion address (import the master key to derive it)");
    }
    return m;
}

QJsonObject ManagedService::toJson() const
{
    QJsonObject seed;
    if (seedLocation == SeedLocation::KeyFile) {
        seed.insert(QStringLiteral("keyFile"), keyFile);
    } else {
        seed.insert(QStringLiteral("keychainEntry"), keychainKey());
    }
    return QJsonObject{{QStringLiteral("onionAddress"), onionAddress}, {QStringLiteral("seed"), seed}};
}

Result<ManagedService> ManagedService::fromJson(const QJsonObject& o)
{
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (it.key() != QLatin1String("onionAddress") && it.key() != QLatin1String("seed")) {
            return makeError(ErrorCode::ParseError,
                             QStringLiteral("Unknown field '%1' in the service section of the fleet file (the seed "
                                            "itself never belongs there).")
                                 .arg(it.key().left(60)));
        }
    }
    ManagedService s;
    s.onionAddress = o.value(QStringLiteral("onionAddress")).toString();
    if (!s.onionAddress.isEmpty()) {
        RB_TRY(const onion::OnionAddress a, onion::OnionAddress::parse(s.onionAddress));
        s.onionAddress = a.toString();
    }
    const QJsonObject seed = o.value(QStringLiteral("seed")).toObject();
    if (seed.size() != 1 ||
        !(seed.contains(QStringLiteral("keyFile")) || seed.contains(QStringLiteral("keychainEntry")))) {
        return makeError(ErrorCode::ParseError,
                         QStringLiteral("The service seed location must be either {\"keychainEntry\": ...} or "
                                        "{\"keyFile\": \"/path\"}."));
    }
    if (seed.contains(QStringLiteral("keyFile"))) {
        s.seedLocation = SeedLocation::KeyFile;
        s.keyFile = seed.value(QStringLiteral("keyFile")).toString();
    } else {
        s.seedLocation = SeedLocation::Keychain;
        const QString entry = seed.value(QStringLiteral("keychainEntry")).toString();
        if (entry != s.keychainKey()) {
            return makeError(ErrorCode::ParseError,
                             QStringLiteral("The keychain entry of the service seed must be '%1' (a reference, not "
                                            "the seed).")
                                 .arg(s.keychainKey()));
        }
    }
    RB_TRY_STATUS(s.validate());
    return s;
}

}  // namespace rb::fleet
