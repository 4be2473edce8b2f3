#pragma once
// One introduction point of the inner (encrypted) layer, as tor writes it
// (hs_descriptor.c: encode_intro_point):
//   introduction-point <b64 link specifiers>
//   onion-key ntor <b64 curve25519>
//   auth-key
//   <ED25519 CERT 0x09: auth key, signed by the descriptor signing key>
//   enc-key ntor <b64 curve25519>
//   enc-key-cert
//   <ED25519 CERT 0x0B: enc key in ed25519 form, signed by the descriptor signing key>
//   [legacy-key / legacy-key-cert]  (kept verbatim; a merger cannot re-sign them)

#include "descriptor/DocumentReader.h"
#include "descriptor/Ed25519Cert.h"
#include "descriptor/LinkSpecifier.h"
#include "util/Result.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace rb::descriptor {

class IntroPoint {
public:
    QList<LinkSpecifier> linkSpecifiers;
    QByteArray onionKey;           // ntor onion key (curve25519, 32 bytes)
    Ed25519Cert authKeyCert;       // 0x09; certifiedKey() is the intro auth key
    QByteArray encKey;             // ntor enc key (curve25519, 32 bytes)
    Ed25519Cert encKeyCert;        // 0x0B; certifiedKey() is encKey in ed25519 form (sign bit 0)
    QByteArray legacyKeyText;      // "legacy-key ..." + "legacy-key-cert ..." verbatim, empty when absent
    QList<QByteArray> extraItems;  // other items (e.g. non-ntor onion-key lines), verbatim

    [[nodiscard]] QByteArrayView authKey() const { return authKeyCert.certifiedKey(); }
    // RSA identity (20 bytes) / ed25519 identity (32 bytes) of the intro
    // relay from the link specifiers; empty when absent.
    [[nodiscard]] QByteArray legacyId() const;
    [[nodiscard]] QByteArray ed25519Id() const;
    // Short human description: addresses and relay id.
    [[nodiscard]] QString describe() const;

    // Parses one section (starting with "introduction-point "). Structure
    // only: certificates are decoded but not verified.
    static Result<IntroPoint> parse(QByteArrayView section);
    // Same, from already tokenized items; text is the buffer they point into.
    static Result<IntroPoint> fromItems(const DocItem* items, qsizetype count);

    // Appends tor's text for this intro point, ending with '\n'.
    void encodeTo(QByteArray& out) const;
    [[nodiscard]] QByteArray encode() const;

    friend bool operator==(const IntroPoint& a, const IntroPoint& b)
    {
        return a.linkSpecifiers == b.linkSpecifiers && a.onionKey == b.onionKey && a.authKeyCert == b.authKeyCert &&
               a.encKey == b.encKey && a.encKeyCert == b.encKeyCert && a.legacyKeyText == b.legacyKeyText &&
               a.extraItems == b.extraItems;
    }
};

// Decodes a curve25519 key in base64 (43 chars unpadded or 44 padded, as
// tor's curve25519_public_from_base64 accepts).
bool decodeCurve25519Base64(QByteArrayView text, QByteArray& out);

}  // namespace rb::descriptor
