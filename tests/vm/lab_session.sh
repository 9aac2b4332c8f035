#!/usr/bin/env bash
# CTest `vm_lab_session`: issue 7's live-lab commands as separate commands
# from the host, and the failure drill, on the seed lab. This kernel has no
# VRF or MPLS, so `l3vpnctl lab up` starts the lab's VM session
# (labs/vm/run-in-vm --session) and every later command runs in it:
#   lab up       -> converged, a qemu running for the session
#   lab status   -> the namespaces are present (in the VM)
#   lab exec     -> R1's OSPF neighbours
#   lab shell    -> a CLI line from stdin reaches R1's daemon
#   lab verify   -> the seed's matrix: 42 pairs as expected, 0 differ
#   lab drill R1:GigabitEthernet0/3 (the P router's link to R3): R3's
#                   cells fail, then come back; both times printed
#   lab verify   -> 42 / 0 again after the drill (--svg: the picture comes back to the host)
#   lab down     -> exit 0, no qemu left, no session directory
# On a kernel with VRF and MPLS the same commands would run here: --vm
# forces the VM so the test means the same everywhere.
# Needs: L3VPN_BUILD (CTest sets it). Skipped (exit 0) only when
# L3VPN_SKIP_VM=1. Output: one ok / not ok line per check, times in seconds.
set -u
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
if [[ ${L3VPN_SKIP_VM:-0} == 1 ]]; then echo "vm_lab_session: SKIP (L3VPN_SKIP_VM=1)"; exit 0; fi
: "${L3VPN_BUILD:?L3VPN_BUILD must name the build directory}"
export L3VPN_BUILD
ctl=$L3VPN_BUILD/labs/l3vpnctl
[[ -x $ctl ]] || ctl=$L3VPN_BUILD/labs/l3vpnctl/l3vpnctl
cd "$top" || exit 1
lab=labs/inter-vrf-leaking
# A run directory of our own: the session (RUN/inter-vrf-leaking/vm) is ours alone.
run=$(mktemp -d /tmp/l3vpn-lab-session.XXXXXX)
export L3VPN_LAB_RUN_DIR=$run
session=$run/inter-vrf-leaking/vm

passed=0 failed=0
ok()     { echo "ok - $1"; passed=$((passed + 1)); }
not_ok() { echo "not ok - $1"; failed=$((failed + 1)); }
check() { local name=$1; shift; if "$@"; then ok "$name"; else not_ok "$name"; fi; }
cleanup() {
  [[ -e $session ]] && "$ctl" lab down "$lab" >/dev/null 2>&1
  [[ -e $session ]] && "$top/labs/vm/run-in-vm" --session "$session" --stop >/dev/null 2>&1
  rm -rf "$run"
}
trap cleanup EXIT
t0=$SECONDS
step() {  # step NAME COMMAND...: runs it, output to $run/NAME.log and indented on ours
  local name=$1 t=$SECONDS
  shift
  "$@" >"$run/$name.log" 2>&1
  local status=$?
  sed 's/^/    /' "$run/$name.log"
  echo "  ($name: exit $status in $((SECONDS - t)) s)"
  return $status
}

step up "$ctl" lab up "$lab" --vm --bin-dir "$L3VPN_BUILD" --timeout 240
status=$?
check "lab up exits 0 (got $status)" test "$status" -eq 0
check "lab up started the VM session" grep -q "starting a VM session in $session" "$run/up.log"
check "lab up converged in the VM" grep -q "converged after" "$run/up.log"
qemu=$(cat "$session/qemu.pid" 2>/dev/null)
check "the session's qemu runs (pid ${qemu:-none})" test -n "$qemu" -a -e "/proc/${qemu:-0}"

step status "$ctl" lab status "$lab"
check "lab status sees the namespaces in the VM" sh -c "[ \$(grep -c '\[present\]' '$run/status.log') -eq 5 ]"

step exec "$ctl" lab exec "$lab" R1 show ip ospf neighbor
status=$?
check "lab exec answers from R1 in the VM (exit $status)" sh -c "[ $status -eq 0 ] && [ \$(grep -ci full '$run/exec.log') -ge 3 ]"

step shell sh -c "echo 'show ip bgp summary' | '$ctl' lab shell '$lab' R2"
check "lab shell takes a line from stdin to R2's CLI" grep -q "Neighbor" "$run/shell.log"

step verify "$ctl" lab verify "$lab"
status=$?
check "lab verify: the seed's matrix, 42 as expected, 0 differ (exit $status)" \
  sh -c "[ $status -eq 0 ] && grep -q 'matrix: 42 pairs as expected, 0 differ' '$run/verify.log'"

step drill "$ctl" lab drill "$lab" R1:GigabitEthernet0/3 --timeout 150
status=$?
check "lab drill exits 0: the failure showed and the matrix came back (exit $status)" test "$status" -eq 0
check "drill: the matrix is as expected before" grep -q "^before: 42 cells as expected, 0 differ" "$run/drill.log"
check "drill: R3's cells go through the link" grep -Eq "^drill: R1 GigabitEthernet0/3 \(gi0-3, to R3 GigabitEthernet0/0\): [1-9][0-9]* of 42 cells go through it" "$run/drill.log"
check "drill: the time to fail is printed" grep -Eq "^time to fail: [0-9]+\.[0-9] s" "$run/drill.log"
check "drill: the time to recover is printed" grep -Eq "^time to recover: [0-9]+\.[0-9] s \(the whole matrix as expected again\)" "$run/drill.log"
check "drill: R3's Technique to R4's among the cells that changed" grep -Eq "^  Technique -> Technique-R4 +failed at" "$run/drill.log"

step verify-after "$ctl" lab verify "$lab" --svg "$run/after.svg"
status=$?
check "lab verify after the drill: 42 / 0 (exit $status)" \
  sh -c "[ $status -eq 0 ] && grep -q 'matrix: 42 pairs as expected, 0 differ' '$run/verify-after.log'"
# The picture is written in the VM and comes back to the host through the session's share.
check "lab verify --svg: the matrix picture is on the host" grep -q "<svg" "$run/after.svg"
check "lab verify --svg: it says where" grep -q "^picture: $run/after.svg" "$run/verify-after.log"

step down "$ctl" lab down "$lab"
status=$?
check "lab down exits 0 (got $status)" test "$status" -eq 0
check "lab down stopped the VM session" grep -q "VM session stopped" "$run/down.log"
check "no qemu left" test ! -e "/proc/${qemu:-0}"
check "no session directory left" test ! -e "$session"

echo "vm_lab_session: $passed passed, $failed failed in $((SECONDS - t0)) s"
((failed == 0))
