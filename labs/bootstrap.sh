#!/usr/bin/env bash
# Installs what the build needs (Debian bookworm packages only) when it is
# missing, then configures and builds everything into build/.
# Safe to run again: it installs nothing that is already there and rebuilds
# only what changed.
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

packages=(g++ cmake ninja-build pkg-config libboost-dev libyaml-cpp-dev
          libnl-3-dev libnl-route-3-dev libssl-dev doctest-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "bootstrap: installing ${missing[*]}"
  sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

build="$top/build"
if [[ ! -f "$build/build.ninja" ]]; then
  cmake -S "$top" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo ${L3VPN_CMAKE_ARGS:-}
fi
# Two cores and plenty of memory on the reference machines: one job per core.
cmake --build "$build" -j "${L3VPN_JOBS:-$(nproc)}"
