// The console builds and changes its fleet from the GUI: Fleet → Add node… /
// Edit node… / Remove node… write the fleet file the console was started
// with (atomically; unchanged on any error, the node dialog stays open with
// the error) and attach / replace / detach the node on the running publisher;
// Identity → Master identity… records the stored key in the fleet file's
// service section and re-creates the publisher with it. No network: the
// nodes' control ports are refused (127.0.0.1:1, :2).
#include "ConsoleController.h"
#include "MainWindow.h"
#include "balancer/NodeSession.h"
#include "dialogs/MasterIdentityDialog.h"
#include "dialogs/NodeEditDialog.h"
#include "fleet/FleetConfig.h"
#include "models/FleetTableModel.h"
#include "secrets/ISecretStore.h"
#include "secrets/MemorySecretStore.h"

#include <QAction>
#include <QApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/resource.h>
#include <unistd.h>

using namespace rb;
using namespace rb::console;
using rb::ui::MainWindow;

namespace {

fleet::NodeConfig localNode(const QString& name, const QString& control)
{
    fleet::NodeConfig n;
    n.name = name;
    n.sshTarget = QStringLiteral("localhost");
    n.controlEndpoint = control;
    n.auth = fleet::AuthMethod::SafeCookie;
    return n;
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

fleet::FleetConfig loadFleet(const QString& path)
{
    auto config = fleet::FleetConfig::load(path);
    if (!config.ok())
        qWarning() << config.error().message;
    return config.ok() ? config.value() : fleet::FleetConfig{};
}

// A master key in the store, as Identity → Master identity… keeps it.
QString storeIdentity(secrets::MemorySecretStore& store)
{
    auto id = onion::MasterIdentity::generate();
    if (!id.ok())
        return {};
    const QString address = id->address().toString();
    auto key = secrets::ISecretStore::masterSeedKey(address);
    if (!key.ok())
        return {};
    bool written = false;
    store.write(key.value(), id->seed(), [&](Status st) { written = st.ok(); });
    if (!QTest::qWaitFor([&] { return written; }, 5000))
        return {};
    return address;
}

// The node dialog on screen (closed ones may linger until deleted).
rb::ui::NodeEditDialog* openNodeDialog(const MainWindow& window)
{
    for (auto* d : window.findChildren<rb::ui::NodeEditDialog*>(QStringLiteral("nodeEditDialog"))) {
        if (d->isVisible())
            return d;
    }
    return nullptr;
}

// Makes the fleet file's directory refuse writes for as long as it lives (also as root).
class WriteBlocker {
public:
    explicit WriteBlocker(const QString& dir) : m_dir(dir)
    {
        QFile::setPermissions(m_dir, QFile::ReadOwner | QFile::ExeOwner);
        if (::geteuid() == 0) {
            // Permissions do not stop root: no file may grow instead.
            std::signal(SIGXFSZ, SIG_IGN);
            ::getrlimit(RLIMIT_FSIZE, &m_old);
            struct rlimit none = m_old;
            none.rlim_cur = 0;
            ::setrlimit(RLIMIT_FSIZE, &none);
            m_limited = true;
        }
    }
    ~WriteBlocker()
    {
        if (m_limited)
            ::setrlimit(RLIMIT_FSIZE, &m_old);
        QFile::setPermissions(m_dir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    }
    WriteBlocker(const WriteBlocker&) = delete;
    WriteBlocker& operator=(const WriteBlocker&) = delete;

private:
    QString m_dir;
    struct rlimit m_old {};
    bool m_limited = false;
};

}  // namespace

class TestConsoleFleetEdit : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void addEditRemoveChangeFileAndPublisher();
    void addAndRemoveThroughTheWindow();
    void invalidOrDuplicateNodeLeavesFileUnchanged();
    void unwritableFleetFileKeepsDialogOpen();
    void storedIdentityIsRecordedAndPublisherRecreated();
    void noFleetYetBuildsOneFromTheGui();
    void importOnionbalanceConfig();

private:
    // A fleet file with a master identity and one node, attached.
    bool attachFleet(ConsoleController& controller);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
    std::unique_ptr<secrets::MemorySecretStore> m_store;
    QString m_address;
};

void TestConsoleFleetEdit::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("RustBalanceTest"));
    QCoreApplication::setApplicationName(QStringLiteral("test_gui_console_fleet_edit"));
    QSettings().clear();
}

void TestConsoleFleetEdit::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QVERIFY(QDir(m_dir->path()).mkpath(QStringLiteral("conf")));
    m_path = m_dir->filePath(QStringLiteral("conf/fleet.json"));
    m_store = std::make_unique<secrets::MemorySecretStore>();
}

void TestConsoleFleetEdit::cleanup()
{
    m_store.reset();
    m_dir.reset();
}

bool TestConsoleFleetEdit::attachFleet(ConsoleController& controller)
{
    m_address = storeIdentity(*m_store);
    if (m_address.isEmpty())
        return false;
    fleet::FleetConfig config;
    fleet::ManagedService service;
    service.onionAddress = m_address;
    if (!config.setService(service).ok() ||
        !config.addNode(localNode(QStringLiteral("a"), QStringLiteral("127.0.0.1:1"))).ok() ||
        !config.save(m_path).ok())
        return false;
    QSignalSpy attached(&controller, &ConsoleController::publisherAttached);
    controller.setFleetPath(m_path);
    controller.attachFleet(loadFleet(m_path));
    return attached.wait(10000) && controller.publisher() != nullptr;
}

void TestConsoleFleetEdit::addEditRemoveChangeFileAndPublisher()
{
    MainWindow window;
    ConsoleController controller(&window, m_store.get());
    QVERIFY(attachFleet(controller));
    balancer::Publisher* publisher = controller.publisher();
    QVERIFY(publisher->session(QStringLiteral("a")) != nullptr);

    // Add: in the file and a session on the running publisher (and a row in the table).
    auto added = controller.saveNode(localNode(QStringLiteral("b"), QStringLiteral("127.0.0.1:1")));
    QVERIFY2(added.ok(), qPrintable(added.ok() ? QString() : added.error().message));
    QVERIFY2(added->contains(QStringLiteral("attached")), qPrintable(added.value()));
    QVERIFY(loadFleet(m_path).node(QStringLiteral("b")) != nullptr);
    QVERIFY(loadFleet(m_path).node(QStringLiteral("a")) != nullptr);
    balancer::NodeSession* before = publisher->session(QStringLiteral("b"));
    QVERIFY(before != nullptr);
    QCOMPARE(window.fleetModel()->rowCount(), 2);
    QCOMPARE(controller.nodeConfig(QStringLiteral("b"))->controlEndpoint, QStringLiteral("127.0.0.1:1"));
    QCOMPARE(controller.publisher(), publisher);  // the same publisher: nothing else restarted

    // Edit: replaced in the file, a fresh session for the node.
    QPointer<balancer::NodeSession> old(before);
    auto edited =
        controller.saveNode(localNode(QStringLiteral("b"), QStringLiteral("127.0.0.1:2")), QStringLiteral("b"));
    QVERIFY2(edited.ok(), qPrintable(edited.ok() ? QString() : edited.error().message));
    QCOMPARE(loadFleet(m_path).node(QStringLiteral("b"))->controlEndpoint, QStringLiteral("127.0.0.1:2"));
    QCOMPARE(loadFleet(m_path).nodes().size(), 2);
    QVERIFY(publisher->session(QStringLiteral("b")) != nullptr);
    QVERIFY(publisher->session(QStringLiteral("b")) != before);
    QTRY_VERIFY(old.isNull());  // the old session is gone
    QCOMPARE(publisher->sessions().size(), 2);

    // Rename: the old name leaves both.
    auto renamed =
        controller.saveNode(localNode(QStringLiteral("c"), QStringLiteral("127.0.0.1:2")), QStringLiteral("b"));
    QVERIFY2(renamed.ok(), qPrintable(renamed.ok() ? QString() : renamed.error().message));
    QVERIFY(loadFleet(m_path).node(QStringLiteral("b")) == nullptr);
    QVERIFY(loadFleet(m_path).node(QStringLiteral("c")) != nullptr);
    QVERIFY(publisher->session(QStringLiteral("b")) == nullptr);
    QVERIFY(publisher->session(QStringLiteral("c")) != nullptr);

    // Disabled: kept in the file, detached from the publisher.
    fleet::NodeConfig disabled = localNode(QStringLiteral("c"), QStringLiteral("127.0.0.1:2"));
    disabled.enabled = false;
    QVERIFY(controller.saveNode(disabled, QStringLiteral("c")).ok());
    QVERIFY(loadFleet(m_path).node(QStringLiteral("c")) != nullptr);
    QVERIFY(!loadFleet(m_path).node(QStringLiteral("c"))->enabled);
    QVERIFY(publisher->session(QStringLiteral("c")) == nullptr);
    // ... but still a row in the table, so it can be selected, edited and enabled again.
    QVERIFY(window.fleetModel()->node(QStringLiteral("c")) != nullptr);
    QVERIFY2(window.fleetModel()->node(QStringLiteral("c"))->connectionDetail.contains(QStringLiteral("Disabled")),
             qPrintable(window.fleetModel()->node(QStringLiteral("c"))->connectionDetail));
    QVERIFY(window.fleetModel()->node(QStringLiteral("b")) == nullptr);  // renamed away

    // Remove: gone from both.
    QVERIFY(
        controller.saveNode(localNode(QStringLiteral("c"), QStringLiteral("127.0.0.1:2")), QStringLiteral("c")).ok());
    QVERIFY(publisher->session(QStringLiteral("c")) != nullptr);
    auto removed = controller.removeNode(QStringLiteral("c"));
    QVERIFY2(removed.ok(), qPrintable(removed.ok() ? QString() : removed.error().message));
    QVERIFY(loadFleet(m_path).node(QStringLiteral("c")) == nullptr);
    QVERIFY(publisher->session(QStringLiteral("c")) == nullptr);
    QVERIFY(window.fleetModel()->node(QStringLiteral("c")) == nullptr);
    QCOMPARE(loadFleet(m_path).service()->onionAddress, m_address);  // the rest of the file is kept
    QVERIFY(!controller.removeNode(QStringLiteral("c")).ok());       // not in the file any more
}

void TestConsoleFleetEdit::addAndRemoveThroughTheWindow()
{
    MainWindow window;
    window.setSecretStore(m_store.get());
    ConsoleController controller(&window, m_store.get());
    QVERIFY(attachFleet(controller));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    // Fleet → Add node…: the dialog, filled in and OK.
    window.findChild<QAction*>(QStringLiteral("addNodeAction"))->trigger();
    auto* dialog = openNodeDialog(window);
    QVERIFY(dialog != nullptr);
    dialog->findChild<QLineEdit*>(QStringLiteral("nameEdit"))->setText(QStringLiteral("gui-1"));
    dialog->findChild<QLineEdit*>(QStringLiteral("sshEdit"))->setText(QStringLiteral("localhost"));
    dialog->findChild<QLineEdit*>(QStringLiteral("controlEdit"))->setText(QStringLiteral("127.0.0.1:1"));
    QVERIFY2(dialog->isValid(), qPrintable(dialog->errorText()));
    QPointer<rb::ui::NodeEditDialog> guard(dialog);
    dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
    QTRY_VERIFY(guard.isNull() || !guard->isVisible());
    QVERIFY(loadFleet(m_path).node(QStringLiteral("gui-1")) != nullptr);
    QVERIFY(controller.publisher()->session(QStringLiteral("gui-1")) != nullptr);
    QTRY_COMPARE(window.selectedNode(), QStringLiteral("gui-1"));

    // Fleet → Edit node… shows the node as in the fleet file.
    QVERIFY(openNodeDialog(window) == nullptr);
    window.findChild<QAction*>(QStringLiteral("editNodeAction"))->trigger();
    auto* editor = openNodeDialog(window);
    QVERIFY(editor != nullptr);
    QCOMPARE(editor->windowTitle(), QStringLiteral("Edit node gui-1"));
    QCOMPARE(editor->findChild<QLineEdit*>(QStringLiteral("controlEdit"))->text(), QStringLiteral("127.0.0.1:1"));
    QCOMPARE(editor->findChild<QLineEdit*>(QStringLiteral("sshEdit"))->text(), QStringLiteral("localhost"));
    editor->reject();
    QVERIFY(openNodeDialog(window) == nullptr);

    // Fleet → Remove node…: the confirmation names the node and says its keys are not touched.
    window.findChild<QAction*>(QStringLiteral("removeNodeAction"))->trigger();
    auto* box = window.findChild<QMessageBox*>(QStringLiteral("removeNodeConfirmation"));
    QVERIFY(box != nullptr);
    QVERIFY2(box->text().contains(QStringLiteral("gui-1")), qPrintable(box->text()));
    QVERIFY2(box->text().contains(QStringLiteral("keys")), qPrintable(box->text()));
    QVERIFY(loadFleet(m_path).node(QStringLiteral("gui-1")) != nullptr);  // nothing before the confirmation
    box->findChild<QPushButton*>(QStringLiteral("confirmRemoveButton"))->click();
    QVERIFY(loadFleet(m_path).node(QStringLiteral("gui-1")) == nullptr);
    QVERIFY(controller.publisher()->session(QStringLiteral("gui-1")) == nullptr);
    QVERIFY(loadFleet(m_path).node(QStringLiteral("a")) != nullptr);
}

void TestConsoleFleetEdit::invalidOrDuplicateNodeLeavesFileUnchanged()
{
    MainWindow window;
    ConsoleController controller(&window, m_store.get());
    QVERIFY(attachFleet(controller));
    const QByteArray before = readAll(m_path);
    QVERIFY(!before.isEmpty());

    auto invalid = controller.saveNode(localNode(QStringLiteral("bad name!"), QStringLiteral("127.0.0.1:1")));
    QVERIFY(!invalid.ok());
    QVERIFY2(invalid.error().message.contains(QStringLiteral("not valid")), qPrintable(invalid.error().message));
    auto noControl = controller.saveNode(localNode(QStringLiteral("x"), QString()));
    QVERIFY(!noControl.ok());
    auto duplicate = controller.saveNode(localNode(QStringLiteral("a"), QStringLiteral("127.0.0.1:2")));
    QVERIFY(!duplicate.ok());
    QVERIFY2(duplicate.error().message.contains(QStringLiteral("already has a node named a")),
             qPrintable(duplicate.error().message));
    QCOMPARE(readAll(m_path), before);
    QCOMPARE(controller.publisher()->sessions().size(), 1);

    // An unreadable fleet file is never overwritten.
    QFile f(m_path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write("{not json");
    f.close();
    auto unreadable = controller.saveNode(localNode(QStringLiteral("y"), QStringLiteral("127.0.0.1:1")));
    QVERIFY(!unreadable.ok());
    QVERIFY2(unreadable.error().message.contains(QStringLiteral("cannot be read")),
             qPrintable(unreadable.error().message));
    QCOMPARE(readAll(m_path), QByteArray("{not json"));
}

void TestConsoleFleetEdit::unwritableFleetFileKeepsDialogOpen()
{
    MainWindow window;
    window.setSecretStore(m_store.get());
    ConsoleController controller(&window, m_store.get());
    QVERIFY(attachFleet(controller));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QByteArray before = readAll(m_path);

    window.findChild<QAction*>(QStringLiteral("addNodeAction"))->trigger();
    auto* dialog = openNodeDialog(window);
    QVERIFY(dialog != nullptr);
    dialog->findChild<QLineEdit*>(QStringLiteral("nameEdit"))->setText(QStringLiteral("blocked"));
    dialog->findChild<QLineEdit*>(QStringLiteral("sshEdit"))->setText(QStringLiteral("localhost"));
    dialog->findChild<QLineEdit*>(QStringLiteral("controlEdit"))->setText(QStringLiteral("127.0.0.1:1"));
    QVERIFY2(dialog->isValid(), qPrintable(dialog->errorText()));
    {
        WriteBlocker blocker(m_dir->filePath(QStringLiteral("conf")));
        dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
    }
    // The dialog stays open with the reason and what was entered; nothing changed.
    QVERIFY(dialog->isVisible());
    QVERIFY2(dialog->errorText().contains(QStringLiteral("not saved")), qPrintable(dialog->errorText()));
    QVERIFY2(dialog->errorText().contains(m_path), qPrintable(dialog->errorText()));
    QCOMPARE(dialog->findChild<QLineEdit*>(QStringLiteral("nameEdit"))->text(), QStringLiteral("blocked"));
    QCOMPARE(readAll(m_path), before);
    QVERIFY(controller.publisher()->session(QStringLiteral("blocked")) == nullptr);
    QCOMPARE(QDir(m_dir->filePath(QStringLiteral("conf"))).entryList(QDir::Files),
             QStringList{QStringLiteral("fleet.json")});

    // Writable again: OK now saves the same input.
    QPointer<rb::ui::NodeEditDialog> guard(dialog);
    dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
    QTRY_VERIFY(guard.isNull() || !guard->isVisible());
    QVERIFY(loadFleet(m_path).node(QStringLiteral("blocked")) != nullptr);
    QVERIFY(controller.publisher()->session(QStringLiteral("blocked")) != nullptr);

    // Remove with an unwritable file: refused, file and publisher unchanged.
    const QByteArray withNode = readAll(m_path);
    {
        WriteBlocker blocker(m_dir->filePath(QStringLiteral("conf")));
        auto removed = controller.removeNode(QStringLiteral("blocked"));
        QVERIFY(!removed.ok());
        QVERIFY2(removed.error().message.contains(QStringLiteral("not removed")), qPrintable(removed.error().message));
    }
    QCOMPARE(readAll(m_path), withNode);
    QVERIFY(controller.publisher()->session(QStringLiteral("blocked")) != nullptr);
}

void TestConsoleFleetEdit::storedIdentityIsRecordedAndPublisherRecreated()
{
    MainWindow window;
    window.setSecretStore(m_store.get());
    ConsoleController controller(&window, m_store.get());
    QVERIFY(attachFleet(controller));
    QCOMPARE(controller.publisher()->masterAddress().toString(), m_address);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    // Identity → Master identity…: generate a new key and store it (replacing needs a yes).
    window.findChild<QAction*>(QStringLiteral("identityAction"))->trigger();
    auto* dialog = window.findChild<rb::ui::MasterIdentityDialog*>(QStringLiteral("masterIdentityDialog"));
    QVERIFY(dialog != nullptr);
    dialog->setConfirm([](const QString&, const QString&) { return true; });
    dialog->generate();
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->busy() && !dialog->pendingAddress().isEmpty(), 10000);
    const QString fresh = dialog->pendingAddress();
    QVERIFY(fresh != m_address);
    QSignalSpy attached(&controller, &ConsoleController::publisherAttached);
    dialog->storePending();
    QVERIFY(attached.wait(10000));

    const fleet::FleetConfig saved = loadFleet(m_path);
    QVERIFY(saved.service().has_value());
    QCOMPARE(saved.service()->onionAddress, fresh);
    QCOMPARE(saved.service()->seedLocation, fleet::ManagedService::SeedLocation::Keychain);
    QVERIFY(m_store->contains(saved.service()->keychainKey()));
    QCOMPARE(saved.nodes().size(), 1);  // the nodes are kept
    QCOMPARE(controller.publisher()->masterAddress().toString(), fresh);
    QCOMPARE(window.backend(), controller.publisher());
    QVERIFY(controller.publisher()->session(QStringLiteral("a")) != nullptr);
    QTRY_COMPARE(window.findChild<QLabel*>(QStringLiteral("masterAddressLabel"))->text(), fresh);
}

void TestConsoleFleetEdit::noFleetYetBuildsOneFromTheGui()
{
    // Started with no fleet (--no-lab): the first node goes to the fleet
    // file; the identity then makes the console publish for it.
    MainWindow window;
    ConsoleController controller(&window, m_store.get());
    controller.setFleetPath(m_path);
    QVERIFY(!QFile::exists(m_path));
    auto added = controller.saveNode(localNode(QStringLiteral("first"), QStringLiteral("127.0.0.1:1")));
    QVERIFY2(added.ok(), qPrintable(added.ok() ? QString() : added.error().message));
    QVERIFY(loadFleet(m_path).node(QStringLiteral("first")) != nullptr);
    QVERIFY(controller.publisher() == nullptr);
    QVERIFY2(window.notice().contains(QStringLiteral("master identity")), qPrintable(window.notice()));
    QVERIFY(window.fleetModel()->node(QStringLiteral("first")) != nullptr);  // shown, to edit or remove
    QCOMPARE(controller.nodeConfig(QStringLiteral("first"))->controlEndpoint, QStringLiteral("127.0.0.1:1"));

    const QString address = storeIdentity(*m_store);
    QVERIFY(!address.isEmpty());
    QSignalSpy attached(&controller, &ConsoleController::publisherAttached);
    emit window.masterIdentityStored(address);
    QVERIFY(attached.wait(10000));
    QCOMPARE(loadFleet(m_path).service()->onionAddress, address);
    QCOMPARE(controller.publisher()->masterAddress().toString(), address);
    QVERIFY(controller.publisher()->session(QStringLiteral("first")) != nullptr);
    QVERIFY2(window.notice().isEmpty(), qPrintable(window.notice()));
}

void TestConsoleFleetEdit::importOnionbalanceConfig()
{
    // An Onionbalance setup: its master key as tor's secret key file, two instances.
    auto id = onion::MasterIdentity::generate();
    QVERIFY(id.ok());
    const QString address = id->address().toString();
    QVERIFY(QDir(m_dir->path()).mkpath(QStringLiteral("ob/keys")));
    const QString keyPath = m_dir->filePath(QStringLiteral("ob/keys/master.key"));
    {
        QFile key(keyPath);
        QVERIFY(key.open(QIODevice::WriteOnly));
        QVERIFY(key.setPermissions(QFile::ReadOwner | QFile::WriteOwner));
        const crypto::SecretBuffer bytes = id->torSecretKeyFile();
        QCOMPARE(key.write(reinterpret_cast<const char*>(bytes.data()), static_cast<qint64>(bytes.size())),
                 static_cast<qint64>(bytes.size()));
    }
    auto backend = onion::MasterIdentity::generate();
    QVERIFY(backend.ok());
    const QString backendAddress = backend->address().toString();
    const QString yamlPath = m_dir->filePath(QStringLiteral("ob/config.yaml"));
    {
        QFile yaml(yamlPath);
        QVERIFY(yaml.open(QIODevice::WriteOnly));
        yaml.write(QStringLiteral("services:\n- key: keys/master.key\n  instances:\n  - address: %1\n    name: ob1\n"
                                  "  - address: %1\n    name: ob2\n")
                       .arg(backendAddress)
                       .toUtf8());
    }

    MainWindow window;
    window.setSecretStore(m_store.get());
    ConsoleController controller(&window, m_store.get());
    controller.setFleetPath(m_path);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    // A config whose key is missing: the error, nothing written.
    const QString brokenPath = m_dir->filePath(QStringLiteral("ob/broken.yaml"));
    {
        QFile yaml(brokenPath);
        QVERIFY(yaml.open(QIODevice::WriteOnly));
        yaml.write(QStringLiteral("services:\n- key: keys/missing.key\n  instances:\n  - address: %1\n    name: x\n")
                       .arg(backendAddress)
                       .toUtf8());
    }
    window.requestOnionbalanceImport(brokenPath);
    auto* error = window.findChild<QMessageBox*>(QStringLiteral("fleetErrorBox"));
    QVERIFY(error != nullptr);
    QVERIFY2(error->text().contains(QStringLiteral("missing.key")), qPrintable(error->text()));
    error->close();
    QVERIFY(!QFile::exists(m_path));

    // The preview names the identity and the nodes; nothing before the confirmation.
    window.requestOnionbalanceImport(yamlPath);
    auto* box = window.findChild<QMessageBox*>(QStringLiteral("importConfirmation"));
    QVERIFY(box != nullptr);
    QVERIFY2(box->text().contains(address), qPrintable(box->text()));
    QVERIFY2(box->text().contains(QStringLiteral("ob1")) && box->text().contains(QStringLiteral("ob2")),
             qPrintable(box->text()));
    QVERIFY(!QFile::exists(m_path));
    box->findChild<QPushButton*>(QStringLiteral("confirmImportButton"))->click();
    QTRY_VERIFY(QFile::exists(m_path));

    fleet::FleetConfig imported = loadFleet(m_path);
    QVERIFY(imported.service().has_value());
    QCOMPARE(imported.service()->onionAddress, address);
    QCOMPARE(imported.service()->seedLocation, fleet::ManagedService::SeedLocation::Keychain);
    QVERIFY(m_store->contains(imported.service()->keychainKey()));
    QCOMPARE(imported.nodes().size(), 2);
    QVERIFY(!imported.node(QStringLiteral("ob1"))->enabled);
    QCOMPARE(imported.node(QStringLiteral("ob1"))->instanceAddress, backendAddress);
    QVERIFY(window.fleetModel()->node(QStringLiteral("ob1")) != nullptr);  // to complete in the table
    QVERIFY(window.fleetModel()->node(QStringLiteral("ob2")) != nullptr);
    QVERIFY(controller.publisher() == nullptr);  // nothing enabled yet

    // Completing a node: the console publishes with the imported key (read back from the keychain).
    fleet::NodeConfig ob1 = *imported.node(QStringLiteral("ob1"));
    ob1.sshTarget = QStringLiteral("localhost");
    ob1.controlEndpoint = QStringLiteral("127.0.0.1:1");
    ob1.enabled = true;
    QSignalSpy attached(&controller, &ConsoleController::publisherAttached);
    auto saved = controller.saveNode(ob1, QStringLiteral("ob1"));
    QVERIFY2(saved.ok(), qPrintable(saved.ok() ? QString() : saved.error().message));
    QVERIFY(attached.wait(10000));
    QCOMPARE(controller.publisher()->masterAddress().toString(), address);
    QVERIFY(controller.publisher()->session(QStringLiteral("ob1")) != nullptr);
    QVERIFY(controller.publisher()->session(QStringLiteral("ob2")) == nullptr);
    QVERIFY(window.fleetModel()->node(QStringLiteral("ob2")) != nullptr);  // still listed, disabled
}

QTEST_MAIN(TestConsoleFleetEdit)
#include "TestConsoleFleetEdit.moc"
