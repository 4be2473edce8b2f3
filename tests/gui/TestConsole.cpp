// The console's start-up pieces without a lab network: lab.json and the
// script's progress lines are understood; the publisher is built on the lab's
// nodes and on a configured fleet (nodes behind a real SSH hop are named in
// the window's notice, never silently dropped); the task strip shows progress
// and forwards Cancel; the lab key is labelled; a lost node reads red; the
// window follows a dark palette; keyboard shortcuts move between areas; and
// the real binary prints its usage without a display and, with --no-lab,
// shows the empty console and exits cleanly on SIGTERM.
#include "ConsoleController.h"
#include "LabLauncher.h"
#include "LabMasterKey.h"
#include "MainWindow.h"
#include "balancer/FakeFleetBackend.h"
#include "models/FleetTableModel.h"
#include "models/FleetText.h"
#include "secrets/ISecretStore.h"
#include "secrets/MemorySecretStore.h"
#include "widgets/MasterHeader.h"
#include "widgets/TaskProgressBar.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStyleFactory>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace rb;
using namespace rb::console;
using rb::balancer::ConnectionState;
using rb::balancer::NodeHealth;
using rb::ui::MainWindow;

namespace {

QByteArray sampleLabJson(const QString& dir)
{
    return QStringLiteral(R"({"schema":1,"dir":"%1","state":"up","voting_interval":20,"ready_seconds":41.5,
"master_onion_address":"x.onion","tors":[
 {"role":"authority","index":0,"nickname":"auth0","control_port":7000},
 {"role":"service","index":1,"nickname":"node1","control_port":7102,"cookie_path":"%1/node1/control_auth_cookie",
  "metrics_port":7202,"hs_dir":"%1/node1/hs","onion_address":"b.onion","mode":"instance","pid":42},
 {"role":"service","index":0,"nickname":"node0","control_port":7101,"cookie_path":"%1/node0/control_auth_cookie",
  "metrics_port":null,"hs_dir":"%1/node0/hs","onion_address":"a.onion","mode":"instance","pid":41},
 {"role":"client","index":0,"nickname":"client0","control_port":7300}]})")
        .arg(dir)
        .toUtf8();
}

double luminance(const QColor& c)
{
    return 0.2126 * c.redF() + 0.7152 * c.greenF() + 0.0722 * c.blueF();
}

// Mean luminance of an image (sampled).
double meanLuminance(const QImage& image)
{
    double sum = 0;
    int n = 0;
    for (int y = 0; y < image.height(); y += 4) {
        for (int x = 0; x < image.width(); x += 4) {
            sum += luminance(image.pixelColor(x, y));
            ++n;
        }
    }
    return n == 0 ? 0 : sum / n;
}

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2b, 0x2b);
    const QColor base(0x1e, 0x1e, 0x1e);
    const QColor text(0xe6, 0xe6, 0xe6);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::Highlight, QColor(0x3d, 0x6e, 0xb4));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::PlaceholderText, QColor(0x90, 0x90, 0x90));
    return p;
}

QString consoleBinary()
{
    return QStringLiteral(RB_CONSOLE_BIN);
}

QProcessEnvironment isolatedEnvironment(const QTemporaryDir& home)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    env.insert(QStringLiteral("HOME"), home.path());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), home.filePath(QStringLiteral("run")));
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    QDir(home.path()).mkpath(QStringLiteral("run"));
    QFile::setPermissions(home.filePath(QStringLiteral("run")),
                          QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    return env;
}

}  // namespace

class TestConsole : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void labJsonIsParsed();
    void labJsonErrors();
    void progressLines_data();
    void progressLines();
    void labKeyIsCreatedOnceAndReused();
    void publisherForLabAddsEveryServiceNode();
    void fleetEndpointsTunnelSshNodes();
    void controllerAttachesFleetWithKeychainKey();
    void controllerReportsFleetWithoutIdentity();
    void taskBarShowsProgressAndForwardsCancel();
    void labKeyIsLabelled();
    void lostNodeReadsRed();
    void darkPaletteIsRespected();
    void keyboardNavigation();
    void helpPrintsUsageWithoutDisplay();
    void noLabShowsEmptyConsoleAndExitsOnSigterm();
};

void TestConsole::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("RustBalanceTest"));
    QCoreApplication::setApplicationName(QStringLiteral("test_gui_console"));
    QSettings().clear();
}

void TestConsole::labJsonIsParsed()
{
    auto info = LabInfo::fromJson(sampleLabJson(QStringLiteral("/tmp/lab")));
    QVERIFY2(info.ok(), qPrintable(info.ok() ? QString() : info.error().message));
    QCOMPARE(info->dir, QStringLiteral("/tmp/lab"));
    QCOMPARE(info->state, QStringLiteral("up"));
    QCOMPARE(info->votingInterval, 20);
    QCOMPARE(info->services.size(), 2);  // authority and client left out
    QCOMPARE(info->services.at(0).nickname, QStringLiteral("node0"));  // sorted by index
    QCOMPARE(info->services.at(0).controlPort, quint16(7101));
    QCOMPARE(info->services.at(0).metricsPort, quint16(0));  // null
    QCOMPARE(info->services.at(1).metricsPort, quint16(7202));
    QCOMPARE(info->services.at(1).cookiePath, QStringLiteral("/tmp/lab/node1/control_auth_cookie"));
    QCOMPARE(info->services.at(1).hiddenServiceDir, QStringLiteral("/tmp/lab/node1/hs"));
    QCOMPARE(info->services.at(1).pid, qint64(42));
}

void TestConsole::labJsonErrors()
{
    QCOMPARE(LabInfo::fromJson("[]").error().code, ErrorCode::ParseError);
    QCOMPARE(LabInfo::fromJson(R"({"schema":2,"tors":[]})").error().code, ErrorCode::Unsupported);
    QCOMPARE(LabInfo::fromJson(R"({"schema":1,"tors":[{"role":"service","nickname":"node0"}]})").error().code,
             ErrorCode::ParseError);  // no control port
    QCOMPARE(LabInfo::load(QStringLiteral("/nonexistent/lab.json")).error().code, ErrorCode::NotFound);
}

void TestConsole::progressLines_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<int>("percent");
    QTest::addColumn<bool>("hasStep");
    QTest::newRow("network started") << QStringLiteral("labnet: 9 tor processes started in 3.2 s (keys 1.0 s)") << 20
                                     << true;
    QTest::newRow("consensus") << QStringLiteral("labnet: consensus published at 21.0 s: 9 routers") << 45 << true;
    QTest::newRow("relays") << QStringLiteral("labnet: relays hold the consensus at 25.1 s") << 55 << true;
    QTest::newRow("bootstrap 50") << QStringLiteral("labnet: waiting (31 s): bootstrap 50 %, consensus complete")
                                  << 75 << true;
    QTest::newRow("bootstrap 100") << QStringLiteral("labnet: waiting (35 s): bootstrap 100 %, not yet Running")
                                   << 95 << true;
    QTest::newRow("authorities") << QStringLiteral("labnet: waiting for the authorities (12 s)") << -1 << true;
    QTest::newRow("ready") << QStringLiteral("lab ready in 40.2 s (complete consensus at 21.0 s): /x/lab.json") << 100
                           << true;
    QTest::newRow("other") << QStringLiteral("labnet: something else") << -1 << false;
}

void TestConsole::progressLines()
{
    QFETCH(QString, line);
    QFETCH(int, percent);
    QFETCH(bool, hasStep);
    const auto [step, pct] = LabLauncher::progressFromLine(line);
    QCOMPARE(pct, percent);
    QCOMPARE(!step.isEmpty(), hasStep);
}

void TestConsole::labKeyIsCreatedOnceAndReused()
{
    QTemporaryDir dir;
    const QString keyDir = dir.filePath(QStringLiteral("lab-key"));
    bool created = false;
    auto first = LabMasterKey::loadOrCreate(keyDir, &created);
    QVERIFY(first.ok());
    QVERIFY(created);
    QVERIFY(QFile::exists(keyDir + QStringLiteral("/hs_ed25519_secret_key")));
    QCOMPARE(QFile::permissions(keyDir + QStringLiteral("/hs_ed25519_secret_key")) & 0x0077, QFileDevice::Permissions());
    auto second = LabMasterKey::loadOrCreate(keyDir, &created);
    QVERIFY(second.ok());
    QVERIFY(!created);
    QCOMPARE(second->address().toString(), first->address().toString());
    QVERIFY(LabMasterKey::defaultDirectory().endsWith(QStringLiteral("/lab-master-key")));
}

void TestConsole::publisherForLabAddsEveryServiceNode()
{
    auto info = LabInfo::fromJson(sampleLabJson(QStringLiteral("/tmp/lab")));
    QVERIFY(info.ok());
    auto id = onion::MasterIdentity::generate();
    QVERIFY(id.ok());
    auto publisher = ConsoleController::publisherForLab(info.value(), std::move(id.value()),
                                                        ConsoleController::labPublisherSettings());
    QVERIFY(publisher.ok());
    QCOMPARE(publisher.value()->nodes().size(), 2);
    QCOMPARE(publisher.value()->nodes().at(0).name, QStringLiteral("node0"));
    QVERIFY(publisher.value()->publication().autoPublish);
    QVERIFY(publisher.value()->session(QStringLiteral("node1")) != nullptr);

    LabInfo empty;
    auto id2 = onion::MasterIdentity::generate();
    QVERIFY(id2.ok());
    QCOMPARE(ConsoleController::publisherForLab(empty, std::move(id2.value()), {}).error().code, ErrorCode::NotFound);
}

void TestConsole::fleetEndpointsTunnelSshNodes()
{
    fleet::FleetConfig config;
    fleet::NodeConfig local;
    local.name = QStringLiteral("local");
    local.sshTarget = QStringLiteral("root@127.0.0.1");
    local.controlEndpoint = QStringLiteral("127.0.0.1:9051");
    local.auth = fleet::AuthMethod::CookieFile;
    local.cookieFile = QStringLiteral("/run/tor/control.authcookie");
    local.weight = 3;
    QVERIFY(config.addNode(local).ok());
    fleet::NodeConfig remote = local;
    remote.name = QStringLiteral("remote");
    remote.sshTarget = QStringLiteral("admin@node.example.org");
    QVERIFY(config.addNode(remote).ok());
    fleet::NodeConfig off = remote;
    off.name = QStringLiteral("off");
    off.enabled = false;
    QVERIFY(config.addNode(off).ok());

    QStringList notAttached;
    ConsoleController::SshTransports transports;
    const auto endpoints = ConsoleController::fleetEndpoints(config, &notAttached, {}, &transports);
    QCOMPARE(endpoints.size(), 2);
    QCOMPARE(endpoints.first().name, QStringLiteral("local"));
    QCOMPARE(endpoints.first().cookieFile, QStringLiteral("/run/tor/control.authcookie"));
    QCOMPARE(endpoints.first().weight, 3);
    QCOMPARE(endpoints.first().provider->describe(), QStringLiteral("127.0.0.1:9051"));
    QVERIFY(!endpoints.first().provider->canReadCookie());
    // The remote node goes through its SSH tunnel (not started here); its cookie is read on the node.
    const auto& remoteEndpoint = endpoints.at(1);
    QCOMPARE(remoteEndpoint.name, QStringLiteral("remote"));
    QCOMPARE(remoteEndpoint.provider->describe(), QStringLiteral("ssh admin@node.example.org -> 127.0.0.1:9051"));
    QVERIFY(remoteEndpoint.provider->canReadCookie());
    QCOMPARE(remoteEndpoint.provider->cookiePath(QStringLiteral("/x")), QStringLiteral("/run/tor/control.authcookie"));
    QVERIFY(remoteEndpoint.cookieFile.isEmpty());
    QVERIFY(remoteEndpoint.files != nullptr);
    QCOMPARE(remoteEndpoint.weight, 3);
    QCOMPARE(transports.keys(), QStringList{QStringLiteral("remote")});
    QVERIFY(notAttached.isEmpty());  // the disabled node is not an omission
}

void TestConsole::controllerAttachesFleetWithKeychainKey()
{
    auto id = onion::MasterIdentity::generate();
    QVERIFY(id.ok());
    const QString address = id->address().toString();
    secrets::MemorySecretStore store;
    fleet::ManagedService service;
    service.onionAddress = address;
    const QString key = service.keychainKey();
    bool written = false;
    store.write(key, id->seed(), [&](Status st) { written = st.ok(); });
    QTRY_VERIFY(written);

    fleet::FleetConfig config;
    QVERIFY(config.setService(service).ok());
    fleet::NodeConfig local;
    local.name = QStringLiteral("local");
    local.sshTarget = QStringLiteral("localhost");
    local.controlEndpoint = QStringLiteral("127.0.0.1:1");  // refused: the node shows as not connected
    local.auth = fleet::AuthMethod::SafeCookie;
    QVERIFY(config.addNode(local).ok());
    fleet::NodeConfig remote = local;
    remote.name = QStringLiteral("remote");
    remote.sshTarget = QStringLiteral("admin@node.example.org");
    QVERIFY(config.addNode(remote).ok());

    MainWindow window;
    ConsoleController controller(&window, &store);
    // The SSH node's tunnel must not leave this machine: an ssh that fails at once.
    ssh::SshOptions noSsh;
    noSsh.sshProgram = QStringLiteral("/bin/false");
    controller.setSshOptions(noSsh);
    QSignalSpy attached(&controller, &ConsoleController::publisherAttached);
    controller.attachFleet(config);
    QTRY_COMPARE(attached.count(), 1);
    QVERIFY(controller.publisher() != nullptr);
    QCOMPARE(window.backend(), controller.publisher());
    QCOMPARE(controller.publisher()->masterAddress().toString(), address);
    QCOMPARE(window.fleetModel()->rowCount(), 2);  // the SSH node too
    QVERIFY2(window.notice().isEmpty(), qPrintable(window.notice()));
    auto* header = window.findChild<rb::ui::MasterHeader*>();
    QVERIFY(!header->isLabKey());
    auto* label = window.findChild<QLabel*>(QStringLiteral("masterAddressLabel"));
    QCOMPARE(label->text(), address);
    // The refused control port: the row shows the node is not reachable.
    QTRY_VERIFY_WITH_TIMEOUT(window.fleetModel()->node(QStringLiteral("local"))->connection !=
                                 ConnectionState::Disconnected,
                             10000);
    // The SSH node (its ssh fails at once) is started but not connected; its tunnel is not "local".
    QTRY_VERIFY_WITH_TIMEOUT(window.fleetModel()->node(QStringLiteral("remote"))->connection !=
                                 ConnectionState::Disconnected,
                             10000);
    QVERIFY(window.fleetModel()->node(QStringLiteral("remote"))->connection != ConnectionState::Connected);
    QVERIFY(window.fleetModel()->node(QStringLiteral("remote"))->tunnelState != QStringLiteral("local"));
}

void TestConsole::controllerReportsFleetWithoutIdentity()
{
    secrets::MemorySecretStore store;
    fleet::FleetConfig config;
    MainWindow window;
    ConsoleController controller(&window, &store);
    controller.attachFleet(config);
    QVERIFY(controller.publisher() == nullptr);
    QVERIFY(window.notice().contains(QStringLiteral("master identity")));

    // Keychain entry missing: the error is shown in the task strip, nothing attached.
    auto id = onion::MasterIdentity::generate();
    QVERIFY(id.ok());
    fleet::ManagedService service;
    service.onionAddress = id->address().toString();
    QVERIFY(config.setService(service).ok());
    controller.attachFleet(config);
    auto* bar = window.taskBar();
    QTRY_VERIFY(!bar->isRunning());
    QVERIFY(bar->isVisibleTo(&window));
    QVERIFY2(bar->step().contains(QStringLiteral("keychain")), qPrintable(bar->step()));
    QVERIFY(controller.publisher() == nullptr);
}

void TestConsole::taskBarShowsProgressAndForwardsCancel()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto* bar = window.taskBar();
    QVERIFY(!bar->isVisible());
    QSignalSpy cancel(bar, &rb::ui::TaskProgressBar::cancelRequested);
    bar->begin(QStringLiteral("Starting"), true);
    QVERIFY(bar->isVisible());
    bar->setProgress(QStringLiteral("step one"), 40);
    QCOMPARE(bar->percent(), 40);
    QCOMPARE(bar->step(), QStringLiteral("step one"));
    auto* cancelButton = bar->findChild<QPushButton*>(QStringLiteral("taskCancelButton"));
    QVERIFY(cancelButton->isVisible());
    QTest::mouseClick(cancelButton, Qt::LeftButton);
    QCOMPARE(cancel.count(), 1);
    QVERIFY(!cancelButton->isEnabled());  // no double cancel
    bar->finish(QStringLiteral("failed: reason"), false);
    QVERIFY(bar->isVisible());  // a failure stays until dismissed
    auto* dismiss = bar->findChild<QPushButton*>(QStringLiteral("taskDismissButton"));
    QVERIFY(dismiss->isVisible());
    QTest::mouseClick(dismiss, Qt::LeftButton);
    QVERIFY(!bar->isVisible());
    bar->begin(QStringLiteral("Again"), false);
    QVERIFY(!cancelButton->isVisible());
    bar->finish(QStringLiteral("done"), true);
    QTRY_VERIFY_WITH_TIMEOUT(!bar->isVisible(), 6000);  // success hides itself
}

void TestConsole::labKeyIsLabelled()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto* badge = window.findChild<QLabel*>(QStringLiteral("labKeyBadge"));
    QVERIFY(badge);
    QVERIFY(!badge->isVisible());
    window.setLabKey(true);
    QVERIFY(badge->isVisible());
    QCOMPARE(badge->text(), QStringLiteral("LAB KEY — not for production"));
    QVERIFY(window.windowTitle().contains(QStringLiteral("lab")));
    // The lab key is a file of its own, never reported as a keychain key.
    balancer::MasterState master;
    master.address = QStringLiteral("x.onion");
    master.keychain = balancer::KeychainState::Available;
    window.showMaster(master);
    auto* keychain = window.findChild<QLabel*>(QStringLiteral("keychainLabel"));
    QVERIFY2(keychain->text().contains(QStringLiteral("not in the keychain")), qPrintable(keychain->text()));
    window.setLabKey(false);
    QVERIFY(!badge->isVisible());
    QVERIFY(!keychain->text().contains(QStringLiteral("not in the keychain")));
}

void TestConsole::lostNodeReadsRed()
{
    rb::ui::FleetTableModel model;
    NodeHealth n;
    n.name = QStringLiteral("node0");
    n.connection = ConnectionState::Connected;
    model.upsert(n);
    QVERIFY(!model.index(0, rb::ui::FleetTableModel::Name).data(Qt::ForegroundRole).isValid());
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    n.connection = ConnectionState::BackingOff;
    model.upsert(n);
    const QColor red = rb::ui::FleetText::color(rb::ui::StatusLevel::Error);
    QCOMPARE(model.index(0, rb::ui::FleetTableModel::Name).data(Qt::ForegroundRole).value<QColor>(), red);
    QCOMPARE(model.index(0, rb::ui::FleetTableModel::Connection).data(Qt::ForegroundRole).value<QColor>(), red);
    // The name cell is part of the change, so views repaint it.
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().at(0).value<QModelIndex>().column(), int(rb::ui::FleetTableModel::Name));
}

void TestConsole::darkPaletteIsRespected()
{
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    const QPalette original = QApplication::palette();
    rb::balancer::FakeFleetBackend backend(nullptr, 5);
    backend.populate(4);
    double light = 0;
    double dark = 0;
    for (const bool useDark : {false, true}) {
        QApplication::setPalette(useDark ? darkPalette() : QPalette(QColor(0xef, 0xef, 0xef)));
        MainWindow window;
        window.setBackend(&backend);
        window.setLabKey(true);
        window.resize(1000, 700);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const QImage image = window.grab().toImage();
        (useDark ? dark : light) = meanLuminance(image);
        // The fleet table's empty area is painted with the palette's Base.
        auto* table = window.fleetView();
        const QImage tableImage = table->viewport()->grab().toImage();
        const QColor corner = tableImage.pixelColor(tableImage.width() - 3, tableImage.height() - 3);
        const QColor base = QApplication::palette().color(QPalette::Base);
        QVERIFY2(std::abs(luminance(corner) - luminance(base)) < 0.08,
                 qPrintable(QStringLiteral("table background %1, palette base %2").arg(corner.name(), base.name())));
        // The status colours stay readable on the palette's base.
        for (auto level : {rb::ui::StatusLevel::Ok, rb::ui::StatusLevel::Warning, rb::ui::StatusLevel::Error}) {
            const double contrast = std::abs(luminance(rb::ui::FleetText::color(level)) - luminance(base));
            QVERIFY2(contrast > 0.15, qPrintable(QStringLiteral("status colour contrast %1").arg(contrast)));
        }
        // Labels use the palette's text colour (nothing hard-coded black on dark).
        auto* address = window.findChild<QLabel*>(QStringLiteral("masterAddressLabel"));
        QCOMPARE(address->palette().color(QPalette::WindowText), QApplication::palette().color(QPalette::WindowText));
    }
    QApplication::setPalette(original);
    QVERIFY2(light > 0.6, qPrintable(QString::number(light)));
    QVERIFY2(dark < 0.35, qPrintable(QString::number(dark)));
}

void TestConsole::keyboardNavigation()
{
    rb::balancer::FakeFleetBackend backend(nullptr, 7);
    backend.populate(5);
    MainWindow window;
    window.setBackend(&backend);
    window.show();
    QApplication::setActiveWindow(&window);
    QVERIFY(QTest::qWaitForWindowActive(&window));
    auto* filter = window.findChild<QLineEdit*>(QStringLiteral("fleetFilter"));
    auto* tabs = window.findChild<QTabWidget*>(QStringLiteral("detailTabs"));

    QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(filter->hasFocus());
    QTest::keyClicks(filter, QStringLiteral("node-0"));
    QTest::keyClick(&window, Qt::Key_1, Qt::ControlModifier);
    QTRY_VERIFY(window.fleetView()->hasFocus());
    window.selectNode(QStringLiteral("node-01"));
    QTest::keyClick(window.fleetView(), Qt::Key_Down);
    QCOMPARE(window.selectedNode(), QStringLiteral("node-02"));
    QTest::keyClick(window.fleetView(), Qt::Key_End, Qt::ControlModifier);
    QCOMPARE(window.selectedNode(), QStringLiteral("node-05"));

    const int tab = tabs->currentIndex();
    QTest::keyClick(&window, Qt::Key_PageDown, Qt::ControlModifier);
    QCOMPARE(tabs->currentIndex(), (tab + 1) % tabs->count());
    QTest::keyClick(&window, Qt::Key_PageUp, Qt::ControlModifier);
    QCOMPARE(tabs->currentIndex(), tab);
    QTest::keyClick(&window, Qt::Key_2, Qt::ControlModifier);
    QTRY_VERIFY(tabs->isAncestorOf(QApplication::focusWidget()));
    // Tab mnemonics: Alt+P opens the publishing tab.
    QTest::keyClick(&window, Qt::Key_P, Qt::AltModifier);
    QCOMPARE(tabs->currentWidget()->objectName(), QStringLiteral("publishingPanel"));
    // Tab from the filter reaches the fleet table (no trap in between).
    filter->setFocus(Qt::TabFocusReason);
    QTest::keyClick(filter, Qt::Key_Tab);
    QTRY_VERIFY(window.fleetView()->hasFocus());
}

void TestConsole::helpPrintsUsageWithoutDisplay()
{
    QTemporaryDir home;
    QProcess p;
    QProcessEnvironment env = isolatedEnvironment(home);
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));  // --help must not need one
    p.setProcessEnvironment(env);
    p.start(consoleBinary(), {QStringLiteral("--help")});
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 0);
    const QString out = QString::fromUtf8(p.readAllStandardOutput());
    QVERIFY2(out.startsWith(QStringLiteral("Usage: rustbalance-console [options]\n")), qPrintable(out.left(200)));
    for (const char* option : {"--fleet <file>", "--no-lab", "--lab-nodes <n>", "--demo <nodes>", "--inspect <file>",
                               "--lang <code>", "--help", "--version"}) {
        QVERIFY2(out.contains(QLatin1String(option)), option);
    }
    QVERIFY(out.contains(QStringLiteral("LAB master key")));
    QVERIFY(out.contains(QStringLiteral("fleet.json")));
    QVERIFY(!out.contains(home.path()));  // no user-specific path in the man page

    p.start(consoleBinary(), {QStringLiteral("--version")});
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitCode(), 0);
    QVERIFY(QString::fromUtf8(p.readAllStandardOutput()).startsWith(QStringLiteral("rustbalance-console ")));

    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    p.setProcessEnvironment(env);
    p.start(consoleBinary(), {QStringLiteral("--lab-nodes"), QStringLiteral("99")});
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitCode(), 2);
}

void TestConsole::noLabShowsEmptyConsoleAndExitsOnSigterm()
{
    QTemporaryDir home;
    QProcess p;
    QProcessEnvironment env = isolatedEnvironment(home);
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    p.setProcessEnvironment(env);
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(consoleBinary(), {QStringLiteral("--no-lab")});
    QVERIFY(p.waitForStarted(10000));
    QTest::qWait(2500);
    QCOMPARE(p.state(), QProcess::Running);
    // No lab was started: nothing under its runtime directory.
    QVERIFY(QDir(home.filePath(QStringLiteral("run"))).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).isEmpty());
    ::kill(static_cast<pid_t>(p.processId()), SIGTERM);
    QVERIFY(p.waitForFinished(10000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 0);
}

QTEST_MAIN(TestConsole)
#include "TestConsole.moc"
