#include "hsdir/Consensus.h"

#include "crypto/Base32.h"
#include "hsdir/Microdescriptor.h"

#include <QDate>
#include <QHash>
#include <QSet>
#include <QTime>

#include <algorithm>
#include <cstring>
#include <limits>

namespace rb::hsdir {

namespace {

constexpr qsizetype kMaxKnownFlags = 256;
constexpr qsizetype kMaxFlagsPerRelay = 256;
constexpr qsizetype kMaxInterned = 1024;  // like tor's MAX_PROTOVER_SUMMARY_MAP_LEN

struct Line {
    qsizetype number = 0;  // 1-based, for error details
    QByteArrayView keyword;
    QList<QByteArrayView> args;
    QByteArrayView rest;  // everything after the keyword, leading blanks stripped
};

Error parseError(qsizetype lineNumber, const QString& what)
{
    return makeError(ErrorCode::ParseError,
                     QStringLiteral("The consensus from tor is malformed; fetch it again "
                                    "(GETINFO dir/status-vote/current/consensus-microdesc)"),
                     QStringLiteral("line %1: %2").arg(lineNumber).arg(what));
}

bool isBlank(char c) { return c == ' ' || c == '\t'; }
bool isDigit(char c) { return c >= '0' && c <= '9'; }

Line tokenize(QByteArrayView text, qsizetype number)
{
    Line line;
    line.number = number;
    qsizetype i = 0;
    const qsizetype n = text.size();
    while (i < n && isBlank(text[i])) {
        ++i;
    }
    qsizetype start = i;
    while (i < n && !isBlank(text[i])) {
        ++i;
    }
    line.keyword = text.sliced(start, i - start);
    while (i < n && isBlank(text[i])) {
        ++i;
    }
    line.rest = text.sliced(i);
    while (i < n) {
        start = i;
        while (i < n && !isBlank(text[i])) {
            ++i;
        }
        line.args.append(text.sliced(start, i - start));
        while (i < n && isBlank(text[i])) {
            ++i;
        }
    }
    return line;
}

// Unsigned decimal without sign or blanks, bounded.
bool parseUnsigned(QByteArrayView s, quint64 maxValue, quint64& out)
{
    if (s.isEmpty() || s.size() > 20) {
        return false;
    }
    quint64 v = 0;
    for (char c : s) {
        if (!isDigit(c)) {
            return false;
        }
        const auto d = static_cast<quint64>(c - '0');
        if (v > (maxValue - d) / 10) {
            return false;
        }
        v = v * 10 + d;
    }
    out = v;
    return true;
}

bool parseInt32(QByteArrayView s, qint64& out)
{
    bool negative = false;
    if (!s.isEmpty() && (s[0] == '-' || s[0] == '+')) {
        negative = s[0] == '-';
        s = s.sliced(1);
    }
    quint64 magnitude = 0;
    if (!parseUnsigned(s, quint64{1} << 31, magnitude)) {
        return false;
    }
    const qint64 v = negative ? -static_cast<qint64>(magnitude) : static_cast<qint64>(magnitude);
    if (v < std::numeric_limits<qint32>::min() || v > std::numeric_limits<qint32>::max()) {
        return false;
    }
    out = v;
    return true;
}

bool fixedDigits(QByteArrayView s, qsizetype from, qsizetype count, int& out)
{
    int v = 0;
    for (qsizetype i = from; i < from + count; ++i) {
        if (!isDigit(s[i])) {
            return false;
        }
        v = v * 10 + (s[i] - '0');
    }
    out = v;
    return true;
}

// "YYYY-MM-DD" "HH:MM:SS" (tor's parse_iso_time), UTC.
std::optional<QDateTime> parseIsoTime(QByteArrayView date, QByteArrayView time)
{
    if (date.size() != 10 || time.size() != 8 || date[4] != '-' || date[7] != '-' || time[2] != ':' ||
        time[5] != ':') {
        return std::nullopt;
    }
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
    if (!fixedDigits(date, 0, 4, y) || !fixedDigits(date, 5, 2, mo) || !fixedDigits(date, 8, 2, d) ||
        !fixedDigits(time, 0, 2, h) || !fixedDigits(time, 3, 2, mi) || !fixedDigits(time, 6, 2, s)) {
        return std::nullopt;
    }
    if (y < 1970) {
        return std::nullopt;
    }
    const QDate qd(y, mo, d);
    const QTime qt(h, mi, s);
    if (!qd.isValid() || !qt.isValid()) {
        return std::nullopt;
    }
    return QDateTime(qd, qt, Qt::UTC);
}

bool parseIPv4(QByteArrayView s, QString& out)
{
    int parts = 0;
    qsizetype i = 0;
    while (parts < 4) {
        const qsizetype start = i;
        int v = 0;
        while (i < s.size() && isDigit(s[i]) && i - start < 3) {
            v = v * 10 + (s[i] - '0');
            ++i;
        }
        if (i == start || v > 255) {
            return false;
        }
        ++parts;
        if (parts < 4) {
            if (i >= s.size() || s[i] != '.') {
                return false;
            }
            ++i;
        }
    }
    if (i != s.size()) {
        return false;
    }
    out = QString::fromLatin1(s);
    return true;
}

bool isLegalNickname(QByteArrayView s)
{
    if (s.isEmpty() || s.size() > 19) {
        return false;
    }
    return std::all_of(s.begin(), s.end(), [](char c) {
        return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    });
}

// Base64 of a fixed-size digest; tor accepts it without padding.
std::optional<QByteArray> decodeDigest(QByteArrayView b64, qsizetype bytes)
{
    const qsizetype unpadded = (bytes * 4 + 2) / 3;
    QByteArrayView body = b64;
    while (body.endsWith('=')) {
        body.chop(1);
    }
    if (body.size() != unpadded || b64.size() - body.size() > 2) {
        return std::nullopt;
    }
    auto raw = crypto::base64DecodeStrict(body);
    if (!raw.ok() || raw->size() != bytes) {
        return std::nullopt;
    }
    return std::move(raw).value();
}

// "<num_reveals> <base64 of 32 bytes, 44 chars>" (sr_parse_srv).
std::optional<std::pair<quint64, QByteArray>> parseSrv(const Line& line)
{
    if (line.args.size() != 2) {
        return std::nullopt;
    }
    quint64 reveals = 0;
    if (!parseUnsigned(line.args[0], std::numeric_limits<quint64>::max(), reveals)) {
        return std::nullopt;
    }
    if (line.args[1].size() != 44) {  // SR_SRV_VALUE_BASE64_LEN
        return std::nullopt;
    }
    auto value = decodeDigest(line.args[1], 32);
    if (!value) {
        return std::nullopt;
    }
    return std::make_pair(reveals, *value);
}

class Parser {
public:
    Parser(QByteArrayView doc, const Consensus::Limits& limits) : m_doc(doc), m_limits(limits) {}

    Result<Consensus> run();

private:
    bool nextLine(Line& line);
    Status headerLine(const Line& line);
    Status finishHeader(qsizetype lineNumber);
    Status relayLine(const Line& line);
    Status finishRelay(qsizetype lineNumber);
    Status markOnce(const Line& line, QSet<QByteArray>& seen);

    QByteArrayView m_doc;
    const Consensus::Limits& m_limits;
    qsizetype m_pos = 0;
    qsizetype m_lineNumber = 0;
    Consensus m_c;
    QSet<QByteArray> m_headerSeen;
    bool m_inRelay = false;
    Relay m_relay;
    QSet<QByteArray> m_relaySeen;
    qsizetype m_relayStartLine = 0;
    QHash<QByteArray, QStringList> m_flagsCache;
    QHash<QByteArray, QMap<QString, quint64>> m_protocolsCache;
};

bool Parser::nextLine(Line& line)
{
    if (m_pos >= m_doc.size()) {
        return false;
    }
    qsizetype nl = m_doc.indexOf('\n', m_pos);
    if (nl < 0) {
        nl = m_doc.size();
    }
    QByteArrayView text = m_doc.sliced(m_pos, nl - m_pos);
    if (text.endsWith('\r')) {
        text.chop(1);
    }
    m_pos = nl + 1;
    ++m_lineNumber;
    line = tokenize(text, m_lineNumber);
    return true;
}

Status Parser::markOnce(const Line& line, QSet<QByteArray>& seen)
{
    const QByteArray kw = line.keyword.toByteArray();
    if (seen.contains(kw)) {
        return parseError(line.number, QStringLiteral("\"%1\" appears twice").arg(QString::fromLatin1(kw)));
    }
    seen.insert(kw);
    return {};
}

Status Parser::headerLine(const Line& line)
{
    const QByteArrayView kw = line.keyword;
    if (kw == "vote-status") {
        RB_TRY_STATUS(markOnce(line, m_headerSeen));
        if (line.args.isEmpty() || line.args[0] != "consensus") {
            return makeError(ErrorCode::Unsupported,
                             QStringLiteral("This document is not a consensus (vote-status is not \"consensus\")"),
                             QStringLiteral("line %1").arg(line.number));
        }
    } else if (kw == "consensus-method") {
        RB_TRY_STATUS(markOnce(line, m_headerSeen));
        quint64 method = 0;
        if (line.args.size() != 1 || !parseUnsigned(line.args[0], std::numeric_limits<qint32>::max(), method) ||
            method < 1) {
            return parseError(line.number, QStringLiteral("bad consensus-method"));
        }
        m_c.consensusMethod = static_cast<int>(method);
    } else if (kw == "valid-after" || kw == "fresh-until" || kw == "valid-until") {
        RB_TRY_STATUS(markOnce(line, m_headerSeen));
        if (line.args.size() != 2) {
            return parseError(line.number, QStringLiteral("%1 needs \"YYYY-MM-DD HH:MM:SS\"")
                                               .arg(QString::fromLatin1(kw)));
        }
        const auto t = parseIsoTime(line.args[0], line.args[1]);
        if (!t) {
            return parseError(line.number, QStringLiteral("bad time in %1").arg(QString::fromLatin1(kw)));
        }
        (kw == "valid-after" ? m_c.validAfter : kw == "fresh-until" ? m_c.freshUntil : m_c.validUntil) = *t;
    } else if (kw == "voting-delay") {
        RB_TRY_STATUS(markOnce(line, m_headerSeen));
        quint64 vote = 0;
        quint64 dist = 0;
        if (line.args.size() < 2 || !parseUnsigned(line.args[0], std::numeric_limits<qint32>::max(), vote) ||
            !parseUnsigned(line.args[1], std::numeric_limits<qint32>::max(), dist)) {
            return parseError(line.number, QStringLiteral("voting-delay needs two non-negative integers"));
        }
        m_c.voteSeconds = static_cast<qint64>(vote);
        m_c.distSeconds = static_cast<qint64>(dist);
    } else if (kw == "known-flags") {
        RB_TRY_STATUS(markOnce(line, m_headerSeen));
        if (line.args.size() > kMaxKnownFlags) {
            return makeError(ErrorCode::TooLarge, QStringLiteral("The consensus lists too many known flags"),
                             QStringLiteral("line %1").arg(line.number));
        }
        for (qsizetype i = 0; i < line.args.size(); ++i) {
            if (i > 0 && !(line.args[i - 1] < line.args[i])) {
                return parseError(line.number, QStringLiteral("known-flags not in strictly increasing order"));
            }
            m_c.knownFlags.append(QString::fromLatin1(line.args[i]));
        }
    } else if (kw == "params") {
        RB_TRY_STATUS(markOnce(line, m_headerSeen));
        if (line.args.size() > m_limits.maxParams) {
            return makeError(ErrorCode::TooLarge, QStringLiteral("The consensus has too many parameters"),
                             QStringLiteral("line %1: %2 > %3").arg(line.number).arg(line.args.size()).arg(m_limits.maxParams));
        }
        QByteArrayView previousName;
        for (qsizetype i = 0; i < line.args.size(); ++i) {
            const QByteArrayView arg = line.args[i];
            const qsizetype eq = arg.indexOf('=');
            qint64 value = 0;
            if (eq <= 0 || !parseInt32(arg.sliced(eq + 1), value)) {
                return parseError(line.number, QStringLiteral("bad element '%1' in params").arg(QString::fromLatin1(arg)));
            }
            const QByteArrayView name = arg.first(eq);
            if (i > 0 && !(line.args[i - 1] < arg)) {
                return parseError(line.number, QStringLiteral("params not in order"));
            }
            if (i > 0 && name == previousName) {
                return parseError(line.number, QStringLiteral("duplicate parameter %1").arg(QString::fromLatin1(name)));
            }
            previousName = name;
            m_c.params.insert(QString::fromLatin1(name), value);
        }
    } else if (kw == "shared-rand-previous-value" || kw == "shared-rand-current-value") {
        RB_TRY_STATUS(markOnce(line, m_headerSeen));
        const bool previous = kw == "shared-rand-previous-value";
        const auto srv = parseSrv(line);
        if (!srv) {
            // tor logs "SR: Unparseable SRV" and carries on without it (the
            // disaster SRV is used then); do the same, but say so.
            m_c.warnings.append(QStringLiteral("line %1: unparseable %2; treated as absent")
                                    .arg(line.number)
                                    .arg(QString::fromLatin1(kw)));
        } else if (previous) {
            m_c.srvPreviousReveals = srv->first;
            m_c.srvPrevious = srv->second;
        } else {
            m_c.srvCurrentReveals = srv->first;
            m_c.srvCurrent = srv->second;
        }
    } else if (kw == "client-versions" || kw == "server-versions" || kw == "recommended-client-protocols" ||
               kw == "recommended-relay-protocols" || kw == "required-client-protocols" ||
               kw == "required-relay-protocols") {
        RB_TRY_STATUS(markOnce(line, m_headerSeen));
    } else if (kw == "network-status-version") {
        return parseError(line.number, QStringLiteral("second network-status-version (more than one document?)"));
    }
    // dir-source, contact, vote-digest, opt and unknown keywords: not needed.
    return {};
}

Status Parser::finishHeader(qsizetype lineNumber)
{
    for (const char* required : {"vote-status", "valid-after", "fresh-until", "valid-until", "voting-delay",
                                 "known-flags"}) {
        if (!m_headerSeen.contains(QByteArray(required))) {
            return parseError(lineNumber, QStringLiteral("missing \"%1\" in the header").arg(QLatin1String(required)));
        }
    }
    if (!(m_c.validAfter < m_c.freshUntil) || m_c.validUntil < m_c.freshUntil) {
        return parseError(lineNumber, QStringLiteral("times must satisfy valid-after < fresh-until <= valid-until"));
    }
    return {};
}

Status Parser::relayLine(const Line& line)
{
    const QByteArrayView kw = line.keyword;
    if (kw == "s") {
        RB_TRY_STATUS(markOnce(line, m_relaySeen));
        if (line.args.size() > kMaxFlagsPerRelay) {
            return parseError(line.number, QStringLiteral("too many flags"));
        }
        // Interned: a consensus has only a few distinct "s" and "pr" lines,
        // so relays share one implicitly shared copy (like tor's
        // protover_summary_map), which keeps ring building cache-friendly.
        const QByteArray key = line.rest.toByteArray();
        const auto cached = m_flagsCache.constFind(key);
        if (cached != m_flagsCache.constEnd()) {
            m_relay.flags = cached.value();
        } else {
            for (const auto& f : line.args) {
                m_relay.flags.append(QString::fromLatin1(f));
            }
            if (m_flagsCache.size() < kMaxInterned) {
                m_flagsCache.insert(key, m_relay.flags);
            }
        }
    } else if (kw == "v") {
        RB_TRY_STATUS(markOnce(line, m_relaySeen));
        m_relay.version = QString::fromLatin1(line.rest);
    } else if (kw == "pr") {
        RB_TRY_STATUS(markOnce(line, m_relaySeen));
        const QByteArray key = line.rest.toByteArray();
        const auto cached = m_protocolsCache.constFind(key);
        if (cached != m_protocolsCache.constEnd()) {
            m_relay.protocols = cached.value();
        } else {
            auto protocols = Relay::parseProtocols(line.rest);
            if (!protocols.ok()) {
                return parseError(line.number, protocols.error().detail.isEmpty() ? protocols.error().message
                                                                                   : protocols.error().detail);
            }
            m_relay.protocols = std::move(protocols).value();
            if (m_protocolsCache.size() < kMaxInterned) {
                m_protocolsCache.insert(key, m_relay.protocols);
            }
        }
    } else if (kw == "w") {
        RB_TRY_STATUS(markOnce(line, m_relaySeen));
    } else if (kw == "p") {
        RB_TRY_STATUS(markOnce(line, m_relaySeen));
        if (!line.rest.startsWith("accept ") && !line.rest.startsWith("reject ")) {
            return parseError(line.number, QStringLiteral("unknown exit policy summary"));
        }
    } else if (kw == "m") {
        if (m_c.flavor == Consensus::Flavor::Microdesc) {
            RB_TRY_STATUS(markOnce(line, m_relaySeen));
            if (line.args.isEmpty()) {
                return parseError(line.number, QStringLiteral("\"m\" without a digest"));
            }
            const auto digest = decodeDigest(line.args[0], 32);
            if (!digest) {
                return parseError(line.number, QStringLiteral("bad microdescriptor digest"));
            }
            m_relay.microdescDigest = *digest;
        }
    } else if (kw == "network-status-version" || kw == "valid-after" || kw == "known-flags") {
        return parseError(line.number, QStringLiteral("header keyword inside the router list"));
    }
    // "a", "id", "opt" and unknown keywords: not needed.
    return {};
}

Status Parser::finishRelay(qsizetype lineNumber)
{
    if (!m_inRelay) {
        return {};
    }
    m_inRelay = false;
    if (!m_relaySeen.contains(QByteArrayLiteral("s"))) {
        return parseError(m_relayStartLine, QStringLiteral("router entry without an \"s\" line"));
    }
    if (!m_c.relays.isEmpty() && !(m_c.relays.constLast().rsaId < m_relay.rsaId)) {
        return parseError(m_relayStartLine, QStringLiteral("router entries not sorted by identity digest"));
    }
    if (m_c.relays.size() >= m_limits.maxRelays) {
        return makeError(ErrorCode::TooLarge,
                         QStringLiteral("The consensus lists more than %1 relays; refusing to use it")
                             .arg(m_limits.maxRelays),
                         QStringLiteral("line %1").arg(lineNumber));
    }
    m_c.relays.append(std::move(m_relay));
    m_relay = Relay{};
    return {};
}

Result<Consensus> Parser::run()
{
    Line line;
    // First line: network-status-version 3 [flavour]
    if (!nextLine(line) || line.keyword != "network-status-version") {
        return parseError(1, QStringLiteral("the document must start with \"network-status-version\""));
    }
    if (line.args.isEmpty() || line.args[0] != "3") {
        return makeError(ErrorCode::Unsupported,
                         QStringLiteral("Only network-status-version 3 consensuses are supported"));
    }
    if (line.args.size() >= 2) {
        if (line.args[1] == "microdesc") {
            m_c.flavor = Consensus::Flavor::Microdesc;
        } else if (line.args[1] == "ns") {
            m_c.flavor = Consensus::Flavor::Ns;
        } else {
            return makeError(ErrorCode::Unsupported,
                             QStringLiteral("Unknown consensus flavour \"%1\"; use the microdesc consensus")
                                 .arg(QString::fromLatin1(line.args[1].first(std::min<qsizetype>(line.args[1].size(), 32)))));
        }
    } else {
        m_c.flavor = Consensus::Flavor::Ns;
    }

    enum class Section { Header, Relays, Footer } section = Section::Header;
    bool inObject = false;
    while (nextLine(line)) {
        if (inObject) {
            if (line.keyword.startsWith("-----END")) {
                inObject = false;
            }
            continue;
        }
        if (line.keyword.isEmpty()) {
            continue;  // blank line
        }
        if (line.keyword.startsWith("-----BEGIN")) {
            inObject = true;  // signature / unknown objects: skipped
            continue;
        }
        if (section != Section::Footer &&
            (line.keyword == "directory-footer" || line.keyword == "directory-signature")) {
            if (section == Section::Header) {
                RB_TRY_STATUS(finishHeader(line.number));
            }
            RB_TRY_STATUS(finishRelay(line.number));
            section = Section::Footer;
            continue;
        }
        if (section == Section::Footer) {
            if (line.keyword == "network-status-version") {
                return parseError(line.number, QStringLiteral("text after the end of the consensus"));
            }
            continue;  // bandwidth-weights, signatures
        }
        if (line.keyword == "r") {
            if (section == Section::Header) {
                RB_TRY_STATUS(finishHeader(line.number));
                section = Section::Relays;
            }
            RB_TRY_STATUS(finishRelay(line.number));
            const qsizetype need = m_c.flavor == Consensus::Flavor::Ns ? 8 : 7;
            if (line.args.size() < need) {
                return parseError(line.number, QStringLiteral("\"r\" needs %1 arguments").arg(need));
            }
            const qsizetype off = m_c.flavor == Consensus::Flavor::Ns ? 1 : 0;
            if (!isLegalNickname(line.args[0])) {
                return parseError(line.number, QStringLiteral("invalid nickname"));
            }
            const auto id = decodeDigest(line.args[1], 20);
            if (!id) {
                return parseError(line.number, QStringLiteral("bad identity digest"));
            }
            if (off == 1 && !decodeDigest(line.args[2], 20)) {
                return parseError(line.number, QStringLiteral("bad descriptor digest"));
            }
            if (!parseIsoTime(line.args[2 + off], line.args[3 + off])) {
                return parseError(line.number, QStringLiteral("bad publication time"));
            }
            m_relay = Relay{};
            m_relaySeen.clear();
            m_inRelay = true;
            m_relayStartLine = line.number;
            m_relay.nickname = QString::fromLatin1(line.args[0]);
            m_relay.rsaId = *id;
            if (!parseIPv4(line.args[4 + off], m_relay.address)) {
                return parseError(line.number, QStringLiteral("bad IPv4 address"));
            }
            quint64 orPort = 0;
            quint64 dirPort = 0;
            if (!parseUnsigned(line.args[5 + off], 65535, orPort) || !parseUnsigned(line.args[6 + off], 65535, dirPort)) {
                return parseError(line.number, QStringLiteral("bad port"));
            }
            m_relay.orPort = static_cast<quint16>(orPort);
            m_relay.dirPort = static_cast<quint16>(dirPort);
            continue;
        }
        if (section == Section::Header) {
            RB_TRY_STATUS(headerLine(line));
        } else {
            RB_TRY_STATUS(relayLine(line));
        }
    }
    if (inObject) {
        return parseError(m_lineNumber, QStringLiteral("unterminated -----BEGIN object"));
    }
    if (section == Section::Header) {
        RB_TRY_STATUS(finishHeader(m_lineNumber));
    }
    RB_TRY_STATUS(finishRelay(m_lineNumber));
    return std::move(m_c);
}

}  // namespace

Result<Consensus> Consensus::parse(QByteArrayView consensusText) { return parse(consensusText, Limits{}); }

Result<Consensus> Consensus::parse(QByteArrayView consensusText, const Limits& limits)
{
    if (consensusText.size() > limits.maxDocumentBytes) {
        return makeError(ErrorCode::TooLarge,
                         QStringLiteral("The consensus is larger than %1 bytes; refusing to parse it")
                             .arg(limits.maxDocumentBytes));
    }
    if (consensusText.contains('\0')) {
        return parseError(0, QStringLiteral("NUL byte in the document"));
    }
    // Line-length bound checked up front so the tokenizer never sees a huge line.
    qsizetype start = 0;
    while (start < consensusText.size()) {
        qsizetype nl = consensusText.indexOf('\n', start);
        if (nl < 0) {
            nl = consensusText.size();
        }
        if (nl - start > limits.maxLineBytes) {
            return makeError(ErrorCode::TooLarge,
                             QStringLiteral("The consensus has a line longer than %1 bytes").arg(limits.maxLineBytes));
        }
        start = nl + 1;
    }
    Parser parser(consensusText, limits);
    return parser.run();
}

Status Consensus::attachMicrodescriptors(QByteArrayView microdescriptorsText)
{
    RB_TRY(const QList<Microdescriptor> mds, Microdescriptor::parseAll(microdescriptorsText));
    QHash<QByteArray, QByteArray> edByDigest;
    edByDigest.reserve(mds.size());
    for (const Microdescriptor& md : mds) {
        if (!md.ed25519Id.isEmpty()) {
            edByDigest.insert(md.digest, md.ed25519Id);
        }
    }
    for (Relay& relay : relays) {
        if (relay.microdescDigest.isEmpty()) {
            continue;
        }
        const auto it = edByDigest.constFind(relay.microdescDigest);
        if (it != edByDigest.constEnd()) {
            relay.ed25519Id = it.value();
        }
    }
    return {};
}

qint64 Consensus::param(const QString& name, qint64 defaultValue, qint64 minValue, qint64 maxValue) const
{
    const auto it = params.constFind(name);
    const qint64 v = it == params.constEnd() ? defaultValue : it.value();
    return std::clamp(v, minValue, std::max(minValue, maxValue));
}

qint64 Consensus::votingIntervalSeconds() const
{
    if (!validAfter.isValid() || !freshUntil.isValid()) {
        return 0;
    }
    return freshUntil.toSecsSinceEpoch() - validAfter.toSecsSinceEpoch();
}

int Consensus::relaysWithEd25519Id() const
{
    return static_cast<int>(std::count_if(relays.cbegin(), relays.cend(),
                                          [](const Relay& r) { return !r.ed25519Id.isEmpty(); }));
}

int Consensus::eligibleHsDirCount() const
{
    return static_cast<int>(
        std::count_if(relays.cbegin(), relays.cend(), [](const Relay& r) { return r.isV3HsDir(); }));
}

const Relay* Consensus::findByRsaId(QByteArrayView rsaId) const
{
    const auto it = std::lower_bound(relays.cbegin(), relays.cend(), rsaId,
                                     [](const Relay& r, QByteArrayView id) { return QByteArrayView(r.rsaId) < id; });
    if (it != relays.cend() && QByteArrayView(it->rsaId) == rsaId) {
        return &*it;
    }
    return nullptr;
}

}  // namespace rb::hsdir
