#!/bin/bash
# Runs a test binary against a REAL Secret Service: a private D-Bus session
# (dbus-run-session) with gnome-keyring-daemon started, its login keyring
# created and unlocked with a throw-away password. HOME and the XDG dirs point
# into a temp dir, so nothing touches the real keyring or config.
# Everything started here is stopped on exit (keyring daemon by PID; the bus
# by dbus-run-session when this script ends).
#   usage: with_keyring.sh <test-binary> [args...]
set -u
if [ "$#" -lt 1 ]; then
    echo "usage: $0 <test-binary> [args...]" >&2
    exit 2
fi
if [ -z "${RB_KEYRING_INNER:-}" ]; then
    for tool in dbus-run-session gnome-keyring-daemon; do
        if ! command -v "$tool" >/dev/null 2>&1; then
            echo "with_keyring.sh: $tool is not installed (apt-get install dbus gnome-keyring)" >&2
            exit 1
        fi
    done
    export RB_KEYRING_INNER=1
    exec timeout -k 5 "${RB_KEYRING_TIMEOUT:-150}" dbus-run-session -- "$0" "$@"
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/rbkeyring.XXXXXX") || exit 1
export HOME="$tmp/home" XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$tmp/cache"
export XDG_RUNTIME_DIR="$tmp/runtime"
mkdir -p "$HOME" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$tmp" "$XDG_RUNTIME_DIR"
# Let QtKeychain pick the Secret Service (libsecret) as on a plain desktop.
unset XDG_CURRENT_DESKTOP DESKTOP_SESSION KDE_FULL_SESSION KDE_SESSION_VERSION GNOME_DESKTOP_SESSION_ID DISPLAY

gk_pid=""
cleanup() {
    if [ -n "$gk_pid" ]; then
        kill "$gk_pid" 2>/dev/null
        wait "$gk_pid" 2>/dev/null
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 143' TERM INT

# --unlock reads the login keyring password from stdin (creating the keyring).
printf '%s' "rb-throwaway-test-keyring" |
    gnome-keyring-daemon --foreground --unlock --components=secrets >"$tmp/gnome-keyring.log" 2>&1 &
gk_pid=$!

ready=""
for _ in $(seq 1 100); do
    if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true'; then
        ready=1
        break
    fi
    if ! kill -0 "$gk_pid" 2>/dev/null; then
        break
    fi
    sleep 0.1
done
if [ -z "$ready" ]; then
    echo "with_keyring.sh: gnome-keyring-daemon did not register org.freedesktop.secrets" >&2
    cat "$tmp/gnome-keyring.log" >&2
    exit 1
fi

export RB_KEYRING_SCAN_DIR="$tmp"
"$@"
exit $?
