#pragma once
// What the console runs behind its window, decided at start-up:
//
//  - a configured fleet (FleetConfig at --fleet FILE or the default path):
//    the master key from the keychain (or its key file), the real Publisher
//    on every enabled node: a node on this machine (SSH target localhost /
//    loopback) directly (control port, cookie and files are local), a node
//    behind a real SSH hop through its SSH tunnel (deploy::FleetEndpoints:
//    control port and MetricsPort forwarded, cookie and files read on the
//    node). An unknown SSH host key is never accepted here: the node shows
//    "host key not yet accepted" until the operator accepts it (Fleet →
//    Verify SSH host key…), then its tunnel starts again; a changed key is
//    refused;
//  - no fleet: its own private lab network (LabLauncher, 3 nodes sharing the
//    LAB master key, started asynchronously with progress and Cancel in the
//    window), then the real Publisher on the lab's nodes (control ports,
//    cookie files, MetricsPorts from lab.json) with automatic publishing on.
//    Closing the window stops that lab (only that one) before the app quits.
//
// The window's Fleet → Add / Edit / Remove node… and Import Onionbalance
// config… and a key stored by Identity → Master identity… change the fleet
// file the console was started with (the default one with the lab or no
// fleet) and, with a fleet publisher running, that node's session (a new
// identity re-creates the publisher). The lab network is never changed: the
// file is used instead of it from the next start.
//
// Everything is asynchronous: nothing here waits on a process or a socket.

#include "LabLauncher.h"
#include "balancer/Publisher.h"
#include "deploy/FleetEndpoints.h"
#include "fleet/FleetConfig.h"
#include "onion/MasterIdentity.h"
#include "util/Result.h"

#include <QMap>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace rb::secrets {
class ISecretStore;
}
namespace rb::ui {
class MainWindow;
}
namespace rb::deploy {
class SshNodeTransport;
}

namespace rb::console {

class ConsoleController : public QObject {
    Q_OBJECT
public:
    struct LabOptions {
        int nodes = 3;
        QString keyDir;            // empty: LabMasterKey::defaultDirectory()
        QString labDir;            // empty: a fresh private directory
        int timeoutSeconds = 300;
    };

    ConsoleController(ui::MainWindow* window, secrets::ISecretStore* store, QObject* parent = nullptr);
    ~ConsoleController() override;

    // Starts the lab network and attaches a Publisher once it is ready.
    void startLab(const LabOptions& options);
    // Attaches a Publisher to the fleet's nodes (the key is read asynchronously).
    void attachFleet(const fleet::FleetConfig& config);
    // Stops the publisher and the lab we started; done() once everything is down.
    void shutdown(const std::function<void()>& done);

    [[nodiscard]] balancer::Publisher* publisher() const { return m_publisher.get(); }
    [[nodiscard]] LabLauncher* lab() const { return m_lab; }
    [[nodiscard]] bool isShuttingDown() const { return m_shuttingDown; }

    // The publisher's settings for the lab (automatic publishing on).
    static balancer::PublisherSettings labPublisherSettings();
    // A Publisher on the lab's service nodes (not started).
    static Result<std::unique_ptr<balancer::Publisher>> publisherForLab(const LabInfo& lab,
                                                                         onion::MasterIdentity identity,
                                                                         balancer::PublisherSettings settings);
    // How the publisher runs ssh for the fleet's SSH nodes (default: the
    // operator's ssh config and known_hosts). Set before attachFleet().
    // Also used by the window's deploy and host-key checks.
    void setSshOptions(const ssh::SshOptions& options);

    using SshTransports = QMap<QString, std::weak_ptr<deploy::SshNodeTransport>>;
    // Endpoints for the fleet's enabled nodes: direct for a node on this
    // machine, through an SSH tunnel (ssh.runtimeDir empty: a private
    // per-process directory) for the others; *notAttached gets one line per
    // node that cannot be attached (incomplete or invalid). *transports (by
    // node name) observes the SSH nodes' transports.
    static QList<balancer::NodeEndpoint> fleetEndpoints(const fleet::FleetConfig& config, QStringList* notAttached,
                                                        deploy::FleetEndpoints::Options ssh = {},
                                                        SshTransports* transports = nullptr);
    // The operator reconnects the node (MainWindow::reconnectRequested: e.g.
    // after accepting its SSH host key): a tunnel stopped for the operator
    // (host key, login) starts again; the window then reconnects the node.
    // False when the node has no stopped tunnel.
    bool restartSshTunnel(const QString& node);

    // The fleet file the console uses when --fleet is not given, or empty
    // when no fleet is configured (missing file or no node).
    static QString configuredFleetPath();

    // The fleet file this console edits (main: --fleet FILE or
    // configuredFleetPath()); empty: FleetConfig::defaultPath() (the lab, no
    // fleet yet). Set before attachFleet().
    void setFleetPath(const QString& path) { m_fleetPath = path; }
    [[nodiscard]] QString fleetPath() const;

    // Fleet persistence (the window's Fleet → Add node… / Edit node… /
    // Remove node… and Identity → Master identity…). Each writes the fleet
    // file atomically (QSaveFile) and leaves it unchanged on any error; the
    // value is the line for the status bar.
    //
    // A node's configuration as in the fleet file.
    [[nodiscard]] std::optional<fleet::NodeConfig> nodeConfig(const QString& name) const;
    // Adds the node (previousName empty) or replaces previousName (renamed
    // when the names differ), then attaches it to the fleet's running
    // publisher (replaces its session; a disabled node is detached). With
    // the lab (or no publisher yet) only the file changes; the notice says
    // when it is used.
    Result<QString> saveNode(const fleet::NodeConfig& node, const QString& previousName = {});
    // Removes the node from the fleet file and the publisher (nothing on the node changes).
    Result<QString> removeNode(const QString& name);
    // A master key was stored in the keychain for address: the fleet file's
    // service section names it (keychain entry), and a fleet publisher is
    // re-created with it (read from the keychain as attachFleet does).
    Result<QString> recordMasterIdentity(const QString& address);
    // Fleet → Import Onionbalance config…: what importing the config would
    // change (nothing is written): the master identity of its key, the
    // instances that become (disabled) nodes, the warnings.
    [[nodiscard]] Result<QString> previewOnionbalanceImport(const QString& yamlPath) const;
    // Imports it like `rbctl fleet import-onionbalance`: the instances as
    // disabled nodes to complete; when the fleet has no master identity yet,
    // the key (its address derived from it) is stored in the keychain and
    // named in the service section (without a keychain: the key file is).
    // done() gets the line for the status bar or the error (file unchanged).
    void importOnionbalance(const QString& yamlPath, const std::function<void(Result<QString>)>& done);

signals:
    void publisherAttached(rb::balancer::Publisher* publisher);
    void labFailed(const rb::Error& error);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void attach(std::unique_ptr<balancer::Publisher> publisher);
    void fail(const QString& title, const Error& error);
    void onLabReady(const LabInfo& info);
    struct FleetJob {
        QList<balancer::NodeEndpoint> endpoints;
        std::vector<std::optional<crypto::SecretBuffer>> passwords;  // by endpoint index
        QStringList notAttached;
        std::optional<onion::MasterIdentity> identity;
        qsizetype next = 0;
    };
    void readFleetPasswords(QList<balancer::NodeEndpoint> endpoints, QStringList notAttached,
                            onion::MasterIdentity identity);
    void readNextPassword(const std::shared_ptr<FleetJob>& job);
    // The fleet file as it is on disk now (an unreadable one is an error, never overwritten).
    [[nodiscard]] Result<fleet::FleetConfig> loadFleetFile() const;
    [[nodiscard]] bool publishesFleet() const { return m_fleetAttached && m_lab == nullptr && m_publisher; }
    // Attaches (or replaces, or detaches) one node of m_fleet on the running publisher.
    void attachNode(const QString& name);
    void addOrReplace(const balancer::NodeEndpoint& endpoint, balancer::NodeCredentials credentials);
    // Rows in the window's fleet table for the fleet file's nodes the
    // publisher does not run (disabled, incomplete, no identity yet), so
    // the operator can select, edit and remove them; forget drops a row.
    void syncFileOnlyRows();
    void forgetRow(const QString& name);
    // Why a saved change is not live yet (lab, no identity, no publisher).
    Result<QString> saveImported(fleet::FleetConfig config, int imported);
    [[nodiscard]] QString notLiveReason(const fleet::FleetConfig& config) const;

    QPointer<ui::MainWindow> m_window;
    secrets::ISecretStore* m_store = nullptr;
    LabLauncher* m_lab = nullptr;
    std::unique_ptr<balancer::Publisher> m_publisher;
    std::optional<onion::MasterIdentity> m_labIdentity;
    fleet::FleetConfig m_fleet;
    QString m_fleetPath;
    bool m_fleetAttached = false;
    ssh::SshOptions m_sshOptions;
    SshTransports m_sshTransports;
    bool m_shuttingDown = false;
    bool m_closeAllowed = false;
};

}  // namespace rb::console
