#pragma once
// The console's seam to the core's deployer: one DeployJob deploys (or
// undeploys) the master identity on ONE node and reports the same steps as
// rb::deploy::Deployer; a DeployJobFactory makes jobs for named nodes and
// handles the node's SSH host key (first contact). The DeployDialog only talks
// to these interfaces, so tests drive it with a fake deployer; the console
// uses DeployerJob / FleetDeployJobFactory (the real core Deployer).

#include "deploy/Deployer.h"
#include "ssh/HostKeyVerifier.h"
#include "util/Result.h"

#include <QObject>
#include <QString>

#include <functional>
#include <memory>

namespace rb::ui {

class DeployJob : public QObject {
    Q_OBJECT
public:
    using Step = deploy::Deployer::Step;
    using Operation = deploy::Deployer::Operation;
    using Outcome = deploy::Deployer::Outcome;
    using Report = deploy::Deployer::Report;

    explicit DeployJob(QObject* parent = nullptr) : QObject(parent) {}

    [[nodiscard]] virtual QString node() const = 0;
    [[nodiscard]] virtual Operation operation() const = 0;
    // Starts asynchronously. An error here means nothing was started and
    // finished() is not emitted.
    virtual Status start() = 0;
    // Stops at the next step boundary; a deployment that changed the node rolls back.
    virtual void cancel() = 0;
    // Valid once finished() was emitted (and while running, partially).
    [[nodiscard]] virtual const Report& report() const = 0;

signals:
    void stepStarted(rb::deploy::Deployer::Step step, const QString& description, int percent);
    void stepFinished(rb::deploy::Deployer::Step step, const QString& summary);
    void stepFailed(rb::deploy::Deployer::Step step, const QString& message);
    void logLine(const QString& line);
    void finished(bool succeeded);
};

class DeployJobFactory {
public:
    DeployJobFactory() = default;
    virtual ~DeployJobFactory() = default;
    DeployJobFactory(const DeployJobFactory&) = delete;
    DeployJobFactory& operator=(const DeployJobFactory&) = delete;

    // The master address deployed (empty: none configured).
    [[nodiscard]] virtual QString masterAddress() const = 0;
    // The node's SSH target as configured (for messages), empty if unknown.
    [[nodiscard]] virtual QString sshTarget(const QString& node) const = 0;
    virtual Result<std::unique_ptr<DeployJob>> create(const QString& node, DeployJob::Operation operation) = 0;
    // First contact: the node's SSH host key as ssh sees it (no credential offered).
    virtual void probeHostKey(const QString& node, std::function<void(Result<ssh::HostKeyInfo>)> done) = 0;
    // Records an operator-accepted key in the known_hosts ssh uses.
    virtual void acceptHostKey(const ssh::HostKeyInfo& info, std::function<void(Status)> done) = 0;
};

}  // namespace rb::ui
