// The console's scripted scenario on a real private Tor network, under Xvfb:
//
//  1. A lab with 3 onion-service nodes: node0 and node1 run the master
//     identity (shared-identity configuration), node2 its own identity. The
//     MainWindow runs on the REAL Publisher (built the console's way from the
//     lab's lab.json). node0/node1 turn green, both merged descriptors reach
//     HSDirs with their intro points; node2 is flagged (not the master's
//     identity, not published). Screenshots: main window, node detail, INTRO2
//     diagnosis, publishing panel, descriptor inspector.
//  2. node0's tor is killed: its row turns red and the next published
//     descriptors no longer carry its intro points (PublicationState); it is
//     restarted: green again and re-included.
//  3. "Deploy": the master identity is deployed onto node2 with core/deploy's
//     Deployer over SSH (a real sshd on 127.0.0.1, tests/ssh/SshdFixture),
//     progress and Cancel in the window's task strip; tor is restarted with
//     the instance option, node2's check passes and its intro points join
//     the published descriptors.
//
// Every step is asserted with QTRY_* and bounded timeouts. Without an X
// display (DISPLAY / RB_XVFB_DISPLAY, set by scripts/test.sh) the test skips.
// Screenshots go to <build>/screenshots/gui/; with RB_UPDATE_SCREENSHOTS=1 the
// main ones are also copied into docs/screenshots/.
#include "ConsoleController.h"
#include "LabLauncher.h"
#include "MainWindow.h"
#include "SshdFixture.h"
#include "balancer/Publisher.h"
#include "deploy/Deployer.h"
#include "lab/LabNetwork.h"
#include "models/FleetTableModel.h"
#include "models/FleetText.h"
#include "widgets/DescriptorInspector.h"
#include "widgets/TaskProgressBar.h"

#include <QApplication>
#include <QDialog>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QTest>

#include <optional>
#include <unistd.h>

using namespace rb;
using rb::balancer::ConnectionState;
using rb::balancer::ConfigCheck;
using rb::balancer::PublicationState;
using rb::balancer::UploadState;
using rb::ui::FleetTableModel;
using rb::ui::FleetText;
using rb::ui::StatusLevel;

namespace {

bool g_haveDisplay = false;

// Nodes whose intro points are in a published descriptor (its owner map).
QSet<QString> owners(const rb::balancer::DescriptorPublication& d)
{
    QSet<QString> out;
    for (const QString& n : d.introPointOwner)
        out.insert(n);
    return out;
}

bool uploadedSomewhere(const rb::balancer::DescriptorPublication& d)
{
    for (const auto& u : d.uploads) {
        if (u.state == UploadState::Uploaded && u.at >= d.builtAt)  // this build, not an earlier one
            return true;
    }
    return false;
}

// Both slots built after `since` with at least one HSDir accepting each.
bool publishedSince(const PublicationState& s, const QDateTime& since)
{
    return s.first.builtAt > since && s.second.builtAt > since && uploadedSomewhere(s.first) &&
           uploadedSomewhere(s.second) && s.first.introPointCount > 0 && s.second.introPointCount > 0;
}

QString describe(const PublicationState& s)
{
    auto one = [](const rb::balancer::DescriptorPublication& d) {
        int up = 0;
        for (const auto& u : d.uploads)
            up += u.state == UploadState::Uploaded ? 1 : 0;
        return QStringLiteral("%1: period %2 rev %3, %4 intro points from [%5], built %6, %7/%8 uploaded")
            .arg(d.which)
            .arg(d.periodNumber)
            .arg(d.revisionCounter)
            .arg(d.introPointCount)
            .arg(QStringList(owners(d).values()).join(QLatin1Char(',')))
            .arg(d.builtAt.toString(Qt::ISODate))
            .arg(up)
            .arg(d.uploads.size());
    };
    return one(s.first) + QStringLiteral("; ") + one(s.second) + QStringLiteral("; decision: ") + s.lastDecision;
}

}  // namespace

class TestLabScenario : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void nodesGreenAndPublished();
    void killedNodeDropsOutAndComesBack();
    void deployOwnIdentityNode();
    void cleanup();
    void cleanupTestCase();

private:
    QString rowText(const QString& node) const;
    StatusLevel connectionLevel(const QString& node) const;
    QColor nameColor(const QString& node) const;
    void screenshot(QWidget* widget, const QString& name, bool forDocs);
    void showTab(const QString& objectName);

    QTemporaryDir m_keyDir;
    QTemporaryDir m_shots;
    QString m_shotDir;
    std::optional<onion::MasterIdentity> m_identity;
    rb::lab::LabNetwork m_lab;
    std::unique_ptr<balancer::Publisher> m_publisher;
    std::unique_ptr<ui::MainWindow> m_window;
    bool m_deployable = false;
};

void TestLabScenario::initTestCase()
{
    if (!g_haveDisplay)
        QSKIP("No X display: set DISPLAY or RB_XVFB_DISPLAY (scripts/test.sh starts Xvfb)");
    QCOMPARE(QGuiApplication::platformName(), QStringLiteral("xcb"));
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("RustBalanceTest"));
    QCoreApplication::setApplicationName(QStringLiteral("test_gui_lab_scenario"));
    QSettings().clear();
    m_shotDir = QStringLiteral(RB_BINARY_DIR "/screenshots/gui");
    QVERIFY(QDir().mkpath(m_shotDir));

    QVERIFY(m_keyDir.isValid());
    auto id = onion::MasterIdentity::generate();
    QVERIFY(id.ok());
    QVERIFY(id->exportTorFiles(m_keyDir.path()).ok());
    m_identity.emplace(std::move(id.value()));

    m_deployable = SshdFixture::sshdAvailable();
    rb::lab::LabNetwork::Options o;
    o.nodes = 3;
    o.masterKeyDir = m_keyDir.path();
    o.nodeOpts = {QStringLiteral("2:own-key")};
    const Status st = m_lab.start(o);
    QVERIFY2(st.ok(), qPrintable(st.ok() ? QString() : st.error().toString() + m_lab.lastOutput()));
    qInfo("lab ready in %.1f s: %s", m_lab.readySeconds(), qPrintable(m_lab.dir()));

    // The console's own way from lab.json to a publisher.
    auto info = console::LabInfo::load(m_lab.labJsonPath());
    QVERIFY(info.ok());
    QCOMPARE(info->services.size(), 3);
    QCOMPARE(info->services.at(2).mode, QStringLiteral("plain"));
    auto copy = onion::MasterIdentity::importFile(m_keyDir.path());
    QVERIFY(copy.ok());
    auto publisher = console::ConsoleController::publisherForLab(info.value(), std::move(copy.value()),
                                                                 console::ConsoleController::labPublisherSettings());
    QVERIFY(publisher.ok());
    m_publisher = std::move(publisher.value());
    m_publisher->session(QStringLiteral("node2"))->setDeployState(QStringLiteral("not deployed"));

    m_window = std::make_unique<ui::MainWindow>();
    m_window->setLabKey(true);
    m_window->setNotice(QStringLiteral("Lab network in %1 — 3 onion-service nodes; node2 runs its own identity until "
                                       "the master identity is deployed to it.")
                            .arg(m_lab.dir()));
    m_window->setBackend(m_publisher.get());
    m_publisher->start();
    m_window->resize(1400, 900);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

QString TestLabScenario::rowText(const QString& node) const
{
    const auto* n = m_window->fleetModel()->node(node);
    if (n == nullptr)
        return QStringLiteral("%1: no row").arg(node);
    return QStringLiteral("%1: %2 (%3), config %4, descriptor ready %5, intro %6/%7")
        .arg(node, FleetText::connection(n->connection), n->connectionDetail)
        .arg(static_cast<int>(n->configCheck))
        .arg(n->descriptorReady)
        .arg(n->introEstablished)
        .arg(n->introExpected);
}

StatusLevel TestLabScenario::connectionLevel(const QString& node) const
{
    const auto* n = m_window->fleetModel()->node(node);
    return n == nullptr ? StatusLevel::Inactive : FleetText::connectionLevel(n->connection);
}

QColor TestLabScenario::nameColor(const QString& node) const
{
    const int row = m_window->fleetModel()->rowOfKey(node);
    return m_window->fleetModel()->index(row, FleetTableModel::Name).data(Qt::ForegroundRole).value<QColor>();
}

void TestLabScenario::screenshot(QWidget* widget, const QString& name, bool forDocs)
{
    QTest::qWait(300);  // let pending repaints land
    const QImage image = widget->grab().toImage();
    QVERIFY(!image.isNull());
    const QString path = m_shotDir + QLatin1Char('/') + name + QStringLiteral(".png");
    QVERIFY2(image.save(path), qPrintable(path));
    qInfo("screenshot %s", qPrintable(path));
    if (forDocs && qEnvironmentVariable("RB_UPDATE_SCREENSHOTS") == QLatin1String("1")) {
        const QString docs = QStringLiteral(RB_SOURCE_DIR "/docs/screenshots/") + name + QStringLiteral(".png");
        QDir().mkpath(QStringLiteral(RB_SOURCE_DIR "/docs/screenshots"));
        QVERIFY(image.save(docs));
    }
}

void TestLabScenario::showTab(const QString& objectName)
{
    auto* tabs = m_window->findChild<QTabWidget*>(QStringLiteral("detailTabs"));
    for (int i = 0; i < tabs->count(); ++i) {
        if (tabs->widget(i)->objectName() == objectName)
            tabs->setCurrentIndex(i);
    }
    QTRY_COMPARE(tabs->currentWidget()->objectName(), objectName);
}

void TestLabScenario::nodesGreenAndPublished()
{
    const QDateTime start = QDateTime::currentDateTimeUtc().addSecs(-1);
    // Shared-identity nodes: connected (green), configuration check passed, a ready descriptor.
    for (const QString& node : {QStringLiteral("node0"), QStringLiteral("node1")}) {
        QTRY_VERIFY2_WITH_TIMEOUT(connectionLevel(node) == StatusLevel::Ok &&
                                      m_window->fleetModel()->node(node)->configCheck == ConfigCheck::Ok &&
                                      m_window->fleetModel()->node(node)->descriptorReady,
                                  qPrintable(rowText(node)), 180000);
    }
    // node2 (own identity): connected but flagged, never published.
    QTRY_VERIFY2_WITH_TIMEOUT(m_window->fleetModel()->node(QStringLiteral("node2"))->configCheck == ConfigCheck::Failed,
                              qPrintable(rowText(QStringLiteral("node2"))), 120000);

    // Both merged descriptors published, each carrying node0's and node1's intro points.
    QTRY_VERIFY2_WITH_TIMEOUT(publishedSince(m_publisher->publication(), start) &&
                                  owners(m_publisher->publication().first).contains(QStringLiteral("node0")) &&
                                  owners(m_publisher->publication().first).contains(QStringLiteral("node1")) &&
                                  owners(m_publisher->publication().second).contains(QStringLiteral("node0")) &&
                                  owners(m_publisher->publication().second).contains(QStringLiteral("node1")),
                              qPrintable(describe(m_publisher->publication())), 300000);
    QVERIFY(!owners(m_publisher->publication().first).contains(QStringLiteral("node2")));
    qInfo("published: %s", qPrintable(describe(m_publisher->publication())));

    // Screenshots of what the operator sees.
    m_window->selectNode(QStringLiteral("node0"));
    showTab(QStringLiteral("nodeDetail"));
    screenshot(m_window.get(), QStringLiteral("main-window"), true);
    screenshot(m_window->findChild<QWidget*>(QStringLiteral("nodeDetail")), QStringLiteral("node-detail"), true);
    m_window->selectNode(QStringLiteral("node2"));
    showTab(QStringLiteral("intro2Diagnostics"));
    screenshot(m_window.get(), QStringLiteral("intro2-diagnosis"), true);
    m_window->selectNode(QStringLiteral("node0"));
    showTab(QStringLiteral("publishingPanel"));
    screenshot(m_window.get(), QStringLiteral("publishing-panel"), true);

    // The inspector on the published first descriptor: decodes and verifies it.
    auto* inspect = m_window->findChild<QPushButton*>(QStringLiteral("firstInspectButton"));
    QVERIFY(inspect);
    QTRY_VERIFY(inspect->isEnabled());
    inspect->click();
    QDialog* dialog = nullptr;
    QTRY_VERIFY((dialog = m_window->findChild<QDialog*>(QStringLiteral("inspectorDialog"))) != nullptr);
    auto* inspector = dialog->findChild<ui::DescriptorInspector*>();
    QVERIFY(inspector);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    QTRY_VERIFY_WITH_TIMEOUT(!inspector->busy() && !inspector->summary().isEmpty(), 30000);
    qInfo("inspector: %s", qPrintable(inspector->summary()));
    const auto introItems = inspector->tree()->findItems(QStringLiteral("Intro points"), Qt::MatchExactly | Qt::MatchRecursive);
    QCOMPARE(introItems.size(), 1);
    QCOMPARE(introItems.first()->childCount(), m_publisher->publication().first.introPointCount);
    inspector->tree()->expandItem(introItems.first());
    screenshot(dialog, QStringLiteral("descriptor-inspector"), true);
    dialog->close();
}

void TestLabScenario::killedNodeDropsOutAndComesBack()
{
    const PublicationState before = m_publisher->publication();
    QVERIFY2(owners(before.first).contains(QStringLiteral("node0")), qPrintable(describe(before)));
    QVERIFY(connectionLevel(QStringLiteral("node0")) == StatusLevel::Ok);

    const QDateTime killedAt = QDateTime::currentDateTimeUtc();
    QVERIFY(m_lab.stopNode(0).ok());
    // The row turns red.
    QTRY_VERIFY2_WITH_TIMEOUT(connectionLevel(QStringLiteral("node0")) == StatusLevel::Error,
                              qPrintable(rowText(QStringLiteral("node0"))), 30000);
    QCOMPARE(nameColor(QStringLiteral("node0")), FleetText::color(StatusLevel::Error));
    // The next published descriptors drop its intro points (and keep node1's).
    QTRY_VERIFY2_WITH_TIMEOUT(publishedSince(m_publisher->publication(), killedAt) &&
                                  !owners(m_publisher->publication().first).contains(QStringLiteral("node0")) &&
                                  !owners(m_publisher->publication().second).contains(QStringLiteral("node0")) &&
                                  owners(m_publisher->publication().first).contains(QStringLiteral("node1")),
                              qPrintable(describe(m_publisher->publication())), 180000);
    qInfo("node0 dropped after %lld s: %s", static_cast<long long>(killedAt.secsTo(QDateTime::currentDateTimeUtc())),
          qPrintable(describe(m_publisher->publication())));
    // node0's row red, the publishing panel with node1's intro points only.
    m_window->selectNode(QStringLiteral("node1"));
    showTab(QStringLiteral("publishingPanel"));
    screenshot(m_window.get(), QStringLiteral("node-down"), true);

    // Back: green again and re-included.
    const QDateTime restartedAt = QDateTime::currentDateTimeUtc();
    QVERIFY(m_lab.startNode(0).ok());
    QTRY_VERIFY2_WITH_TIMEOUT(connectionLevel(QStringLiteral("node0")) == StatusLevel::Ok,
                              qPrintable(rowText(QStringLiteral("node0"))), 120000);
    QVERIFY(!nameColor(QStringLiteral("node0")).isValid());
    QTRY_VERIFY2_WITH_TIMEOUT(publishedSince(m_publisher->publication(), restartedAt) &&
                                  owners(m_publisher->publication().first).contains(QStringLiteral("node0")) &&
                                  owners(m_publisher->publication().second).contains(QStringLiteral("node0")),
                              qPrintable(describe(m_publisher->publication())), 300000);
    qInfo("node0 re-included after %lld s", static_cast<long long>(restartedAt.secsTo(QDateTime::currentDateTimeUtc())));
}

void TestLabScenario::deployOwnIdentityNode()
{
    if (!m_deployable)
        QSKIP("/usr/sbin/sshd not installed: the deployer works over SSH only");
    SshdFixture sshd;
    QString error;
    QVERIFY2(sshd.start(&error), qPrintable(error));
    QVERIFY2(sshd.trustHostKey(&error), qPrintable(error));

    const rb::lab::TorNode node = m_lab.service(2);
    QVERIFY(!owners(m_publisher->publication().first).contains(QStringLiteral("node2")));
    fleet::NodeConfig config;
    config.name = QStringLiteral("node2");
    config.sshTarget = sshd.target().toString();
    config.controlEndpoint = QStringLiteral("127.0.0.1:%1").arg(node.controlPort);
    config.auth = fleet::AuthMethod::SafeCookie;
    config.cookieFile = node.cookiePath;
    config.hiddenServiceDir = node.hsDir;
    config.torUser = QString::fromLocal8Bit(qgetenv("USER"));
    if (config.torUser.isEmpty())
        config.torUser = ::geteuid() == 0 ? QStringLiteral("root") : QString();
    QVERIFY(!config.torUser.isEmpty());
    config.ports = {fleet::PortMapping{80, QStringLiteral("127.0.0.1:%1").arg(node.backendPort)}};
    deploy::DeploySettings settings;
    settings.torrcPath = node.torrc;
    settings.restart = deploy::RestartStrategy::fromPidFile(
        node.pidFile, node.torrc, QFileInfo(node.dataDir).path() + QStringLiteral("/empty-torrc"));
    settings.verifyTimeoutSeconds = 240;
    auto master = onion::MasterIdentity::importFile(m_keyDir.path());
    QVERIFY(master.ok());

    // The deployment as the console shows it: progress and Cancel in the task strip.
    deploy::Deployer deployer(config, settings, sshd.options());
    auto* bar = m_window->taskBar();
    bool finished = false;
    bool succeeded = false;
    connect(&deployer, &deploy::Deployer::stepStarted, bar,
            [bar](deploy::Deployer::Step, const QString& description, int percent) {
                bar->setProgress(description, percent);
            });
    connect(bar, &ui::TaskProgressBar::cancelRequested, &deployer, &deploy::Deployer::cancel);
    connect(&deployer, &deploy::Deployer::finished, this, [&](bool ok) {
        finished = true;
        succeeded = ok;
        bar->finish(ok ? QStringLiteral("node2 now runs the master identity")
                       : QStringLiteral("Deployment failed: ") + deployer.report().error.message,
                    ok);
    });
    bar->begin(QStringLiteral("Deploying the master identity to node2"), true);
    m_publisher->session(QStringLiteral("node2"))->setDeployState(QStringLiteral("deploying…"));
    const QDateTime deployedAt = QDateTime::currentDateTimeUtc();
    const Status started = deployer.deploy(std::move(master.value()));
    QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().toString()));
    QTRY_VERIFY_WITH_TIMEOUT(bar->percent() > 0, 60000);
    screenshot(m_window.get(), QStringLiteral("deploying"), false);
    QTRY_VERIFY_WITH_TIMEOUT(finished, 400000);
    QVERIFY2(succeeded, QByteArray(QJsonDocument(deployer.report().toJson()).toJson() + "\nsshd log:\n" + sshd.log())
                            .constData());
    m_publisher->session(QStringLiteral("node2"))->setDeployState(QStringLiteral("deployed"));
    m_window->setNotice(QStringLiteral("Lab network in %1 — 3 onion-service nodes; the master identity was deployed to "
                                       "node2 over SSH (backup, key files, torrc, restart, verified).")
                            .arg(m_lab.dir()));
    qInfo("deployed in %.1f s", static_cast<double>(deployer.report().elapsedMs) / 1000.0);

    // A new tor process with the master identity: the session reconnects, the check passes, it is published.
    m_publisher->reconnectNode(QStringLiteral("node2"));
    QTRY_VERIFY2_WITH_TIMEOUT(connectionLevel(QStringLiteral("node2")) == StatusLevel::Ok &&
                                  m_window->fleetModel()->node(QStringLiteral("node2"))->configCheck == ConfigCheck::Ok,
                              qPrintable(rowText(QStringLiteral("node2"))), 240000);
    QTRY_VERIFY2_WITH_TIMEOUT(publishedSince(m_publisher->publication(), deployedAt) &&
                                  owners(m_publisher->publication().first).contains(QStringLiteral("node2")) &&
                                  owners(m_publisher->publication().second).contains(QStringLiteral("node2")),
                              qPrintable(describe(m_publisher->publication())), 300000);
    m_window->selectNode(QStringLiteral("node2"));
    showTab(QStringLiteral("nodeDetail"));
    screenshot(m_window.get(), QStringLiteral("deployed"), true);
    (void)m_lab.reload();  // node2's pid changed
}

void TestLabScenario::cleanup()
{
    if (QTest::currentTestFailed()) {
        m_lab.setKeepLogs(true);
        if (m_window)
            screenshot(m_window.get(), QStringLiteral("failure-") + QString::fromLatin1(QTest::currentTestFunction()),
                       false);
    }
}

void TestLabScenario::cleanupTestCase()
{
    if (m_publisher)
        m_publisher->stop();
    m_window.reset();
    m_publisher.reset();
    (void)m_lab.stop(m_lab.keepLogs());
}

int main(int argc, char* argv[])
{
    // A real X server (Xvfb) for the screenshots; rb_add_qtest's default is offscreen.
    QByteArray display = qgetenv("RB_XVFB_DISPLAY");
    if (display.isEmpty())
        display = qgetenv("DISPLAY");
    g_haveDisplay = !display.isEmpty();
    if (g_haveDisplay) {
        qputenv("DISPLAY", display);
        qputenv("QT_QPA_PLATFORM", "xcb");
    }
    QApplication app(argc, argv);
    TestLabScenario test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "TestLabScenario.moc"
