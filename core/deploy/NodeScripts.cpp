#include "deploy/NodeScripts.h"

#include <QRegularExpression>

namespace rb::deploy {

namespace {

constexpr int kScriptTimeoutMs = 60000;

Result<ssh::RemoteCommand> shScript(const QString& script, const QString& name, const QStringList& args)
{
    QStringList argv{QStringLiteral("sh"), QStringLiteral("-c"), script, name};
    argv << args;
    return ssh::RemoteCommand::create(argv);
}

Status path(const QString& p, const QString& what)
{
    return ssh::RemoteCommand::validateAbsolutePath(p, what);
}

Status ownerName(const QString& owner)
{
    if (owner.isEmpty()) {
        return {};
    }
    return ssh::RemoteCommand::validateName(owner, QStringLiteral("tor user"));
}

Status program(const QString& p)
{
    if (p.startsWith(QLatin1Char('/'))) {
        return path(p, QStringLiteral("tor binary"));
    }
    return ssh::RemoteCommand::validateName(p, QStringLiteral("tor binary"));
}

}  // namespace

QStringList NodeScripts::managedFiles()
{
    return {QStringLiteral("hs_ed25519_secret_key"), QStringLiteral("hs_ed25519_public_key"),
            QStringLiteral("hostname"), QStringLiteral("ob_config")};
}

QString NodeScripts::probeScript()
{
    return QStringLiteral(R"SH(hs=$1; torrc=$2; user=$3; torbin=$4
uid=
if [ -n "$user" ]; then uid=$(id -u -- "$user" 2>/dev/null) || uid=; fi
printf 'user_uid=%s\n' "$uid"
parent=$(dirname -- "$hs")
if [ -d "$parent" ]; then echo parent_dir=1; else echo parent_dir=0; fi
if [ -w "$parent" ]; then echo parent_writable=1; else echo parent_writable=0; fi
if [ -L "$hs" ]; then echo hs=symlink
elif [ -d "$hs" ]; then echo hs=dir; printf 'hs_mode=%s\nhs_owner=%s\n' "$(stat -c %a -- "$hs")" "$(stat -c %u -- "$hs")"
elif [ -e "$hs" ]; then echo hs=other
else echo hs=absent; fi
for f in hs_ed25519_secret_key hs_ed25519_public_key hostname ob_config; do
  p=$hs/$f
  if [ -L "$p" ]; then s=symlink; elif [ -f "$p" ]; then s=file; elif [ -e "$p" ]; then s=other; else s=absent; fi
  printf 'file.%s=%s\n' "$f" "$s"
done
real=$(readlink -f -- "$torrc" 2>/dev/null) || real=
printf 'torrc_real=%s\n' "$real"
if [ -n "$real" ] && [ -f "$real" ]; then echo torrc_file=1; else echo torrc_file=0; fi
if [ -n "$real" ] && [ -w "$(dirname -- "$real")" ]; then echo torrc_dir_writable=1; else echo torrc_dir_writable=0; fi
v=$("$torbin" --version 2>/dev/null | head -n 1) || v=
printf 'tor_version=%s\n' "$v"
exit 0
)SH");
}

QString NodeScripts::backupScript()
{
    return QStringLiteral(R"SH(set -eu
umask 077
hs=$1; b=$2; torrc=$3
mkdir -- "$b"
chmod 700 -- "$b"
for f in hs_ed25519_secret_key hs_ed25519_public_key hostname ob_config; do
  if [ -f "$hs/$f" ] && [ ! -L "$hs/$f" ]; then
    cp -p -- "$hs/$f" "$b/$f"
    cmp -s -- "$hs/$f" "$b/$f"
    echo "saved $f"
  fi
done
if [ -n "$torrc" ]; then
  cp -p -- "$torrc" "$b/torrc"
  cmp -s -- "$torrc" "$b/torrc"
  echo "saved torrc"
fi
cat > "$b/MANIFEST"
echo "backup complete"
)SH");
}

QString NodeScripts::prepareDirScript()
{
    return QStringLiteral(R"SH(set -eu
hs=$1; owner=$2
if [ ! -d "$hs" ]; then mkdir -m 700 -- "$hs"; echo "created $hs"; fi
if [ "$(stat -c %a -- "$hs")" != 700 ]; then chmod 700 -- "$hs"; echo "mode 700"; fi
if [ -n "$owner" ] && [ "$(stat -c %U -- "$hs")" != "$owner" ]; then chown -- "$owner" "$hs"; echo "owner $owner"; fi
exit 0
)SH");
}

QString NodeScripts::installScript()
{
    return QStringLiteral(R"SH(set -eu
umask 077
p=$1; m=$2; o=$3
t=$p.rbtmp.$$
trap 'rm -f -- "$t"' EXIT
cat > "$t"
chmod -- "$m" "$t"
if [ -n "$o" ]; then chown -- "$o" "$t"; fi
mv -f -- "$t" "$p"
trap - EXIT
)SH");
}

QString NodeScripts::writeTorrcScript()
{
    return QStringLiteral(R"SH(set -eu
umask 077
f=$1; want=$2
have=$(sha256sum -- "$f" | cut -d ' ' -f 1)
if [ "$have" != "$want" ]; then echo "the torrc changed while the deployment was running" >&2; exit 9; fi
t=$f.rbtmp.$$
trap 'rm -f -- "$t"' EXIT
cat > "$t"
chmod --reference="$f" -- "$t"
chown --reference="$f" -- "$t"
mv -f -- "$t" "$f"
trap - EXIT
)SH");
}

QString NodeScripts::restoreScript()
{
    return QStringLiteral(R"SH(set -eu
umask 077
hs=$1; b=$2; torrc=$3; mode=$4; existed=$5
t=
trap 'if [ -n "$t" ]; then rm -f -- "$t"; fi' EXIT
if [ ! -d "$b" ]; then echo "the backup directory $b is missing" >&2; exit 3; fi
if [ -d "$hs" ]; then
  for f in hs_ed25519_secret_key hs_ed25519_public_key hostname ob_config; do
    if [ -f "$b/$f" ]; then
      if ! cmp -s -- "$b/$f" "$hs/$f"; then
        t=$hs/.$f.rbtmp.$$
        cp -p -- "$b/$f" "$t"
        mv -f -- "$t" "$hs/$f"
        t=
        echo "restored $f"
      fi
    elif [ -e "$hs/$f" ] || [ -L "$hs/$f" ]; then
      rm -f -- "$hs/$f"
      echo "removed $f"
    fi
  done
fi
if [ -n "$torrc" ] && [ -f "$b/torrc" ]; then
  if ! cmp -s -- "$b/torrc" "$torrc"; then
    t=$torrc.rbtmp.$$
    cp -p -- "$b/torrc" "$t"
    mv -f -- "$t" "$torrc"
    t=
    echo "restored torrc"
  fi
fi
if [ "$existed" = 0 ]; then
  if [ -d "$hs/authorized_clients" ]; then rmdir -- "$hs/authorized_clients" 2>/dev/null || true; fi
  if [ -d "$hs" ] && rmdir -- "$hs" 2>/dev/null; then echo "removed $hs"; fi
elif [ -n "$mode" ] && [ -d "$hs" ] && [ "$(stat -c %a -- "$hs")" != "$mode" ]; then
  chmod -- "$mode" "$hs"
  echo "restored mode $mode"
fi
exit 0
)SH");
}

QString NodeScripts::restartScript()
{
    return QStringLiteral(R"SH(set -u
pidfile=$1; torbin=$2; torrc=$3; defaults=$4; limit=$5
alive() {
  kill -0 "$1" 2>/dev/null || return 1
  st=$(sed -n 's/^State:[[:space:]]*\([A-Z]\).*/\1/p' "/proc/$1/status" 2>/dev/null) || st=
  [ "$st" != Z ] && [ "$st" != X ]
}
readpid() {
  if [ -f "$pidfile" ]; then head -c 32 -- "$pidfile" | tr -cd '0-9'; fi
}
pid=$(readpid)
if [ -n "$pid" ] && alive "$pid"; then
  comm=$(cat "/proc/$pid/comm" 2>/dev/null) || comm=
  if [ -n "$comm" ] && [ "$comm" != tor ]; then
    echo "the pid in the PidFile belongs to '$comm', not tor; refusing to stop it" >&2
    exit 3
  fi
  kill -TERM "$pid" 2>/dev/null || true
  n=0
  while alive "$pid"; do
    n=$((n + 1))
    if [ "$n" -gt $((limit * 10)) ]; then kill -KILL "$pid" 2>/dev/null || true; sleep 1; break; fi
    sleep 0.1
  done
  echo "stopped tor (pid $pid)"
fi
if [ -n "$defaults" ]; then set -- -f "$torrc" --defaults-torrc "$defaults"; else set -- -f "$torrc"; fi
out=$("$torbin" "$@" --RunAsDaemon 1 </dev/null 2>&1)
rc=$?
if [ "$rc" -ne 0 ]; then
  printf '%s\n' "$out" | tail -n 8 >&2
  echo "tor did not start (exit status $rc)" >&2
  exit 5
fi
n=0
new=$(readpid)
while [ -z "$new" ] && [ "$n" -lt 100 ]; do sleep 0.1; n=$((n + 1)); new=$(readpid); done
echo "started tor (pid $new)"
exit 0
)SH");
}

QString NodeScripts::listBackupsScript()
{
    return QStringLiteral(R"SH(for d in "$1".rb-backup-*; do
  if [ -d "$d" ] && [ ! -L "$d" ]; then printf '%s\n' "$d"; fi
done
exit 0
)SH");
}

Result<ssh::RemoteCommand> NodeScripts::probe(const QString& hsDir, const QString& torrc, const QString& torUser,
                                              const QString& torBinary)
{
    RB_TRY_STATUS(path(hsDir, QStringLiteral("HiddenServiceDir")));
    RB_TRY_STATUS(path(torrc, QStringLiteral("torrc path")));
    RB_TRY_STATUS(ownerName(torUser));
    RB_TRY_STATUS(program(torBinary));
    RB_TRY(ssh::RemoteCommand cmd, shScript(probeScript(), QStringLiteral("rb-probe"), {hsDir, torrc, torUser, torBinary}));
    cmd.withTimeout(kScriptTimeoutMs).withMaxOutput(64 * 1024);
    return cmd;
}

Result<ssh::RemoteCommand> NodeScripts::backup(const QString& hsDir, const QString& backupDir,
                                               const QString& torrcReal, const QByteArray& manifest)
{
    RB_TRY_STATUS(path(hsDir, QStringLiteral("HiddenServiceDir")));
    RB_TRY_STATUS(path(backupDir, QStringLiteral("backup directory")));
    if (!torrcReal.isEmpty()) {
        RB_TRY_STATUS(path(torrcReal, QStringLiteral("torrc path")));
    }
    RB_TRY(ssh::RemoteCommand cmd, shScript(backupScript(), QStringLiteral("rb-backup"), {hsDir, backupDir, torrcReal}));
    cmd.withStdin(manifest).withTimeout(kScriptTimeoutMs).withMaxOutput(64 * 1024);
    return cmd;
}

Result<ssh::RemoteCommand> NodeScripts::prepareDir(const QString& hsDir, const QString& owner)
{
    RB_TRY_STATUS(path(hsDir, QStringLiteral("HiddenServiceDir")));
    RB_TRY_STATUS(ownerName(owner));
    RB_TRY(ssh::RemoteCommand cmd, shScript(prepareDirScript(), QStringLiteral("rb-prepare"), {hsDir, owner}));
    cmd.withTimeout(kScriptTimeoutMs).withMaxOutput(64 * 1024);
    return cmd;
}

Result<ssh::RemoteCommand> NodeScripts::installFile(const QString& p, int mode, const QString& owner,
                                                    QByteArray content)
{
    RB_TRY_STATUS(path(p, QStringLiteral("file path")));
    RB_TRY_STATUS(ownerName(owner));
    if (mode < 0 || mode > 0777) {
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("File mode %1 is out of range.").arg(mode, 0, 8));
    }
    RB_TRY(ssh::RemoteCommand cmd,
           shScript(installScript(), QStringLiteral("rb-install"), {p, QString::number(mode, 8), owner}));
    cmd.withStdin(std::move(content)).withTimeout(kScriptTimeoutMs).withMaxOutput(64 * 1024);
    return cmd;
}

Result<ssh::RemoteCommand> NodeScripts::installSecretFile(const QString& p, int mode, const QString& owner,
                                                          crypto::SecretBuffer content)
{
    RB_TRY(ssh::RemoteCommand cmd, installFile(p, mode, owner, {}));
    cmd.withSecretStdin(std::move(content));
    return cmd;
}

Result<ssh::RemoteCommand> NodeScripts::writeTorrc(const QString& torrcReal, const QString& expectedSha256Hex,
                                                   QByteArray content)
{
    RB_TRY_STATUS(path(torrcReal, QStringLiteral("torrc path")));
    static const QRegularExpression hex(QStringLiteral("^[0-9a-f]{64}$"));
    if (!hex.match(expectedSha256Hex).hasMatch()) {
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("The torrc checksum must be 64 lower-case hex digits."));
    }
    RB_TRY(ssh::RemoteCommand cmd,
           shScript(writeTorrcScript(), QStringLiteral("rb-torrc"), {torrcReal, expectedSha256Hex}));
    cmd.withStdin(std::move(content)).withTimeout(kScriptTimeoutMs).withMaxOutput(64 * 1024);
    return cmd;
}

Result<ssh::RemoteCommand> NodeScripts::restore(const QString& hsDir, const QString& backupDir,
                                                const QString& torrcReal, const QString& hsMode, bool hsExisted)
{
    RB_TRY_STATUS(path(hsDir, QStringLiteral("HiddenServiceDir")));
    RB_TRY_STATUS(path(backupDir, QStringLiteral("backup directory")));
    if (!torrcReal.isEmpty()) {
        RB_TRY_STATUS(path(torrcReal, QStringLiteral("torrc path")));
    }
    static const QRegularExpression octal(QStringLiteral("^[0-7]{3,4}$"));
    if (!hsMode.isEmpty() && !octal.match(hsMode).hasMatch()) {
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("The directory mode '%1' is not octal.").arg(hsMode.left(8)));
    }
    RB_TRY(ssh::RemoteCommand cmd,
           shScript(restoreScript(), QStringLiteral("rb-restore"),
                    {hsDir, backupDir, torrcReal, hsMode, hsExisted ? QStringLiteral("1") : QStringLiteral("0")}));
    cmd.withTimeout(kScriptTimeoutMs).withMaxOutput(64 * 1024);
    return cmd;
}

Result<ssh::RemoteCommand> NodeScripts::restartFromPidFile(const QString& pidFile, const QString& torBinary,
                                                           const QString& torrc, const QString& defaultsTorrc,
                                                           int stopTimeoutSeconds)
{
    RB_TRY_STATUS(path(pidFile, QStringLiteral("tor PidFile")));
    RB_TRY_STATUS(program(torBinary));
    RB_TRY_STATUS(path(torrc, QStringLiteral("torrc path")));
    if (!defaultsTorrc.isEmpty()) {
        RB_TRY_STATUS(path(defaultsTorrc, QStringLiteral("defaults torrc")));
    }
    if (stopTimeoutSeconds < 1 || stopTimeoutSeconds > 600) {
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("The tor stop timeout must be 1-600 seconds."));
    }
    RB_TRY(ssh::RemoteCommand cmd,
           shScript(restartScript(), QStringLiteral("rb-restart"),
                    {pidFile, torBinary, torrc, defaultsTorrc, QString::number(stopTimeoutSeconds)}));
    cmd.withTimeout((stopTimeoutSeconds + 90) * 1000).withMaxOutput(64 * 1024);
    return cmd;
}

Result<ssh::RemoteCommand> NodeScripts::listBackups(const QString& hsDir)
{
    RB_TRY_STATUS(path(hsDir, QStringLiteral("HiddenServiceDir")));
    RB_TRY(ssh::RemoteCommand cmd, shScript(listBackupsScript(), QStringLiteral("rb-backups"), {hsDir}));
    cmd.withTimeout(kScriptTimeoutMs).withMaxOutput(256 * 1024);
    return cmd;
}

Result<NodeProbe> NodeProbe::parse(QByteArrayView output)
{
    NodeProbe p;
    bool sawTorrc = false;
    for (const QByteArray& line : output.toByteArray().split('\n')) {
        const qsizetype eq = line.indexOf('=');
        if (eq <= 0) {
            continue;
        }
        const QByteArray key = line.left(eq);
        const QString value = QString::fromUtf8(line.mid(eq + 1));
        if (key == "user_uid") {
            p.torUserUid = value;
        } else if (key == "parent_dir") {
            p.parentIsDirectory = value == QLatin1String("1");
        } else if (key == "parent_writable") {
            p.parentWritable = value == QLatin1String("1");
        } else if (key == "hs") {
            p.hsDirState = value;
        } else if (key == "hs_mode") {
            p.hsDirMode = value;
        } else if (key == "hs_owner") {
            p.hsDirOwnerUid = value;
        } else if (key.startsWith("file.")) {
            p.files.insert(QString::fromUtf8(key.mid(5)), value);
        } else if (key == "torrc_real") {
            p.torrcRealPath = value;
            sawTorrc = true;
        } else if (key == "torrc_file") {
            p.torrcIsFile = value == QLatin1String("1");
        } else if (key == "torrc_dir_writable") {
            p.torrcDirWritable = value == QLatin1String("1");
        } else if (key == "tor_version") {
            p.torVersionLine = value;
        }
    }
    if (p.hsDirState.isEmpty() || !sawTorrc || p.files.size() != NodeScripts::managedFiles().size()) {
        return makeError(ErrorCode::ProtocolError,
                         QStringLiteral("The node's preflight probe gave an unexpected answer; is its login shell a "
                                        "POSIX shell with coreutils?"),
                         QString::fromUtf8(output.toByteArray().left(300)));
    }
    return p;
}

}  // namespace rb::deploy
