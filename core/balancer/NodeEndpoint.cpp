#include "balancer/NodeEndpoint.h"

namespace rb::balancer {

NodeEndpoint NodeEndpoint::direct(const QString& name, const ControlAddress& control,
                                  std::optional<ControlAddress> metrics)
{
    NodeEndpoint e;
    e.name = name;
    e.provider = std::make_shared<StaticEndpointProvider>(control, std::move(metrics));
    e.files = std::make_shared<LocalNodeFileAccess>();
    return e;
}

}  // namespace rb::balancer
