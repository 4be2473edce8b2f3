#pragma once
// Where a deployment gets the master key from, without it ever touching a
// file or a command line on this machine:
//  - the OS keychain (ISecretStore, entry ISecretStore::masterSeedKey(address));
//    the entry holds the 32-byte seed or tor's 96-byte secret key file;
//  - a key file with strict permissions (KeyFileSource: regular file, ours,
//    0600/0400), in any format MasterIdentity::importBytes understands.
// Both check that the key belongs to the expected address when one is given.

#include "onion/MasterIdentity.h"
#include "secrets/ISecretStore.h"
#include "util/Result.h"

#include <QString>

#include <functional>

namespace rb::deploy {

class MasterKeySource {
public:
    using Callback = std::function<void(Result<onion::MasterIdentity>)>;

    static void fromKeychain(secrets::ISecretStore& store, const QString& address, Callback done);
    // expectedAddress empty: any key.
    static Result<onion::MasterIdentity> fromKeyFile(const QString& path, const QString& expectedAddress = {});
    // Fails unless identity's address is `address` (when not empty).
    static Status checkAddress(const onion::MasterIdentity& identity, const QString& address);
};

}  // namespace rb::deploy
