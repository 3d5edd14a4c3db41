#!/usr/bin/env bash
# Installs the Debian packages FinOps Planner needs to build, test and run, only when
# they are missing. Runs as root, or through sudo otherwise. Idempotent and quiet when
# everything is already there.
set -euo pipefail

packages=(
  # toolchain
  g++ cmake ninja-build pkg-config
  # libraries
  qt6-base-dev qt6-base-dev-tools qt6-charts-dev qt6-svg-dev libqt6opengl6-dev
  libgl-dev libxkbcommon-dev libeigen3-dev libsqlite3-dev nlohmann-json3-dev libssl-dev
  # runtime: platform plugins and fonts for the GUI, headless display for tests
  qt6-qpa-plugins fonts-dejavu-core xvfb xauth
  # tools the tests and screenshots use
  sqlite3 poppler-utils desktop-file-utils appstream python3
  # reference for the GEMM benchmark (bench kbench compares against cblas_sgemm)
  libopenblas-dev
  # routing: LiteLLM config export (yaml-cpp); glpsol is the test-only exactness reference
  libyaml-cpp-dev glpk-utils
  # report: XLSX export of the report tables
  libxlsxwriter-dev
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "deps.sh: installing ${missing[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "deps.sh: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
# Refresh the package lists only when they are absent or older than a day.
if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -mtime -1 2>/dev/null | head -1)" ]; then
  "${sudo_cmd[@]}" apt-get update -q
fi
"${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
