target_sources(rbcore PRIVATE
  fleet/NodeConfig.h fleet/NodeConfig.cpp
  fleet/ManagedService.h fleet/ManagedService.cpp
  fleet/FleetConfig.h fleet/FleetConfig.cpp
  fleet/YamlSubset.h fleet/YamlSubset.cpp
  fleet/OnionbalanceImport.h fleet/OnionbalanceImport.cpp
)
