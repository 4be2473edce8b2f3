#include "crypto/Base32.h"

namespace rb::crypto {

namespace {
constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz234567";

int b32val(char c)
{
    if (c >= 'a' && c <= 'z') return c - 'a';
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= '2' && c <= '7') return c - '2' + 26;
    return -1;
}

int b64val(char c)
{
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}
}  // namespace

QByteArray base32Encode(QByteArrayView data)
{
    QByteArray out;
    out.reserve((data.size() * 8 + 4) / 5);
    unsigned buffer = 0;
    int bits = 0;
    for (char ch : data) {
        buffer = (buffer << 8) | static_cast<unsigned char>(ch);
        bits += 8;
        while (bits >= 5) {
            out.append(kAlphabet[(buffer >> (bits - 5)) & 31U]);
            bits -= 5;
        }
    }
    if (bits > 0) {
        out.append(kAlphabet[(buffer << (5 - bits)) & 31U]);
    }
    return out;
}

Result<QByteArray> base32Decode(QByteArrayView text)
{
    QByteArray out;
    out.reserve(text.size() * 5 / 8);
    unsigned buffer = 0;
    int bits = 0;
    for (char ch : text) {
        const int v = b32val(ch);
        if (v < 0) {
            return makeError(ErrorCode::ParseError, QStringLiteral("Invalid base32 character"),
                             QStringLiteral("character code %1").arg(static_cast<int>(static_cast<unsigned char>(ch))));
        }
        buffer = (buffer << 5) | static_cast<unsigned>(v);
        bits += 5;
        if (bits >= 8) {
            out.append(static_cast<char>((buffer >> (bits - 8)) & 0xffU));
            bits -= 8;
        }
    }
    if (bits >= 5 || (buffer & ((1U << bits) - 1U)) != 0) {
        return makeError(ErrorCode::ParseError, QStringLiteral("Invalid base32 length or trailing bits"));
    }
    return out;
}

Result<QByteArray> base64DecodeStrict(QByteArrayView text)
{
    QByteArray out;
    out.reserve(text.size() * 3 / 4);
    unsigned buffer = 0;
    int bits = 0;
    int pad = 0;
    for (char ch : text) {
        if (ch == ' ' || ch == '\n' || ch == '\r' || ch == '\t') {
            continue;
        }
        if (ch == '=') {
            ++pad;
            continue;
        }
        if (pad > 0) {
            return makeError(ErrorCode::ParseError, QStringLiteral("Invalid base64: data after padding"));
        }
        const int v = b64val(ch);
        if (v < 0) {
            return makeError(ErrorCode::ParseError, QStringLiteral("Invalid base64 character"));
        }
        buffer = (buffer << 6) | static_cast<unsigned>(v);
        bits += 6;
        if (bits >= 8) {
            out.append(static_cast<char>((buffer >> (bits - 8)) & 0xffU));
            bits -= 8;
        }
    }
    if (pad > 2 || bits >= 6) {
        return makeError(ErrorCode::ParseError, QStringLiteral("Invalid base64 length"));
    }
    return out;
}

QByteArray base64EncodeUnpadded(QByteArrayView data)
{
    return data.toByteArray().toBase64(QByteArray::OmitTrailingEquals);
}

}  // namespace rb::crypto
