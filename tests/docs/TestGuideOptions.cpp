// The operator documentation never invents rbctl options: every `rbctl ...`
// command in a code block of docs/OPERATOR-GUIDE.md, docs/TROUBLESHOOTING.md
// and docs/SECURITY.md names a command/subcommand whose real --help succeeds
// and lists every long option the command uses. Also: the guide's lab variant
// is marked for tests/docs (well-formed markers, shell blocks present), and
// the extractor itself handles markers, fences, continuations and heredocs.

#include "docs/GuideText.h"

#include <QDirIterator>
#include <QFile>
#include <QMap>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

using namespace rb::docs;

namespace {

QString readDoc(const QString& name)
{
    QFile f(QStringLiteral(RB_SOURCE_DIR "/docs/") + name);
    if (!f.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QString::fromUtf8(f.readAll());
}

struct Help {
    int exitCode = -1;
    QString text;
};

// String literals of C++ / python source, adjacent C++ literals joined
// ("a" "b" -> "ab"), escapes \" \\ \n undone.
QStringList sourceStrings(const QString& code)
{
    QStringList out;
    static const QRegularExpression lit(QStringLiteral("\"((?:[^\"\\\\\\n]|\\\\.)*)\""));
    auto it = lit.globalMatch(code);
    QString current;
    qsizetype lastEnd = -1;
    while (it.hasNext()) {
        const auto m = it.next();
        QString text = m.captured(1);
        text.replace(QLatin1String("\\\""), QLatin1String("\""));
        text.replace(QLatin1String("\\n"), QLatin1String("\n"));
        text.replace(QLatin1String("\\\\"), QLatin1String("\\"));
        const bool adjacent = lastEnd >= 0 && code.mid(lastEnd, m.capturedStart() - lastEnd).trimmed().isEmpty();
        if (adjacent) {
            current += text;
        } else {
            if (!current.isEmpty()) {
                out << current;
            }
            current = text;
        }
        lastEnd = m.capturedEnd();
    }
    if (!current.isEmpty()) {
        out << current;
    }
    return out;
}

// A source message as a pattern: printf/Qt placeholders (%1, %s, %d, %r,
// %.0f) match any text.
QRegularExpression messagePattern(const QString& message)
{
    static const QRegularExpression placeholder(QStringLiteral("%(?:\\d+|[sdr]|\\.\\d+f)"));
    QString re;
    qsizetype pos = 0;
    auto it = placeholder.globalMatch(message);
    while (it.hasNext()) {
        const auto m = it.next();
        re += QRegularExpression::escape(message.mid(pos, m.capturedStart() - pos)) + QStringLiteral(".*?");
        pos = m.capturedEnd();
    }
    re += QRegularExpression::escape(message.mid(pos));
    return QRegularExpression(QStringLiteral("^") + re + QStringLiteral("$"),
                              QRegularExpression::DotMatchesEverythingOption);
}

struct SourceMessage {
    QString text;
    QRegularExpression pattern;   // messagePattern(text)
    qsizetype literalLength = 0;  // characters outside placeholders
};

SourceMessage sourceMessage(const QString& text)
{
    static const QRegularExpression placeholder(QStringLiteral("%(?:\\d+|[sdr]|\\.\\d+f)"));
    QString literal = text;
    literal.remove(placeholder);
    return SourceMessage{text, messagePattern(text), literal.size()};
}

// Does the documented quote come from a message? Either the quote is (a part
// of) the message with "…" for filled-in values, or the whole message with
// its values filled in.
QRegularExpression quotePattern(const QString& quote)
{
    QString re;
    const QStringList parts = quote.split(QChar(0x2026));
    for (qsizetype i = 0; i < parts.size(); ++i) {
        if (i > 0) {
            re += QStringLiteral(".*?");
        }
        re += QRegularExpression::escape(parts[i]);
    }
    return QRegularExpression(re, QRegularExpression::DotMatchesEverythingOption);
}

bool quoteMatches(const QString& quote, const QRegularExpression& quoteRe, const SourceMessage& message)
{
    if (quoteRe.match(message.text).hasMatch()) {
        return true;
    }
    // A message with values filled in: its own words must make up most of the
    // quote (so "%1: %2" does not match everything).
    return message.literalLength * 3 >= quote.size() * 2 && message.pattern.match(quote).hasMatch();
}

bool quoteMatches(const QString& quote, const QString& message)
{
    return quoteMatches(quote, quotePattern(quote), sourceMessage(message));
}

// "Double-quoted" texts of 20+ characters outside code blocks and `code
// spans`; a quote may run over several lines of one paragraph.
QStringList documentQuotes(const QString& markdown)
{
    QStringList quotes;
    static const QRegularExpression codeSpan(QStringLiteral("`[^`]*`"));
    static const QRegularExpression quoted(QStringLiteral("\"([^\"]*)\""));
    QString paragraph;
    const auto flush = [&]() {
        QString text = paragraph;
        text.replace(codeSpan, QStringLiteral("`code`"));
        auto it = quoted.globalMatch(text);  // pairs quotes left to right
        while (it.hasNext()) {
            const QString q = it.next().captured(1);
            if (q.size() >= 20) {
                quotes << q;
            }
        }
        paragraph.clear();
    };
    bool inFence = false;
    for (const QString& line : markdown.split(QLatin1Char('\n'))) {
        const QString t = line.trimmed();
        if (t.startsWith(QLatin1String("```"))) {
            flush();
            inFence = !inFence;
            continue;
        }
        if (inFence) {
            continue;
        }
        if (t.isEmpty() || t.startsWith(QLatin1Char('|')) || t.startsWith(QLatin1Char('#'))) {
            flush();
            paragraph = t;
            flush();
            continue;
        }
        paragraph += (paragraph.isEmpty() ? QString() : QStringLiteral(" ")) + t;
    }
    flush();
    return quotes;
}

}  // namespace

class TestGuideOptions : public QObject {
    Q_OBJECT

private slots:
    void extractorFindsMarkedShellBlocksOnly();
    void extractorReportsMalformedMarkers_data();
    void extractorReportsMalformedMarkers();
    void extractorSplitsRbctlCommands();
    void guideHasTheLabVariantMarked();
    void documentedOptionsExist_data();
    void documentedOptionsExist();
    void sourceStringsJoinAdjacentLiterals();
    void quotedMessagesExistInTheSource_data();
    void quotedMessagesExistInTheSource();

private:
    Help help(const QString& command, const QString& subcommand);
    QMap<QString, Help> m_helpCache;
    QList<SourceMessage> m_messages;
};

void TestGuideOptions::extractorFindsMarkedShellBlocksOnly()
{
    const QString md = QStringLiteral(
        "# t\n```sh\necho outside\n```\n"
        "<!-- guide-test:begin -->\ntext\n```sh\necho one\n```\n```json\n{\"a\": 1}\n```\n"
        "```bash\necho two\n```\n<!-- guide-test:end -->\n"
        "```sh\necho after\n```\n<!-- guide-test:begin -->\n```sh\necho three\n```\n<!-- guide-test:end -->\n");
    QString error;
    const QList<CodeBlock> blocks = guideTestBlocks(md, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(blocks.size(), 3);
    QCOMPARE(blocks[0].text, QStringLiteral("echo one\n"));
    QCOMPARE(blocks[1].text, QStringLiteral("echo two\n"));
    QCOMPARE(blocks[2].text, QStringLiteral("echo three\n"));
    QCOMPARE(blocks[0].line, 7);
}

void TestGuideOptions::extractorReportsMalformedMarkers_data()
{
    QTest::addColumn<QString>("markdown");
    QTest::addColumn<QString>("expected");
    QTest::newRow("unclosed region") << QStringLiteral("<!-- guide-test:begin -->\n```sh\nx\n```\n")
                                     << QStringLiteral("not closed");
    QTest::newRow("nested") << QStringLiteral("<!-- guide-test:begin -->\n<!-- guide-test:begin -->\n")
                            << QStringLiteral("inside the region");
    QTest::newRow("end only") << QStringLiteral("text\n<!-- guide-test:end -->\n") << QStringLiteral("without a begin");
    QTest::newRow("typo") << QStringLiteral("<!-- guide-test: begin -->\n") << QStringLiteral("unrecognised");
    QTest::newRow("open fence") << QStringLiteral("```sh\necho\n") << QStringLiteral("not closed");
}

void TestGuideOptions::extractorReportsMalformedMarkers()
{
    QFETCH(QString, markdown);
    QFETCH(QString, expected);
    QString error;
    (void)guideTestBlocks(markdown, &error);
    QVERIFY2(error.contains(expected), qPrintable(error));
}

void TestGuideOptions::extractorSplitsRbctlCommands()
{
    const QString md = QStringLiteral("```sh\n"
                                      "rbctl fleet deploy node1 --key-file /k \\\n  --sudo --systemd-unit tor@default\n"
                                      "A=$(rbctl key address --key-file master)\n"
                                      "rbctl publish --watch --node n1=127.0.0.1:1 > log 2>&1 &  # background\n"
                                      "python3 - <<'EOF'\nrbctl not --a-command\nEOF\n"
                                      "# rbctl commented --out\n"
                                      "rbctl --version\n"
                                      "```\n"
                                      "```json\n{\"rbctl\": \"--nope\"}\n```\n");
    QString error;
    const QList<RbctlInvocation> inv = rbctlInvocations(md, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(inv.size(), 4);
    QCOMPARE(inv[0].command, QStringLiteral("fleet"));
    QCOMPARE(inv[0].subcommand, QStringLiteral("deploy"));
    QCOMPARE(inv[0].options,
             (QStringList{QStringLiteral("--key-file"), QStringLiteral("--sudo"), QStringLiteral("--systemd-unit")}));
    QCOMPARE(inv[1].command, QStringLiteral("key"));
    QCOMPARE(inv[1].subcommand, QStringLiteral("address"));
    QCOMPARE(inv[1].options, QStringList{QStringLiteral("--key-file")});
    QCOMPARE(inv[2].command, QStringLiteral("publish"));
    QCOMPARE(inv[2].subcommand, QString());
    QCOMPARE(inv[2].options, (QStringList{QStringLiteral("--watch"), QStringLiteral("--node")}));
    QCOMPARE(inv[3].command, QStringLiteral("--version"));
}

void TestGuideOptions::guideHasTheLabVariantMarked()
{
    const QString guide = readDoc(QStringLiteral("OPERATOR-GUIDE.md"));
    QVERIFY2(!guide.isEmpty(), "docs/OPERATOR-GUIDE.md is missing");
    QVERIFY(guide.contains(QLatin1String("## 2. Lab variant")));
    QString error;
    const QList<CodeBlock> blocks = guideTestBlocks(guide, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(blocks.size() >= 5);
    QString all;
    for (const CodeBlock& b : blocks) {
        all += b.text;
    }
    // The chain a new user runs: key, lab with the master, publish, fetch, lab down.
    for (const char* step : {"rbctl key generate", "rbctl lab up --nodes 3 --master-key-file", "rbctl publish --watch",
                             "--socks5-hostname", "rbctl lab down"}) {
        QVERIFY2(all.contains(QLatin1String(step)), step);
    }
    QVERIFY(all.indexOf(QLatin1String("rbctl lab up")) < all.indexOf(QLatin1String("rbctl publish")));
    QVERIFY(all.indexOf(QLatin1String("rbctl publish")) < all.indexOf(QLatin1String("rbctl lab down")));
}

void TestGuideOptions::documentedOptionsExist_data()
{
    QTest::addColumn<QString>("doc");
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("subcommand");
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<QString>("text");
    int total = 0;
    for (const QString& doc :
         {QStringLiteral("OPERATOR-GUIDE.md"), QStringLiteral("TROUBLESHOOTING.md"), QStringLiteral("SECURITY.md")}) {
        const QString md = readDoc(doc);
        if (md.isEmpty()) {
            QTest::newRow(qPrintable(doc + QStringLiteral(" exists")))
                << doc << QString() << QString() << QStringList() << QStringLiteral("(missing)");
            continue;
        }
        QString error;
        const QList<RbctlInvocation> list = rbctlInvocations(md, &error);
        if (!error.isEmpty()) {
            QTest::newRow(qPrintable(doc + QStringLiteral(" parses")))
                << doc << QString() << QString() << QStringList() << error;
            continue;
        }
        for (const RbctlInvocation& inv : list) {
            QTest::newRow(qPrintable(QStringLiteral("%1:%2 %3").arg(doc).arg(inv.line).arg(inv.text.left(60))))
                << doc << inv.command << inv.subcommand << inv.options << inv.text;
            ++total;
        }
    }
    QVERIFY(total > 20);
}

void TestGuideOptions::documentedOptionsExist()
{
    QFETCH(QString, doc);
    QFETCH(QString, command);
    QFETCH(QString, subcommand);
    QFETCH(QStringList, options);
    QFETCH(QString, text);
    QVERIFY2(!command.isEmpty(), qPrintable(doc + QStringLiteral(": ") + text));
    const Help h = help(command, subcommand);
    QVERIFY2(h.exitCode == 0, qPrintable(QStringLiteral("'rbctl %1 %2 --help' failed (exit %3) for: %4\n%5")
                                             .arg(command, subcommand)
                                             .arg(h.exitCode)
                                             .arg(text, h.text.left(400))));
    for (const QString& o : options) {
        const QRegularExpression re(QRegularExpression::escape(o) + QStringLiteral("(?![A-Za-z0-9-])"));
        QVERIFY2(re.match(h.text).hasMatch(),
                 qPrintable(QStringLiteral("%1: '%2' is not an option of 'rbctl %3 %4' (in: %5)")
                                .arg(doc, o, command, subcommand, text)));
    }
}

void TestGuideOptions::sourceStringsJoinAdjacentLiterals()
{
    const QStringList strings = sourceStrings(QStringLiteral(
        "f(QStringLiteral(\"The key file %1 has \"\n   \"permissions %2; run 'chmod 600 %1'\"), \"x \\\"q\\\"\");"));
    QCOMPARE(strings.size(), 2);
    QCOMPARE(strings[0], QStringLiteral("The key file %1 has permissions %2; run 'chmod 600 %1'"));
    QCOMPARE(strings[1], QStringLiteral("x \"q\""));
    QVERIFY(
        quoteMatches(QStringLiteral("The key file \u2026 has permissions \u2026; run 'chmod 600 \u2026'"), strings[0]));
    QVERIFY(quoteMatches(QStringLiteral("The key file /k has permissions 0644; run 'chmod 600 /k'"), strings[0]));
    QVERIFY(quoteMatches(QStringLiteral("has permissions \u2026"), strings[0]));
    QVERIFY(!quoteMatches(QStringLiteral("The key file \u2026 has wrong permissions"), strings[0]));
    QVERIFY(!quoteMatches(QStringLiteral("A message that is not in the source: nothing"), QStringLiteral("%1: %2")));
    QCOMPARE(documentQuotes(QStringLiteral("a \"quoted message text here\" b `\"not this one, it is code\"`\n"
                                           "```\n\"nor this one in a code block\"\n```\n"
                                           "a \"quote over\n  two lines\" of a paragraph\n"
                                           "\"short\" then text that is long enough \"ok\"\n")),
             (QStringList{QStringLiteral("quoted message text here"), QStringLiteral("quote over two lines")}));
}

void TestGuideOptions::quotedMessagesExistInTheSource_data()
{
    QTest::addColumn<QString>("quote");
    for (const QString& doc : {QStringLiteral("TROUBLESHOOTING.md"), QStringLiteral("SECURITY.md")}) {
        const QString md = readDoc(doc);
        QVERIFY2(!md.isEmpty(), qPrintable(doc + QStringLiteral(" is missing")));
        const QStringList quotes = documentQuotes(md);
        QVERIFY(quotes.size() > (doc.startsWith(u'T') ? 100 : 0));
        int row = 0;
        for (const QString& q : quotes) {
            QTest::newRow(qPrintable(QStringLiteral("%1:%2 %3").arg(doc).arg(++row).arg(q.left(50)))) << q;
        }
    }
}

void TestGuideOptions::quotedMessagesExistInTheSource()
{
    QFETCH(QString, quote);
    if (m_messages.isEmpty()) {
        for (const char* dir : {"core", "app", "ui"}) {
            QDirIterator it(QStringLiteral(RB_SOURCE_DIR "/") + QLatin1String(dir), {QStringLiteral("*.cpp")},
                            QDir::Files, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                QFile f(it.next());
                if (f.open(QIODevice::ReadOnly)) {
                    for (const QString& m : sourceStrings(QString::fromUtf8(f.readAll()))) {
                        m_messages.append(sourceMessage(m));
                    }
                }
            }
        }
        QFile lab(QStringLiteral(RB_SOURCE_DIR "/tests/lab/labnet.py"));
        if (lab.open(QIODevice::ReadOnly)) {
            for (QString m : sourceStrings(QString::fromUtf8(lab.readAll()))) {
                m.replace(QLatin1String("%%"), QLatin1String("%"));  // python's literal percent
                m_messages.append(sourceMessage(m));
            }
        }
        QVERIFY(m_messages.size() > 1000);
    }
    const QRegularExpression quoteRe = quotePattern(quote);
    for (const SourceMessage& m : std::as_const(m_messages)) {
        if (quoteMatches(quote, quoteRe, m)) {
            return;
        }
    }
    QFAIL(qPrintable(
        QStringLiteral("the documentation quotes a message the source does not contain: \"%1\"").arg(quote)));
}

Help TestGuideOptions::help(const QString& command, const QString& subcommand)
{
    const QString key = command + QLatin1Char(' ') + subcommand;
    if (m_helpCache.contains(key)) {
        return m_helpCache.value(key);
    }
    const QString rbctl = qEnvironmentVariable("RB_RBCTL");
    Help h;
    if (rbctl.isEmpty()) {
        h.text = QStringLiteral("RB_RBCTL is not set");
        return h;
    }
    QStringList args;
    if (command.startsWith(QLatin1Char('-'))) {
        args << QStringLiteral("--help");  // a global option: listed in rbctl --help
    } else {
        args << command;
        if (!subcommand.isEmpty()) {
            args << subcommand;
        }
        args << QStringLiteral("--help");
    }
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(rbctl, args);
    if (!p.waitForFinished(30000)) {
        p.kill();
        p.waitForFinished();
        h.text = QStringLiteral("timeout");
    } else {
        h.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        h.text = QString::fromUtf8(p.readAll());
    }
    m_helpCache.insert(key, h);
    return h;
}

QTEST_GUILESS_MAIN(TestGuideOptions)
#include "TestGuideOptions.moc"
