// ReplyParser and Syntax: framing, data blocks, escaping, interleaved
// events, limits, status codes, quoted strings, argument safety.
#include "control/ReplyParser.h"
#include "control/Syntax.h"

#include <QRandomGenerator>
#include <QTest>

using namespace rb;
using namespace rb::control;

namespace {

QList<Reply> parseAll(ReplyParser& p, QByteArrayView bytes, Status* status = nullptr)
{
    Status st = p.feed(bytes);
    if (status) {
        *status = st;
    } else if (!st.ok()) {
        qWarning() << st.error().toString();
    }
    QList<Reply> out;
    while (auto r = p.takeNext()) {
        out.append(std::move(*r));
    }
    return out;
}

QList<Reply> parseChunked(QByteArrayView bytes, quint32 seed, ReplyParserLimits limits = {})
{
    ReplyParser p(limits);
    QRandomGenerator rng(seed);
    QList<Reply> out;
    qsizetype i = 0;
    while (i < bytes.size()) {
        const qsizetype n = std::min<qsizetype>(bytes.size() - i, 1 + rng.bounded(7));
        out += parseAll(p, bytes.sliced(i, n));
        i += n;
    }
    return out;
}

}  // namespace

class TestReplyParser : public QObject {
    Q_OBJECT
private slots:
    void singleLine()
    {
        ReplyParser p;
        const auto r = parseAll(p, "250 OK\r\n");
        QCOMPARE(r.size(), 1);
        QCOMPARE(r[0].status(), 250);
        QCOMPARE(r[0].endText(), QByteArray("OK"));
        QVERIFY(r[0].isSuccess());
        QVERIFY(!r[0].isAsync());
        QVERIFY(p.isIdle());
    }

    void multiLineAndPartialFeed()
    {
        ReplyParser p;
        QVERIFY(parseAll(p, "250-version=0.4.9.11\r\n250-config-fi").isEmpty());
        QVERIFY(!p.isIdle());
        const auto r = parseAll(p, "le=/etc/tor/torrc\r\n250 OK\r\n");
        QCOMPARE(r.size(), 1);
        QCOMPARE(r[0].lines.size(), 3);
        QCOMPARE(r[0].lines[0].kind, ReplyLine::Kind::Mid);
        QCOMPARE(r[0].lines[1].text, QByteArray("config-file=/etc/tor/torrc"));
        QCOMPARE(r[0].lines[2].kind, ReplyLine::Kind::End);
    }

    void dataBlockUnescapesDots()
    {
        const QByteArray wire = "250+config-text=\r\n"
                                "SocksPort 0\r\n"
                                "..hidden leading dot\r\n"
                                ".single dot stripped too\r\n"
                                "\r\n"
                                "last\r\n"
                                ".\r\n"
                                "250 OK\r\n";
        for (quint32 seed = 1; seed < 40; ++seed) {
            const auto r = parseChunked(wire, seed);
            QCOMPARE(r.size(), 1);
            QCOMPARE(r[0].lines.size(), 2);
            QCOMPARE(r[0].lines[0].kind, ReplyLine::Kind::Data);
            QCOMPARE(r[0].lines[0].text, QByteArray("config-text="));
            QCOMPARE(r[0].lines[0].data,
                     QByteArray("SocksPort 0\n.hidden leading dot\nsingle dot stripped too\n\nlast\n"));
        }
    }

    void dataBlockLineWithOnlyTwoDotsIsADot()
    {
        ReplyParser p;
        const auto r = parseAll(p, "250+x=\r\n..\r\n.\r\n250 OK\r\n");
        QCOMPARE(r.size(), 1);
        QCOMPARE(r[0].lines[0].data, QByteArray(".\n"));
    }

    void emptyDataBlock()
    {
        ReplyParser p;
        const auto r = parseAll(p, "650+HS_DESC_CONTENT UNKNOWN abc UNKNOWN\r\n.\r\n650 OK\r\n");
        QCOMPARE(r.size(), 1);
        QVERIFY(r[0].isAsync());
        QCOMPARE(r[0].keyword(), QByteArray("HS_DESC_CONTENT"));
        QCOMPARE(r[0].lines[0].data, QByteArray());
    }

    void bareLfAccepted()
    {
        ReplyParser p;
        const auto r = parseAll(p, "250-a=1\n250 OK\n");
        QCOMPARE(r.size(), 1);
        QCOMPARE(r[0].lines[0].text, QByteArray("a=1"));
    }

    void eventsInterleavedInsideMultiLineReply()
    {
        const QByteArray wire = "250-a=1\r\n"
                                "650 WARN something odd\r\n"
                                "250+b=\r\nline1\r\n.\r\n"
                                "650+HS_DESC_CONTENT x y z\r\nbody\r\n.\r\n"
                                "250-c=3\r\n"
                                "650 OK\r\n"
                                "250 OK\r\n";
        for (quint32 seed = 1; seed < 40; ++seed) {
            const auto r = parseChunked(wire, seed);
            QCOMPARE(r.size(), 3);
            QVERIFY(r[0].isAsync());
            QCOMPARE(r[0].keyword(), QByteArray("WARN"));
            QCOMPARE(r[0].eventArguments(), QByteArray("something odd"));
            QVERIFY(r[1].isAsync());
            QCOMPARE(r[1].keyword(), QByteArray("HS_DESC_CONTENT"));
            QCOMPARE(r[1].lines.size(), 2);
            QCOMPARE(r[1].lines[0].data, QByteArray("body\n"));
            QVERIFY(!r[2].isAsync());
            QCOMPARE(r[2].lines.size(), 4);
            QCOMPARE(r[2].lines[1].data, QByteArray("line1\n"));
            QCOMPARE(r[2].lines[2].text, QByteArray("c=3"));
        }
    }

    void errorReplies()
    {
        ReplyParser p;
        const auto r = parseAll(p, "552 Unrecognized key \"nope\"\r\n515 Authentication failed\r\n");
        QCOMPARE(r.size(), 2);
        QCOMPARE(r[0].status(), 552);
        QVERIFY(!r[0].isSuccess());
        QCOMPARE(r[1].status(), 515);
    }

    void badStatusCodes_data()
    {
        QTest::addColumn<QByteArray>("wire");
        QTest::newRow("letters") << QByteArray("25x OK\r\n");
        QTest::newRow("two digits") << QByteArray("25 OK\r\n");
        QTest::newRow("1xx") << QByteArray("150 OK\r\n");
        QTest::newRow("3xx") << QByteArray("354 go on\r\n");
        QTest::newRow("7xx") << QByteArray("750 x\r\n");
        QTest::newRow("bad separator") << QByteArray("250:OK\r\n");
        QTest::newRow("too short") << QByteArray("250\r\n");
        QTest::newRow("empty line") << QByteArray("\r\n");
        QTest::newRow("inconsistent") << QByteArray("250-a=1\r\n251 OK\r\n");
        QTest::newRow("garbage") << QByteArray("HTTP/1.1 200 OK\r\n");
    }
    void badStatusCodes()
    {
        QFETCH(QByteArray, wire);
        ReplyParser p;
        Status st;
        const auto r = parseAll(p, wire, &st);
        QVERIFY(r.isEmpty());
        QVERIFY(!st.ok());
        QCOMPARE(st.error().code, ErrorCode::ProtocolError);
        QVERIFY(p.hasFailed());
        // Sticky: later input is refused with the same error.
        const Status again = p.feed("250 OK\r\n");
        QVERIFY(!again.ok());
        QCOMPARE(again.error().message, st.error().message);
        QVERIFY(!p.hasNext());
    }

    void repliesBeforeViolationSurvive()
    {
        ReplyParser p;
        Status st;
        const auto r = parseAll(p, "250 OK\r\nxyz\r\n", &st);
        QVERIFY(!st.ok());
        QCOMPARE(r.size(), 1);
    }

    void lineLimit()
    {
        ReplyParserLimits lim;
        lim.maxLineLength = 100;
        {
            ReplyParser p(lim);
            QVERIFY(p.feed(QByteArray("250 " + QByteArray(96, 'a') + "\r\n")).ok());  // exactly 100
            QVERIFY(p.hasNext());
        }
        {
            // An endless line without LF is refused before it is complete.
            ReplyParser p(lim);
            Status st = p.feed("250 ");
            for (int i = 0; i < 10 && st.ok(); ++i) {
                st = p.feed(QByteArray(50, 'a'));
            }
            QVERIFY(!st.ok());
            QCOMPARE(st.error().code, ErrorCode::TooLarge);
        }
        {
            ReplyParser p(lim);
            const Status st = p.feed(QByteArray("250+x=\r\n" + QByteArray(101, 'b') + "\r\n.\r\n250 OK\r\n"));
            QCOMPARE(st.error().code, ErrorCode::TooLarge);
        }
    }

    void dataAndReplyLimits()
    {
        ReplyParserLimits lim;
        lim.maxDataBlockSize = 50;
        QByteArray wire = "250+x=\r\n";
        for (int i = 0; i < 10; ++i) {
            wire += "0123456789\r\n";
        }
        wire += ".\r\n250 OK\r\n";
        {
            ReplyParser p(lim);
            QCOMPARE(p.feed(wire).error().code, ErrorCode::TooLarge);
        }
        lim.maxDataBlockSize = 1000;
        lim.maxReplySize = 60;
        {
            ReplyParser p(lim);
            QCOMPARE(p.feed(wire).error().code, ErrorCode::TooLarge);
        }
        lim.maxReplySize = 1000;
        lim.maxLinesPerReply = 3;
        {
            ReplyParser p(lim);
            QCOMPARE(p.feed("250-a\r\n250-b\r\n250-c\r\n250 OK\r\n").error().code, ErrorCode::TooLarge);
        }
        lim.maxLinesPerReply = 4;
        {
            ReplyParser p(lim);
            QVERIFY(p.feed("250-a\r\n250-b\r\n250-c\r\n250 OK\r\n").ok());
            QVERIFY(p.hasNext());
        }
    }

    void quotedStrings()
    {
        QCOMPARE(unquote("\"plain\"").value(), QByteArray("plain"));
        QCOMPARE(unquote("\"a \\\"b\\\" \\\\ c\"").value(), QByteArray("a \"b\" \\ c"));
        QCOMPARE(unquote("\"tab\\tnl\\ncr\\r\"").value(), QByteArray("tab\tnl\ncr\r"));
        QCOMPARE(unquote("\"\\101\\0z\\377\"").value(), QByteArray("A\0z\xff", 4));
        QCOMPARE(unquote("\"\\q\"").value(), QByteArray("q"));
        QVERIFY(!unquote("\"open").ok());
        QVERIFY(!unquote("\"a\" trailing").ok());
        QVERIFY(!unquote("noquote").ok());
        QVERIFY(!unquote("\"ends in backslash\\").ok());
    }

    void fields()
    {
        const auto f = parseFields("PROTOCOLINFO 1 AUTH METHODS=COOKIE,SAFECOOKIE COOKIEFILE=\"/var/run/tor/control "
                                   "auth\\\\cookie\" X= \"pos quoted\"");
        QVERIFY(f.ok());
        QCOMPARE(f->positional, (QList<QByteArray>{"PROTOCOLINFO", "1", "AUTH", "pos quoted"}));
        QCOMPARE(f->value("METHODS").value(), QByteArray("COOKIE,SAFECOOKIE"));
        QCOMPARE(f->value("COOKIEFILE").value(), QByteArray("/var/run/tor/control auth\\cookie"));
        QCOMPARE(f->value("X").value(), QByteArray());
        QVERIFY(!f->contains("Y"));
        // An old-style "$FP=nick" LongName is positional, not a keyword.
        const auto g = parseFields("$0123456789ABCDEF0123456789ABCDEF01234567=nick K=v");
        QCOMPARE(g->positional.size(), 1);
        QCOMPARE(g->keywords.size(), 1);
        QVERIFY(!parseFields("A=\"unterminated").ok());
        QCOMPARE(parseFields("a b c d", 3).error().code, ErrorCode::TooLarge);
    }

    void splitKeyValueKeepsSpaces()
    {
        const auto [k, v] = splitKeyValue("status/bootstrap-phase=NOTICE BOOTSTRAP PROGRESS=100");
        QCOMPARE(k, QByteArray("status/bootstrap-phase"));
        QCOMPARE(v.value(), QByteArray("NOTICE BOOTSTRAP PROGRESS=100"));
        const auto [k2, v2] = splitKeyValue("SocksPort");
        QCOMPARE(k2, QByteArray("SocksPort"));
        QVERIFY(!v2.has_value());
    }

    void argumentInjectionRefused()
    {
        QCOMPARE(quoteArgument("pass\r\nSIGNAL HALT").error().code, ErrorCode::InvalidArgument);
        QCOMPARE(quoteArgument("a\nb").error().code, ErrorCode::InvalidArgument);
        QCOMPARE(quoteArgument(QByteArray("a\0b", 3)).error().code, ErrorCode::InvalidArgument);
        QCOMPARE(quoteArgument("we\"ird\\pa ss").value(), QByteArray("\"we\\\"ird\\\\pa ss\""));
        // Round trip through the reader.
        QCOMPARE(unquote(quoteArgument("we\"ird\\pa ss").value()).value(), QByteArray("we\"ird\\pa ss"));
        QVERIFY(!checkToken("a b").ok());
        QVERIFY(!checkToken("").ok());
        QVERIFY(!checkToken("x\r\nSIGNAL HALT").ok());
        QVERIFY(!checkToken("q\"").ok());
        QCOMPARE(checkToken("$0123~nick").value(), QByteArray("$0123~nick"));
        QCOMPARE(configValue("9050").value(), QByteArray("9050"));
        QCOMPARE(configValue("80 127.0.0.1:8080").value(), QByteArray("\"80 127.0.0.1:8080\""));
        QCOMPARE(configValue("").value(), QByteArray("\"\""));
        QVERIFY(!configValue("1\nSocksPort 9050").ok());
        QVERIFY(!checkCommandLine("GETINFO version\r\nSIGNAL HALT").ok());
        QVERIFY(checkCommandLine("GETINFO version").ok());
    }

    void dataBlockEscaping()
    {
        QCOMPARE(escapeDataBlock("a\n.b\n..c\nd"), QByteArray("a\r\n..b\r\n...c\r\nd\r\n.\r\n"));
        QCOMPARE(escapeDataBlock("x\r\ny\n"), QByteArray("x\r\ny\r\n.\r\n"));
        QCOMPARE(escapeDataBlock(".\n"), QByteArray("..\r\n.\r\n"));
        // What we escape, the parser (tor's rules) restores.
        const QByteArray body = "hs-descriptor 3\n.starts with dot\n.\nend\n";
        ReplyParser p;
        QVERIFY(p.feed(QByteArray("250+d=\r\n" + escapeDataBlock(body) + "250 OK\r\n")).ok());
        QCOMPARE(p.takeNext()->lines[0].data, body);
    }
};

QTEST_GUILESS_MAIN(TestReplyParser)
#include "TestReplyParser.moc"
