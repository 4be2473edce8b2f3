target_sources(rbcore PRIVATE
  secrets/ISecretStore.h secrets/ISecretStore.cpp
  secrets/SecretStore.h secrets/SecretStore.cpp
  secrets/MemorySecretStore.h secrets/MemorySecretStore.cpp
  secrets/KeyFileSource.h secrets/KeyFileSource.cpp
)
