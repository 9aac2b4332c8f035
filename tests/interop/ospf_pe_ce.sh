#!/usr/bin/env bash
# OSPF as the PE-CE protocol, over real sockets in network namespaces: FRR's
# ospfd as one customer router, our own l3vpn-p (OSPF only) as the other.
#
#   ce1 (FRR zebra+ospfd) eth0 --192.168.1.0/24-- eth2 pe1 (l3vpn-pe) eth1
#       --p2p 10.0.12.0/30 (OSPF 1 + LDP)-- eth1 pe2 (l3vpn-pe) eth2
#       --192.168.2.0/24-- eth0 ce2 (l3vpn-p as a CE)
#   loopbacks: ce1 172.16.1.1, pe1 10.255.0.1, pe2 10.255.0.2, ce2 172.16.2.1
#
# Each PE runs `router ospf 10 vrf CUST` on its CE link (eth2, in VRF CUST)
# beside its core process 1, exports the site's OSPF routes into VPNv4
# (`redistribute ospf 10 vrf CUST`) and the VPN's BGP routes back into OSPF
# (`redistribute bgp 65000 subnets`). Control plane only: this kernel has no
# VRF devices or MPLS, and the daemons program no routes yet; the PE's VRF
# process only binds its socket to eth2.
# Checks: FULL adjacencies in the VRF process with FRR and with l3vpn-p;
# the CE loopbacks as O routes in the local VRF table, as B routes with the
# OSPF cost as MED in the remote one; each CE holds the other's loopback as
# an inter-area route (N IA at FRR, O IA at ce2) from its PE's summary-LSA.
# Env: L3VPN_BUILD (default <repo>/build), L3I_KEEP_TMP=1.
# Output: PASS/FAIL/SKIP lines, then `N passed, N failed`. SKIP (exit 0)
# when not root, without ip netns, or without FRR's ospfd.
set -u
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
# shellcheck source=lib.sh
source "$HERE/lib.sh"
export PATH="$PATH:/usr/sbin:/sbin"

l3i_checks interop_ospf_pe_ce

[ "$(id -u)" = 0 ] || skip_all "needs root (network namespaces)"
l3i_can_netns || skip_all "ip netns / veth unavailable"
for d in zebra ospfd; do [ -x /usr/lib/frr/$d ] || skip_all "FRR $d not installed"; done
command -v vtysh >/dev/null || skip_all "vtysh not installed"
BUILD=${L3VPN_BUILD:-$REPO/build}
P_BIN=$BUILD/p/l3vpn-p
PE_BIN=$BUILD/pe/l3vpn-pe
CTL_BIN=$(l3i_find_ctl "$BUILD")
[ -x "$P_BIN" ] && [ -x "$PE_BIN" ] || skip_all "l3vpn-p / l3vpn-pe not built under $BUILD"
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
 ip ospf hello-interval 1
 ip ospf dead-interval 4
router ospf 1
 router-id 10.255.0.$1
 log-adjacency-changes
router ospf 10 vrf CUST
 log-adjacency-changes
 network 192.168.$1.0 0.0.0.255 area 0
 redistribute bgp 65000 subnets
mpls ldp router-id Loopback0 force
mpls ldp discovery hello interval 1
mpls ldp discovery hello holdtime 3
router bgp 65000
 bgp router-id 10.255.0.$1
 neighbor 10.255.0.$2 remote-as 65000
 neighbor 10.255.0.$2 update-source Loopback0
 address-family vpnv4
  neighbor 10.255.0.$2 activate
  neighbor 10.255.0.$2 send-community extended
 exit-address-family
 address-family ipv4 vrf CUST
  redistribute ospf 10 vrf CUST
 exit-address-family
end"
}
pe_conf 1 2
pe_conf 2 1
write_conf ce2 "hostname ce2
interface Loopback0
 ip address 172.16.2.1 255.255.255.255
interface eth0
 ip address 192.168.2.2 255.255.255.0
 ip ospf hello-interval 1
 ip ospf dead-interval 4
router ospf 1
 router-id 172.16.2.1
 log-adjacency-changes
 network 172.16.2.1 0.0.0.0 area 0
 network 192.168.2.0 0.0.0.255 area 0
end"
FRR_DIR=$L3I_TMP/ce1-frr
mkdir -p "$FRR_DIR"
cat >"$FRR_DIR/ospfd.conf" <<'FRR'
frr defaults traditional
hostname ce1
interface lo
 ip ospf area 0
interface eth0
 ip ospf area 0
 ip ospf hello-interval 1
 ip ospf dead-interval 4
router ospf
 ospf router-id 172.16.1.1
 log-adjacency-changes detail
 passive-interface lo
FRR

declare -A SOCKS
start() {  # NS BIN
  local conf=$L3I_TMP/$1.conf
  SOCKS[$1]=$L3I_TMP/$1.sock
  if ! "$2" --check -f "$conf" >"$conf.check.log" 2>&1; then
    fail "$1 accepts its configuration"; sed 's/^/    /' "$conf.check.log" | head; return 1
  fi
  l3i_spawn "$1" "$1" "$2" -f "$conf" --socket "${SOCKS[$1]}" --log-level debug
}
start pe1 "$PE_BIN"; start pe2 "$PE_BIN"; start ce2 "$P_BIN"
l3i_frr_start ce1 "$FRR_DIR" ce1 ospfd || fail "FRR starts in ce1"
for n in pe1 pe2 ce2; do
  check "$n starts and opens its control socket" l3i_wait_until 5 test -S "${SOCKS[$n]}"
done

ctl() { "$CTL_BIN" exec "${SOCKS[$1]}" "$2" 2>/dev/null; }
frr() { l3i_vtysh "$FRR_DIR" -c "$1" 2>/dev/null; }
neighbor_full() { ctl "$1" "show ip ospf neighbor" | grep -Eq "^$2 +[0-9]+ +FULL/"; }
vrf_route() { ctl "$1" "show ip route vrf CUST" | grep -Eq "$2"; }
global_route() { ctl "$1" "show ip route" | grep -Eq "$2"; }
frr_inter_area() { frr "show ip ospf route" | grep -A1 -E "N IA +$1" | grep -q "via 192.168.1.1"; }
frr_full() { frr "show ip ospf neighbor" | grep -Eq "^192\.168\.1\.1 .*Full"; }
not_in_global() { ! ctl "$1" "show ip route" | grep -q "$2"; }

# PE-CE adjacencies: the VRF process (router ID = its highest VRF address).
check "pe1: OSPF neighbor ce1 (FRR) FULL in VRF CUST" l3i_wait_until 40 neighbor_full pe1 172.16.1.1
check "ce1 (FRR): neighbor pe1's VRF process Full" l3i_wait_until 10 frr_full
check "pe2: OSPF neighbor ce2 (l3vpn-p) FULL in VRF CUST" l3i_wait_until 40 neighbor_full pe2 172.16.2.1
check "ce2: OSPF neighbor pe2 (192.168.2.1) FULL" l3i_wait_until 10 neighbor_full ce2 192.168.2.1
check "pe1: core process neighbor pe2 FULL beside the VRF process" l3i_wait_until 30 neighbor_full pe1 10.255.0.2
# The CE routes in the local VRF table, not in the global one.
check "pe1: O 172.16.1.1/32 via 192.168.1.2 in VRF CUST (FRR's loopback)" \
  l3i_wait_until 30 vrf_route pe1 "^O +172\.16\.1\.1(/32)? \[110/[0-9]+\] via 192\.168\.1\.2"
check "pe1: 172.16.1.1 stays out of the global table" not_in_global pe1 "172\.16\.1\.1"
check "pe2: O 172.16.2.1/32 [110/2] via 192.168.2.2 in VRF CUST" \
  l3i_wait_until 30 vrf_route pe2 "^O +172\.16\.2\.1(/32)? \[110/2\] via 192\.168\.2\.2"
# Across the VPN: MED = the OSPF metric at the exporting PE.
cost1=$(ctl pe1 "show ip route vrf CUST" | sed -nE 's/^O +172\.16\.1\.1(\/32)? \[110\/([0-9]+)\].*/\2/p')
check "pe2: B 172.16.1.1/32 [200/$cost1] via 10.255.0.1 (MED = pe1's OSPF cost)" \
  l3i_wait_until 40 vrf_route pe2 "^B +172\.16\.1\.1(/32)? \[200/$cost1\] via 10\.255\.0\.1"
check "pe1: B 172.16.2.1/32 [200/2] via 10.255.0.2" \
  l3i_wait_until 40 vrf_route pe1 "^B +172\.16\.2\.1(/32)? \[200/2\] via 10\.255\.0\.2"
check "pe2's VPNv4 route carries RFC 4577's OSPF RT and router ID" \
  bash -c "\"$CTL_BIN\" exec \"${SOCKS[pe2]}\" 'show ip bgp vpnv4 rd 65000:1 172.16.1.1/32' | grep -q 'OSPF RT:0.0.0.0:2:0 OSPF ROUTER ID:192.168.1.1:0'"
# Back into OSPF at the far site (RFC 4577, one OSPF domain): what was
# intra-area at the other site comes as a summary-LSA from the PE, metric =
# MED, plus the CE's cost to its PE.
check "ce2: O IA 172.16.1.1/32 [110/$((cost1 + 1))] via 192.168.2.1 (pe2's redistribute bgp)" \
  l3i_wait_until 40 global_route ce2 "^O IA +172\.16\.1\.1(/32)? \[110/$((cost1 + 1))\] via 192\.168\.2\.1"
check "ce1 (FRR): inter-area 172.16.2.1/32 via pe1 (192.168.1.1)" l3i_wait_until 40 frr_inter_area "172\.16\.2\.1/32"
check "pe1: its summary-LSA for 172.16.2.1 in the VRF process's database" \
  bash -c "\"$CTL_BIN\" exec \"${SOCKS[pe1]}\" 'show ip ospf database summary' | grep -q 'Link State ID: 172.16.2.1'"

if [ "$FAILED" -gt 0 ]; then
  for n in pe1 pe2 ce2; do
    l3i_log "--- $n: show ip ospf neighbor / show ip route vrf CUST / log tail"
    ctl "$n" "show ip ospf neighbor" >&2; ctl "$n" "show ip route vrf CUST" >&2; tail -15 "$L3I_TMP/$n.log" >&2
  done
  l3i_log "--- ce1 (FRR)"; frr "show ip ospf neighbor" >&2; frr "show ip ospf route" >&2
fi
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" = 0 ]
