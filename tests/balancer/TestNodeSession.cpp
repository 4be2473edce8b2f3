// NodeSession against a scripted control port (FakeTorNode): connection,
// authentication, configuration check, harvest and its triggers, intro
// circuits, warnings, and the faults — refused connections with back-off, a
// node that stops answering mid-command (nothing hangs: timeout, reconnect),
// and the remote cookie rule (a provider that reads the cookie on the node,
// e.g. over SSH: SAFECOOKIE with it, a wrong-length or unreadable cookie as a
// clear NodeHealth message, a local cookie file still winning).

#include "FakeTorNode.h"

#include "balancer/NodeSession.h"

#include <QSaveFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace rb::balancer;
using rb::test::FakeTorNode;

namespace {

// A node whose control cookie lives "on the node": the provider answers
// readCookie() asynchronously (like SSH) with scripted bytes or an error.
class RemoteCookieProvider final : public EndpointProvider {
public:
    explicit RemoteCookieProvider(quint16 port) : m_port(port) {}
    void resolveControl(Callback done) override
    {
        done(ControlAddress::tcp(QStringLiteral("127.0.0.1"), m_port));
    }
    [[nodiscard]] std::optional<ControlAddress> metricsAddress() const override { return std::nullopt; }
    [[nodiscard]] QString describe() const override { return QStringLiteral("ssh fake@node -> 127.0.0.1:9051"); }
    [[nodiscard]] QString tunnelState() const override { return QStringLiteral("ready"); }
    [[nodiscard]] bool canReadCookie() const override { return true; }
    void readCookie(const QString& advertisedPath, CookieCallback done) override
    {
        ++reads;
        paths << advertisedPath;
        const QByteArray bytes = cookie;
        const std::optional<rb::Error> fail = error;
        QTimer::singleShot(5, [done = std::move(done), bytes, fail]() {
            if (fail) {
                done(*fail);
            } else {
                done(rb::crypto::SecretBuffer::fromBytes(bytes));
            }
        });
    }

    QByteArray cookie;
    std::optional<rb::Error> error;
    int reads = 0;
    QStringList paths;

private:
    quint16 m_port;
};

}  // namespace

class TestNodeSession : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void connectsChecksAndHarvests();
    void triggersReharvest();
    void closedIntroCircuitLeavesTheUsableSet();
    void warningsAndIntro2Counters();
    void failingConfigurationIsFlagged();
    void wrongObConfigIsFlagged();
    void refusedConnectionBacksOff();
    void nodeThatStopsAnsweringIsDroppedAndRetried();
    void reconnectAfterDrop();
    void remoteCookieAuthenticatesWithSafeCookie();
    void remoteCookieOfWrongLengthIsAClearError();
    void unreadableRemoteCookieIsAClearError();
    void localCookieFileWinsOverTheProvider();

private:
    NodeSession* makeRemoteSession(FakeTorNode& tor, const std::shared_ptr<RemoteCookieProvider>& provider,
                                   QObject* parent, const QString& cookieFile = {});
    NodeSession* makeSession(FakeTorNode& tor, QObject* parent, int commandTimeoutMs = 5000);
    void prepare(FakeTorNode& tor, int intros = 3);

    std::optional<rb::onion::MasterIdentity> m_master;
    QTemporaryDir m_hsDir;
    rb::test::NodeDescriptor m_desc;
};

void TestNodeSession::initTestCase()
{
    auto id = rb::onion::MasterIdentity::generate();
    QVERIFY(id.ok());
    m_master.emplace(std::move(id.value()));
    m_desc = rb::test::makeNodeDescriptor(*m_master, 20489, 3);
    QVERIFY(m_hsDir.isValid());
    QFile ob(m_hsDir.filePath(QStringLiteral("ob_config")));
    QVERIFY(ob.open(QIODevice::WriteOnly));
    ob.write("MasterOnionAddress " + m_master->address().toString().toLatin1() + "\n");
}

void TestNodeSession::prepare(FakeTorNode& tor, int intros)
{
    tor.masterId = m_master->address().serviceId().toLatin1();
    tor.descriptorText = m_desc.text;
    tor.circuitLines = FakeTorNode::introCircuits(m_desc.introPoints.mid(0, intros), tor.masterId);
    tor.hsOptions = {"HiddenServiceDir=" + m_hsDir.path().toLatin1(), "HiddenServiceVersion=3",
                     "HiddenServicePort=80 127.0.0.1:8080", "HiddenServiceOnionBalanceInstance=1"};
}

NodeSession* TestNodeSession::makeSession(FakeTorNode& tor, QObject* parent, int commandTimeoutMs)
{
    NodeEndpoint e = NodeEndpoint::direct(QStringLiteral("n1"), ControlAddress::tcp(QStringLiteral("127.0.0.1"),
                                                                                     tor.port()));
    e.useAdvertisedCookie = false;
    NodeSession::Settings s;
    s.reconnect = BackoffPolicy{100, 400, 2.0, 0.0};
    s.commandTimeoutMs = commandTimeoutMs;
    s.harvestDebounceMs = 50;
    s.followUpRereadMs = 200;
    s.connectTimeoutMs = 2000;
    return new NodeSession(std::move(e), NodeCredentials{}, m_master->address(), s, parent);
}

void TestNodeSession::connectsChecksAndHarvests()
{
    FakeTorNode tor;
    prepare(tor);
    QObject owner;
    NodeSession* s = makeSession(tor, &owner);
    QSignalSpy connected(s, &NodeSession::connectionChanged);
    s->start();
    QTRY_VERIFY_WITH_TIMEOUT(s->isEligible(), 5000);
    QCOMPARE(connected.count(), 1);
    QVERIFY(connected.first().at(1).toBool());
    const NodeHealth& h = s->health();
    QCOMPARE(h.connection, ConnectionState::Connected);
    QCOMPARE(h.torVersion, QStringLiteral("0.4.9.11"));
    QCOMPARE(h.bootstrapPercent, 100);
    QCOMPARE(h.configCheck, ConfigCheck::Ok);
    QVERIFY(h.config.known);
    QVERIFY(h.config.obInstanceOption);
    QVERIFY(h.config.obConfigPresent);
    QVERIFY(h.config.obConfigNamesMaster);
    QVERIFY(h.problems.isEmpty());
    QVERIFY(h.descriptorReady);
    QCOMPARE(h.descriptorRevision, quint64(12345));
    QCOMPARE(h.introPoints.size(), 3);
    QCOMPARE(h.introEstablished, 3);
    QCOMPARE(h.introExpected, 6);
    for (qsizetype i = 0; i < 3; ++i) {
        const IntroPointInfo& ip = h.introPoints.at(i);
        QCOMPARE(ip.authKey, m_desc.introPoints.at(i).authKey().toByteArray());
        QCOMPARE(ip.relayFingerprint, QString::fromLatin1(m_desc.introPoints.at(i).legacyId().toHex().toUpper()));
        QCOMPARE(ip.relayNickname, QStringLiteral("intro"));
        QVERIFY(ip.circuitEstablished);
        QVERIFY(ip.firstSeen.isValid());
    }
    QCOMPARE(s->usableIntroPoints().size(), 3);
    QVERIFY(!s->descriptorBlindedKey().isEmpty());
    // What it asked tor.
    QVERIFY(tor.countReceived("PROTOCOLINFO") == 1);
    QVERIFY(tor.countReceived("AUTHENTICATE") == 1);
    QVERIFY(tor.received.contains("SETEVENTS HS_DESC CIRC CIRC_MINOR STATUS_CLIENT WARN ERR NOTICE"));
    QVERIFY(tor.countReceived("GETCONF PublishHidServDescriptors HiddenServiceOptions") == 1);
}

void TestNodeSession::triggersReharvest()
{
    FakeTorNode tor;
    prepare(tor);
    QObject owner;
    NodeSession* s = makeSession(tor, &owner);
    s->start();
    QTRY_VERIFY_WITH_TIMEOUT(s->isEligible(), 5000);
    QTest::qWait(300);
    const int reads = tor.descriptorReads;
    QSignalSpy changed(s, &NodeSession::introPointsChanged);
    // HS_DESC CREATED for the master: re-read.
    tor.event("HS_DESC CREATED " + tor.masterId + " UNKNOWN UNKNOWN " + QByteArray(43, 'A'));
    QTRY_VERIFY_WITH_TIMEOUT(tor.descriptorReads > reads, 3000);
    // Another service's event: ignored.
    const int reads2 = tor.descriptorReads;
    tor.event("HS_DESC CREATED " + QByteArray(56, 'a') + " UNKNOWN UNKNOWN " + QByteArray(43, 'A'));
    QTest::qWait(300);
    QCOMPARE(tor.descriptorReads, reads2);
    // A new descriptor (fewer intro points) is picked up and announced.
    const auto smaller = rb::test::makeNodeDescriptor(*m_master, 20489, 2, 777);
    tor.descriptorText = smaller.text;
    tor.circuitLines = FakeTorNode::introCircuits(smaller.introPoints, tor.masterId);
    tor.event("HS_DESC CREATED " + tor.masterId + " UNKNOWN UNKNOWN " + QByteArray(43, 'B'));
    QTRY_COMPARE_WITH_TIMEOUT(s->health().descriptorRevision, quint64(777), 3000);
    QVERIFY(changed.count() >= 1);
    // No circuit event for the new intro points yet: they are not established → not usable.
    QCOMPARE(s->introPoints().size(), 2);
    QCOMPARE(s->usableIntroPoints().size(), 0);
    for (const QByteArray& line : tor.circuitLines) {
        tor.event("CIRC " + line);
    }
    QTRY_COMPARE_WITH_TIMEOUT(s->usableIntroPoints().size(), 2, 3000);
}

void TestNodeSession::closedIntroCircuitLeavesTheUsableSet()
{
    FakeTorNode tor;
    prepare(tor);
    QObject owner;
    NodeSession* s = makeSession(tor, &owner);
    s->start();
    QTRY_VERIFY_WITH_TIMEOUT(s->isEligible(), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(s->health().introEstablished, 3, 3000);
    QSignalSpy changed(s, &NodeSession::introPointsChanged);
    const int reads = tor.descriptorReads;
    tor.event("CIRC 100 CLOSED $AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA~g,$" +
              m_desc.introPoints.at(0).legacyId().toHex().toUpper() +
              "~intro PURPOSE=HS_SERVICE_INTRO HS_STATE=HSSI_ESTABLISHED REND_QUERY=" + tor.masterId +
              " REASON=FINISHED");
    QTRY_COMPARE_WITH_TIMEOUT(s->usableIntroPoints().size(), 2, 2000);
    QCOMPARE(s->health().introEstablished, 2);
    QVERIFY(!s->health().introPoints.at(0).circuitEstablished);
    QVERIFY(changed.count() >= 1);
    // The change triggers a re-read (and a follow-up one).
    QTRY_VERIFY_WITH_TIMEOUT(tor.descriptorReads >= reads + 2, 3000);
    // Rendezvous circuits are counted once each.
    tor.event("CIRC 300 BUILT $AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA~g PURPOSE=HS_SERVICE_REND HS_STATE=HSSR_JOINED "
              "REND_QUERY=" + tor.masterId);
    tor.event("CIRC_MINOR 300 PURPOSE_CHANGED $AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA~g PURPOSE=HS_SERVICE_REND "
              "HS_STATE=HSSR_JOINED REND_QUERY=" + tor.masterId);
    QTRY_COMPARE_WITH_TIMEOUT(s->health().rendezvousCount, quint64(1), 2000);
}

void TestNodeSession::warningsAndIntro2Counters()
{
    FakeTorNode tor;
    prepare(tor);
    QObject owner;
    NodeSession* s = makeSession(tor, &owner);
    QSignalSpy lines(s, &NodeSession::logLine);
    s->start();
    QTRY_VERIFY_WITH_TIMEOUT(s->isEligible(), 5000);
    for (int i = 0; i < 60; ++i) {
        tor.event("WARN Could not get valid INTRO2 keys on circuit " + QByteArray::number(i) +
                  " for service [scrubbed]");
    }
    QTRY_COMPARE_WITH_TIMEOUT(s->health().intro2.couldNotGetKeysWarnings, quint64(60), 3000);
    QVERIFY(s->health().intro2.lastSeen.isValid());
    QCOMPARE(s->health().recentWarnings.size(), 50);  // bounded
    QVERIFY(s->health().recentWarnings.last().contains(QLatin1String("circuit 59")));
    bool sawWarn = false;
    for (const auto& l : lines) {
        sawWarn = sawWarn || (l.at(1).toString() == QLatin1String("warn") &&
                              l.at(2).toString().contains(QLatin1String("INTRO2")));
    }
    QVERIFY(sawWarn);
    // tor's assertion after enabling the instance option by reload: restart needed.
    tor.event("WARN tor_bug_occurred_(): Bug: Non-fatal assertion !(!service->state.ob_subcreds) failed");
    QTRY_COMPARE_WITH_TIMEOUT(s->health().configCheck, ConfigCheck::Failed, 3000);
    QVERIFY(s->health().config.obInstanceNeedsRestart);
    QVERIFY(!s->isEligible());
}

void TestNodeSession::failingConfigurationIsFlagged()
{
    FakeTorNode tor;
    prepare(tor);
    tor.publishHidServ = "1";
    tor.hsOptions = {"HiddenServiceDir=" + m_hsDir.path().toLatin1(), "HiddenServiceVersion=3"};
    QObject owner;
    NodeSession* s = makeSession(tor, &owner);
    s->start();
    QTRY_COMPARE_WITH_TIMEOUT(s->health().configCheck, ConfigCheck::Failed, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(s->health().descriptorReady, 3000);
    QString why;
    QVERIFY(!s->isEligible(&why));
    QVERIFY(why.contains(QLatin1String("configuration check failed")));
    const auto& problems = s->health().problems;
    QCOMPARE(problems.size(), 2);
    QVERIFY(problems.at(0).what.contains(QLatin1String("PublishHidServDescriptors")));
    QVERIFY(problems.at(1).what.contains(QLatin1String("HiddenServiceOnionbalanceInstance")));
    QVERIFY(problems.at(1).fix.contains(QLatin1String("restart tor")));
    QVERIFY(s->health().config.publishesOwnDescriptor);
    QVERIFY(!s->health().config.obInstanceOption);
}

void TestNodeSession::wrongObConfigIsFlagged()
{
    QTemporaryDir other;
    QFile ob(other.filePath(QStringLiteral("ob_config")));
    QVERIFY(ob.open(QIODevice::WriteOnly));
    ob.write("MasterOnionAddress aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.onion\n");
    ob.close();
    FakeTorNode tor;
    prepare(tor);
    tor.hsOptions = {"HiddenServiceDir=" + other.path().toLatin1(), "HiddenServiceOnionBalanceInstance=1"};
    QObject owner;
    NodeSession* s = makeSession(tor, &owner);
    s->start();
    QTRY_COMPARE_WITH_TIMEOUT(s->health().configCheck, ConfigCheck::Failed, 5000);
    QVERIFY(s->health().problems.first().what.contains(QLatin1String("not the master")));
    QCOMPARE(s->health().config.obConfigMaster,
             QStringLiteral("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.onion"));
    // Without file access the same node is "not verified", not failed.
    FakeTorNode tor2;
    prepare(tor2);
    tor2.hsOptions = tor.hsOptions;
    NodeEndpoint e = NodeEndpoint::direct(QStringLiteral("n2"), ControlAddress::tcp(QStringLiteral("127.0.0.1"),
                                                                                     tor2.port()));
    e.useAdvertisedCookie = false;
    e.files.reset();
    auto* s2 = new NodeSession(std::move(e), NodeCredentials{}, m_master->address(), &owner);
    s2->start();
    QTRY_COMPARE_WITH_TIMEOUT(s2->health().configCheck, ConfigCheck::Ok, 5000);
    QVERIFY(s2->health().problems.first().what.startsWith(QLatin1String("Not verified")));
}

void TestNodeSession::refusedConnectionBacksOff()
{
    quint16 port = 0;
    {
        FakeTorNode dead;
        port = dead.port();
        dead.shutdown();
    }
    NodeEndpoint e = NodeEndpoint::direct(QStringLiteral("gone"), ControlAddress::tcp(QStringLiteral("127.0.0.1"), port));
    NodeSession::Settings st;
    st.reconnect = BackoffPolicy{100, 400, 2.0, 0.0};
    QObject owner;
    auto* s = new NodeSession(std::move(e), NodeCredentials{}, m_master->address(), st, &owner);
    QList<QString> details;
    connect(s, &NodeSession::healthChanged, s, [s, &details]() {
        if (s->health().connection == ConnectionState::BackingOff) {
            details.append(s->health().connectionDetail);
        }
    });
    s->start();
    QTRY_VERIFY_WITH_TIMEOUT(details.size() >= 3, 5000);
    QVERIFY(details.first().contains(QLatin1String("Cannot connect")));
    QVERIFY(details.first().contains(QLatin1String("retrying in 1 s")));
    QVERIFY(!s->isEligible());
    QVERIFY(!s->client());
    s->stop();
    QCOMPARE(s->health().connection, ConnectionState::Disconnected);
}

void TestNodeSession::nodeThatStopsAnsweringIsDroppedAndRetried()
{
    FakeTorNode tor;
    prepare(tor);
    tor.neverAnswer.insert("hs/service/desc/id/" + m_master->address().serviceId().toLatin1());
    QObject owner;
    NodeSession* s = makeSession(tor, &owner, /*commandTimeoutMs=*/500);
    QSignalSpy conn(s, &NodeSession::connectionChanged);
    QElapsedTimer t;
    t.start();
    s->start();
    // Connected, then the harvest never gets an answer: the command times out,
    // the channel closes, the session backs off and reconnects.
    QTRY_VERIFY_WITH_TIMEOUT(conn.count() >= 2, 5000);
    QVERIFY(conn.at(0).at(1).toBool());
    QVERIFY(!conn.at(1).at(1).toBool());
    QTRY_VERIFY_WITH_TIMEOUT(tor.connections >= 2, 5000);
    QVERIFY(t.elapsed() < 5000);
    QVERIFY(!s->isEligible());
    // tor answers again: the session recovers on its own.
    tor.neverAnswer.clear();
    QTRY_VERIFY_WITH_TIMEOUT(s->isEligible(), 10000);
}

void TestNodeSession::reconnectAfterDrop()
{
    FakeTorNode tor;
    prepare(tor);
    QObject owner;
    NodeSession* s = makeSession(tor, &owner);
    s->start();
    QTRY_VERIFY_WITH_TIMEOUT(s->isEligible(), 5000);
    QSignalSpy conn(s, &NodeSession::connectionChanged);
    tor.dropClient();
    QTRY_VERIFY_WITH_TIMEOUT(conn.count() >= 1, 3000);
    QVERIFY(!conn.first().at(1).toBool());
    QVERIFY(!s->isEligible());
    QTRY_VERIFY_WITH_TIMEOUT(s->isEligible(), 5000);
    QCOMPARE(tor.connections, 2);
    // reconnectNode(): drop and connect again at once.
    s->reconnectNow();
    QTRY_COMPARE_WITH_TIMEOUT(tor.connections, 3, 3000);
    QTRY_VERIFY_WITH_TIMEOUT(s->isEligible(), 5000);
}

NodeSession* TestNodeSession::makeRemoteSession(FakeTorNode& tor,
                                                const std::shared_ptr<RemoteCookieProvider>& provider,
                                                QObject* parent, const QString& cookieFile)
{
    NodeEndpoint e = NodeEndpoint::direct(QStringLiteral("remote"), ControlAddress());
    e.provider = provider;
    e.cookieFile = cookieFile;
    e.useAdvertisedCookie = true;  // must be ignored: the advertised path is on the node
    NodeSession::Settings s;
    s.reconnect = BackoffPolicy{100, 400, 2.0, 0.0};
    s.commandTimeoutMs = 5000;
    s.harvestDebounceMs = 50;
    s.connectTimeoutMs = 2000;
    (void)tor;
    return new NodeSession(std::move(e), NodeCredentials{}, m_master->address(), s, parent);
}

void TestNodeSession::remoteCookieAuthenticatesWithSafeCookie()
{
    FakeTorNode tor;
    prepare(tor);
    tor.cookie = rb::crypto::randomBytes(32);
    auto provider = std::make_shared<RemoteCookieProvider>(tor.port());
    provider->cookie = tor.cookie;
    QObject owner;
    NodeSession* s = makeRemoteSession(tor, provider, &owner);
    QStringList log;
    connect(s, &NodeSession::logLine, s, [&log](const QString&, const QString&, const QString& m) { log << m; });
    s->start();
    QTRY_VERIFY_WITH_TIMEOUT(s->isEligible(), 5000);
    // The cookie came from the provider (tor's advertised path on the node), SAFECOOKIE proved it.
    QCOMPARE(provider->reads, 1);
    QCOMPARE(provider->paths, QStringList{QStringLiteral("/run/tor/control.authcookie")});
    QVERIFY(tor.authenticated);
    QCOMPARE(tor.authAccepted, 1);
    QCOMPARE(tor.authRejected, 0);
    QCOMPARE(tor.countReceived("AUTHCHALLENGE SAFECOOKIE "), 1);
    QCOMPARE(tor.countReceived("PROTOCOLINFO"), 1);
    QVERIFY(s->authenticatedWithRemoteCookie());
    QCOMPARE(s->authMethod(), std::optional(rb::control::AuthMethod::SafeCookie));
    QVERIFY2(log.join(u'\n').contains(QLatin1String("control cookie read on the node over SSH")),
             qPrintable(log.join(u'\n')));
    // Every connection reads it again (tor rewrites it on restart).
    tor.cookie = rb::crypto::randomBytes(32);
    provider->cookie = tor.cookie;
    tor.dropClient();
    QTRY_COMPARE_WITH_TIMEOUT(tor.authAccepted, 2, 5000);
    QCOMPARE(provider->reads, 2);
    QTRY_VERIFY_WITH_TIMEOUT(s->isEligible(), 5000);
}

void TestNodeSession::remoteCookieOfWrongLengthIsAClearError()
{
    FakeTorNode tor;
    prepare(tor);
    tor.cookie = rb::crypto::randomBytes(32);
    auto provider = std::make_shared<RemoteCookieProvider>(tor.port());
    provider->cookie = tor.cookie.left(16);
    QObject owner;
    NodeSession* s = makeRemoteSession(tor, provider, &owner);
    s->start();
    QTRY_COMPARE_WITH_TIMEOUT(s->health().connection, ConnectionState::Failed, 5000);
    const QString detail = s->health().connectionDetail;
    QVERIFY2(detail.contains(QLatin1String("/run/tor/control.authcookie")), qPrintable(detail));
    QVERIFY2(detail.contains(QLatin1String("over SSH")), qPrintable(detail));
    QVERIFY2(detail.contains(QLatin1String("16 bytes")), qPrintable(detail));
    QVERIFY2(detail.contains(QLatin1String("exactly 32")), qPrintable(detail));
    QVERIFY(provider->reads >= 1);
    // Nothing was sent with the bad cookie.
    QCOMPARE(tor.countReceived("AUTHCHALLENGE"), 0);
    QCOMPARE(tor.countReceived("AUTHENTICATE"), 0);
    QVERIFY(!tor.authenticated);
    QVERIFY(!s->isEligible());
    QVERIFY(!s->authMethod().has_value());
}

void TestNodeSession::unreadableRemoteCookieIsAClearError()
{
    FakeTorNode tor;
    prepare(tor);
    tor.cookie = rb::crypto::randomBytes(32);
    auto provider = std::make_shared<RemoteCookieProvider>(tor.port());
    provider->error = rb::makeError(rb::ErrorCode::PermissionDenied,
                                    QStringLiteral("Permission denied reading /run/tor/control.authcookie on "
                                                   "admin@node; use sudo or add the SSH user to the group that owns it."));
    QObject owner;
    NodeSession* s = makeRemoteSession(tor, provider, &owner);
    s->start();
    QTRY_COMPARE_WITH_TIMEOUT(s->health().connection, ConnectionState::Failed, 5000);
    const QString detail = s->health().connectionDetail;
    QVERIFY2(detail.startsWith(QLatin1String("could not read the control cookie /run/tor/control.authcookie on the "
                                             "node over SSH: Permission denied")),
             qPrintable(detail));
    QVERIFY2(detail.contains(QLatin1String("CookieAuthFileGroupReadable")), qPrintable(detail));
    QCOMPARE(tor.countReceived("AUTHENTICATE"), 0);
}

void TestNodeSession::localCookieFileWinsOverTheProvider()
{
    FakeTorNode tor;
    prepare(tor);
    tor.cookie = rb::crypto::randomBytes(32);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("control_auth_cookie"));
    QSaveFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(tor.cookie);
    QVERIFY(f.commit());
    auto provider = std::make_shared<RemoteCookieProvider>(tor.port());
    provider->cookie = QByteArray(32, 'x');  // wrong: would fail if it were used
    QObject owner;
    NodeSession* s = makeRemoteSession(tor, provider, &owner, path);
    s->start();
    QTRY_VERIFY_WITH_TIMEOUT(s->isEligible(), 5000);
    QCOMPARE(provider->reads, 0);
    QVERIFY(!s->authenticatedWithRemoteCookie());
    QCOMPARE(s->authMethod(), std::optional(rb::control::AuthMethod::SafeCookie));
    QVERIFY(tor.authenticated);
}

QTEST_GUILESS_MAIN(TestNodeSession)
#include "TestNodeSession.moc"
