#!/usr/bin/env bash
# Sets up, builds and runs Hearth on Debian 12.
#   scripts/hearth.sh run [options]   install what is missing, build, run the tray
#                                     (hearthd where there is no display)
#   scripts/hearth.sh test                    install what is missing, build, run every test
#   scripts/hearth.sh package                 build the .deb (build-package/hearth_*.deb) with
#                                             Debian's hardening flags, and check it
# Environment: HEARTH_WERROR=ON (warnings are errors), HEARTH_SANITIZE=ON
# (ASan+UBSan build in build-asan/), HEARTH_BUILD_DIR, HEARTH_BUILD_TYPE.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODE="${1:-}"
shift || true

# Debian 12 packages the build and the tests need.
PACKAGES=(
    g++ cmake ninja-build pkg-config
    qt6-base-dev qt6-svg-dev libqt6sql6-sqlite
    # The tray's value charts; Debian's Qt Charts needs Qt OpenGL's CMake
    # files without depending on them.
    qt6-charts-dev libqt6opengl6-dev
    qt6-tools-dev qt6-l10n-tools
    libboost-dev libcpp-httplib-dev libssl-dev
    qtkeychain-qt6-dev libsecret-1-0
    liblua5.4-dev libseccomp-dev libxml2-dev libjq-dev libdtl-dev libvalijson-dev libzstd-dev
    libcurl4-openssl-dev
    tzdata librsvg2-bin
)
# The tray on an X11 or Wayland desktop.
RUN_PACKAGES=(qt6-qpa-plugins libxcb-cursor0)
# The keychain tests run a real Secret Service in a private D-Bus session.
# The desktop test runs the tray under Xvfb with trayer as its tray host.
# The login item and the shell completions are tried in the real validator
# and shells. CSS selectors are checked against lxml's cssselect. Email
# channels send to a real SMTP server (aiosmtpd) with a certificate made
# by openssl.
TEST_PACKAGES=(dbus dbus-daemon gnome-keyring xvfb trayer xdotool qt6-qpa-plugins libxcb-cursor0
               desktop-file-utils zsh fish python3 python3-lxml python3-cssselect
               python3-aiosmtpd openssl)
# The MCP test drives `hearth mcp` with the official MCP SDK's client, a
# Node.js package that the test suite installs from npm (tests/mcp-sdk): Node.js
# and npm, Debian's where the machine has none of its own. Each only where its
# command is missing: NodeSource's nodejs brings npm and conflicts with
# Debian's npm package.
# The .deb: dpkg-shlibdeps and dpkg-buildflags, and the checkers it must pass.
PACKAGE_PACKAGES=(dpkg-dev lintian desktop-file-utils appstream)

install_missing_packages() {
    local missing=()
    for package in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
            missing+=("$package")
        fi
    done
    if [ "${#missing[@]}" -eq 0 ]; then
        return
    fi
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        if ! command -v sudo >/dev/null; then
            echo "hearth.sh: missing packages (${missing[*]}) and no sudo; run as root" >&2
            exit 1
        fi
        sudo="sudo"
    fi
    echo "hearth.sh: installing ${missing[*]}"
    $sudo apt-get update
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
}

build() {
    local sanitize="${HEARTH_SANITIZE:-OFF}"
    local default_dir="$ROOT/build"
    if [ "$sanitize" = "ON" ]; then
        default_dir="$ROOT/build-asan"
    fi
    BUILD_DIR="${HEARTH_BUILD_DIR:-$default_dir}"
    cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja \
        -DCMAKE_BUILD_TYPE="${HEARTH_BUILD_TYPE:-RelWithDebInfo}" \
        -DHEARTH_WERROR="${HEARTH_WERROR:-OFF}" \
        -DHEARTH_SANITIZE="$sanitize"
    cmake --build "$BUILD_DIR" --parallel
}

case "$MODE" in
    run)
        install_missing_packages "${PACKAGES[@]}" "${RUN_PACKAGES[@]}"
        build
        # The tray where there is a display; the runtime alone where there is none.
        if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
            exec "$BUILD_DIR/bin/hearth-tray" "$@"
        fi
        echo "hearth.sh: no display; starting hearthd (the tray needs a desktop)" >&2
        exec "$BUILD_DIR/bin/hearthd" "$@"
        ;;
    test)
        install_missing_packages "${PACKAGES[@]}" "${TEST_PACKAGES[@]}"
        command -v node >/dev/null || install_missing_packages nodejs
        command -v npm >/dev/null || install_missing_packages npm
        build
        export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
        export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0"
        ctest --test-dir "$BUILD_DIR" --output-on-failure --parallel "$(nproc)"
        ;;
    package)
        install_missing_packages "${PACKAGES[@]}" "${PACKAGE_PACKAGES[@]}"
        BUILD_DIR="${HEARTH_BUILD_DIR:-$ROOT/build-package}"
        # HEARTH_VERSION: another version than the source's (CI builds a
        # lower one to upgrade from).
        VERSION_OPTION=(-UHEARTH_VERSION)
        if [ -n "${HEARTH_VERSION:-}" ]; then
            VERSION_OPTION=(-DHEARTH_VERSION="$HEARTH_VERSION")
        fi
        # Debian's hardening (fortify, stack protector, relro, bindnow, PIE).
        eval "$(DEB_BUILD_MAINT_OPTIONS=hardening=+all dpkg-buildflags --export=sh)"
        export CXXFLAGS="$CXXFLAGS $CPPFLAGS"
        cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
            -DCMAKE_INSTALL_PREFIX=/usr -DHEARTH_WERROR="${HEARTH_WERROR:-OFF}" \
            -DHEARTH_BUILD_TESTS=OFF -DHEARTH_BUILD_BENCH=OFF "${VERSION_OPTION[@]}"
        cmake --build "$BUILD_DIR" --parallel
        rm -f "$BUILD_DIR"/hearth_*.deb
        (cd "$BUILD_DIR" && cpack -G DEB)
        DEB="$(ls "$BUILD_DIR"/hearth_*.deb)"
        # What Debian's tools say of it; overrides only with a reason
        # (installers/linux/lintian-overrides).
        lintian --fail-on error,warning --tag-display-limit 0 "$DEB"
        CHECK_DIR="$(mktemp -d)"
        trap 'rm -rf "$CHECK_DIR"' EXIT
        dpkg-deb -x "$DEB" "$CHECK_DIR"
        desktop-file-validate "$CHECK_DIR"/usr/share/applications/*.desktop
        appstreamcli validate --no-net "$CHECK_DIR"/usr/share/metainfo/*.metainfo.xml
        echo "hearth.sh: made $DEB"
        ;;
    *)
        echo "usage: scripts/hearth.sh run [--data-dir DIR] [--port N] | test | package" >&2
        exit 2
        ;;
esac
