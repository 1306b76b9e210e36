#!/usr/bin/env bash
# Proves the .deb in a clean Debian 12 root (issue 19): installs it with apt,
# then, as an unprivileged user in private network and PID namespaces, with
# Xvfb and trayer, starts the tray, which spawns hearthd; `hearth status`
# answers; SIGTERM (what Quit does) stops both. With an older package too it
# first installs that one, keeps a KV value and a watcher, upgrades while the
# tray and hearthd run, and checks the data survived and the versions were
# not mixed silently. Then `apt-get remove` leaves nothing of the package
# under /usr and keeps the user's data; purge leaves nothing.
#
#   installers/linux/test-package.sh NEW.deb [OLDER.deb]
#
# Needs root, mmdebstrap and the network to Debian's mirror. The root is
# cached in ~/.cache/hearth-ci (rebuilt when older than a week).
set -euo pipefail

NEW_DEB="$(realpath "$1")"
OLD_DEB="${2:+$(realpath "$2")}"
CACHE="${HEARTH_CI_CACHE:-$HOME/.cache/hearth-ci}"
TARBALL="$CACHE/bookworm-root.tar"
mkdir -p "$CACHE"
if [ ! -f "$TARBALL" ] || [ -n "$(find "$TARBALL" -mtime +7)" ]; then
    mmdebstrap --variant=apt --quiet \
        --include=ca-certificates,xvfb,xauth,trayer,iproute2,procps \
        bookworm "$CACHE/bookworm-root.new.tar" \
        "deb http://deb.debian.org/debian bookworm main" \
        "deb http://deb.debian.org/debian bookworm-updates main" \
        "deb http://security.debian.org/debian-security bookworm-security main"
    mv "$CACHE/bookworm-root.new.tar" "$TARBALL"
fi

ROOT="$(mktemp -d /tmp/hearth-root.XXXXXX)"
cleanup() {
    for mounted in dev/pts dev proc sys; do
        umount -l "$ROOT/$mounted" 2>/dev/null || true
    done
    # Never into a mount that is somehow still there (the host's /dev).
    for mounted in dev/pts dev proc sys; do
        if mountpoint -q "$ROOT/$mounted"; then
            echo "test-package: $ROOT/$mounted is still mounted; leaving $ROOT" >&2
            return
        fi
    done
    rm -rf --one-file-system "$ROOT"
}
trap cleanup EXIT
tar -C "$ROOT" -xf "$TARBALL"
cp /etc/resolv.conf "$ROOT/etc/resolv.conf"
mount --bind /dev "$ROOT/dev"
mount --bind /dev/pts "$ROOT/dev/pts"
mount -t proc proc "$ROOT/proc"
mount -t sysfs sys "$ROOT/sys"
cp "$NEW_DEB" "$ROOT/tmp/new.deb"
[ -n "$OLD_DEB" ] && cp "$OLD_DEB" "$ROOT/tmp/old.deb"
chroot "$ROOT" useradd --create-home --shell /bin/bash tester

fail() { echo "test-package: FAILED: $*" >&2; exit 1; }
in_root() { chroot "$ROOT" env DEBIAN_FRONTEND=noninteractive "$@"; }
in_root apt-get update -qq # the cached root keeps no package lists

# What the user does, as `tester` in new network and PID namespaces: only
# loopback, and nothing but its own processes to see. The script it runs is
# given on stdin.
as_user() {
    unshare --net --pid --fork --mount-proc="$ROOT/proc" \
        chroot "$ROOT" sh -c 'ip link set lo up && exec runuser -u tester -- bash -s' "$@"
}
USER_PRELUDE='
set -euo pipefail
export HOME=/home/tester XDG_RUNTIME_DIR=/tmp/xdg-tester DISPLAY=:42
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
export HEARTH_SECRET_KEY=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=
Xvfb :42 -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
for i in $(seq 50); do [ -e /tmp/.X11-unix/X42 ] && break; sleep 0.1; done
trayer --edge top --expand false --width 10 >/dev/null 2>&1 &
sleep 0.5
start_tray() {
    hearth-tray >/tmp/tray.log 2>&1 &
    TRAY=$!
    for i in $(seq 100); do
        hearth status >/dev/null 2>&1 && return 0
        sleep 0.2
    done
    cat /tmp/tray.log >&2
    echo "the tray did not start hearthd" >&2
    return 1
}
quit_tray() {
    kill -TERM "$TRAY"
    for i in $(seq 100); do
        kill -0 "$TRAY" 2>/dev/null || break
        sleep 0.2
    done
    if kill -0 "$TRAY" 2>/dev/null; then echo "the tray did not quit" >&2; return 1; fi
    if pgrep -x hearthd >/dev/null; then echo "hearthd outlived the tray" >&2; return 1; fi
}
'

if [ -n "$OLD_DEB" ]; then
    echo "== install the older package, keep data, upgrade while it runs"
    in_root apt-get install -y -qq /tmp/old.deb >/dev/null
    OLD_VERSION="$(chroot "$ROOT" hearth --version | cut -d" " -f2)"
    NEW_VERSION="$(dpkg-deb -f "$NEW_DEB" Version | sed 's/-[^-]*$//')"
    [ "$OLD_VERSION" != "$NEW_VERSION" ] || fail "the older package has the new version"
    mkfifo "$ROOT/tmp/upgraded"
    chmod 666 "$ROOT/tmp/upgraded"
    as_user <<EOF &
$USER_PRELUDE
start_tray
hearth kv set kept '{"price": 42}'
hearth watchers add --name kept --every 1h --script - <<< 'return {ok = true}' >/dev/null
touch /tmp/ready
# Wait while root upgrades the package under the running tray and hearthd.
read _ < /tmp/upgraded
# The new CLI against the old runtime: it answers, and says so.
hearth status 2>/tmp/warning >/dev/null
grep -q "restart Hearth to finish the update" /tmp/warning || { echo "no version warning" >&2; exit 1; }
quit_tray
# The new tray starts the new hearthd on the same data.
start_tray
hearth status -o json | grep -Eq '"version": *"$NEW_VERSION"' \
    || { echo "not the new version" >&2; exit 1; }
hearth kv get kept | grep -Eq '"price": *42' || { echo "the KV value is gone" >&2; exit 1; }
hearth watchers ls | grep -q kept || { echo "the watcher is gone" >&2; exit 1; }
quit_tray
EOF
    USER_PID=$!
    for i in $(seq 300); do
        [ -f "$ROOT/tmp/ready" ] && break
        kill -0 "$USER_PID" 2>/dev/null || break
        sleep 0.2
    done
    [ -f "$ROOT/tmp/ready" ] || fail "the older package did not come up"
    in_root apt-get install -y -qq /tmp/new.deb >/dev/null
    echo upgraded > "$ROOT/tmp/upgraded"
    wait "$USER_PID" || fail "upgrade while running"
else
    echo "== install the package"
    in_root apt-get install -y -qq /tmp/new.deb >/dev/null
    as_user <<EOF || fail "the tray, hearthd and hearth as a user"
$USER_PRELUDE
start_tray
hearth kv set kept '{"price": 42}'
quit_tray
EOF
fi

echo "== remove keeps the user's data and leaves nothing under /usr"
chroot "$ROOT" dpkg -L hearth | grep '^/usr/' > "$ROOT/tmp/files"
in_root apt-get remove -y -qq hearth >/dev/null
# Every file, and every folder of its own (shared ones like /usr/bin stay).
left_behind() {
    while read -r path; do
        if [ -f "$ROOT$path" ] || [ -L "$ROOT$path" ] ||
            { [ -d "$ROOT$path" ] && [[ "$path" == *hearth* ]]; }; then
            echo "$path"
        fi
    done < "$ROOT/tmp/files"
}
[ -z "$(left_behind)" ] || fail "left behind: $(left_behind | tr '\n' ' ')"
[ -f "$ROOT/home/tester/.local/share/Hearth/hearth.db" ] || fail "the data dir went with the package"
echo "== purge leaves nothing"
# No conffiles, no maintainer scripts: removed, dpkg may already have
# forgotten it; purging then changes nothing and must still succeed.
in_root dpkg --purge hearth >/dev/null
if chroot "$ROOT" dpkg -s hearth >/dev/null 2>&1; then fail "dpkg still knows hearth"; fi
[ -z "$(left_behind)" ] || fail "left behind after purge: $(left_behind | tr '\n' ' ')"
echo "test-package: passed"
