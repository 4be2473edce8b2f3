#include "secrets/SecretStore.h"

#include <QTimer>
#include <qt6keychain/keychain.h>

#include <sodium.h>

namespace rb::secrets {

namespace {

SecretStore::KeychainFailure toFailure(QKeychain::Error e)
{
    switch (e) {
    case QKeychain::EntryNotFound:
        return SecretStore::KeychainFailure::EntryNotFound;
    case QKeychain::CouldNotDeleteEntry:
        return SecretStore::KeychainFailure::CouldNotDeleteEntry;
    case QKeychain::AccessDeniedByUser:
        return SecretStore::KeychainFailure::AccessDeniedByUser;
    case QKeychain::AccessDenied:
        return SecretStore::KeychainFailure::AccessDenied;
    case QKeychain::NoBackendAvailable:
        return SecretStore::KeychainFailure::NoBackendAvailable;
    case QKeychain::NotImplemented:
        return SecretStore::KeychainFailure::NotImplemented;
    case QKeychain::NoError:
    case QKeychain::OtherError:
        break;
    }
    return SecretStore::KeychainFailure::OtherError;
}

// Wipes the bytes of a QByteArray WITHOUT detaching: the buffer is shared with
// the finished keychain job, and that shared copy is the one we want zeroed.
void wipeShared(QByteArray& bytes)
{
    if (!bytes.isEmpty()) {
        sodium_memzero(const_cast<char*>(bytes.constData()), static_cast<size_t>(bytes.size()));
    }
    bytes = QByteArray();
}

template <typename Job> Job* newJob(QObject* parent, const QString& key)
{
    auto* job = new Job(ISecretStore::serviceName(), parent);
    job->setAutoDelete(false);        // we delete it after reading its result
    job->setInsecureFallback(false);  // never a plaintext file
    job->setKey(key);
    return job;
}

}  // namespace

SecretStore::SecretStore(QObject* parent) : QObject(parent)
{
}

SecretStore::~SecretStore()
{
    // Pending jobs are children and die with us; their callbacks are dropped.
    for (QKeychain::Job* job : findChildren<QKeychain::Job*>(QString(), Qt::FindDirectChildrenOnly)) {
        job->disconnect(this);
    }
}

bool SecretStore::isRetryable(KeychainFailure failure)
{
    return failure == KeychainFailure::NoBackendAvailable || failure == KeychainFailure::OtherError;
}

bool SecretStore::shouldRetry(KeychainFailure failure, int attempt) const
{
#ifdef Q_OS_LINUX
    return attempt == 0 && m_retryDelayMs > 0 && isRetryable(failure);
#else
    Q_UNUSED(failure);
    Q_UNUSED(attempt);
    return false;
#endif
}

Error SecretStore::mapError(KeychainFailure failure, const QString& backendMessage, const QString& key, Operation op)
{
    const QString what = op == Operation::Read    ? QStringLiteral("read")
                         : op == Operation::Write ? QStringLiteral("store")
                                                  : QStringLiteral("delete");
    switch (failure) {
    case KeychainFailure::EntryNotFound:
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("The keychain has no entry '%1'; store the secret first (import the key or "
                                        "set the password).")
                             .arg(key),
                         backendMessage);
    case KeychainFailure::CouldNotDeleteEntry:
        return makeError(ErrorCode::IoError,
                         QStringLiteral("The keychain could not delete '%1'; remove it with your keychain manager "
                                        "(Seahorse, KWalletManager, Keychain Access or Credential Manager).")
                             .arg(key),
                         backendMessage);
    case KeychainFailure::AccessDeniedByUser:
        return makeError(ErrorCode::PermissionDenied,
                         QStringLiteral("Access to the keychain was denied when asked; allow RustBalance Console to %1 "
                                        "'%2' and retry.")
                             .arg(what, key),
                         backendMessage);
    case KeychainFailure::AccessDenied:
        return makeError(ErrorCode::PermissionDenied,
                         QStringLiteral("The keychain refused to %1 '%2'; unlock your keychain (login keyring) and "
                                        "retry.")
                             .arg(what, key),
                         backendMessage);
    case KeychainFailure::NoBackendAvailable:
        return makeError(ErrorCode::Unavailable,
                         QStringLiteral("No system keychain is available to %1 '%2'; start or install one "
                                        "(gnome-keyring or KWallet on Linux) and retry. Secrets are never written "
                                        "to plain files.")
                             .arg(what, key),
                         backendMessage);
    case KeychainFailure::NotImplemented:
        return makeError(ErrorCode::Unsupported,
                         QStringLiteral("The keychain on this platform cannot %1 secrets; use a key file with strict "
                                        "permissions instead.")
                             .arg(what),
                         backendMessage);
    case KeychainFailure::OtherError:
        break;
    }
    return makeError(ErrorCode::Unavailable,
                     QStringLiteral("The system keychain failed to %1 '%2'; make sure a Secret Service (gnome-keyring "
                                    "or KWallet) is running and unlocked, then retry. Secrets are never written to "
                                    "plain files.")
                         .arg(what, key),
                     backendMessage);
}

void SecretStore::read(const QString& key, ReadCallback done)
{
    if (auto st = validateKey(key); !st) {
        done(st.error());
        return;
    }
    startRead(key, std::move(done), 0);
}

void SecretStore::startRead(const QString& key, ReadCallback done, int attempt)
{
    auto* job = newJob<QKeychain::ReadPasswordJob>(this, key);
    connect(job, &QKeychain::Job::finished, this,
            [this, job, key, attempt, done = std::move(done)](QKeychain::Job*) mutable {
                job->deleteLater();
                if (job->error() != QKeychain::NoError) {
                    const auto failure = toFailure(job->error());
                    if (shouldRetry(failure, attempt)) {
                        ++m_retries;
                        QTimer::singleShot(m_retryDelayMs, this, [this, key, done = std::move(done)]() mutable {
                            startRead(key, std::move(done), 1);
                        });
                        return;
                    }
                    done(mapError(failure, job->errorString(), key, Operation::Read));
                    return;
                }
                QByteArray data = job->binaryData();
                crypto::SecretBuffer secret = crypto::SecretBuffer::fromBytes(data);
                wipeShared(data);
                done(std::move(secret));
            });
    job->start();
}

void SecretStore::write(const QString& key, const crypto::SecretBuffer& secret, DoneCallback done)
{
    if (auto st = validateKey(key); !st) {
        done(st.error());
        return;
    }
    if (secret.isEmpty()) {
        done(makeError(ErrorCode::InvalidArgument,
                       QStringLiteral("Refusing to store an empty secret as '%1'.").arg(key)));
        return;
    }
    startWrite(key, std::make_shared<crypto::SecretBuffer>(secret.clone()), std::move(done), 0);
}

void SecretStore::startWrite(const QString& key, std::shared_ptr<crypto::SecretBuffer> secret, DoneCallback done,
                             int attempt)
{
    auto* job = newJob<QKeychain::WritePasswordJob>(this, key);
    // Shared with the job; wiped in place once the job has finished.
    auto payload = std::make_shared<QByteArray>(secret->view().toByteArray());
    job->setBinaryData(*payload);
    connect(job, &QKeychain::Job::finished, this,
            [this, job, key, attempt, secret, payload, done = std::move(done)](QKeychain::Job*) mutable {
                job->deleteLater();
                wipeShared(*payload);
                if (job->error() != QKeychain::NoError) {
                    const auto failure = toFailure(job->error());
                    if (shouldRetry(failure, attempt)) {
                        ++m_retries;
                        QTimer::singleShot(m_retryDelayMs, this, [this, key, secret, done = std::move(done)]() mutable {
                            startWrite(key, secret, std::move(done), 1);
                        });
                        return;
                    }
                    done(mapError(failure, job->errorString(), key, Operation::Write));
                    return;
                }
                done(Status{});
            });
    job->start();
}

void SecretStore::remove(const QString& key, DoneCallback done)
{
    if (auto st = validateKey(key); !st) {
        done(st.error());
        return;
    }
    startRemove(key, std::move(done), 0);
}

void SecretStore::startRemove(const QString& key, DoneCallback done, int attempt)
{
    auto* job = newJob<QKeychain::DeletePasswordJob>(this, key);
    connect(job, &QKeychain::Job::finished, this,
            [this, job, key, attempt, done = std::move(done)](QKeychain::Job*) mutable {
                job->deleteLater();
                if (job->error() == QKeychain::EntryNotFound) {
                    done(Status{});  // already gone
                    return;
                }
                if (job->error() != QKeychain::NoError) {
                    const auto failure = toFailure(job->error());
                    if (shouldRetry(failure, attempt)) {
                        ++m_retries;
                        QTimer::singleShot(m_retryDelayMs, this, [this, key, done = std::move(done)]() mutable {
                            startRemove(key, std::move(done), 1);
                        });
                        return;
                    }
                    done(mapError(failure, job->errorString(), key, Operation::Remove));
                    return;
                }
                done(Status{});
            });
    job->start();
}

}  // namespace rb::secrets
