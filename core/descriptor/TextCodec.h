#pragma once
// Base64 as tor's descriptors use it, written for the hot path: one pass,
// output sized up front, no per-byte appends. Decoding skips whitespace
// (object bodies are wrapped at 64 columns) and accepts missing padding, as
// tor's base64_decode() does.

#include <QByteArray>
#include <QByteArrayView>

namespace rb::descriptor {

class TextCodec {
public:
    // Decodes base64 (whitespace ignored, padding optional). Returns false on
    // a character outside the alphabet, data after padding or a dangling
    // 6-bit group.
    static bool base64Decode(QByteArrayView text, QByteArray& out);
    // Decodes and requires exactly expectedSize bytes.
    static bool base64DecodeExact(QByteArrayView text, qsizetype expectedSize, QByteArray& out);
    // Appends base64 of data on one line (padded or not).
    static void appendBase64(QByteArray& out, QByteArrayView data, bool pad);
    // Appends base64 of data in 64-column lines, each ending with '\n'
    // (tor's BASE64_ENCODE_MULTILINE).
    static void appendBase64Multiline(QByteArray& out, QByteArrayView data);
    // Appends "-----BEGIN <type>-----\n<multiline b64>-----END <type>-----"
    // (no trailing newline, as tor writes it).
    static void appendPem(QByteArray& out, QByteArrayView type, QByteArrayView data);
    // Appends the decimal form of v.
    static void appendNumber(QByteArray& out, quint64 v);
    // Parses a decimal unsigned integer (no sign, no spaces, no leading '+').
    static bool parseU64(QByteArrayView text, quint64& value);
};

}  // namespace rb::descriptor
