#!/usr/bin/env bash
# Runs INSIDE the sandbox VM (tests/vm/sandbox_test.sh starts it with
# labs/vm/run-in-vm): checks what the host kernel lacks and this project
# needs: VRF devices and their tables, MPLS routes (swap, and encap mpls in a
# VRF table), MPLS forwarding between two network namespaces, veth pairs,
# the overlay's write rules, and the project's own build.
# Prints one "ok NAME" or "not ok NAME: DETAIL" line per check; the host side
# asserts each "ok" line (a check that does not run gives no line: a failure
# too). Exit status: the number of failed checks.
# Usage (in the guest): sandbox_guest.sh PROBE_FILE
#   PROBE_FILE  a path on the host's (read-only) root that the guest writes:
#               the host then checks that it did not appear there.
set -u
probe=${1:?usage: sandbox_guest.sh PROBE_FILE}
failed=0
# expect NAME PATTERN COMMAND...: COMMAND succeeds and its output (stdout and
# stderr) has a line matching the extended regex PATTERN ("" = any output).
expect() {
  local name=$1 pattern=$2 out; shift 2
  if ! out=$("$@" 2>&1); then
    echo "not ok $name: '$*' failed: $out"; failed=$((failed + 1))
  elif [[ -n $pattern ]] && ! grep -Eq -- "$pattern" <<<"$out"; then
    echo "not ok $name: no /$pattern/ in: $out"; failed=$((failed + 1))
  else
    echo "ok $name"
  fi
}
# iputils ping may be missing on the host: busybox's (busybox-static is on
# the host, run-in-vm installs it) does the same here.
if command -v ping >/dev/null; then ping=(ping); else ping=(busybox ping); fi

# --- VRF: a device bound to table 10, an interface in it, a route read back.
expect vrf_device "vrf table 10" \
  sh -c 'ip link add vrf-blue type vrf table 10 && ip link set vrf-blue up && ip -d link show vrf-blue'
expect vrf_member "master vrf-blue" \
  sh -c 'ip link add d-blue type dummy && ip link set d-blue master vrf-blue &&
         ip addr add 10.1.0.1/24 dev d-blue && ip link set d-blue up && ip link show d-blue'
expect vrf_route "^10\.9\.0\.0/24 via 10\.1\.0\.2 dev d-blue" \
  sh -c 'ip route add 10.9.0.0/24 via 10.1.0.2 vrf vrf-blue && ip route show vrf vrf-blue'
# The VRF's routes stay out of the main table.
expect vrf_isolated "" sh -c '! ip route show table main | grep -q 10.9.0.0'

# --- MPLS: label table, a swap route, and a VPN-style route with a label
# stack in the VRF's table (the PE's forwarding entry for a remote prefix).
expect mpls_platform_labels "= 1000" sysctl -w net.mpls.platform_labels=1000
expect mpls_swap_route "^100 as to 200 via inet 192\.0\.2\.1 dev d-core" \
  sh -c 'ip link add d-core type dummy && ip addr add 192.0.2.2/24 dev d-core && ip link set d-core up &&
         sysctl -qw net.mpls.conf.d-core.input=1 &&
         ip -f mpls route add 100 as 200 via inet 192.0.2.1 dev d-core && ip -f mpls route show'
expect mpls_encap_in_vrf "^10\.8\.0\.0/24 +encap mpls +100/200 via 192\.0\.2\.1 dev d-core" \
  sh -c 'ip route add 10.8.0.0/24 encap mpls 100/200 via 192.0.2.1 dev d-core table 10 &&
         ip route show vrf vrf-blue'

# --- Network namespaces and veth: a pair between two namespaces, ping.
expect netns_veth_ping "" \
  sh -c 'ip netns add vm-a && ip netns add vm-b &&
         ip -n vm-a link set lo up && ip -n vm-b link set lo up &&
         ip -n vm-a link add eth0 type veth peer name eth0 netns vm-b &&
         ip -n vm-a addr add 10.0.0.1/24 dev eth0 && ip -n vm-b addr add 10.0.0.2/24 dev eth0 &&
         ip -n vm-a link set eth0 up && ip -n vm-b link set eth0 up'
expect netns_ping_reply "1 packets received|1 received" \
  ip netns exec vm-a "${ping[@]}" -c 1 -W 5 10.0.0.2
# MPLS forwarding, not only routes: vm-a reaches vm-b's loopback address only
# through a labelled route; vm-b pops label 100 and delivers the packet
# locally. A reply proves the kernel pushed and popped the label.
expect mpls_forwarding_ping "1 packets received|1 received" \
  sh -c 'ip -n vm-a addr add 198.51.100.1/32 dev lo && ip -n vm-b addr add 198.51.100.2/32 dev lo &&
         ip -n vm-a route add 198.51.100.2/32 encap mpls 100 via 10.0.0.2 dev eth0 src 198.51.100.1 &&
         ip -n vm-b route add 198.51.100.1/32 via 10.0.0.1 &&
         ip netns exec vm-b sysctl -qw net.mpls.platform_labels=1000 &&
         ip netns exec vm-b sysctl -qw net.mpls.conf.eth0.input=1 &&
         ip -n vm-b -f mpls route add 100 dev lo &&
         ip netns exec vm-a '"${ping[*]}"' -c 1 -W 5 -I 198.51.100.1 198.51.100.2'

# --- Writes: the host's files are read-only underneath (writes land in the
# guest's RAM), /tmp is the guest's own, L3VPN_VM_OUT reaches the host.
expect overlay_write_probe "" sh -c "echo guest >'$probe' && grep -q guest '$probe'"
expect tmp_writable "" sh -c 'echo x >/tmp/vm-sandbox && grep -q x /tmp/vm-sandbox'
expect vm_out_writable "" sh -c 'echo "written in the guest" >"$L3VPN_VM_OUT/guest-note"'

# --- The project's build, run from the host's disk.
ctl=${L3VPN_BUILD:-}/labs/l3vpnctl
if [[ -x $ctl ]]; then
  expect l3vpnctl_version "^l3vpnctl version" "$ctl" --version
  expect l3vpnctl_lab_check "^OK: 6 node" "$ctl" lab check "${L3VPN_SOURCE:-.}/labs/rr-core"
else
  echo "not ok l3vpnctl: no executable $ctl (L3VPN_BUILD=${L3VPN_BUILD:-unset})"; failed=$((failed + 1))
fi
exit "$failed"
