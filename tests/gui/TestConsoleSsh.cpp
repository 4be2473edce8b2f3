// The console's publisher on a fleet node reached over SSH: a real sshd on
// 127.0.0.1 (tests/ssh/SshdFixture) and a scripted tor control port
// (tests/balancer/FakeTorNode) standing in for the node's tor. The console
// (ConsoleController + MainWindow, as in the app) tunnels to the control
// port, reads the control cookie on the "node" over SSH and shows the node
// connected; an unknown host key is shown as "not yet accepted" and nothing
// connects until the operator accepts it (Fleet → Verify SSH host key…); a
// changed host key is refused until the operator fixes known_hosts and
// reconnects the node. Also deploy::FleetEndpoints on its own.

#include "ConsoleController.h"
#include "FakeTorNode.h"
#include "MainWindow.h"
#include "SshdFixture.h"
#include "deploy/FleetEndpoints.h"
#include "deploy/SshNodeTransport.h"
#include "dialogs/HostKeyDialog.h"
#include "models/FleetTableModel.h"
#include "models/FleetText.h"
#include "secrets/MemorySecretStore.h"

#include <QApplication>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

using namespace rb;
using namespace rb::console;
using rb::balancer::ConnectionState;
using rb::balancer::NodeHealth;
using rb::test::FakeTorNode;
using rb::ui::MainWindow;

namespace {

constexpr int kWait = 30000;

fleet::NodeConfig sshNode(const QString& target, quint16 controlPort)
{
    fleet::NodeConfig n;
    n.name = QStringLiteral("remote");
    n.sshTarget = target;
    n.controlEndpoint = QStringLiteral("127.0.0.1:%1").arg(controlPort);
    n.auth = fleet::AuthMethod::SafeCookie;  // cookie file empty: the one tor advertises, read on the node
    n.weight = 2;
    return n;
}

QString connectionText(const MainWindow& window, const QString& node)
{
    const auto* model = window.fleetModel();
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row, rb::ui::FleetTableModel::Connection);
        if (index.data(rb::ui::FleetTableModel::NodeNameRole).toString() == node)
            return index.data(Qt::DisplayRole).toString();
    }
    return {};
}

}  // namespace

class TestConsoleSsh : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void fleetEndpointBuildsTheSshTransport();
    void fleetEndpointRejectsIncompleteNodes();
    void consoleConnectsThroughTheTunnel();
    void unknownHostKeyWaitsForTheOperator();
    void changedHostKeyIsRefused();

private:
    // A fleet with a master key in `store` and the SSH node; the fake tor
    // serves a descriptor of that master and the cookie at m_cookieFile.
    std::optional<fleet::FleetConfig> prepareFleet(FakeTorNode& tor, const QString& target);
    bool startSshd(SshdFixture& sshd, bool trust);

    secrets::MemorySecretStore m_store;
    std::optional<onion::MasterIdentity> m_master;
    rb::test::NodeDescriptor m_desc;
    QTemporaryDir m_dir;
    QString m_hsDir;
    QString m_cookieFile;
};

void TestConsoleSsh::initTestCase()
{
    QVERIFY(m_dir.isValid());
    auto id = onion::MasterIdentity::generate();
    QVERIFY(id.ok());
    m_master.emplace(std::move(id.value()));
    m_desc = rb::test::makeNodeDescriptor(*m_master, 20489, 3);
    m_hsDir = m_dir.filePath(QStringLiteral("hs"));
    QVERIFY(QDir().mkpath(m_hsDir));
    QFile ob(m_hsDir + QStringLiteral("/ob_config"));
    QVERIFY(ob.open(QIODevice::WriteOnly));
    ob.write("MasterOnionAddress " + m_master->address().toString().toLatin1() + "\n");
    ob.close();
    m_cookieFile = m_dir.filePath(QStringLiteral("control_auth_cookie"));
    // The console's per-process socket directory lives under this runtime dir.
    const QString run = m_dir.filePath(QStringLiteral("run"));
    QVERIFY(QDir().mkpath(run));
    QFile::setPermissions(run, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    qputenv("XDG_RUNTIME_DIR", run.toLocal8Bit());
}

bool TestConsoleSsh::startSshd(SshdFixture& sshd, bool trust)
{
    QString error;
    if (!sshd.start(&error)) {
        qWarning("sshd: %s", qPrintable(error));
        return false;
    }
    if (trust && !sshd.trustHostKey(&error)) {
        qWarning("known_hosts: %s", qPrintable(error));
        return false;
    }
    return true;
}

std::optional<fleet::FleetConfig> TestConsoleSsh::prepareFleet(FakeTorNode& tor, const QString& target)
{
    tor.masterId = m_master->address().serviceId().toLatin1();
    tor.descriptorText = m_desc.text;
    tor.circuitLines = FakeTorNode::introCircuits(m_desc.introPoints, tor.masterId);
    tor.hsOptions = {"HiddenServiceDir=" + m_hsDir.toLatin1(), "HiddenServiceVersion=3",
                     "HiddenServicePort=80 127.0.0.1:8080", "HiddenServiceOnionBalanceInstance=1"};
    tor.cookie = crypto::randomBytes(32);
    tor.advertisedCookieFile = m_cookieFile.toLocal8Bit();
    QFile cookie(m_cookieFile);
    if (!cookie.open(QIODevice::WriteOnly) || cookie.write(tor.cookie) != 32)
        return std::nullopt;
    cookie.close();
    QFile::setPermissions(m_cookieFile, QFile::ReadOwner | QFile::WriteOwner);

    fleet::ManagedService service;
    service.onionAddress = m_master->address().toString();
    bool written = false;
    m_store.write(service.keychainKey(), m_master->seed(), [&](Status st) { written = st.ok(); });
    if (!QTest::qWaitFor([&] { return written; }, 5000))
        return std::nullopt;
    fleet::FleetConfig config;
    if (!config.setService(service).ok())
        return std::nullopt;
    fleet::NodeConfig node = sshNode(target, tor.port());
    node.hiddenServiceDir = m_hsDir;
    if (!config.addNode(node).ok())
        return std::nullopt;
    return config;
}

void TestConsoleSsh::fleetEndpointBuildsTheSshTransport()
{
    fleet::NodeConfig node = sshNode(QStringLiteral("admin@node.example.org"), 9051);
    node.hiddenServiceDir = QStringLiteral("/var/lib/tor/hs");
    node.metricsEndpoint = QStringLiteral("127.0.0.1:9035");
    deploy::FleetEndpoints::Options options;
    options.runtimeDir = m_dir.filePath(QStringLiteral("sockets"));
    std::weak_ptr<deploy::SshNodeTransport> transport;
    {
        auto e = deploy::FleetEndpoints::sshEndpoint(node, options, &transport);
        QVERIFY2(e.ok(), qPrintable(e.ok() ? QString() : e.error().message));
        QCOMPARE(e->name, QStringLiteral("remote"));
        QCOMPARE(e->weight, 2);
        QCOMPARE(e->hiddenServiceDir, QStringLiteral("/var/lib/tor/hs"));
        QVERIFY(e->cookieFile.isEmpty());  // the cookie is on the node
        QVERIFY(!e->useAdvertisedCookie);
        QVERIFY(e->provider != nullptr);
        QVERIFY(e->files != nullptr);
        QVERIFY(e->provider->canReadCookie());
        QCOMPARE(e->provider->describe(), QStringLiteral("ssh admin@node.example.org -> 127.0.0.1:9051"));
        QVERIFY(e->files->describe().contains(QStringLiteral("admin@node.example.org")));
        QCOMPARE(e->provider->tunnelState(), QStringLiteral("stopped"));  // nothing started yet
        auto t = transport.lock();
        QVERIFY(t != nullptr);
        QCOMPARE(t->settings().runtimeDir, options.runtimeDir);
        QVERIFY(t->settings().metrics.has_value());
        QVERIFY(!deploy::FleetEndpoints::restartStopped(t.get()));  // not stopped for the operator
        // The provider keeps the transport alive without the file access, and the other way round.
        balancer::NodeEndpoint copy;
        copy.provider = e->provider;
        e->provider.reset();
        t.reset();
        QVERIFY(!transport.expired());
        e->files.reset();
        QVERIFY(!transport.expired());
    }
    QVERIFY(transport.expired());  // gone with the last endpoint
    QVERIFY(!QFileInfo::exists(options.runtimeDir));

    const QString dir = deploy::FleetEndpoints::processRuntimeDir(QStringLiteral("console"));
    QVERIFY2(dir.endsWith(QStringLiteral("/console-%1").arg(QCoreApplication::applicationPid())), qPrintable(dir));
    QVERIFY(dir.startsWith(QString::fromLocal8Bit(qgetenv("XDG_RUNTIME_DIR"))));
}

void TestConsoleSsh::fleetEndpointRejectsIncompleteNodes()
{
    deploy::FleetEndpoints::Options options;
    fleet::NodeConfig node = sshNode(QStringLiteral("admin@node.example.org"), 9051);
    auto noDir = deploy::FleetEndpoints::sshEndpoint(node, options);
    QVERIFY(!noDir.ok());
    QCOMPARE(noDir.error().code, ErrorCode::InvalidArgument);

    options.runtimeDir = m_dir.filePath(QStringLiteral("sockets"));
    fleet::NodeConfig noTarget = node;
    noTarget.sshTarget.clear();
    QVERIFY(!deploy::FleetEndpoints::sshEndpoint(noTarget, options).ok());
    fleet::NodeConfig badControl = node;
    badControl.controlEndpoint = QStringLiteral("not an endpoint");
    QVERIFY(!deploy::FleetEndpoints::sshEndpoint(badControl, options).ok());

    // The console lists such a node as not attached, with the reason, and attaches the others.
    fleet::FleetConfig config;
    fleet::NodeConfig good = node;
    QVERIFY(config.addNode(good).ok());
    fleet::NodeConfig bad = node;
    bad.name = QStringLiteral("bad");
    bad.enabled = false;  // an incomplete node can only be stored disabled...
    bad.controlEndpoint.clear();
    QVERIFY(config.addNode(bad).ok());
    QStringList notAttached;
    ConsoleController::SshTransports transports;
    const auto endpoints = ConsoleController::fleetEndpoints(config, &notAttached, options, &transports);
    QCOMPARE(endpoints.size(), 1);
    QCOMPARE(endpoints.first().name, QStringLiteral("remote"));
    QCOMPARE(endpoints.first().provider->describe(), QStringLiteral("ssh admin@node.example.org -> 127.0.0.1:9051"));
    QVERIFY(notAttached.isEmpty());  // ...and a disabled node is not an omission
    QCOMPARE(transports.size(), 1);
    QVERIFY(!transports.value(QStringLiteral("remote")).expired());
}

void TestConsoleSsh::consoleConnectsThroughTheTunnel()
{
    if (!SshdFixture::sshdAvailable())
        QSKIP("/usr/sbin/sshd not installed");
    SshdFixture sshd;
    QVERIFY(startSshd(sshd, true));
    FakeTorNode tor;
    auto config = prepareFleet(tor, sshd.target().toString());
    QVERIFY(config.has_value());

    MainWindow window;
    ConsoleController controller(&window, &m_store);
    controller.setSshOptions(sshd.options());
    controller.attachFleet(*config);
    QTRY_VERIFY_WITH_TIMEOUT(controller.publisher() != nullptr, 5000);
    QVERIFY2(window.notice().isEmpty(), qPrintable(window.notice()));
    QCOMPARE(window.fleetModel()->rowCount(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(
        window.fleetModel()->node(QStringLiteral("remote"))->connection == ConnectionState::Connected, kWait);
    const NodeHealth* h = window.fleetModel()->node(QStringLiteral("remote"));
    QCOMPARE(h->tunnelState, QStringLiteral("ready"));
    QVERIFY2(connectionText(window, QStringLiteral("remote"))
                 .startsWith(rb::ui::FleetText::connection(ConnectionState::Connected)),
             qPrintable(connectionText(window, QStringLiteral("remote"))));
    // Through the tunnel, with the cookie read on the node over SSH (SAFECOOKIE).
    QVERIFY(tor.authenticated);
    QCOMPARE(tor.authAccepted, 1);
    QCOMPARE(tor.authRejected, 0);
    QCOMPARE(tor.countReceived("AUTHCHALLENGE SAFECOOKIE "), 1);
    // ob_config read on the node over SSH: the configuration check passes.
    QTRY_COMPARE_WITH_TIMEOUT(window.fleetModel()->node(QStringLiteral("remote"))->configCheck,
                              balancer::ConfigCheck::Ok, kWait);
    // The tunnel's sockets are in the console's private per-process directory.
    const QString runtimeDir = deploy::FleetEndpoints::processRuntimeDir(QStringLiteral("console"));
    QVERIFY(QFileInfo(runtimeDir).isDir());
    QCOMPARE(QFileInfo(runtimeDir).permissions() & (QFile::ReadGroup | QFile::ReadOther | QFile::ExeOther),
             QFile::Permissions());
    controller.publisher()->stop();
}

void TestConsoleSsh::unknownHostKeyWaitsForTheOperator()
{
    if (!SshdFixture::sshdAvailable())
        QSKIP("/usr/sbin/sshd not installed");
    SshdFixture sshd;
    QVERIFY(startSshd(sshd, false));
    sshd.forgetHostKeys();
    FakeTorNode tor;
    auto config = prepareFleet(tor, sshd.target().toString());
    QVERIFY(config.has_value());

    MainWindow window;
    ConsoleController controller(&window, &m_store);
    controller.setSshOptions(sshd.options());
    controller.attachFleet(*config);
    QTRY_VERIFY_WITH_TIMEOUT(controller.publisher() != nullptr, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(window.fleetModel()->node(QStringLiteral("remote"))->tunnelState,
                              QStringLiteral("host-key-unknown"), kWait);
    const QString shown = connectionText(window, QStringLiteral("remote"));
    QCOMPARE(shown, rb::ui::FleetText::tunnelProblem(QStringLiteral("host-key-unknown")));
    QVERIFY2(shown.contains(QStringLiteral("Verify SSH host key")), qPrintable(shown));
    QVERIFY(window.fleetModel()->node(QStringLiteral("remote"))->connection != ConnectionState::Connected);
    QTest::qWait(1500);  // retries do not accept the key behind the operator's back
    QCOMPARE(tor.connections, 0);
    QVERIFY(!QFileInfo::exists(sshd.knownHostsPath()));

    // Fleet → Verify SSH host key… (the window's own factory: the node from the
    // controller's fleet, the controller's ssh options): the dialog shows the
    // key; accepting it restarts the tunnel and reconnects the node.
    window.verifyHostKey(QStringLiteral("remote"));
    rb::ui::HostKeyDialog* dialog = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((dialog = window.findChild<rb::ui::HostKeyDialog*>()) != nullptr, kWait);
    QVERIFY(dialog->acceptButton() != nullptr);
    // The fingerprint shown is the server's (the operator compares it with the node's own).
    const auto* fingerprint = dialog->findChild<QLabel*>(QStringLiteral("hostKeyFingerprint0"));
    QVERIFY(fingerprint != nullptr);
    const QString expected = sshd.hostKeyFingerprint().section(QLatin1Char(':'), 1);
    QVERIFY2(!expected.isEmpty() && fingerprint->text().contains(expected),
             qPrintable(fingerprint->text() + QStringLiteral(" vs ") + sshd.hostKeyFingerprint()));
    QTRY_VERIFY(dialog->acceptButton()->isEnabled());
    dialog->acceptButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(
        window.fleetModel()->node(QStringLiteral("remote"))->connection == ConnectionState::Connected, kWait);
    QVERIFY(QFileInfo::exists(sshd.knownHostsPath()));
    QCOMPARE(window.fleetModel()->node(QStringLiteral("remote"))->tunnelState, QStringLiteral("ready"));
    QVERIFY(tor.authAccepted >= 1);
    controller.publisher()->stop();
}

void TestConsoleSsh::changedHostKeyIsRefused()
{
    if (!SshdFixture::sshdAvailable())
        QSKIP("/usr/sbin/sshd not installed");
    SshdFixture sshd;
    QVERIFY(startSshd(sshd, true));
    QString error;
    QVERIFY2(sshd.regenerateHostKey(&error), qPrintable(error));  // known_hosts still has the old key
    FakeTorNode tor;
    auto config = prepareFleet(tor, sshd.target().toString());
    QVERIFY(config.has_value());

    MainWindow window;
    ConsoleController controller(&window, &m_store);
    controller.setSshOptions(sshd.options());
    controller.attachFleet(*config);
    QTRY_VERIFY_WITH_TIMEOUT(controller.publisher() != nullptr, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(window.fleetModel()->node(QStringLiteral("remote"))->tunnelState,
                              QStringLiteral("host-key-changed"), kWait);
    QCOMPARE(connectionText(window, QStringLiteral("remote")),
             rb::ui::FleetText::tunnelProblem(QStringLiteral("host-key-changed")));
    const auto* model = window.fleetModel();
    const QModelIndex index = model->index(0, rb::ui::FleetTableModel::Connection);
    QCOMPARE(index.data(Qt::ForegroundRole).value<QColor>(), rb::ui::FleetText::color(rb::ui::StatusLevel::Error));
    QTest::qWait(1500);  // its retries stay refused
    QCOMPARE(window.fleetModel()->node(QStringLiteral("remote"))->tunnelState, QStringLiteral("host-key-changed"));
    QCOMPARE(tor.connections, 0);

    // The operator verified the new key out of band and replaced the entry
    // (ssh-keygen -R, then ssh once); Fleet → Reconnect node starts the tunnel again.
    QVERIFY2(sshd.trustHostKey(&error), qPrintable(error));
    window.reconnectNode(QStringLiteral("remote"));
    QTRY_VERIFY_WITH_TIMEOUT(
        window.fleetModel()->node(QStringLiteral("remote"))->connection == ConnectionState::Connected, kWait);
    QVERIFY(tor.authAccepted >= 1);
    controller.publisher()->stop();
}

QTEST_MAIN(TestConsoleSsh)
#include "TestConsoleSsh.moc"
