// The remote publisher view: a status rendered by the real PublisherMetrics and
// parsed back (RemotePublisherStatus) fills the panel's descriptor and node
// tables (models under QAbstractItemModelTester, diff-based updates keep rows);
// connection problems show what to do; the dialog validates and remembers the
// SSH target and port (no secrets) and reports a failing tunnel.
#include "MainWindow.h"
#include "balancer/PublisherMetrics.h"
#include "balancer/RemotePublisherStatus.h"
#include "dialogs/RemotePublisherDialog.h"
#include "models/FleetText.h"
#include "models/RemotePublisherDescriptorsModel.h"
#include "models/RemotePublisherNodesModel.h"
#include "widgets/RemotePublisherPanel.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace rb;
using namespace rb::balancer;
using namespace rb::ui;

namespace {

const QString kMaster = QStringLiteral("pg6mmjiyjmcrsslvykfwnntlaru7p5svn6y2ymmju6nubxndf4pscryd.onion");
const QDateTime kNow = QDateTime::fromSecsSinceEpoch(1795000000, Qt::UTC);

NodeHealth node(const QString& name, bool up, bool configOk, int established, quint64 replay)
{
    NodeHealth n;
    n.name = name;
    n.connection = up ? ConnectionState::Connected : ConnectionState::Failed;
    n.configCheck = configOk ? ConfigCheck::Ok : ConfigCheck::Failed;
    n.introEstablished = established;
    n.introExpected = 3;
    n.intro2.replay = replay;
    return n;
}

RemotePublisherStatus status(int nodes, quint64 firstPublications)
{
    MetricsSnapshot s;
    s.master = kMaster;
    s.publications[0] = firstPublications;
    s.publications[1] = 2;
    s.lastUploaded[0] = kNow.addSecs(-300);
    s.revision[0] = 1000;
    s.revision[1] = 2000;
    s.introPoints[0] = 6;
    s.introPoints[1] = 0;
    s.introPointsByNode[0] = {{QStringLiteral("alpha"), 3}, {QStringLiteral("beta"), 3}};
    s.uploadCurrent = {
        {QStringLiteral("first"), QStringLiteral("AA"), QStringLiteral("a"), UploadState::Uploaded, 1},
        {QStringLiteral("first"), QStringLiteral("BB"), QStringLiteral("b"), UploadState::Uploaded, 1},
        {QStringLiteral("first"), QStringLiteral("CC"), QStringLiteral("c"), UploadState::Failed, 1},
        {QStringLiteral("second"), QStringLiteral("DD"), QStringLiteral("d"), UploadState::Pending, 1},
    };
    s.reloads = 1;
    const QList<NodeHealth> all{node(QStringLiteral("alpha"), true, true, 3, 0),
                                node(QStringLiteral("beta"), true, false, 3, 4),
                                node(QStringLiteral("gamma"), false, false, 0, 0)};
    s.nodes = all.mid(0, nodes);
    auto r = RemotePublisherStatus::parse(PublisherMetrics::render(s));
    if (!r.ok())
        qFatal("render/parse round trip failed: %s", qPrintable(r.error().toString()));
    RemotePublisherStatus st = r.value();
    st.fetchedAt = kNow;
    return st;
}

int rowOf(const QAbstractItemModel* m, const QString& key)
{
    for (int r = 0; r < m->rowCount(); ++r)
        if (m->index(r, 0).data(Qt::UserRole + 1).toString() == key)
            return r;
    return -1;
}

}  // namespace

class TestRemotePublisherPanel : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    void panelShowsTheStatus()
    {
        RemotePublisherPanel panel;
        QAbstractItemModelTester t1(panel.descriptorsModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t2(panel.nodesModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(panel.nodesModel()->rowCount(), 0);

        panel.setStatus(status(3, 7), kNow);
        QVERIFY(panel.masterText().contains(kMaster));
        QVERIFY2(panel.summaryText().contains(QLatin1String("Nodes up: 2 of 3")), qPrintable(panel.summaryText()));
        QVERIFY(panel.summaryText().contains(QLatin1String("2 of 4")));  // HSDirs holding the current build
        QVERIFY(panel.summaryText().contains(QLatin1String("reloads: 1")));

        const auto* d = panel.descriptorsModel();
        QCOMPARE(d->rowCount(), 2);
        const int first = rowOf(d, QStringLiteral("first"));
        const int second = rowOf(d, QStringLiteral("second"));
        QVERIFY(first >= 0 && second >= 0);
        QCOMPARE(d->index(first, RemotePublisherDescriptorsModel::Revision).data().toULongLong(), 1000ULL);
        QCOMPARE(d->index(first, RemotePublisherDescriptorsModel::IntroPoints).data().toInt(), 6);
        QCOMPARE(d->index(first, RemotePublisherDescriptorsModel::Publications).data().toULongLong(), 7ULL);
        QCOMPARE(d->index(first, RemotePublisherDescriptorsModel::LastSuccess).data().toString(),
                 QStringLiteral("5 min ago"));
        QCOMPARE(d->index(second, RemotePublisherDescriptorsModel::LastSuccess).data().toString(),
                 QStringLiteral("never"));
        QCOMPARE(d->index(first, RemotePublisherDescriptorsModel::HsDirs).data().toString(),
                 QStringLiteral("2 uploaded, 1 failed"));
        QCOMPARE(d->index(second, RemotePublisherDescriptorsModel::HsDirs).data().toString(),
                 QStringLiteral("1 pending"));
        // No intro points in a build is an error colour; a failed HSDir a warning.
        QCOMPARE(d->index(second, RemotePublisherDescriptorsModel::IntroPoints).data(Qt::ForegroundRole).value<QColor>(),
                 FleetText::color(StatusLevel::Error));
        QCOMPARE(d->index(first, RemotePublisherDescriptorsModel::HsDirs).data(Qt::ForegroundRole).value<QColor>(),
                 FleetText::color(StatusLevel::Warning));

        const auto* n = panel.nodesModel();
        QCOMPARE(n->rowCount(), 3);
        const int beta = rowOf(n, QStringLiteral("beta"));
        const int gamma = rowOf(n, QStringLiteral("gamma"));
        QCOMPARE(n->index(beta, RemotePublisherNodesModel::Up).data().toString(), QStringLiteral("Up"));
        QCOMPARE(n->index(beta, RemotePublisherNodesModel::Config).data().toString(), QStringLiteral("Not OK"));
        QCOMPARE(n->index(beta, RemotePublisherNodesModel::IntroPoints).data().toString(), QStringLiteral("3 / 3"));
        QCOMPARE(n->index(beta, RemotePublisherNodesModel::Published).data().toInt(), 3);
        QCOMPARE(n->index(beta, RemotePublisherNodesModel::Intro2Errors).data().toULongLong(), 4ULL);
        QVERIFY(n->index(beta, RemotePublisherNodesModel::Intro2Errors)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QLatin1String("Replay: 4")));
        QCOMPARE(n->index(gamma, RemotePublisherNodesModel::Up).data().toString(), QStringLiteral("Down"));
        QCOMPARE(n->index(gamma, RemotePublisherNodesModel::IntroPoints).data().toString(), QStringLiteral("0 / 3"));

        // A later poll: a node went away, figures changed; surviving rows keep their place.
        QPersistentModelIndex alphaRow(n->index(rowOf(n, QStringLiteral("alpha")), 0));
        QSignalSpy removed(n, &QAbstractItemModel::rowsRemoved);
        panel.setStatus(status(2, 8), kNow.addSecs(3600));
        QCOMPARE(n->rowCount(), 2);
        QCOMPARE(removed.count(), 1);
        QVERIFY(alphaRow.isValid());
        QCOMPARE(alphaRow.data().toString(), QStringLiteral("alpha"));
        QCOMPARE(d->index(first, RemotePublisherDescriptorsModel::Publications).data().toULongLong(), 8ULL);
        QCOMPARE(d->index(first, RemotePublisherDescriptorsModel::LastSuccess).data().toString(),
                 QStringLiteral("1 h ago"));

        panel.clear();
        QCOMPARE(n->rowCount(), 0);
        QCOMPARE(d->rowCount(), 0);
    }

    void ageTexts()
    {
        QCOMPARE(RemotePublisherDescriptorsModel::age({}, kNow), QStringLiteral("never"));
        QCOMPARE(RemotePublisherDescriptorsModel::age(kNow.addSecs(-42), kNow), QStringLiteral("42 s ago"));
        QCOMPARE(RemotePublisherDescriptorsModel::age(kNow.addSecs(-3 * 86400), kNow), QStringLiteral("3 d ago"));
        QCOMPARE(RemotePublisherDescriptorsModel::age(kNow.addSecs(10), kNow), QStringLiteral("0 s ago"));
    }

    void connectionProblemsSayWhatToDo()
    {
        using State = RemotePublisherPanel::State;
        using Problem = RemotePublisherPanel::Problem;
        RemotePublisherPanel panel;
        panel.show();
        QVERIFY(panel.problemText().isEmpty());
        QVERIFY(!panel.refreshButton()->isEnabled());

        panel.setConnection(State::NeedsOperator, Problem::HostKeyUnknown,
                            makeError(ErrorCode::NotReady, QStringLiteral("The SSH host key of srv is not known yet")));
        QVERIFY(panel.problemText().contains(QLatin1String("not known yet")));
        QVERIFY(panel.problemText().contains(QLatin1String("Review host key")));
        QVERIFY(panel.reviewHostKeyButton()->isVisible());
        QSignalSpy review(&panel, &RemotePublisherPanel::reviewHostKeyRequested);
        QTest::mouseClick(panel.reviewHostKeyButton(), Qt::LeftButton);
        QCOMPARE(review.count(), 1);

        panel.setConnection(State::Failed, Problem::Unreachable,
                            makeError(ErrorCode::Unavailable, QStringLiteral("Nothing answers"), QStringLiteral("d1")));
        QVERIFY(!panel.reviewHostKeyButton()->isVisible());
        QVERIFY(panel.problemText().contains(QLatin1String("--metrics-listen 127.0.0.1:PORT")));
        QVERIFY(panel.problemText().contains(QLatin1String("d1")));
        QVERIFY(panel.refreshButton()->isEnabled());
        QVERIFY(panel.connectionText().contains(QLatin1String("retrying")));

        panel.setConnection(State::NeedsOperator, Problem::HostKeyChanged, {});
        QVERIFY(panel.problemText().contains(QLatin1String("CHANGED")));
        QVERIFY(!panel.reviewHostKeyButton()->isVisible());  // a changed key is never accepted here

        panel.setConnection(State::Ok);
        QVERIFY(panel.problemText().isEmpty());
        QCOMPARE(panel.connectionText(), QStringLiteral("Connected"));

        // Every problem has advice.
        for (Problem p : {Problem::TunnelFailed, Problem::HostKeyUnknown, Problem::HostKeyChanged, Problem::AuthFailed,
                          Problem::Unreachable, Problem::HttpError, Problem::Timeout, Problem::NotAPublisher})
            QVERIFY(!RemotePublisherPanel::advice(p).isEmpty());
    }

    void dialogValidatesAndRemembersTargetAndPort()
    {
        QVERIFY(!RemotePublisherDialog::fetcherSettings(QString(), 9420, {}).ok());
        QVERIFY(!RemotePublisherDialog::fetcherSettings(QStringLiteral("-oProxyCommand=x"), 9420, {}).ok());
        QVERIFY(!RemotePublisherDialog::fetcherSettings(QStringLiteral("admin@srv"), 0, {}).ok());
        const auto ok = RemotePublisherDialog::fetcherSettings(QStringLiteral(" admin@srv:2222 "), 9555, {});
        QVERIFY(ok.ok());
        QCOMPARE(ok->target.toString(), QStringLiteral("admin@srv:2222"));
        QCOMPARE(ok->remotePort, quint16(9555));
        QCOMPARE(ok->remoteHost, QStringLiteral("127.0.0.1"));

        QTemporaryDir tmp;
        ssh::SshOptions opts;
        opts.configFile = QStringLiteral("/dev/null");  // never the operator's ssh config in a test
        opts.knownHostsFile = tmp.filePath(QStringLiteral("known_hosts"));
        opts.connectTimeoutSeconds = 5;
        {
            RemotePublisherDialog dialog(opts);
            QCOMPARE(dialog.portSpin()->value(), RemotePublisherDialog::kDefaultPort);
            QVERIFY(!dialog.connectToPublisher().ok());  // no target
            QVERIFY(!QSettings().contains(QLatin1String(RemotePublisherDialog::kTargetKey)));

            // Port 1 on loopback: ssh is refused at once -> a typed tunnel problem in the panel.
            dialog.targetEdit()->setText(QStringLiteral("nobody@127.0.0.1:1"));
            dialog.portSpin()->setValue(9433);
            QVERIFY(dialog.connectToPublisher().ok());
            QVERIFY(dialog.fetcher());
            QTRY_COMPARE_WITH_TIMEOUT(dialog.fetcher()->problem(), RemotePublisherFetcher::Problem::TunnelFailed,
                                      20000);
            QTRY_VERIFY_WITH_TIMEOUT(!dialog.panel()->problemText().isEmpty(), 5000);
            QVERIFY(dialog.panel()->problemText().contains(QLatin1String("ssh")));
            dialog.reject();  // closing stops polling and ssh
            QVERIFY(!dialog.fetcher());
        }
        QSettings settings;
        QCOMPARE(settings.value(QLatin1String(RemotePublisherDialog::kTargetKey)).toString(),
                 QStringLiteral("nobody@127.0.0.1:1"));
        QCOMPARE(settings.value(QLatin1String(RemotePublisherDialog::kPortKey)).toInt(), 9433);
        RemotePublisherDialog again(opts);
        QCOMPARE(again.targetEdit()->text(), QStringLiteral("nobody@127.0.0.1:1"));
        QCOMPARE(again.portSpin()->value(), 9433);
    }

    void fleetMenuOpensOneRemotePublisherWindow()
    {
        MainWindow window;
        auto* action = window.findChild<QAction*>(QStringLiteral("remotePublisherAction"));
        QVERIFY(action);
        QVERIFY(!action->text().isEmpty());
        action->trigger();
        auto* dialog = window.findChild<RemotePublisherDialog*>();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        QVERIFY(!dialog->isModal());
        action->trigger();  // the same window again, not a second one
        QCOMPARE(window.findChildren<RemotePublisherDialog*>().size(), 1);
        dialog->reject();
    }
};

QTEST_MAIN(TestRemotePublisherPanel)
#include "TestRemotePublisherPanel.moc"
