#pragma once
// Control-port syntax helpers: reading "KEY=VALUE" fields and QuotedStrings
// from replies, and building safe command arguments. Pure functions.

#include "util/Result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <optional>
#include <utility>

namespace rb::control {

// Fields of one reply line, e.g. `CIRC 12 BUILT $A~a,$B~b PURPOSE=GENERAL
// SOCKS_USERNAME="x y"`: words without a KEY= prefix are positional, the rest
// are keywords (values unquoted). KEY must be [A-Za-z0-9_]+.
struct Fields {
    QList<QByteArray> positional;
    QList<std::pair<QByteArray, QByteArray>> keywords;

    // First value for key (case-sensitive), if present.
    [[nodiscard]] std::optional<QByteArray> value(QByteArrayView key) const;
    [[nodiscard]] bool contains(QByteArrayView key) const { return value(key).has_value(); }
};

// Splits a reply line into fields. Quoted values may contain spaces and
// escapes. ParseError on an unterminated quote; TooLarge past maxTokens.
Result<Fields> parseFields(QByteArrayView text, qsizetype maxTokens = 4096);

// Decodes a QuotedString that starts at text[0] == '"'. Tor emits CStrings
// (control-spec §2.1.1): \n \t \r and octal \0..\377 are C escapes, a
// backslash before any other character yields that character. Returns the
// decoded bytes and the number of input bytes consumed (quotes included).
Result<std::pair<QByteArray, qsizetype>> readQuoted(QByteArrayView text);
// Decodes a whole QuotedString (the input must be exactly one quoted string).
Result<QByteArray> unquote(QByteArrayView quoted);

// "key=value" → (key, value) with the value raw (GETINFO/GETCONF style; the
// value may contain spaces). No '=' → (text, nullopt).
std::pair<QByteArray, std::optional<QByteArray>> splitKeyValue(QByteArrayView text);

// Quotes a value for a command: "…" with backslash and double quote escaped.
// Rejects CR, LF and NUL (they would end or corrupt the command: injection).
Result<QByteArray> quoteArgument(QByteArrayView value);
// A bare argument (keyword, address, config key, fingerprint): non-empty,
// printable ASCII without space, quote or backslash.
Result<QByteArray> checkToken(QByteArrayView token);
// A value for SETCONF/RESETCONF: sent bare when it is a plain token, quoted
// otherwise; CR/LF/NUL rejected.
Result<QByteArray> configValue(QByteArrayView value);
// A whole command line must not contain CR, LF or NUL.
Status checkCommandLine(QByteArrayView line);

// CmdData for "+" commands (HSPOST): LF (or CRLF) → CRLF, a leading '.' on a
// line doubled, terminated by CRLF "." CRLF.
QByteArray escapeDataBlock(QByteArrayView body);

// A relay reference "$FP~nick" / "$FP=nick" / "$FP" (control-spec LongName).
struct LongName {
    QByteArray fingerprint;                     // 40 upper-case hex digits (legacy RSA id)
    QByteArray nickname;                        // may be empty
    [[nodiscard]] QByteArray toString() const;  // "$FP~nick" or "$FP"
};
Result<LongName> parseLongName(QByteArrayView text);

// Printable, length-capped rendering of peer-provided text for messages.
QString printable(QByteArrayView text, qsizetype maxLength = 200);

}  // namespace rb::control
