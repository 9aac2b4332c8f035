#!/usr/bin/env bash
# CTest `vm_live_labs`: issue 7's acceptance on a real kernel. One boot of
# labs/vm/run-in-vm runs tests/vm/live_labs_guest.sh: the seed lab, the
# hub-and-spoke lab, the ospf-pe-ce lab and mgmt-vrf (seed 000) each go live (`l3vpnctl lab up`,
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
# The README's live main job from the host: `lab run` goes into the VM by
# itself when this kernel lacks VRF or MPLS, and prints the seed's matrix.
ctl=$L3VPN_BUILD/labs/l3vpnctl
[[ -x $ctl ]] || ctl=$L3VPN_BUILD/labs/l3vpnctl/l3vpnctl
t1=$SECONDS
run_out=$("$ctl" lab run labs/inter-vrf-leaking --bin-dir "$L3VPN_BUILD" 2>&1)
run_status=$?
echo "$run_out" | tail -14
if ((run_status == 0)) && grep -q "matrix: 42 pairs as expected, 0 differ" <<<"$run_out" &&
  grep -q "0 cells differ from the measurement" <<<"$run_out"; then
  echo "ok - lab run labs/inter-vrf-leaking: the seed's matrix live in $((SECONDS - t1)) s"
else
  echo "not ok - lab run labs/inter-vrf-leaking (exit $run_status)"
  status=1
fi
((status == 0))
