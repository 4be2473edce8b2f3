// Pure publisher logic: back-off, the per-HSDir upload state machine
// (timeouts, retries, UPLOAD_REJECTED, one upload per HSDir in flight), the
// publish/skip decision and the node configuration check.

#include "balancer/Backoff.h"
#include "balancer/ControlAddress.h"
#include "balancer/NodeConfigCheck.h"
#include "balancer/PublishDecision.h"
#include "balancer/UploadTracker.h"

#include <QTest>

using namespace rb::balancer;

namespace {

QList<UploadTarget> targets(std::initializer_list<std::pair<const char*, int>> list)
{
    QList<UploadTarget> out;
    for (const auto& [fp, replica] : list) {
        out.append(UploadTarget{QString::fromLatin1(fp), QStringLiteral("n-") + QString::fromLatin1(fp), replica});
    }
    return out;
}

QStringList fps(const QList<UploadTarget>& t)
{
    QStringList out;
    for (const auto& x : t) {
        out << x.fingerprint;
    }
    return out;
}

UploadTracker::Settings fastSettings()
{
    UploadTracker::Settings s;
    s.timeoutMs = 1000;
    s.retry = BackoffPolicy{100, 1000, 2.0, 0.0};
    return s;
}

const QString kMaster = QStringLiteral("rzquo2kxpxayc7iiqxwiq5qztjlak6olpsqtiphq2tmdd34tbyuknyyd.onion");

}  // namespace

class TestPublisherLogic : public QObject {
    Q_OBJECT

private slots:
    void backoffGrowsCapsAndJitters();
    void controlAddressParsing();
    void uploadsConfirmPerHsDirAndReplica();
    void oneUploadInFlightPerHsDirAcrossSlots();
    void silentHsDirTimesOutAndIsRetriedWithBackoff();
    void lateAnswerAfterTimeoutCounts();
    void rejectedUploadNeedsARebuild();
    void newGenerationWhileInFlight();
    void lostPostingNodeRequeues();
    void hsDirLeavingTheRingWhileInFlight();
    void decisionReasonsAndSkip();
    void configGroupsFromGetconf();
    void configVerdicts_data();
    void configVerdicts();
};

void TestPublisherLogic::backoffGrowsCapsAndJitters()
{
    const BackoffPolicy p{1000, 30000, 2.0, 0.25};
    QCOMPARE(Backoff::delayFor(p, 1, 0.0), 1000);
    QCOMPARE(Backoff::delayFor(p, 2, 0.0), 2000);
    QCOMPARE(Backoff::delayFor(p, 5, 0.0), 16000);
    QCOMPARE(Backoff::delayFor(p, 6, 0.0), 30000);   // capped
    QCOMPARE(Backoff::delayFor(p, 60, 0.0), 30000);  // no overflow
    QCOMPARE(Backoff::delayFor(p, 1, 1.0), 1250);
    QCOMPARE(Backoff::delayFor(p, 1, -1.0), 750);
    QCOMPARE(Backoff::delayFor(p, 10, 1.0), 30000);  // jitter never exceeds the cap
    Backoff b(p, 42);
    int last = 0;
    for (int i = 0; i < 5; ++i) {
        const int d = b.nextDelayMs();
        QVERIFY(d >= 750 && d <= 30000);
        QVERIFY(d >= last / 2);  // grows (jitter ±25 % cannot undo a doubling)
        last = d;
    }
    QCOMPARE(b.failures(), 5);
    b.reset();
    QVERIFY(b.nextDelayMs() <= 1250);
}

void TestPublisherLogic::controlAddressParsing()
{
    auto a = ControlAddress::parse(QStringLiteral("127.0.0.1:9051"));
    QVERIFY(a.ok());
    QCOMPARE(a->host, QStringLiteral("127.0.0.1"));
    QCOMPARE(a->port, quint16(9051));
    QCOMPARE(a->toString(), QStringLiteral("127.0.0.1:9051"));
    a = ControlAddress::parse(QStringLiteral("unix:/run/tor/control"));
    QVERIFY(a.ok());
    QCOMPARE(a->kind, ControlAddress::Kind::Unix);
    QCOMPARE(a->path, QStringLiteral("/run/tor/control"));
    a = ControlAddress::parse(QStringLiteral("[::1]:9051"));
    QVERIFY(a.ok());
    QCOMPARE(a->host, QStringLiteral("::1"));
    QCOMPARE(a->toString(), QStringLiteral("[::1]:9051"));
    QVERIFY(ControlAddress::parse(QStringLiteral("9051")).ok());
    QVERIFY(!ControlAddress::parse(QStringLiteral("host:0")).ok());
    QVERIFY(!ControlAddress::parse(QStringLiteral("host:70000")).ok());
    QVERIFY(!ControlAddress::parse(QStringLiteral("unix:relative")).ok());
    QVERIFY(!ControlAddress::parse(QStringLiteral("a b:1")).ok());
    QVERIFY(!ControlAddress::parse(QString()).ok());
}

void TestPublisherLogic::uploadsConfirmPerHsDirAndReplica()
{
    UploadTracker t(fastSettings(), 1);
    const auto tg = targets({{"A", 1}, {"B", 1}, {"C", 2}, {"D", 2}});
    t.setGeneration(0, 1, tg, 0);
    QCOMPARE(fps(t.dueForSend(0, 0)), (QStringList{"A", "B", "C", "D"}));
    t.markSent(0, fps(tg), QStringLiteral("n1"), 0);
    QVERIFY(t.dueForSend(0, 0).isEmpty());
    QCOMPARE(t.inFlightCount(), 4);
    QVERIFY(!t.onUploaded(QStringLiteral("n2"), QStringLiteral("A"), 10));  // other node: not ours
    QVERIFY(!t.onUploaded(QStringLiteral("n1"), QStringLiteral("Z"), 10));  // unknown HSDir
    auto o = t.onUploaded(QStringLiteral("n1"), QStringLiteral("A"), 10);
    QVERIFY(o);
    QCOMPARE(o->slot, 0);
    QCOMPARE(o->result.state, UploadState::Uploaded);
    QCOMPARE(o->result.attempts, 1);
    QVERIFY(!t.replicaCriterionMet(0));  // replica 2 has nothing yet
    QVERIFY(t.onUploaded(QStringLiteral("n1"), QStringLiteral("D"), 20));
    QVERIFY(t.replicaCriterionMet(0));
    QVERIFY(!t.settled(0));  // B and C still in flight
    QVERIFY(t.onFailed(QStringLiteral("n1"), QStringLiteral("B"), QStringLiteral("UPLOAD_REJECTED"), 30));
    QVERIFY(t.onUploaded(QStringLiteral("n1"), QStringLiteral("C"), 30));
    QVERIFY(t.settled(0));
    QVERIFY(t.replicaCriterionMet(0));
    QVERIFY(!t.replicaCriterionMet(1));  // nothing for the second slot
    const auto rs = t.results(0);
    QCOMPARE(rs.size(), 4);
    QCOMPARE(rs.at(1).state, UploadState::Failed);
    QCOMPARE(rs.at(1).reason, QStringLiteral("UPLOAD_REJECTED"));
    QVERIFY(rs.at(1).nextRetry.isValid());
}

void TestPublisherLogic::oneUploadInFlightPerHsDirAcrossSlots()
{
    // HS_DESC UPLOADED names no descriptor: an HSDir shared by both slots must
    // not have two uploads in flight, or the event would be ambiguous.
    UploadTracker t(fastSettings(), 1);
    t.setGeneration(0, 1, targets({{"A", 1}, {"B", 1}}), 0);
    t.setGeneration(1, 2, targets({{"B", 1}, {"C", 1}}), 0);
    t.markSent(0, fps(t.dueForSend(0, 0)), QStringLiteral("n"), 0);
    QCOMPARE(fps(t.dueForSend(1, 0)), QStringList{"C"});  // B waits for slot 0's answer
    t.markSent(1, {QStringLiteral("C")}, QStringLiteral("n"), 0);
    auto o = t.onUploaded(QStringLiteral("n"), QStringLiteral("B"), 5);
    QVERIFY(o);
    QCOMPARE(o->slot, 0);  // unambiguous
    QCOMPARE(fps(t.dueForSend(1, 5)), QStringList{"B"});
    t.markSent(1, {QStringLiteral("B")}, QStringLiteral("n"), 5);
    o = t.onUploaded(QStringLiteral("n"), QStringLiteral("B"), 6);
    QVERIFY(o);
    QCOMPARE(o->slot, 1);
}

void TestPublisherLogic::silentHsDirTimesOutAndIsRetriedWithBackoff()
{
    UploadTracker t(fastSettings(), 1);  // timeout 1 s, retry 100 ms doubling, no jitter
    t.setGeneration(0, 1, targets({{"A", 1}}), 0);
    t.markSent(0, {QStringLiteral("A")}, QStringLiteral("n"), 0);
    QCOMPARE(t.nextWakeupMs(), std::optional<qint64>(1000));
    QVERIFY(t.checkTimeouts(999).isEmpty());
    auto outs = t.checkTimeouts(1000);
    QCOMPARE(outs.size(), 1);
    QCOMPARE(outs.first().result.state, UploadState::TimedOut);
    QVERIFY(outs.first().result.reason.contains(QLatin1String("timeout")));
    QCOMPARE(outs.first().result.nextRetry.toMSecsSinceEpoch(), 1100);
    QVERIFY(t.dueForSend(0, 1099).isEmpty());
    QCOMPARE(t.dueForSend(0, 1100).size(), 1);
    t.markSent(0, {QStringLiteral("A")}, QStringLiteral("n"), 1100);
    outs = t.checkTimeouts(2100);
    QCOMPARE(outs.size(), 1);
    QCOMPARE(outs.first().result.attempts, 2);
    QCOMPARE(outs.first().result.nextRetry.toMSecsSinceEpoch(), 2300);  // 200 ms: doubled
    t.markSent(0, {QStringLiteral("A")}, QStringLiteral("n"), 2300);
    QVERIFY(t.onUploaded(QStringLiteral("n"), QStringLiteral("A"), 2400));
    QVERIFY(t.replicaCriterionMet(0));
    QCOMPARE(t.results(0).first().attempts, 3);
    QVERIFY(!t.nextWakeupMs().has_value());  // nothing left to do
}

void TestPublisherLogic::lateAnswerAfterTimeoutCounts()
{
    UploadTracker t(fastSettings(), 1);
    t.setGeneration(0, 1, targets({{"A", 1}}), 0);
    t.markSent(0, {QStringLiteral("A")}, QStringLiteral("n"), 0);
    QCOMPARE(t.checkTimeouts(1000).size(), 1);
    auto o = t.onUploaded(QStringLiteral("n"), QStringLiteral("A"), 1050);
    QVERIFY(o);
    QCOMPARE(o->result.state, UploadState::Uploaded);
    QVERIFY(t.dueForSend(0, 5000).isEmpty());
}

void TestPublisherLogic::rejectedUploadNeedsARebuild()
{
    UploadTracker t(fastSettings(), 1);
    const auto tg = targets({{"A", 1}, {"B", 1}});
    t.setGeneration(0, 1, tg, 0);
    t.markSent(0, fps(tg), QStringLiteral("n"), 0);
    QVERIFY(t.onUploaded(QStringLiteral("n"), QStringLiteral("A"), 10));
    QVERIFY(t.onFailed(QStringLiteral("n"), QStringLiteral("B"), QStringLiteral("UPLOAD_REJECTED"), 10));
    QVERIFY(!t.rebuildDue(0, 50));   // back-off first
    QVERIFY(t.dueForSend(0, 500).isEmpty());  // never resent with the same (refused) counter
    QVERIFY(t.rebuildDue(0, 110));
    // The publisher rebuilds with a fresh counter: generation 2 for the same HSDirs.
    t.setGeneration(0, 2, tg, 110);
    QVERIFY(!t.rebuildDue(0, 110));
    QCOMPARE(fps(t.dueForSend(0, 110)), (QStringList{"A", "B"}));
    t.markSent(0, fps(tg), QStringLiteral("n"), 110);
    QVERIFY(t.onUploaded(QStringLiteral("n"), QStringLiteral("B"), 120));
    QVERIFY(t.onUploaded(QStringLiteral("n"), QStringLiteral("A"), 120));
    QCOMPARE(t.results(0).at(1).state, UploadState::Uploaded);
    QCOMPARE(t.results(0).at(1).attempts, 2);  // the failure's count carries over
    // Another HSDir failure reason is retried with the same descriptor.
    t.setGeneration(0, 3, tg, 200);
    t.markSent(0, fps(tg), QStringLiteral("n"), 200);
    QVERIFY(t.onFailed(QStringLiteral("n"), QStringLiteral("A"), QStringLiteral("SOMETHING"), 210));
    QVERIFY(!t.rebuildDue(0, 1000));
    QCOMPARE(fps(t.dueForSend(0, 310)), QStringList{"A"});
}

void TestPublisherLogic::newGenerationWhileInFlight()
{
    UploadTracker t(fastSettings(), 1);
    const auto tg = targets({{"A", 1}});
    t.setGeneration(0, 1, tg, 0);
    t.markSent(0, {QStringLiteral("A")}, QStringLiteral("n"), 0);
    t.setGeneration(0, 2, tg, 5);  // intro set changed: rebuilt
    QVERIFY(t.dueForSend(0, 5).isEmpty());  // still busy with generation 1
    auto o = t.onUploaded(QStringLiteral("n"), QStringLiteral("A"), 10);
    QVERIFY(o);
    QCOMPARE(o->result.state, UploadState::Pending);  // the old build landed, not the current one
    QVERIFY(!t.replicaCriterionMet(0));
    QCOMPARE(fps(t.dueForSend(0, 10)), QStringList{"A"});
    t.markSent(0, {QStringLiteral("A")}, QStringLiteral("n"), 10);
    QVERIFY(t.onUploaded(QStringLiteral("n"), QStringLiteral("A"), 20));
    QVERIFY(t.replicaCriterionMet(0));
}

void TestPublisherLogic::lostPostingNodeRequeues()
{
    UploadTracker t(fastSettings(), 1);
    const auto tg = targets({{"A", 1}, {"B", 2}});
    t.setGeneration(0, 1, tg, 0);
    t.markSent(0, {QStringLiteral("A")}, QStringLiteral("n1"), 0);
    t.markSent(0, {QStringLiteral("B")}, QStringLiteral("n2"), 0);
    const auto outs = t.nodeLost(QStringLiteral("n1"), 50);
    QCOMPARE(outs.size(), 1);
    QCOMPARE(outs.first().result.hsdirFingerprint, QStringLiteral("A"));
    QCOMPARE(fps(t.dueForSend(0, 50)), QStringList{"A"});  // at once, through another node
    QVERIFY(!t.onUploaded(QStringLiteral("n1"), QStringLiteral("A"), 60));  // the dead node's answer is gone
    // An HSPOST command error: due again after the given delay.
    t.markSent(0, {QStringLiteral("A")}, QStringLiteral("n3"), 60);
    t.markSendFailed(0, {QStringLiteral("A")}, QStringLiteral("552 boom"), 70, 500);
    QVERIFY(t.dueForSend(0, 100).isEmpty());
    QCOMPARE(fps(t.dueForSend(0, 570)), QStringList{"A"});
}

void TestPublisherLogic::hsDirLeavingTheRingWhileInFlight()
{
    UploadTracker t(fastSettings(), 1);
    t.setGeneration(0, 1, targets({{"A", 1}, {"B", 1}}), 0);
    t.markSent(0, {QStringLiteral("A"), QStringLiteral("B")}, QStringLiteral("n"), 0);
    t.setGeneration(0, 2, targets({{"B", 1}, {"C", 1}}), 5);  // new consensus: A left the ring
    QCOMPARE(t.results(0).size(), 2);
    QCOMPARE(fps(t.dueForSend(0, 5)), QStringList{"C"});
    QVERIFY(!t.onUploaded(QStringLiteral("n"), QStringLiteral("A"), 6));  // swallowed
    QCOMPARE(t.inFlightCount(), 1);
    QCOMPARE(t.results(0).size(), 2);
}

void TestPublisherLogic::decisionReasonsAndSkip()
{
    SlotProposal now;
    now.blindedKey = QByteArray(32, 'b');
    now.periodNumber = 100;
    now.introOwners = {{"k1", QStringLiteral("n1")}, {"k2", QStringLiteral("n2")}};
    now.hsdirs = {QStringLiteral("A"), QStringLiteral("B")};
    const qint64 hour = 3600 * 1000;

    SlotRecord none;
    auto v = PublishDecision::decide(none, now, 0, hour, false);
    QVERIFY(v.publish);
    QCOMPARE(v.reason, QStringLiteral("first publication"));

    SlotRecord last;
    last.valid = true;
    last.blindedKey = now.blindedKey;
    last.periodNumber = 100;
    last.introOwners = now.introOwners;
    last.hsdirs = now.hsdirs;
    last.publishedAtMs = 0;
    v = PublishDecision::decide(last, now, 1000, hour, false);
    QVERIFY(!v.publish);
    QCOMPARE(v.reason, QStringLiteral("skipped: nothing changed"));
    v = PublishDecision::decide(last, now, 1000, hour, true);
    QVERIFY(v.publish);
    QCOMPARE(v.reason, QStringLiteral("publish requested"));
    v = PublishDecision::decide(last, now, hour, hour, false);
    QVERIFY(v.publish);
    QVERIFY(v.reason.startsWith(QLatin1String("refresh")));

    SlotProposal p = now;
    p.hsdirs = {QStringLiteral("A"), QStringLiteral("C")};
    v = PublishDecision::decide(last, p, 1000, hour, false);
    QVERIFY(v.publish);
    QCOMPARE(v.reason, QStringLiteral("responsible HSDirs changed"));

    p = now;
    p.periodNumber = 101;
    p.blindedKey = QByteArray(32, 'c');
    v = PublishDecision::decide(last, p, 1000, hour, false);
    QVERIFY(v.publish);
    QVERIFY(v.reason.startsWith(QStringLiteral("time period changed (100 → 101)")));

    p = now;
    p.introOwners.insert("k3", QStringLiteral("n1"));
    v = PublishDecision::decide(last, p, 1000, hour, false);
    QVERIFY(v.publish);
    QCOMPARE(v.reason, QStringLiteral("intro set changed (+1 −0)"));

    p = now;
    p.introOwners.remove("k2");
    p.ineligibleNodes.insert(QStringLiteral("n2"), QStringLiteral("not connected"));
    v = PublishDecision::decide(last, p, 1000, hour, false);
    QVERIFY(v.publish);
    QCOMPARE(v.reason, QStringLiteral("node lost: n2 (not connected)"));

    // Intro order alone is not a change (sets compared).
    p = now;
    v = PublishDecision::decide(last, p, 1000, hour, false);
    QVERIFY(!v.publish);

    p.introOwners.clear();
    v = PublishDecision::decide(last, p, 1000, hour, true);
    QVERIFY(!v.publish);
    QVERIFY(v.reason.contains(QLatin1String("no eligible node")));
}

void TestPublisherLogic::configGroupsFromGetconf()
{
    // What tor 0.4.9.11 answers to GETCONF PublishHidServDescriptors HiddenServiceOptions.
    QList<rb::control::ConfEntry> conf{
        {QStringLiteral("PublishHidServDescriptors"), QStringLiteral("0")},
        {QStringLiteral("HiddenServiceDir"), QStringLiteral("/var/lib/tor/a")},
        {QStringLiteral("HiddenServiceVersion"), QStringLiteral("3")},
        {QStringLiteral("HiddenServicePort"), QStringLiteral("80 127.0.0.1:8080")},
        {QStringLiteral("HiddenServiceOnionBalanceInstance"), QStringLiteral("1")},
        {QStringLiteral("HiddenServiceDir"), QStringLiteral("/var/lib/tor/b")},
        {QStringLiteral("HiddenServiceNumIntroductionPoints"), QStringLiteral("5")},
    };
    const auto groups = HiddenServiceGroup::fromConf(conf);
    QCOMPARE(groups.size(), 2);
    QCOMPARE(groups.at(0).dir, QStringLiteral("/var/lib/tor/a"));
    QVERIFY(groups.at(0).onionbalanceInstance());
    QCOMPARE(groups.at(0).numIntroductionPoints(), 3);
    QVERIFY(!groups.at(1).onionbalanceInstance());
    QCOMPARE(groups.at(1).numIntroductionPoints(), 5);
    QVERIFY(HiddenServiceGroup::fromConf({{QStringLiteral("HiddenServiceOptions"), std::nullopt}}).isEmpty());

    QCOMPARE(NodeConfigCheck::obConfigMasters("# comment\nMasterOnionAddress ABC.onion\n\nmasteronionaddress x\n"),
             (QStringList{QStringLiteral("abc.onion"), QStringLiteral("x")}));
    QCOMPARE(NodeConfigCheck::normalizeOnion(kMaster.toUpper().chopped(6)), kMaster);
    QVERIFY(NodeConfigCheck::normalizeOnion(QStringLiteral("short.onion")).isEmpty());
}

void TestPublisherLogic::configVerdicts_data()
{
    QTest::addColumn<QString>("publish");
    QTest::addColumn<bool>("obOption");
    QTest::addColumn<int>("obState");  // NodeConfigInputs::FileState
    QTest::addColumn<QString>("obContent");
    QTest::addColumn<int>("serves");    // NodeConfigInputs::Serves
    QTest::addColumn<bool>("reload");
    QTest::addColumn<int>("expected");  // ConfigCheck
    QTest::addColumn<QString>("problem");

    using FS = NodeConfigInputs::FileState;
    using SV = NodeConfigInputs::Serves;
    const QString good = QStringLiteral("MasterOnionAddress ") + kMaster + QStringLiteral("\n");
    QTest::newRow("all good") << "0" << true << int(FS::Content) << good << int(SV::Yes) << false
                              << int(ConfigCheck::Ok) << QString();
    QTest::newRow("publishes itself") << "1" << true << int(FS::Content) << good << int(SV::Yes) << false
                                      << int(ConfigCheck::Failed) << "PublishHidServDescriptors is 1";
    QTest::newRow("no instance option") << "0" << false << int(FS::NotRead) << QString() << int(SV::Yes) << false
                                        << int(ConfigCheck::Failed) << "HiddenServiceOnionbalanceInstance is not set";
    QTest::newRow("ob_config names another")
        << "0" << true << int(FS::Content)
        << "MasterOnionAddress aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.onion\n" << int(SV::Yes) << false
        << int(ConfigCheck::Failed) << "not the master";
    QTest::newRow("ob_config missing") << "0" << true << int(FS::Missing) << QString() << int(SV::Yes) << false
                                       << int(ConfigCheck::Failed) << "ob_config does not exist";
    QTest::newRow("ob_config unreadable: not verified, not failed")
        << "0" << true << int(FS::Unreadable) << QString() << int(SV::Yes) << false << int(ConfigCheck::Ok)
        << "Not verified";
    QTest::newRow("does not serve the master") << "0" << true << int(FS::Content) << good << int(SV::No) << false
                                               << int(ConfigCheck::Failed) << "does not serve the master";
    QTest::newRow("serving not known yet") << "0" << true << int(FS::Content) << good << int(SV::Unknown) << false
                                           << int(ConfigCheck::Unknown) << QString();
    QTest::newRow("enabled by reload") << "0" << true << int(FS::Content) << good << int(SV::Yes) << true
                                       << int(ConfigCheck::Failed) << "reload";
}

void TestPublisherLogic::configVerdicts()
{
    QFETCH(QString, publish);
    QFETCH(bool, obOption);
    QFETCH(int, obState);
    QFETCH(QString, obContent);
    QFETCH(int, serves);
    QFETCH(bool, reload);
    QFETCH(int, expected);
    QFETCH(QString, problem);

    NodeConfigInputs in;
    in.masterAddress = kMaster;
    in.publishHidServDescriptors = publish;
    HiddenServiceGroup g;
    g.dir = QStringLiteral("/var/lib/tor/master");
    g.options.append({QStringLiteral("HiddenServiceVersion"), QStringLiteral("3")});
    if (obOption) {
        g.options.append({QStringLiteral("HiddenServiceOnionBalanceInstance"), QStringLiteral("1")});
    }
    in.services = QList<HiddenServiceGroup>{g};
    in.obConfig = static_cast<NodeConfigInputs::FileState>(obState);
    in.obConfigContent = obContent.toLatin1();
    in.servesMaster = static_cast<NodeConfigInputs::Serves>(serves);
    in.reloadAssertionSeen = reload;
    const NodeConfigVerdict v = NodeConfigCheck::evaluate(in);
    QCOMPARE(int(v.check), expected);
    QCOMPARE(v.hiddenServiceDir, g.dir);
    if (problem.isEmpty()) {
        QVERIFY(v.problems.isEmpty());
    } else {
        QVERIFY(!v.problems.isEmpty());
        QVERIFY2(v.problems.first().what.contains(problem), qPrintable(v.problems.first().what));
        QVERIFY(!v.problems.first().fix.isEmpty());
    }
    QCOMPARE(v.facts.obInstanceOption, obOption);
    QCOMPARE(v.facts.publishesOwnDescriptor, publish != QLatin1String("0"));
    QCOMPARE(v.facts.obInstanceNeedsRestart, reload);
    if (obOption && obState == int(NodeConfigInputs::FileState::Content)) {
        QVERIFY(v.facts.obConfigPresent);
        QCOMPARE(v.facts.obConfigNamesMaster, obContent == QStringLiteral("MasterOnionAddress ") + kMaster +
                                                               QStringLiteral("\n"));
    }
}

QTEST_GUILESS_MAIN(TestPublisherLogic)
#include "TestPublisherLogic.moc"
