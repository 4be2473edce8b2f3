target_sources(rbcore PRIVATE
  util/ProcessHardening.h util/ProcessHardening.cpp
)
