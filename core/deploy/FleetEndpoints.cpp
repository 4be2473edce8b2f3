#include "deploy/FleetEndpoints.h"

#include "deploy/SshEndpointProvider.h"
#include "deploy/SshNodeTransport.h"

#include <QCoreApplication>
#include <QDir>

#include <algorithm>
#include <utility>

namespace rb::deploy {

Result<balancer::NodeEndpoint> FleetEndpoints::sshEndpoint(const fleet::NodeConfig& node, const Options& options,
                                                           std::weak_ptr<SshNodeTransport>* transportOut)
{
    if (options.runtimeDir.isEmpty()) {
        return makeError(
            ErrorCode::InvalidArgument,
            QStringLiteral("No directory for the SSH tunnels' local sockets was given (node %1).").arg(node.name));
    }
    RB_TRY(SshNodeTransport::Settings settings, SshNodeTransport::Settings::fromNodeConfig(node, options.ssh));
    const QString dir = options.runtimeDir;
    settings.runtimeDir = dir;

    balancer::NodeEndpoint e;
    e.name = node.name;
    e.hiddenServiceDir = node.hiddenServiceDir;
    e.weight = std::max(1, node.weight);
    e.useAdvertisedCookie = false;  // the advertised path is on the node: the provider reads it there
    // Deleted (ssh killed, sockets removed) when the last endpoint holding it goes.
    std::shared_ptr<SshNodeTransport> transport(new SshNodeTransport(std::move(settings)), [dir](SshNodeTransport* t) {
        delete t;
        QDir().rmdir(dir);  // only once empty
    });
    e.provider = std::shared_ptr<SshEndpointProvider>(new SshEndpointProvider(transport.get()),
                                                      [transport](SshEndpointProvider* p) { delete p; });
    e.files = std::shared_ptr<SshNodeFileAccess>(new SshNodeFileAccess(transport.get()),
                                                 [transport](SshNodeFileAccess* f) { delete f; });
    if (transportOut != nullptr) {
        *transportOut = transport;
    }
    return e;
}

QString FleetEndpoints::processRuntimeDir(const QString& program)
{
    return ssh::SshTunnel::defaultRuntimeDir() +
           QStringLiteral("/%1-%2").arg(program).arg(QCoreApplication::applicationPid());
}

bool FleetEndpoints::restartStopped(SshNodeTransport* transport)
{
    if (transport == nullptr || !SshNodeTransport::isTerminal(transport->tunnel()->state())) {
        return false;
    }
    return transport->start().ok();
}

}  // namespace rb::deploy
