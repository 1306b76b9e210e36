#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan+UBSan) and runs each for the
# given number of seconds (default 60), starting from tests/fuzz/corpus.
#   scripts/fuzz.sh [seconds]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SECONDS_EACH="${1:-60}"
BUILD_DIR="${HEARTH_FUZZ_BUILD_DIR:-$ROOT/build-fuzz}"

CC=clang CXX=clang++ cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DHEARTH_FUZZ=ON -DHEARTH_BUILD_TESTS=OFF -DHEARTH_BUILD_BENCH=OFF \
    -DHEARTH_WERROR="${HEARTH_WERROR:-OFF}"
cmake --build "$BUILD_DIR" --parallel --target fuzz_json fuzz_sandbox fuzz_hostprotocol \
    fuzz_cssselect fuzz_feed fuzz_mcp fuzz_resultschema fuzz_reach

export ASAN_OPTIONS="detect_leaks=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
for target in json sandbox hostprotocol cssselect feed mcp resultschema reach; do
    work="$BUILD_DIR/corpus-$target"
    mkdir -p "$work"
    echo "fuzzing $target for ${SECONDS_EACH}s"
    "$BUILD_DIR/bin/fuzz_$target" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 \
        -max_len=4096 "$work" "$ROOT/tests/fuzz/corpus/$target"
done
