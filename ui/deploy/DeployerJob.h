#pragma once
// The real DeployJob: rb::deploy::Deployer on one node. Before it starts, the
// master key (deploy) and the node's control password (password auth) are
// read from the keychain asynchronously; they never leave SecretBuffers.
// FleetDeployJobFactory makes these jobs from the backend's node
// configuration and deploy.json, and probes/accepts SSH host keys with
// rb::ssh::HostKeyVerifier.

#include "deploy/DeployConfig.h"
#include "deploy/DeployJob.h"
#include "fleet/NodeConfig.h"
#include "ssh/SshOptions.h"

#include <QPointer>

#include <functional>
#include <optional>

namespace rb::secrets {
class ISecretStore;
}
namespace rb::balancer {
class FleetBackend;
}

namespace rb::ui {

class DeployerJob : public DeployJob {
    Q_OBJECT
public:
    DeployerJob(fleet::NodeConfig node, deploy::DeploySettings settings, ssh::SshOptions ssh, Operation operation,
                secrets::ISecretStore* store, QString masterAddress, QObject* parent = nullptr);
    ~DeployerJob() override;

    [[nodiscard]] QString node() const override { return m_node.name; }
    [[nodiscard]] Operation operation() const override { return m_operation; }
    Status start() override;
    void cancel() override;
    [[nodiscard]] const Report& report() const override;

private:
    void readPassword();
    void readMasterAndRun();
    void run(std::optional<onion::MasterIdentity> master);
    void failBeforeStart(const Error& error);

    fleet::NodeConfig m_node;
    Operation m_operation;
    secrets::ISecretStore* m_store = nullptr;
    QString m_masterAddress;
    deploy::Deployer* m_deployer = nullptr;
    Report m_report;  // until the deployer runs
    bool m_started = false;
    bool m_deployerRunning = false;
    bool m_cancel = false;
};

class FleetDeployJobFactory : public DeployJobFactory {
public:
    // backend and store are not owned and must outlive the factory's jobs.
    FleetDeployJobFactory(balancer::FleetBackend* backend, secrets::ISecretStore* store, QString masterAddress,
                          deploy::DeployConfig config = {}, ssh::SshOptions ssh = {});

    // Where node configurations come from when the backend has none (the
    // console's publisher: the fleet file's nodes).
    using NodeConfigLookup = std::function<std::optional<fleet::NodeConfig>(const QString& node)>;
    void setNodeConfigLookup(NodeConfigLookup lookup) { m_lookup = std::move(lookup); }
    // How ssh runs for jobs made from now on and for host-key checks.
    void setSshOptions(ssh::SshOptions ssh) { m_ssh = std::move(ssh); }

    // Brings the factory up to date (jobs already made keep their settings).
    void update(balancer::FleetBackend* backend, secrets::ISecretStore* store, QString masterAddress,
                deploy::DeployConfig config);

    [[nodiscard]] QString masterAddress() const override { return m_masterAddress; }
    [[nodiscard]] QString sshTarget(const QString& node) const override;
    Result<std::unique_ptr<DeployJob>> create(const QString& node, DeployJob::Operation operation) override;
    void probeHostKey(const QString& node, std::function<void(Result<ssh::HostKeyInfo>)> done) override;
    void acceptHostKey(const ssh::HostKeyInfo& info, std::function<void(Status)> done) override;

private:
    [[nodiscard]] std::optional<fleet::NodeConfig> nodeConfig(const QString& node) const;

    QPointer<balancer::FleetBackend> m_backend;
    NodeConfigLookup m_lookup;
    secrets::ISecretStore* m_store = nullptr;
    QString m_masterAddress;
    deploy::DeployConfig m_config;
    ssh::SshOptions m_ssh;
};

}  // namespace rb::ui
