#!/usr/bin/env bash
# Checks the Windows installer here (issue 19): makensis -WX compiles
# hearth.nsi for two versions against a stub payload (files named as the
# real programs, holding their version), and wine64 runs them silently in a
# fresh prefix: install, upgrade over the user's data and login item, and
# uninstall (the data kept; with /REMOVEDATA removed), with assertions on the
# files, the Start-menu shortcut and the registry. What only Windows can
# check (stopping a running Hearth, the shortcut starting it) is said in
# installers/README.md.
#
#   installers/windows/test-installer.sh
#
# Needs nsis and wine64 (Debian packages).
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
WORK="$(mktemp -d /tmp/hearth-nsis.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
export WINEPREFIX="$WORK/prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
WINE=/usr/lib/wine/wine64
[ -x "$WINE" ] || WINE="$(command -v wine64)"

fail() { echo "test-installer: FAILED: $*" >&2; exit 1; }

for version in 0.0.1 0.1.0; do
    mkdir -p "$WORK/payload-$version"
    for program in hearth-tray hearthd hearth hearth-sandbox; do
        printf 'stub %s %s\n' "$program" "$version" > "$WORK/payload-$version/$program.exe"
    done
    makensis -WX -V2 -DVERSION="$version" -DPAYLOAD_DIR="$WORK/payload-$version" \
        -DOUTFILE="$WORK/hearth-$version-setup.exe" "$HERE/hearth.nsi"
done

"$WINE" wineboot -i >/dev/null 2>&1
USER_DIR="$(ls -d "$WINEPREFIX"/drive_c/users/* | grep -v Public | head -1)"
INSTDIR="$USER_DIR/AppData/Local/Programs/Hearth"
DATADIR="$USER_DIR/AppData/Local/Hearth"
SHORTCUT="$USER_DIR/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/Hearth.lnk"
UNINSTALL_KEY='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\Hearth'
RUN_KEY='HKCU\Software\Microsoft\Windows\CurrentVersion\Run'

run() { "$WINE" "$@" >/dev/null 2>&1; "$(dirname "$WINE")/wineserver" -w 2>/dev/null || wineserver -w; }
registry() { "$WINE" reg query "$@" 2>/dev/null | tr -d '\r'; }
installed_version() { registry "$UNINSTALL_KEY" /v DisplayVersion | awk '/DisplayVersion/ {print $3}'; }

echo "== install 0.0.1"
run "$WORK/hearth-0.0.1-setup.exe" /S
for program in hearth-tray hearthd hearth hearth-sandbox; do
    grep -q "stub $program 0.0.1" "$INSTDIR/$program.exe" || fail "$program.exe not installed"
done
[ -f "$INSTDIR/uninstall.exe" ] || fail "no uninstaller"
[ -f "$SHORTCUT" ] || fail "no Start-menu shortcut"
[ "$(installed_version)" = 0.0.1 ] || fail "the uninstall entry does not say 0.0.1"

echo "== upgrade to 0.1.0 over the user's data and login item"
mkdir -p "$DATADIR" && echo data > "$DATADIR/hearth.db"
"$WINE" reg add "$RUN_KEY" /v Hearth /d "\"C:\\hearth-tray.exe\"" /f >/dev/null 2>&1
run "$WORK/hearth-0.1.0-setup.exe" /S
grep -q "stub hearthd 0.1.0" "$INSTDIR/hearthd.exe" || fail "hearthd.exe not upgraded"
[ "$(installed_version)" = 0.1.0 ] || fail "the uninstall entry does not say 0.1.0"
[ -f "$DATADIR/hearth.db" ] || fail "the upgrade lost the user's data"
registry "$RUN_KEY" /v Hearth | grep -q Hearth || fail "the upgrade removed the login item"

echo "== uninstall keeps the data, removes the rest and the login item"
run "$INSTDIR/uninstall.exe" /S
[ ! -e "$INSTDIR" ] || fail "$INSTDIR is still there: $(ls "$INSTDIR")"
[ ! -e "$SHORTCUT" ] || fail "the shortcut is still there"
registry "$UNINSTALL_KEY" | grep -q DisplayName && fail "the uninstall entry is still there"
registry "$RUN_KEY" /v Hearth | grep -q Hearth && fail "the login item is still there"
[ -f "$DATADIR/hearth.db" ] || fail "the uninstaller removed the user's data"

echo "== uninstall with /REMOVEDATA removes the data too"
run "$WORK/hearth-0.1.0-setup.exe" /S
run "$INSTDIR/uninstall.exe" /S /REMOVEDATA
[ ! -e "$INSTDIR" ] || fail "$INSTDIR is still there"
[ ! -e "$DATADIR" ] || fail "the data is still there"
echo "test-installer: passed"
