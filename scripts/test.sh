#!/usr/bin/env bash
# The whole test suite, from a fresh Debian 12 machine:
#   installs what is missing, builds the "ci" preset (clang, ASan+UBSan,
#   warnings as errors, libFuzzer targets), starts what the tests need
#   (Xvfb; sshd, dbus and gnome-keyring are started by the tests themselves),
#   and runs every CTest label: unit, integration, lab, gui, fuzz.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PRESET=${RB_TEST_PRESET:-ci}

scripts/install-deps.sh

start=$(date +%s)
cmake --preset "$PRESET"
cmake --build --preset "$PRESET" -j "$(nproc)"
echo "build: $(( $(date +%s) - start )) s"

# A display for the screenshot tests (widget tests use the offscreen platform).
XVFB_PID=""
cleanup() {
  [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null || true
}
trap cleanup EXIT
if [ -z "${DISPLAY:-}" ]; then
  for n in $(seq 99 120); do
    if [ ! -e "/tmp/.X11-unix/X$n" ] && [ ! -e "/tmp/.X$n-lock" ]; then
      Xvfb ":$n" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
      XVFB_PID=$!
      export DISPLAY=":$n"
      break
    fi
  done
  for _ in $(seq 1 50); do [ -e "/tmp/.X11-unix/X${DISPLAY#:}" ] && break; sleep 0.1; done
fi
export RB_XVFB_DISPLAY="${DISPLAY:-}"

ctest --preset "$PRESET" -j 2 "$@"
