#!/bin/sh
# Runs a test on a private X display (Xvfb) with a real system tray host
# (trayer, docked top right) and a private D-Bus session, then tears them down.
set -eu
fdfile=$(mktemp)
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$fdfile" 2>/dev/null &
xvfb=$!
i=0
while [ ! -s "$fdfile" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
DISPLAY=":$(head -n1 "$fdfile")"
rm -f "$fdfile"
export DISPLAY
trayer --edge top --align right --widthtype pixel --width 64 --heighttype pixel --height 32 \
    --SetDockType true --expand false --transparent false --tint 0x303030 >/dev/null 2>&1 &
trayer=$!
cleanup() {
    kill "$trayer" "$xvfb" 2>/dev/null || true
    wait "$trayer" "$xvfb" 2>/dev/null || true
}
trap cleanup EXIT
export QT_QPA_PLATFORM=xcb
status=0
dbus-run-session -- "$@" || status=$?
exit $status
