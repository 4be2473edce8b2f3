#include "LabMasterKey.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace rb::console {

QString LabMasterKey::defaultDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/lab-master-key");
}

Result<onion::MasterIdentity> LabMasterKey::loadOrCreate(const QString& dir, bool* created)
{
    if (created != nullptr)
        *created = false;
    const QString secret = dir + QStringLiteral("/hs_ed25519_secret_key");
    if (QFileInfo::exists(secret))
        return onion::MasterIdentity::importFile(dir);
    if (!QDir().mkpath(dir))
        return makeError(ErrorCode::IoError, QStringLiteral("Cannot create %1 for the lab key").arg(dir));
    RB_TRY(onion::MasterIdentity identity, onion::MasterIdentity::generate());
    RB_TRY_STATUS(identity.exportTorFiles(dir));
    if (created != nullptr)
        *created = true;
    return identity;
}

}  // namespace rb::console
