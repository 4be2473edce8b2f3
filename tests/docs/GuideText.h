#pragma once
// Reading the operator documentation as data (test code only, header-only):
//
//   guideTestBlocks()  the ```sh / ```bash code blocks between
//                      <!-- guide-test:begin --> and <!-- guide-test:end -->
//                      (several regions allowed, taken in document order) —
//                      the commands tests/docs runs as a new user would;
//   rbctlInvocations() every `rbctl ...` command in any fenced code block
//                      (backslash continuations joined), split into command,
//                      subcommand and long options — to check each option
//                      against the real `rbctl <command> [<sub>] --help`.
// Malformed markers (nested, unterminated, an end without a begin, an
// unterminated fence) are reported, never silently skipped.

#include <QList>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

namespace rb::docs {

inline const QString kGuideTestBegin = QStringLiteral("<!-- guide-test:begin -->");
inline const QString kGuideTestEnd = QStringLiteral("<!-- guide-test:end -->");

struct CodeBlock {
    int line = 0;      // 1-based line of the opening fence
    QString language;  // "sh", "json", "" ...
    QString text;      // body, '\n'-terminated lines
    bool inGuideTest = false;
};

// Every fenced code block (``` fences) of a Markdown text. *error is set
// (and the blocks so far returned) when a fence or a guide-test region is
// malformed.
inline QList<CodeBlock> codeBlocks(const QString& markdown, QString* error)
{
    QList<CodeBlock> blocks;
    const QStringList lines = markdown.split(QLatin1Char('\n'));
    bool inFence = false;
    bool inRegion = false;
    int regionLine = 0;
    CodeBlock current;
    for (int i = 0; i < lines.size(); ++i) {
        const QString trimmed = lines[i].trimmed();
        if (inFence) {
            if (trimmed == QLatin1String("```")) {
                blocks.append(current);
                inFence = false;
            } else {
                current.text += lines[i] + QLatin1Char('\n');
            }
            continue;
        }
        if (trimmed.startsWith(QLatin1String("```"))) {
            current = CodeBlock{i + 1, trimmed.mid(3).trimmed(), QString(), inRegion};
            inFence = true;
        } else if (trimmed == kGuideTestBegin) {
            if (inRegion) {
                *error = QStringLiteral("line %1: guide-test:begin inside the region opened at line %2")
                             .arg(i + 1)
                             .arg(regionLine);
                return blocks;
            }
            inRegion = true;
            regionLine = i + 1;
        } else if (trimmed == kGuideTestEnd) {
            if (!inRegion) {
                *error = QStringLiteral("line %1: guide-test:end without a begin").arg(i + 1);
                return blocks;
            }
            inRegion = false;
        } else if (trimmed.startsWith(QLatin1String("<!--")) && trimmed.contains(QLatin1String("guide-test"))) {
            *error = QStringLiteral("line %1: unrecognised guide-test marker '%2'").arg(i + 1).arg(trimmed);
            return blocks;
        }
    }
    if (inFence) {
        *error = QStringLiteral("the code block opened at line %1 is not closed").arg(current.line);
    } else if (inRegion) {
        *error = QStringLiteral("the guide-test region opened at line %1 is not closed").arg(regionLine);
    }
    return blocks;
}

// The shell blocks a new user types, in order.
inline QList<CodeBlock> guideTestBlocks(const QString& markdown, QString* error)
{
    QList<CodeBlock> out;
    for (const CodeBlock& b : codeBlocks(markdown, error)) {
        if (b.inGuideTest && (b.language == QLatin1String("sh") || b.language == QLatin1String("bash"))) {
            out.append(b);
        }
    }
    return out;
}

struct RbctlInvocation {
    int line = 0;         // line of the code block's fence
    QString text;         // the command as written (continuations joined)
    QString command;      // "publish", "fleet", or a global option like "--version"
    QString subcommand;   // "deploy", "" when none
    QStringList options;  // "--key-file", ... (long options only)
};

// Shell text with "\\\n" continuations joined and heredoc bodies dropped
// (their lines are data, not commands).
inline QStringList shellLogicalLines(const QString& body)
{
    QStringList out;
    QString pending;
    QString heredocEnd;
    static const QRegularExpression heredoc(QStringLiteral("<<-?\\s*'?\"?([A-Za-z_]+)'?\"?"));
    for (const QString& raw : body.split(QLatin1Char('\n'))) {
        if (!heredocEnd.isEmpty()) {
            if (raw.trimmed() == heredocEnd) {
                heredocEnd.clear();
            }
            continue;
        }
        QString line = raw;
        if (line.endsWith(QLatin1Char('\\'))) {
            pending += line.chopped(1) + QLatin1Char(' ');
            continue;
        }
        line = pending + line;
        pending.clear();
        const auto m = heredoc.match(line);
        if (m.hasMatch()) {
            heredocEnd = m.captured(1);
        }
        out << line;
    }
    if (!pending.isEmpty()) {
        out << pending;
    }
    return out;
}

// Every rbctl command in the fenced code blocks of `markdown` (shell,
// console or unlabelled blocks; json/ini/... blocks are data).
inline QList<RbctlInvocation> rbctlInvocations(const QString& markdown, QString* error)
{
    QList<RbctlInvocation> out;
    // rbctl as a command word: start of line or after a shell operator / "$(".
    static const QRegularExpression start(
        QStringLiteral("(?:^|[;&|(]\\s*|\\$\\(\\s*|\\b(?:then|do|else)\\s+)(rbctl)(?=\\s)"));
    static const QRegularExpression stop(QStringLiteral("[|;&)<>]"));
    for (const CodeBlock& b : codeBlocks(markdown, error)) {
        const QString lang = b.language;
        if (!(lang.isEmpty() || lang == QLatin1String("sh") || lang == QLatin1String("bash") ||
              lang == QLatin1String("console") || lang == QLatin1String("shell"))) {
            continue;
        }
        for (const QString& logical : shellLogicalLines(b.text)) {
            QString line = logical;
            const qsizetype hash = line.indexOf(QLatin1String(" #"));
            if (line.trimmed().startsWith(QLatin1Char('#'))) {
                continue;
            }
            if (hash >= 0) {
                line = line.left(hash);
            }
            auto it = start.globalMatch(line);
            while (it.hasNext()) {
                const auto m = it.next();
                QString rest = line.mid(m.capturedEnd(1));
                const auto s = stop.match(rest);
                if (s.hasMatch()) {
                    rest = rest.left(s.capturedStart());
                }
                RbctlInvocation inv;
                inv.line = b.line;
                inv.text = QStringLiteral("rbctl") + rest;
                const QStringList words = rest.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
                if (words.isEmpty()) {
                    continue;
                }
                inv.command = words[0];
                int firstOption = 1;
                if (!inv.command.startsWith(QLatin1Char('-')) && words.size() > 1 &&
                    !words[1].startsWith(QLatin1Char('-')) && !words[1].contains(QLatin1Char('/')) &&
                    !words[1].contains(QLatin1Char('"')) && !words[1].contains(QLatin1Char('$'))) {
                    inv.subcommand = words[1];
                    firstOption = 2;
                }
                for (int i = firstOption; i < words.size(); ++i) {
                    if (words[i].startsWith(QLatin1String("--"))) {
                        inv.options << words[i].section(QLatin1Char('='), 0, 0);
                    }
                }
                out.append(inv);
            }
        }
    }
    return out;
}

}  // namespace rb::docs
