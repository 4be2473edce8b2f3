// The console's models: each passes QAbstractItemModelTester while being
// updated; the fleet table's diff-based update keeps the selection; the
// proxy sorts and filters; the event log stays bounded and filters by severity.
#include "balancer/FakeFleetBackend.h"
#include "models/EventLogFilterProxy.h"
#include "models/EventLogModel.h"
#include "models/FleetTableModel.h"
#include "models/IntroPointModel.h"
#include "models/UploadResultsModel.h"

#include <QAbstractItemModelTester>
#include <QItemSelectionModel>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTest>

using namespace rb::balancer;
using namespace rb::ui;

namespace {

QList<NodeHealth> fleet(int n, quint32 seed = 7)
{
    QRandomGenerator rng(seed);
    QList<NodeHealth> out;
    for (int i = 1; i <= n; ++i)
        out.append(FakeFleetBackend::makeNode(i, rng));
    return out;
}

QStringList namesInViewOrder(const QAbstractItemModel* m)
{
    QStringList out;
    for (int r = 0; r < m->rowCount(); ++r)
        out << m->index(r, FleetTableModel::Name).data().toString();
    return out;
}

}  // namespace

class TestUiModels : public QObject {
    Q_OBJECT
private slots:
    void fleetModelPassesTester();
    void diffUpdateTouchesOnlyChangedRows();
    void diffUpdateKeepsSelection();
    void upsertAndRemove();
    void proxySortsByRawValue();
    void proxyFilters();
    void introPointModelPassesTester();
    void uploadResultsFromPublication();
    void eventLogIsBounded();
    void eventLogSeverityFilter_data();
    void eventLogSeverityFilter();
    void eventLogNodeFilter();
    void backendStreamKeepsModelsConsistent();
};

void TestUiModels::fleetModelPassesTester()
{
    FleetTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setItems(fleet(5));
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(model.columnCount(), int(FleetTableModel::ColumnCount));
    auto next = fleet(8);
    next.removeAt(2);
    next[0].bootstrapPercent = 40;
    model.setItems(next);
    QCOMPARE(model.rowCount(), 7);
    model.setItems({});
    QCOMPARE(model.rowCount(), 0);
}

void TestUiModels::diffUpdateTouchesOnlyChangedRows()
{
    FleetTableModel model;
    auto nodes = fleet(4);
    model.setItems(nodes);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    nodes[1].intro2.couldNotGetKeysWarnings = 9;  // INTRO2 errors column only
    model.setItems(nodes);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(inserted.size(), 0);
    QCOMPARE(removed.size(), 0);
    QCOMPARE(changed.size(), 1);
    const auto topLeft = changed.at(0).at(0).value<QModelIndex>();
    const auto bottomRight = changed.at(0).at(1).value<QModelIndex>();
    QCOMPARE(topLeft.row(), 1);
    QCOMPARE(bottomRight.row(), 1);
    QCOMPARE(topLeft.column(), int(FleetTableModel::Intro2Errors));
    QCOMPARE(bottomRight.column(), int(FleetTableModel::Intro2Errors));
    QCOMPARE(model.index(1, FleetTableModel::Intro2Errors).data().toString(), QStringLiteral("9"));

    changed.clear();
    model.setItems(nodes);  // identical: no signal at all
    QCOMPARE(changed.size(), 0);
}

void TestUiModels::diffUpdateKeepsSelection()
{
    FleetTableModel model;
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setSortRole(FleetTableModel::SortRole);
    QTableView view;
    view.setModel(&proxy);
    view.setSortingEnabled(true);
    view.sortByColumn(FleetTableModel::Name, Qt::AscendingOrder);
    view.setSelectionBehavior(QAbstractItemView::SelectRows);
    view.resize(800, 120);  // only a few rows visible: scrolling matters
    auto nodes = fleet(30);
    model.setItems(nodes);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));

    // Select node-20 and scroll to it.
    const int row = int(namesInViewOrder(&proxy).indexOf(QStringLiteral("node-20")));
    QVERIFY(row >= 0);
    view.selectRow(row);
    view.scrollTo(proxy.index(row, 0));
    const int scroll = view.verticalScrollBar()->value();
    QVERIFY(scroll > 0);
    const QPersistentModelIndex current = view.currentIndex();

    // An update that changes the selected row, removes two rows above it,
    // adds three new nodes and changes others.
    auto next = nodes;
    next[19].introEstablished = 1;  // node-20 itself
    next[4].torVersion = QStringLiteral("0.4.9.12");
    next.removeAt(2);  // node-03
    next.removeAt(0);  // node-01
    QRandomGenerator rng(99);
    for (int i = 31; i <= 33; ++i)
        next.append(FakeFleetBackend::makeNode(i, rng));
    model.setItems(next);

    const auto selected = view.selectionModel()->selectedRows();
    QCOMPARE(selected.size(), 1);
    QCOMPARE(selected.first().data().toString(), QStringLiteral("node-20"));
    QVERIFY(current.isValid());
    QCOMPARE(current.data().toString(), QStringLiteral("node-20"));
    QCOMPARE(view.currentIndex().data().toString(), QStringLiteral("node-20"));
    QCOMPARE(proxy.index(selected.first().row(), FleetTableModel::IntroPoints).data().toString(),
             QStringLiteral("1/3"));
    // The view was not reset: it is still scrolled (two rows above went away).
    QVERIFY(view.verticalScrollBar()->value() > 0);
    QVERIFY(qAbs(view.verticalScrollBar()->value() - scroll) <= 2);
    QCOMPARE(model.rowCount(), 31);
}

void TestUiModels::upsertAndRemove()
{
    FleetTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto nodes = fleet(3);
    for (const auto& n : nodes)
        model.upsert(n);
    QCOMPARE(model.rowCount(), 3);
    nodes[2].connection = ConnectionState::Failed;
    model.upsert(nodes[2]);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.index(2, FleetTableModel::Connection).data(FleetTableModel::SortRole).toInt(),
             int(ConnectionState::Failed));
    QVERIFY(model.removeKey(QStringLiteral("node-02")));
    QVERIFY(!model.removeKey(QStringLiteral("node-02")));
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.rowOfKey(QStringLiteral("node-03")), 1);
    QVERIFY(model.node(QStringLiteral("node-03")) != nullptr);
    QVERIFY(model.node(QStringLiteral("node-02")) == nullptr);
}

void TestUiModels::proxySortsByRawValue()
{
    FleetTableModel model;
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setSortRole(FleetTableModel::SortRole);
    auto nodes = fleet(3);
    nodes[0].intro2.couldNotGetKeysWarnings = 100;  // "100" < "9" as text; 100 > 9 as a number
    nodes[1].intro2.couldNotGetKeysWarnings = 9;
    nodes[2].intro2.couldNotGetKeysWarnings = 20;
    model.setItems(nodes);
    proxy.sort(FleetTableModel::Intro2Errors, Qt::DescendingOrder);
    QCOMPARE(namesInViewOrder(&proxy),
             (QStringList{QStringLiteral("node-01"), QStringLiteral("node-03"), QStringLiteral("node-02")}));
}

void TestUiModels::proxyFilters()
{
    FleetTableModel model;
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setFilterKeyColumn(-1);
    proxy.setFilterCaseSensitivity(Qt::CaseInsensitive);
    auto nodes = fleet(4);
    nodes[3].torVersion = QStringLiteral("0.4.8.1");
    model.setItems(nodes);
    proxy.setFilterFixedString(QStringLiteral("0.4.8"));
    QCOMPARE(namesInViewOrder(&proxy), QStringList{QStringLiteral("node-04")});
    proxy.setFilterFixedString(QStringLiteral("NODE-0"));
    QCOMPARE(proxy.rowCount(), 4);
}

void TestUiModels::introPointModelPassesTester()
{
    IntroPointModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto nodes = fleet(1);
    auto ips = nodes[0].introPoints;
    model.setItems(ips);
    QCOMPARE(model.rowCount(), 3);
    ips[1].published = false;
    ips.removeAt(0);
    IntroPointInfo added;
    added.authKey = QByteArray(32, 'z');
    added.relayNickname = QStringLiteral("fresh");
    ips.append(added);
    model.setItems(ips);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.index(0, IntroPointModel::Published).data().toString(), QStringLiteral("Not published"));
    QCOMPARE(model.index(2, IntroPointModel::Relay).data().toString(), QStringLiteral("fresh"));
    QCOMPARE(model.index(2, 0).data(IntroPointModel::AuthKeyRole).toByteArray(), QByteArray(32, 'z'));
}

void TestUiModels::uploadResultsFromPublication()
{
    FakeFleetBackend backend;
    backend.populate(3);
    UploadResultsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto pub = backend.publication();
    model.setPublication(pub);
    QCOMPARE(model.rowCount(), pub.first.uploads.size() + pub.second.uploads.size());
    // A retry succeeded: the row changes in place.
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    pub.first.uploads[7].state = UploadState::Uploaded;
    pub.first.uploads[7].attempts = 3;
    model.setPublication(pub);
    QCOMPARE(inserted.size(), 0);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(model.index(7, UploadResultsModel::State).data().toString(), QStringLiteral("Uploaded"));
    QCOMPARE(model.index(7, UploadResultsModel::Attempts).data().toInt(), 3);
    QCOMPARE(model.index(8, UploadResultsModel::Descriptor).data().toString(), QStringLiteral("Second descriptor"));
}

void TestUiModels::eventLogIsBounded()
{
    EventLogModel model(nullptr, 100);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QDateTime t0 = QDateTime::currentDateTimeUtc();
    for (int i = 0; i < 250; ++i)
        model.append(QStringLiteral("n"), QStringLiteral("info"), QString::number(i), t0.addSecs(i));
    QVERIFY(model.rowCount() <= 100);
    QVERIFY(model.rowCount() >= 90);
    // Newest last, oldest dropped.
    QCOMPARE(model.index(model.rowCount() - 1, EventLogModel::Message).data().toString(), QStringLiteral("249"));
    QVERIFY(model.index(0, EventLogModel::Message).data().toString().toInt() > 100);
}

void TestUiModels::eventLogSeverityFilter_data()
{
    QTest::addColumn<int>("minimum");
    QTest::addColumn<int>("visible");
    QTest::newRow("debug shows all") << int(Severity::Debug) << 5;
    QTest::newRow("info") << int(Severity::Info) << 4;
    QTest::newRow("notice") << int(Severity::Notice) << 3;
    QTest::newRow("warn") << int(Severity::Warning) << 2;
    QTest::newRow("err") << int(Severity::Error) << 1;
}

void TestUiModels::eventLogSeverityFilter()
{
    QFETCH(int, minimum);
    QFETCH(int, visible);
    EventLogModel model;
    EventLogFilterProxy proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    for (const char* s : {"debug", "info", "notice", "warn", "err"})
        model.append(QStringLiteral("a"), QString::fromLatin1(s), QStringLiteral("m"), QDateTime::currentDateTimeUtc());
    proxy.setMinimumSeverity(static_cast<Severity>(minimum));
    QCOMPARE(proxy.rowCount(), visible);
    for (int r = 0; r < proxy.rowCount(); ++r)
        QVERIFY(proxy.index(r, 0).data(EventLogModel::SeverityRole).toInt() >= minimum);
}

void TestUiModels::eventLogNodeFilter()
{
    EventLogModel model;
    EventLogFilterProxy proxy;
    proxy.setSourceModel(&model);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    model.append(QStringLiteral("a"), QStringLiteral("warn"), QStringLiteral("from a"), now);
    model.append(QStringLiteral("b"), QStringLiteral("warn"), QStringLiteral("from b"), now);
    model.append(QString(), QStringLiteral("notice"), QStringLiteral("fleet"), now);
    proxy.setNode(QStringLiteral("a"), true);
    QCOMPARE(proxy.rowCount(), 2);
    proxy.setNode(QStringLiteral("a"), false);
    QCOMPARE(proxy.rowCount(), 1);
    QCOMPARE(proxy.index(0, EventLogModel::Message).data().toString(), QStringLiteral("from a"));
    proxy.setNode(QString());
    QCOMPARE(proxy.rowCount(), 3);
    proxy.setFilterFixedString(QStringLiteral("FROM B"));
    QCOMPARE(proxy.rowCount(), 1);
}

void TestUiModels::backendStreamKeepsModelsConsistent()
{
    // A simulated fleet streaming changes: the models stay valid throughout
    // (the testers check every signal) and end up equal to the backend.
    FakeFleetBackend backend(nullptr, 3);
    backend.populate(12);
    FleetTableModel fleetModel;
    EventLogModel events(nullptr, 50);
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&fleetModel);
    proxy.setSortRole(FleetTableModel::SortRole);
    proxy.setDynamicSortFilter(true);
    proxy.sort(FleetTableModel::Intro2Errors, Qt::DescendingOrder);
    QAbstractItemModelTester t1(&fleetModel, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t2(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t3(&events, QAbstractItemModelTester::FailureReportingMode::QtTest);
    connect(&backend, &FleetBackend::nodeChanged, &fleetModel, [&](const NodeHealth& n) { fleetModel.upsert(n); });
    connect(&backend, &FleetBackend::nodeRemoved, &fleetModel, [&](const QString& n) { fleetModel.removeKey(n); });
    connect(
        &backend, &FleetBackend::nodeEvent, &events,
        [&](const QString& n, const QString& s, const QString& m, const QDateTime& at) { events.append(n, s, m, at); });
    fleetModel.setItems(backend.nodes());
    for (int i = 0; i < 300; ++i) {
        backend.step();
        if (i == 100)
            backend.removeNode(QStringLiteral("node-05"));
    }
    const auto truth = backend.nodes();
    QCOMPARE(fleetModel.rowCount(), truth.size());
    for (const auto& n : truth) {
        const auto* shown = fleetModel.node(n.name);
        QVERIFY(shown != nullptr);
        QCOMPARE(shown->intro2.total(), n.intro2.total());
        QCOMPARE(shown->rendezvousCount, n.rendezvousCount);
    }
    QVERIFY(events.rowCount() <= 50);
}

QTEST_MAIN(TestUiModels)
#include "TestUiModels.moc"
