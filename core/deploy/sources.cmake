target_sources(rbcore PRIVATE
  deploy/RestartStrategy.h deploy/RestartStrategy.cpp
  deploy/DeploySettings.h deploy/DeploySettings.cpp
  deploy/DeployConfig.h deploy/DeployConfig.cpp
  deploy/TorrcEditor.h deploy/TorrcEditor.cpp
  deploy/NodeScripts.h deploy/NodeScripts.cpp
  deploy/BackupManifest.h deploy/BackupManifest.cpp
  deploy/SshNodeTransport.h deploy/SshNodeTransport.cpp
  deploy/NodeConnector.h deploy/NodeConnector.cpp
  deploy/Deployer.h deploy/Deployer.cpp
  deploy/MasterKeySource.h deploy/MasterKeySource.cpp
  deploy/SshEndpointProvider.h deploy/SshEndpointProvider.cpp
  deploy/FleetEndpoints.h deploy/FleetEndpoints.cpp
)
