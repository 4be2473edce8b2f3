#include "descriptor/LinkSpecifier.h"

#include <QHostAddress>

#include <cstring>

namespace rb::descriptor {

namespace {
qsizetype fixedLength(std::uint8_t type)
{
    switch (type) {
    case LinkSpecifier::IPv4: return 6;
    case LinkSpecifier::IPv6: return 18;
    case LinkSpecifier::LegacyId: return 20;
    case LinkSpecifier::Ed25519Id: return 32;
    default: return -1;
    }
}

std::uint16_t portAt(const QByteArray& b, qsizetype i)
{
    return static_cast<std::uint16_t>((static_cast<unsigned>(static_cast<std::uint8_t>(b[i])) << 8) |
                                      static_cast<std::uint8_t>(b[i + 1]));
}
}  // namespace

LinkSpecifier LinkSpecifier::ipv4(std::uint32_t address, std::uint16_t port)
{
    QByteArray b(6, Qt::Uninitialized);
    b[0] = static_cast<char>(address >> 24);
    b[1] = static_cast<char>(address >> 16);
    b[2] = static_cast<char>(address >> 8);
    b[3] = static_cast<char>(address);
    b[4] = static_cast<char>(port >> 8);
    b[5] = static_cast<char>(port);
    return {IPv4, b};
}

LinkSpecifier LinkSpecifier::ipv6(QByteArrayView address16, std::uint16_t port)
{
    QByteArray b = address16.first(qMin<qsizetype>(16, address16.size())).toByteArray();
    b.resize(16, '\0');
    b.append(static_cast<char>(port >> 8));
    b.append(static_cast<char>(port));
    return {IPv6, b};
}

LinkSpecifier LinkSpecifier::legacyId(QByteArrayView rsaId20) { return {LegacyId, rsaId20.toByteArray()}; }

LinkSpecifier LinkSpecifier::ed25519Id(QByteArrayView key32) { return {Ed25519Id, key32.toByteArray()}; }

QString LinkSpecifier::describe() const
{
    switch (type) {
    case IPv4:
        if (body.size() == 6) {
            const quint32 a = (static_cast<quint32>(static_cast<std::uint8_t>(body[0])) << 24) |
                              (static_cast<quint32>(static_cast<std::uint8_t>(body[1])) << 16) |
                              (static_cast<quint32>(static_cast<std::uint8_t>(body[2])) << 8) |
                              static_cast<std::uint8_t>(body[3]);
            return QStringLiteral("IPv4 %1:%2").arg(QHostAddress(a).toString()).arg(portAt(body, 4));
        }
        break;
    case IPv6:
        if (body.size() == 18) {
            Q_IPV6ADDR raw;
            std::memcpy(raw.c, body.constData(), 16);
            return QStringLiteral("IPv6 [%1]:%2").arg(QHostAddress(raw).toString()).arg(portAt(body, 16));
        }
        break;
    case LegacyId: return QStringLiteral("legacy-id $%1").arg(QString::fromLatin1(body.toHex().toUpper()));
    case Ed25519Id:
        return QStringLiteral("ed25519-id %1")
            .arg(QString::fromLatin1(body.toBase64(QByteArray::OmitTrailingEquals)));
    default: break;
    }
    return QStringLiteral("type %1 (%2 bytes)").arg(type).arg(body.size());
}

Result<QList<LinkSpecifier>> LinkSpecifier::decodeList(QByteArrayView raw)
{
    if (raw.isEmpty()) {
        return makeError(ErrorCode::ParseError, QStringLiteral("Intro point link specifier list is empty"));
    }
    const int n = static_cast<std::uint8_t>(raw[0]);
    QList<LinkSpecifier> out;
    out.reserve(n);
    qsizetype pos = 1;
    for (int i = 0; i < n; ++i) {
        if (raw.size() - pos < 2) {
            return makeError(ErrorCode::ParseError, QStringLiteral("Intro point link specifiers are truncated"),
                             QStringLiteral("specifier %1 of %2").arg(i + 1).arg(n));
        }
        const auto type = static_cast<std::uint8_t>(raw[pos]);
        const qsizetype len = static_cast<std::uint8_t>(raw[pos + 1]);
        pos += 2;
        if (raw.size() - pos < len) {
            return makeError(ErrorCode::ParseError, QStringLiteral("Intro point link specifiers are truncated"),
                             QStringLiteral("specifier %1 claims %2 bytes").arg(i + 1).arg(len));
        }
        const qsizetype want = fixedLength(type);
        if (want >= 0 && want != len) {
            return makeError(ErrorCode::ParseError,
                             QStringLiteral("Intro point link specifier of type %1 has the wrong length").arg(type),
                             QStringLiteral("%1 bytes, expected %2").arg(len).arg(want));
        }
        out.append(LinkSpecifier{type, raw.sliced(pos, len).toByteArray()});
        pos += len;
    }
    if (pos != raw.size()) {
        return makeError(ErrorCode::ParseError, QStringLiteral("Intro point link specifiers have trailing bytes"));
    }
    return out;
}

void LinkSpecifier::encodeList(const QList<LinkSpecifier>& specs, QByteArray& out)
{
    out.append(static_cast<char>(static_cast<std::uint8_t>(specs.size())));
    for (const auto& s : specs) {
        out.append(static_cast<char>(s.type));
        out.append(static_cast<char>(static_cast<std::uint8_t>(s.body.size())));
        out.append(s.body);
    }
}

}  // namespace rb::descriptor
