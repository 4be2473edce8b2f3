#include "balancer/FleetBackend.h"

namespace rb::balancer {

FleetBackend::FleetBackend(QObject* parent) : QObject(parent)
{
}

FleetBackend::~FleetBackend() = default;

MasterState FleetBackend::master() const
{
    return {};
}

std::optional<fleet::NodeConfig> FleetBackend::nodeConfig(const QString& /*name*/) const
{
    return std::nullopt;
}

void FleetBackend::saveNodeConfig(const fleet::NodeConfig& config)
{
    emit nodeEvent(config.name, QStringLiteral("warn"), tr("This backend cannot change the fleet configuration."),
                   QDateTime::currentDateTimeUtc());
}

void FleetBackend::reloadMaster(const QString& /*address*/)
{
}

}  // namespace rb::balancer
