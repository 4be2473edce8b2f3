#pragma once
// The publisher's view of an SSH node (balancer::EndpointProvider /
// NodeFileAccess on top of SshNodeTransport):
//   resolveControl()  starts/awaits the node's SSH tunnel and answers with the
//                     tunnel's local end (Unix socket or loopback TCP);
//   metricsAddress()  the local end of the MetricsPort forward;
//   tunnelState()     "ready", "backoff", "host-key-changed", ...
//   readCookie()      tor's control cookie read on the node over SSH (exactly
//                     32 bytes, into a SecretBuffer): the node's configured
//                     cookie file, else the COOKIEFILE tor advertises; a
//                     NodeSession with no local cookie file uses it;
// SshNodeFileAccess reads small node files (ob_config, hostname) over SSH.
// Several providers/file accesses may share one transport (one ssh process).

#include "balancer/EndpointProvider.h"
#include "balancer/NodeFileAccess.h"
#include "deploy/SshNodeTransport.h"

#include <QPointer>

#include <memory>

namespace rb::deploy {

class SshEndpointProvider final : public balancer::EndpointProvider {
public:
    // The transport must outlive the provider's use (it is a QObject owned elsewhere).
    explicit SshEndpointProvider(SshNodeTransport* transport, int readyTimeoutMs = 45000);
    ~SshEndpointProvider() override;

    void resolveControl(Callback done) override;
    [[nodiscard]] std::optional<balancer::ControlAddress> metricsAddress() const override;
    void release() override {}
    [[nodiscard]] QString describe() const override;
    [[nodiscard]] QString tunnelState() const override;

    [[nodiscard]] bool canReadCookie() const override { return true; }
    [[nodiscard]] QString cookiePath(const QString& advertisedPath) const override;
    void readCookie(const QString& advertisedPath, CookieCallback done) override;
    static balancer::ControlAddress toControlAddress(const ssh::SshTunnel::LocalEndpoint& local);

private:
    QPointer<SshNodeTransport> m_transport;
    int m_readyTimeoutMs;
};

class SshNodeFileAccess final : public balancer::NodeFileAccess {
public:
    explicit SshNodeFileAccess(SshNodeTransport* transport);
    void readFile(const QString& path, qsizetype maxBytes, Callback done) override;
    [[nodiscard]] QString describe() const override;

private:
    QPointer<SshNodeTransport> m_transport;
};

}  // namespace rb::deploy
