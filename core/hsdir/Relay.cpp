#include "hsdir/Relay.h"

#include <array>

namespace rb::hsdir {

namespace {
constexpr int kMaxProtocolVersion = 63;        // protover.c MAX_PROTOCOL_VERSION
constexpr qsizetype kMaxProtocolNameLength = 100;  // protover.c MAX_PROTOCOL_NAME_LENGTH
constexpr qsizetype kMaxProtocolEntries = 256;     // our own bound on a single line

bool isAsciiDigit(char c) { return c >= '0' && c <= '9'; }
bool isAsciiAlnum(char c) { return isAsciiDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

Error protoError(const QString& detail)
{
    return makeError(ErrorCode::ParseError,
                     QStringLiteral("A relay's protocol list (\"pr\" line) is malformed; refresh the consensus from tor"),
                     detail);
}

// Parses a decimal 0..63 starting at text[pos]; advances pos.
bool parseVersionNumber(QByteArrayView text, qsizetype& pos, int& out)
{
    if (pos >= text.size() || !isAsciiDigit(text[pos])) {
        return false;
    }
    int value = 0;
    while (pos < text.size() && isAsciiDigit(text[pos])) {
        value = value * 10 + (text[pos] - '0');
        if (value > kMaxProtocolVersion) {
            return false;
        }
        ++pos;
    }
    out = value;
    return true;
}

quint64 rangeMask(int low, int high)
{
    quint64 mask = 0;
    for (int v = low; v <= high; ++v) {
        mask |= quint64{1} << static_cast<unsigned>(v);
    }
    return mask;
}
}  // namespace

bool Relay::hasFlag(QStringView flag) const
{
    for (const QString& f : flags) {
        if (f == flag) {
            return true;
        }
    }
    return false;
}

bool Relay::supportsProtocol(QStringView name, int protocolVersion) const
{
    if (protocolVersion < 0 || protocolVersion > kMaxProtocolVersion) {
        return false;
    }
    const auto it = protocols.constFind(name.toString());
    return it != protocols.constEnd() && ((it.value() >> static_cast<unsigned>(protocolVersion)) & 1U) != 0;
}

QString Relay::fingerprintHex() const { return QString::fromLatin1(rsaId.toHex().toUpper()); }

QString Relay::ed25519IdBase64() const
{
    if (ed25519Id.isEmpty()) {
        return {};
    }
    return QString::fromLatin1(ed25519Id.toBase64(QByteArray::OmitTrailingEquals));
}

bool Relay::isV3HsDir() const
{
    // Cheapest tests first: this runs for every relay whenever a ring is built.
    static const QString kHsDir = QStringLiteral("HSDir");
    if (ed25519Id.size() != 32 || !hasFlag(kHsDir)) {
        return false;
    }
    const auto it = protocols.constFind(kHsDir);
    return it != protocols.constEnd() && (it.value() & (quint64{1} << 2)) != 0 && !versionTooOldForV3HsDir(version);
}

Result<QMap<QString, quint64>> Relay::parseProtocols(QByteArrayView text)
{
    QMap<QString, quint64> out;
    qsizetype pos = 0;
    qsizetype entries = 0;
    const qsizetype n = text.size();
    while (pos < n) {
        if (text[pos] == ' ') {  // tor splits on spaces and skips empty entries
            ++pos;
            continue;
        }
        qsizetype end = text.indexOf(' ', pos);
        if (end < 0) {
            end = n;
        }
        if (++entries > kMaxProtocolEntries) {
            return protoError(QStringLiteral("more than %1 entries").arg(kMaxProtocolEntries));
        }
        const QByteArrayView entry = text.sliced(pos, end - pos);
        const qsizetype eq = entry.indexOf('=');
        if (eq <= 0) {
            return protoError(QStringLiteral("entry without \"name=\""));
        }
        if (eq > kMaxProtocolNameLength) {
            return protoError(QStringLiteral("protocol name longer than %1").arg(kMaxProtocolNameLength));
        }
        const QByteArrayView name = entry.first(eq);
        for (char c : name) {
            if (!isAsciiAlnum(c) && c != '-') {
                return protoError(QStringLiteral("invalid character in protocol name"));
            }
        }
        quint64 mask = 0;
        const QByteArrayView ranges = entry.sliced(eq + 1);
        qsizetype p = 0;
        while (p < ranges.size()) {
            int low = 0;
            int high = 0;
            if (!parseVersionNumber(ranges, p, low)) {
                return protoError(QStringLiteral("bad version in %1").arg(QString::fromLatin1(name)));
            }
            high = low;
            if (p < ranges.size() && ranges[p] == '-') {
                ++p;
                if (!parseVersionNumber(ranges, p, high) || low > high) {
                    return protoError(QStringLiteral("bad range in %1").arg(QString::fromLatin1(name)));
                }
            }
            mask |= rangeMask(low, high);
            if (p < ranges.size()) {
                if (ranges[p] != ',') {
                    return protoError(QStringLiteral("bad separator in %1").arg(QString::fromLatin1(name)));
                }
                ++p;
                if (p == ranges.size()) {  // tor rejects a trailing comma
                    return protoError(QStringLiteral("trailing comma in %1").arg(QString::fromLatin1(name)));
                }
            }
        }
        const QString key = QString::fromLatin1(name);
        if (out.contains(key)) {
            // protover_list_is_invalid() accepts duplicates; summarize merges
            // them (protocol_list_supports_protocol looks at every entry).
            out[key] |= mask;
        } else {
            out.insert(key, mask);
        }
        pos = end;
    }
    return out;
}

bool Relay::versionTooOldForV3HsDir(QStringView platform)
{
    if (!platform.startsWith(u"Tor ")) {
        return false;  // non-standard platform: tor says "new enough"
    }
    QStringView v = platform.sliced(4).trimmed();
    const qsizetype space = v.indexOf(u' ');
    if (space >= 0) {
        v = v.first(space);
    }
    QStringView tag;
    const qsizetype dash = v.indexOf(u'-');
    if (dash >= 0) {
        tag = v.sliced(dash + 1);
        v = v.first(dash);
    }
    const auto parts = v.split(u'.');
    if (parts.size() < 3 || parts.size() > 4) {
        return false;  // unparseable: tor says "new enough"
    }
    std::array<int, 4> num{0, 0, 0, 0};
    for (qsizetype i = 0; i < parts.size(); ++i) {
        bool ok = false;
        num[static_cast<std::size_t>(i)] = parts[i].toInt(&ok);
        if (!ok || num[static_cast<std::size_t>(i)] < 0) {
            return false;
        }
    }
    constexpr std::array<int, 4> cutoff{0, 3, 0, 8};
    if (num != cutoff) {
        return num < cutoff;
    }
    // Same numbers: a pre-release of 0.3.0.8 is older than the release.
    return tag.startsWith(u"alpha") || tag.startsWith(u"beta") || tag.startsWith(u"rc");
}

}  // namespace rb::hsdir
