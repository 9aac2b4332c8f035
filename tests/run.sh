#!/usr/bin/env bash
# The full test suite: set up and build if needed, then every CTest test
# (unit tests, daemon integration tests).
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
L3VPN_CMAKE_ARGS="${L3VPN_CMAKE_ARGS:--DL3VPN_WERROR=ON}" "$top/labs/bootstrap.sh"
cd "$top/build"
ctest --output-on-failure --timeout 600 "$@"
