#!/usr/bin/env bash
# CTest `vm_sandbox`: labs/vm/run-in-vm, the VM with a kernel that has VRF
# and MPLS, checked from the host in four boots:
#   1. the command's exit status, stdout and stderr come back separately;
#   2. inside (tests/vm/sandbox_guest.sh): VRF device and table, MPLS swap
#      and encap routes, MPLS forwarding and a ping between namespaces over
#      veth, write rules, the project's l3vpnctl; then on the host: the
#      guest's write to the host root did not reach the host, and its
#      L3VPN_VM_OUT file did (--out);
#   3. run-in-vm --check prints its OK lines and exits 0;
#   4. --timeout kills a command that does not end, with status 124.
# Needs: L3VPN_BUILD (the build dir; CTest sets it). The first run installs
# qemu-system-x86 and busybox-static and fetches the kernel (~30 s more).
# Skipped (exit 0, "SKIP") only when L3VPN_SKIP_VM=1.
# Output: one "ok"/"not ok" line per assertion; exit 1 if any failed.
set -u
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
vm=$top/labs/vm/run-in-vm
if [[ ${L3VPN_SKIP_VM:-0} == 1 ]]; then echo "vm_sandbox: SKIP (L3VPN_SKIP_VM=1)"; exit 0; fi
: "${L3VPN_BUILD:?L3VPN_BUILD must name the build directory}"
export L3VPN_BUILD L3VPN_SOURCE=$top

passed=0 failed=0
ok()     { echo "ok $1"; passed=$((passed + 1)); }
not_ok() { echo "not ok $1"; failed=$((failed + 1)); }
# check NAME CONDITION...: the condition (a command) holds.
check() { local name=$1; shift; if "$@"; then ok "$name"; else not_ok "$name"; fi; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The guest runs in our directory, which must be visible to it: not /tmp.
cd "$top" || exit 1
t0=$SECONDS

# --- 1. exit status and both output streams pass through.
"$vm" -- sh -c 'echo marker-out-5b1f; echo marker-err-9c2e >&2; exit 7' >"$work/1.out" 2>"$work/1.err"
status=$?
check "exit_status_7_passes_through (got $status)" test "$status" -eq 7
check stdout_marker_on_stdout grep -qx marker-out-5b1f "$work/1.out"
check stderr_marker_on_stderr grep -qx marker-err-9c2e "$work/1.err"
check stderr_marker_not_on_stdout sh -c "! grep -q marker-err-9c2e '$work/1.out'"

# --- 2. the kernel features, inside one boot.
probe=$L3VPN_BUILD/vm-sandbox-probe.$$
rm -f "$probe"
mkdir "$work/out"
"$vm" --out "$work/out" -- bash "$top/tests/vm/sandbox_guest.sh" "$probe" >"$work/2.out" 2>&1
status=$?
sed 's/^/  guest: /' "$work/2.out"
check "guest_checks_exit_0 (got $status)" test "$status" -eq 0
for name in vrf_device vrf_member vrf_route vrf_isolated mpls_platform_labels mpls_swap_route \
            mpls_encap_in_vrf netns_veth_ping netns_ping_reply mpls_forwarding_ping \
            overlay_write_probe tmp_writable vm_out_writable l3vpnctl_version l3vpnctl_lab_check; do
  check "guest_$name" grep -qx "ok $name" "$work/2.out"
done
check host_root_unchanged_by_guest_write test ! -e "$probe"
check vm_out_file_reached_host grep -qx "written in the guest" "$work/out/guest-note"

# --- 3. the tool's own check.
"$vm" --check >"$work/3.out" 2>&1
status=$?
sed 's/^/  check: /' "$work/3.out"
check "check_exit_0 (got $status)" test "$status" -eq 0
check check_vrf_ok grep -qx "OK vrf device" "$work/3.out"
check check_mpls_route_ok grep -qx "OK mpls route 100 -> swap 200 via 192.0.2.1" "$work/3.out"
check check_no_fail sh -c "! grep -q '^FAIL' '$work/3.out'"

# --- 4. the timeout kills a VM whose command does not end.
t=$SECONDS
"$vm" --timeout 20 -- sleep 1000 >"$work/4.out" 2>&1
status=$?
check "timeout_status_124 (got $status)" test "$status" -eq 124
check timeout_says_so grep -q "timed out after 20 s" "$work/4.out"
check "timeout_within_60s ($((SECONDS - t)) s)" test $((SECONDS - t)) -lt 60

echo "vm_sandbox: $passed passed, $failed failed in $((SECONDS - t0)) s"
((failed == 0))
