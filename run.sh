#!/usr/bin/env bash
# Installs what is missing, builds the release preset and opens FinOps Planner: on your
# workspace when you have one, else on the built-in demo workspace. Extra arguments go to
# the application (--demo forces the demo, --db PATH opens another store).
set -euo pipefail
cd "$(dirname "$0")"
./installer/deps.sh
cmake --preset release >/dev/null
cmake --build --preset release
app=build/release/app/finops-planner
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  cat >&2 <<MSG
run.sh: no display found (DISPLAY, WAYLAND_DISPLAY and QT_QPA_PLATFORM are unset).
Run the application under a virtual X server:
    xvfb-run -a $app
or headless on Qt's offscreen platform:
    QT_QPA_PLATFORM=offscreen $app
The command line works without any display:
    build/release/app/finops-cli --help
MSG
  exit 1
fi
exec "$app" "$@"
