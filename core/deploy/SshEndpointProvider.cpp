#include "deploy/SshEndpointProvider.h"

namespace rb::deploy {

SshEndpointProvider::SshEndpointProvider(SshNodeTransport* transport, int readyTimeoutMs)
    : m_transport(transport), m_readyTimeoutMs(readyTimeoutMs)
{
}

SshEndpointProvider::~SshEndpointProvider() = default;

balancer::ControlAddress SshEndpointProvider::toControlAddress(const ssh::SshTunnel::LocalEndpoint& local)
{
    return local.kind == ssh::SshTunnel::LocalKind::UnixSocket
               ? balancer::ControlAddress::unixSocket(local.path)
               : balancer::ControlAddress::tcp(QStringLiteral("127.0.0.1"), local.port);
}

void SshEndpointProvider::resolveControl(Callback done)
{
    if (!m_transport) {
        done(makeError(ErrorCode::Unavailable, QStringLiteral("The node's SSH transport is gone.")));
        return;
    }
    m_transport->whenReady(m_readyTimeoutMs, [done = std::move(done)](Result<ssh::SshTunnel::LocalEndpoint> local) {
        if (!local) {
            done(local.error());
            return;
        }
        done(toControlAddress(*local));
    });
}

std::optional<balancer::ControlAddress> SshEndpointProvider::metricsAddress() const
{
    if (!m_transport || !m_transport->settings().metrics) {
        return std::nullopt;
    }
    if (auto local = m_transport->localMetrics()) {
        return toControlAddress(*local);
    }
    return std::nullopt;
}

QString SshEndpointProvider::describe() const
{
    return m_transport ? m_transport->describe() : QStringLiteral("(no SSH transport)");
}

QString SshEndpointProvider::tunnelState() const
{
    return m_transport ? ssh::SshTunnel::stateName(m_transport->tunnel()->state()) : QStringLiteral("down");
}

QString SshEndpointProvider::cookiePath(const QString& advertisedPath) const
{
    if (m_transport && !m_transport->settings().cookieFile.isEmpty()) {
        return m_transport->settings().cookieFile;
    }
    return advertisedPath;
}

void SshEndpointProvider::readCookie(const QString& advertisedPath, CookieCallback done)
{
    if (!m_transport) {
        done(makeError(ErrorCode::Unavailable, QStringLiteral("The node's SSH transport is gone.")));
        return;
    }
    // Empty path: SshNodeTransport::readCookie answers "no cookie path is known" (on the next turn).
    m_transport->readCookie(cookiePath(advertisedPath), std::move(done));
}

SshNodeFileAccess::SshNodeFileAccess(SshNodeTransport* transport) : m_transport(transport) {}

void SshNodeFileAccess::readFile(const QString& path, qsizetype maxBytes, Callback done)
{
    if (!m_transport) {
        done(makeError(ErrorCode::Unavailable, QStringLiteral("The node's SSH transport is gone.")));
        return;
    }
    m_transport->runner()->readFile(path, maxBytes, m_transport->settings().sudo, std::move(done));
}

QString SshNodeFileAccess::describe() const
{
    return m_transport ? QStringLiteral("files over ") + m_transport->describe() : QStringLiteral("(no SSH transport)");
}

}  // namespace rb::deploy
