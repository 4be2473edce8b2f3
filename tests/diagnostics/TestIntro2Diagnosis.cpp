// Intro2Diagnosis: for each cause, a node/context that shows it must rank that
// cause first, explain it with the right words and offer the right action.
#include "diagnostics/Intro2Diagnosis.h"

#include <QTest>

using rb::balancer::Intro2Stats;
using rb::diagnostics::Intro2Action;
using rb::diagnostics::Intro2Cause;
using rb::diagnostics::Intro2Context;
using rb::diagnostics::Intro2Diagnosis;

Q_DECLARE_METATYPE(rb::balancer::Intro2Stats)
Q_DECLARE_METATYPE(rb::diagnostics::Intro2Context)
Q_DECLARE_METATYPE(rb::diagnostics::Intro2Cause)
Q_DECLARE_METATYPE(rb::diagnostics::Intro2Action)

namespace {

const QString kMaster = QStringLiteral("pg6mmjiyjmcrsslvykfwnntlaru7p5svn6y2ymmju6nubxndf4pscryd.onion");

// A node whose configuration is right and whose descriptor was just published.
Intro2Context healthy()
{
    Intro2Context c;
    c.configKnown = true;
    c.obInstanceOption = true;
    c.obConfigPresent = true;
    c.obConfigNamesMaster = true;
    c.obConfigMaster = kMaster;
    c.masterAddress = kMaster;
    c.nodeDescriptorPeriod = 20489;
    c.publishedAgeMinutes = 10;
    return c;
}

Intro2Stats rejections(quint64 n)
{
    Intro2Stats s;
    s.couldNotGetKeysWarnings = n;
    s.invalidIntroduce2 = n;
    return s;
}

}  // namespace

class TestIntro2Diagnosis : public QObject {
    Q_OBJECT
private slots:
    void topCause_data();
    void topCause();
    void healthyNodeHasNoFindings();
    void findingsAreRanked();
    void contextFromFleetData();
    void idsAreDistinct();
};

void TestIntro2Diagnosis::topCause_data()
{
    QTest::addColumn<Intro2Stats>("stats");
    QTest::addColumn<Intro2Context>("context");
    QTest::addColumn<Intro2Cause>("cause");
    QTest::addColumn<QString>("explanationHas");
    QTest::addColumn<QString>("fixHas");
    QTest::addColumn<Intro2Action>("action");

    {
        Intro2Context c = healthy();
        c.obInstanceOption = false;
        QTest::newRow("missing OB instance option")
            << rejections(12) << c << Intro2Cause::MissingObInstance << QStringLiteral("12 rejected")
            << QStringLiteral("restart tor (a reload is not enough)") << Intro2Action::None;
    }
    {
        Intro2Context c = healthy();
        c.obInstanceNeedsRestart = true;
        QTest::newRow("OB option enabled by reload")
            << rejections(3) << c << Intro2Cause::ObInstanceNotActive << QStringLiteral("turned on by a reload")
            << QStringLiteral("not reload") << Intro2Action::None;
    }
    {
        Intro2Context c = healthy();
        c.obConfigNamesMaster = false;
        c.obConfigMaster = QStringLiteral("typo.onion");
        QTest::newRow("ob_config names another address")
            << rejections(5) << c << Intro2Cause::ObConfigWrong << QStringLiteral("names typo.onion")
            << QStringLiteral("MasterOnionAddress ") + kMaster << Intro2Action::None;
    }
    {
        Intro2Context c = healthy();
        c.obConfigPresent = false;
        c.obConfigNamesMaster = false;
        QTest::newRow("ob_config missing")
            << rejections(5) << c << Intro2Cause::ObConfigWrong << QStringLiteral("no ob_config file")
            << QStringLiteral("ob_config and restart") << Intro2Action::None;
    }
    {
        Intro2Context c;  // configuration not checked yet
        c.nodeDescriptorPeriod = 20489;
        c.publishedPeriodWithNodeIntros = 20490;
        c.publishedAgeMinutes = 5;
        QTest::newRow("period mismatch (neighbour)")
            << rejections(9) << c << Intro2Cause::TimePeriodMismatch << QStringLiteral("period 20490")
            << QStringLiteral("publish again") << Intro2Action::PublishNow;
    }
    {
        Intro2Context c = healthy();
        c.publishedPeriodWithNodeIntros = 20492;
        QTest::newRow("period far off") << rejections(2) << c << Intro2Cause::TimePeriodMismatch
                                        << QStringLiteral("clock or consensus is wrong") << QStringLiteral("NTP")
                                        << Intro2Action::ReconnectNode;
    }
    {
        Intro2Context c = healthy();
        c.publishedAgeMinutes = 200;
        QTest::newRow("descriptor dropped by HSDirs")
            << Intro2Stats{} << c << Intro2Cause::StalePublishedDescriptor << QStringLiteral("HSDirs drop it after 180")
            << QStringLiteral("Publish now") << Intro2Action::PublishNow;
    }
    {
        Intro2Context c = healthy();
        c.introPointsNotPublished = 2;
        QTest::newRow("intro points not published") << Intro2Stats{} << c << Intro2Cause::StalePublishedDescriptor
                                                    << QStringLiteral("2 of the node's established")
                                                    << QStringLiteral("Publish now") << Intro2Action::PublishNow;
    }
    {
        Intro2Context c = healthy();
        c.publishedAgeMinutes = -1;
        QTest::newRow("never published") << Intro2Stats{} << c << Intro2Cause::StalePublishedDescriptor
                                         << QStringLiteral("No merged descriptor has been published")
                                         << QStringLiteral("Publish now") << Intro2Action::PublishNow;
    }
    {
        Intro2Context c = healthy();
        c.publishesOwnDescriptor = true;
        QTest::newRow("node publishes itself")
            << Intro2Stats{} << c << Intro2Cause::NodePublishesItself << QStringLiteral("races the merged descriptor")
            << QStringLiteral("PublishHidServDescriptors 0") << Intro2Action::None;
    }
    {
        Intro2Context c = healthy();
        Intro2Stats s;
        s.replay = 40;
        QTest::newRow("replays") << s << c << Intro2Cause::Replay << QStringLiteral("40 INTRODUCE2")
                                 << QStringLiteral("HiddenServicePoWDefensesEnabled") << Intro2Action::None;
    }
    {
        Intro2Context c = healthy();
        c.publishedIntroPointsGone = 2;
        Intro2Stats s;
        s.badAuthKey = 7;
        QTest::newRow("bad auth key") << s << c << Intro2Cause::BadAuthKey << QStringLiteral("7 unknown auth key")
                                      << QStringLiteral("current intro points") << Intro2Action::PublishNow;
    }
    {
        Intro2Context c = healthy();
        QTest::newRow("unexplained rejections")
            << rejections(4) << c << Intro2Cause::TimePeriodMismatch << QStringLiteral("rejected 4 introduction")
            << QStringLiteral("Publish now") << Intro2Action::PublishNow;
    }
}

void TestIntro2Diagnosis::topCause()
{
    QFETCH(Intro2Stats, stats);
    QFETCH(Intro2Context, context);
    QFETCH(Intro2Cause, cause);
    QFETCH(QString, explanationHas);
    QFETCH(QString, fixHas);
    QFETCH(Intro2Action, action);

    const auto findings = Intro2Diagnosis::diagnose(stats, context);
    QVERIFY(!findings.isEmpty());
    const auto& top = findings.first();
    QCOMPARE(Intro2Diagnosis::causeId(top.cause), Intro2Diagnosis::causeId(cause));
    QVERIFY2(top.explanation.contains(explanationHas), qPrintable(top.explanation));
    QVERIFY2(top.fix.contains(fixHas), qPrintable(top.fix));
    QCOMPARE(Intro2Diagnosis::actionId(top.action), Intro2Diagnosis::actionId(action));
    QCOMPARE(top.consoleCanFix(), action != Intro2Action::None);
    QVERIFY(!top.title.isEmpty());
}

void TestIntro2Diagnosis::healthyNodeHasNoFindings()
{
    QVERIFY(Intro2Diagnosis::diagnose(Intro2Stats{}, healthy()).isEmpty());
}

void TestIntro2Diagnosis::findingsAreRanked()
{
    // Missing OB option and a node publishing itself and replays at once: the
    // option (which explains the rejections) comes first, replays last.
    Intro2Context c = healthy();
    c.obInstanceOption = false;
    c.publishesOwnDescriptor = true;
    Intro2Stats s = rejections(30);
    s.replay = 1;
    const auto findings = Intro2Diagnosis::diagnose(s, c);
    QCOMPARE(findings.size(), 3);
    QCOMPARE(findings.at(0).cause, Intro2Cause::MissingObInstance);
    QCOMPARE(findings.at(1).cause, Intro2Cause::NodePublishesItself);
    QCOMPARE(findings.at(2).cause, Intro2Cause::Replay);
    for (int i = 1; i < findings.size(); ++i)
        QVERIFY(findings.at(i - 1).score >= findings.at(i).score);
}

void TestIntro2Diagnosis::contextFromFleetData()
{
    using namespace rb::balancer;
    const QDateTime now = QDateTime::fromSecsSinceEpoch(1'700'000'000, Qt::UTC);
    NodeHealth node;
    node.name = QStringLiteral("alpha");
    node.descriptorPeriodNumber = 20489;
    node.config.known = true;
    node.config.obInstanceOption = true;
    node.config.publishesOwnDescriptor = true;
    const QByteArray k1(32, 'a'), k2(32, 'b'), k3(32, 'c'), gone(32, 'g'), other(32, 'o');
    for (const QByteArray& k : {k1, k2, k3}) {
        IntroPointInfo ip;
        ip.authKey = k;
        ip.circuitEstablished = true;
        node.introPoints.append(ip);
    }
    PublicationState pub;
    pub.lastPublished = now.addSecs(-30 * 60);
    pub.first.periodNumber = 20489;
    pub.first.introPointOwner.insert(k1, QStringLiteral("alpha"));
    pub.first.introPointOwner.insert(gone, QStringLiteral("alpha"));
    pub.first.introPointOwner.insert(other, QStringLiteral("beta"));
    pub.second.periodNumber = 20490;
    pub.second.introPointOwner.insert(k2, QStringLiteral("alpha"));

    const Intro2Context c = Intro2Diagnosis::contextFor(node, pub, kMaster, now);
    QCOMPARE(c.publishedAgeMinutes, 30);
    QCOMPARE(c.introPointsNotPublished, 1);   // k3
    QCOMPARE(c.publishedIntroPointsGone, 1);  // gone
    QCOMPARE(c.publishedPeriodWithNodeIntros, quint64(20490));
    QCOMPARE(c.nodeDescriptorPeriod, quint64(20489));
    QVERIFY(c.publishesOwnDescriptor);
    QVERIFY(c.configKnown);
    QCOMPARE(c.masterAddress, kMaster);

    PublicationState never;
    QCOMPARE(Intro2Diagnosis::contextFor(node, never, kMaster, now).publishedAgeMinutes, -1);
}

void TestIntro2Diagnosis::idsAreDistinct()
{
    QSet<QString> ids;
    for (auto cause : {Intro2Cause::MissingObInstance, Intro2Cause::ObInstanceNotActive, Intro2Cause::ObConfigWrong,
                       Intro2Cause::TimePeriodMismatch, Intro2Cause::NodePublishesItself,
                       Intro2Cause::StalePublishedDescriptor, Intro2Cause::BadAuthKey, Intro2Cause::Replay})
        ids.insert(Intro2Diagnosis::causeId(cause));
    QCOMPARE(ids.size(), 8);
}

QTEST_GUILESS_MAIN(TestIntro2Diagnosis)
#include "TestIntro2Diagnosis.moc"
