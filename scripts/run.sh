#!/usr/bin/env bash
# The main job, from a fresh Debian 12 machine: installs what is missing,
# builds a release, and opens the console. With no fleet configured the
# console starts the project's private Tor lab network (3 nodes sharing a
# clearly labelled lab master key) and shows it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)"
BIN=build/release/app/rustbalance-console
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  echo "run: no display found; starting the console under Xvfb (:98)" >&2
  Xvfb :98 -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
  trap 'kill $! 2>/dev/null || true' EXIT
  export DISPLAY=:98
  sleep 1
fi
exec "$BIN" "$@"
