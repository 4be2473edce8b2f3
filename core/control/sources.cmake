target_sources(rbcore PRIVATE
  control/Reply.h control/Reply.cpp
  control/ReplyParser.h control/ReplyParser.cpp
  control/Syntax.h control/Syntax.cpp
  control/ControlChannel.h control/ControlChannel.cpp
)
target_sources(rbcore PRIVATE
  control/HsDescEvent.h control/HsDescEvent.cpp
  control/HsDescContentEvent.h control/HsDescContentEvent.cpp
  control/CircuitEvent.h control/CircuitEvent.cpp
  control/StatusEvent.h control/StatusEvent.cpp
  control/LogEvent.h control/LogEvent.cpp
)
target_sources(rbcore PRIVATE control/ControlClient.h control/ControlClient.cpp)
target_sources(rbcore PRIVATE
  control/MetricsParser.h control/MetricsParser.cpp
  control/MetricsFetcher.h control/MetricsFetcher.cpp
)
