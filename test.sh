#!/usr/bin/env bash
# Installs what is missing, builds the dev preset (Debug, ASan + UBSan, -Werror) and runs
# every test suite; GUI suites run on Qt's offscreen platform.
set -euo pipefail
cd "$(dirname "$0")"
./installer/deps.sh
cmake --preset dev >/dev/null
cmake --build --preset dev
export QT_QPA_PLATFORM=offscreen
ctest --test-dir build/dev --output-on-failure -j "$(nproc)" "$@"
