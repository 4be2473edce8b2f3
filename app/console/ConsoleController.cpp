#include "ConsoleController.h"

#include "LabMasterKey.h"
#include "MainWindow.h"
#include "balancer/ControlAddress.h"
#include "balancer/NodeEndpoint.h"
#include "deploy/SshNodeTransport.h"
#include "fleet/OnionbalanceImport.h"
#include "models/FleetTableModel.h"
#include "onion/OnionAddress.h"
#include "secrets/ISecretStore.h"
#include "ssh/SshTarget.h"
#include "widgets/TaskProgressBar.h"

#include <QCloseEvent>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QSet>
#include <QStatusBar>

#include <algorithm>
#include <memory>

namespace rb::console {

using balancer::ControlAddress;
using balancer::NodeCredentials;
using balancer::NodeEndpoint;
using balancer::Publisher;
using balancer::PublisherSettings;

namespace {

// A node whose SSH target is this machine (a loopback literal or "localhost")
// is reached directly: its control port, cookie and files are local.
bool isThisMachine(const QString& sshTarget)
{
    auto target = ssh::SshTarget::parse(sshTarget);
    if (!target.ok())
        return false;
    const QString host = target->host().toLower();
    if (host == QLatin1String("localhost"))
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

}  // namespace

ConsoleController::ConsoleController(ui::MainWindow* window, secrets::ISecretStore* store, QObject* parent)
    : QObject(parent), m_window(window), m_store(store)
{
    if (m_window) {
        m_window->installEventFilter(this);
        // The operator reconnects a node (e.g. after accepting its host key):
        // its tunnel, if it stopped for the operator, starts again first.
        connect(m_window, &ui::MainWindow::reconnectRequested, this,
                [this](const QString& node) { restartSshTunnel(node); });
        // Fleet → Add/Edit/Remove node… change the fleet file and the running publisher.
        ui::MainWindow::FleetEditor editor;
        editor.saveNode = [this](const fleet::NodeConfig& node, const QString& previousName) {
            return saveNode(node, previousName);
        };
        editor.removeNode = [this](const QString& node) { return removeNode(node); };
        editor.previewImport = [this](const QString& yamlPath) { return previewOnionbalanceImport(yamlPath); };
        editor.import = [this](const QString& yamlPath, const std::function<void(Result<QString>)>& done) {
            importOnionbalance(yamlPath, done);
        };
        m_window->setFleetEditor(std::move(editor));
        // Edit node…, Deploy and Verify SSH host key… find the fleet's nodes
        // here (the publisher knows only endpoints).
        m_window->setNodeConfigLookup([this](const QString& name) { return nodeConfig(name); });
        connect(m_window, &ui::MainWindow::masterIdentityStored, this, [this](const QString& address) {
            auto recorded = recordMasterIdentity(address);
            if (!m_window)
                return;
            if (recorded.ok()) {
                m_window->statusBar()->showMessage(recorded.value());
                return;
            }
            m_window->setNotice(tr("The master identity %1 is in the keychain, but the fleet file was not changed: "
                                   "%2")
                                    .arg(address, recorded.error().message));
        });
    }
}

ConsoleController::~ConsoleController()
{
    if (m_window) {
        m_window->setBackend(nullptr);
        m_window->setNodeConfigLookup({});
        m_window->setFleetEditor({});
    }
    if (m_publisher)
        m_publisher->stop();
}

QString ConsoleController::configuredFleetPath()
{
    const QString path = fleet::FleetConfig::defaultPath();
    if (!QFileInfo(path).isFile() || QFileInfo(path).size() == 0)
        return {};
    auto config = fleet::FleetConfig::load(path);
    // An unreadable fleet file is "configured": the console shows its error
    // instead of silently starting a lab network in its place.
    if (config.ok() && config->nodes().isEmpty())
        return {};
    return path;
}

PublisherSettings ConsoleController::labPublisherSettings()
{
    PublisherSettings s;
    s.autoPublish = true;
    // The lab's HSDirs are on this machine: a missing answer is a real failure.
    s.uploadTimeoutMs = 20000;
    s.uploadRetry = balancer::BackoffPolicy{5000, 60000, 2.0, 0.2};
    return s;
}

Result<std::unique_ptr<Publisher>> ConsoleController::publisherForLab(const LabInfo& lab, onion::MasterIdentity identity,
                                                                      PublisherSettings settings)
{
    if (lab.services.isEmpty())
        return makeError(ErrorCode::NotFound, QStringLiteral("The lab network has no onion-service node"));
    auto publisher = std::make_unique<Publisher>(std::move(identity), std::move(settings));
    for (const LabService& s : lab.services) {
        std::optional<ControlAddress> metrics;
        if (s.metricsPort != 0)
            metrics = ControlAddress::tcp(QStringLiteral("127.0.0.1"), s.metricsPort);
        NodeEndpoint e =
            NodeEndpoint::direct(s.nickname, ControlAddress::tcp(QStringLiteral("127.0.0.1"), s.controlPort), metrics);
        e.cookieFile = s.cookiePath;
        e.useAdvertisedCookie = s.cookiePath.isEmpty();
        e.hiddenServiceDir = s.hiddenServiceDir;
        RB_TRY_STATUS(publisher->addNode(std::move(e), NodeCredentials{}));
    }
    return publisher;
}

QList<NodeEndpoint> ConsoleController::fleetEndpoints(const fleet::FleetConfig& config, QStringList* notAttached,
                                                      deploy::FleetEndpoints::Options ssh, SshTransports* transports)
{
    QList<NodeEndpoint> out;
    for (const fleet::NodeConfig& n : config.nodes()) {
        if (!n.enabled)
            continue;
        if (!n.sshTarget.isEmpty() && !isThisMachine(n.sshTarget)) {
            // Through the node's SSH tunnel (started by its session, not here).
            if (ssh.runtimeDir.isEmpty())
                ssh.runtimeDir = deploy::FleetEndpoints::processRuntimeDir(QStringLiteral("console"));
            std::weak_ptr<deploy::SshNodeTransport> transport;
            auto e = deploy::FleetEndpoints::sshEndpoint(n, ssh, &transport);
            if (!e.ok()) {
                if (notAttached != nullptr)
                    notAttached->append(tr("%1 (%2): %3").arg(n.name, n.sshTarget, e.error().message));
                continue;
            }
            if (transports != nullptr)
                transports->insert(n.name, transport);
            out.append(std::move(e.value()));
            continue;
        }
        auto control = ControlAddress::parse(n.controlEndpoint);
        if (!control.ok()) {
            if (notAttached != nullptr)
                notAttached->append(tr("%1: %2").arg(n.name, control.error().message));
            continue;
        }
        std::optional<ControlAddress> metrics;
        if (!n.metricsEndpoint.isEmpty()) {
            auto m = ControlAddress::parse(n.metricsEndpoint);
            if (m.ok())
                metrics = m.value();
        }
        NodeEndpoint e = NodeEndpoint::direct(n.name, control.value(), metrics);
        switch (n.auth) {
        case fleet::AuthMethod::SafeCookie:
        case fleet::AuthMethod::CookieFile:
            e.cookieFile = n.cookieFile;
            e.useAdvertisedCookie = n.cookieFile.isEmpty();
            break;
        case fleet::AuthMethod::Password:
        case fleet::AuthMethod::None:
            e.useAdvertisedCookie = false;
            break;
        }
        e.hiddenServiceDir = n.hiddenServiceDir;
        e.weight = std::max(1, n.weight);
        out.append(std::move(e));
    }
    return out;
}

void ConsoleController::setSshOptions(const ssh::SshOptions& options)
{
    m_sshOptions = options;
    if (m_window)
        m_window->setSshOptions(options);
}

bool ConsoleController::restartSshTunnel(const QString& node)
{
    const auto it = m_sshTransports.constFind(node);
    if (it == m_sshTransports.constEnd())
        return false;
    const std::shared_ptr<deploy::SshNodeTransport> transport = it->lock();
    return deploy::FleetEndpoints::restartStopped(transport.get());
}

void ConsoleController::startLab(const LabOptions& options)
{
    if (!m_window)
        return;
    ui::TaskProgressBar* bar = m_window->taskBar();
    const QString keyDir = options.keyDir.isEmpty() ? LabMasterKey::defaultDirectory() : options.keyDir;
    bool created = false;
    auto identity = LabMasterKey::loadOrCreate(keyDir, &created);
    if (!identity.ok()) {
        fail(tr("The lab network could not start"), identity.error());
        return;
    }
    m_window->setLabKey(true);
    balancer::MasterState master;
    master.address = identity->address().toString();
    master.keychain = balancer::KeychainState::Available;
    master.keychainDetail = tr("LAB key in %1 (not in the keychain)").arg(keyDir);
    m_labIdentity.emplace(std::move(identity.value()));
    m_window->showMaster(master);

    m_lab = new LabLauncher(this);
    connect(m_lab, &LabLauncher::progress, bar, &ui::TaskProgressBar::setProgress);
    connect(bar, &ui::TaskProgressBar::cancelRequested, m_lab, &LabLauncher::cancel);
    connect(m_lab, &LabLauncher::ready, this, &ConsoleController::onLabReady);
    connect(m_lab, &LabLauncher::failed, this, [this](const Error& e) {
        fail(tr("The lab network could not start"), e);
        emit labFailed(e);
    });
    connect(m_lab, &LabLauncher::cancelled, this, [this] {
        if (!m_window)
            return;
        m_window->taskBar()->finish(tr("Lab network start cancelled; its processes were stopped."), false);
        m_window->setNotice(tr("No fleet is configured and the lab network was cancelled. Add nodes with "
                               "Fleet → Add node…, or restart the console to start the lab again."));
    });

    LabLauncher::Options o;
    o.nodes = options.nodes;
    o.masterKeyDir = keyDir;
    o.dir = options.labDir;
    o.timeoutSeconds = options.timeoutSeconds;
    bar->begin(tr("Starting the lab network (%n node(s))", nullptr, options.nodes), true);
    m_window->setNotice(tr("No fleet is configured: the console starts a private Tor network on this machine "
                           "(127.0.0.1 only) with %n onion-service node(s) sharing the LAB master key %1.",
                           nullptr, options.nodes)
                            .arg(master.address));
    const Status st = m_lab->start(o);
    if (!st.ok()) {
        fail(tr("The lab network could not start"), st.error());
        return;
    }
}

void ConsoleController::onLabReady(const LabInfo& info)
{
    if (!m_window || !m_labIdentity)
        return;
    onion::MasterIdentity identity = std::move(*m_labIdentity);
    m_labIdentity.reset();
    auto publisher = publisherForLab(info, std::move(identity), labPublisherSettings());
    if (!publisher.ok()) {
        fail(tr("The publisher could not attach to the lab"), publisher.error());
        return;
    }
    m_window->taskBar()->finish(tr("Lab network ready in %1 s: %n node(s)", nullptr,
                                   static_cast<int>(info.services.size()))
                                    .arg(QString::number(info.readySeconds, 'f', 0)),
                                true);
    m_window->setNotice(tr("Lab network in %1 — %n onion-service node(s) running the LAB master identity. "
                           "It stops when you close the console.",
                           nullptr, static_cast<int>(info.services.size()))
                            .arg(info.dir));
    attach(std::move(publisher.value()));
}

void ConsoleController::attach(std::unique_ptr<Publisher> publisher)
{
    if (m_publisher) {
        // Re-created (a new master identity): the old one stops first and
        // goes once the window follows the new one.
        m_publisher->stop();
        m_publisher.release()->deleteLater();
    }
    m_publisher = std::move(publisher);
    m_window->setBackend(m_publisher.get());
    m_publisher->start();
    m_publisher->setAutoPublish(true);
    if (m_fleetAttached)
        syncFileOnlyRows();
    emit publisherAttached(m_publisher.get());
}

void ConsoleController::fail(const QString& title, const Error& error)
{
    if (!m_window)
        return;
    if (!m_window->taskBar()->isRunning())
        m_window->taskBar()->begin(title, false);
    m_window->taskBar()->finish(title + QStringLiteral(": ") + error.message, false);
    if (!error.detail.isEmpty())
        m_window->taskBar()->setToolTip(error.detail);
}

void ConsoleController::attachFleet(const fleet::FleetConfig& config)
{
    if (!m_window)
        return;
    m_fleet = config;
    m_fleetAttached = true;
    m_window->setLabKey(false);
    QStringList notAttached;
    const auto& service = config.service();
    if (!service || service->onionAddress.isEmpty()) {
        m_window->setNotice(tr("The fleet has no master identity yet: choose Identity → Master identity… to "
                               "import or create one, then restart the console."));
        syncFileOnlyRows();
        return;
    }
    m_sshTransports.clear();
    deploy::FleetEndpoints::Options ssh;
    ssh.ssh = m_sshOptions;
    QList<NodeEndpoint> endpoints = fleetEndpoints(config, &notAttached, ssh, &m_sshTransports);
    if (service->seedLocation == fleet::ManagedService::SeedLocation::KeyFile) {
        auto identity = onion::MasterIdentity::importFile(service->keyFile);
        if (!identity.ok()) {
            fail(tr("The master key could not be loaded"), identity.error());
            return;
        }
        readFleetPasswords(std::move(endpoints), notAttached, std::move(identity.value()));
        return;
    }
    if (m_store == nullptr) {
        fail(tr("The master key could not be loaded"),
             makeError(ErrorCode::Unavailable, tr("No keychain is available")));
        return;
    }
    m_window->taskBar()->begin(tr("Reading the master key from the keychain"), false);
    m_window->taskBar()->setProgress(QString(), -1);
    // The endpoints are move-only in spirit (shared providers): keep them alive in the callback.
    auto pending = std::make_shared<QList<NodeEndpoint>>(std::move(endpoints));
    QPointer<ConsoleController> self(this);
    m_store->read(service->keychainKey(), [self, pending, notAttached](Result<crypto::SecretBuffer> secret) {
        if (!self)
            return;
        if (!secret.ok()) {
            self->fail(tr("The master key could not be read from the keychain"), secret.error());
            return;
        }
        crypto::SecretBuffer bytes = std::move(secret.value());
        // A seed, an expanded key, or tor's secret key file (the identity
        // dialog stores that for an imported key without a seed).
        auto identity = bytes.size() == 64   ? onion::MasterIdentity::fromExpanded(std::move(bytes))
                        : bytes.size() == 32 ? onion::MasterIdentity::fromSeed(std::move(bytes))
                                             : onion::MasterIdentity::importBytes(bytes.view());
        if (!identity.ok()) {
            self->fail(tr("The master key in the keychain is not usable"), identity.error());
            return;
        }
        self->m_window->taskBar()->finish(tr("Master key loaded"), true);
        self->readFleetPasswords(std::move(*pending), notAttached, std::move(identity.value()));
    });
}

void ConsoleController::readFleetPasswords(QList<NodeEndpoint> endpoints, QStringList notAttached,
                                           onion::MasterIdentity identity)
{
    auto job = std::make_shared<FleetJob>();
    job->endpoints = std::move(endpoints);
    job->passwords.resize(static_cast<std::size_t>(job->endpoints.size()));
    job->notAttached = std::move(notAttached);
    job->identity.emplace(std::move(identity));
    readNextPassword(job);
}

// One keychain read per password node, one after the other; then the publisher.
void ConsoleController::readNextPassword(const std::shared_ptr<FleetJob>& job)
{
    while (job->next < job->endpoints.size()) {
        const qsizetype i = job->next++;
        const fleet::NodeConfig* node = m_fleet.node(job->endpoints.at(i).name);
        if (node == nullptr || node->auth != fleet::AuthMethod::Password)
            continue;
        if (m_store == nullptr) {
            job->notAttached << tr("%1: its control password is in the keychain, which is not available")
                                    .arg(node->name);
            continue;
        }
        const QString name = node->name;
        QPointer<ConsoleController> self(this);
        m_store->read(node->passwordKeychainKey(), [self, job, i, name](Result<crypto::SecretBuffer> r) {
            if (!self)
                return;
            if (r.ok())
                job->passwords[static_cast<std::size_t>(i)] = std::move(r.value());
            else
                job->notAttached << tr("%1: control password: %2").arg(name, r.error().message);
            self->readNextPassword(job);
        });
        return;
    }
    auto publisher = std::make_unique<Publisher>(std::move(*job->identity), PublisherSettings{});
    job->identity.reset();
    for (qsizetype i = 0; i < job->endpoints.size(); ++i) {
        const fleet::NodeConfig* node = m_fleet.node(job->endpoints.at(i).name);
        auto& password = job->passwords[static_cast<std::size_t>(i)];
        if (node != nullptr && node->auth == fleet::AuthMethod::Password && !password)
            continue;  // listed in notAttached
        NodeCredentials creds;
        if (password)
            creds.password = std::move(*password);
        const Status st = publisher->addNode(job->endpoints.at(i), std::move(creds));
        if (!st.ok())
            job->notAttached << st.error().message;
    }
    if (!job->notAttached.isEmpty()) {
        m_window->setNotice(tr("%n node(s) of the fleet are not attached:", nullptr,
                               static_cast<int>(job->notAttached.size())) +
                            QStringLiteral("\n• ") + job->notAttached.join(QStringLiteral("\n• ")));
    } else {
        m_window->setNotice(QString());
    }
    attach(std::move(publisher));
}

void ConsoleController::shutdown(const std::function<void()>& done)
{
    m_shuttingDown = true;
    if (m_publisher)
        m_publisher->stop();
    if (m_lab == nullptr || !m_lab->ownsLab() || m_lab->state() == LabLauncher::State::Failed) {
        done();
        return;
    }
    if (m_window) {
        m_window->taskBar()->begin(tr("Stopping the lab network"), false);
        m_window->taskBar()->setProgress(tr("Stopping its tor processes and removing %1").arg(m_lab->dir()), -1);
    }
    connect(m_lab, &LabLauncher::stopped, this, [done] { done(); }, Qt::SingleShotConnection);
    m_lab->stop();
}

QString ConsoleController::fleetPath() const
{
    return m_fleetPath.isEmpty() ? fleet::FleetConfig::defaultPath() : m_fleetPath;
}

Result<fleet::FleetConfig> ConsoleController::loadFleetFile() const
{
    auto config = fleet::FleetConfig::loadOrEmpty(fleetPath());
    if (!config.ok()) {
        return makeError(config.error().code,
                         tr("The fleet file %1 cannot be read (%2); it was not changed. Correct or move it, then "
                            "try again.")
                             .arg(fleetPath(), config.error().message),
                         config.error().detail);
    }
    return config;
}

std::optional<fleet::NodeConfig> ConsoleController::nodeConfig(const QString& name) const
{
    if (m_fleetAttached) {
        const fleet::NodeConfig* node = m_fleet.node(name);
        return node != nullptr ? std::optional(*node) : std::nullopt;
    }
    auto config = fleet::FleetConfig::loadOrEmpty(fleetPath());
    const fleet::NodeConfig* node = config.ok() ? config->node(name) : nullptr;
    return node != nullptr ? std::optional(*node) : std::nullopt;
}

QString ConsoleController::notLiveReason(const fleet::FleetConfig& config) const
{
    if (m_lab != nullptr) {
        return tr("The console runs the lab network now: the fleet file %1 is used instead of the lab from the "
                  "next start.")
            .arg(fleetPath());
    }
    if (!config.service() || config.service()->onionAddress.isEmpty()) {
        return tr("The fleet has no master identity yet: choose Identity → Master identity… to import or create "
                  "one; the console then publishes for the fleet.");
    }
    return tr("The fleet file %1 is used from the next start.").arg(fleetPath());
}

Result<QString> ConsoleController::saveNode(const fleet::NodeConfig& node, const QString& previousName)
{
    if (const Status valid = node.validate(); !valid.ok()) {
        return makeError(valid.error().code, tr("The node %1 is not valid: %2").arg(node.name, valid.error().message),
                         valid.error().detail);
    }
    RB_TRY(fleet::FleetConfig config, loadFleetFile());
    const bool renamed = !previousName.isEmpty() && previousName != node.name;
    if ((previousName.isEmpty() || renamed) && config.node(node.name) != nullptr) {
        return makeError(ErrorCode::InvalidArgument,
                         tr("The fleet already has a node named %1: choose another name.").arg(node.name));
    }
    if (renamed && config.node(previousName) != nullptr)
        RB_TRY_STATUS(config.removeNode(previousName));
    RB_TRY_STATUS(config.addNode(node, /*replace=*/true));
    if (const Status saved = config.save(fleetPath()); !saved.ok()) {
        return makeError(saved.error().code,
                         tr("The node was not saved: %1 (the fleet file is unchanged).").arg(saved.error().message),
                         saved.error().detail);
    }
    m_fleet = config;

    if (publishesFleet()) {
        if (renamed) {
            m_publisher->removeNode(previousName);
            m_sshTransports.remove(previousName);
            forgetRow(previousName);
        }
        attachNode(node.name);
        syncFileOnlyRows();
        if (!node.enabled)
            return tr("Node %1 saved in %2; it is disabled and not used by the publisher.").arg(node.name, fleetPath());
        return tr("Node %1 saved in %2 and attached to the publisher.").arg(node.name, fleetPath());
    }
    const bool hasIdentity = config.service() && !config.service()->onionAddress.isEmpty();
    if (m_lab == nullptr && !m_publisher && hasIdentity && !config.nodes().isEmpty()) {
        attachFleet(config);
        return tr("Node %1 saved in %2; the console now publishes for the fleet.").arg(node.name, fleetPath());
    }
    if (renamed)
        forgetRow(previousName);
    syncFileOnlyRows();
    const QString why = notLiveReason(config);
    if (m_window)
        m_window->setNotice(why);
    return QString(tr("Node %1 saved in %2.").arg(node.name, fleetPath()) + QLatin1Char(' ') + why);
}

Result<QString> ConsoleController::removeNode(const QString& name)
{
    RB_TRY(fleet::FleetConfig config, loadFleetFile());
    if (config.node(name) == nullptr) {
        return makeError(ErrorCode::NotFound, tr("The node %1 is not in the fleet file %2.").arg(name, fleetPath()));
    }
    RB_TRY_STATUS(config.removeNode(name));
    if (const Status saved = config.save(fleetPath()); !saved.ok()) {
        return makeError(saved.error().code,
                         tr("The node was not removed: %1 (the fleet file is unchanged).").arg(saved.error().message),
                         saved.error().detail);
    }
    m_fleet = config;
    forgetRow(name);
    if (publishesFleet()) {
        m_publisher->removeNode(name);
        m_sshTransports.remove(name);
        return tr("Node %1 removed from %2 and from the publisher; nothing on the node was changed.")
            .arg(name, fleetPath());
    }
    return tr("Node %1 removed from %2; nothing on the node was changed.").arg(name, fleetPath());
}

void ConsoleController::attachNode(const QString& name)
{
    const fleet::NodeConfig* node = m_fleet.node(name);
    if (node == nullptr || !node->enabled) {
        m_publisher->removeNode(name);
        m_sshTransports.remove(name);
        return;
    }
    fleet::FleetConfig one;
    QStringList notAttached;
    QList<NodeEndpoint> endpoints;
    if (const Status added = one.addNode(*node); !added.ok()) {
        notAttached << tr("%1: %2").arg(name, added.error().message);
    } else {
        deploy::FleetEndpoints::Options ssh;
        ssh.ssh = m_sshOptions;
        SshTransports transports;
        endpoints = fleetEndpoints(one, &notAttached, ssh, &transports);
        m_sshTransports.remove(name);
        m_sshTransports.insert(transports);
    }
    if (endpoints.isEmpty()) {
        m_publisher->removeNode(name);
        m_sshTransports.remove(name);
        if (m_window)
            m_window->setNotice(tr("%n node(s) of the fleet are not attached:", nullptr,
                                   static_cast<int>(notAttached.size())) +
                                QStringLiteral("\n• ") + notAttached.join(QStringLiteral("\n• ")));
        return;
    }
    const NodeEndpoint endpoint = endpoints.constFirst();
    if (node->auth != fleet::AuthMethod::Password) {
        addOrReplace(endpoint, NodeCredentials{});
        return;
    }
    if (m_store == nullptr) {
        m_publisher->removeNode(name);
        if (m_window)
            m_window->setNotice(tr("%1: its control password is in the keychain, which is not available").arg(name));
        return;
    }
    QPointer<ConsoleController> self(this);
    m_store->read(node->passwordKeychainKey(), [self, endpoint, name](Result<crypto::SecretBuffer> password) {
        if (!self || !self->publishesFleet())
            return;
        if (!password.ok()) {
            self->m_publisher->removeNode(name);
            self->syncFileOnlyRows();
            if (self->m_window)
                self->m_window->setNotice(tr("%1: control password: %2").arg(name, password.error().message));
            return;
        }
        NodeCredentials credentials;
        credentials.password = std::move(password.value());
        self->addOrReplace(endpoint, std::move(credentials));
    });
}

void ConsoleController::syncFileOnlyRows()
{
    if (!m_window || m_lab != nullptr)
        return;
    for (const fleet::NodeConfig& n : m_fleet.nodes()) {
        if (m_publisher && m_publisher->session(n.name) != nullptr)
            continue;
        balancer::NodeHealth row;
        row.name = n.name;
        row.sshTarget = n.sshTarget;
        row.connectionDetail =
            n.enabled ? tr("In the fleet file, not attached (see the notice above the fleet table).")
                      : tr("Disabled in the fleet file: complete it with Fleet → Edit node… and enable it.");
        m_window->fleetModel()->upsert(row);
    }
}

void ConsoleController::forgetRow(const QString& name)
{
    if (m_window && m_lab == nullptr && !(m_publisher && m_publisher->session(name) != nullptr))
        m_window->fleetModel()->removeKey(name);
}

void ConsoleController::addOrReplace(const NodeEndpoint& endpoint, NodeCredentials credentials)
{
    const Status st = m_publisher->session(endpoint.name) != nullptr
                          ? m_publisher->replaceNode(endpoint, std::move(credentials))
                          : m_publisher->addNode(endpoint, std::move(credentials));
    if (!st.ok() && m_window)
        m_window->setNotice(tr("%1: %2").arg(endpoint.name, st.error().message));
}

Result<QString> ConsoleController::recordMasterIdentity(const QString& address)
{
    auto parsed = onion::OnionAddress::parse(address);
    if (!parsed.ok())
        return parsed.error();
    RB_TRY(fleet::FleetConfig config, loadFleetFile());
    fleet::ManagedService service = config.service().value_or(fleet::ManagedService{});
    service.onionAddress = parsed->toString();
    service.seedLocation = fleet::ManagedService::SeedLocation::Keychain;
    service.keyFile.clear();
    RB_TRY_STATUS(config.setService(service));
    RB_TRY_STATUS(config.save(fleetPath()));
    m_fleet = config;
    const QString who = service.onionAddress;
    if (config.nodes().isEmpty()) {
        const QString text =
            tr("Master identity %1 recorded in %2. Add the fleet's nodes with Fleet → Add node….").arg(who, fleetPath());
        if (m_window)
            m_window->setNotice(text);
        return text;
    }
    if (m_lab != nullptr) {
        const QString text = tr("Master identity %1 recorded in %2. The console runs the lab network now: the fleet "
                                "file and this identity are used instead of the lab from the next start.")
                                 .arg(who, fleetPath());
        if (m_window)
            m_window->setNotice(text);
        return text;
    }
    // The publisher signs with the key it was created with: a new one, from the keychain.
    attachFleet(config);
    return tr("Master identity %1 recorded in %2; the publisher restarts with it.").arg(who, fleetPath());
}

Result<QString> ConsoleController::previewOnionbalanceImport(const QString& yamlPath) const
{
    RB_TRY(fleet::FleetConfig existing, loadFleetFile());
    QFile file(yamlPath);
    if (!file.open(QIODevice::ReadOnly)) {
        return makeError(ErrorCode::IoError, tr("The Onionbalance config %1 cannot be read.").arg(yamlPath),
                         file.errorString());
    }
    RB_TRY(QList<fleet::OnionbalanceImport::Service> services,
           fleet::OnionbalanceImport::parse(file.read(fleet::FleetConfig::kMaxFileSize),
                                            QFileInfo(yamlPath).absolutePath()));
    const bool hadService = existing.service().has_value();
    const QString hadAddress = hadService ? existing.service()->onionAddress : QString();
    QSet<QString> known;
    for (const fleet::NodeConfig& n : existing.nodes())
        known.insert(n.name);
    RB_TRY(fleet::OnionbalanceImport::Outcome outcome,
           fleet::OnionbalanceImport::toFleet(services, std::move(existing)));
    const auto& service = services.constFirst();
    QStringList lines;
    lines << tr("Import %1 into the fleet file %2:").arg(yamlPath, fleetPath());
    auto identity = onion::MasterIdentity::importFile(service.keyPath);
    const QString keyAddress = identity.ok() ? identity->address().toString() : QString();
    if (!hadService) {
        if (!identity.ok()) {
            return makeError(identity.error().code,
                             tr("The master key %1 of the Onionbalance config cannot be used: %2")
                                 .arg(service.keyPath, identity.error().message),
                             identity.error().detail);
        }
        lines << (m_store != nullptr
                      ? tr("• Master identity %1 (key %2), stored in the keychain.").arg(keyAddress, service.keyPath)
                      : tr("• Master identity %1, read from its key file %2 (no keychain is available).")
                            .arg(keyAddress, service.keyPath));
    } else if (!keyAddress.isEmpty() && !hadAddress.isEmpty() && keyAddress != hadAddress) {
        lines << tr("• The fleet keeps its master identity %1; the Onionbalance key is for %2, a DIFFERENT address.")
                     .arg(hadAddress, keyAddress);
    } else {
        lines << tr("• The fleet keeps its master identity %1.").arg(hadAddress.isEmpty() ? tr("(none yet)") : hadAddress);
    }
    QStringList added;
    for (const fleet::NodeConfig& n : outcome.fleet.nodes()) {
        if (!known.contains(n.name))
            added << tr("%1 (was backend %2)").arg(n.name, n.instanceAddress);
    }
    lines << tr("• %n node(s), disabled until you complete them (SSH target, control endpoint) with Fleet → "
                "Edit node…:",
                nullptr, static_cast<int>(added.size()));
    for (const QString& a : std::as_const(added))
        lines << QStringLiteral("    ") + a;
    for (const QString& w : std::as_const(outcome.warnings))
        lines << tr("Warning: %1").arg(w);
    lines << tr("Nothing on the nodes changes.");
    return lines.join(QLatin1Char('\n'));
}

void ConsoleController::importOnionbalance(const QString& yamlPath, const std::function<void(Result<QString>)>& done)
{
    auto existing = loadFleetFile();
    if (!existing.ok()) {
        done(existing.error());
        return;
    }
    const bool hadService = existing->service().has_value();
    const int before = static_cast<int>(existing->nodes().size());
    auto outcome = fleet::OnionbalanceImport::importFile(yamlPath, std::move(existing.value()));
    if (!outcome.ok()) {
        done(outcome.error());
        return;
    }
    fleet::FleetConfig config = std::move(outcome->fleet);
    const int imported = static_cast<int>(config.nodes().size()) - before;
    if (hadService) {
        done(saveImported(std::move(config), imported));
        return;
    }
    // A new master identity: its address from the key; the key into the keychain.
    const QString keyPath = config.service()->keyFile;
    auto identity = onion::MasterIdentity::importFile(keyPath);
    if (!identity.ok()) {
        done(makeError(identity.error().code,
                       tr("The master key %1 of the Onionbalance config cannot be used: %2")
                           .arg(keyPath, identity.error().message),
                       identity.error().detail));
        return;
    }
    fleet::ManagedService service;
    service.onionAddress = identity->address().toString();
    if (m_store == nullptr) {
        service.seedLocation = fleet::ManagedService::SeedLocation::KeyFile;
        service.keyFile = keyPath;
        if (const Status st = config.setService(service); !st.ok()) {
            done(st.error());
            return;
        }
        done(saveImported(std::move(config), imported));
        return;
    }
    auto key = secrets::ISecretStore::masterSeedKey(service.onionAddress);
    if (!key.ok()) {
        done(key.error());
        return;
    }
    service.seedLocation = fleet::ManagedService::SeedLocation::Keychain;
    if (const Status st = config.setService(service); !st.ok()) {
        done(st.error());
        return;
    }
    // The seed when known; else tor's secret key file (attachFleet reads both).
    const crypto::SecretBuffer secret = identity->hasSeed() ? identity->seed().clone() : identity->torSecretKeyFile();
    QPointer<ConsoleController> self(this);
    auto pending = std::make_shared<fleet::FleetConfig>(std::move(config));
    m_store->write(key.value(), secret, [self, pending, imported, done](Status st) {
        if (!self)
            return;
        if (!st.ok()) {
            done(makeError(st.error().code,
                           tr("The master key could not be stored in the keychain (%1); the fleet file was not "
                              "changed.")
                               .arg(st.error().message),
                           st.error().detail));
            return;
        }
        done(self->saveImported(std::move(*pending), imported));
    });
}

Result<QString> ConsoleController::saveImported(fleet::FleetConfig config, int imported)
{
    if (const Status saved = config.save(fleetPath()); !saved.ok()) {
        return makeError(saved.error().code,
                         tr("Nothing was imported: %1 (the fleet file is unchanged).").arg(saved.error().message),
                         saved.error().detail);
    }
    m_fleet = std::move(config);
    syncFileOnlyRows();
    QString text = tr("Imported %n node(s) into %1: complete each with Fleet → Edit node… (SSH target, control "
                      "endpoint) and enable it.",
                      nullptr, imported)
                       .arg(fleetPath());
    if (m_lab != nullptr)
        text += QLatin1Char(' ') + notLiveReason(m_fleet);
    if (m_window)
        m_window->setNotice(text);
    return text;
}

bool ConsoleController::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_window && event->type() == QEvent::Close && !m_closeAllowed) {
        const bool labRunning = m_lab != nullptr && m_lab->ownsLab() &&
                                m_lab->state() != LabLauncher::State::Failed;
        if (!labRunning)
            return false;
        event->ignore();
        if (!m_shuttingDown) {
            QPointer<ui::MainWindow> window = m_window;
            shutdown([this, window] {
                m_closeAllowed = true;
                if (window)
                    window->close();
            });
        }
        return true;
    }
    return QObject::eventFilter(watched, event);
}

}  // namespace rb::console
