#include "deploy/MasterKeySource.h"

#include "secrets/KeyFileSource.h"

namespace rb::deploy {

Status MasterKeySource::checkAddress(const onion::MasterIdentity& identity, const QString& address)
{
    if (address.isEmpty()) {
        return {};
    }
    auto want = onion::OnionAddress::parse(address);
    if (!want) {
        return want.error();
    }
    if (want->serviceId() != identity.address().serviceId()) {
        return makeError(ErrorCode::BadKey,
                         QStringLiteral("The key is for %1, not for the fleet's address %2; use the right key.")
                             .arg(identity.address().toString(), want->toString()));
    }
    return {};
}

void MasterKeySource::fromKeychain(secrets::ISecretStore& store, const QString& address, Callback done)
{
    auto key = secrets::ISecretStore::masterSeedKey(address);
    if (!key) {
        done(key.error());
        return;
    }
    store.read(*key, [address, done = std::move(done)](Result<crypto::SecretBuffer> secret) {
        if (!secret) {
            done(secret.error());
            return;
        }
        auto identity = onion::MasterIdentity::importBytes(secret->view());
        if (!identity) {
            done(makeError(identity.error().code,
                           QStringLiteral("The keychain entry for %1 does not hold a usable master key: %2")
                               .arg(address, identity.error().message)));
            return;
        }
        if (Status st = checkAddress(*identity, address); !st) {
            done(st.error());
            return;
        }
        done(std::move(identity));
    });
}

Result<onion::MasterIdentity> MasterKeySource::fromKeyFile(const QString& path, const QString& expectedAddress)
{
    RB_TRY(crypto::SecretBuffer bytes, secrets::KeyFileSource::readFile(path));
    RB_TRY(onion::MasterIdentity identity, onion::MasterIdentity::importBytes(bytes.view()));
    RB_TRY_STATUS(checkAddress(identity, expectedAddress));
    return identity;
}

}  // namespace rb::deploy
