// ControlClient against REAL tor processes (no network needed): every
// authentication method, wrong credentials, GETINFO/GETCONF/SETCONF/
// RESETCONF round trips, ADD_ONION/DEL_ONION, log events after SETEVENTS.
// Every tor started here is terminated by StandaloneTor's destructor.
#include "StandaloneTor.h"
#include "control/ControlClient.h"
#include "control/LogEvent.h"
#include "control/MetricsFetcher.h"
#include "crypto/Crypto.h"

#include <QProcess>
#include <QTcpSocket>
#include <QTest>

#include <memory>

using namespace rb;
using namespace rb::control;
using namespace std::chrono_literals;

namespace {

const QByteArray TestPassword = "rb test \"password\" \\ 42";

struct Conn {
    std::unique_ptr<QTcpSocket> socket;
    std::unique_ptr<ControlChannel> channel;
    std::unique_ptr<ControlClient> client;
};

Conn connectTo(const StandaloneTor& tor)
{
    Conn c;
    c.socket = std::make_unique<QTcpSocket>();
    c.socket->connectToHost(QHostAddress::LocalHost, tor.controlPort());
    c.channel = std::make_unique<ControlChannel>(c.socket.get());
    c.client = std::make_unique<ControlClient>(c.channel.get());
    c.client->setDefaultTimeout(15000ms);
    return c;
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

QString errText(const Result<AuthMethod>& r)
{
    return r.ok() ? QString() : r.error().toString();
}

AuthMethod authOrFail(Conn& c, AuthCredentials creds)
{
    Box<AuthMethod> box;
    c.client->authenticate(std::move(creds), box.cb());
    if (!QTest::qWaitFor([&] { return box.calls == 1; }, 20000) || !box.r->ok()) {
        qWarning() << "authentication failed:" << (box.r ? errText(*box.r) : QStringLiteral("no answer"));
        return static_cast<AuthMethod>(-1);
    }
    return box.r->value();
}

QString torVersion()
{
    QProcess p;
    p.start(QStringLiteral("tor"), {QStringLiteral("--version")});
    p.waitForFinished(10000);
    const QByteArray out = p.readAllStandardOutput();
    // "Tor version 0.4.9.11."
    const qsizetype at = out.indexOf("version ");
    QByteArray v = out.mid(at + 8).split('\n').first().trimmed();
    if (v.endsWith('.')) {
        v.chop(1);
    }
    return QString::fromLatin1(v);
}

}  // namespace

class TestControlIntegration : public QObject {
    Q_OBJECT
private slots:
    void cookieTor()
    {
        StandaloneTor tor({QStringLiteral("CookieAuthentication 1")});
        QVERIFY2(tor.ok(), qPrintable(tor.problem()));

        // SAFECOOKIE with the cookie file, then GETINFO.
        {
            Conn c = connectTo(tor);
            Box<ProtocolInfo> pi;
            c.client->protocolInfo(pi.cb());
            QTRY_COMPARE_WITH_TIMEOUT(pi.calls, 1, 20000);
            QVERIFY(pi.r->ok());
            QVERIFY(pi.r->value().offers(QStringLiteral("SAFECOOKIE")));
            QVERIFY(pi.r->value().offers(QStringLiteral("COOKIE")));
            QCOMPARE(pi.r->value().cookieFile, tor.cookieFile());
            QCOMPARE(pi.r->value().torVersion, torVersion());
            AuthCredentials creds;
            creds.cookieFile = tor.cookieFile();
            QCOMPARE(authOrFail(c, std::move(creds)), AuthMethod::SafeCookie);
            Box<InfoMap> info;
            c.client->getInfo({QStringLiteral("version"), QStringLiteral("config-file")}, info.cb());
            QTRY_COMPARE_WITH_TIMEOUT(info.calls, 1, 20000);
            QVERIFY(info.r->ok());
            QVERIFY(info.r->value().value(QStringLiteral("version")).startsWith(torVersion().toLatin1()));
            QCOMPARE(QString::fromLocal8Bit(info.r->value().value(QStringLiteral("config-file"))), tor.torrcPath());
        }
        // COOKIE (plain) with the cookie bytes.
        {
            Conn c = connectTo(tor);
            auto cookie = ControlClient::readCookieFile(tor.cookieFile());
            QVERIFY(cookie.ok());
            Box<void> box;
            c.client->authenticateCookie(cookie.value(), box.cb());
            QTRY_COMPARE_WITH_TIMEOUT(box.calls, 1, 20000);
            QVERIFY2(box.r->ok(), qPrintable(box.r->ok() ? QString() : box.r->error().toString()));
        }
        // The COOKIEFILE tor advertises (local tor), SAFECOOKIE only.
        {
            Conn c = connectTo(tor);
            AuthCredentials creds;
            creds.useAdvertisedCookieFile = true;
            QCOMPARE(authOrFail(c, std::move(creds)), AuthMethod::SafeCookie);
        }
        // Wrong cookie: SAFECOOKIE detects tor's hash mismatch; COOKIE gets 515.
        {
            Conn c = connectTo(tor);
            AuthCredentials creds;
            creds.cookie = crypto::SecretBuffer::fromBytes(crypto::randomBytes(32));
            Box<AuthMethod> box;
            c.client->authenticate(std::move(creds), box.cb());
            QTRY_COMPARE_WITH_TIMEOUT(box.calls, 1, 20000);
            QCOMPARE(box.r->error().code, ErrorCode::AuthFailed);
        }
        {
            Conn c = connectTo(tor);
            Box<void> box;
            c.client->authenticateCookie(crypto::SecretBuffer::fromBytes(crypto::randomBytes(32)), box.cb());
            QTRY_COMPARE_WITH_TIMEOUT(box.calls, 1, 20000);
            QCOMPARE(box.r->error().code, ErrorCode::AuthFailed);
            QVERIFY(box.r->error().message.contains(QStringLiteral("authentication")));
            QTRY_VERIFY_WITH_TIMEOUT(!c.channel->isOpen(), 20000);  // tor hangs up after a failure
        }
        // No credentials at all.
        {
            Conn c = connectTo(tor);
            Box<AuthMethod> box;
            c.client->authenticate(AuthCredentials{}, box.cb());
            QTRY_COMPARE_WITH_TIMEOUT(box.calls, 1, 20000);
            QCOMPARE(box.r->error().code, ErrorCode::AuthFailed);
        }
        // Commands before authentication are refused with a typed error.
        {
            Conn c = connectTo(tor);
            Box<QByteArray> box;
            c.client->getInfoValue(QStringLiteral("version"), box.cb());
            QTRY_COMPARE_WITH_TIMEOUT(box.calls, 1, 20000);
            QVERIFY(!box.r->ok());
        }
    }

    void passwordTor()
    {
        StandaloneTor tor({QStringLiteral("HashedControlPassword %1")
                               .arg(QString::fromLatin1(StandaloneTor::hashPassword(TestPassword)))});
        QVERIFY2(tor.ok(), qPrintable(tor.problem()));
        {
            Conn c = connectTo(tor);
            AuthCredentials creds;
            creds.password = crypto::SecretBuffer::fromBytes(TestPassword);
            QCOMPARE(authOrFail(c, std::move(creds)), AuthMethod::HashedPassword);
            Box<QByteArray> v;
            c.client->getInfoValue(QStringLiteral("version"), v.cb());
            QTRY_COMPARE_WITH_TIMEOUT(v.calls, 1, 20000);
            QVERIFY(v.r->ok());
        }
        {
            Conn c = connectTo(tor);
            AuthCredentials creds;
            creds.password = crypto::SecretBuffer::fromBytes("wrong password");
            Box<AuthMethod> box;
            c.client->authenticate(std::move(creds), box.cb());
            QTRY_COMPARE_WITH_TIMEOUT(box.calls, 1, 20000);
            QCOMPARE(box.r->error().code, ErrorCode::AuthFailed);
        }
        {
            // A cookie is useless against a password-only tor.
            Conn c = connectTo(tor);
            AuthCredentials creds;
            creds.cookie = crypto::SecretBuffer::fromBytes(crypto::randomBytes(32));
            Box<AuthMethod> box;
            c.client->authenticate(std::move(creds), box.cb());
            QTRY_COMPARE_WITH_TIMEOUT(box.calls, 1, 20000);
            QCOMPARE(box.r->error().code, ErrorCode::AuthFailed);
            QVERIFY(box.r->error().message.contains(QStringLiteral("HASHEDPASSWORD")));
        }
    }

    void nullAuthTorCommandsAndEvents()
    {
        StandaloneTor tor({});
        QVERIFY2(tor.ok(), qPrintable(tor.problem()));
        Conn c = connectTo(tor);
        QCOMPARE(authOrFail(c, AuthCredentials{}), AuthMethod::Null);

        // GETCONF / SETCONF / RESETCONF round trips (plain and quoted values).
        auto getConf = [&](const QString& key) -> std::optional<QString> {
            Box<QList<ConfEntry>> box;
            c.client->getConf({key}, box.cb());
            if (!QTest::qWaitFor([&] { return box.calls == 1; }, 20000) || !box.r->ok() || box.r->value().isEmpty()) {
                return QStringLiteral("<error>");
            }
            return box.r->value().first().value;
        };
        auto setConf = [&](QList<ConfEntry> e, bool reset = false) -> Status {
            Box<void> box;
            if (reset) {
                c.client->resetConf(e, box.cb());
            } else {
                c.client->setConf(e, box.cb());
            }
            if (!QTest::qWaitFor([&] { return box.calls == 1; }, 20000)) {
                return makeError(ErrorCode::Timeout, QStringLiteral("no answer"));
            }
            return *box.r;
        };
        QCOMPARE(getConf(QStringLiteral("MaxClientCircuitsPending")), QStringLiteral("32"));
        QVERIFY(setConf({{QStringLiteral("MaxClientCircuitsPending"), QStringLiteral("64")}}).ok());
        QCOMPARE(getConf(QStringLiteral("MaxClientCircuitsPending")), QStringLiteral("64"));
        QVERIFY(setConf({{QStringLiteral("MaxClientCircuitsPending"), std::nullopt}}, true).ok());
        QCOMPARE(getConf(QStringLiteral("MaxClientCircuitsPending")), QStringLiteral("32"));
        const QString contact = QStringLiteral("RB test <ops@example.invalid> \"quoted\" \\ back");
        QVERIFY(setConf({{QStringLiteral("ContactInfo"), contact}}).ok());
        QCOMPARE(getConf(QStringLiteral("ContactInfo")), contact);
        QVERIFY(setConf({{QStringLiteral("ContactInfo"), std::nullopt}}, true).ok());
        QVERIFY(!getConf(QStringLiteral("ContactInfo")).has_value());
        const Status unknown = setConf({{QStringLiteral("NoSuchOptionAtAll"), QStringLiteral("1")}});
        QCOMPARE(unknown.error().code, ErrorCode::NotFound);
        const Status badValue = setConf({{QStringLiteral("MaxClientCircuitsPending"), QStringLiteral("lots")}});
        QVERIFY(!badValue.ok());
        QVERIFY(c.channel->isOpen());

        // GETINFO with several keys, one of them multi-line.
        Box<InfoMap> info;
        c.client->getInfo({QStringLiteral("status/bootstrap-phase"), QStringLiteral("config-text"),
                           QStringLiteral("circuit-status"), QStringLiteral("onions/current")},
                          info.cb());
        QTRY_COMPARE_WITH_TIMEOUT(info.calls, 1, 20000);
        QVERIFY(info.r->ok());
        QVERIFY(info.r->value().value(QStringLiteral("status/bootstrap-phase")).contains("BOOTSTRAP PROGRESS="));
        QVERIFY(info.r->value().value(QStringLiteral("config-text")).contains("DisableNetwork 1"));
        Box<QByteArray> unknownKey;
        c.client->getInfoValue(QStringLiteral("no/such/key"), unknownKey.cb());
        QTRY_COMPARE_WITH_TIMEOUT(unknownKey.calls, 1, 20000);
        QCOMPARE(unknownKey.r->error().code, ErrorCode::NotFound);

        // ADD_ONION / DEL_ONION (works offline).
        AddOnionRequest req;
        req.ports = {{80, QStringLiteral("127.0.0.1:9")}};
        Box<AddOnionResult> add;
        c.client->addOnion(std::move(req), add.cb());
        QTRY_COMPARE_WITH_TIMEOUT(add.calls, 1, 20000);
        QVERIFY2(add.r->ok(), qPrintable(add.r->ok() ? QString() : add.r->error().toString()));
        QCOMPARE(add.r->value().serviceId.size(), 56);
        QVERIFY(add.r->value().expandedKey.has_value());
        QCOMPARE(add.r->value().expandedKey->size(), std::size_t{64});
        Box<QByteArray> onions;
        c.client->getInfoValue(QStringLiteral("onions/current"), onions.cb());
        QTRY_COMPARE_WITH_TIMEOUT(onions.calls, 1, 20000);
        QCOMPARE(QString::fromLatin1(onions.r->value().trimmed()), add.r->value().serviceId);
        // Re-adding the same key gives the same address (key blob round-trips).
        AddOnionRequest again;
        again.expandedKey = add.r->value().expandedKey->clone();
        again.ports = {{81, QString()}};
        Box<void> del;
        c.client->delOnion(add.r->value().serviceId, del.cb());
        QTRY_COMPARE_WITH_TIMEOUT(del.calls, 1, 20000);
        QVERIFY(del.r->ok());
        Box<AddOnionResult> readd;
        c.client->addOnion(std::move(again), readd.cb());
        QTRY_COMPARE_WITH_TIMEOUT(readd.calls, 1, 20000);
        QVERIFY(readd.r->ok());
        QCOMPARE(readd.r->value().serviceId, add.r->value().serviceId);

        // Log events after SETEVENTS: SIGNAL HEARTBEAT logs a NOTICE.
        QList<LogEvent> notices;
        c.channel->subscribe("NOTICE", [&notices](const Reply& e) {
            auto le = LogEvent::parse(e);
            if (le) {
                notices << le.value();
            }
        });
        Box<void> ev;
        c.client->setEvents({QStringLiteral("NOTICE"), QStringLiteral("WARN")}, ev.cb());
        QTRY_COMPARE_WITH_TIMEOUT(ev.calls, 1, 20000);
        QVERIFY(ev.r->ok());
        Box<void> sig;
        c.client->signal(QStringLiteral("HEARTBEAT"), sig.cb());
        QTRY_COMPARE_WITH_TIMEOUT(sig.calls, 1, 20000);
        QVERIFY(sig.r->ok());
        QTRY_VERIFY_WITH_TIMEOUT(!notices.isEmpty(), 20000);
        bool heartbeat = false;
        for (const LogEvent& n : notices) {
            heartbeat = heartbeat || n.message.contains("Heartbeat");
            QCOMPARE(n.severity, LogEvent::Severity::Notice);
        }
        QVERIFY(heartbeat);

        // No consensus on an offline tor: a clear NotReady, connection intact.
        Box<ConsensusTexts> cons;
        c.client->fetchConsensusTexts(cons.cb());
        QTRY_COMPARE_WITH_TIMEOUT(cons.calls, 1, 20000);
        QCOMPARE(cons.r->error().code, ErrorCode::NotReady);
        QVERIFY(c.channel->isOpen());

        // Injection attempts never reach tor.
        Box<void> inj;
        c.client->signal(QStringLiteral("HEARTBEAT\r\nSIGNAL HALT"), inj.cb());
        QTRY_COMPARE_WITH_TIMEOUT(inj.calls, 1, 20000);
        QCOMPARE(inj.r->error().code, ErrorCode::InvalidArgument);
        QTest::qWait(200);
        QVERIFY(tor.running());
    }

    void metricsPortOfRealTor()
    {
        const quint16 metricsPort = StandaloneTor::freePort();
        StandaloneTor tor({QStringLiteral("MetricsPort 127.0.0.1:%1").arg(metricsPort),
                           QStringLiteral("MetricsPortPolicy accept 127.0.0.1")},
                          /*offline=*/false);
        QVERIFY2(tor.ok(), qPrintable(tor.problem()));
        Conn c = connectTo(tor);
        QCOMPARE(authOrFail(c, AuthCredentials{}), AuthMethod::Null);
        AddOnionRequest req;
        req.flags = {QStringLiteral("DiscardPK")};
        req.ports = {{80, QStringLiteral("127.0.0.1:9")}};
        Box<AddOnionResult> add;
        c.client->addOnion(std::move(req), add.cb());
        QTRY_COMPARE_WITH_TIMEOUT(add.calls, 1, 20000);
        QVERIFY(add.r->ok());
        QVERIFY(!add.r->value().expandedKey.has_value());  // DiscardPK
        MetricsFetcher fetcher;
        std::optional<Result<Metrics>> got;
        fetcher.fetch(QStringLiteral("127.0.0.1"), metricsPort,
                      [&got](Result<Metrics> m) { got.emplace(std::move(m)); });
        QTRY_VERIFY_WITH_TIMEOUT(got.has_value(), 20000);
        if (!got->ok()) {
            qWarning().noquote() << tor.log().right(3000);
        }
        QVERIFY2(got->ok(), qPrintable(got->ok() ? QString() : got->error().toString()));
        const auto series = got->value().onionServiceSeries();
        QVERIFY(series.contains(add.r->value().serviceId));
        const QList<std::pair<QByteArray, QByteArray>> mine{{"onion", add.r->value().serviceId.toLatin1()}};
        QVERIFY(got->value().total("tor_hs_intro_num_total", mine).has_value());
        QVERIFY(got->value().histogram("tor_hs_intro_circ_build_time", mine).has_value());
        // tor never left this machine: the only authority is a dead local port.
        QVERIFY(!tor.log().contains(QStringLiteral("Bootstrapped 100%")));
    }
};

QTEST_GUILESS_MAIN(TestControlIntegration)
#include "TestControlIntegration.moc"
