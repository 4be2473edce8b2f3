#!/usr/bin/env bash
# Builds the .deb, installs it with apt on this Debian 12 machine, runs the
# installed programs (rbctl --version, rbctl key generate, the GUI under Xvfb
# with a screenshot), validates the installed desktop files and systemd unit,
# then removes the package and checks that nothing it installed is left.
# Needs root (apt). Usage: packaging/test-deb.sh [OUTDIR]
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-build/deb-test}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)"
(cd build/release && rm -f ./*.deb && cpack -G DEB >/dev/null)
DEB=$(ls build/release/rustbalance-console_*.deb | head -1)
echo "package: $DEB"
dpkg-deb -I "$DEB" | sed -n '/Depends/,/Description/p'

fail() { echo "test-deb: FAIL: $*" >&2; exit 1; }

apt-get install -y -qq "./$DEB" >/dev/null
dpkg -L rustbalance-console > "$OUT/installed-files.txt"

[ "$(command -v rbctl)" = /usr/bin/rbctl ] || fail "rbctl not installed in /usr/bin"
rbctl --version | tee "$OUT/version.txt" | grep -q '^rbctl ' || fail "rbctl --version"
KEYDIR=$(mktemp -d)
rbctl key generate --out "$KEYDIR/hs" > "$OUT/key-generate.txt" || fail "rbctl key generate"
for f in hs_ed25519_secret_key hs_ed25519_public_key hostname; do
  [ -f "$KEYDIR/hs/$f" ] || fail "key generate did not write $f"
done
[ "$(stat -c %a "$KEYDIR/hs/hs_ed25519_secret_key")" = 600 ] || fail "secret key mode"
grep -q "$(cat "$KEYDIR/hs/hostname" | tr -d '\n')" "$OUT/key-generate.txt" || fail "address not printed"
rm -rf "$KEYDIR"
man -w rbctl >/dev/null 2>&1 || [ -f /usr/share/man/man1/rbctl.1.gz ] || fail "rbctl man page"

desktop-file-validate /usr/share/applications/org.rustbalance.Console.desktop || fail "desktop file"
appstreamcli validate --no-net /usr/share/metainfo/org.rustbalance.Console.metainfo.xml || fail "metainfo"
systemd-analyze verify /lib/systemd/system/rustbalance-publisher.service || fail "systemd unit"
[ -f /usr/share/icons/hicolor/256x256/apps/org.rustbalance.Console.png ] || fail "icon"

# The installed GUI under Xvfb, with a screenshot.
DISP=:97
Xvfb $DISP -screen 0 1400x900x24 -nolisten tcp >/dev/null 2>&1 &
XVFB=$!
trap 'kill $XVFB 2>/dev/null || true' EXIT
sleep 1
HOME_TMP=$(mktemp -d)
DISPLAY=$DISP HOME=$HOME_TMP XDG_CONFIG_HOME=$HOME_TMP/.config rustbalance-console --no-lab &
GUI=$!
sleep 4
kill -0 $GUI 2>/dev/null || fail "the GUI exited early"
DISPLAY=$DISP import -window root "$OUT/installed-gui.png"
kill $GUI; wait $GUI 2>/dev/null || true
colors=$(convert "$OUT/installed-gui.png" -format %k info:)
[ "$colors" -gt 20 ] || fail "screenshot looks blank ($colors colours)"
rm -rf "$HOME_TMP"

apt-get remove -y -qq rustbalance-console >/dev/null
left=0
while read -r path; do
  if [ -f "$path" ] || [ -L "$path" ]; then echo "left behind: $path"; left=1; fi
done < "$OUT/installed-files.txt"
[ $left -eq 0 ] || fail "files left after apt-get remove"
dpkg -s rustbalance-console >/dev/null 2>&1 && fail "package still installed"
echo "test-deb: PASS ($(wc -l < "$OUT/installed-files.txt") paths installed and removed; screenshot $OUT/installed-gui.png)"
