#include "deploy/TorrcEditor.h"

#include "onion/OnionAddress.h"
#include "ssh/RemoteCommand.h"

#include <QSet>

namespace rb::deploy {

namespace {

const QByteArray kBegin = QByteArrayLiteral("# BEGIN rustbalance-console managed block");
const QByteArray kEnd = QByteArrayLiteral("# END rustbalance-console managed block");
const QByteArray kDisabled = QByteArrayLiteral("#rustbalance-console-disabled: ");
const QByteArray kMasterTag = QByteArrayLiteral("# master: ");
const QByteArray kBackupTag = QByteArrayLiteral("# backup: ");
const QByteArray kDirTag = QByteArrayLiteral("# hidden-service-dir: ");

// HiddenService* options that are global, not per service.
const QSet<QByteArray> kGlobalHsOptions{"hiddenservicestatistics", "hiddenservicesinglehopmode",
                                        "hiddenservicenonanonymousmode"};

struct Logical {
    qsizetype first = 0;  // physical line indexes [first, last]
    qsizetype last = 0;
    QByteArray keyword;   // lower-case; empty for comments/blank lines
    QByteArray value;     // unquoted, comment stripped, trimmed
};

Error torrcError(const QString& message)
{
    return makeError(ErrorCode::ParseError, message);
}

QList<QByteArray> splitLines(QByteArrayView text, bool* endsWithNewline)
{
    QList<QByteArray> lines = text.toByteArray().split('\n');
    *endsWithNewline = text.isEmpty() || text.endsWith('\n');
    if (!text.isEmpty() && text.endsWith('\n')) {
        lines.removeLast();
    }
    if (text.isEmpty()) {
        lines.clear();
    }
    return lines;
}

QByteArray joinLines(const QList<QByteArray>& lines)
{
    QByteArray out;
    for (const QByteArray& l : lines) {
        out += l;
        out += '\n';
    }
    return out;
}

QByteArray rstripCr(const QByteArray& line)
{
    return line.endsWith('\r') ? line.left(line.size() - 1) : line;
}

bool continues(const QByteArray& line)
{
    const QByteArray t = rstripCr(line).trimmed();
    return !t.startsWith('#') && t.endsWith('\\');
}

// Strips an unquoted trailing comment and surrounding whitespace, then one level of quotes.
QByteArray cleanValue(const QByteArray& raw)
{
    QByteArray v;
    bool quoted = false;
    for (qsizetype i = 0; i < raw.size(); ++i) {
        const char c = raw.at(i);
        if (c == '"') {
            quoted = !quoted;
        } else if (c == '#' && !quoted) {
            break;
        } else if (c == '\\' && quoted && i + 1 < raw.size()) {
            v += c;
            v += raw.at(++i);
            continue;
        }
        v += c;
    }
    v = v.trimmed();
    if (v.size() >= 2 && v.startsWith('"') && v.endsWith('"')) {
        QByteArray u;
        for (qsizetype i = 1; i + 1 < v.size(); ++i) {
            if (v.at(i) == '\\' && i + 2 < v.size()) {
                u += v.at(++i);
            } else {
                u += v.at(i);
            }
        }
        return u;
    }
    return v.simplified();
}

QList<Logical> parseLogical(const QList<QByteArray>& lines)
{
    QList<Logical> out;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        Logical l;
        l.first = i;
        while (continues(lines.at(i)) && i + 1 < lines.size()) {
            ++i;
        }
        l.last = i;
        const QByteArray head = rstripCr(lines.at(l.first)).trimmed();
        if (!head.isEmpty() && !head.startsWith('#')) {
            qsizetype ws = 0;
            while (ws < head.size() && head.at(ws) != ' ' && head.at(ws) != '\t') {
                ++ws;
            }
            l.keyword = head.left(ws).toLower();
            QByteArray raw = head.mid(ws);
            for (qsizetype j = l.first; j <= l.last; ++j) {
                QByteArray part = j == l.first ? raw : rstripCr(lines.at(j)).trimmed();
                if (j != l.first && part.startsWith('#')) {
                    continue;
                }
                if (j < l.last && part.endsWith('\\')) {
                    part.chop(1);
                }
                if (j == l.first) {
                    raw = part;
                } else {
                    raw += ' ' + part;
                }
            }
            l.value = cleanValue(raw);
        }
        out << l;
    }
    return out;
}

QString normalizeDir(const QString& dir)
{
    QString d = dir;
    while (d.size() > 1 && d.endsWith(QLatin1Char('/'))) {
        d.chop(1);
    }
    return d;
}

bool isPerServiceOption(const QByteArray& keyword)
{
    return keyword.startsWith("hiddenservice") && keyword != "hiddenservicedir" && !kGlobalHsOptions.contains(keyword);
}

struct Located {
    qsizetype begin = -1;  // physical line index of BEGIN
    qsizetype end = -1;    // of END
};

Result<QList<Located>> locateBlocks(const QList<QByteArray>& lines)
{
    QList<Located> blocks;
    Located cur;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QByteArray l = rstripCr(lines.at(i));
        if (l.startsWith(kBegin)) {
            if (cur.begin >= 0) {
                return torrcError(QStringLiteral("The torrc has a rustbalance-console block that never ends (line %1); "
                                                 "fix it by hand.")
                                      .arg(cur.begin + 1));
            }
            cur.begin = i;
        } else if (l.startsWith(kEnd)) {
            if (cur.begin < 0) {
                return torrcError(QStringLiteral("The torrc has a stray end of a rustbalance-console block (line %1); "
                                                 "fix it by hand.")
                                      .arg(i + 1));
            }
            cur.end = i;
            blocks << cur;
            cur = Located{};
        }
    }
    if (cur.begin >= 0) {
        return torrcError(QStringLiteral("The torrc has a rustbalance-console block that never ends (line %1); fix it "
                                         "by hand.")
                              .arg(cur.begin + 1));
    }
    return blocks;
}

}  // namespace

QByteArray TorrcEditor::beginMarker()
{
    return kBegin;
}

QByteArray TorrcEditor::endMarker()
{
    return kEnd;
}

QByteArray TorrcEditor::disabledPrefix()
{
    return kDisabled;
}

Status TorrcEditor::validateTorrcValue(QStringView value, const QString& what)
{
    if (value.isEmpty()) {
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("The %1 is empty.").arg(what));
    }
    if (value.size() > 4096) {
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("The %1 is too long for a torrc.").arg(what));
    }
    for (QChar c : value) {
        const char16_t u = c.unicode();
        if (u < 0x21 || u == 0x7f || u == u'"' || u == u'\\' || u == u'#') {
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("The %1 contains a space, quote, backslash, '#' or control character, "
                                            "which cannot be written safely into a torrc; choose a plain path.")
                                 .arg(what));
        }
    }
    return {};
}

Result<QByteArray> TorrcEditor::remove(QByteArrayView torrc)
{
    if (torrc.size() > kMaxTorrcSize) {
        return makeError(ErrorCode::TooLarge, QStringLiteral("The torrc is larger than 1 MiB."));
    }
    bool nl = true;
    QList<QByteArray> lines = splitLines(torrc, &nl);
    RB_TRY(const QList<Located> blocks, locateBlocks(lines));
    QList<QByteArray> out;
    qsizetype b = 0;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (b < blocks.size() && i >= blocks.at(b).begin) {
            if (i == blocks.at(b).end) {
                ++b;
            }
            continue;
        }
        const QByteArray& l = lines.at(i);
        out << (l.startsWith(kDisabled) ? l.mid(kDisabled.size()) : l);
    }
    QByteArray text = joinLines(out);
    if (!nl && blocks.isEmpty() && !text.isEmpty()) {
        text.chop(1);
    }
    return text;
}

Result<std::optional<ManagedBlockInfo>> TorrcEditor::findManagedBlock(QByteArrayView torrc)
{
    bool nl = true;
    const QList<QByteArray> lines = splitLines(torrc, &nl);
    RB_TRY(const QList<Located> blocks, locateBlocks(lines));
    if (blocks.isEmpty()) {
        return std::optional<ManagedBlockInfo>{};
    }
    if (blocks.size() > 1) {
        return torrcError(QStringLiteral("The torrc has %1 rustbalance-console blocks; keep one and retry.")
                              .arg(blocks.size()));
    }
    ManagedBlockInfo info;
    for (qsizetype i = blocks.front().begin; i <= blocks.front().end; ++i) {
        const QByteArray l = rstripCr(lines.at(i));
        if (l.startsWith(kMasterTag)) {
            info.masterAddress = QString::fromUtf8(l.mid(kMasterTag.size()).trimmed());
        } else if (l.startsWith(kBackupTag)) {
            info.backupDir = QString::fromUtf8(l.mid(kBackupTag.size()).trimmed());
        } else if (l.startsWith(kDirTag)) {
            info.hiddenServiceDir = QString::fromUtf8(l.mid(kDirTag.size()).trimmed());
        }
    }
    return std::optional<ManagedBlockInfo>{info};
}

Result<QStringList> TorrcEditor::servicePorts(QByteArrayView torrc, const QString& hiddenServiceDir)
{
    RB_TRY(const QByteArray plain, remove(torrc));
    bool nl = true;
    const QList<Logical> logical = parseLogical(splitLines(plain, &nl));
    const QString want = normalizeDir(hiddenServiceDir);
    QString current;
    QStringList ports;
    for (const Logical& l : logical) {
        if (l.keyword == "hiddenservicedir") {
            current = normalizeDir(QString::fromUtf8(l.value));
        } else if (l.keyword == "hiddenserviceport" && !current.isEmpty() && current == want) {
            ports << QString::fromUtf8(l.value);
        }
    }
    return ports;
}

Result<QByteArray> TorrcEditor::apply(QByteArrayView torrc, const ManagedBlock& block)
{
    RB_TRY_STATUS(ssh::RemoteCommand::validateAbsolutePath(block.hiddenServiceDir, QStringLiteral("HiddenServiceDir")));
    RB_TRY_STATUS(validateTorrcValue(block.hiddenServiceDir, QStringLiteral("HiddenServiceDir")));
    auto master = onion::OnionAddress::parse(block.masterAddress);
    if (!master) {
        return master.error();
    }
    if (!block.backupDir.isEmpty()) {
        RB_TRY_STATUS(validateTorrcValue(block.backupDir, QStringLiteral("backup directory")));
    }
    for (const fleet::PortMapping& p : block.ports) {
        RB_TRY_STATUS(validateTorrcValue(p.target, QStringLiteral("HiddenServicePort target")));
        if (p.virtualPort == 0) {
            return makeError(ErrorCode::InvalidArgument, QStringLiteral("A HiddenServicePort has virtual port 0."));
        }
    }

    RB_TRY(const QByteArray plain, remove(torrc));
    bool nl = true;
    QList<QByteArray> lines = splitLines(plain, &nl);
    const QList<Logical> logical = parseLogical(lines);
    const QString want = normalizeDir(block.hiddenServiceDir);

    QList<QByteArray> oldPorts;
    QList<QByteArray> carried;
    QSet<qsizetype> disable;  // logical indexes
    QString current;
    for (qsizetype i = 0; i < logical.size(); ++i) {
        const Logical& l = logical.at(i);
        if (l.keyword.isEmpty()) {
            continue;
        }
        if (l.keyword == "hiddenservicedir") {
            current = normalizeDir(QString::fromUtf8(l.value));
            if (current == want) {
                disable.insert(i);
            }
            continue;
        }
        if (l.keyword == "publishhidservdescriptors") {
            disable.insert(i);
            continue;
        }
        if (isPerServiceOption(l.keyword) && !current.isEmpty() && current == want) {
            disable.insert(i);
            if (l.keyword == "hiddenserviceport") {
                oldPorts << l.value;
            } else if (l.keyword != "hiddenserviceonionbalanceinstance" && l.keyword != "hiddenserviceversion") {
                for (qsizetype j = l.first; j <= l.last; ++j) {
                    carried << rstripCr(lines.at(j));
                }
            }
        }
    }

    QList<QByteArray> portLines;
    if (!block.ports.isEmpty()) {
        for (const fleet::PortMapping& p : block.ports) {
            portLines << "HiddenServicePort " + QByteArray::number(p.virtualPort) + ' ' + p.target.toUtf8();
        }
    } else {
        for (const QByteArray& v : oldPorts) {
            if (auto st = validateTorrcValue(QString::fromUtf8(v).replace(QLatin1Char(' '), QLatin1Char('_')),
                                             QStringLiteral("existing HiddenServicePort"));
                !st) {
                return st.error();
            }
            portLines << "HiddenServicePort " + v;
        }
    }
    if (portLines.isEmpty()) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("No HiddenServicePort is known for %1: add the node's service ports "
                                        "(e.g. --port 80:127.0.0.1:8080) or configure them in the torrc.")
                             .arg(block.hiddenServiceDir));
    }

    for (const qsizetype i : disable) {
        for (qsizetype j = logical.at(i).first; j <= logical.at(i).last; ++j) {
            lines[j] = kDisabled + lines.at(j);
        }
    }
    lines << kBegin + " - do not edit; 'rbctl fleet undeploy' removes it and re-enables the lines marked "
                      "#rustbalance-console-disabled";
    lines << kMasterTag + master->toString().toUtf8();
    lines << kDirTag + block.hiddenServiceDir.toUtf8();
    if (!block.backupDir.isEmpty()) {
        lines << kBackupTag + block.backupDir.toUtf8();
    }
    lines << QByteArrayLiteral("PublishHidServDescriptors 0");
    lines << "HiddenServiceDir " + block.hiddenServiceDir.toUtf8();
    lines << portLines;
    lines << QByteArrayLiteral("HiddenServiceOnionbalanceInstance 1");
    lines << carried;
    lines << kEnd;
    return joinLines(lines);
}

}  // namespace rb::deploy
