#pragma once
// The publisher's endpoint for a fleet node reached over SSH, shared by the
// console and rbctl: one SshNodeTransport (control port + MetricsPort
// forwards, node commands) wrapped in an SshEndpointProvider (which also reads
// tor's control cookie on the node, see the rule in balancer/NodeEndpoint.h)
// and an SshNodeFileAccess (ob_config, hostname). The provider and the file
// access own the transport together: it lives exactly as long as the last
// endpoint copy holding either (the session), then ssh is stopped, its local
// sockets removed and the runtime directory removed once empty.
//
// Nothing is started here: the tunnel comes up when the session first
// resolves its control address. An unknown or changed host key stops the
// tunnel (tunnelState "host-key-unknown" / "host-key-changed") until the
// operator acts; restartStopped() starts it again afterwards.

#include "balancer/NodeEndpoint.h"
#include "fleet/NodeConfig.h"
#include "ssh/SshOptions.h"
#include "util/Result.h"

#include <QString>

#include <memory>

namespace rb::deploy {

class SshNodeTransport;

class FleetEndpoints {
public:
    struct Options {
        ssh::SshOptions ssh;  // ssh program, -F config file, known_hosts
        // The tunnels' local sockets: a directory private to this process
        // (created 0700 and checked by SshTunnel; never shared with another
        // console or rbctl, the socket names are per node). Required.
        QString runtimeDir;
    };

    // The endpoint of one fleet node over SSH: name, hidden-service dir and
    // weight (at least 1) from the node; no local cookie file (the provider
    // reads the cookie on the node). Fails on an incomplete node (no SSH
    // target or control endpoint, malformed endpoints) or without runtimeDir.
    // *transport (optional) observes the transport without keeping it alive.
    static Result<balancer::NodeEndpoint> sshEndpoint(const fleet::NodeConfig& node, const Options& options,
                                                      std::weak_ptr<SshNodeTransport>* transport = nullptr);

    // SshTunnel::defaultRuntimeDir()/<program>-<pid>: a per-process socket directory.
    static QString processRuntimeDir(const QString& program);

    // The operator acted (accepted the host key, fixed the agent): starts a
    // tunnel that stopped for the operator again. No-op for a tunnel that is
    // running, backing off or not started (false then).
    static bool restartStopped(SshNodeTransport* transport);
};

}  // namespace rb::deploy
