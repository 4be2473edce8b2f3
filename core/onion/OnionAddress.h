#pragma once
// v3 onion address: base32(A | CHECKSUM[0:2] | VERSION), 56 characters,
// CHECKSUM = SHA3-256(".onion checksum" | A | VERSION), VERSION = 0x03.

#include "util/Result.h"

#include <QByteArray>
#include <QString>
#include <QStringView>

namespace rb::onion {

class OnionAddress {
public:
    OnionAddress() = default;
    // Accepts "<56 chars>" or "<56 chars>.onion" (any case; surrounding
    // whitespace ignored). Validates length, alphabet, version and checksum.
    static Result<OnionAddress> parse(QStringView text);
    static Result<OnionAddress> fromPublicKey(const QByteArray& publicKey);

    [[nodiscard]] const QByteArray& publicKey() const { return m_publicKey; }
    // 56 lower-case characters, no ".onion".
    [[nodiscard]] QString serviceId() const;
    // "<service id>.onion"
    [[nodiscard]] QString toString() const;
    [[nodiscard]] bool isValid() const { return m_publicKey.size() == 32; }
    friend bool operator==(const OnionAddress& a, const OnionAddress& b) { return a.m_publicKey == b.m_publicKey; }

private:
    QByteArray m_publicKey;
};

}  // namespace rb::onion
