#pragma once
// Supplies the address a NodeSession connects to. A direct connection uses
// StaticEndpointProvider; an SSH transport (core/ssh/SshTunnel) can implement
// this interface later: resolve() starts/awaits the tunnel and answers with
// the tunnel's local socket path, release() tells it the session no longer
// uses the connection (e.g. after a drop, so it may restart the tunnel).
// Callbacks may fire synchronously or later; they fire exactly once.
//
// A node whose control cookie lives on the node (an SSH node) answers
// canReadCookie() with true and reads it in readCookie(); NodeSession then
// takes the cookie from there (see the rule in NodeEndpoint.h).

#include "balancer/ControlAddress.h"
#include "crypto/SecretBuffer.h"
#include "util/Result.h"

#include <QString>

#include <functional>
#include <optional>

namespace rb::balancer {

class EndpointProvider {
public:
    using Callback = std::function<void(Result<ControlAddress>)>;
    using CookieCallback = std::function<void(Result<crypto::SecretBuffer>)>;
    virtual ~EndpointProvider();

    // The control port's address as seen from here.
    virtual void resolveControl(Callback done) = 0;
    // The MetricsPort's address, if the node has one (nullopt = none configured).
    [[nodiscard]] virtual std::optional<ControlAddress> metricsAddress() const = 0;
    // The connection was lost or closed.
    virtual void release() {}
    // For messages: "127.0.0.1:9051", "ssh admin@host → unix:/run/tor/control".
    [[nodiscard]] virtual QString describe() const = 0;
    // "local", "up", "down", ... (NodeHealth::tunnelState).
    [[nodiscard]] virtual QString tunnelState() const { return QStringLiteral("local"); }

    // True when readCookie() can fetch tor's control cookie where tor runs
    // (e.g. over SSH); false for a node on this machine (the default).
    [[nodiscard]] virtual bool canReadCookie() const { return false; }
    // The cookie path readCookie() reads: the provider's configured path, else
    // advertisedPath (the COOKIEFILE of tor's PROTOCOLINFO, a path on the node).
    [[nodiscard]] virtual QString cookiePath(const QString& advertisedPath) const { return advertisedPath; }
    // Reads the control cookie at cookiePath(advertisedPath) into a
    // SecretBuffer. Fires once, never synchronously in implementations that do
    // I/O. The default answers Unsupported.
    virtual void readCookie(const QString& advertisedPath, CookieCallback done);
};

class StaticEndpointProvider final : public EndpointProvider {
public:
    explicit StaticEndpointProvider(ControlAddress control, std::optional<ControlAddress> metrics = std::nullopt);
    void resolveControl(Callback done) override;
    [[nodiscard]] std::optional<ControlAddress> metricsAddress() const override { return m_metrics; }
    [[nodiscard]] QString describe() const override { return m_control.toString(); }

private:
    ControlAddress m_control;
    std::optional<ControlAddress> m_metrics;
};

}  // namespace rb::balancer
