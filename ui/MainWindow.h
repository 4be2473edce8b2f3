#pragma once
// The console's main window: master identity header, fleet table, and below
// it the selected node's details, its INTRO2 diagnosis, the publishing panel
// and the fleet-wide event log. Observes a FleetBackend; sends it intents.

#include "balancer/FleetBackend.h"
#include "deploy/Deployer.h"
#include "ssh/SshOptions.h"
#include "util/Result.h"

#include <functional>
#include <memory>

#include <QMainWindow>
#include <QPointer>

class QLabel;
class QLineEdit;

namespace rb::secrets {
class ISecretStore;
}
class QSortFilterProxyModel;
class QSplitter;
class QTabWidget;
class QTableView;
class QTimer;

namespace rb::ui {

class DeployDialog;
class DeployJobFactory;
class FleetDeployJobFactory;
class DescriptorInspector;
class HsFetchTransport;
class EventLogFilterProxy;
class EventLogModel;
class FleetTableModel;
class HsDirHoldingsPanel;
class Intro2DiagnosticsPanel;
class MasterHeader;
class NodeDetailPanel;
class PublishingPanel;
class TaskProgressBar;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Not owned. Replaces any earlier backend; the window shows its snapshot at once.
    void setBackend(balancer::FleetBackend* backend);
    [[nodiscard]] balancer::FleetBackend* backend() const { return m_backend; }

    [[nodiscard]] FleetTableModel* fleetModel() const { return m_fleet; }
    [[nodiscard]] QSortFilterProxyModel* fleetProxy() const { return m_fleetProxy; }
    [[nodiscard]] QTableView* fleetView() const { return m_fleetView; }
    [[nodiscard]] EventLogModel* eventLog() const { return m_events; }
    [[nodiscard]] QString selectedNode() const;
    // Every selected node (the fleet table allows several for deploy/undeploy).
    [[nodiscard]] QStringList selectedNodes() const;
    void selectNode(const QString& name);

    // Where master keys and control passwords are stored (not owned).
    void setSecretStore(secrets::ISecretStore* store) { m_store = store; }

    // Where deploy/undeploy jobs and host-key checks come from (not owned).
    // Unset: the real core Deployer on the backend's node configuration,
    // with deploy.json beside the default fleet file.
    void setDeployJobFactory(DeployJobFactory* factory) { m_deployFactory = factory; }
    // Node configurations for deploy and host-key checks when the backend
    // has none (the console's publisher on a fleet file).
    using NodeConfigLookup = std::function<std::optional<fleet::NodeConfig>(const QString& node)>;
    void setNodeConfigLookup(NodeConfigLookup lookup) { m_nodeConfigLookup = std::move(lookup); }
    // Who changes the fleet for Fleet → Add node… / Edit node… / Remove
    // node… (the console: its fleet file and publisher). Each returns the
    // line for the status bar, or the error (the node dialog then stays open
    // with the error, nothing saved). Unset: saving goes to the backend's
    // saveNodeConfig and Remove node… is refused.
    struct FleetEditor {
        std::function<Result<QString>(const fleet::NodeConfig& node, const QString& previousName)> saveNode;
        std::function<Result<QString>(const QString& node)> removeNode;
        // Fleet → Import Onionbalance config…: the preview shown for
        // confirmation (nothing written), then the import (asynchronous).
        std::function<Result<QString>(const QString& yamlPath)> previewImport;
        std::function<void(const QString& yamlPath, const std::function<void(Result<QString>)>& done)> import;
    };
    void setFleetEditor(FleetEditor editor) { m_fleetEditor = std::move(editor); }
    // Asks the confirmation (naming the node; its keys are not touched),
    // then removes the node through the fleet editor.
    void requestRemoveNode(const QString& node);
    // Shows what importing the Onionbalance config would change and imports
    // it once the operator confirms (Fleet → Import Onionbalance config…
    // asks for the file first).
    void requestOnionbalanceImport(const QString& yamlPath);
    // How the window's own deploy jobs and host-key checks run ssh (default:
    // the operator's ssh config); the console sets the publisher's options.
    void setSshOptions(const ssh::SshOptions& options) { m_sshOptions = options; }
    // Asks the explicit confirmation (naming the nodes; existing keys are
    // backed up, not deleted), then opens the deploy dialog. Nothing happens
    // without a selected node.
    void requestDeploy(deploy::Deployer::Operation operation);
    // Opens the deploy dialog at once on the given nodes and starts it.
    DeployDialog* startDeploy(deploy::Deployer::Operation operation, const QStringList& nodes);
    // First contact: reads the selected node's SSH host key and asks the operator.
    void verifyHostKey(const QString& node);
    // Emits reconnectRequested(node), then asks the backend to reconnect it.
    void reconnectNode(const QString& node);

    // Where "Fetch from HSDirs" sends HSFETCH. Unset: the first connected
    // node of the publisher (the backend must be a balancer::Publisher).
    using HsFetchTransportFactory = std::function<std::unique_ptr<HsFetchTransport>()>;
    void setHsFetchTransportFactory(HsFetchTransportFactory factory) { m_hsFetchFactory = std::move(factory); }
    [[nodiscard]] HsDirHoldingsPanel* hsDirPanel() const { return m_hsdirs; }

    // Opens the descriptor inspector on a file (asynchronous read).
    void openDescriptorFile(const QString& path);

    // The strip showing a long-running action with progress and Cancel
    // (the console's lab start/stop); its owner drives it.
    [[nodiscard]] TaskProgressBar* taskBar() const { return m_task; }
    // The identity is the throw-away lab key: badge in the header and the title.
    void setLabKey(bool lab);
    // A persistent notice above the fleet (e.g. nodes that could not be
    // attached); empty hides it.
    void setNotice(const QString& text);
    [[nodiscard]] QString notice() const;
    // Shows a master identity before a backend exists (e.g. while the lab starts).
    void showMaster(const balancer::MasterState& state) { onMasterChanged(state); }

signals:
    // The operator asked to reconnect the node (Reconnect node, or after
    // accepting its SSH host key in Fleet → Verify SSH host key…, or after
    // deploying to it): emitted right before the window asks the backend, so
    // an SSH tunnel stopped for the operator (host key, login) may start again.
    void reconnectRequested(const QString& node);
    // Identity → Master identity… stored a key in the keychain under
    // ISecretStore::masterSeedKey(address) (after the backend was asked to
    // reload it): the console records it in its fleet file.
    void masterIdentityStored(const QString& address);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildActions();
    void onNodeChanged(const balancer::NodeHealth& node);
    void onNodeRemoved(const QString& name);
    void onPublicationChanged(const balancer::PublicationState& state);
    void onMasterChanged(const balancer::MasterState& state);
    void onNodeEvent(const QString& node, const QString& severity, const QString& message, const QDateTime& at);
    void refreshDetails();
    void scheduleDetailRefresh();
    void scheduleStatusUpdate();
    void fitFleetColumns();
    void updateStatus();
    void showIdentityDialog();
    void showNodeDialog(const QString& existingNode);
    void showFleetError(const QString& title, const Error& error);
    void chooseDescriptorFile();
    void inspectPublished(const QString& which);
    DescriptorInspector* openInspector(const QString& title);
    void restoreSettings();
    void saveSettings() const;

    DeployJobFactory* deployFactory();
    std::unique_ptr<HsFetchTransport> makeHsFetchTransport();
    HsFetchTransportFactory m_hsFetchFactory;

    QPointer<balancer::FleetBackend> m_backend;
    DeployJobFactory* m_deployFactory = nullptr;
    NodeConfigLookup m_nodeConfigLookup;
    FleetEditor m_fleetEditor;
    ssh::SshOptions m_sshOptions;
    std::unique_ptr<FleetDeployJobFactory> m_ownDeployFactory;
    secrets::ISecretStore* m_store = nullptr;
    balancer::PublicationState m_publication;
    balancer::MasterState m_master;

    MasterHeader* m_header = nullptr;
    TaskProgressBar* m_task = nullptr;
    QLabel* m_notice = nullptr;
    FleetTableModel* m_fleet = nullptr;
    QSortFilterProxyModel* m_fleetProxy = nullptr;
    QTableView* m_fleetView = nullptr;
    QLineEdit* m_fleetFilter = nullptr;
    QSplitter* m_splitter = nullptr;
    QTabWidget* m_tabs = nullptr;
    NodeDetailPanel* m_detail = nullptr;
    Intro2DiagnosticsPanel* m_diagnostics = nullptr;
    PublishingPanel* m_publishing = nullptr;
    HsDirHoldingsPanel* m_hsdirs = nullptr;
    EventLogModel* m_events = nullptr;
    EventLogFilterProxy* m_allEvents = nullptr;
    QTimer* m_detailTimer = nullptr;
    QTimer* m_statusTimer = nullptr;
    QList<QMetaObject::Connection> m_backendConnections;
    bool m_headerRestored = false;
    bool m_columnsFitted = false;
};

}  // namespace rb::ui
