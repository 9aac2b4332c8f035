#!/usr/bin/env bash
# Inside the VM sandbox (a kernel with VRF and MPLS): every lab of labs/ that
# our daemons can run goes live with `l3vpnctl lab up` (one namespace per
# node, the real daemons with --kernel), `lab verify --compare-sim` measures
# its matrix with real pings and compares every cell with the simulator, and
# `lab down` leaves nothing behind. The seed lab's live matrix must be the
# seed's (42 pairs as expected). labs/bgp-pe-ce needs FRR's bgpd for its CEs
# and is left out. Output: one ok / not ok line per step, times in seconds.
set -u
: "${L3VPN_BUILD:?}"
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
ctl=$L3VPN_BUILD/labs/l3vpnctl
[[ -x $ctl ]] || ctl=$L3VPN_BUILD/labs/l3vpnctl/l3vpnctl
export L3VPN_LAB_RUN_DIR=/run/l3vpn-lab
failed=0
ok() { echo "ok - $*"; }
not_ok() { echo "not ok - $*"; failed=1; }
cd "$top" || exit 1
for lab in inter-vrf-leaking hub-and-spoke ospf-pe-ce mgmt-vrf ecmp-diamond; do
  t0=$SECONDS
  if "$ctl" lab up "labs/$lab" --bin-dir "$L3VPN_BUILD" --timeout 240 >"/tmp/$lab-up.log" 2>&1; then
    ok "$lab: up and converged in $((SECONDS - t0)) s"
  else
    not_ok "$lab: up (last lines below)"; tail -5 "/tmp/$lab-up.log"
  fi
  "$ctl" lab verify "labs/$lab" --compare-sim >"/tmp/$lab-verify.log" 2>&1
  rc=$?
  cat "/tmp/$lab-verify.log"
  if ((rc == 0)) && grep -q "0 differ" "/tmp/$lab-verify.log" && grep -q "0 cells differ" "/tmp/$lab-verify.log"; then
    ok "$lab: live matrix as lab.yaml expects, and as the simulator predicts"
  else
    not_ok "$lab: live matrix (verify exit $rc)"
  fi
  if [[ $lab == inter-vrf-leaking ]]; then
    grep -q "matrix: 42 pairs as expected, 0 differ" "/tmp/$lab-verify.log" && ok "seed lab: the seed's 42 pairs" ||
      not_ok "seed lab: the seed's 42 pairs"
  fi
  # Seed 000: VRF-bound BGP sockets, src loopback, unreachable default, rules.
  [[ $lab == mgmt-vrf ]] && { bash "$top/tests/vm/mgmt_vrf_checks.sh" || failed=1; }
  # ECMP: multipath routes and labels in PE1's kernel, no drift after a sync.
  [[ $lab == ecmp-diamond ]] && { bash "$top/tests/vm/ecmp_checks.sh" || failed=1; }
  "$ctl" lab down "labs/$lab" >/dev/null 2>&1
  left=$(ip netns list | grep -c "^l3v-" || true)
  ((left == 0)) && ok "$lab: down leaves no namespace" || not_ok "$lab: $left namespaces left"
done
exit $failed
