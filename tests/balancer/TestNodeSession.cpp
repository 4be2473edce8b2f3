// NodeSession against a scripted control port (FakeTorNode): connection,
// authentication, configuration check, harvest and its triggers, intro
// circuits, warnings, and the faults — refused connections with back-off, a
// node that stops answering mid-command (nothing hangs: timeout, reconnect).

#include "FakeTorNode.h"

#include "balancer/NodeSession.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace rb::balancer;
using rb::test::FakeTorNode;

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

private:
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

QTEST_GUILESS_MAIN(TestNodeSession)
#include "TestNodeSession.moc"
