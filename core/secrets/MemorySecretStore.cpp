#include "secrets/MemorySecretStore.h"

#include <QTimer>

namespace rb::secrets {

MemorySecretStore::MemorySecretStore(QObject* parent) : QObject(parent)
{
}
MemorySecretStore::~MemorySecretStore() = default;

void MemorySecretStore::failNext(Error error, int count)
{
    for (int i = 0; i < count; ++i) {
        m_faults.append(error);
    }
}

std::optional<Error> MemorySecretStore::takeFault()
{
    ++m_operations;
    if (m_faults.isEmpty()) {
        return std::nullopt;
    }
    return m_faults.takeFirst();
}

bool MemorySecretStore::contains(const QString& key) const
{
    return m_entries.count(key) != 0;
}

QStringList MemorySecretStore::keys() const
{
    QStringList k;
    for (const auto& [name, value] : m_entries) {
        k << name;
    }
    return k;
}

void MemorySecretStore::read(const QString& key, ReadCallback done)
{
    auto fault = takeFault();
    if (!fault) {
        if (auto st = validateKey(key); !st) {
            fault = st.error();
        } else if (!contains(key)) {
            fault = makeError(ErrorCode::NotFound, QStringLiteral("The keychain has no entry '%1'.").arg(key));
        }
    }
    auto value = fault ? std::shared_ptr<crypto::SecretBuffer>()
                       : std::make_shared<crypto::SecretBuffer>(m_entries.at(key).clone());
    QTimer::singleShot(0, this, [fault, value, done = std::move(done)]() mutable {
        if (fault) {
            done(*fault);
        } else {
            done(std::move(*value));
        }
    });
}

void MemorySecretStore::write(const QString& key, const crypto::SecretBuffer& secret, DoneCallback done)
{
    auto fault = takeFault();
    if (!fault) {
        if (auto st = validateKey(key); !st) {
            fault = st.error();
        } else {
            m_entries[key] = secret.clone();
        }
    }
    QTimer::singleShot(0, this, [fault, done = std::move(done)]() mutable { done(fault ? Status(*fault) : Status{}); });
}

void MemorySecretStore::remove(const QString& key, DoneCallback done)
{
    auto fault = takeFault();
    if (!fault) {
        m_entries.erase(key);
    }
    QTimer::singleShot(0, this, [fault, done = std::move(done)]() mutable { done(fault ? Status(*fault) : Status{}); });
}

}  // namespace rb::secrets
