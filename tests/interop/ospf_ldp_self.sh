#!/usr/bin/env bash
# OSPF and LDP between our own daemons over real sockets, in network
# namespaces (control plane only: this kernel has no MPLS, and the daemons do
# not program routes yet).
#
#   pe1 (l3vpn-pe) eth1 --p2p 10.0.1.0/30-- eth1 p (l3vpn-p) eth2 --LAN 10.0.2.0/24-- eth1 pe2 (l3vpn-pe)
#   loopbacks (on lo): pe1 10.255.0.1, p 10.255.0.2, pe2 10.255.0.3
#
# The p2p link runs `ip ospf network point-to-point`; the LAN is broadcast
# (DR/BDR election) with OSPF MD5 authentication. Hellos every second (dead
# 4 s), LDP hellos every second (hold 3 s). LDP sessions go between
# loopbacks, so the script adds kernel routes to the neighbors' loopbacks
# (what OSPF computes; no FIB programming yet). With kernel TCP-MD5 support,
# the P-PE2 LDP session is signed (`mpls ldp neighbor X password P`).
#
# The PEs also peer in iBGP (VPNv4) loopback to loopback through p, each
# exporting a VRF A loopback (10.9.1.1, 10.9.2.1).
# Checks through l3vpnctl: OSPF neighbors FULL, every loopback in every OSPF
# RIB, LDP sessions operational, LFIB entries (Pop Label to the neighbor,
# a real label beyond it), pe2's VRF route on pe1 resolved over the LSP
# (show ip cef vrf: pe2's VPN label under p's label), then a SIGHUP reload
# with a changed cost keeps the daemon running and OSPF comes back FULL.
# Env: L3VPN_BUILD (build dir, default <repo>/build), L3I_KEEP_TMP=1.
# Output: PASS/FAIL/SKIP lines, then `N passed, N failed`. SKIP (exit 0)
# when not root or without ip netns.
set -u
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
# shellcheck source=lib.sh
source "$HERE/lib.sh"
export PATH="$PATH:/usr/sbin:/sbin"

l3i_checks interop_ospf_ldp_self

[ "$(id -u)" = 0 ] || skip_all "needs root (network namespaces)"
l3i_can_netns || skip_all "ip netns / veth unavailable"
BUILD=${L3VPN_BUILD:-$REPO/build}
P_BIN=$BUILD/p/l3vpn-p
PE_BIN=$BUILD/pe/l3vpn-pe
CTL_BIN=$(l3i_find_ctl "$BUILD")
[ -x "$P_BIN" ] && [ -x "$PE_BIN" ] || skip_all "l3vpn-p / l3vpn-pe not built under $BUILD"
[ -n "$CTL_BIN" ] || skip_all "l3vpnctl not built under $BUILD"

l3i_init

# TCP-MD5 in this kernel? (a throwaway namespace, as the BGP interop test does)
md5_supported() {
  command -v python3 >/dev/null || return 1
  l3i_exec p python3 - <<'PY' >/dev/null 2>&1
import socket, struct
s = socket.socket()
# struct tcp_md5sig: sockaddr_storage (128), flags, prefixlen, keylen, ifindex, key[80]
sa = struct.pack('=HH4s120x', socket.AF_INET, 0, socket.inet_aton('10.0.2.2'))
s.setsockopt(socket.IPPROTO_TCP, 14, sa + struct.pack('=BBHI', 0, 0, 3, 0) + b'key'.ljust(80, b'\0'))
PY
}

# --- topology -----------------------------------------------------------------
for n in pe1 p pe2; do l3i_netns_add "$n" || skip_all "cannot create namespaces"; done
l3i_link pe1 eth1 10.0.1.1/30 p eth1 10.0.1.2/30 || skip_all "cannot create veth pairs"
l3i_link p eth2 10.0.2.1/24 pe2 eth1 10.0.2.2/24 || skip_all "cannot create veth pairs"
l3i_loopback pe1 10.255.0.1/32
l3i_loopback p 10.255.0.2/32
l3i_loopback pe2 10.255.0.3/32
# LDP's TCP goes loopback to loopback between neighbors.
l3i_route pe1 10.255.0.2/32 10.0.1.2
l3i_route p 10.255.0.1/32 10.0.1.1
l3i_route p 10.255.0.3/32 10.0.2.2
l3i_route pe2 10.255.0.2/32 10.0.2.1
# iBGP between the PEs' loopbacks goes through p, which forwards.
l3i_route pe1 10.255.0.3/32 10.0.1.2
l3i_route pe2 10.255.0.1/32 10.0.2.1
l3i_exec p sysctl -qw net.ipv4.ip_forward=1

MD5_LINES_P="" MD5_LINES_PE2=""
if md5_supported; then
  MD5_LINES_P="mpls ldp neighbor 10.255.0.3 password ldpsecret"
  MD5_LINES_PE2="mpls ldp neighbor 10.255.0.2 password ldpsecret"
  l3i_log "kernel TCP-MD5: the P-PE2 LDP session is signed"
fi

write_conf() {  # NAME BODY
  printf '%s\n' "$2" >"$L3I_TMP/$1.conf"
}
LAN_AUTH=" ip ospf authentication message-digest
 ip ospf message-digest-key 1 md5 lankey"
write_conf pe1 "hostname pe1
ip vrf A
 rd 65000:1
 route-target export 65000:1
 route-target import 65000:1
interface Loopback10
 ip vrf forwarding A
 ip address 10.9.1.1 255.255.255.255
interface Loopback0
 ip address 10.255.0.1 255.255.255.255
 ip ospf 1 area 0
interface eth1
 ip address 10.0.1.1 255.255.255.252
 ip ospf network point-to-point
 ip ospf hello-interval 1
 ip ospf 1 area 0
 mpls ip
router ospf 1
 log-adjacency-changes
mpls ldp router-id Loopback0 force
mpls ldp discovery hello interval 1
mpls ldp discovery hello holdtime 3
router bgp 65000
 bgp router-id 10.255.0.1
 neighbor 10.255.0.3 remote-as 65000
 neighbor 10.255.0.3 update-source Loopback0
 address-family vpnv4
  neighbor 10.255.0.3 activate
  neighbor 10.255.0.3 send-community extended
 exit-address-family
 address-family ipv4 vrf A
  redistribute connected
 exit-address-family
end"
write_conf p "hostname p
interface Loopback0
 ip address 10.255.0.2 255.255.255.255
 ip ospf 1 area 0
interface eth1
 ip address 10.0.1.2 255.255.255.252
 ip ospf network point-to-point
 ip ospf hello-interval 1
 ip ospf 1 area 0
 mpls ip
interface eth2
 ip address 10.0.2.1 255.255.255.0
 ip ospf hello-interval 1
 ip ospf 1 area 0
$LAN_AUTH
 mpls ip
router ospf 1
 router-id 10.255.0.2
 log-adjacency-changes
mpls ldp router-id Loopback0 force
mpls ldp discovery hello interval 1
mpls ldp discovery hello holdtime 3
$MD5_LINES_P
end"
write_conf pe2 "hostname pe2
ip vrf A
 rd 65000:2
 route-target export 65000:1
 route-target import 65000:1
interface Loopback10
 ip vrf forwarding A
 ip address 10.9.2.1 255.255.255.255
interface Loopback0
 ip address 10.255.0.3 255.255.255.255
interface eth1
 ip address 10.0.2.2 255.255.255.0
 ip ospf hello-interval 1
$LAN_AUTH
 mpls ip
router ospf 1
 log-adjacency-changes
 network 10.255.0.3 0.0.0.0 area 0
 network 10.0.2.0 0.0.0.255 area 0
mpls ldp router-id Loopback0 force
mpls ldp discovery hello interval 1
mpls ldp discovery hello holdtime 3
$MD5_LINES_PE2
router bgp 65000
 bgp router-id 10.255.0.3
 neighbor 10.255.0.1 remote-as 65000
 neighbor 10.255.0.1 update-source Loopback0
 address-family vpnv4
  neighbor 10.255.0.1 activate
  neighbor 10.255.0.1 send-community extended
 exit-address-family
 address-family ipv4 vrf A
  redistribute connected
 exit-address-family
end"

declare -A PIDS SOCKS
start() {  # NS BIN
  local conf=$L3I_TMP/$1.conf
  SOCKS[$1]=$L3I_TMP/$1.sock
  if ! "$2" --check -f "$conf" >"$conf.check.log" 2>&1; then
    fail "$1 accepts its configuration"; sed 's/^/    /' "$conf.check.log" | head; return 1
  fi
  l3i_spawn "$1" "$1" "$2" -f "$conf" --socket "${SOCKS[$1]}" --log-level debug
  PIDS[$1]=$L3I_LAST_PID
}
start pe1 "$PE_BIN"; start p "$P_BIN"; start pe2 "$PE_BIN"
for n in pe1 p pe2; do
  check "$n starts and opens its control socket" l3i_wait_until 5 test -S "${SOCKS[$n]}"
done

ctl() { "$CTL_BIN" exec "${SOCKS[$1]}" "$2" 2>/dev/null; }
# neighbor_full NS ROUTER_ID
neighbor_full() { ctl "$1" "show ip ospf neighbor" | grep -Eq "^$2 +[0-9]+ +FULL/"; }
# IOS: "O        10.255.0.2 [110/2] via 10.0.1.2, 00:00:05, eth1" (the /32 of a subnetted network)
has_route() { ctl "$1" "show ip route ospf" | grep -Eq "^O +$2(/32)? "; }
ldp_oper() { ctl "$1" "show mpls ldp neighbor" | grep -A3 "Peer LDP Ident: $2:0" | grep -q "State: Oper"; }
# lfib NS PREFIX LABEL-REGEX
lfib() { ctl "$1" "show mpls forwarding-table" | grep -Eq "^[0-9]+ +$3 +$2/32 "; }

check "pe1: OSPF neighbor p FULL (point-to-point)" l3i_wait_until 30 neighbor_full pe1 10.255.0.2
check "p: OSPF neighbor pe1 FULL" l3i_wait_until 10 neighbor_full p 10.255.0.1
check "p: OSPF neighbor pe2 FULL (broadcast, MD5)" l3i_wait_until 30 neighbor_full p 10.255.0.3
check "pe2: OSPF neighbor p FULL" l3i_wait_until 10 neighbor_full pe2 10.255.0.2
for pair in "pe1 10.255.0.2" "pe1 10.255.0.3" "p 10.255.0.1" "p 10.255.0.3" "pe2 10.255.0.1" "pe2 10.255.0.2"; do
  set -- $pair
  check "$1: OSPF route to $2/32" l3i_wait_until 20 has_route "$1" "$2"
done
check "pe1: LDP session with p operational" l3i_wait_until 30 ldp_oper pe1 10.255.0.2
check "p: LDP session with pe1 operational" l3i_wait_until 10 ldp_oper p 10.255.0.1
check "p: LDP session with pe2 operational${MD5_LINES_P:+ (TCP MD5)}" l3i_wait_until 30 ldp_oper p 10.255.0.3
check "pe2: LDP session with p operational" l3i_wait_until 10 ldp_oper pe2 10.255.0.2
check "pe1: LFIB pops toward p's loopback" l3i_wait_until 20 lfib pe1 10.255.0.2 "Pop Label"
check "pe1: LFIB swaps to p's label for pe2's loopback" l3i_wait_until 20 lfib pe1 10.255.0.3 "[0-9]+"
check "p: LFIB pops toward pe1" l3i_wait_until 20 lfib p 10.255.0.1 "Pop Label"
check "p: LFIB pops toward pe2" l3i_wait_until 20 lfib p 10.255.0.3 "Pop Label"
check "pe2: LFIB swaps to p's label for pe1's loopback" l3i_wait_until 20 lfib pe2 10.255.0.1 "[0-9]+"

bgp_established() {  # NS PEER
  ctl "$1" "show ip bgp summary json" | python3 -c '
import json, sys
d = json.load(sys.stdin)
sys.exit(0 if any(n.get("neighbor") == sys.argv[1] and n.get("state") == "Established" for n in d.get("neighbors", [])) else 1)' "$2"
}
check "pe1: iBGP with pe2 Established (BGP runs beside OSPF and LDP on a PE)" l3i_wait_until 30 bgp_established pe1 10.255.0.3

# The PE resolves pe2's VPNv4 next hop over OSPF and the LDP LSP: the route is
# in VRF A, and CEF imposes pe2's VPN label under p's label for 10.255.0.3.
vrf_route() { ctl pe1 "show ip route vrf A" | grep -Eq "^B +10\.9\.2\.1(/32)? \[200/0\] via 10\.255\.0\.3"; }
check "pe1: pe2's VRF A loopback is a BGP route via 10.255.0.3" l3i_wait_until 20 vrf_route
p_label=$(ctl pe1 "show mpls forwarding-table" | awk '$3 == "10.255.0.3/32" {print $2; exit}')
cef_labels() {
  local cef
  cef=$(ctl pe1 "show ip cef vrf A 10.9.2.1 detail")
  grep -Eq "recursive via 10\.255\.0\.3 label [0-9]+" <<<"$cef" && grep -q "nexthop 10.0.1.2 eth1 label $p_label\$" <<<"$cef"
}
check "pe1: CEF pushes p's label ($p_label) under pe2's VPN label toward 10.0.1.2" l3i_wait_until 10 cef_labels

# SIGHUP with a changed cost on p: the OSPF process restarts, adjacencies come back.
sed -i 's/^ ip ospf 1 area 0$/ ip ospf 1 area 0\n ip ospf cost 5/' "$L3I_TMP/p.conf"
kill -HUP "${PIDS[p]}"
sleep 1
check "p survives a reload that changes OSPF" kill -0 "${PIDS[p]}"
check "p: OSPF neighbor pe1 FULL again after the reload" l3i_wait_until 30 neighbor_full p 10.255.0.1
check "p: OSPF neighbor pe2 FULL again after the reload" l3i_wait_until 30 neighbor_full p 10.255.0.3

for n in pe1 p pe2; do
  grep -Eq "error" "$L3I_TMP/$n.log" && { l3i_log "$n logged errors:"; grep -E "error" "$L3I_TMP/$n.log" | head -5 >&2; }
done
if [ "$FAILED" -gt 0 ]; then
  for n in pe1 p pe2; do
    l3i_log "--- $n: show ip ospf neighbor / show mpls ldp neighbor / log tail"
    ctl "$n" "show ip ospf neighbor" >&2; ctl "$n" "show mpls ldp neighbor" >&2; tail -15 "$L3I_TMP/$n.log" >&2
  done
fi
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" = 0 ]
