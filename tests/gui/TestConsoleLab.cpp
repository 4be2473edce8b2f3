// The console's own lab network, as `bash scripts/run.sh` starts it with no
// fleet configured: ConsoleController starts labnet.py asynchronously (the
// GUI thread keeps running: a 50 ms heartbeat never stalls for long), shows
// progress in the window's task strip, and Cancel stops every process it had
// started and removes the directory. A full start attaches the real Publisher
// to the lab's nodes (they connect; the LAB key badge is shown) and closing
// the window first stops that lab — only that one — and then closes. The
// real binary does the same on its own: with no fleet it brings its lab up,
// and SIGTERM stops that lab before the process exits.
#include "ConsoleController.h"
#include "LabLauncher.h"
#include "MainWindow.h"
#include "lab/LabNetwork.h"
#include "models/FleetTableModel.h"
#include "publishing/HsDirFetchModel.h"
#include "secrets/MemorySecretStore.h"
#include "widgets/HsDirHoldingsPanel.h"
#include "widgets/TaskProgressBar.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QLabel>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <csignal>

using namespace rb;
using namespace rb::console;
using rb::balancer::ConnectionState;
using rb::ui::MainWindow;

namespace {

// Longest gap between 50 ms timer ticks while it runs: the GUI thread never blocks.
class Heartbeat : public QObject {
public:
    Heartbeat()
    {
        m_timer.setInterval(50);
        QObject::connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.elapsed();
            m_maxGap = std::max(m_maxGap, now - m_last);
            m_last = now;
        });
        m_clock.start();
        m_timer.start();
    }
    [[nodiscard]] qint64 maxGapMs() const { return m_maxGap; }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    qint64 m_maxGap = 0;
};

}  // namespace

class TestConsoleLab : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cancelStopsEverythingItStarted();
    void startAttachAndStopOnClose();
    void binaryStartsItsLabAndStopsItOnSigterm();

private:
    QTemporaryDir m_tmp;
};

void TestConsoleLab::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("RustBalanceTest"));
    QCoreApplication::setApplicationName(QStringLiteral("test_gui_console_lab"));
    QSettings().clear();
    QVERIFY(m_tmp.isValid());
    if (LabLauncher::scriptPath().isEmpty() || LabLauncher::pythonPath().isEmpty())
        QFAIL("labnet.py or python3 not found");
}

void TestConsoleLab::cancelStopsEverythingItStarted()
{
    secrets::MemorySecretStore store;
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    ConsoleController controller(&window, &store);
    ConsoleController::LabOptions o;
    o.nodes = 1;
    o.keyDir = m_tmp.filePath(QStringLiteral("key"));
    controller.startLab(o);
    QVERIFY(controller.lab() != nullptr);
    QCOMPARE(controller.lab()->state(), LabLauncher::State::Starting);
    const QString dir = controller.lab()->dir();
    QVERIFY(dir.startsWith(LabLauncher::baseDirectory() + QStringLiteral("/rustbalance-console-lab-")));

    Heartbeat heartbeat;
    auto* bar = window.taskBar();
    QVERIFY(bar->isVisible());
    QVERIFY(bar->isRunning());
    // Wait until tor processes exist (authorities + relays started), then cancel.
    QTRY_VERIFY_WITH_TIMEOUT(bar->percent() >= 20 && !rb::lab::LabNetwork::processesMentioning(dir).isEmpty(), 180000);
    QVERIFY2(heartbeat.maxGapMs() < 1000, qPrintable(QString::number(heartbeat.maxGapMs())));
    QSignalSpy cancelled(controller.lab(), &LabLauncher::cancelled);
    auto* cancel = bar->findChild<QPushButton*>(QStringLiteral("taskCancelButton"));
    QVERIFY(cancel->isVisible());
    QTest::mouseClick(cancel, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(cancelled.count() == 1, 90000);
    QTRY_VERIFY_WITH_TIMEOUT(rb::lab::LabNetwork::processesMentioning(dir).isEmpty(), 30000);
    QVERIFY2(!QDir(dir).exists(), qPrintable(dir));
    QVERIFY(!bar->isRunning());
    QVERIFY(bar->step().contains(QStringLiteral("cancelled")));
    QVERIFY(controller.publisher() == nullptr);
    QVERIFY(heartbeat.maxGapMs() < 1000);
}

void TestConsoleLab::startAttachAndStopOnClose()
{
    secrets::MemorySecretStore store;
    auto window = std::make_unique<MainWindow>();
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window.get()));
    ConsoleController controller(window.get(), &store);
    QSignalSpy attached(&controller, &ConsoleController::publisherAttached);
    ConsoleController::LabOptions o;
    o.nodes = 2;
    o.keyDir = m_tmp.filePath(QStringLiteral("key"));
    Heartbeat heartbeat;
    controller.startLab(o);
    const QString dir = controller.lab()->dir();
    auto* badge = window->findChild<QLabel*>(QStringLiteral("labKeyBadge"));
    QVERIFY(badge->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(attached.count() == 1 || controller.lab()->state() == LabLauncher::State::Failed, 420000);
    QVERIFY2(attached.count() == 1, qPrintable(controller.lab()->outputTail()));
    QVERIFY2(heartbeat.maxGapMs() < 1000, qPrintable(QString::number(heartbeat.maxGapMs())));
    qInfo("lab ready in %.1f s; longest GUI-thread gap while starting: %lld ms", controller.lab()->info().readySeconds,
          static_cast<long long>(heartbeat.maxGapMs()));

    // The real publisher on the lab's nodes, automatic publishing on.
    QCOMPARE(window->backend(), controller.publisher());
    QVERIFY(controller.publisher()->publication().autoPublish);
    QCOMPARE(window->fleetModel()->rowCount(), 2);
    QCOMPARE(controller.publisher()->masterAddress().toString(), controller.lab()->info().masterAddress);
    QTRY_VERIFY_WITH_TIMEOUT(window->fleetModel()->node(QStringLiteral("node0"))->connection == ConnectionState::Connected &&
                                 window->fleetModel()->node(QStringLiteral("node1"))->connection ==
                                     ConnectionState::Connected,
                             60000);
    QVERIFY(window->notice().contains(dir));

    // What the HSDirs hold: once published, HSFETCH through a lab node finds
    // our current revision on the responsible HSDirs of the current period.
    QTRY_VERIFY_WITH_TIMEOUT(controller.publisher()->replicaCriterionMet(), 180000);
    window->hsDirPanel()->setPublication(controller.publisher()->publication());
    QSignalSpy fetched(window->hsDirPanel(), &ui::HsDirHoldingsPanel::fetchFinished);
    window->hsDirPanel()->findChild<QPushButton*>(QStringLiteral("fetchHsDirsButton"))->click();
    QVERIFY2(fetched.wait(240000), qPrintable(window->hsDirPanel()->statusText()));
    QCOMPARE(fetched.first().first().toBool(), false);
    const ui::HsDirFetchModel* holdings = window->hsDirPanel()->model();
    QString rows;
    for (const auto& r : holdings->rows())
        rows += r.which + QLatin1Char(' ') + r.nickname + QStringLiteral(": ") +
                ui::HsDirFetchModel::holdingText(r.holding) + QStringLiteral(" — ") + r.detail + QLatin1Char('\n');
    qInfo("%s", qPrintable(window->hsDirPanel()->statusText() + QLatin1Char('\n') + rows));
    QVERIFY2(holdings->count(ui::HsDirFetchModel::Holding::Current) >= 1, qPrintable(rows));
    QCOMPARE(holdings->count(ui::HsDirFetchModel::Holding::Other), 0);

    // Close: the lab is stopped first (the window stays while it stops), then the window closes.
    window->close();
    QVERIFY(window->isVisible());
    QVERIFY(controller.isShuttingDown());
    QVERIFY(window->taskBar()->isRunning());
    QTRY_VERIFY_WITH_TIMEOUT(!window->isVisible(), 90000);
    QCOMPARE(controller.lab()->state(), LabLauncher::State::Stopped);
    QVERIFY(rb::lab::LabNetwork::processesMentioning(dir).isEmpty());
    QVERIFY2(!QDir(dir).exists(), qPrintable(dir));
}

void TestConsoleLab::binaryStartsItsLabAndStopsItOnSigterm()
{
    QTemporaryDir home;
    QVERIFY(home.isValid());
    const QString runtime = home.filePath(QStringLiteral("run"));
    QVERIFY(QDir().mkpath(runtime));
    QFile::setPermissions(runtime, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), home.path());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));  // no fleet
    env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtime);
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    QProcess console;
    console.setProcessEnvironment(env);
    console.setProcessChannelMode(QProcess::MergedChannels);
    console.start(QStringLiteral(RB_CONSOLE_BIN), {QStringLiteral("--lab-nodes"), QStringLiteral("1")});
    QVERIFY(console.waitForStarted(10000));

    // Its lab directory appears under the runtime directory and comes up.
    QString dir;
    auto labUp = [&] {
        const QStringList dirs = QDir(runtime).entryList({QStringLiteral("rustbalance-console-lab-*")}, QDir::Dirs);
        if (dirs.size() != 1)
            return false;
        dir = runtime + QLatin1Char('/') + dirs.first();
        auto info = LabInfo::load(dir + QStringLiteral("/lab.json"));
        return info.ok() && info->state == QLatin1String("up") && info->services.size() == 1;
    };
    QTRY_VERIFY2_WITH_TIMEOUT(labUp() || console.state() != QProcess::Running,
                              qPrintable(QString::fromUtf8(console.readAll())), 420000);
    QCOMPARE(console.state(), QProcess::Running);
    QVERIFY(!rb::lab::LabNetwork::processesMentioning(dir).isEmpty());
    // The LAB key went into the app's data directory.
    QVERIFY(QFile::exists(home.filePath(QStringLiteral("data")) +
                          QStringLiteral("/RustBalance/rustbalance-console/lab-master-key/hs_ed25519_secret_key")));

    ::kill(static_cast<pid_t>(console.processId()), SIGTERM);
    QVERIFY(console.waitForFinished(120000));
    QCOMPARE(console.exitStatus(), QProcess::NormalExit);
    QCOMPARE(console.exitCode(), 0);
    QTRY_VERIFY_WITH_TIMEOUT(rb::lab::LabNetwork::processesMentioning(dir).isEmpty(), 20000);
    QVERIFY2(!QDir(dir).exists(), qPrintable(dir));
}

QTEST_MAIN(TestConsoleLab)
#include "TestConsoleLab.moc"
