// "What the HSDirs hold" against what we published, with a fake HSFETCH
// transport and descriptors made by the core's builder: each HSDir's answer
// is judged correctly (our current revision, an older one, a newer one, a
// descriptor that is not ours, nothing, an error), the slot of another time
// period is not fetched, one HSDir at a time with progress, cancel stops it,
// a double-click hands the fetched descriptor to the inspector, and the main
// window's button goes through the configured transport. The model runs
// under QAbstractItemModelTester.
#include "MainWindow.h"
#include "balancer/FakeFleetBackend.h"
#include "descriptor/DescriptorBuilder.h"
#include "descriptor/DescriptorTestUtil.h"
#include "onion/OnionAddress.h"
#include "publishing/HsDirFetchModel.h"
#include "publishing/HsDirFetcher.h"
#include "publishing/HsFetchTransport.h"
#include "widgets/HsDirHoldingsPanel.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QTimer>

using namespace rb;
using rb::ui::HsDirFetcher;
using rb::ui::HsDirFetchModel;
using rb::ui::HsFetchAnswer;
using Holding = HsDirFetchModel::Holding;

Q_DECLARE_METATYPE(Holding)

namespace {

constexpr quint64 kPeriod = 20489;

struct Built {
    QByteArray text;
    QByteArray blinded;
};

QString g_address;

Built build(quint64 revision, quint64 period = kPeriod, int intros = 3)
{
    crypto::PublicKey pk;
    const crypto::SecretBuffer sk = descriptor::testutil::testIdentityExpanded(&pk);
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    descriptor::DescriptorBuildParams params;
    params.timePeriod = period;
    params.revisionCounter = revision;
    params.now = now;
    params.introPoints = descriptor::testutil::makeIntroPoints(intros, now);
    auto built = descriptor::DescriptorBuilder::build(sk, pk, params);
    if (!built.ok())
        qFatal("build failed: %s", qPrintable(built.error().toString()));
    g_address = onion::OnionAddress::fromPublicKey(QByteArray(pk)).value().toString();
    return Built{built->text, built->blindedPublicKey};
}

QString fp(int i)
{
    return QString(40, QLatin1Char(static_cast<char>('A' + i)));
}

class FakeTransport : public ui::HsFetchTransport {
public:
    QMap<QString, Result<HsFetchAnswer>> answers;  // by fingerprint; missing: never answers
    QStringList fetched;
    QStringList addresses;
    int inFlight = 0;
    int maxInFlight = 0;
    bool cancelled = false;

    QString via() const override { return QStringLiteral("node-0"); }
    void fetch(const QString& address, const QString& hsdir, std::function<void(Result<HsFetchAnswer>)> done) override
    {
        addresses << address;
        fetched << hsdir;
        ++inFlight;
        maxInFlight = std::max(maxInFlight, inFlight);
        if (!answers.contains(hsdir))
            return;
        const Result<HsFetchAnswer> answer = *answers.constFind(hsdir);
        QTimer::singleShot(0, this, [this, done, answer] {
            --inFlight;
            done(answer);
        });
    }
    void cancel() override { cancelled = true; }
};

HsFetchAnswer found(const QByteArray& body)
{
    HsFetchAnswer a;
    a.found = true;
    a.body = body;
    return a;
}

HsFetchAnswer refused(const QByteArray& reason)
{
    HsFetchAnswer a;
    a.reason = reason;
    return a;
}

}  // namespace

class TestHsDirFetch : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void judge_data();
    void judge();
    void panelFetchesEveryHsDir();
    void cancelStops();
    void mainWindowUsesTheTransport();

private:
    balancer::PublicationState publication(int firstHsDirs) const;
    Built m_current;
};

void TestHsDirFetch::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_current = build(10);
}

balancer::PublicationState TestHsDirFetch::publication(int firstHsDirs) const
{
    balancer::PublicationState s;
    s.currentPeriodNumber = kPeriod;
    s.first.which = QStringLiteral("first");
    s.first.periodNumber = kPeriod;
    s.first.periodLengthMinutes = 1440;
    s.first.blindedKey = m_current.blinded;
    s.first.revisionCounter = 10;
    s.first.introPointCount = 3;
    s.first.descriptorText = m_current.text;
    for (int i = 0; i < firstHsDirs; ++i)
        s.first.uploads.append(balancer::UploadResult{
            fp(i), QStringLiteral("hsdir%1").arg(i), balancer::UploadState::Uploaded, {}, 1, {}, {}});
    s.second.which = QStringLiteral("second");
    s.second.periodNumber = kPeriod + 1;
    s.second.revisionCounter = 10;
    s.second.introPointCount = 3;
    for (int i = 0; i < 2; ++i)
        s.second.uploads.append(balancer::UploadResult{
            fp(10 + i), QStringLiteral("next%1").arg(i), balancer::UploadState::Uploaded, {}, 1, {}, {}});
    return s;
}

void TestHsDirFetch::judge_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("reason");
    QTest::addColumn<Holding>("holding");
    QTest::addColumn<int>("revision");  // -1: none
    QTest::addColumn<int>("intros");    // -1: none
    QTest::newRow("our current revision") << build(10).text << QByteArray() << Holding::Current << 10 << 3;
    QTest::newRow("an older revision") << build(9, kPeriod, 2).text << QByteArray() << Holding::Older << 9 << 2;
    QTest::newRow("a newer revision") << build(11).text << QByteArray() << Holding::Newer << 11 << 3;
    QTest::newRow("another period's key") << build(10, kPeriod + 5).text << QByteArray() << Holding::Other << 10 << -1;
    QTest::newRow("garbage") << QByteArray("hs-descriptor 3\nnonsense\n") << QByteArray() << Holding::Error << -1 << -1;
    QTest::newRow("not found") << QByteArray() << QByteArray("NOT_FOUND") << Holding::Nothing << -1 << -1;
    QTest::newRow("query rejected") << QByteArray() << QByteArray("QUERY_REJECTED") << Holding::Error << -1 << -1;
}

void TestHsDirFetch::judge()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, reason);
    QFETCH(Holding, holding);
    QFETCH(int, revision);
    QFETCH(int, intros);
    HsDirFetchModel model;
    model.setPublication(publication(1));
    const auto& row = model.rowAt(0);
    const HsDirFetcher::Verdict v =
        reason.isEmpty() ? HsDirFetcher::judge(g_address, row, body) : HsDirFetcher::judgeRefusal(reason);
    QCOMPARE(v.holding, holding);
    QCOMPARE(v.revision.has_value(), revision >= 0);
    if (revision >= 0)
        QCOMPARE(*v.revision, static_cast<quint64>(revision));
    if (intros >= 0) {
        QVERIFY(v.introPoints.has_value());
        QCOMPARE(*v.introPoints, intros);
    }
    QVERIFY(!v.detail.isEmpty());
}

void TestHsDirFetch::panelFetchesEveryHsDir()
{
    ui::HsDirHoldingsPanel panel;
    QAbstractItemModelTester tester(panel.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    panel.setPublication(publication(5));
    HsDirFetchModel* model = panel.model();
    QCOMPARE(model->rowCount(), 7);
    QCOMPARE(model->count(Holding::NotFetchable), 2);  // the second descriptor: another period
    auto transport = std::make_unique<FakeTransport>();
    FakeTransport* t = transport.get();
    t->answers.insert(fp(0), found(m_current.text));
    t->answers.insert(fp(1), found(m_current.text));
    t->answers.insert(fp(2), found(build(7).text));
    t->answers.insert(fp(3), refused("NOT_FOUND"));
    t->answers.insert(fp(4), makeError(ErrorCode::Timeout, QStringLiteral("no answer")));
    QSignalSpy finished(&panel, &ui::HsDirHoldingsPanel::fetchFinished);
    panel.startFetch(std::move(transport), g_address);
    QVERIFY(panel.isFetching());
    QVERIFY(!panel.findChild<QPushButton*>(QStringLiteral("fetchHsDirsButton"))->isEnabled());
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.first().first().toBool(), false);
    QCOMPARE(t->maxInFlight, 1);
    QCOMPARE(t->addresses, QStringList(5, g_address));
    QCOMPARE(t->fetched, (QStringList{fp(0), fp(1), fp(2), fp(3), fp(4)}));
    QCOMPARE(model->rowAt(0).holding, Holding::Current);
    QCOMPARE(model->rowAt(1).holding, Holding::Current);
    QCOMPARE(model->rowAt(2).holding, Holding::Older);
    QCOMPARE(*model->rowAt(2).heldRevision, quint64{7});
    QCOMPARE(model->rowAt(3).holding, Holding::Nothing);
    QCOMPARE(model->rowAt(4).holding, Holding::Error);
    QCOMPARE(model->rowAt(4).detail, QStringLiteral("no answer"));
    QCOMPARE(model->rowAt(5).holding, Holding::NotFetchable);
    auto* progress = panel.findChild<QProgressBar*>(QStringLiteral("hsDirFetchProgress"));
    QCOMPARE(progress->maximum(), 5);
    QCOMPARE(progress->value(), 5);
    const QString status = panel.findChild<QLabel*>(QStringLiteral("hsDirFetchStatus"))->text();
    QVERIFY2(status.contains(QStringLiteral("2 current")) && status.contains(QStringLiteral("1 older")),
             qPrintable(status));
    QVERIFY(panel.findChild<QPushButton*>(QStringLiteral("fetchHsDirsButton"))->isEnabled());
    // The same publication again keeps the results; double-click inspects.
    panel.setPublication(publication(5));
    QCOMPARE(model->rowAt(0).holding, Holding::Current);
    auto* view = panel.findChild<QTableView*>(QStringLiteral("hsDirHoldingsView"));
    auto* proxy = qobject_cast<QSortFilterProxyModel*>(view->model());
    QSignalSpy inspect(&panel, &ui::HsDirHoldingsPanel::descriptorRequested);
    emit view->doubleClicked(proxy->mapFromSource(model->index(2, 0)));
    QCOMPARE(inspect.size(), 1);
    QCOMPARE(inspect.first().at(1).toString(), QStringLiteral("hsdir2"));
    QVERIFY(inspect.first().at(2).toByteArray().contains("revision-counter 7\n"));
    emit view->doubleClicked(proxy->mapFromSource(model->index(3, 0)));  // nothing held: nothing to inspect
    QCOMPARE(inspect.size(), 1);
}

void TestHsDirFetch::cancelStops()
{
    ui::HsDirHoldingsPanel panel;
    QAbstractItemModelTester tester(panel.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    panel.setPublication(publication(3));
    auto transport = std::make_unique<FakeTransport>();
    FakeTransport* t = transport.get();
    t->answers.insert(fp(0), found(m_current.text));  // fp(1) never answers
    QSignalSpy finished(&panel, &ui::HsDirHoldingsPanel::fetchFinished);
    panel.startFetch(std::move(transport), g_address);
    QTRY_COMPARE_WITH_TIMEOUT(t->fetched.size(), 2, 5000);
    QCOMPARE(panel.model()->rowAt(1).holding, Holding::Fetching);
    panel.findChild<QPushButton*>(QStringLiteral("cancelHsDirFetchButton"))->click();
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.first().first().toBool(), true);
    QVERIFY(t->cancelled);
    QCOMPARE(panel.model()->rowAt(0).holding, Holding::Current);
    QCOMPARE(panel.model()->rowAt(1).holding, Holding::NotFetched);
    QCOMPARE(panel.model()->rowAt(2).holding, Holding::NotFetched);
    QCOMPARE(t->fetched.size(), 2);
    QVERIFY(!panel.isFetching());
}

void TestHsDirFetch::mainWindowUsesTheTransport()
{
    balancer::FakeFleetBackend backend(nullptr, 5);
    backend.populate(3);
    backend.setPublication(publication(4));
    ui::MainWindow window;
    window.setBackend(&backend);
    // No Publisher behind the window and no transport: refused with a reason.
    auto* button = window.hsDirPanel()->findChild<QPushButton*>(QStringLiteral("fetchHsDirsButton"));
    button->click();
    QVERIFY(window.hsDirPanel()
                ->findChild<QLabel*>(QStringLiteral("hsDirFetchStatus"))
                ->text()
                .contains(QStringLiteral("No node is connected")));
    int made = 0;
    QStringList* seen = nullptr;
    window.setHsFetchTransportFactory([&made, &seen] {
        ++made;
        auto t = std::make_unique<FakeTransport>();
        for (int i = 0; i < 4; ++i)
            t->answers.insert(fp(i), refused("NOT_FOUND"));
        seen = &t->addresses;
        return std::unique_ptr<ui::HsFetchTransport>(std::move(t));
    });
    QSignalSpy finished(window.hsDirPanel(), &ui::HsDirHoldingsPanel::fetchFinished);
    button->click();
    QVERIFY(finished.wait(5000));
    QCOMPARE(made, 1);
    QVERIFY(seen != nullptr);
    QCOMPARE(*seen, QStringList(4, backend.master().address));  // the window's master address
    QCOMPARE(window.hsDirPanel()->model()->count(Holding::Nothing), 4);
}

QTEST_MAIN(TestHsDirFetch)
#include "TestHsDirFetch.moc"
