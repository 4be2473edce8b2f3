#pragma once
// Link specifiers of an introduction point (tor-spec §5.1.2, trunnel
// link_specifier_list): n_spec u8, then per spec: type u8 | len u8 | body.
// Unknown types are kept byte for byte so a merged descriptor re-encodes them.

#include "util/Result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <cstdint>

namespace rb::descriptor {

struct LinkSpecifier {
    enum Type : std::uint8_t { IPv4 = 0, IPv6 = 1, LegacyId = 2, Ed25519Id = 3 };

    std::uint8_t type = 0;
    QByteArray body;  // raw body: IPv4 addr4|port2, IPv6 addr16|port2, RSA id 20, ed25519 id 32, or unknown

    static LinkSpecifier ipv4(std::uint32_t address, std::uint16_t port);
    static LinkSpecifier ipv6(QByteArrayView address16, std::uint16_t port);
    static LinkSpecifier legacyId(QByteArrayView rsaId20);
    static LinkSpecifier ed25519Id(QByteArrayView key32);

    // "IPv4 1.2.3.4:9001", "legacy-id $HEX", "ed25519-id <b64>", "type 7 (n bytes)".
    [[nodiscard]] QString describe() const;

    // Decodes a whole list; a known type with a body of the wrong length is
    // an error (as in trunnel), and trailing bytes are an error (as in tor).
    static Result<QList<LinkSpecifier>> decodeList(QByteArrayView raw);
    static void encodeList(const QList<LinkSpecifier>& specs, QByteArray& out);

    friend bool operator==(const LinkSpecifier& a, const LinkSpecifier& b)
    {
        return a.type == b.type && a.body == b.body;
    }
};

}  // namespace rb::descriptor
