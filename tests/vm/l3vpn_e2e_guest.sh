#!/usr/bin/env bash
# Runs INSIDE the sandbox VM (tests/vm/l3vpn_e2e.sh starts it): the real
# daemons program the kernel (--kernel) and a host pings another across the
# MPLS backbone.
#
#   h1a eth0 .10 --192.168.1.0/24-- ce1 (vrf A) pe1 eth1 --10.0.1.0/30-- eth1 p eth2 --10.0.2.0/30-- eth1 pe2
#   pe2 ce1 (vrf A) --192.168.2.0/24-- eth0 .10 h2a
#   pe2 ce2 (vrf B) --192.168.3.0/24-- eth0 .10 h2b
#   Loopback0 (dummy loop0, made by the daemons): pe1 10.255.0.1, p 10.255.0.2, pe2 10.255.0.3
#
# OSPF (point-to-point, hello 1 s / dead 4 s) and LDP (hello 1 s / hold 3 s)
# in the core; iBGP VPNv4 pe1-pe2; VRF A (RT 65000:1) on both PEs, VRF B
# (RT 65000:2) on pe2 only. The configs use Linux names, so no interface map.
# The script makes the namespaces, veths (up) and the core links' addresses
# (so it can add one fallback route per PE loopback, metric 500: BGP's first
# connect then finds a way before OSPF has run; the daemons' own routes,
# metric 0 by default, win as soon as they are in); the daemons make the
# VRF devices, dummy loopbacks, the VRF interfaces' addresses, MPLS sysctls
# and every route. ip_forward is the script's (the daemons do not set it).
#
# Checks (one "ok NAME" / "not ok NAME: DETAIL" line each; exit status =
# failures): convergence (pe1's VRF A has pe2's site with encap mpls, and the
# reverse) and its time; h1a pings h2a; h1a cannot reach h2b (VRF B is not
# imported by pe1); p's kernel MPLS table holds LDP entries of proto 248; p's
# MPLS counters (ip stats afstats) moved with the ping (tcpdump is checked
# for and used when present); pe1's `ip route show vrf A` has the remote
# prefix with encap mpls LSP/VPN labels; the show commands answer from the
# kernel; `show fib drift` says "No drift"; p's eth2 going down withdraws the
# VPN route from pe1's kernel and coming up brings it back; SIGTERM on pe1
# removes its proto-248 routes, MPLS routes and VRF device; with --keep-fib
# they stay, and a --keep-fib restart keeps them and ends with no drift.
set -u
# Everything goes to a file the host keeps (and prints): the guest has no
# /dev/fd for a tee, and a VM killed by the timeout leaves it readable.
if [[ -n ${L3VPN_VM_OUT:-} ]]; then exec >>"$L3VPN_VM_OUT/e2e-guest.log" 2>&1; fi
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${L3VPN_BUILD:-$top/build}
PE=$build/pe/l3vpn-pe P=$build/p/l3vpn-p CTL=$build/labs/l3vpnctl
[[ -x $CTL ]] || CTL=$(command -v l3vpnctl || true)
export PATH=$PATH:/usr/sbin:/sbin
failed=0
ok() { echo "ok $1"; }
not_ok() { echo "not ok $1: $2"; failed=$((failed + 1)); }
tmp=$(mktemp -d /tmp/l3vpn-e2e.XXXXXX)
for bin in "$PE" "$P" "$CTL"; do [[ -x $bin ]] || { not_ok binaries "$bin not built"; exit 1; }; done
if command -v ping >/dev/null; then ping=(ping); else ping=(busybox ping); fi

# ---------------------------------------------------------------- topology
for n in h1a pe1 p pe2 h2a h2b; do ip netns add "$n"; ip -n "$n" link set lo up; done
link() {  # NS1 IF1 NS2 IF2
  ip -n "$1" link add "$2" type veth peer name "$4" netns "$3"
  ip -n "$1" link set "$2" up; ip -n "$3" link set "$4" up
}
link h1a eth0 pe1 ce1
link pe1 eth1 p eth1
link p eth2 pe2 eth1
link pe2 ce1 h2a eth0
link pe2 ce2 h2b eth0
ip -n h1a addr add 192.168.1.10/24 dev eth0; ip -n h1a route add default via 192.168.1.1
ip -n h2a addr add 192.168.2.10/24 dev eth0; ip -n h2a route add default via 192.168.2.1
ip -n h2b addr add 192.168.3.10/24 dev eth0; ip -n h2b route add default via 192.168.3.1
ip -n pe1 addr add 10.0.1.1/30 dev eth1
ip -n p addr add 10.0.1.2/30 dev eth1
ip -n p addr add 10.0.2.1/30 dev eth2
ip -n pe2 addr add 10.0.2.2/30 dev eth1
for n in pe1 p pe2; do ip netns exec "$n" sysctl -qw net.ipv4.ip_forward=1; done
ip -n pe1 route add 10.255.0.3/32 via 10.0.1.2 metric 500
ip -n p route add 10.255.0.1/32 via 10.0.1.1 metric 500
ip -n p route add 10.255.0.3/32 via 10.0.2.2 metric 500
ip -n pe2 route add 10.255.0.1/32 via 10.0.2.1 metric 500

core_if() {  # NAME ADDRESS MASK
  printf 'interface %s\n ip address %s %s\n ip ospf network point-to-point\n ip ospf hello-interval 1\n ip ospf dead-interval 4\n ip ospf 1 area 0\n mpls ip\n' "$@"
}
ldp_lines="mpls ldp router-id Loopback0 force
mpls ldp discovery hello interval 1
mpls ldp discovery hello holdtime 3"
bgp_lines() {  # ROUTER_ID PEER
  printf 'router bgp 65000\n bgp router-id %s\n neighbor %s remote-as 65000\n neighbor %s update-source Loopback0\n address-family vpnv4\n  neighbor %s activate\n  neighbor %s send-community extended\n exit-address-family\n' "$1" "$2" "$2" "$2" "$2"
}
vrf_af() { printf ' address-family ipv4 vrf %s\n  redistribute connected\n exit-address-family\n' "$1"; }
{
  echo "hostname pe1"
  printf 'ip vrf A\n rd 65000:1\n route-target export 65000:1\n route-target import 65000:1\n'
  printf 'interface Loopback0\n ip address 10.255.0.1 255.255.255.255\n ip ospf 1 area 0\n'
  printf 'interface ce1\n ip vrf forwarding A\n ip address 192.168.1.1 255.255.255.0\n'
  core_if eth1 10.0.1.1 255.255.255.252
  printf 'router ospf 1\n router-id 10.255.0.1\n'
  echo "$ldp_lines"; bgp_lines 10.255.0.1 10.255.0.3; vrf_af A; echo end
} >"$tmp/pe1.conf"
{
  echo "hostname p"
  printf 'interface Loopback0\n ip address 10.255.0.2 255.255.255.255\n ip ospf 1 area 0\n'
  core_if eth1 10.0.1.2 255.255.255.252
  core_if eth2 10.0.2.1 255.255.255.252
  printf 'router ospf 1\n router-id 10.255.0.2\n'
  echo "$ldp_lines"; echo end
} >"$tmp/p.conf"
{
  echo "hostname pe2"
  printf 'ip vrf A\n rd 65000:21\n route-target export 65000:1\n route-target import 65000:1\n'
  printf 'ip vrf B\n rd 65000:22\n route-target export 65000:2\n route-target import 65000:2\n'
  printf 'interface Loopback0\n ip address 10.255.0.3 255.255.255.255\n ip ospf 1 area 0\n'
  printf 'interface ce1\n ip vrf forwarding A\n ip address 192.168.2.1 255.255.255.0\n'
  printf 'interface ce2\n ip vrf forwarding B\n ip address 192.168.3.1 255.255.255.0\n'
  core_if eth1 10.0.2.2 255.255.255.252
  printf 'router ospf 1\n router-id 10.255.0.3\n'
  echo "$ldp_lines"; bgp_lines 10.255.0.3 10.255.0.1; vrf_af A; vrf_af B; echo end
} >"$tmp/pe2.conf"

declare -A pid
start() {  # NS BIN
  if ! "$2" --check -f "$tmp/$1.conf" >"$tmp/$1.check" 2>&1; then
    not_ok "config_$1" "$(head -5 "$tmp/$1.check")"; return
  fi
  ip netns exec "$1" "$2" -f "$tmp/$1.conf" --socket "$tmp/$1.sock" --kernel --log-level info \
    >"$tmp/$1.log" 2>&1 &
  pid[$1]=$!
}
ctl() { "$CTL" exec "$tmp/$1.sock" "$2" 2>&1; }
dump_logs() { for n in pe1 p pe2; do echo "--- $n log (last 25 lines)"; tail -25 "$tmp/$n.log"; done; }

echo "topology up; starting the daemons"
t0=$(date +%s.%N)
start pe1 "$PE"; start p "$P"; start pe2 "$PE"

# ------------------------------------------------------------ convergence
# The daemons share one nexthop object per label stack (ip shows "nhid N"
# before the encap, which nexthop_compat_mode still prints).
has_vpn_route() { ip -n "$1" route show vrf A 2>/dev/null | grep -Eq "^$2 +(nhid [0-9]+ +)?encap mpls"; }
converged=0 limit=$((SECONDS + ${L3VPN_E2E_CONVERGE:-150})) next_note=$((SECONDS + 20))
while ((SECONDS < limit)); do
  if has_vpn_route pe1 192.168.2.0/24 && has_vpn_route pe2 192.168.1.0/24; then converged=1; break; fi
  if ((SECONDS >= next_note)); then  # where it stands, for a slow VM
    next_note=$((SECONDS + 20))
    echo "  waiting: pe1 OSPF $(ctl pe1 'show ip ospf neighbor' | grep -c FULL) full, LDP $(ctl pe1 'show mpls ldp neighbor' | grep -c 'Oper'), BGP $(ctl pe1 'show ip bgp vpnv4 all summary' | tail -1)"
  fi
  sleep 0.5
done
t1=$(date +%s.%N)
seconds=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
if ((converged)); then
  ok converged; echo "converged in $seconds s (daemons started -> both VRF A routes with encap mpls in the kernels)"
else
  not_ok converged "no VPN routes after $seconds s"
  for n in pe1 pe2; do echo "--- $n vrf A:"; ip -n "$n" route show vrf A; done
  dump_logs
fi

# ------------------------------------------------------------ the dataplane
out=$(ip netns exec h1a "${ping[@]}" -c 3 -W 2 192.168.2.10 2>&1)
if grep -Eq "[1-3] (packets )?received" <<<"$out"; then ok ping_h1a_h2a; else not_ok ping_h1a_h2a "$out"; fi
out=$(ip netns exec h1a "${ping[@]}" -c 2 -W 1 192.168.3.10 2>&1)
if grep -Eq " 0 (packets )?received" <<<"$out"; then ok no_ping_h1a_h2b; else not_ok no_ping_h1a_h2b "$out"; fi

p_mpls=$(ip -n p -f mpls route show 2>&1)
echo "$p_mpls" | sed 's/^/  p mpls: /'
if grep -Eq "^[0-9]+ .*proto 248" <<<"$p_mpls"; then ok p_ldp_mpls_routes_proto_248; else not_ok p_ldp_mpls_routes_proto_248 "$p_mpls"; fi
pe1_mpls=$(ip -n pe1 -f mpls route show 2>&1)
echo "$pe1_mpls" | sed 's/^/  pe1 mpls: /'
if grep -Eq "^[0-9]+ as to [0-9]+ via inet 10\.0\.1\.2 dev eth1 proto 248" <<<"$pe1_mpls"; then ok pe1_ldp_swap_proto_248
else not_ok pe1_ldp_swap_proto_248 "$pe1_mpls"; fi
if grep -Eq "^[0-9]+ dev A proto 248" <<<"$pe1_mpls"; then ok pe1_vpn_label_pops_into_vrf_A
else not_ok pe1_vpn_label_pops_into_vrf_A "$pe1_mpls"; fi

# MPLS packets through p: per-device MPLS counters (afstats), before/after a ping.
mpls_rx() { ip -n p stats show dev "$1" group afstats subgroup mpls 2>/dev/null | awk '/RX:/ { getline; print $2; exit }'; }
before=$(mpls_rx eth1)
ip netns exec h1a "${ping[@]}" -c 5 -W 2 192.168.2.10 >/dev/null 2>&1
after=$(mpls_rx eth1)
if [[ -n $before && -n $after ]] && ((after - before >= 5)); then
  ok "p_mpls_rx_counter_moved ($before -> $after packets on eth1)"
elif [[ -z $before ]]; then
  echo "skip p_mpls_rx_counter: ip stats afstats gives no MPLS counters here"
  ip -n p stats show dev eth1 group afstats 2>&1 | sed 's/^/  /'
else
  not_ok p_mpls_rx_counter_moved "$before -> $after"
fi
if command -v tcpdump >/dev/null; then
  ip netns exec p timeout 5 tcpdump -c 2 -nn -e -i eth1 mpls >"$tmp/tcpdump" 2>&1 &
  sleep 1; ip netns exec h1a "${ping[@]}" -c 2 192.168.2.10 >/dev/null 2>&1; wait
  if grep -q "MPLS (label" "$tmp/tcpdump"; then ok tcpdump_label_stack; else not_ok tcpdump_label_stack "$(cat "$tmp/tcpdump")"; fi
else
  echo "skip tcpdump_label_stack: no tcpdump on this host (the label stack is checked in pe1's encap route)"
fi

vrf_a=$(ip -n pe1 route show vrf A 2>&1)
echo "$vrf_a" | sed 's/^/  pe1 vrf A: /'
if grep -Eq "^192\.168\.2\.0/24 +(nhid [0-9]+ +)?encap mpls +[0-9]+(/[0-9]+)? via 10\.0\.1\.2 dev eth1 proto 248" <<<"$vrf_a"; then
  ok pe1_vrf_A_encap_route
else not_ok pe1_vrf_A_encap_route "$vrf_a"; fi
if grep -Eq "^192\.168\.2\.0/24 +(nhid [0-9]+ +)?encap mpls +[0-9]+/[0-9]+ " <<<"$vrf_a"; then ok pe1_vrf_A_two_labels_LSP_VPN
else not_ok pe1_vrf_A_two_labels_LSP_VPN "$vrf_a"; fi
# Shared nexthop objects (the daemons' default; --inline-nexthops turns them off).
nexthops=$(ip -n pe1 nexthop show 2>&1)
echo "$nexthops" | sed 's/^/  pe1 nexthop: /'
nhid=$(grep -Eo "^192\.168\.2\.0/24 +nhid [0-9]+" <<<"$vrf_a" | grep -Eo "[0-9]+$")
if [[ -n $nhid ]] && grep -Eq "^id $nhid +encap mpls +[0-9]+/[0-9]+ +via 10\.0\.1\.2 dev eth1 .*proto 248" <<<"$nexthops"; then
  ok pe1_vpn_route_through_shared_nexthop_object
else not_ok pe1_vpn_route_through_shared_nexthop_object "$vrf_a"; fi
main_ospf=$(ip -n pe1 route show proto 248)
if grep -Eq "^10\.255\.0\.3 via 10\.0\.1\.2 dev eth1" <<<"$main_ospf"; then ok pe1_ospf_route_proto_248
else not_ok pe1_ospf_route_proto_248 "$main_ospf"; fi

out=$(ctl pe1 "show ip route vrf A kernel")
echo "$out" | sed 's/^/  pe1> show ip route vrf A kernel: /'
if grep -Eq "192\.168\.2\.0/24 encap mpls .* proto l3vpn" <<<"$out"; then ok show_ip_route_vrf_kernel
else not_ok show_ip_route_vrf_kernel "$out"; fi
out=$(ctl p "show mpls forwarding-table kernel")
echo "$out" | sed 's/^/  p> show mpls forwarding-table kernel: /'
if grep -Eq "^[0-9]+ +Pop Label +10\.0\.[12]\.[12] +eth[12] +l3vpn" <<<"$out"; then ok show_mpls_forwarding_kernel
else not_ok show_mpls_forwarding_kernel "$out"; fi
for n in pe1 p pe2; do
  out=$(ctl "$n" "show fib drift")
  if grep -qx "No drift" <<<"$out"; then ok "no_drift_$n"; else not_ok "no_drift_$n" "$out"; fi
done
for n in pe1 p pe2; do ctl "$n" "show fib kernel summary" | sed "s/^/  $n> /"; done
ip -n pe1 route show table all proto 248 | sed 's/^/  pe1 proto 248: /'
echo "  IPv4 routes of proto 248: pe1 $(ip -4 -n pe1 route show table all proto 248 | wc -l), p $(ip -4 -n p route show table all proto 248 | wc -l), pe2 $(ip -4 -n pe2 route show table all proto 248 | wc -l); MPLS: pe1 $(ip -n pe1 -f mpls route | grep -c 'proto 248'), p $(ip -n p -f mpls route | grep -c 'proto 248'), pe2 $(ip -n pe2 -f mpls route | grep -c 'proto 248')"

# ------------------------------------------------------------ a core link fails
# p's eth2 goes down: p's link monitor tells its OSPF, pe1 loses the OSPF
# route to pe2's loopback, the VPN route over it leaves pe1's kernel; back up,
# it returns. (The script's metric-500 fallback route does not count: BGP
# next hops resolve over OSPF's routes, not the kernel's.)
wait_for() {  # SECONDS COMMAND...: COMMAND succeeds within SECONDS
  local until=$((SECONDS + $1)); shift
  while ((SECONDS < until)); do "$@" && return 0; sleep 0.5; done
  return 1
}
t=$SECONDS
ip -n p link set eth2 down
if wait_for 60 sh -c '! ip -n pe1 route show vrf A | grep -q "^192\.168\.2\.0/24"'; then
  ok "link_down_withdraws_vpn_route ($((SECONDS - t)) s)"
else not_ok link_down_withdraws_vpn_route "$(ip -n pe1 route show vrf A)"; fi
t=$SECONDS
ip -n p link set eth2 up
# Both directions: pe2's route back to h1a's site returns on its own clock.
if wait_for 90 has_vpn_route pe1 192.168.2.0/24 && wait_for 90 has_vpn_route pe2 192.168.1.0/24; then
  ok "link_up_restores_vpn_route ($((SECONDS - t)) s, both PEs)"
else not_ok link_up_restores_vpn_route "$(ip -n pe1 route show vrf A; ip -n pe2 route show vrf A)"; fi
ping_once() { ip netns exec h1a "${ping[@]}" -c 1 -W 1 192.168.2.10 >/dev/null 2>&1; }
if wait_for 20 ping_once; then ok "ping_after_link_flap ($((SECONDS - t)) s after link up)"
else not_ok ping_after_link_flap "$(ip netns exec h1a "${ping[@]}" -c 2 -W 2 192.168.2.10 2>&1; ip -n p -f mpls route show; ip -n pe2 route show vrf A)"; fi

# ------------------------------------------------------------ SIGTERM on pe1
kill -TERM "${pid[pe1]}"
for _ in $(seq 1 50); do kill -0 "${pid[pe1]}" 2>/dev/null || break; sleep 0.1; done
if kill -0 "${pid[pe1]}" 2>/dev/null; then not_ok pe1_exits_on_sigterm "still running"; else ok pe1_exits_on_sigterm; fi
left=$(ip -n pe1 route show table all proto 248; ip -n pe1 -f mpls route show | grep "proto 248")
if [[ -z $left ]]; then ok pe1_sigterm_removes_routes; else not_ok pe1_sigterm_removes_routes "$left"; fi
if ip -n pe1 link show A >/dev/null 2>&1; then not_ok pe1_sigterm_removes_vrf_device "$(ip -n pe1 -d link show A)"
else ok pe1_sigterm_removes_vrf_device; fi
if ip -n pe1 link show ce1 >/dev/null 2>&1; then ok pe1_keeps_its_veth; else not_ok pe1_keeps_its_veth "ce1 is gone"; fi

# ------------------------------------------------------------ --keep-fib
# pe1 again with --keep-fib: stopped, it leaves its routes and VRF device;
# started again, it keeps them (no gap) and converges to no drift.
start_keep() {
  ip netns exec pe1 "$PE" -f "$tmp/pe1.conf" --socket "$tmp/pe1.sock" --kernel --keep-fib --log-level info \
    >>"$tmp/pe1.log" 2>&1 &
  pid[pe1]=$!
}
start_keep
if wait_for 90 has_vpn_route pe1 192.168.2.0/24; then ok pe1_keep_fib_converges; else not_ok pe1_keep_fib_converges "$(ip -n pe1 route show vrf A)"; fi
kill -TERM "${pid[pe1]}"; wait "${pid[pe1]}" 2>/dev/null
if has_vpn_route pe1 192.168.2.0/24 && ip -n pe1 link show A >/dev/null 2>&1; then ok keep_fib_leaves_routes_and_vrf
else not_ok keep_fib_leaves_routes_and_vrf "$(ip -n pe1 route show vrf A 2>&1)"; fi
start_keep
sleep 1
if has_vpn_route pe1 192.168.2.0/24; then ok keep_fib_restart_keeps_routes; else not_ok keep_fib_restart_keeps_routes "$(ip -n pe1 route show vrf A 2>&1)"; fi
if wait_for 20 grep -q "keeping the routes a previous run left" "$tmp/pe1.log"; then ok keep_fib_restart_says_so
else not_ok keep_fib_restart_says_so "$(tail -5 "$tmp/pe1.log")"; fi
if wait_for 90 sh -c "'$CTL' exec '$tmp/pe1.sock' 'show fib drift' 2>/dev/null | grep -qx 'No drift'"; then ok keep_fib_restart_no_drift
else not_ok keep_fib_restart_no_drift "$(ctl pe1 'show fib drift')"; fi
if wait_for 60 sh -c "ip netns exec h1a ${ping[*]} -c 1 -W 1 192.168.2.10 >/dev/null 2>&1"; then ok ping_after_keep_fib_restart
else not_ok ping_after_keep_fib_restart "no reply"; fi

for n in pe1 p pe2; do kill -TERM "${pid[$n]}" 2>/dev/null; done
wait
((failed)) && dump_logs
[[ -n ${L3VPN_VM_OUT:-} ]] && for n in pe1 p pe2; do cp "$tmp/$n.log" "$L3VPN_VM_OUT/$n.log"; done
echo "l3vpn_e2e guest: $failed failed"
exit "$failed"
