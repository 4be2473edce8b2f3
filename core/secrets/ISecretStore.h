#pragma once
// Where secrets (master seeds, control passwords) are kept: the system
// keychain through SecretStore, or a fake in tests/UI (MemorySecretStore).
// Asynchronous: every call completes exactly once through its callback, on
// the caller's thread, from the event loop (never from inside the call for the
// keychain, possibly from inside the call for validation errors).
//
// Keys are versioned and namespaced so their format can migrate:
//   service "RustBalance Console"
//   "v1/master-seed/<56-char service id>"
//   "v1/control-password/<node name>"

#include "crypto/SecretBuffer.h"
#include "util/Result.h"

#include <QString>

#include <functional>

namespace rb::secrets {

class ISecretStore {
public:
    using ReadCallback = std::function<void(Result<crypto::SecretBuffer>)>;
    using DoneCallback = std::function<void(Status)>;

    virtual ~ISecretStore() = default;
    ISecretStore() = default;
    ISecretStore(const ISecretStore&) = delete;
    ISecretStore& operator=(const ISecretStore&) = delete;

    virtual void read(const QString& key, ReadCallback done) = 0;
    virtual void write(const QString& key, const crypto::SecretBuffer& secret, DoneCallback done) = 0;
    // Removing a key that does not exist succeeds.
    virtual void remove(const QString& key, DoneCallback done) = 0;

    static QString serviceName();  // "RustBalance Console"
    // serviceId: the 56-character v3 onion service id (with or without ".onion").
    static Result<QString> masterSeedKey(const QString& serviceId);
    static Result<QString> controlPasswordKey(const QString& nodeName);
    // "v1/<kind>/<name>" with a known kind and a valid name.
    static Status validateKey(const QString& key);
};

}  // namespace rb::secrets
