// The Publisher end to end against scripted control ports (FakeTorNode):
// what it posts (SERVER= sets from our own ring, both descriptors, merged
// intro points, tor's OPE counter, flow-control, no pow-params), when it
// publishes and when it skips, node loss, UPLOAD_REJECTED (rebuild with a
// larger counter), silent HSDirs (timeout, retry), a posting node that stops
// answering (fallback, nothing hangs), auto-publish off, forced inclusion.

#include "FakeTorNode.h"

#include "balancer/Publisher.h"
#include "descriptor/DescriptorDecoder.h"
#include "hsdir/Consensus.h"
#include "hsdir/HsDirRing.h"
#include "hsdir/TimePeriod.h"
#include "onion/RevisionCounter.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace rb::balancer;
using rb::test::FakeTorNode;

namespace {

struct Fixture {
    std::unique_ptr<FakeTorNode> a = std::make_unique<FakeTorNode>();
    std::unique_ptr<FakeTorNode> b = std::make_unique<FakeTorNode>();
    rb::test::NodeDescriptor descA;
    rb::test::NodeDescriptor descB;
    std::unique_ptr<Publisher> publisher;
};

}  // namespace

class TestPublisher : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void publishesBothDescriptorsToTheRing();
    void skipsWhenNothingChangedAndCountersOnlyGrow();
    void lostNodeIsDroppedQuickly();
    void uploadRejectedRebuildsWithALargerCounter();
    void silentHsDirTimesOutAndIsRetried();
    void postingNodeThatStopsAnsweringFallsBack();
    void autoPublishOffWaitsForTheOperator();
    void misconfiguredNodeExcludedUnlessForced();
    void oneIntroPointPerRelay();

private:
    void setUpNode(FakeTorNode& tor, const rb::test::NodeDescriptor& d);
    std::unique_ptr<Fixture> makeFixture(PublisherSettings settings = fastSettings());
    static PublisherSettings fastSettings();
    static QList<FakeTorNode::Post> allPosts(const Fixture& f);

    std::optional<rb::onion::MasterIdentity> m_master;
    rb::test::FakeConsensus m_consensus;
    QTemporaryDir m_hsDir;
};

PublisherSettings TestPublisher::fastSettings()
{
    PublisherSettings s;
    s.debounceMs = 50;
    s.nodeLostDebounceMs = 20;
    s.uploadTimeoutMs = 800;
    s.uploadRetry = BackoffPolicy{200, 1000, 2.0, 0.0};
    s.consensusPollMs = 200;
    s.sendFailureRetryMs = 100;
    s.session.reconnect = BackoffPolicy{100, 400, 2.0, 0.0};
    s.session.harvestDebounceMs = 50;
    s.session.followUpRereadMs = 200;
    s.session.commandTimeoutMs = 3000;
    return s;
}

void TestPublisher::initTestCase()
{
    auto id = rb::onion::MasterIdentity::generate();
    QVERIFY(id.ok());
    m_master.emplace(std::move(id.value()));
    m_consensus = rb::test::makeFakeConsensus(12);
    QVERIFY(m_hsDir.isValid());
    QFile ob(m_hsDir.filePath(QStringLiteral("ob_config")));
    QVERIFY(ob.open(QIODevice::WriteOnly));
    ob.write("MasterOnionAddress " + m_master->address().toString().toLatin1() + "\n");
}

void TestPublisher::setUpNode(FakeTorNode& tor, const rb::test::NodeDescriptor& d)
{
    tor.masterId = m_master->address().serviceId().toLatin1();
    tor.descriptorText = d.text;
    tor.circuitLines = FakeTorNode::introCircuits(d.introPoints, tor.masterId);
    tor.hsOptions = {"HiddenServiceDir=" + m_hsDir.path().toLatin1(), "HiddenServiceOnionBalanceInstance=1"};
    tor.consensusText = m_consensus.text;
    tor.microdescriptors = m_consensus.microdescriptors;
    tor.validAfter = m_consensus.validAfter;
}

std::unique_ptr<Fixture> TestPublisher::makeFixture(PublisherSettings settings)
{
    auto f = std::make_unique<Fixture>();
    f->descA = rb::test::makeNodeDescriptor(*m_master, 20489, 3);
    f->descB = rb::test::makeNodeDescriptor(*m_master, 20489, 3);
    setUpNode(*f->a, f->descA);
    setUpNode(*f->b, f->descB);
    auto id = rb::onion::MasterIdentity::fromExpanded(m_master->expandedKey().clone());
    f->publisher = std::make_unique<Publisher>(std::move(id.value()), settings);
    int i = 0;
    for (FakeTorNode* t : {f->a.get(), f->b.get()}) {
        NodeEndpoint e = NodeEndpoint::direct(QStringLiteral("n%1").arg(++i),
                                              ControlAddress::tcp(QStringLiteral("127.0.0.1"), t->port()));
        e.useAdvertisedCookie = false;
        (void)f->publisher->addNode(std::move(e), NodeCredentials{});
    }
    return f;
}

QList<FakeTorNode::Post> TestPublisher::allPosts(const Fixture& f)
{
    return f.a->posts + f.b->posts;
}

void TestPublisher::publishesBothDescriptorsToTheRing()
{
    auto f = makeFixture();
    QSignalSpy nodeChanged(f->publisher.get(), &FleetBackend::nodeChanged);
    QSignalSpy pubChanged(f->publisher.get(), &FleetBackend::publicationChanged);
    QSignalSpy built(f->publisher.get(), &Publisher::descriptorBuilt);
    const qint64 t0 = QDateTime::currentSecsSinceEpoch();
    f->publisher->start();
    QTRY_VERIFY_WITH_TIMEOUT(f->publisher->replicaCriterionMet(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(f->publisher->uploadsSettled(), 5000);
    const qint64 t1 = QDateTime::currentSecsSinceEpoch();
    QVERIFY(nodeChanged.count() > 0);
    QVERIFY(pubChanged.count() > 0);

    // Independent expectation: consensus → time period plans → ring.
    auto c = rb::hsdir::Consensus::parse(m_consensus.text);
    QVERIFY(c.ok());
    QVERIFY(c->attachMicrodescriptors(m_consensus.microdescriptors).ok());
    auto tp = rb::hsdir::TimePeriod::fromConsensus(*c, false);
    QVERIFY(tp.ok());
    const rb::hsdir::HsDirRing ring(*c);
    QSet<QByteArray> wantKeys;
    for (const auto& ip : f->descA.introPoints + f->descB.introPoints) {
        wantKeys.insert(ip.authKey().toByteArray());
    }
    const QList<FakeTorNode::Post> posts = allPosts(*f);
    QVERIFY(!posts.isEmpty());
    QVERIFY(f->a->posts.size() >= 2);  // the first configured node posts
    for (int slot = 0; slot < 2; ++slot) {
        const rb::hsdir::DescriptorPlan plan = slot == 0 ? tp->first() : tp->second();
        const QByteArray blinded = m_master->blindedPublicKey(plan.periodNumber, plan.periodLengthMinutes).value();
        QSet<QString> want;
        for (const auto& r : ring.responsibleForUpload(blinded, plan)) {
            want.insert(r.fingerprintHex());
        }
        QCOMPARE(want.size(), 8);  // 2 replicas x 4 spread (consensus defaults)
        QSet<QString> got;
        for (const FakeTorNode::Post& p : posts) {
            QCOMPARE(p.address, m_master->address().serviceId().toLatin1());
            rb::descriptor::DecodeOptions o;
            auto any = rb::descriptor::DescriptorDecoder::decode(m_master->publicKey(), p.descriptor, o);
            QVERIFY2(any.ok(), qPrintable(any.ok() ? QString() : any.error().toString()));
            if (any->blindedKey != blinded) {
                continue;  // the other slot's descriptor
            }
            o.expectedTimePeriod = plan.periodNumber;
            o.expectedPeriodLengthMinutes = plan.periodLengthMinutes;
            auto d = rb::descriptor::DescriptorDecoder::decode(m_master->publicKey(), p.descriptor, o);
            QVERIFY2(d.ok(), qPrintable(d.ok() ? QString() : d.error().toString()));
            QVERIFY(d->blindedKeyMatchesPeriod.value_or(false));
            for (const QString& s : p.servers) {
                got.insert(s);
            }
            QSet<QByteArray> keys;
            for (const auto& ip : d->inner.introPoints) {
                keys.insert(ip.authKey().toByteArray());
            }
            QCOMPARE(keys, wantKeys);  // the same merged set in both descriptors
            QVERIFY(d->inner.flowControl.has_value());
            QCOMPARE(d->inner.flowControl->sendmeIncrement, std::uint8_t(31));
            QVERIFY(d->inner.powParams.isEmpty());
            QVERIFY(d->middlePaddedLikeTor);
            // tor's OPE counter at some second between start and now.
            const auto bsk = m_master->blindedExpandedKey(plan.periodNumber, plan.periodLengthMinutes).value();
            const quint64 lo = rb::onion::RevisionCounter::compute(bsk, t0 - plan.srvStartSecs);
            const quint64 hi = rb::onion::RevisionCounter::compute(bsk, t1 - plan.srvStartSecs);
            QVERIFY(d->outer.revisionCounter >= lo && d->outer.revisionCounter <= hi);
        }
        QCOMPARE(got, want);
    }
    const PublicationState st = f->publisher->publication();
    for (const DescriptorPublication* d : {&st.first, &st.second}) {
        QCOMPARE(d->introPointCount, 6);
        QCOMPARE(d->introPointsByNode.value(QStringLiteral("n1")), 3);
        QCOMPARE(d->introPointsByNode.value(QStringLiteral("n2")), 3);
        QCOMPARE(d->uploads.size(), 8);
        for (const UploadResult& u : d->uploads) {
            QCOMPARE(u.state, UploadState::Uploaded);
        }
        QVERIFY(!d->descriptorText.isEmpty());
        QVERIFY(d->notes.contains(QLatin1String("pow")));
    }
    QCOMPARE(st.first.which, QStringLiteral("first"));
    QCOMPARE(st.second.periodNumber, tp->second().periodNumber);
    QVERIFY(st.lastDecision.contains(QLatin1String("first publication")));
    QVERIFY(!st.publishing);
    QCOMPARE(built.count(), 2);
    for (const NodeHealth& h : f->publisher->nodes()) {
        QCOMPARE(h.introPoints.size(), 3);
        for (const IntroPointInfo& ip : h.introPoints) {
            QVERIFY(ip.published);
        }
        QVERIFY(h.descriptorPeriodNumber == 0 || h.descriptorPeriodNumber > 0);
    }
    QCOMPARE(f->publisher->master().address, m_master->address().toString());
}

void TestPublisher::skipsWhenNothingChangedAndCountersOnlyGrow()
{
    auto f = makeFixture();
    QSignalSpy built(f->publisher.get(), &Publisher::descriptorBuilt);
    f->publisher->start();
    QTRY_VERIFY_WITH_TIMEOUT(f->publisher->replicaCriterionMet(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(f->publisher->uploadsSettled(), 5000);
    const int posts = static_cast<int>(allPosts(*f).size());
    const int builds = static_cast<int>(built.count());
    f->publisher->evaluateNow();
    QTest::qWait(300);
    QCOMPARE(static_cast<int>(allPosts(*f).size()), posts);
    QCOMPARE(static_cast<int>(built.count()), builds);
    QVERIFY(f->publisher->publication().lastDecision.contains(QLatin1String("skipped: nothing changed")));

    // Twice on demand, back to back: every build of a blinded key has a larger counter.
    f->publisher->publishNow();
    f->publisher->publishNow();
    QTRY_VERIFY_WITH_TIMEOUT(built.count() >= builds + 2, 5000);
    QTest::qWait(1500);  // a same-second rebuild waits for the next second
    f->publisher->publishNow();
    QTRY_VERIFY_WITH_TIMEOUT(built.count() >= builds + 4, 5000);
    QMap<QByteArray, quint64> last;
    for (const auto& args : built) {
        const auto d = args.at(0).value<DescriptorPublication>();
        QVERIFY2(d.revisionCounter > last.value(d.blindedKey), "a blinded key was built with a non-increasing counter");
        last.insert(d.blindedKey, d.revisionCounter);
    }
}

void TestPublisher::lostNodeIsDroppedQuickly()
{
    auto f = makeFixture();
    QSignalSpy built(f->publisher.get(), &Publisher::descriptorBuilt);
    f->publisher->start();
    QTRY_VERIFY_WITH_TIMEOUT(f->publisher->replicaCriterionMet(), 10000);
    const int before = static_cast<int>(built.count());
    QElapsedTimer t;
    t.start();
    f->b->shutdown();  // n2's tor dies
    QTRY_VERIFY_WITH_TIMEOUT(built.count() >= before + 2, 3000);
    const qint64 reactMs = t.elapsed();
    qInfo("lost node: both descriptors rebuilt %lld ms after the connection dropped", reactMs);
    const PublicationState st = f->publisher->publication();
    QCOMPARE(st.first.introPointsByNode, (QMap<QString, int>{{QStringLiteral("n1"), 3}}));
    QCOMPARE(st.second.introPointsByNode, (QMap<QString, int>{{QStringLiteral("n1"), 3}}));
    QVERIFY2(st.lastDecision.contains(QLatin1String("node lost: n2")), qPrintable(st.lastDecision));
    QTRY_VERIFY_WITH_TIMEOUT(f->publisher->replicaCriterionMet(), 5000);
    QVERIFY(reactMs < 2000);
}

void TestPublisher::uploadRejectedRebuildsWithALargerCounter()
{
    auto f = makeFixture();
    // Every HSDir refuses the first upload it gets (as if it held a larger counter).
    for (int i = 0; i < 12; ++i) {
        const QString fp = QString::fromLatin1(rb::test::makeRelay(i, true).rsaId.toHex().toUpper());
        f->a->rejectTimes.insert(fp, 1);
        f->b->rejectTimes.insert(fp, 1);
    }
    QSignalSpy results(f->publisher.get(), &Publisher::uploadFinished);
    f->publisher->start();
    QTRY_VERIFY_WITH_TIMEOUT(f->publisher->hasConsensus(), 5000);
    const QList<UploadTarget> firstDirs = f->publisher->responsibleHsDirs(0);
    QVERIFY(!firstDirs.isEmpty());
    const QString victim = firstDirs.first().fingerprint;
    QTRY_VERIFY_WITH_TIMEOUT(f->publisher->uploadsSettled() && f->publisher->replicaCriterionMet(), 10000);
    // The refusal was seen, then the HSDir took a rebuilt descriptor.
    bool rejected = false;
    bool laterUploaded = false;
    for (const auto& args : results) {
        const auto r = args.at(1).value<UploadResult>();
        if (r.hsdirFingerprint != victim) {
            continue;
        }
        if (r.state == UploadState::Failed && r.reason == QLatin1String("UPLOAD_REJECTED")) {
            rejected = true;
        } else if (rejected && r.state == UploadState::Uploaded) {
            laterUploaded = true;
        }
    }
    QVERIFY(rejected);
    QTRY_VERIFY_WITH_TIMEOUT(laterUploaded || [&] {
        for (const UploadResult& u : f->publisher->publication().first.uploads + f->publisher->publication().second.uploads) {
            if (u.hsdirFingerprint == victim && u.state == UploadState::Uploaded) {
                return true;
            }
        }
        return false;
    }(), 8000);
    // The posts to the victim carry strictly increasing counters per blinded key.
    QMap<QByteArray, quint64> last;
    int toVictim = 0;
    for (const FakeTorNode::Post& p : allPosts(*f)) {
        if (!p.servers.contains(victim)) {
            continue;
        }
        ++toVictim;
        rb::descriptor::DecodeOptions o;
        auto d = rb::descriptor::DescriptorDecoder::decode(m_master->publicKey(), p.descriptor, o);
        QVERIFY(d.ok());
        QVERIFY(d->outer.revisionCounter > last.value(d->blindedKey));
        last.insert(d->blindedKey, d->outer.revisionCounter);
    }
    QVERIFY(toVictim >= 2);
}

void TestPublisher::silentHsDirTimesOutAndIsRetried()
{
    auto f = makeFixture();
    // The second descriptor's last HSDir, computed before anything is posted.
    auto c = rb::hsdir::Consensus::parse(m_consensus.text);
    QVERIFY(c.ok());
    QVERIFY(c->attachMicrodescriptors(m_consensus.microdescriptors).ok());
    auto tp = rb::hsdir::TimePeriod::fromConsensus(*c, false);
    QVERIFY(tp.ok());
    const auto plan = tp->second();
    const QList<rb::hsdir::Relay> dirs = rb::hsdir::HsDirRing(*c).responsibleForUpload(
        m_master->blindedPublicKey(plan.periodNumber, plan.periodLengthMinutes).value(), plan);
    QVERIFY(!dirs.isEmpty());
    const QString silent = dirs.last().fingerprintHex();
    f->a->uploadBehavior.insert(silent, FakeTorNode::UploadBehavior::Silent);
    f->b->uploadBehavior.insert(silent, FakeTorNode::UploadBehavior::Silent);
    QSignalSpy results(f->publisher.get(), &Publisher::uploadFinished);
    f->publisher->start();
    QTRY_VERIFY_WITH_TIMEOUT(f->publisher->hasConsensus(), 5000);
    QCOMPARE(f->publisher->responsibleHsDirs(1).last().fingerprint, silent);
    auto sawState = [&results, &silent](UploadState s) {
        for (const auto& args : results) {
            const auto r = args.at(1).value<UploadResult>();
            if (r.hsdirFingerprint == silent && r.state == s) {
                return true;
            }
        }
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(sawState(UploadState::TimedOut), 8000);
    // Everyone else answered: the criterion holds despite the silent HSDir.
    QTRY_VERIFY_WITH_TIMEOUT(f->publisher->replicaCriterionMet(), 5000);
    // The HSDir comes back: the retry (back-off 200 ms, 400 ms, ...) gets through.
    f->a->uploadBehavior.remove(silent);
    f->b->uploadBehavior.remove(silent);
    QTRY_VERIFY_WITH_TIMEOUT(sawState(UploadState::Uploaded), 8000);
    int attempts = 0;
    for (const UploadResult& u : f->publisher->publication().first.uploads + f->publisher->publication().second.uploads) {
        if (u.hsdirFingerprint == silent) {
            attempts = std::max(attempts, u.attempts);
        }
    }
    QVERIFY(attempts >= 2);
}

void TestPublisher::postingNodeThatStopsAnsweringFallsBack()
{
    PublisherSettings s = fastSettings();
    s.session.commandTimeoutMs = 500;
    auto f = makeFixture(s);
    f->a->neverAnswer.insert("+HSPOST");  // n1 takes the post and never replies
    QElapsedTimer t;
    t.start();
    f->publisher->start();
    QTRY_VERIFY_WITH_TIMEOUT(f->publisher->replicaCriterionMet(), 10000);
    QVERIFY(!f->b->posts.isEmpty());  // n2 carried the descriptors
    QVERIFY(f->a->connections >= 1);
    qInfo("published through the second node %lld ms after start", t.elapsed());
    QVERIFY(t.elapsed() < 10000);
}

void TestPublisher::autoPublishOffWaitsForTheOperator()
{
    PublisherSettings s = fastSettings();
    s.autoPublish = false;
    auto f = makeFixture(s);
    QSignalSpy pub(f->publisher.get(), &FleetBackend::publicationChanged);
    f->publisher->start();
    QTRY_VERIFY_WITH_TIMEOUT(f->publisher->publication().lastDecision.contains(QLatin1String("auto-publish is off")),
                             8000);
    QVERIFY(allPosts(*f).isEmpty());
    QVERIFY(!f->publisher->publication().autoPublish);
    f->publisher->publishNow();
    QTRY_VERIFY_WITH_TIMEOUT(f->publisher->replicaCriterionMet(), 8000);
    f->publisher->setAutoPublish(true);
    QVERIFY(pub.count() > 0);
    QVERIFY(f->publisher->publication().autoPublish);
}

void TestPublisher::misconfiguredNodeExcludedUnlessForced()
{
    for (const bool force : {false, true}) {
        PublisherSettings s = fastSettings();
        if (force) {
            s.forceInclude = {QStringLiteral("n2")};
        }
        auto f = makeFixture(s);
        f->b->hsOptions = {"HiddenServiceDir=" + m_hsDir.path().toLatin1()};  // no instance option
        f->publisher->start();
        QTRY_VERIFY_WITH_TIMEOUT(f->publisher->replicaCriterionMet(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(f->publisher->session(QStringLiteral("n2"))->health().configCheck ==
                                     ConfigCheck::Failed,
                                 5000);
        // Let the merge settle on both nodes' final state.
        f->publisher->evaluateNow();
        QTRY_VERIFY_WITH_TIMEOUT(f->publisher->uploadsSettled(), 5000);
        const PublicationState st = f->publisher->publication();
        QCOMPARE(st.first.introPointsByNode.value(QStringLiteral("n2")), force ? 3 : 0);
        const QStringList why = f->publisher->mergeExplanation();
        QVERIFY2(why.join(u'\n').contains(force ? QLatin1String("FORCED") : QLatin1String("n2: excluded")),
                 qPrintable(why.join(u'\n')));
    }
}

void TestPublisher::oneIntroPointPerRelay()
{
    // Two nodes whose intro points share relays: tor clients expect one intro
    // point per relay in a descriptor, so the merge keeps the first per relay.
    auto f = makeFixture();
    const QByteArray r1 = QByteArray(20, '\x01');
    const QByteArray r2 = QByteArray(20, '\x02');
    f->descA = rb::test::makeNodeDescriptor(*m_master, 20489, 3, 12345, {r1, r2});
    f->descB = rb::test::makeNodeDescriptor(*m_master, 20489, 3, 12345, {r1});
    setUpNode(*f->a, f->descA);
    setUpNode(*f->b, f->descB);
    f->publisher->start();
    QTRY_VERIFY_WITH_TIMEOUT(f->publisher->replicaCriterionMet(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(f->publisher->uploadsSettled(), 5000);
    const PublicationState st = f->publisher->publication();
    QCOMPARE(st.first.introPointCount, 5);  // 6 minus n2's intro point on relay r1
    QCOMPARE(st.first.introPointsByNode.value(QStringLiteral("n1")), 3);
    QCOMPARE(st.first.introPointsByNode.value(QStringLiteral("n2")), 2);
    auto d = rb::descriptor::DescriptorDecoder::decode(m_master->publicKey(), st.first.descriptorText, {});
    QVERIFY(d.ok());
    QSet<QByteArray> relays;
    for (const auto& ip : d->inner.introPoints) {
        QVERIFY(!relays.contains(ip.legacyId()));
        relays.insert(ip.legacyId());
    }
    QVERIFY(f->publisher->mergeExplanation().join(u'\n').contains(QLatin1String("1 intro point(s) left out")));

    // Both nodes on the same three relays: still both covered (n1: r1+r3, n2: r2).
    auto g = makeFixture();
    const QByteArray r3 = QByteArray(20, '\x03');
    g->descA = rb::test::makeNodeDescriptor(*m_master, 20489, 3, 12345, {r1, r2, r3});
    g->descB = rb::test::makeNodeDescriptor(*m_master, 20489, 3, 12345, {r1, r2, r3});
    setUpNode(*g->a, g->descA);
    setUpNode(*g->b, g->descB);
    g->publisher->start();
    QTRY_VERIFY_WITH_TIMEOUT(g->publisher->replicaCriterionMet(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(g->publisher->uploadsSettled(), 5000);
    const PublicationState gs = g->publisher->publication();
    QCOMPARE(gs.first.introPointCount, 3);
    QCOMPARE(gs.first.introPointsByNode.value(QStringLiteral("n1")), 2);
    QCOMPARE(gs.first.introPointsByNode.value(QStringLiteral("n2")), 1);
}

QTEST_GUILESS_MAIN(TestPublisher)
#include "TestPublisher.moc"
