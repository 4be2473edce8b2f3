#pragma once
// The MANIFEST written into every backup directory on the node: plain text,
// no secret, enough for a later undeploy (possibly from another machine) to
// put the node back exactly as it was.
//
//   rustbalance-console backup 1
//   created 2026-02-03T12:00:00Z
//   node node0
//   master <addr>.onion
//   old-address <addr>.onion | -
//   hidden-service-dir /var/lib/tor/hs
//   hidden-service-dir-existed 1
//   hidden-service-dir-mode 700
//   torrc /etc/tor/torrc
//   file hs_ed25519_secret_key present|absent   (one line per managed file)

#include "util/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QMap>
#include <QString>

namespace rb::deploy {

struct BackupManifest {
    QDateTime created;  // UTC
    QString node;
    QString masterAddress;
    QString oldAddress;  // empty: the node had no identity there
    QString hiddenServiceDir;
    bool hiddenServiceDirExisted = true;
    QString hiddenServiceDirMode;  // octal, e.g. "700"; empty if it did not exist
    QString torrc;
    QMap<QString, bool> files;  // managed file -> present in the backup

    [[nodiscard]] QByteArray serialize() const;
    static Result<BackupManifest> parse(QByteArrayView text);
    // "<hsDir>.rb-backup-<yyyyMMddTHHmmssZ>".
    static QString backupDirFor(const QString& hiddenServiceDir, const QDateTime& utc);
};

}  // namespace rb::deploy
