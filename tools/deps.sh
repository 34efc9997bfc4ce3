#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs the Debian packages cisim builds with, and only those that are missing.
# Sourced by tools/setup.sh, tools/test.sh and the scripts they call; safe to run again and again.
# Packages come in groups, each installed by the script that uses it:
#   build       compiler, CMake and the libraries cisim links (tools/setup.sh, tools/test.sh)
#   cluster     Slurm and munge for the one-node cluster test (tools/test.sh)
#   python      pytest and pandas for the Python module's tests (tools/test.sh)
#   browser     headless Chromium and a DevTools client, for the HTML report's test (tools/test.sh)
#   sanitizers  clang and its runtimes: ASan, UBSan, TSan and libFuzzer (tools/sanitize.sh,
#               tools/fuzz.sh, tools/tsan.sh)
set -euo pipefail

CISIM_APT_PACKAGES=(
  g++ cmake ninja-build pkg-config
  libboost-program-options-dev libeigen3-dev libfmt-dev catch2
  libyaml-cpp-dev nlohmann-json3-dev libsqlite3-dev sqlite3 libbenchmark-dev python3
  libjs-chart.js pybind11-dev python3-dev python3-numpy libnlopt-dev
)
# Debian 12's clang is clang 14; its sanitizer and libFuzzer runtimes are a separate package.
CISIM_APT_SANITIZERS=(clang libclang-rt-14-dev)
CISIM_APT_BROWSER=(chromium python3-websocket)
CISIM_APT_PYTHON=(python3-pytest python3-pandas)
CISIM_APT_CLUSTER=(slurm-wlm munge)

# cisim_install_deps [GROUP...]: the build group, plus each GROUP named.
cisim_install_deps() {
  local wanted=("${CISIM_APT_PACKAGES[@]}")
  local group
  for group in "$@"; do
    case "$group" in
      build) ;;
      sanitizers) wanted+=("${CISIM_APT_SANITIZERS[@]}") ;;
      browser) wanted+=("${CISIM_APT_BROWSER[@]}") ;;
      python) wanted+=("${CISIM_APT_PYTHON[@]}") ;;
      cluster) wanted+=("${CISIM_APT_CLUSTER[@]}") ;;
      *) echo "cisim_install_deps: unknown package group '$group' (known: build browser cluster python sanitizers)" >&2; return 2 ;;
    esac
  done
  local missing=()
  local pkg
  for pkg in "${wanted[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$pkg")
    fi
  done
  if [ "${#missing[@]}" -eq 0 ]; then
    echo "cisim: all ${#wanted[@]} packages present (groups: build $*)"
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

# cisim_build_clang DIR SANITIZE_OPTION [TARGET...]: a clang build for the sanitizer passes,
# at -O1 with line tables (readable stacks, a fraction of a debug build's time) and as a
# unity build (two cores spend most of a build parsing the same headers), without benchmarks.
cisim_build_clang() {
  local root dir option
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  dir="$root/$1"
  option="$2"
  shift 2
  CC=clang CXX=clang++ cmake -S "$root" -B "$dir" -G Ninja "-D$option=ON" -DCISIM_BUILD_BENCHMARKS=OFF -DCISIM_BUILD_PYTHON=OFF \
    -DCMAKE_BUILD_TYPE=Debug "-DCMAKE_CXX_FLAGS_DEBUG=-O1 -gline-tables-only" -DCMAKE_UNITY_BUILD=ON \
    -DCISIM_WARNINGS_AS_ERRORS=ON >/dev/null
  local targets=()
  local t
  for t in "$@"; do targets+=(--target "$t"); done
  cmake --build "$dir" --parallel "$(nproc)" "${targets[@]}"
}
