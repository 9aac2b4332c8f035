#!/usr/bin/env bash
# The kernel dataplane (common/kernel, NetlinkFib + LinkMonitor) against a
# real kernel, in a fresh network namespace, every result read back with ip:
#   VRF device with its table and our alias; an interface enslaved; a dummy
#   loopback in the VRF with its address; in the VRF table (proto 248): a route
#   with encap mpls 100/200, one with the VPN label only, ECMP over two next
#   hops, a blackhole, a route with src; MPLS swap, pop (PHP), pop into the
#   VRF, a label with two swap paths (ECMP); an update (VPN label 200 -> 250,
#   swap 17 -> 19, one ECMP path 24 -> 26); a withdrawal;
#   reconciliation with a stale route of ours and someone else's (ours gone,
#   theirs kept, the missing one back); the link monitor's events; cleanup
#   leaving nothing of ours.
# Runs the same on any kernel: what the kernel lacks (VRF, dummy, MPLS, MPLS
# encap) is detected, said once ("kernel: no VRF devices"), and those checks
# are counted as skipped, not failed. In CTest it runs inside labs/vm/run-in-vm
# (Debian's 6.1 kernel has them all); by hand on a host: run it as root.
# Needs: root, ip netns, L3VPN_BUILD (the build dir with tests/kernel_driver).
# Output: one "ok"/"not ok"/"skip" line per check; exit 1 if any failed,
# 0 with "SKIP" when not root or without ip netns.
set -u
: "${L3VPN_BUILD:?L3VPN_BUILD must name the build directory}"
driver=$L3VPN_BUILD/tests/kernel_driver
if [[ $(id -u) != 0 ]]; then echo "kernel_dataplane: SKIP (not root)"; exit 0; fi
if ! ip netns add l3k-probe-$$ 2>/dev/null; then echo "kernel_dataplane: SKIP (no ip netns)"; exit 0; fi
ip netns del l3k-probe-$$
[[ -x $driver ]] || { echo "kernel_dataplane: no $driver (build the kernel_driver target)"; exit 1; }

ns=l3k-pe-$$ peer=l3k-p-$$
in_ns() { ip netns exec "$ns" "$@"; }
trap 'ip netns del "$ns" 2>/dev/null; ip netns del "$peer" 2>/dev/null' EXIT

passed=0 failed=0 skipped=0
ok()     { echo "ok $1"; passed=$((passed + 1)); }
not_ok() { echo "not ok $1"; failed=$((failed + 1)); }
skip()   { echo "skip $1 ($2)"; skipped=$((skipped + 1)); }
# check NAME OUTPUT-COMMAND REGEX: a line of the command's output matches.
check() {
  local name=$1 cmd=$2 regex=$3
  if eval "$cmd" 2>&1 | grep -Eq -- "$regex"; then ok "$name"; else
    not_ok "$name"; echo "  wanted /$regex/ in: $cmd"; eval "$cmd" 2>&1 | sed 's/^/  | /'; fi
}
# check_not NAME OUTPUT-COMMAND REGEX: no line matches.
check_not() {
  local name=$1 cmd=$2 regex=$3
  if eval "$cmd" 2>&1 | grep -Eq -- "$regex"; then
    not_ok "$name"; echo "  unwanted /$regex/ in: $cmd"; eval "$cmd" 2>&1 | sed 's/^/  | /'; else ok "$name"; fi
}
drive() {
  echo "# kernel_driver $*"
  in_ns "$driver" "$@" | sed 's/^/  /'
  return "${PIPESTATUS[0]}"
}

# Modules, where the kernel has them as modules (busybox's modprobe in the VM).
for m in vrf dummy mpls_router mpls_iptunnel; do
  modprobe "$m" 2>/dev/null || busybox modprobe "$m" 2>/dev/null || true
done

ip netns add "$ns" && ip netns add "$peer" || exit 1
in_ns ip link set lo up
for pair in core:13 core2:14 ce:1; do
  name=${pair%%:*}
  in_ns ip link add "ve-$name" type veth peer name "pe-$name"
  in_ns ip link set "pe-$name" netns "$peer"
  in_ns ip link set "ve-$name" up
  ip netns exec "$peer" ip link set "pe-$name" up
done
ip netns exec "$peer" ip addr add 192.168.13.1/24 dev pe-core
ip netns exec "$peer" ip addr add 192.168.14.1/24 dev pe-core2
ip netns exec "$peer" ip addr add 10.1.1.2/24 dev pe-ce

# What this kernel can do.
flags=()
if in_ns ip link add probe-vrf type vrf table 4000 2>/dev/null; then
  in_ns ip link del probe-vrf; flags+=(--vrf); vrf=1; else vrf=0; echo "# kernel: no VRF devices"; fi
if in_ns ip link add probe-dummy type dummy 2>/dev/null; then
  in_ns ip link del probe-dummy; flags+=(--dummy); dummy=1; else dummy=0; echo "# kernel: no dummy devices"; fi
if in_ns test -e /proc/sys/net/mpls/platform_labels; then mpls=1; else mpls=0; echo "# kernel: no MPLS (mpls_router)"; fi
encap=0
if ((mpls)); then
  in_ns ip addr add 192.168.13.3/24 dev ve-core
  if in_ns ip route add 10.255.0.0/32 encap mpls 99 via 192.168.13.1 dev ve-core 2>/dev/null; then
    encap=1; flags+=(--encap); in_ns ip route del 10.255.0.0/32
  else echo "# kernel: no MPLS encap (mpls_iptunnel)"; fi
  in_ns ip addr flush dev ve-core
fi
# when FEATURE NAME CMD REGEX: check, or skip when the kernel lacks FEATURE.
when() { local have=$1; shift; if ((have)); then check "$@"; else skip "$1" "kernel lacks it"; fi; }

routes="in_ns ip -o route show table 1001 proto 248"
mpls_routes="in_ns ip -f mpls route show"
labels() { if ((encap)); then echo "encap mpls +$1 +"; fi; }

# --- 1. a bare namespace programmed
drive apply base "${flags[@]}"; s=$?
check apply_base_exit_0 "echo $s" '^0$'
when "$vrf" vrf_device_with_table "in_ns ip -d link show Technique" 'vrf table 1001'
when "$vrf" vrf_device_alias_is_ours "in_ns ip -d link show Technique" 'alias l3vpn'
when "$vrf" ce_interface_enslaved "in_ns ip link show ve-ce" 'master Technique'
when "$dummy" dummy_loopback_exists "in_ns ip -d link show loop10" 'dummy'
((vrf && dummy)) && check dummy_loopback_in_vrf "in_ns ip link show loop10" 'master Technique' || skip dummy_loopback_in_vrf "kernel lacks it"
check loopback_address "in_ns ip -4 addr show" 'inet 10.10.10.1/32'
check core_address "in_ns ip -4 addr show dev ve-core" 'inet 192.168.13.3/24'
check route_two_labels "$routes" "^10.10.10.254 +$(labels 100/200)via 192.168.13.1 dev ve-core"
check route_vpn_label_only "$routes" "^10.20.0.0/16 +$(labels 300)via 192.168.13.1 dev ve-core"
check route_ecmp_two_next_hops "$routes" "^10.30.0.0/16.*nexthop +$(labels 100/200)via 192.168.13.1 dev ve-core.*nexthop +$(labels 101/200)via 192.168.14.1 dev ve-core2"
check route_blackhole "$routes" '^blackhole 10.40.0.0/16'
check route_with_src "$routes" '^10.50.0.0/16 via 10.1.1.2 dev ve-ce .*src 10.10.10.1'
when "$mpls" mpls_platform_labels "in_ns sysctl -n net.mpls.platform_labels" '^100001$'
when "$mpls" mpls_input_on_core "in_ns sysctl -n net.mpls.conf.ve-core.input" '^1$'
when "$mpls" mpls_swap "$mpls_routes" '^16 as to 17 via inet 192.168.13.1 dev ve-core proto 248'
when "$mpls" mpls_pop_php "$mpls_routes" '^18 via inet 192.168.14.1 dev ve-core2 proto 248'
((vrf && mpls)) && check mpls_pop_into_vrf "$mpls_routes" '^21 dev Technique proto 248' || skip mpls_pop_into_vrf "kernel lacks it"
when "$mpls" mpls_ecmp_two_swap_paths "in_ns ip -o -f mpls route show" '^22 proto 248.*nexthop as to 23 via inet 192.168.13.1 dev ve-core.*nexthop as to 24 via inet 192.168.14.1 dev ve-core2'
drive apply base "${flags[@]}" >/dev/null
check second_apply_changes_nothing "in_ns $driver apply base ${flags[*]}" '^applied 0 of 0 operations'

# --- 2. an update and a withdrawal
drive apply update "${flags[@]}"
when "$encap" update_vpn_label "$routes" '^10.10.10.254 +encap mpls +100/250 +via 192.168.13.1'
when "$mpls" update_swap_label "$mpls_routes" '^16 as to 19 via inet 192.168.13.1'
when "$mpls" update_ecmp_path_label "in_ns ip -o -f mpls route show" '^22 proto 248.*nexthop as to 23 via inet 192.168.13.1 dev ve-core.*nexthop as to 26 via inet 192.168.14.1 dev ve-core2'
check update_then_nothing_to_do "in_ns $driver apply update ${flags[*]}" '^applied 0 of 0 operations'
drive apply withdraw "${flags[@]}"
check_not withdrawn_route_gone "$routes" '^10.20.0.0/16'
((mpls)) && check_not withdrawn_label_gone "$mpls_routes" '^18 ' || skip withdrawn_label_gone "kernel lacks it"

# --- 3. reconciliation: a stale route of ours, someone else's, one missing
in_ns ip route add 10.60.0.0/16 via 192.168.13.1 dev ve-core table 1001 proto 248
in_ns ip route add 10.70.0.0/16 via 192.168.13.1 dev ve-core table 1001 proto static
in_ns ip route del blackhole 10.40.0.0/16 table 1001
drive apply withdraw "${flags[@]}"
check_not stale_route_of_ours_removed "$routes" '^10.60.0.0/16'
check foreign_route_kept "in_ns ip -o route show table 1001 proto static" '^10.70.0.0/16 via 192.168.13.1'
check missing_route_added "$routes" '^blackhole 10.40.0.0/16'

# --- 4. the link monitor
check monitor_link_down "in_ns $driver monitor ve-core2" '^event: link ve-core2 \([0-9]+\) down'
check monitor_link_up "in_ns $driver monitor ve-core2" '^event: link ve-core2 \([0-9]+\) up, carrier'
check monitor_address_added "in_ns $driver monitor ve-core2" '^event: address 10.77.0.1/24 on ve-core2 added'
check monitor_address_removed "in_ns $driver monitor ve-core2" '^event: address 10.77.0.1/24 on ve-core2 removed'

# --- 5. admin state and forwarding: `shutdown` holds ve-core2 down, lifting it brings it up
in_ns sysctl -qw net.ipv4.ip_forward=0
drive apply shutdown "${flags[@]}"
check_not shutdown_sets_link_down "in_ns ip -o link show ve-core2" '<[^>]*\bUP\b'
check router_forwards "in_ns sysctl -n net.ipv4.ip_forward" '^1$'
check shutdown_then_nothing_to_do "in_ns $driver apply shutdown ${flags[*]}" '^applied 0 of 0 operations'
drive apply noshut "${flags[@]}"
check no_shutdown_sets_link_up "in_ns ip -o link show ve-core2" '<[^>]*\bUP\b'

# --- 6. cleanup: nothing of ours left, theirs kept
drive cleanup; s=$?
check cleanup_exit_0 "echo $s" '^0$'
check_not no_routes_of_ours "in_ns ip -o route show table all proto 248" '.'
((mpls)) && check_not no_label_routes_of_ours "$mpls_routes" 'proto 248' || skip no_label_routes_of_ours "kernel lacks it"
check_not no_devices_of_ours "in_ns ip -d link show" 'alias l3vpn'
check_not vrf_and_dummy_deleted "in_ns ip -o link show" ': (Technique|loop10)[:@]'
check ce_interface_kept "in_ns ip -o link show" ': ve-ce@'
check foreign_route_survives_cleanup "in_ns ip -o route show table 1001 proto static" '^10.70.0.0/16'

echo "kernel_dataplane: $passed passed, $failed failed, $skipped skipped (vrf=$vrf dummy=$dummy mpls=$mpls encap=$encap)"
((failed == 0))
