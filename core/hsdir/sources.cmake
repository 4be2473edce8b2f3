target_sources(rbcore PRIVATE
  hsdir/Relay.h hsdir/Relay.cpp
  hsdir/Microdescriptor.h hsdir/Microdescriptor.cpp
  hsdir/Consensus.h hsdir/Consensus.cpp
  hsdir/TimePeriod.h hsdir/TimePeriod.cpp
  hsdir/HsDirRing.h hsdir/HsDirRing.cpp
  hsdir/HsDirSnapshot.h hsdir/HsDirSnapshot.cpp
)
