#include "hsdir/Microdescriptor.h"

#include "crypto/Base32.h"

#include <QCryptographicHash>

namespace rb::hsdir {

namespace {

Error mdError(const QString& detail)
{
    return makeError(ErrorCode::ParseError,
                     QStringLiteral("The microdescriptor text from tor is malformed; fetch it again (GETINFO md/all)"),
                     detail);
}

bool startsWithKeyword(QByteArrayView line, QByteArrayView keyword)
{
    return line.startsWith(keyword) && (line.size() == keyword.size() || line[keyword.size()] == ' ' ||
                                         line[keyword.size()] == '\t');
}

// Splits "kw a b c" on spaces/tabs, skipping empty pieces.
QList<QByteArrayView> splitArgs(QByteArrayView line)
{
    QList<QByteArrayView> out;
    qsizetype i = 0;
    while (i < line.size()) {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) {
            ++i;
        }
        const qsizetype start = i;
        while (i < line.size() && line[i] != ' ' && line[i] != '\t') {
            ++i;
        }
        if (i > start) {
            out.append(line.sliced(start, i - start));
        }
    }
    return out;
}

Result<QByteArray> decodeKey32(QByteArrayView b64, const char* what)
{
    if (b64.size() != 43 && !(b64.size() == 44 && b64.endsWith('='))) {
        return mdError(QStringLiteral("%1: expected 43 base64 characters").arg(QLatin1String(what)));
    }
    auto raw = crypto::base64DecodeStrict(b64);
    if (!raw.ok() || raw->size() != 32) {
        return mdError(QStringLiteral("%1: not a 32-byte base64 key").arg(QLatin1String(what)));
    }
    return std::move(raw).value();
}

Result<Microdescriptor> parseBody(QByteArrayView body)
{
    Microdescriptor md;
    md.digest = QCryptographicHash::hash(body, QCryptographicHash::Sha256);
    bool haveNtor = false;
    bool inObject = false;
    bool first = true;
    qsizetype pos = 0;
    while (pos < body.size()) {
        qsizetype nl = body.indexOf('\n', pos);
        if (nl < 0) {
            nl = body.size();
        }
        const QByteArrayView line = body.sliced(pos, nl - pos);
        pos = nl + 1;
        if (inObject) {
            if (line.startsWith("-----END ")) {
                inObject = false;
            }
            continue;
        }
        if (first) {
            first = false;
            if (!startsWithKeyword(line, "onion-key") || splitArgs(line).size() != 1) {
                return mdError(QStringLiteral("a microdescriptor must start with \"onion-key\""));
            }
            continue;
        }
        if (line.startsWith("-----BEGIN ")) {
            inObject = true;
            continue;
        }
        if (startsWithKeyword(line, "ntor-onion-key")) {
            const auto args = splitArgs(line);
            if (haveNtor || args.size() < 2) {
                return mdError(QStringLiteral("ntor-onion-key missing an argument or repeated"));
            }
            RB_TRY(md.ntorOnionKey, decodeKey32(args[1], "ntor-onion-key"));
            haveNtor = true;
        } else if (startsWithKeyword(line, "id")) {
            const auto args = splitArgs(line);
            if (args.size() < 3) {
                return mdError(QStringLiteral("\"id\" line needs a key type and a key"));
            }
            if (args[1] == "ed25519") {
                if (!md.ed25519Id.isEmpty()) {
                    return mdError(QStringLiteral("extra ed25519 key in a microdescriptor"));
                }
                RB_TRY(md.ed25519Id, decodeKey32(args[2], "id ed25519"));
            }
        } else if (startsWithKeyword(line, "onion-key")) {
            return mdError(QStringLiteral("repeated onion-key"));
        }
        // Other keywords (a, family, family-ids, p, p6, ...) do not matter here.
    }
    if (inObject) {
        return mdError(QStringLiteral("unterminated -----BEGIN object"));
    }
    if (!haveNtor) {
        return mdError(QStringLiteral("microdescriptor without ntor-onion-key"));
    }
    return md;
}

}  // namespace

Result<QList<Microdescriptor>> Microdescriptor::parseAll(QByteArrayView text) { return parseAll(text, Limits{}); }

Result<QList<Microdescriptor>> Microdescriptor::parseAll(QByteArrayView text, const Limits& limits)
{
    if (text.size() > limits.maxTotalBytes) {
        return makeError(ErrorCode::TooLarge,
                         QStringLiteral("The microdescriptor text is larger than %1 bytes; refusing to parse it")
                             .arg(limits.maxTotalBytes));
    }
    if (text.contains('\0')) {
        return mdError(QStringLiteral("NUL byte in microdescriptor text"));
    }
    QByteArray doc = text.toByteArray();
    if (doc.contains('\r')) {
        doc.replace("\r\n", "\n");
    }

    QList<Microdescriptor> out;
    qsizetype pos = 0;
    const qsizetype n = doc.size();
    // Skip leading whitespace (tor: eat_whitespace_eos).
    while (pos < n && (doc[pos] == ' ' || doc[pos] == '\t' || doc[pos] == '\n')) {
        ++pos;
    }
    qsizetype bodyStart = -1;
    auto finishBody = [&](qsizetype end) -> Status {
        if (bodyStart < 0) {
            return {};
        }
        QByteArray body = doc.sliced(bodyStart, end - bodyStart);
        if (!body.endsWith('\n')) {
            body.append('\n');  // every body tor stores ends with a newline
        }
        if (body.size() > limits.maxBodyBytes) {
            return makeError(ErrorCode::TooLarge,
                             QStringLiteral("A microdescriptor is larger than %1 bytes").arg(limits.maxBodyBytes));
        }
        if (out.size() >= limits.maxCount) {
            return makeError(ErrorCode::TooLarge,
                             QStringLiteral("More than %1 microdescriptors; refusing to parse them").arg(limits.maxCount));
        }
        RB_TRY(Microdescriptor md, parseBody(body));
        out.append(std::move(md));
        bodyStart = -1;
        return {};
    };

    while (pos < n) {
        qsizetype nl = doc.indexOf('\n', pos);
        const qsizetype lineEnd = nl < 0 ? n : nl;
        const QByteArrayView line = QByteArrayView(doc).sliced(pos, lineEnd - pos);
        if (line.startsWith('@')) {
            RB_TRY_STATUS(finishBody(pos));  // annotations end a body and are not hashed
        } else if (startsWithKeyword(line, "onion-key")) {
            RB_TRY_STATUS(finishBody(pos));
            bodyStart = pos;
        } else if (bodyStart < 0 && !line.trimmed().isEmpty()) {
            return mdError(QStringLiteral("text before the first \"onion-key\" line"));
        }
        pos = nl < 0 ? n : nl + 1;
    }
    RB_TRY_STATUS(finishBody(n));
    return out;
}

}  // namespace rb::hsdir
