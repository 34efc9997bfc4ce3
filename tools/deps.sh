#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs the Debian packages cisim builds with, and only those that are missing.
# Sourced by tools/setup.sh and tools/test.sh; safe to run again and again.
set -euo pipefail

CISIM_APT_PACKAGES=(
  g++ cmake ninja-build pkg-config
  libboost-program-options-dev libeigen3-dev libfmt-dev catch2
  libyaml-cpp-dev nlohmann-json3-dev libsqlite3-dev sqlite3 libbenchmark-dev python3
)

cisim_install_deps() {
  local missing=()
  local pkg
  for pkg in "${CISIM_APT_PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$pkg")
    fi
  done
  if [ "${#missing[@]}" -eq 0 ]; then
    echo "cisim: all ${#CISIM_APT_PACKAGES[@]} build packages present"
    return 0
  fi
  echo "cisim: installing missing packages: ${missing[*]}"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null; then
      echo "cisim: not root and no sudo; install as root: apt-get install ${missing[*]}" >&2
      return 1
    fi
    sudo=(sudo)
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# Configures (once) and builds build/ with Ninja. Extra arguments go to cmake's configure step.
cisim_build() {
  local root
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  cmake -S "$root" -B "$root/build" -G Ninja "$@"
  cmake --build "$root/build" --parallel "$(nproc)"
}
