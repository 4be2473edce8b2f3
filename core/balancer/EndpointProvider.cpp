#include "balancer/EndpointProvider.h"

namespace rb::balancer {

EndpointProvider::~EndpointProvider() = default;

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
