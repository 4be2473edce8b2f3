#include "balancer/FleetBackend.h"

namespace rb::balancer {

FleetBackend::FleetBackend(QObject* parent) : QObject(parent) {}

FleetBackend::~FleetBackend() = default;

MasterState FleetBackend::master() const
{
    return {};
}

}  // namespace rb::balancer
