target_sources(rbcore PRIVATE
  balancer/FleetTypes.h
  balancer/MergePolicy.h balancer/MergePolicy.cpp
)
