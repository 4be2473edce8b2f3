#include "balancer/EndpointProvider.h"

namespace rb::balancer {

EndpointProvider::~EndpointProvider() = default;

void EndpointProvider::readCookie(const QString& advertisedPath, CookieCallback done)
{
    done(makeError(ErrorCode::Unsupported,
                   QStringLiteral("%1 cannot read tor's control cookie %2 where tor runs; give the cookie file or "
                                  "a control password")
                       .arg(describe(), advertisedPath)));
}

StaticEndpointProvider::StaticEndpointProvider(ControlAddress control, std::optional<ControlAddress> metrics)
    : m_control(std::move(control)), m_metrics(std::move(metrics))
{
}

void StaticEndpointProvider::resolveControl(Callback done)
{
    if (!m_control.isValid()) {
        done(makeError(ErrorCode::InvalidArgument, QStringLiteral("No control address is configured for this node")));
        return;
    }
    done(m_control);
}

}  // namespace rb::balancer
