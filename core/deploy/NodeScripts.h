#pragma once
// The node-side steps of a deployment as RemoteCommands. Each is a CONSTANT
// POSIX sh script run as `sh -c '<script>' rb-<name> <arg>...`: every value
// (paths, user names, modes) arrives as a positional parameter, always used
// quoted ("$1"), so no value is ever parsed as shell syntax. Secrets travel on
// stdin only. Needs a POSIX sh and GNU coreutils (stat -c, readlink -f, cp -p,
// cmp, sha256sum) on the node, as on every Linux tor host.
//
// The scripts are public so tests can run them locally (sh, no ssh) with
// hostile arguments.

#include "crypto/SecretBuffer.h"
#include "ssh/RemoteCommand.h"
#include "util/Result.h"

#include <QByteArray>
#include <QMap>
#include <QString>
#include <QStringList>

namespace rb::deploy {

// What the preflight probe found on the node.
struct NodeProbe {
    QString torUserUid;          // empty: no such user
    bool parentIsDirectory = false;
    bool parentWritable = false;
    QString hsDirState;          // "dir", "absent", "symlink", "other"
    QString hsDirMode;           // octal, e.g. "700" (when a dir)
    QString hsDirOwnerUid;
    QMap<QString, QString> files;  // key file name -> "file", "absent", "symlink", "other"
    QString torrcRealPath;         // symlinks resolved (empty: cannot resolve)
    bool torrcIsFile = false;
    bool torrcDirWritable = false;
    QString torVersionLine;        // first line of `tor --version` (may be empty)

    static Result<NodeProbe> parse(QByteArrayView output);
};

class NodeScripts {
public:
    // The four files the deployment manages in HiddenServiceDir.
    static QStringList managedFiles();

    // Preflight probe (read-only).
    static Result<ssh::RemoteCommand> probe(const QString& hsDir, const QString& torrc, const QString& torUser,
                                            const QString& torBinary);
    // Creates backupDir (must not exist; 0700), copies the managed files that
    // exist and the torrc into it (cp -p, verified with cmp), and writes
    // `manifest` (stdin) as backupDir/MANIFEST.
    static Result<ssh::RemoteCommand> backup(const QString& hsDir, const QString& backupDir, const QString& torrcReal,
                                             const QByteArray& manifest);
    // Creates HiddenServiceDir if missing; chmod 0700; chown owner (if given).
    static Result<ssh::RemoteCommand> prepareDir(const QString& hsDir, const QString& owner);
    // Atomic install of stdin as path (temp file in the same dir, chmod, chown, rename).
    static Result<ssh::RemoteCommand> installFile(const QString& path, int mode, const QString& owner,
                                                  QByteArray content);
    static Result<ssh::RemoteCommand> installSecretFile(const QString& path, int mode, const QString& owner,
                                                        crypto::SecretBuffer content);
    // Replaces torrcReal atomically with stdin, keeping its mode and owner, only
    // if its SHA-256 is still expectedSha256Hex (nobody changed it meanwhile).
    static Result<ssh::RemoteCommand> writeTorrc(const QString& torrcReal, const QString& expectedSha256Hex,
                                                 QByteArray content);
    // Makes HiddenServiceDir match the backup: files present in backupDir are
    // copied back (only if different), the others removed; the torrc (if
    // torrcReal is given) restored from backupDir/torrc if different; the dir's
    // mode restored (hsMode, e.g. "700"), or the dir removed if it did not
    // exist before (hsExisted false) and is empty. Prints one line per change.
    static Result<ssh::RemoteCommand> restore(const QString& hsDir, const QString& backupDir, const QString& torrcReal,
                                              const QString& hsMode, bool hsExisted);
    // Stops the tor whose pid is in pidFile (it must be a "tor" process) and
    // starts `torBinary -f torrc [--defaults-torrc defaults] --RunAsDaemon 1`.
    static Result<ssh::RemoteCommand> restartFromPidFile(const QString& pidFile, const QString& torBinary,
                                                         const QString& torrc, const QString& defaultsTorrc,
                                                         int stopTimeoutSeconds);
    // Lists the backup directories of hsDir ("<hsDir>.rb-backup-*"), newest last.
    static Result<ssh::RemoteCommand> listBackups(const QString& hsDir);

    // The shell text of each script (for tests and review).
    static QString probeScript();
    static QString backupScript();
    static QString prepareDirScript();
    static QString installScript();
    static QString writeTorrcScript();
    static QString restoreScript();
    static QString restartScript();
    static QString listBackupsScript();
};

}  // namespace rb::deploy
