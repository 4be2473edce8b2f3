#include "descriptor/TextCodec.h"

#include <array>
#include <cstdint>

namespace rb::descriptor {

namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// 0..63 value, 64 whitespace, 65 padding, 255 invalid.
constexpr std::uint8_t kWhite = 64;
constexpr std::uint8_t kPad = 65;
constexpr std::uint8_t kBad = 255;

constexpr std::array<std::uint8_t, 256> makeTable()
{
    std::array<std::uint8_t, 256> t{};
    for (auto& v : t) {
        v = kBad;
    }
    for (int i = 0; i < 64; ++i) {
        t[static_cast<std::uint8_t>(kAlphabet[i])] = static_cast<std::uint8_t>(i);
    }
    t[static_cast<std::uint8_t>(' ')] = kWhite;
    t[static_cast<std::uint8_t>('\n')] = kWhite;
    t[static_cast<std::uint8_t>('\r')] = kWhite;
    t[static_cast<std::uint8_t>('\t')] = kWhite;
    t[static_cast<std::uint8_t>('=')] = kPad;
    return t;
}

constexpr std::array<std::uint8_t, 256> kTable = makeTable();

}  // namespace

bool TextCodec::base64Decode(QByteArrayView text, QByteArray& out)
{
    out.resize((text.size() / 4) * 3 + 3);
    auto* dst = reinterpret_cast<std::uint8_t*>(out.data());
    std::uint8_t* const begin = dst;
    std::uint32_t acc = 0;
    int n = 0;
    int pad = 0;
    const auto* p = reinterpret_cast<const std::uint8_t*>(text.data());
    const auto* const end = p + text.size();
    for (; p < end; ++p) {
        const std::uint8_t v = kTable[*p];
        if (v < 64) {
            if (pad != 0) {
                out.clear();
                return false;
            }
            acc = (acc << 6) | v;
            if (++n == 4) {
                *dst++ = static_cast<std::uint8_t>(acc >> 16);
                *dst++ = static_cast<std::uint8_t>(acc >> 8);
                *dst++ = static_cast<std::uint8_t>(acc);
                acc = 0;
                n = 0;
            }
        } else if (v == kWhite) {
            continue;
        } else if (v == kPad) {
            ++pad;
        } else {
            out.clear();
            return false;
        }
    }
    if (n == 1 || pad > 2 || (pad != 0 && n + pad != 4)) {
        out.clear();
        return false;
    }
    if (n == 2) {
        *dst++ = static_cast<std::uint8_t>(acc >> 4);
    } else if (n == 3) {
        *dst++ = static_cast<std::uint8_t>(acc >> 10);
        *dst++ = static_cast<std::uint8_t>(acc >> 2);
    }
    out.resize(dst - begin);
    return true;
}

bool TextCodec::base64DecodeExact(QByteArrayView text, qsizetype expectedSize, QByteArray& out)
{
    return base64Decode(text, out) && out.size() == expectedSize;
}

void TextCodec::appendBase64(QByteArray& out, QByteArrayView data, bool pad)
{
    const qsizetype full = data.size() / 3;
    const qsizetype rest = data.size() % 3;
    const qsizetype encLen = full * 4 + (rest == 0 ? 0 : (pad ? 4 : rest + 1));
    const qsizetype start = out.size();
    out.resize(start + encLen);
    char* d = out.data() + start;
    const auto* s = reinterpret_cast<const std::uint8_t*>(data.data());
    for (qsizetype i = 0; i < full; ++i, s += 3) {
        const std::uint32_t v = (std::uint32_t{s[0]} << 16) | (std::uint32_t{s[1]} << 8) | s[2];
        *d++ = kAlphabet[(v >> 18) & 63U];
        *d++ = kAlphabet[(v >> 12) & 63U];
        *d++ = kAlphabet[(v >> 6) & 63U];
        *d++ = kAlphabet[v & 63U];
    }
    if (rest == 1) {
        const std::uint32_t v = std::uint32_t{s[0]} << 16;
        *d++ = kAlphabet[(v >> 18) & 63U];
        *d++ = kAlphabet[(v >> 12) & 63U];
        if (pad) {
            *d++ = '=';
            *d++ = '=';
        }
    } else if (rest == 2) {
        const std::uint32_t v = (std::uint32_t{s[0]} << 16) | (std::uint32_t{s[1]} << 8);
        *d++ = kAlphabet[(v >> 18) & 63U];
        *d++ = kAlphabet[(v >> 12) & 63U];
        *d++ = kAlphabet[(v >> 6) & 63U];
        if (pad) {
            *d++ = '=';
        }
    }
}

void TextCodec::appendBase64Multiline(QByteArray& out, QByteArrayView data)
{
    // 48 input bytes make one full 64-column line.
    const qsizetype encLen = ((data.size() + 2) / 3) * 4;
    const qsizetype lines = (encLen + 63) / 64;
    out.reserve(out.size() + encLen + lines);
    qsizetype off = 0;
    while (off < data.size()) {
        const qsizetype chunk = qMin<qsizetype>(48, data.size() - off);
        appendBase64(out, data.sliced(off, chunk), true);
        out.append('\n');
        off += chunk;
    }
}

void TextCodec::appendPem(QByteArray& out, QByteArrayView type, QByteArrayView data)
{
    out.append("-----BEGIN ");
    out.append(type);
    out.append("-----\n");
    appendBase64Multiline(out, data);
    out.append("-----END ");
    out.append(type);
    out.append("-----");
}

void TextCodec::appendNumber(QByteArray& out, quint64 v)
{
    char buf[24];
    int i = 0;
    do {
        buf[i++] = static_cast<char>('0' + (v % 10));
        v /= 10;
    } while (v != 0);
    while (i > 0) {
        out.append(buf[--i]);
    }
}

bool TextCodec::parseU64(QByteArrayView text, quint64& value)
{
    if (text.isEmpty() || text.size() > 20) {
        return false;
    }
    quint64 v = 0;
    for (char c : text) {
        if (c < '0' || c > '9') {
            return false;
        }
        const auto digit = static_cast<quint64>(c - '0');
        if (v > (~quint64{0} - digit) / 10) {
            return false;
        }
        v = v * 10 + digit;
    }
    value = v;
    return true;
}

}  // namespace rb::descriptor
