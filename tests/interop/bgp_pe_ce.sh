#!/usr/bin/env bash
# BGP as the PE-CE protocol, over real sockets in network namespaces: FRR's
# bgpd as both customer routers (eBGP, AS 65101 and 65102), our l3vpn-pe as
# both PEs (AS 65000, the CEs as neighbors of VRF CUST).
#
#   ce1 (FRR, AS 65101) eth0 --192.168.1.0/24-- eth2 pe1 (l3vpn-pe) eth1
#       --p2p 10.0.12.0/30 (OSPF 1 + LDP, iBGP VPNv4)-- eth1 pe2 (l3vpn-pe) eth2
#       --192.168.2.0/24-- eth0 ce2 (FRR, AS 65102)
#   loopbacks: ce1 172.16.1.1, pe1 10.255.0.1, pe2 10.255.0.2, ce2 172.16.2.1
#
# Each CE announces its loopback with `network`; each PE runs a BGP speaker
# for VRF CUST with the CE as its eBGP neighbor (sessions sourced from and
# listened on the PE-CE address), exports the CE's routes into VPNv4 and
# announces the VPN's routes to its CE. Control plane only: this kernel has
# no VRF devices or MPLS, and the daemons program no routes; the PE-CE
# addresses are on plain interfaces, so no SO_BINDTODEVICE is needed.
# Checks: the eBGP sessions Established on both sides; the CE loopbacks as
# B [20/0] in the local VRF table, B [200/0] in the remote one; each CE
# (FRR) holds the other's loopback with AS path "65000 <other CE's AS>" via
# its PE; the PE lists its CE in `show ip bgp vpnv4 all summary`; a CE's
# session going down (FRR `neighbor shutdown`) withdraws its route at the
# far PE and CE.
# Env: L3VPN_BUILD (default <repo>/build), L3I_KEEP_TMP=1.
# Output: PASS/FAIL/SKIP lines, then `N passed, N failed`. SKIP (exit 0)
# when not root, without ip netns, or without FRR's bgpd.
set -u
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
# shellcheck source=lib.sh
source "$HERE/lib.sh"
export PATH="$PATH:/usr/sbin:/sbin"

l3i_checks interop_bgp_pe_ce

[ "$(id -u)" = 0 ] || skip_all "needs root (network namespaces)"
l3i_can_netns || skip_all "ip netns / veth unavailable"
for d in zebra bgpd; do [ -x /usr/lib/frr/$d ] || skip_all "FRR $d not installed"; done
command -v vtysh >/dev/null || skip_all "vtysh not installed"
BUILD=${L3VPN_BUILD:-$REPO/build}
PE_BIN=$BUILD/pe/l3vpn-pe
CTL_BIN=$(l3i_find_ctl "$BUILD")
[ -x "$PE_BIN" ] || skip_all "l3vpn-pe not built under $BUILD"
[ -n "$CTL_BIN" ] || skip_all "l3vpnctl not built under $BUILD"

l3i_init

# --- topology -----------------------------------------------------------------
l3i_pe_ce_topology || skip_all "cannot create namespaces or veth pairs"

# --- configurations -----------------------------------------------------------
write_conf() { printf '%s\n' "$2" >"$L3I_TMP/$1.conf"; }
pe_conf() {  # N OTHER
  write_conf "pe$1" "hostname pe$1
ip vrf CUST
 rd 65000:$1
 route-target export 65000:100
 route-target import 65000:100
interface Loopback0
 ip address 10.255.0.$1 255.255.255.255
 ip ospf 1 area 0
interface eth1
 ip address 10.0.12.$1 255.255.255.252
 ip ospf network point-to-point
 ip ospf hello-interval 1
 ip ospf 1 area 0
 mpls ip
interface eth2
 ip vrf forwarding CUST
 ip address 192.168.$1.1 255.255.255.0
router ospf 1
 router-id 10.255.0.$1
 log-adjacency-changes
mpls ldp router-id Loopback0 force
mpls ldp discovery hello interval 1
mpls ldp discovery hello holdtime 3
router bgp 65000
 bgp router-id 10.255.0.$1
 bgp log-neighbor-changes
 neighbor 10.255.0.$2 remote-as 65000
 neighbor 10.255.0.$2 update-source Loopback0
 address-family vpnv4
  neighbor 10.255.0.$2 activate
  neighbor 10.255.0.$2 send-community extended
 exit-address-family
 address-family ipv4 vrf CUST
  neighbor 192.168.$1.2 remote-as 6510$1
  neighbor 192.168.$1.2 timers 3 9
  neighbor 192.168.$1.2 activate
 exit-address-family
end"
}
pe_conf 1 2
pe_conf 2 1
frr_conf() {  # N
  local d=$L3I_TMP/ce$1-frr
  mkdir -p "$d"
  cat >"$d/bgpd.conf" <<FRR
frr defaults traditional
hostname ce$1
router bgp 6510$1
 bgp router-id 172.16.$1.1
 no bgp ebgp-requires-policy
 no bgp network import-check
 neighbor 192.168.$1.1 remote-as 65000
 neighbor 192.168.$1.1 timers 3 9
 neighbor 192.168.$1.1 timers connect 2
 address-family ipv4 unicast
  network 172.16.$1.1/32
 exit-address-family
FRR
}
frr_conf 1
frr_conf 2

declare -A SOCKS
start() {  # NS BIN
  local conf=$L3I_TMP/$1.conf
  SOCKS[$1]=$L3I_TMP/$1.sock
  if ! "$2" --check -f "$conf" >"$conf.check.log" 2>&1; then
    fail "$1 accepts its configuration"; sed 's/^/    /' "$conf.check.log" | head; return 1
  fi
  l3i_spawn "$1" "$1" "$2" -f "$conf" --socket "${SOCKS[$1]}" --log-level debug
}
start pe1 "$PE_BIN"; start pe2 "$PE_BIN"
l3i_frr_start ce1 "$L3I_TMP/ce1-frr" ce1 bgpd || fail "FRR starts in ce1"
l3i_frr_start ce2 "$L3I_TMP/ce2-frr" ce2 bgpd || fail "FRR starts in ce2"
for n in pe1 pe2; do
  check "$n starts and opens its control socket" l3i_wait_until 5 test -S "${SOCKS[$n]}"
done

ctl() { "$CTL_BIN" exec "${SOCKS[$1]}" "$2" 2>/dev/null; }
frr() { l3i_vtysh "$L3I_TMP/$1-frr" -c "$2" 2>/dev/null; }
vrf_route() { ctl "$1" "show ip route vrf CUST" | grep -Eq "$2"; }
summary_has() { ctl "$1" "show ip bgp vpnv4 all summary" | grep -Eq "$2"; }
frr_path() { frr "$1" "show ip bgp" | grep -E "$2" | grep -q "$3"; }
frr_lacks() { ! frr "$1" "show ip bgp" | grep -q "$2"; }
not_vrf_route() { ! vrf_route "$1" "$2"; }

# The eBGP sessions in VRF CUST, seen from both ends.
check "pe1: CE neighbor 192.168.1.2 (AS 65101) in vpnv4 all summary, with a prefix" \
  l3i_wait_until 40 summary_has pe1 "^192\.168\.1\.2 +4 +65101 .* +1$"
check "pe2: CE neighbor 192.168.2.2 (AS 65102) in vpnv4 all summary, with a prefix" \
  l3i_wait_until 40 summary_has pe2 "^192\.168\.2\.2 +4 +65102 .* +1$"
# The CE routes: eBGP in the local VRF table, iBGP VPNv4 in the remote one.
check "pe1: B 172.16.1.1/32 [20/0] via 192.168.1.2 in VRF CUST (FRR's network)" \
  l3i_wait_until 30 vrf_route pe1 "^B +172\.16\.1\.1(/32)? \[20/0\] via 192\.168\.1\.2"
check "pe2: B 172.16.1.1/32 [200/0] via 10.255.0.1 in VRF CUST" \
  l3i_wait_until 60 vrf_route pe2 "^B +172\.16\.1\.1(/32)? \[200/0\] via 10\.255\.0\.1"
check "pe1: B 172.16.2.1/32 [200/0] via 10.255.0.2 in VRF CUST" \
  l3i_wait_until 60 vrf_route pe1 "^B +172\.16\.2\.1(/32)? \[200/0\] via 10\.255\.0\.2"
# Each CE (FRR) gets the other site from its PE, the PE's AS prepended.
check "ce1 (FRR): 172.16.2.1/32 via 192.168.1.1, AS path 65000 65102" \
  l3i_wait_until 30 frr_path ce1 "172\.16\.2\.1/32" "65000 65102 i"
check "ce2 (FRR): 172.16.1.1/32 via 192.168.2.1, AS path 65000 65101" \
  l3i_wait_until 30 frr_path ce2 "172\.16\.1\.1/32" "65000 65101 i"
check "ce1 (FRR): the route's next hop is pe1's PE-CE address" \
  bash -c "vtysh --vty_socket '$L3I_TMP/ce1-frr' -c 'show ip bgp 172.16.2.1/32' | grep -q '192.168.1.1'"
# CE1's session goes down: its route leaves pe1, pe2 and ce2.
vtysh --vty_socket "$L3I_TMP/ce1-frr" -c "configure terminal" -c "router bgp 65101" -c "neighbor 192.168.1.1 shutdown" >/dev/null 2>&1
check "ce1 (FRR): its session to pe1 is administratively down" \
  l3i_wait_until 5 bash -c "vtysh --vty_socket '$L3I_TMP/ce1-frr' -c 'show ip bgp summary' | grep -q 'Idle (Admin)'"
check "ce1 shut down: pe1's VRF table loses 172.16.1.1" \
  l3i_wait_until 20 not_vrf_route pe1 "^B +172\.16\.1\.1"
check "ce1 shut down: pe2's VRF table loses 172.16.1.1" \
  l3i_wait_until 20 not_vrf_route pe2 "^B +172\.16\.1\.1"
check "ce1 shut down: ce2 (FRR) loses 172.16.1.1" l3i_wait_until 20 frr_lacks ce2 "172\.16\.1\.1/32"

if [ "$FAILED" -gt 0 ]; then
  for n in pe1 pe2; do
    l3i_log "--- $n: show ip bgp vpnv4 all summary / show ip route vrf CUST / log tail"
    ctl "$n" "show ip bgp vpnv4 all summary" >&2; ctl "$n" "show ip route vrf CUST" >&2
    tail -15 "$L3I_TMP/$n.log" >&2
  done
  for n in ce1 ce2; do l3i_log "--- $n (FRR)"; frr "$n" "show ip bgp summary" >&2; frr "$n" "show ip bgp" >&2; done
fi
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" = 0 ]
