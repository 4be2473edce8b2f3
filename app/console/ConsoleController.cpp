#include "ConsoleController.h"

#include "LabMasterKey.h"
#include "MainWindow.h"
#include "balancer/ControlAddress.h"
#include "balancer/NodeEndpoint.h"
#include "deploy/SshNodeTransport.h"
#include "secrets/ISecretStore.h"
#include "ssh/SshTarget.h"
#include "widgets/TaskProgressBar.h"

#include <QCloseEvent>
#include <QDateTime>
#include <QFileInfo>
#include <QHostAddress>

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
    }
}

ConsoleController::~ConsoleController()
{
    if (m_window) {
        m_window->setBackend(nullptr);
        m_window->setNodeConfigLookup({});
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
    m_publisher = std::move(publisher);
    m_window->setBackend(m_publisher.get());
    m_publisher->start();
    m_publisher->setAutoPublish(true);
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
    m_window->setLabKey(false);
    // Deploy and Verify SSH host key… find the fleet's nodes here (the publisher knows only endpoints).
    QPointer<ConsoleController> guard(this);
    m_window->setNodeConfigLookup([guard](const QString& name) -> std::optional<fleet::NodeConfig> {
        const fleet::NodeConfig* node = guard ? guard->m_fleet.node(name) : nullptr;
        return node != nullptr ? std::optional(*node) : std::nullopt;
    });
    QStringList notAttached;
    const auto& service = config.service();
    if (!service || service->onionAddress.isEmpty()) {
        m_window->setNotice(tr("The fleet has no master identity yet: choose Identity → Master identity… to "
                               "import or create one, then restart the console."));
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
        auto identity = bytes.size() == 64 ? onion::MasterIdentity::fromExpanded(std::move(bytes))
                                           : onion::MasterIdentity::fromSeed(std::move(bytes));
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
