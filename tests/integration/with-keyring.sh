#!/bin/sh
# Runs a command inside a private D-Bus session with its own unlocked GNOME
# Keyring: keychain tests get a real Secret Service and never touch the
# user's own keychain. HEARTH_TEST_KEYRING tells the test helpers so.
set -eu
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export HOME="$home" XDG_DATA_HOME="$home/.local/share" XDG_CONFIG_HOME="$home/.config"
export HEARTH_TEST_KEYRING=1
unset DISPLAY WAYLAND_DISPLAY || true
dbus-run-session -- sh -c \
    'printf "hearth-test-keyring" | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec "$@"' \
    with-keyring "$@"
