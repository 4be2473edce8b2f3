// ControlClient against a scripted server: PROTOCOLINFO parsing, the
// SAFECOOKIE handshake (both directions of the HMAC), method selection,
// GETINFO/GETCONF parsing, the exact HSPOST/HSFETCH/ADD_ONION wire format,
// and a log that never carries a secret.
#include "FakeTorServer.h"
#include "control/ControlClient.h"
#include "control/Syntax.h"
#include "crypto/Crypto.h"

#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace rb;
using namespace rb::control;
using namespace std::chrono_literals;

namespace {

const QByteArray Addr = "2clzszzj2zxouhymnw33lgycxhcr67iv6ozbuyvugjblsohckzjux7yd";
const QByteArray FpA = "9695DFC35FFEB861329B9F1AB04C46397020CE31";

QByteArray cookieBytes()
{
    QByteArray c;
    for (int i = 0; i < 32; ++i) {
        c.append(static_cast<char>(0xA0 + i));
    }
    return c;
}

QByteArray protocolInfoReply(const QByteArray& methods)
{
    return "250-PROTOCOLINFO 1\r\n250-AUTH METHODS=" + methods +
           " COOKIEFILE=\"/var/lib/tor/control\\\\auth \\\"cookie\\\"\"\r\n250-VERSION Tor=\"0.4.9.11\"\r\n250 OK\r\n";
}

// Answers like tor for SAFECOOKIE; `lie` makes the server hash wrong.
struct SafeCookieTor {
    QByteArray cookie = cookieBytes();
    QByteArray methods = "COOKIE,SAFECOOKIE";
    bool lie = false;
    QByteArray expectedClientHash;
    bool authenticated = false;
    QByteArray lastAuthenticate;

    void handle(FakeTorServer& s, const QByteArray& line)
    {
        if (line.startsWith("PROTOCOLINFO")) {
            s.send(protocolInfoReply(methods));
        } else if (line.startsWith("AUTHCHALLENGE SAFECOOKIE ")) {
            const QByteArray cnonce = QByteArray::fromHex(line.mid(25));
            const QByteArray snonce(32, 'S');
            const QByteArray msg = cookie + cnonce + snonce;
            QByteArray sh = crypto::hmacSha256("Tor safe cookie authentication server-to-controller hash", msg);
            if (lie) {
                sh[0] = static_cast<char>(sh[0] ^ 1);
            }
            expectedClientHash = crypto::hmacSha256("Tor safe cookie authentication controller-to-server hash", msg);
            s.send("250 AUTHCHALLENGE SERVERHASH=" + sh.toHex().toUpper() + " SERVERNONCE=" + snonce.toHex().toUpper() +
                   "\r\n");
        } else if (line.startsWith("AUTHENTICATE")) {
            lastAuthenticate = line;
            const QByteArray arg = line.mid(13);
            if (QByteArray::fromHex(arg) == expectedClientHash || QByteArray::fromHex(arg) == cookie) {
                authenticated = true;
                s.send("250 OK\r\n");
            } else {
                s.send("515 Authentication failed: Safe cookie response did not match expected value.\r\n");
                s.closeClient();
            }
        } else {
            s.send("250 OK\r\n");
        }
    }
};

struct Fixture {
    std::unique_ptr<QTcpSocket> socket;
    std::unique_ptr<ControlChannel> channel;
    std::unique_ptr<ControlClient> client;
    QStringList log;
};

std::unique_ptr<Fixture> connectTo(FakeTorServer& server)
{
    auto f = std::make_unique<Fixture>();
    f->socket = std::make_unique<QTcpSocket>();
    f->socket->connectToHost(QHostAddress::LocalHost, server.port());
    f->channel = std::make_unique<ControlChannel>(f->socket.get());
    Fixture* raw = f.get();
    f->channel->setLogHook([raw](ControlChannel::LogDirection, const QString& line) { raw->log << line; });
    f->client = std::make_unique<ControlClient>(f->channel.get());
    f->client->setDefaultTimeout(5000ms);
    return f;
}

template <typename T> struct Box {
    int calls = 0;
    std::optional<Result<T>> r;
    Callback<T> cb()
    {
        return [this](Result<T> v) {
            ++calls;
            r.emplace(std::move(v));
        };
    }
};

}  // namespace

class TestControlClient : public QObject {
    Q_OBJECT
private slots:
    void protocolInfoParsed()
    {
        FakeTorServer server;
        SafeCookieTor tor;
        tor.methods = "COOKIE,SAFECOOKIE,HASHEDPASSWORD";
        server.setHandler([&](FakeTorServer& s, const QByteArray& l) { tor.handle(s, l); });
        auto f = connectTo(server);
        Box<ProtocolInfo> box;
        f->client->protocolInfo(box.cb());
        QTRY_COMPARE_WITH_TIMEOUT(box.calls, 1, 5000);
        QVERIFY(box.r->ok());
        const ProtocolInfo& pi = box.r->value();
        QCOMPARE(pi.protocolInfoVersion, 1);
        QCOMPARE(pi.authMethods, (QStringList{"COOKIE", "SAFECOOKIE", "HASHEDPASSWORD"}));
        QCOMPARE(pi.cookieFile, QStringLiteral("/var/lib/tor/control\\auth \"cookie\""));
        QCOMPARE(pi.torVersion, QStringLiteral("0.4.9.11"));
        // Cached: a second call does not send PROTOCOLINFO again (tor would hang up).
        Box<ProtocolInfo> again;
        f->client->protocolInfo(again.cb());
        QTRY_COMPARE_WITH_TIMEOUT(again.calls, 1, 5000);
        QCOMPARE(server.received.count(QByteArray("PROTOCOLINFO 1")), 1);
    }

    void safeCookieHandshake()
    {
        FakeTorServer server;
        SafeCookieTor tor;
        server.setHandler([&](FakeTorServer& s, const QByteArray& l) { tor.handle(s, l); });
        auto f = connectTo(server);
        AuthCredentials creds;
        creds.cookie = crypto::SecretBuffer::fromBytes(tor.cookie);
        Box<AuthMethod> box;
        f->client->authenticate(std::move(creds), box.cb());
        QTRY_COMPARE_WITH_TIMEOUT(box.calls, 1, 5000);
        QVERIFY2(box.r->ok(), qPrintable(box.r->ok() ? QString() : box.r->error().toString()));
        QCOMPARE(box.r->value(), AuthMethod::SafeCookie);  // preferred over COOKIE
        QVERIFY(tor.authenticated);
        QCOMPARE(tor.lastAuthenticate, "AUTHENTICATE " + tor.expectedClientHash.toHex());
        // The client nonce is 32 random bytes.
        const QByteArray challenge = server.received.at(1);
        QVERIFY(challenge.startsWith("AUTHCHALLENGE SAFECOOKIE "));
        QCOMPARE(challenge.mid(25).size(), 64);
    }

    void safeCookieServerHashMismatch()
    {
        FakeTorServer server;
        SafeCookieTor tor;
        tor.lie = true;
        server.setHandler([&](FakeTorServer& s, const QByteArray& l) { tor.handle(s, l); });
        auto f = connectTo(server);
        AuthCredentials creds;
        creds.cookie = crypto::SecretBuffer::fromBytes(tor.cookie);
        Box<AuthMethod> box;
        f->client->authenticate(std::move(creds), box.cb());
        QTRY_COMPARE_WITH_TIMEOUT(box.calls, 1, 5000);
        QCOMPARE(box.r->error().code, ErrorCode::AuthFailed);
        QVERIFY(box.r->error().message.contains(QStringLiteral("SAFECOOKIE")));
        QTest::qWait(50);
        // We never answer a server that could not prove it knows the cookie.
        for (const QByteArray& l : server.received) {
            QVERIFY(!l.startsWith("AUTHENTICATE"));
        }
    }

    void methodSelection()
    {
        {
            // Only COOKIE offered (old tor): cookie sent as hex.
            FakeTorServer server;
            SafeCookieTor tor;
            tor.methods = "COOKIE";
            server.setHandler([&](FakeTorServer& s, const QByteArray& l) { tor.handle(s, l); });
            auto f = connectTo(server);
            AuthCredentials creds;
            creds.cookie = crypto::SecretBuffer::fromBytes(tor.cookie);
            Box<AuthMethod> box;
            f->client->authenticate(std::move(creds), box.cb());
            QTRY_COMPARE_WITH_TIMEOUT(box.calls, 1, 5000);
            QCOMPARE(box.r->value(), AuthMethod::Cookie);
            QCOMPARE(tor.lastAuthenticate, "AUTHENTICATE " + tor.cookie.toHex());
        }
        {
            // NULL offered: no credentials needed.
            FakeTorServer server;
            SafeCookieTor tor;
            tor.methods = "NULL";
            server.setHandler([&](FakeTorServer& s, const QByteArray& l) { tor.handle(s, l); });
            auto f = connectTo(server);
            Box<AuthMethod> box;
            f->client->authenticate(AuthCredentials{}, box.cb());
            QTRY_COMPARE_WITH_TIMEOUT(box.calls, 1, 5000);
            QCOMPARE(box.r->value(), AuthMethod::Null);
            QCOMPARE(server.received.last(), QByteArray("AUTHENTICATE"));
        }
        {
            // Password wanted, only a cookie given: clear error, nothing sent.
            FakeTorServer server;
            SafeCookieTor tor;
            tor.methods = "HASHEDPASSWORD";
            server.setHandler([&](FakeTorServer& s, const QByteArray& l) { tor.handle(s, l); });
            auto f = connectTo(server);
            AuthCredentials creds;
            creds.cookie = crypto::SecretBuffer::fromBytes(tor.cookie);
            Box<AuthMethod> box;
            f->client->authenticate(std::move(creds), box.cb());
            QTRY_COMPARE_WITH_TIMEOUT(box.calls, 1, 5000);
            QCOMPARE(box.r->error().code, ErrorCode::AuthFailed);
            QVERIFY(box.r->error().message.contains(QStringLiteral("HASHEDPASSWORD")));
            QCOMPARE(server.received, (QList<QByteArray>{"PROTOCOLINFO 1"}));
        }
        {
            // A cookie that is not 32 bytes is refused before anything is sent.
            FakeTorServer server;
            SafeCookieTor tor;
            server.setHandler([&](FakeTorServer& s, const QByteArray& l) { tor.handle(s, l); });
            auto f = connectTo(server);
            AuthCredentials creds;
            creds.cookie = crypto::SecretBuffer::fromBytes(QByteArray(31, 'x'));
            Box<AuthMethod> box;
            f->client->authenticate(std::move(creds), box.cb());
            QTRY_COMPARE_WITH_TIMEOUT(box.calls, 1, 5000);
            QCOMPARE(box.r->error().code, ErrorCode::InvalidArgument);
            QVERIFY(box.r->error().message.contains(QStringLiteral("32 bytes")));
        }
        {
            // Cookie from a file; a 33-byte file is refused.
            QTemporaryDir dir;
            const QString good = dir.filePath(QStringLiteral("good"));
            const QString bad = dir.filePath(QStringLiteral("bad"));
            QFile g(good);
            QVERIFY(g.open(QIODevice::WriteOnly));
            g.write(cookieBytes());
            g.close();
            QFile b(bad);
            QVERIFY(b.open(QIODevice::WriteOnly));
            b.write(cookieBytes() + "x");
            b.close();
            QVERIFY(ControlClient::readCookieFile(good).ok());
            QCOMPARE(ControlClient::readCookieFile(bad).error().code, ErrorCode::BadKey);
            QCOMPARE(ControlClient::readCookieFile(dir.filePath(QStringLiteral("missing"))).error().code,
                     ErrorCode::IoError);
        }
    }

    void getInfoAndGetConf()
    {
        FakeTorServer server;
        server.setHandler([](FakeTorServer& s, const QByteArray& line) {
            if (line == "GETINFO version config-text status/bootstrap-phase") {
                s.send("250-version=0.4.9.11\r\n250+config-text=\r\nSocksPort 0\r\n..dot\r\n.\r\n"
                       "250-status/bootstrap-phase=NOTICE BOOTSTRAP PROGRESS=0 TAG=starting SUMMARY=\"Starting\"\r\n"
                       "250 OK\r\n");
            } else if (line == "GETINFO missing") {
                s.send("250 OK\r\n");
            } else if (line == "GETCONF SocksPort HiddenServicePort DataDirectory ControlPort") {
                s.send("250-SocksPort=0\r\n250-HiddenServicePort=80 127.0.0.1:8080\r\n250-HiddenServicePort=81\r\n"
                       "250-DataDirectory=/tmp/x\r\n250 ControlPort\r\n");
            } else {
                s.send("250 OK\r\n");
            }
        });
        auto f = connectTo(server);
        Box<InfoMap> info;
        f->client->getInfo(
            {QStringLiteral("version"), QStringLiteral("config-text"), QStringLiteral("status/bootstrap-phase")},
            info.cb());
        QTRY_COMPARE_WITH_TIMEOUT(info.calls, 1, 5000);
        QVERIFY(info.r->ok());
        QCOMPARE(info.r->value().value(QStringLiteral("version")), QByteArray("0.4.9.11"));
        QCOMPARE(info.r->value().value(QStringLiteral("config-text")), QByteArray("SocksPort 0\n.dot\n"));
        QVERIFY(info.r->value().value(QStringLiteral("status/bootstrap-phase")).contains("PROGRESS=0"));
        Box<QByteArray> missing;
        f->client->getInfoValue(QStringLiteral("missing"), missing.cb());
        QTRY_COMPARE_WITH_TIMEOUT(missing.calls, 1, 5000);
        QCOMPARE(missing.r->error().code, ErrorCode::ProtocolError);
        Box<QList<ConfEntry>> conf;
        f->client->getConf({QStringLiteral("SocksPort"), QStringLiteral("HiddenServicePort"),
                            QStringLiteral("DataDirectory"), QStringLiteral("ControlPort")},
                           conf.cb());
        QTRY_COMPARE_WITH_TIMEOUT(conf.calls, 1, 5000);
        QVERIFY(conf.r->ok());
        const auto& entries = conf.r->value();
        QCOMPARE(entries.size(), 5);
        QCOMPARE(entries[1].value.value(), QStringLiteral("80 127.0.0.1:8080"));
        QCOMPARE(entries[2].key, QStringLiteral("HiddenServicePort"));
        QCOMPARE(entries[4].key, QStringLiteral("ControlPort"));
        QVERIFY(!entries[4].value.has_value());
        // Injection through a key is refused before sending.
        Box<InfoMap> bad;
        f->client->getInfo({QStringLiteral("version\r\nSIGNAL HALT")}, bad.cb());
        QTRY_COMPARE_WITH_TIMEOUT(bad.calls, 1, 5000);
        QCOMPARE(bad.r->error().code, ErrorCode::InvalidArgument);
        for (const QByteArray& l : server.received) {
            QVERIFY(!l.contains("HALT"));
        }
    }

    void commandWireFormats()
    {
        FakeTorServer server;
        server.setHandler([](FakeTorServer& s, const QByteArray& line) {
            if (line.startsWith("+HSPOST") || line.startsWith("hs-descriptor") || line.startsWith("..") ||
                line.startsWith("signature")) {
                return;  // data lines; the "." line ends the command
            }
            if (line.startsWith("ADD_ONION")) {
                s.send("250-ServiceID=" + Addr + "\r\n250-PrivateKey=ED25519-V3:" + QByteArray(64, 'k').toBase64() +
                       "\r\n250 OK\r\n");
                return;
            }
            s.send("250 OK\r\n");
        });
        auto f = connectTo(server);
        Box<void> post;
        const QByteArray desc = "hs-descriptor 3\n.leading dot\nsignature x\n";
        f->client->hsPost(QString::fromLatin1(Addr) + QStringLiteral(".onion"), desc,
                          {"$" + QString::fromLatin1(FpA) + "~relay", QString::fromLatin1(FpA).toLower()}, post.cb());
        QTRY_COMPARE_WITH_TIMEOUT(post.calls, 1, 5000);
        QVERIFY(post.r->ok());
        QVERIFY(server.raw.startsWith(QByteArray("+HSPOST SERVER=" + FpA + " SERVER=" + FpA + " HSADDRESS=" + Addr +
                                                 "\r\nhs-descriptor 3\r\n..leading dot\r\nsignature x\r\n.\r\n")));
        Box<void> fetch;
        f->client->hsFetch(QString::fromLatin1(Addr), {QString::fromLatin1(FpA)}, fetch.cb());
        QTRY_COMPARE_WITH_TIMEOUT(fetch.calls, 1, 5000);
        QCOMPARE(server.received.last(), "HSFETCH " + Addr + " SERVER=" + FpA);
        Box<void> badAddr;
        f->client->hsPost(QStringLiteral("notanonion"), desc, {}, badAddr.cb());
        QTRY_COMPARE_WITH_TIMEOUT(badAddr.calls, 1, 5000);
        QVERIFY(!badAddr.r->ok());
        Box<void> badServer;
        f->client->hsFetch(QString::fromLatin1(Addr), {QStringLiteral("$XYZ")}, badServer.cb());
        QTRY_COMPARE_WITH_TIMEOUT(badServer.calls, 1, 5000);
        QCOMPARE(badServer.r->error().code, ErrorCode::InvalidArgument);

        Box<void> sc;
        f->client->setConf({{QStringLiteral("HiddenServicePort"), QStringLiteral("80 127.0.0.1:8080")},
                            {QStringLiteral("SocksPort"), QStringLiteral("0")},
                            {QStringLiteral("ExitPolicy"), std::nullopt}},
                           sc.cb());
        QTRY_COMPARE_WITH_TIMEOUT(sc.calls, 1, 5000);
        QCOMPARE(server.received.last(),
                 QByteArray("SETCONF HiddenServicePort=\"80 127.0.0.1:8080\" SocksPort=0 ExitPolicy"));
        Box<void> scBad;
        f->client->setConf({{QStringLiteral("Nickname"), QStringLiteral("x\nSIGNAL HALT")}}, scBad.cb());
        QTRY_COMPARE_WITH_TIMEOUT(scBad.calls, 1, 5000);
        QCOMPARE(scBad.r->error().code, ErrorCode::InvalidArgument);

        AddOnionRequest req;
        req.expandedKey = crypto::SecretBuffer::fromBytes(QByteArray(64, 'e'));
        req.flags = {QStringLiteral("Detach")};
        req.ports = {{80, QStringLiteral("127.0.0.1:8080")}, {443, QString()}};
        Box<AddOnionResult> add;
        f->client->addOnion(std::move(req), add.cb());
        QTRY_COMPARE_WITH_TIMEOUT(add.calls, 1, 5000);
        QVERIFY(add.r->ok());
        QCOMPARE(add.r->value().serviceId, QString::fromLatin1(Addr));
        QCOMPARE(add.r->value().expandedKey->view(), QByteArrayView(QByteArray(64, 'k')));
        QCOMPARE(server.received.last(), "ADD_ONION ED25519-V3:" + QByteArray(64, 'e').toBase64() +
                                             " Flags=Detach Port=80,127.0.0.1:8080 Port=443");
    }

    void logNeverCarriesSecrets()
    {
        FakeTorServer server;
        SafeCookieTor tor;
        tor.methods = "COOKIE,SAFECOOKIE,HASHEDPASSWORD";
        const QByteArray password = "pw-SECRET \"q\" \\ 123";
        const QByteArray onionKey = QByteArray(64, '\x5a');
        const QByteArray returnedKey = QByteArray(64, '\x3c');
        QByteArray receivedPassword;
        server.setHandler([&](FakeTorServer& s, const QByteArray& line) {
            if (line.startsWith("AUTHENTICATE \"")) {
                receivedPassword = unquote(line.mid(13)).value();
                s.send("250 OK\r\n");
            } else if (line.startsWith("ADD_ONION")) {
                s.send("250-ServiceID=" + Addr + "\r\n250-PrivateKey=ED25519-V3:" + returnedKey.toBase64() +
                       "\r\n250 OK\r\n");
            } else if (line.startsWith("GETCONF HashedControlPassword")) {
                s.send("250 HashedControlPassword=16:SECRETHASHVALUE0011\r\n");
            } else if (line.startsWith("+HSPOST") || line.startsWith("BODY")) {
                // data lines
            } else {
                tor.handle(s, line);
            }
        });
        auto f = connectTo(server);
        int done = 0;
        auto count = [&done](auto) { ++done; };
        f->client->protocolInfo(count);
        f->client->authenticateSafeCookie(crypto::SecretBuffer::fromBytes(tor.cookie), count);
        QTRY_COMPARE_WITH_TIMEOUT(done, 2, 5000);
        QVERIFY(tor.authenticated);
        f->client->authenticateCookie(crypto::SecretBuffer::fromBytes(tor.cookie), count);
        f->client->authenticatePassword(crypto::SecretBuffer::fromBytes(password), count);
        AddOnionRequest req;
        req.expandedKey = crypto::SecretBuffer::fromBytes(onionKey);
        req.ports = {{80, QString()}};
        f->client->addOnion(std::move(req), count);
        f->client->hsPost(QString::fromLatin1(Addr), "BODY-SECRET-MARKER\n", {}, count);
        f->client->getConf({QStringLiteral("HashedControlPassword")}, count);
        QTRY_COMPARE_WITH_TIMEOUT(done, 7, 5000);
        QCOMPARE(receivedPassword, password);  // the escaping round-trips

        const QString log = f->log.join(QLatin1Char('\n'));
        QVERIFY(log.contains(QStringLiteral("AUTHENTICATE [redacted]")));
        QVERIFY(log.contains(QStringLiteral("+HSPOST")));
        const QList<QByteArray> secrets = {
            password,
            "pw-SECRET",
            tor.cookie.toHex(),
            tor.cookie.toHex().toUpper(),
            tor.cookie.toBase64(),
            tor.expectedClientHash.toHex(),
            onionKey.toBase64(),
            onionKey.toHex(),
            returnedKey.toBase64(),
            "BODY-SECRET-MARKER",
            "SECRETHASHVALUE",
        };
        for (const QByteArray& s : secrets) {
            QVERIFY2(!log.contains(QString::fromLatin1(s), Qt::CaseInsensitive),
                     qPrintable(QStringLiteral("secret leaked into the log: ") + QString::fromLatin1(s.left(12))));
        }
    }

    void consensusTextsAndNotReady()
    {
        FakeTorServer server;
        bool haveConsensus = false;
        server.setHandler([&](FakeTorServer& s, const QByteArray& line) {
            if (line == "GETINFO dir/status-vote/current/consensus-microdesc") {
                if (!haveConsensus) {
                    s.send("551 Could not open cached consensus. Make sure FetchUselessDescriptors is set to 1.\r\n");
                } else {
                    s.send("250+dir/status-vote/current/consensus-microdesc=\r\nnetwork-status-version 3 "
                           "microdesc\r\n.\r\n250 OK\r\n");
                }
            } else if (line == "GETINFO md/all") {
                s.send("250+md/all=\r\nonion-key\r\n.\r\n250 OK\r\n");
            } else if (line == "GETCONF TestingTorNetwork") {
                s.send("250 TestingTorNetwork=1\r\n");
            }
        });
        auto f = connectTo(server);
        Box<ConsensusTexts> none;
        f->client->fetchConsensusTexts(none.cb());
        QTRY_COMPARE_WITH_TIMEOUT(none.calls, 1, 5000);
        QCOMPARE(none.r->error().code, ErrorCode::NotReady);
        haveConsensus = true;
        Box<ConsensusTexts> texts;
        f->client->fetchConsensusTexts(texts.cb());
        QTRY_COMPARE_WITH_TIMEOUT(texts.calls, 1, 5000);
        QVERIFY(texts.r->ok());
        QCOMPARE(texts.r->value().microdescConsensus, QByteArray("network-status-version 3 microdesc\n"));
        QCOMPARE(texts.r->value().microdescriptors, QByteArray("onion-key\n"));
        QVERIFY(texts.r->value().testingTorNetwork);
        // The typed variant hands the text to hsdir::Consensus, which refuses this stub.
        Box<ConsensusSnapshot> snap;
        f->client->fetchConsensus(snap.cb());
        QTRY_COMPARE_WITH_TIMEOUT(snap.calls, 1, 5000);
        QVERIFY(!snap.r->ok());
    }
};

QTEST_GUILESS_MAIN(TestControlClient)
#include "TestControlClient.moc"
