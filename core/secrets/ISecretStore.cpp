#include "secrets/ISecretStore.h"

#include "onion/OnionAddress.h"
#include "ssh/RemoteCommand.h"

namespace rb::secrets {

QString ISecretStore::serviceName()
{
    return QStringLiteral("RustBalance Console");
}

Result<QString> ISecretStore::masterSeedKey(const QString& serviceId)
{
    RB_TRY(const onion::OnionAddress address, onion::OnionAddress::parse(serviceId));
    return QString(QStringLiteral("v1/master-seed/") + address.serviceId());
}

Result<QString> ISecretStore::controlPasswordKey(const QString& nodeName)
{
    RB_TRY_STATUS(ssh::RemoteCommand::validateName(nodeName, QStringLiteral("node name")));
    return QString(QStringLiteral("v1/control-password/") + nodeName);
}

Status ISecretStore::validateKey(const QString& key)
{
    if (key.startsWith(QLatin1String("v1/master-seed/"))) {
        auto k = masterSeedKey(key.mid(15));
        if (k && k.value() == key) {
            return {};
        }
    } else if (key.startsWith(QLatin1String("v1/control-password/"))) {
        if (controlPasswordKey(key.mid(20))) {
            return {};
        }
    }
    return makeError(ErrorCode::InvalidArgument,
                     QStringLiteral("'%1' is not a valid keychain entry name (expected v1/master-seed/<service id> or "
                                    "v1/control-password/<node>).")
                         .arg(key.left(120)));
}

}  // namespace rb::secrets
