#!/usr/bin/env bash
# CTest `vm_live_labs`: issue 7's acceptance on a real kernel. One boot of
# labs/vm/run-in-vm runs tests/vm/live_labs_guest.sh: the seed lab, the
# hub-and-spoke lab and the ospf-pe-ce lab each go live (`l3vpnctl lab up`,
# daemons with --kernel), are verified with real pings against lab.yaml and
# the simulator (`lab verify --compare-sim`), and come down. Skipped (exit 0)
# only when L3VPN_SKIP_VM=1.
set -u
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
if [[ ${L3VPN_SKIP_VM:-0} == 1 ]]; then echo "vm_live_labs: SKIP (L3VPN_SKIP_VM=1)"; exit 0; fi
: "${L3VPN_BUILD:?L3VPN_BUILD must name the build directory}"
export L3VPN_BUILD
cd "$top" || exit 1
t0=$SECONDS
"$top/labs/vm/run-in-vm" --timeout "${L3VPN_LIVE_TIMEOUT:-1500}" -- bash "$top/tests/vm/live_labs_guest.sh"
status=$?
echo "vm_live_labs: guest exit $status in $((SECONDS - t0)) s (boot included)"
((status == 0))
