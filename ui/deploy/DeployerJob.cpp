#include "DeployerJob.h"

#include "balancer/FleetBackend.h"
#include "deploy/MasterKeySource.h"
#include "secrets/ISecretStore.h"
#include "ssh/SshTarget.h"

#include <QTimer>

namespace rb::ui {

DeployerJob::DeployerJob(fleet::NodeConfig node, deploy::DeploySettings settings, ssh::SshOptions ssh,
                         Operation operation, secrets::ISecretStore* store, QString masterAddress, QObject* parent)
    : DeployJob(parent), m_node(std::move(node)), m_operation(operation), m_store(store),
      m_masterAddress(std::move(masterAddress))
{
    m_deployer = new deploy::Deployer(m_node, std::move(settings), std::move(ssh), this);
    connect(m_deployer, &deploy::Deployer::stepStarted, this, &DeployJob::stepStarted);
    connect(m_deployer, &deploy::Deployer::stepFinished, this, &DeployJob::stepFinished);
    connect(m_deployer, &deploy::Deployer::stepFailed, this, &DeployJob::stepFailed);
    connect(m_deployer, &deploy::Deployer::logLine, this, &DeployJob::logLine);
    connect(m_deployer, &deploy::Deployer::finished, this, [this](bool ok) {
        m_deployerRunning = false;
        emit finished(ok);
    });
    m_report.operation = operation;
    m_report.node = m_node.name;
    m_report.masterAddress = m_masterAddress;
    m_report.hiddenServiceDir = m_node.hiddenServiceDir;
}

DeployerJob::~DeployerJob() = default;

const DeployJob::Report& DeployerJob::report() const
{
    return m_deployer->isRunning() || m_deployer->report().outcome != Outcome::Running ? m_deployer->report()
                                                                                       : m_report;
}

Status DeployerJob::start()
{
    if (m_started)
        return makeError(ErrorCode::NotReady, tr("This deployment of %1 has already started.").arg(m_node.name));
    if (m_node.sshTarget.isEmpty())
        return makeError(
            ErrorCode::InvalidArgument,
            tr("Node %1 has no SSH target: set one with Fleet → Edit node… to deploy to it.").arg(m_node.name));
    if (m_store == nullptr && (m_operation == Operation::Deploy || m_node.auth == fleet::AuthMethod::Password))
        return makeError(ErrorCode::Unavailable, tr("No keychain is available to read the master key from."));
    if (m_operation == Operation::Deploy && m_masterAddress.isEmpty())
        return makeError(ErrorCode::NotReady,
                         tr("No master identity is configured: create or import one with Identity → Master "
                            "identity… first."));
    m_started = true;
    // Asynchronous from here on: the caller gets finished() in every case.
    QTimer::singleShot(0, this, &DeployerJob::readPassword);
    return {};
}

void DeployerJob::cancel()
{
    m_cancel = true;
    if (m_deployerRunning)
        m_deployer->cancel();
}

void DeployerJob::failBeforeStart(const Error& error)
{
    m_report.outcome = Outcome::Failed;
    m_report.error = error;
    emit logLine(error.message);
    emit finished(false);
}

void DeployerJob::readPassword()
{
    if (m_cancel) {
        failBeforeStart(makeError(ErrorCode::Cancelled, tr("Cancelled before anything was changed.")));
        return;
    }
    if (m_node.auth != fleet::AuthMethod::Password) {
        readMasterAndRun();
        return;
    }
    emit logLine(tr("Reading the control password from the keychain"));
    QPointer<DeployerJob> self(this);
    m_store->read(m_node.passwordKeychainKey(), [self](Result<crypto::SecretBuffer> secret) {
        if (!self)
            return;
        if (!secret.ok()) {
            self->failBeforeStart(secret.error());
            return;
        }
        self->m_deployer->setControlPassword(std::move(secret.value()));
        self->readMasterAndRun();
    });
}

void DeployerJob::readMasterAndRun()
{
    if (m_operation == Operation::Undeploy) {
        run(std::nullopt);
        return;
    }
    emit logLine(tr("Reading the master key of %1 from the keychain").arg(m_masterAddress));
    QPointer<DeployerJob> self(this);
    deploy::MasterKeySource::fromKeychain(*m_store, m_masterAddress, [self](Result<onion::MasterIdentity> id) {
        if (!self)
            return;
        if (!id.ok()) {
            self->failBeforeStart(id.error());
            return;
        }
        self->run(std::move(id.value()));
    });
}

void DeployerJob::run(std::optional<onion::MasterIdentity> master)
{
    if (m_cancel) {
        failBeforeStart(makeError(ErrorCode::Cancelled, tr("Cancelled before anything was changed.")));
        return;
    }
    const Status st = master ? m_deployer->deploy(std::move(*master)) : m_deployer->undeploy();
    if (!st.ok()) {
        failBeforeStart(st.error());
        return;
    }
    m_deployerRunning = true;
}

FleetDeployJobFactory::FleetDeployJobFactory(balancer::FleetBackend* backend, secrets::ISecretStore* store,
                                             QString masterAddress, deploy::DeployConfig config, ssh::SshOptions ssh)
    : m_backend(backend), m_store(store), m_masterAddress(std::move(masterAddress)), m_config(std::move(config)),
      m_ssh(std::move(ssh))
{
}

void FleetDeployJobFactory::update(balancer::FleetBackend* backend, secrets::ISecretStore* store, QString masterAddress,
                                   deploy::DeployConfig config)
{
    m_backend = backend;
    m_store = store;
    m_masterAddress = std::move(masterAddress);
    m_config = std::move(config);
}

std::optional<fleet::NodeConfig> FleetDeployJobFactory::nodeConfig(const QString& node) const
{
    if (m_backend) {
        if (auto config = m_backend->nodeConfig(node))
            return config;
    }
    return m_lookup ? m_lookup(node) : std::nullopt;
}

QString FleetDeployJobFactory::sshTarget(const QString& node) const
{
    if (!m_backend)
        return {};
    const auto config = nodeConfig(node);
    return config ? config->sshTarget : QString();
}

Result<std::unique_ptr<DeployJob>> FleetDeployJobFactory::create(const QString& node, DeployJob::Operation operation)
{
    if (!m_backend)
        return makeError(ErrorCode::Unavailable, DeployerJob::tr("The console is not attached to a fleet."));
    const auto config = nodeConfig(node);
    if (!config)
        return makeError(ErrorCode::NotFound,
                         DeployerJob::tr("Node %1 is not in the fleet configuration (the lab network's nodes are "
                                         "deployed by the lab itself).")
                             .arg(node));
    std::unique_ptr<DeployJob> job =
        std::make_unique<DeployerJob>(*config, m_config.settingsFor(node), m_ssh, operation, m_store, m_masterAddress);
    return job;
}

void FleetDeployJobFactory::probeHostKey(const QString& node, std::function<void(Result<ssh::HostKeyInfo>)> done)
{
    auto target = ssh::SshTarget::parse(sshTarget(node));
    if (!target.ok()) {
        done(target.error());
        return;
    }
    auto* verifier = new ssh::HostKeyVerifier(m_ssh);
    verifier->probe(target.value(), [verifier, done](Result<ssh::HostKeyInfo> info) {
        verifier->deleteLater();
        done(std::move(info));
    });
}

void FleetDeployJobFactory::acceptHostKey(const ssh::HostKeyInfo& info, std::function<void(Status)> done)
{
    auto* verifier = new ssh::HostKeyVerifier(m_ssh);
    verifier->accept(info, [verifier, done](Status st) {
        verifier->deleteLater();
        done(std::move(st));
    });
}

}  // namespace rb::ui
