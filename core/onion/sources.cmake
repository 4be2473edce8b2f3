target_sources(rbcore PRIVATE
  onion/OnionAddress.h onion/OnionAddress.cpp
)
