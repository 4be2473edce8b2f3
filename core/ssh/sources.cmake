target_sources(rbcore PRIVATE
  ssh/SshTarget.h ssh/SshTarget.cpp
  ssh/RemoteEndpoint.h ssh/RemoteEndpoint.cpp
  ssh/RemoteCommand.h ssh/RemoteCommand.cpp
  ssh/SshOptions.h ssh/SshOptions.cpp
  ssh/SshDiagnostics.h ssh/SshDiagnostics.cpp
  ssh/SshTunnel.h ssh/SshTunnel.cpp
  ssh/RemoteRunner.h ssh/RemoteRunner.cpp
  ssh/HostKeyVerifier.h ssh/HostKeyVerifier.cpp
)
