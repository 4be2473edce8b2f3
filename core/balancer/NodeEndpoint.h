#pragma once
// Everything a NodeSession needs to reach one node, except secrets:
// where the control port is (through an EndpointProvider, so an SSH tunnel
// can supply the local socket path later), how to authenticate (references
// only — a password travels separately in NodeCredentials), how to read the
// node's files for the configuration check, and its merge weight.

#include "balancer/ControlAddress.h"
#include "balancer/EndpointProvider.h"
#include "balancer/NodeFileAccess.h"
#include "crypto/SecretBuffer.h"

#include <QString>

#include <memory>
#include <optional>

namespace rb::balancer {

struct NodeEndpoint {
    QString name;                                // the node's identity in the fleet
    std::shared_ptr<EndpointProvider> provider;  // where to connect (required)
    QString cookieFile;                          // readable here; empty = none
    // With no cookie file and no password: use the COOKIEFILE tor advertises
    // (SAFECOOKIE only; a tor on this machine).
    bool useAdvertisedCookie = true;
    // Remote cookie rule: when cookieFile is EMPTY and provider->canReadCookie()
    // (an SSH node: the cookie lives on the node), every connection reads the
    // cookie through provider->readCookie() right after PROTOCOLINFO — the
    // provider's configured path, else the COOKIEFILE tor advertises — and
    // authenticates with it (SAFECOOKIE, else COOKIE). It is skipped when tor
    // offers NULL, offers neither cookie method, or when a password is given
    // and tor offers HASHEDPASSWORD. useAdvertisedCookie is ignored then (the
    // advertised path is on the node, not here). A local cookieFile always wins.
    QString hiddenServiceDir;                    // on the node; empty = learn it from tor (GETCONF)
    std::shared_ptr<NodeFileAccess> files;       // null = files not reachable ("not verified")
    int weight = 1;                              // merge weight (picks per round)
    // Subscribe to INFO log events for the exact "Initiating upload" trigger.
    // Off by default: INFO volume grows with client traffic (several lines per
    // introduction), which is a lot to stream over an SSH tunnel; intro-circuit
    // events plus follow-up re-reads catch the same changes.
    bool infoEvents = false;

    // Convenience: a direct TCP / Unix-socket node on this machine.
    static NodeEndpoint direct(const QString& name, const ControlAddress& control,
                               std::optional<ControlAddress> metrics = std::nullopt);
};

// Secrets for authentication (move-only). The cookie itself is read from
// NodeEndpoint::cookieFile (or through the provider, see above) at every
// connection (tor rewrites it on restart).
struct NodeCredentials {
    std::optional<crypto::SecretBuffer> password;
};

}  // namespace rb::balancer
