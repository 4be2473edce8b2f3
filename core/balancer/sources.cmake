target_sources(rbcore PRIVATE
  balancer/FleetTypes.h
  balancer/MergePolicy.h balancer/MergePolicy.cpp
  balancer/FleetBackend.h balancer/FleetBackend.cpp
  balancer/FakeFleetBackend.h balancer/FakeFleetBackend.cpp
  balancer/Backoff.h balancer/Backoff.cpp
  balancer/ControlAddress.h balancer/ControlAddress.cpp
  balancer/EndpointProvider.h balancer/EndpointProvider.cpp
  balancer/NodeFileAccess.h balancer/NodeFileAccess.cpp
  balancer/NodeEndpoint.h balancer/NodeEndpoint.cpp
  balancer/NodeConfigCheck.h balancer/NodeConfigCheck.cpp
  balancer/NodeSession.h balancer/NodeSession.cpp
  balancer/UploadTracker.h balancer/UploadTracker.cpp
  balancer/PublishDecision.h balancer/PublishDecision.cpp
  balancer/Publisher.h balancer/Publisher.cpp
  balancer/PublisherMetrics.h balancer/PublisherMetrics.cpp
  balancer/MetricsServer.h balancer/MetricsServer.cpp
  balancer/RemotePublisherStatus.h balancer/RemotePublisherStatus.cpp
  balancer/RemotePublisherFetcher.h balancer/RemotePublisherFetcher.cpp
)
