#!/usr/bin/env bash
# CTest `vm_e2e`: the L3VPN end to end on a real kernel. One boot of
# labs/vm/run-in-vm (a kernel with VRF and MPLS) runs
# tests/vm/l3vpn_e2e_guest.sh: six namespaces, l3vpn-pe x2 and l3vpn-p with
# --kernel, OSPF+LDP+iBGP VPNv4, then pings, the kernel's tables, `show fib
# drift` and the SIGTERM cleanup (see the guest script for the checks).
# Needs: L3VPN_BUILD (the build dir; CTest sets it) with l3vpn-pe, l3vpn-p
# and l3vpnctl. Skipped (exit 0, "SKIP") only when L3VPN_SKIP_VM=1.
# Output: the guest's ok / not ok lines and the convergence time; exit 1 if
# any check failed or the VM did not run.
set -u
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
if [[ ${L3VPN_SKIP_VM:-0} == 1 ]]; then echo "vm_e2e: SKIP (L3VPN_SKIP_VM=1)"; exit 0; fi
: "${L3VPN_BUILD:?L3VPN_BUILD must name the build directory}"
export L3VPN_BUILD
cd "$top" || exit 1
out=${L3VPN_E2E_OUT:-$(mktemp -d)}
mkdir -p "$out"
t0=$SECONDS
"$top/labs/vm/run-in-vm" --timeout "${L3VPN_E2E_TIMEOUT:-300}" --out "$out" -- bash "$top/tests/vm/l3vpn_e2e_guest.sh"
status=$?
[[ -f $out/e2e-guest.log ]] && cat "$out/e2e-guest.log"
echo "vm_e2e: guest exit $status in $((SECONDS - t0)) s (boot included)"
((status == 0))
