#pragma once
// In-memory ISecretStore for tests and the UI's demo mode, with fault
// injection: failNext() makes the next operation(s) fail with a given error.
// Completions are delivered from the event loop, like the real keychain.

#include "secrets/ISecretStore.h"

#include <QList>
#include <QMap>
#include <QObject>

#include <map>
#include <memory>
#include <optional>

namespace rb::secrets {

class MemorySecretStore : public QObject, public ISecretStore {
    Q_OBJECT
public:
    explicit MemorySecretStore(QObject* parent = nullptr);
    ~MemorySecretStore() override;

    void read(const QString& key, ReadCallback done) override;
    void write(const QString& key, const crypto::SecretBuffer& secret, DoneCallback done) override;
    void remove(const QString& key, DoneCallback done) override;

    // The next `count` operations fail with `error`.
    void failNext(Error error, int count = 1);
    [[nodiscard]] bool contains(const QString& key) const;
    [[nodiscard]] QStringList keys() const;
    [[nodiscard]] int operations() const { return m_operations; }

private:
    std::optional<Error> takeFault();
    std::map<QString, crypto::SecretBuffer> m_entries;
    QList<Error> m_faults;
    int m_operations = 0;
};

}  // namespace rb::secrets
