#include "control/Syntax.h"

#include <QString>

namespace rb::control {

namespace {

bool isKeyChar(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

bool isOctal(char c)
{
    return c >= '0' && c <= '7';
}

Error injectionError(const char* what)
{
    return makeError(ErrorCode::InvalidArgument,
                     QStringLiteral("A control-port argument contains %1; such values cannot be sent to tor")
                         .arg(QLatin1String(what)));
}

Status checkNoLineBreaks(QByteArrayView v)
{
    for (const char c : v) {
        if (c == '\r' || c == '\n') {
            return injectionError("a line break");
        }
        if (c == '\0') {
            return injectionError("a NUL byte");
        }
    }
    return {};
}

}  // namespace

std::optional<QByteArray> Fields::value(QByteArrayView key) const
{
    for (const auto& [k, v] : keywords) {
        if (k == key) {
            return v;
        }
    }
    return std::nullopt;
}

Result<std::pair<QByteArray, qsizetype>> readQuoted(QByteArrayView text)
{
    if (text.isEmpty() || text[0] != '"') {
        return makeError(ErrorCode::ParseError, QStringLiteral("Expected a quoted string from tor"));
    }
    QByteArray out;
    qsizetype i = 1;
    while (i < text.size()) {
        const char c = text[i];
        if (c == '"') {
            return std::pair<QByteArray, qsizetype>{out, i + 1};
        }
        if (c != '\\') {
            out.append(c);
            ++i;
            continue;
        }
        if (i + 1 >= text.size()) {
            break;
        }
        const char e = text[i + 1];
        if (e == 'n') {
            out.append('\n');
            i += 2;
        } else if (e == 't') {
            out.append('\t');
            i += 2;
        } else if (e == 'r') {
            out.append('\r');
            i += 2;
        } else if (isOctal(e)) {
            // \0 … \377: up to three octal digits.
            int v = 0;
            qsizetype j = i + 1;
            int n = 0;
            while (j < text.size() && n < 3 && isOctal(text[j]) && v * 8 + (text[j] - '0') <= 0377) {
                v = v * 8 + (text[j] - '0');
                ++j;
                ++n;
            }
            out.append(static_cast<char>(v));
            i = j;
        } else {
            out.append(e);
            i += 2;
        }
    }
    return makeError(ErrorCode::ParseError, QStringLiteral("tor sent an unterminated quoted string"));
}

Result<QByteArray> unquote(QByteArrayView quoted)
{
    RB_TRY(auto r, readQuoted(quoted));
    if (r.second != quoted.size()) {
        return makeError(ErrorCode::ParseError, QStringLiteral("tor sent text after a quoted string"));
    }
    return std::move(r.first);
}

Result<Fields> parseFields(QByteArrayView text, qsizetype maxTokens)
{
    Fields f;
    qsizetype i = 0;
    qsizetype tokens = 0;
    const qsizetype n = text.size();
    while (i < n) {
        while (i < n && text[i] == ' ') {
            ++i;
        }
        if (i >= n) {
            break;
        }
        if (++tokens > maxTokens) {
            return makeError(ErrorCode::TooLarge,
                             QStringLiteral("tor sent a line with more than %1 fields").arg(maxTokens));
        }
        if (text[i] == '"') {
            RB_TRY(auto q, readQuoted(text.sliced(i)));
            f.positional.append(std::move(q.first));
            i += q.second;
            continue;
        }
        qsizetype k = i;
        while (k < n && isKeyChar(text[k])) {
            ++k;
        }
        if (k > i && k < n && text[k] == '=') {
            QByteArray key = text.sliced(i, k - i).toByteArray();
            qsizetype v = k + 1;
            if (v < n && text[v] == '"') {
                RB_TRY(auto q, readQuoted(text.sliced(v)));
                f.keywords.append(std::make_pair(std::move(key), std::move(q.first)));
                i = v + q.second;
            } else {
                qsizetype e = v;
                while (e < n && text[e] != ' ') {
                    ++e;
                }
                f.keywords.append(std::make_pair(std::move(key), text.sliced(v, e - v).toByteArray()));
                i = e;
            }
            continue;
        }
        qsizetype e = i;
        while (e < n && text[e] != ' ') {
            ++e;
        }
        f.positional.append(text.sliced(i, e - i).toByteArray());
        i = e;
    }
    return f;
}

std::pair<QByteArray, std::optional<QByteArray>> splitKeyValue(QByteArrayView text)
{
    const qsizetype eq = text.indexOf('=');
    if (eq < 0) {
        return {text.toByteArray(), std::nullopt};
    }
    return {text.first(eq).toByteArray(), text.sliced(eq + 1).toByteArray()};
}

Result<QByteArray> quoteArgument(QByteArrayView value)
{
    RB_TRY_STATUS(checkNoLineBreaks(value));
    QByteArray out;
    out.reserve(value.size() + 2);
    out.append('"');
    for (const char c : value) {
        if (c == '\\' || c == '"') {
            out.append('\\');
        }
        out.append(c);
    }
    out.append('"');
    return out;
}

Result<QByteArray> checkToken(QByteArrayView token)
{
    RB_TRY_STATUS(checkNoLineBreaks(token));
    if (token.isEmpty()) {
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("A control-port argument is empty"));
    }
    for (const char c : token) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u >= 0x7f || c == '"' || c == '\\') {
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("A control-port argument contains a space, quote or non-printable "
                                            "character: %1")
                                 .arg(printable(token, 60)));
        }
    }
    return token.toByteArray();
}

Result<QByteArray> configValue(QByteArrayView value)
{
    RB_TRY_STATUS(checkNoLineBreaks(value));
    bool plain = !value.isEmpty();
    for (const char c : value) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u >= 0x7f || c == '"' || c == '\\' || c == '#') {
            plain = false;
            break;
        }
    }
    if (plain) {
        return value.toByteArray();
    }
    return quoteArgument(value);
}

Status checkCommandLine(QByteArrayView line)
{
    return checkNoLineBreaks(line);
}

QByteArray escapeDataBlock(QByteArrayView body)
{
    QByteArray out;
    out.reserve(body.size() + body.size() / 32 + 8);
    bool startOfLine = true;
    for (qsizetype i = 0; i < body.size(); ++i) {
        const char c = body[i];
        if (c == '\r' && i + 1 < body.size() && body[i + 1] == '\n') {
            continue;  // normalised below when the LF arrives
        }
        if (c == '\n') {
            out.append("\r\n", 2);
            startOfLine = true;
            continue;
        }
        if (startOfLine && c == '.') {
            out.append('.');
        }
        startOfLine = false;
        out.append(c);
    }
    if (!out.endsWith("\r\n")) {
        out.append("\r\n", 2);
    }
    out.append(".\r\n", 3);
    return out;
}

QByteArray LongName::toString() const
{
    QByteArray out = '$' + fingerprint;
    if (!nickname.isEmpty()) {
        out += '~' + nickname;
    }
    return out;
}

Result<LongName> parseLongName(QByteArrayView text)
{
    if (text.startsWith('$')) {
        text = text.sliced(1);
    }
    qsizetype sep = text.indexOf('~');
    if (sep < 0) {
        sep = text.indexOf('=');
    }
    const QByteArrayView fp = sep < 0 ? text : text.first(sep);
    const QByteArrayView nick = sep < 0 ? QByteArrayView() : text.sliced(sep + 1);
    bool ok = fp.size() == 40;
    for (const char c : fp) {
        ok = ok && ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f'));
    }
    if (!ok) {
        return makeError(ErrorCode::ParseError,
                         QStringLiteral("tor sent a malformed relay name: %1").arg(printable(text, 80)));
    }
    if (nick.size() > 19) {
        return makeError(ErrorCode::ParseError,
                         QStringLiteral("tor sent a malformed relay nickname: %1").arg(printable(nick, 40)));
    }
    for (const char c : nick) {
        if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
            return makeError(ErrorCode::ParseError,
                             QStringLiteral("tor sent a malformed relay nickname: %1").arg(printable(nick, 40)));
        }
    }
    return LongName{fp.toByteArray().toUpper(), nick.toByteArray()};
}

QString printable(QByteArrayView text, qsizetype maxLength)
{
    QString out;
    const qsizetype n = std::min(text.size(), maxLength);
    out.reserve(n + 3);
    for (qsizetype i = 0; i < n; ++i) {
        const auto u = static_cast<unsigned char>(text[i]);
        if (u >= 0x20 && u < 0x7f) {
            out.append(QChar(u));
        } else {
            out.append(QStringLiteral("\\x%1").arg(u, 2, 16, QLatin1Char('0')));
        }
    }
    if (text.size() > maxLength) {
        out.append(QStringLiteral("..."));
    }
    return out;
}

}  // namespace rb::control
