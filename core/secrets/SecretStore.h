#pragma once
// ISecretStore on the system keychain through QtKeychain (Secret Service /
// KWallet on Linux, Keychain on macOS, Credential Manager on Windows).
//  - asynchronous jobs parented to the store, deleted when done;
//  - setInsecureFallback(false) always: a secret is never written to a plain
//    file when no keychain is available - the call fails instead;
//  - secrets are written as binary data; what the job hands back is copied
//    into a SecretBuffer at once and the transient QByteArray wiped;
//  - on Linux, one retry after a short delay when the backend looks absent
//    (the Secret Service may still be starting at login);
//  - every QtKeychain error code becomes a typed rb::Error that says what to do.
// Copies made inside QtKeychain / libsecret (e.g. base64 for the Secret
// Service) are outside our reach.

#include "secrets/ISecretStore.h"

#include <QObject>

#include <memory>

namespace rb::secrets {

class SecretStore : public QObject, public ISecretStore {
    Q_OBJECT
public:
    // Mirrors QKeychain::Error without exposing QtKeychain's header.
    enum class KeychainFailure {
        EntryNotFound,
        CouldNotDeleteEntry,
        AccessDeniedByUser,
        AccessDenied,
        NoBackendAvailable,
        NotImplemented,
        OtherError,
    };
    enum class Operation { Read, Write, Remove };

    explicit SecretStore(QObject* parent = nullptr);
    ~SecretStore() override;

    void read(const QString& key, ReadCallback done) override;
    void write(const QString& key, const crypto::SecretBuffer& secret, DoneCallback done) override;
    void remove(const QString& key, DoneCallback done) override;

    // Delay before the single Linux retry (default 1500 ms; 0 disables the retry).
    void setRetryDelay(int milliseconds) { m_retryDelayMs = milliseconds; }
    [[nodiscard]] int retryDelay() const { return m_retryDelayMs; }
    // Number of retries performed so far (diagnostics, tests).
    [[nodiscard]] int retriesPerformed() const { return m_retries; }

    // Pure: the operator-facing error for a keychain failure.
    static Error mapError(KeychainFailure failure, const QString& backendMessage, const QString& key, Operation op);
    static bool isRetryable(KeychainFailure failure);

private:
    void startRead(const QString& key, ReadCallback done, int attempt);
    void startWrite(const QString& key, std::shared_ptr<crypto::SecretBuffer> secret, DoneCallback done, int attempt);
    void startRemove(const QString& key, DoneCallback done, int attempt);
    bool shouldRetry(KeychainFailure failure, int attempt) const;

    int m_retryDelayMs = 1500;
    int m_retries = 0;
};

}  // namespace rb::secrets
