// ControlChannel against scripted local servers: FIFO completions, typed
// error replies, and the faults a real network produces (close mid-reply,
// silence, oversized lines, garbage, interleaved events). Every completion
// must fire exactly once; nothing may hang or crash.
#include "FakeTorServer.h"
#include "control/ControlChannel.h"

#include <QCoreApplication>
#include <QLocalServer>
#include <QLocalSocket>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

#include <memory>

using namespace rb;
using namespace rb::control;
using namespace std::chrono_literals;

namespace {

struct Outcome {
    int calls = 0;
    std::optional<Result<Reply>> result;
};

ControlChannel::Completion record(std::shared_ptr<Outcome> o)
{
    return [o](Result<Reply> r) {
        ++o->calls;
        o->result.emplace(std::move(r));
    };
}

struct Connected {
    std::unique_ptr<QTcpSocket> socket;
    std::unique_ptr<ControlChannel> channel;
};

Connected connectTo(quint16 port, ReplyParserLimits limits = {})
{
    Connected c;
    c.socket = std::make_unique<QTcpSocket>();
    c.socket->connectToHost(QHostAddress::LocalHost, port);
    c.channel = std::make_unique<ControlChannel>(c.socket.get(), nullptr, limits);
    return c;
}

}  // namespace

class TestControlChannel : public QObject {
    Q_OBJECT
private slots:
    void roundTripAndFifo()
    {
        FakeTorServer server;
        server.setHandler([](FakeTorServer& s, const QByteArray& line) {
            if (line == "GETINFO version") {
                s.send("250-version=0.4.9.11\r\n250 OK\r\n");
            } else if (line == "GETINFO nope") {
                s.send("552 Unrecognized key \"nope\"\r\n");
            } else {
                s.send("250 OK\r\n");
            }
        });
        auto c = connectTo(server.port());
        auto a = std::make_shared<Outcome>();
        auto b = std::make_shared<Outcome>();
        auto d = std::make_shared<Outcome>();
        QList<int> order;
        c.channel->send("GETINFO version", [a, &order](Result<Reply> r) {
            order << 1;
            record(a)(std::move(r));
        });
        c.channel->send("GETINFO nope", [b, &order](Result<Reply> r) {
            order << 2;
            record(b)(std::move(r));
        });
        c.channel->send("SIGNAL NEWNYM", [d, &order](Result<Reply> r) {
            order << 3;
            record(d)(std::move(r));
        });
        QCOMPARE(c.channel->pendingCount(), 3);
        QTRY_COMPARE_WITH_TIMEOUT(d->calls, 1, 5000);
        QCOMPARE(order, (QList<int>{1, 2, 3}));
        QVERIFY(a->result->ok());
        QCOMPARE(a->result->value().lines.first().text, QByteArray("version=0.4.9.11"));
        QVERIFY(!b->result->ok());
        QCOMPARE(b->result->error().code, ErrorCode::NotFound);
        QVERIFY(b->result->error().message.contains(QStringLiteral("Unrecognized key")));
        QVERIFY(d->result->ok());
        QVERIFY(c.channel->isOpen());  // error replies do not break the stream
        QCOMPARE(c.channel->pendingCount(), 0);
        QCOMPARE(a->calls + b->calls + d->calls, 3);
    }

    void errorRepliesAreTyped_data()
    {
        QTest::addColumn<QByteArray>("reply");
        QTest::addColumn<int>("code");
        QTest::newRow("515") << QByteArray("515 Authentication failed: Password did not match\r\n")
                             << int(ErrorCode::AuthFailed);
        QTest::newRow("514") << QByteArray("514 Authentication required.\r\n") << int(ErrorCode::AuthFailed);
        QTest::newRow("510") << QByteArray("510 Unrecognized command \"FOO\"\r\n") << int(ErrorCode::Rejected);
        QTest::newRow("451") << QByteArray("451 Resource exhausted\r\n") << int(ErrorCode::Unavailable);
        QTest::newRow("multi-line 552") << QByteArray("552-Unrecognized configuration key \"a\"\r\n552 Unrecognized "
                                                      "configuration key \"b\"\r\n")
                                        << int(ErrorCode::NotFound);
    }
    void errorRepliesAreTyped()
    {
        QFETCH(QByteArray, reply);
        QFETCH(int, code);
        FakeTorServer server;
        server.setHandler([reply](FakeTorServer& s, const QByteArray&) { s.send(reply); });
        auto c = connectTo(server.port());
        auto o = std::make_shared<Outcome>();
        c.channel->send("FOO", record(o));
        QTRY_COMPARE_WITH_TIMEOUT(o->calls, 1, 5000);
        QVERIFY(!o->result->ok());
        QCOMPARE(int(o->result->error().code), code);
        QVERIFY(!o->result->error().message.isEmpty());
    }

    void serverClosesMidReply()
    {
        FakeTorServer server;
        server.setHandler([](FakeTorServer& s, const QByteArray& line) {
            if (line == "GETINFO a b") {
                s.send("250-a=1\r\n250+b=\r\npartial data\r\n");
                s.closeClient();
            }
        });
        auto c = connectTo(server.port());
        QSignalSpy closed(c.channel.get(), &ControlChannel::closed);
        auto a = std::make_shared<Outcome>();
        auto b = std::make_shared<Outcome>();
        c.channel->send("GETINFO a b", record(a));
        c.channel->send("GETINFO c", record(b));
        QTRY_COMPARE_WITH_TIMEOUT(b->calls, 1, 5000);
        QCOMPARE(a->calls, 1);
        QCOMPARE(a->result->error().code, ErrorCode::Disconnected);
        QVERIFY(a->result->error().message.contains(QStringLiteral("middle of a reply")));
        QCOMPARE(b->result->error().code, ErrorCode::Disconnected);
        QCOMPARE(closed.count(), 1);
        QVERIFY(!c.channel->isOpen());
        QTest::qWait(50);
        QCOMPARE(a->calls, 1);
        QCOMPARE(b->calls, 1);
    }

    void replyDeliveredEvenWhenServerClosesRightAfter()
    {
        FakeTorServer server;
        server.setHandler([](FakeTorServer& s, const QByteArray&) {
            s.send("250 closing\r\n");
            s.closeClient();
        });
        auto c = connectTo(server.port());
        auto a = std::make_shared<Outcome>();
        c.channel->send("QUIT", record(a));
        QTRY_COMPARE_WITH_TIMEOUT(a->calls, 1, 5000);
        QVERIFY(a->result->ok());
        QTRY_VERIFY_WITH_TIMEOUT(!c.channel->isOpen(), 5000);
        QCOMPARE(c.channel->closeReason().code, ErrorCode::Disconnected);
    }

    void neverAnswersTimesOutAndFailsAll()
    {
        FakeTorServer server;  // no handler: silence
        auto c = connectTo(server.port());
        QSignalSpy closed(c.channel.get(), &ControlChannel::closed);
        auto slow = std::make_shared<Outcome>();
        auto fast = std::make_shared<Outcome>();
        auto third = std::make_shared<Outcome>();
        QElapsedTimer t;
        t.start();
        c.channel->send("GETINFO slow", record(slow), 5000ms);
        c.channel->send("GETINFO fast", record(fast), 200ms);
        c.channel->send("GETINFO third", record(third), 5000ms);
        QTRY_COMPARE_WITH_TIMEOUT(third->calls, 1, 3000);
        QVERIFY(t.elapsed() < 3000);  // the shortest timeout closed the channel
        QCOMPARE(fast->result->error().code, ErrorCode::Timeout);
        QVERIFY(fast->result->error().message.contains(QStringLiteral("GETINFO")));
        QCOMPARE(slow->calls, 1);
        QVERIFY(!slow->result->ok());
        QVERIFY(!third->result->ok());
        QVERIFY(!c.channel->isOpen());
        QCOMPARE(closed.count(), 1);
        QCOMPARE(c.socket->state(), QAbstractSocket::UnconnectedState);
        // Later sends fail cleanly (asynchronously) instead of hanging.
        auto after = std::make_shared<Outcome>();
        c.channel->send("GETINFO version", record(after));
        QCOMPARE(after->calls, 0);
        QTRY_COMPARE_WITH_TIMEOUT(after->calls, 1, 1000);
        QCOMPARE(after->result->error().code, ErrorCode::Disconnected);
    }

    void oversizedLine()
    {
        FakeTorServer server;
        server.setHandler([](FakeTorServer& s, const QByteArray&) { s.send("250-x=" + QByteArray(10000, 'A')); });
        ReplyParserLimits lim;
        lim.maxLineLength = 1000;
        auto c = connectTo(server.port(), lim);
        auto a = std::make_shared<Outcome>();
        auto b = std::make_shared<Outcome>();
        c.channel->send("GETINFO x", record(a));
        c.channel->send("GETINFO y", record(b));
        QTRY_COMPARE_WITH_TIMEOUT(b->calls, 1, 5000);
        QCOMPARE(a->result->error().code, ErrorCode::TooLarge);
        QCOMPARE(b->result->error().code, ErrorCode::TooLarge);
        QVERIFY(!c.channel->isOpen());
    }

    void garbage()
    {
        FakeTorServer server;
        server.setHandler([](FakeTorServer& s, const QByteArray&) {
            s.send("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
        });
        auto c = connectTo(server.port());
        auto a = std::make_shared<Outcome>();
        c.channel->send("PROTOCOLINFO 1", record(a));
        QTRY_COMPARE_WITH_TIMEOUT(a->calls, 1, 5000);
        QCOMPARE(a->result->error().code, ErrorCode::ProtocolError);
        QVERIFY(!c.channel->isOpen());
    }

    void binaryGarbage()
    {
        FakeTorServer server;
        server.setHandler([](FakeTorServer& s, const QByteArray&) {
            QByteArray junk;
            for (int i = 0; i < 4096; ++i) {
                junk.append(static_cast<char>((i * 7919) & 0xff));
            }
            s.send(junk);
        });
        auto c = connectTo(server.port());
        auto a = std::make_shared<Outcome>();
        c.channel->send("PROTOCOLINFO 1", record(a), 2000ms);
        QTRY_COMPARE_WITH_TIMEOUT(a->calls, 1, 5000);
        QVERIFY(!a->result->ok());
        QVERIFY(!c.channel->isOpen());
    }

    void eventsInterleavedInsideMultiLineReply()
    {
        FakeTorServer server;
        server.setHandler([](FakeTorServer& s, const QByteArray&) {
            const QByteArray wire = "250-a=1\r\n650 WARN first\r\n250+b=\r\nx\r\n.\r\n"
                                    "650 HS_DESC UPLOADED aaaa UNKNOWN $0123456789ABCDEF0123456789ABCDEF01234567~n\r\n"
                                    "250 OK\r\n";
            for (const char ch : wire) {
                s.send(QByteArray(1, ch));  // worst-case fragmentation
            }
        });
        auto c = connectTo(server.port());
        QList<QByteArray> seen;
        QList<QByteArray> all;
        c.channel->subscribe("WARN", [&seen](const Reply& e) { seen << "WARN:" + e.eventArguments(); });
        c.channel->subscribe("HS_DESC", [&seen](const Reply& e) { seen << "HS_DESC:" + e.keyword(); });
        c.channel->subscribe({}, [&all](const Reply& e) { all << e.keyword(); });
        auto a = std::make_shared<Outcome>();
        c.channel->send("GETINFO a b", [a, &seen](Result<Reply> r) {
            seen << "reply";
            record(a)(std::move(r));
        });
        QTRY_COMPARE_WITH_TIMEOUT(a->calls, 1, 5000);
        QVERIFY(a->result->ok());
        QCOMPARE(a->result->value().lines.size(), 3);
        QCOMPARE(a->result->value().lines[1].data, QByteArray("x\n"));
        QCOMPARE(seen, (QList<QByteArray>{"WARN:first", "HS_DESC:HS_DESC", "reply"}));
        QCOMPARE(all, (QList<QByteArray>{"WARN", "HS_DESC"}));
        QVERIFY(c.channel->isOpen());
    }

    void unsolicitedReplyClosesChannel()
    {
        FakeTorServer server;
        auto c = connectTo(server.port());
        QTRY_VERIFY_WITH_TIMEOUT(server.hasClient(), 5000);
        QSignalSpy closed(c.channel.get(), &ControlChannel::closed);
        server.send("250 OK\r\n");
        QTRY_COMPARE_WITH_TIMEOUT(closed.count(), 1, 5000);
        QCOMPARE(c.channel->closeReason().code, ErrorCode::ProtocolError);
    }

    void refusedConnection()
    {
        quint16 port = 0;
        {
            QTcpServer tmp;
            QVERIFY(tmp.listen(QHostAddress::LocalHost, 0));
            port = tmp.serverPort();
        }  // closed: connections to it are refused
        auto c = connectTo(port);
        auto a = std::make_shared<Outcome>();
        c.channel->send("PROTOCOLINFO 1", record(a), 5000ms);
        QTRY_COMPARE_WITH_TIMEOUT(a->calls, 1, 5000);
        QVERIFY(!a->result->ok());
        QCOMPARE(a->result->error().code, ErrorCode::Disconnected);
    }

    void injectionRefusedBeforeSending()
    {
        FakeTorServer server;
        server.setHandler([](FakeTorServer& s, const QByteArray&) { s.send("250 OK\r\n"); });
        auto c = connectTo(server.port());
        auto bad = std::make_shared<Outcome>();
        auto good = std::make_shared<Outcome>();
        c.channel->send("GETINFO version\r\nSIGNAL HALT", record(bad));
        c.channel->send(QByteArray("GETINFO a\0b", 11), record(bad));
        QCOMPARE(bad->calls, 0);  // never synchronous
        c.channel->send("GETINFO ok", record(good));
        QTRY_COMPARE_WITH_TIMEOUT(good->calls, 1, 5000);
        QCOMPARE(bad->calls, 2);
        QCOMPARE(bad->result->error().code, ErrorCode::InvalidArgument);
        QCOMPARE(server.received, (QList<QByteArray>{"GETINFO ok"}));
    }

    void destroyedChannelCancelsPending()
    {
        FakeTorServer server;
        auto c = connectTo(server.port());
        auto a = std::make_shared<Outcome>();
        c.channel->send("GETINFO x", record(a));
        c.channel.reset();
        QCOMPARE(a->calls, 1);
        QCOMPARE(a->result->error().code, ErrorCode::Cancelled);
        QTest::qWait(20);
        QCOMPARE(a->calls, 1);
    }

    void reentrantCallbacks()
    {
        FakeTorServer server;
        server.setHandler([](FakeTorServer& s, const QByteArray& line) {
            if (line == "ONE") {
                s.send("250 OK\r\n650 WARN w\r\n");
            } else {
                s.send("250 OK\r\n");
            }
        });
        auto c = connectTo(server.port());
        ControlChannel* ch = c.channel.get();
        auto second = std::make_shared<Outcome>();
        int sub = 0;
        int warnCalls = 0;
        sub = ch->subscribe("WARN", [&](const Reply&) {
            ++warnCalls;
            ch->unsubscribe(sub);  // unsubscribe from inside the handler
        });
        ch->send("ONE", [ch, second](Result<Reply>) { ch->send("TWO", record(second)); });
        QTRY_COMPARE_WITH_TIMEOUT(second->calls, 1, 5000);
        QVERIFY(second->result->ok());
        QCOMPARE(warnCalls, 1);
        // A completion that closes the channel while others are pending.
        auto x = std::make_shared<Outcome>();
        auto y = std::make_shared<Outcome>();
        ch->send("THREE", [ch, x](Result<Reply> r) {
            record(x)(std::move(r));
            ch->close(makeError(ErrorCode::Cancelled, QStringLiteral("user closed")));
        });
        ch->send("FOUR", record(y));
        QTRY_COMPARE_WITH_TIMEOUT(y->calls, 1, 5000);
        QVERIFY(x->result->ok());
        QCOMPARE(y->result->error().code, ErrorCode::Cancelled);
        // A completion that deletes the channel.
        auto c2 = connectTo(server.port());
        ControlChannel* ch2 = c2.channel.release();
        auto z = std::make_shared<Outcome>();
        ch2->send("FIVE", [ch2](Result<Reply>) { delete ch2; });
        ch2->send("SIX", record(z));
        QTRY_COMPARE_WITH_TIMEOUT(z->calls, 1, 5000);
        QCOMPARE(z->result->error().code, ErrorCode::Cancelled);
    }

    void localSocketDevice()
    {
        QLocalServer server;
        QVERIFY(server.listen(QStringLiteral("rb-test-control-%1").arg(QCoreApplication::applicationPid())));
        QPointer<QLocalSocket> peer;
        connect(&server, &QLocalServer::newConnection, &server, [&]() {
            peer = server.nextPendingConnection();
            connect(peer, &QLocalSocket::readyRead, peer, [&]() {
                peer->readAll();
                peer->write("250-version=0.4.9.11\r\n250 OK\r\n");
                peer->flush();
                peer->disconnectFromServer();
            });
        });
        QLocalSocket socket;
        socket.connectToServer(server.serverName());
        ControlChannel ch(&socket);
        auto a = std::make_shared<Outcome>();
        auto b = std::make_shared<Outcome>();
        ch.send("GETINFO version", record(a));
        ch.send("GETINFO more", record(b));
        QTRY_COMPARE_WITH_TIMEOUT(b->calls, 1, 5000);
        QVERIFY(a->result->ok());
        QCOMPARE(b->result->error().code, ErrorCode::Disconnected);
    }

    void closedDeviceRefusesCommands()
    {
        QTcpSocket never;
        ControlChannel ch(&never);
        auto a = std::make_shared<Outcome>();
        ch.send("GETINFO version", record(a));
        QTRY_COMPARE_WITH_TIMEOUT(a->calls, 1, 1000);
        QCOMPARE(a->result->error().code, ErrorCode::Disconnected);
    }

    void redaction()
    {
        QVERIFY(!ControlChannel::redactCommand("AUTHENTICATE \"hunter2\"").contains(QStringLiteral("hunter2")));
        QVERIFY(!ControlChannel::redactCommand("AUTHENTICATE 0a0b0c").contains(QStringLiteral("0a0b0c")));
        QCOMPARE(ControlChannel::redactCommand("AUTHENTICATE"), QStringLiteral("AUTHENTICATE"));
        const QString add = ControlChannel::redactCommand(
            "ADD_ONION ED25519-V3:c2VjcmV0a2V5 Flags=Detach Port=80,127.0.0.1:8080 ClientAuthV3=QUJD");
        QVERIFY(!add.contains(QStringLiteral("c2VjcmV0a2V5")));
        QVERIFY(!add.contains(QStringLiteral("QUJD")));
        QVERIFY(add.contains(QStringLiteral("Port=80,127.0.0.1:8080")));
        QVERIFY(ControlChannel::redactCommand("ADD_ONION NEW:ED25519-V3 Port=80")
                    .contains(QStringLiteral("NEW:ED25519-V3")));
        const QString setconf = ControlChannel::redactCommand("SETCONF HashedControlPassword=\"16:AB CD\" SocksPort=0");
        QVERIFY(!setconf.contains(QStringLiteral("16:AB")));
        QVERIFY(!setconf.contains(QStringLiteral("CD")));
        QVERIFY(setconf.contains(QStringLiteral("SocksPort=0")));
        QVERIFY(!ControlChannel::redactCommand("SETCONF foo=\"unterminated secret").contains(QStringLiteral("secret")));
        QCOMPARE(ControlChannel::redactCommand("+HSPOST HSADDRESS=abc", 1234),
                 QStringLiteral("+HSPOST HSADDRESS=abc [+data: 1234 bytes]"));
        Reply r;
        r.lines = {ReplyLine{250, ReplyLine::Kind::Mid, "ServiceID=abc", {}},
                   ReplyLine{250, ReplyLine::Kind::Mid, "PrivateKey=ED25519-V3:SECRETBLOB", {}},
                   ReplyLine{250, ReplyLine::Kind::Data, "desc=", "DESCRIPTOR BODY\n"},
                   ReplyLine{250, ReplyLine::Kind::End, "OK", {}}};
        const QString rr = ControlChannel::redactReply(r);
        QVERIFY(!rr.contains(QStringLiteral("SECRETBLOB")));
        QVERIFY(!rr.contains(QStringLiteral("DESCRIPTOR BODY")));
        QVERIFY(rr.contains(QStringLiteral("ServiceID=abc")));
        QVERIFY(rr.contains(QStringLiteral("[data: 16 bytes]")));
        Reply ch;
        ch.lines = {ReplyLine{250, ReplyLine::Kind::End, "AUTHCHALLENGE SERVERHASH=AAAA SERVERNONCE=BBBB", {}}};
        QVERIFY(!ControlChannel::redactReply(ch).contains(QStringLiteral("AAAA")));
        QVERIFY(!ControlChannel::redactReply(ch).contains(QStringLiteral("BBBB")));
    }
};

QTEST_GUILESS_MAIN(TestControlChannel)
#include "TestControlChannel.moc"
