target_sources(rbcore PRIVATE
  onion/OnionAddress.h onion/OnionAddress.cpp
  onion/RevisionCounter.h onion/RevisionCounter.cpp
  onion/TorKeyFile.h onion/TorKeyFile.cpp
  onion/Pkcs8Ed25519.h onion/Pkcs8Ed25519.cpp
  onion/PrivateFile.h onion/PrivateFile.cpp
  onion/MasterIdentity.h onion/MasterIdentity.cpp
)
