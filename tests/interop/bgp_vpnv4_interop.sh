#!/usr/bin/env bash
# BGP VPNv4 (AFI 1 / SAFI 128) interoperability test in network namespaces.
#
# Topology (all iBGP AS 65000, loopbacks 10.255.0.N, every client namespace
# hangs off the "rr" namespace over a point-to-point veth 10.0.N.0/30; rr
# routes between them, so any two loopbacks can peer):
#
#      frr1 (FRR bgpd+zebra)  10.255.0.2 --.
#      bird1 (BIRD 2)         10.255.0.3 ---+
#      md5ok (BIRD 2, right TCP-MD5 pw)  .4 -+-- rr 10.255.0.1 (route reflector)
#      md5bad (BIRD 2, wrong TCP-MD5 pw) .5 -+
#      frr2 (FRR bgpd+zebra)  10.255.0.6 ---+
#      pe1 (l3vpn-pe)         10.255.0.11 -'  (phases l3vpn-rr and l3vpn-pe)
#      ce3 172.16.3.2 -- bird1 (next hop of bird1's VPN route)
#
# Phase "bird-rr": the reflector is a BIRD 2 instance (cluster id 10.255.1.1).
#   This proves the harness itself (FRR <-> BIRD and FRR <-> FRR VPNv4
#   through a reflector).
# Phase "l3vpn-rr": the reflector is l3vpn-rr (cluster id 10.255.2.2; its
#   config mirrors the namespace's routes as interface + `ip route` lines,
#   since it resolves next hops from its configuration). Reported as SKIP with
#   the reason when the binary or l3vpnctl is missing or the daemon does not
#   listen on TCP 179 within 8 s; FAIL when it rejects the config or exits.
#   l3vpn-pe (pe1) is an RR client too: its VRF BLUE route is checked at FRR
#   and BIRD (reflected: ORIGINATOR_ID 10.255.0.11), and FRR's, FRR2's and
#   BIRD's routes are checked in l3vpn-pe's table. frr1 <-> frr2 checks that
#   l3vpn-rr reflects between two FRR clients.
# Phase "l3vpn-pe": no reflector (rr is only an IP router); frr1 and bird1
#   peer directly (iBGP, VPNv4) with l3vpn-pe in pe1. Routes are checked both
#   ways without ORIGINATOR_ID/CLUSTER_LIST, and l3vpn-pe must not re-advertise
#   one iBGP peer's routes to the other (it is no reflector). SKIP when
#   l3vpn-pe is missing or does not listen; FAIL when it rejects its config.
#
# Routes: bird1 originates 65000:3 10.3.3.0/24 label 300 RT 65000:100 nh
# 172.16.3.2 (static vpn4 route); frr1 originates 65000:2 10.2.2.0/24 label 200
# and frr2 65000:6 10.6.6.0/24 label 600, RT 65000:100, nh their loopbacks
# (`network ... rd ... label` in address-family ipv4 vpn, since the kernel may
# lack VRF support); pe1 exports VRF BLUE (RD 65000:11, RT 65000:100, labels
# 1100-1199) static 10.11.11.0/24: 65000:11 10.11.11.0/24 label 1100 nh
# 10.255.0.11. The VRF's next hop need not exist (only BGP is tested).
#
# Env: L3VPN_BUILD (build dir, default <repo>/build), L3VPN_INTEROP_NO_INSTALL=1
# (do not apt-get install peers), L3I_KEEP_TMP=1 (keep configs and logs),
# L3VPN_INTEROP_PHASES (default "bird-rr l3vpn-rr l3vpn-pe"), L3I_HOLD=S (keep each
# phase's topology up S seconds after its checks, to poke at it by hand).
# Output: one PASS/FAIL/SKIP line per check, then `N passed, N failed[, N skipped]`.
set -u
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
# shellcheck source=lib.sh
source "$HERE/lib.sh"
export PATH="$PATH:/usr/sbin:/sbin"

PASSED=0 FAILED=0 SKIPPED=0
pass() { PASSED=$((PASSED + 1)); echo "PASS: $*"; }
fail() { FAILED=$((FAILED + 1)); echo "FAIL: $*"; }
skip() { SKIPPED=$((SKIPPED + 1)); echo "SKIP: $*"; }
check() { local name=$1; shift; if "$@"; then pass "$name"; else fail "$name"; fi; }
summary() {
  if [ "$SKIPPED" -gt 0 ]; then echo "$PASSED passed, $FAILED failed, $SKIPPED skipped"
  else echo "$PASSED passed, $FAILED failed"; fi
}
skip_all() { echo "SKIP: interop_bgp_vpnv4: $*"; SKIPPED=1; summary; exit 0; }

# --- environment ------------------------------------------------------------
[ "$(id -u)" = 0 ] || skip_all "needs root (network namespaces)"
l3i_can_netns || skip_all "ip netns / veth unavailable"
if [ "${L3VPN_INTEROP_NO_INSTALL:-0}" != 1 ]; then
  t0=$(date +%s)
  bash "$HERE/install_peers.sh" >&2 || skip_all "FRR/BIRD could not be installed"
  l3i_log "install_peers took $(( $(date +%s) - t0 )) s"
fi
FRR_DIR=/usr/lib/frr
[ -x $FRR_DIR/bgpd ] && [ -x $FRR_DIR/zebra ] && command -v vtysh >/dev/null || skip_all "FRR not installed"
command -v bird >/dev/null && command -v birdc >/dev/null || skip_all "BIRD 2 not installed"
PY=$(command -v /usr/bin/python3 || command -v python3) || skip_all "python3 missing (JSON checks)"

BUILD=${L3VPN_BUILD:-$REPO/build}
RR_BIN=$BUILD/rr/l3vpn-rr
PE_BIN=$BUILD/pe/l3vpn-pe
CTL_BIN=$(l3i_find_ctl "$BUILD")

l3i_init
START_TS=$(date +%s)

# Kernel TCP-MD5 support (probe in a throwaway namespace).
md5_supported() {
  l3i_exec "$1" "$PY" - <<'PYEOF' >/dev/null 2>&1
import socket, struct
s = socket.socket()
sa = struct.pack('=HH4s120x', socket.AF_INET, 0, socket.inet_aton('127.0.0.2'))
s.setsockopt(socket.IPPROTO_TCP, 14, sa + struct.pack('=BBHI', 0, 0, 4, 0) + b'abcd'.ljust(80, b'\0'))
PYEOF
}

# --- topology ----------------------------------------------------------------
# CLIENTS (NAME:N ...) is set per phase (see run_phase).
CLIENTS="frr1:2 bird1:3 md5ok:4 md5bad:5 frr2:6"
topo_up() {
  l3i_netns_add rr || return 1
  l3i_loopback rr 10.255.0.1/32
  l3i_exec rr sysctl -qw net.ipv4.ip_forward=1
  local c name n
  for c in $CLIENTS; do
    name=${c%%:*}; n=${c##*:}
    l3i_netns_add "$name" || return 1
    l3i_loopback "$name" "10.255.0.$n/32"
    l3i_link rr "eth$n" "10.0.$n.1/30" "$name" eth0 "10.0.$n.2/30" || return 1
    l3i_route rr "10.255.0.$n/32" "10.0.$n.2"
    l3i_route "$name" 10.255.0.0/24 "10.0.$n.1"
    l3i_route "$name" 172.16.0.0/16 "10.0.$n.1"
  done
  # bird1's CE: the next hop of the VPN route bird1 originates.
  l3i_netns_add ce3 || return 1
  l3i_link bird1 ce0 172.16.3.1/30 ce3 eth0 172.16.3.2/30 || return 1
  l3i_route rr 172.16.3.0/30 10.0.3.2
}

# --- BIRD --------------------------------------------------------------------
# bird_conf NAME ROUTER_ID BODY -> writes $L3I_TMP/$PHASE/NAME/bird.conf
bird_common() {
  cat <<BEOF
router id $2;
log "$3/bird.log" all;
protocol device { scan time 2; }
protocol direct { ipv4; interface "*"; }
protocol kernel { ipv4 { import all; export none; }; learn; scan time 2; }
vpn4 table vpntab;
BEOF
}

bird_client_conf() {  # NAME N DIR [PASSWORD [NEIGHBOR [PROTO]]]
  bird_common "$1" "10.255.0.$2" "$3"
  local pw=""; [ -n "${4:-}" ] && pw="password \"$4\";"
  local nbr=${5:-10.255.0.1} proto=${6:-reflector}
  if [ "$1" = bird1 ]; then
    cat <<'BEOF'
protocol static vpnstatic {
  vpn4 { table vpntab; };
  route 65000:3 10.3.3.0/24 via 172.16.3.2 mpls 300;
}
BEOF
  fi
  cat <<BEOF
protocol bgp $proto {
  local 10.255.0.$2 as 65000;
  neighbor $nbr as 65000;
  $pw
  connect retry time 2; error wait time 1, 5; connect delay time 1;
  vpn4 mpls {
    table vpntab; igp table master4;
    import all;
    export filter { if source = RTS_STATIC then { bgp_ext_community.add((rt, 65000, 100)); accept; } reject; };
  };
}
BEOF
}

bird_rr_conf() {  # DIR
  bird_common rr 10.255.0.1 "$1"
  cat <<'BEOF'
template bgp rrc {
  local 10.255.0.1 as 65000;
  rr client; rr cluster id 10.255.1.1;
  connect retry time 2; error wait time 1, 5; connect delay time 1;
  vpn4 mpls { table vpntab; igp table master4; import all; export all; };
}
protocol bgp frr1 from rrc { neighbor 10.255.0.2 as 65000; }
protocol bgp bird1 from rrc { neighbor 10.255.0.3 as 65000; }
protocol bgp md5ok from rrc { neighbor 10.255.0.4 as 65000; password "s3cret-md5"; }
protocol bgp md5bad from rrc { neighbor 10.255.0.5 as 65000; password "s3cret-md5"; }
protocol bgp frr2 from rrc { neighbor 10.255.0.6 as 65000; }
BEOF
}

start_bird() {  # NS DIR
  l3i_spawn "$1" "$PHASE-$1-bird" bird -f -c "$2/bird.conf" -s "$2/bird.ctl" -P "$2/bird.pid"
}
birdc_in() { local dir=$1; shift; birdc -s "$dir/bird.ctl" "$@"; }
# bird_established DIR PROTO
bird_established() { birdc_in "$1" show protocols "$2" 2>/dev/null | grep -Eq "^$2[[:space:]].*[[:space:]]up[[:space:]].*Established"; }

# --- FRR ---------------------------------------------------------------------
frr_conf() {  # DIR NAME N NEIGHBOR RD PREFIX LABEL
  cat <<FEOF
frr defaults traditional
hostname $2
log file $1/bgpd.log debugging
!
route-map SET-RT permit 10
 set extcommunity rt 65000:100
!
router bgp 65000
 bgp router-id 10.255.0.$3
 no bgp default ipv4-unicast
 neighbor $4 remote-as 65000
 neighbor $4 update-source 10.255.0.$3
 neighbor $4 timers connect 2
 !
 address-family ipv4 vpn
  neighbor $4 activate
  neighbor $4 send-community extended
  network $6 rd $5 label $7 route-map SET-RT
 exit-address-family
!
FEOF
}

start_frr() {  # NS DIR
  local ns=$1 d=$2 zuser
  : >"$d/zebra.conf"
  # zebra cannot skip its privilege drop (to user frr, vty group frrvty): let
  # user frr write its socket, pid and log here.
  if id frr >/dev/null 2>&1; then chown frr:frr "$d" "$d/zebra.conf"; zuser=(); else zuser=(-u root -g root); fi
  l3i_spawn "$ns" "$PHASE-$ns-zebra" $FRR_DIR/zebra "${zuser[@]}" -P 0 -z "$d/zserv.api" --vty_socket "$d" \
    -i "$d/zebra.pid" -f "$d/zebra.conf" --log "file:$d/zebra.log"
  l3i_wait_until 10 test -S "$d/zserv.api" || l3i_log "$ns: zebra socket did not appear"
  l3i_spawn "$ns" "$PHASE-$ns-bgpd" $FRR_DIR/bgpd -S -P 0 -z "$d/zserv.api" --vty_socket "$d" \
    -i "$d/bgpd.pid" -f "$d/bgpd.conf"
}
vtysh_in() { local d=$1; shift; vtysh --vty_socket "$d" "$@"; }
frr_established() {  # DIR PEER
  vtysh_in "$1" -c 'show bgp summary json' 2>/dev/null | "$PY" -c '
import json, sys
d = json.load(sys.stdin); peer = sys.argv[1]
ok = any(af.get("peers", {}).get(peer, {}).get("state") == "Established" for af in d.values() if isinstance(af, dict))
sys.exit(0 if ok else 1)' "$2"
}

# frr_vpn_route DIR RD PREFIX -> detail JSON of the path in $OUT
frr_route_json() { vtysh_in "$1" -c "show bgp ipv4 vpn rd $2 $3 json" 2>/dev/null; }

# Checks the detail JSON of a VPNv4 path at FRR: present, RT, label, next hop,
# originator id, cluster list (ORIGINATOR/CLUSTER "-": must be absent, i.e. a
# path learned directly from its originator).
frr_route_ok() {  # DIR RD PREFIX RT LABEL NEXTHOP ORIGINATOR CLUSTER
  frr_route_json "$1" "$2" "$3" | "$PY" -c '
import json, sys
rd, prefix, rt, label, nh, orig, cluster = sys.argv[1:8]
try:
    d = json.load(sys.stdin)
except Exception as e:
    print("  bad json:", e); sys.exit(1)
# FRR 8.x keys the detail by RD: {"65000:3": {"prefix": ..., "paths": [...]}}
node = d if "paths" in d else d.get(rd, {})
paths = node.get("paths", []) if isinstance(node, dict) else []
if not paths:
    print("  no path for", rd, prefix); sys.exit(1)
p = paths[0]
problems = []
ext = p.get("extendedCommunity", {}).get("string", "")
if "RT:" + rt not in ext.split(): problems.append("RT %r not in %r" % (rt, ext))
if str(p.get("remoteLabel")) != label: problems.append("label %r != %s" % (p.get("remoteLabel"), label))
nhs = [n.get("ip") for n in p.get("nexthops", [])]
if nh not in nhs: problems.append("next hop %s not in %s" % (nh, nhs))
if orig == "-":
    if p.get("originatorId") is not None: problems.append("unexpected originatorId %r" % p.get("originatorId"))
elif p.get("originatorId") != orig: problems.append("originatorId %r != %s" % (p.get("originatorId"), orig))
cl = p.get("clusterList", {}).get("list", [])
if cluster == "-":
    if cl: problems.append("unexpected clusterList %r" % cl)
elif cluster not in cl: problems.append("clusterList %r lacks %s" % (cl, cluster))
for pr in problems: print("  " + pr)
sys.exit(1 if problems else 0)' "$2" "$3" "$4" "$5" "$6" "$7" "$8"
}

# frr_route_absent DIR RD PREFIX: FRR has no path for it.
frr_route_absent() {
  frr_route_json "$1" "$2" "$3" | "$PY" -c '
import json, sys
try:
    d = json.load(sys.stdin)
except Exception:
    sys.exit(1)
node = d if "paths" in d else d.get(sys.argv[1], {})
sys.exit(1 if isinstance(node, dict) and node.get("paths") else 0)' "$2"
}

# bird_route_ok DIR "RD PREFIX" LABEL NEXTHOP ORIGINATOR CLUSTER  (in vpntab;
# ORIGINATOR/CLUSTER "-": must be absent)
bird_route_ok() {
  local out; out=$(birdc_in "$1" show route table vpntab "$2" all 2>/dev/null)
  local ok=0
  grep -q "^$2" <<<"$out" || { echo "  $2 not in vpntab"; return 1; }
  grep -Eq "mpls $3([^0-9]|\$)" <<<"$out" || grep -Eq "BGP.mpls_label_stack: .*\b$3\b" <<<"$out" || { echo "  label $3 missing"; ok=1; }
  grep -q "BGP.next_hop: $4" <<<"$out" || { echo "  next hop $4 missing"; ok=1; }
  grep -q "(rt, 65000, 100)" <<<"$out" || { echo "  RT 65000:100 missing"; ok=1; }
  if [ "$5" = - ]; then
    ! grep -q "BGP.originator_id:" <<<"$out" || { echo "  unexpected originator_id"; ok=1; }
  else
    grep -q "BGP.originator_id: $5" <<<"$out" || { echo "  originator_id $5 missing"; ok=1; }
  fi
  if [ "$6" = - ]; then
    ! grep -q "BGP.cluster_list:" <<<"$out" || { echo "  unexpected cluster_list"; ok=1; }
  else
    grep -Eq "BGP.cluster_list: .*$6" <<<"$out" || { echo "  cluster_list $6 missing"; ok=1; }
  fi
  [ $ok = 0 ] || sed 's/^/    /' <<<"$out"
  return $ok
}
# bird_route_absent DIR "RD PREFIX"
bird_route_absent() {  # BIRD must answer (a dead daemon proves nothing)
  local out; out=$(birdc_in "$1" show route table vpntab "$2" 2>/dev/null)
  grep -q "^BIRD .* ready" <<<"$out" && ! grep -q "^$2" <<<"$out"
}

# --- l3vpn-rr ----------------------------------------------------------------
l3vpn_rr_conf() {
  cat <<'LEOF'
hostname RR
!
interface Loopback0
 ip address 10.255.0.1 255.255.255.255
!
interface eth2
 description to frr1
 ip address 10.0.2.1 255.255.255.252
!
interface eth3
 description to bird1
 ip address 10.0.3.1 255.255.255.252
!
interface eth4
 description to md5ok
 ip address 10.0.4.1 255.255.255.252
!
interface eth5
 description to md5bad
 ip address 10.0.5.1 255.255.255.252
!
interface eth6
 description to frr2
 ip address 10.0.6.1 255.255.255.252
!
interface eth11
 description to pe1
 ip address 10.0.11.1 255.255.255.252
!
! The same routes as the namespace's kernel table: l3vpn-rr resolves BGP
! next hops from its configuration (connected + static) until it has an IGP.
ip route 10.255.0.2 255.255.255.255 10.0.2.2
ip route 10.255.0.3 255.255.255.255 10.0.3.2
ip route 10.255.0.4 255.255.255.255 10.0.4.2
ip route 10.255.0.5 255.255.255.255 10.0.5.2
ip route 10.255.0.6 255.255.255.255 10.0.6.2
ip route 10.255.0.11 255.255.255.255 10.0.11.2
ip route 172.16.3.0 255.255.255.252 10.0.3.2
!
router bgp 65000
 bgp router-id 10.255.0.1
 bgp cluster-id 10.255.2.2
 bgp log-neighbor-changes
 no bgp default ipv4-unicast
 neighbor RR-CLIENTS peer-group
 neighbor RR-CLIENTS remote-as 65000
 neighbor RR-CLIENTS update-source Loopback0
 neighbor 10.255.0.2 peer-group RR-CLIENTS
 neighbor 10.255.0.2 description frr1
 neighbor 10.255.0.3 peer-group RR-CLIENTS
 neighbor 10.255.0.3 description bird1
 neighbor 10.255.0.4 peer-group RR-CLIENTS
 neighbor 10.255.0.4 description md5ok
 neighbor 10.255.0.4 password s3cret-md5
 neighbor 10.255.0.5 peer-group RR-CLIENTS
 neighbor 10.255.0.5 description md5bad
 neighbor 10.255.0.5 password s3cret-md5
 neighbor 10.255.0.6 peer-group RR-CLIENTS
 neighbor 10.255.0.6 description frr2
 neighbor 10.255.0.11 peer-group RR-CLIENTS
 neighbor 10.255.0.11 description pe1
 !
 address-family vpnv4
  neighbor RR-CLIENTS send-community extended
  neighbor RR-CLIENTS route-reflector-client
  neighbor 10.255.0.2 activate
  neighbor 10.255.0.3 activate
  neighbor 10.255.0.4 activate
  neighbor 10.255.0.5 activate
  neighbor 10.255.0.6 activate
  neighbor 10.255.0.11 activate
 exit-address-family
!
end
LEOF
}
# l3vpn-pe (pe1): VRF BLUE exported as in the issue; one iBGP VPNv4 session
# per NEIGHBOR (loopbacks, update-source Loopback0). The `ip route` lines
# cover the peers' loopbacks and BIRD's CE next hop (172.16.3.2).
l3vpn_pe_conf() {  # NEIGHBOR...
  local n
  cat <<'LEOF'
hostname PE1
!
vrf definition BLUE
 rd 65000:11
 route-target export 65000:100
 route-target import 65000:100
 address-family ipv4
 exit-address-family
!
interface Loopback0
 ip address 10.255.0.11 255.255.255.255
!
interface eth0
 ip address 10.0.11.2 255.255.255.252
!
router bgp 65000
 bgp router-id 10.255.0.11
 no bgp default ipv4-unicast
LEOF
  for n in "$@"; do
    printf ' neighbor %s remote-as 65000\n neighbor %s update-source Loopback0\n' "$n" "$n"
  done
  echo ' address-family vpnv4'
  for n in "$@"; do
    printf '  neighbor %s activate\n  neighbor %s send-community extended\n' "$n" "$n"
  done
  cat <<'LEOF'
 exit-address-family
 address-family ipv4 vrf BLUE
  redistribute static
 exit-address-family
!
ip route vrf BLUE 10.11.11.0 255.255.255.0 172.16.11.2
ip route 10.255.0.0 255.255.255.0 10.0.11.1
ip route 172.16.0.0 255.255.0.0 10.0.11.1
mpls label range 1100 1199
!
end
LEOF
}

l3vpn_exec_at() { "$CTL_BIN" exec "$1" "$2" 2>/dev/null; }   # SOCK CMD
l3vpn_exec() { l3vpn_exec_at "$RR_SOCK" "$1"; }
l3vpn_established_at() {  # SOCK PEER
  l3vpn_exec_at "$1" "show ip bgp summary json" | "$PY" -c '
import json, sys
d = json.load(sys.stdin)
sys.exit(0 if any(n.get("neighbor") == sys.argv[1] and n.get("state") == "Established" for n in d.get("neighbors", [])) else 1)' "$2"
}
l3vpn_established() { l3vpn_established_at "$RR_SOCK" "$1"; }  # PEER
# l3vpn_route_ok_at SOCK RD PREFIX NEXTHOP LABEL [in|out]: the path is in
# 'show ip bgp vpnv4 all json', valid and best, with that next hop and label
# (in_label for a locally originated path, out_label for a learned one;
# either when the kind is omitted).
l3vpn_route_ok_at() {
  l3vpn_exec_at "$1" "show ip bgp vpnv4 all json" | "$PY" -c '
import json, sys
rd, prefix, nh, label, kind = sys.argv[1:6]
try:
    d = json.load(sys.stdin)
except Exception as e:
    print("  bad json:", e); sys.exit(1)
paths = [p for p in d.get("paths", []) if p.get("rd") == rd and p.get("prefix") == prefix]
if not paths:
    print("  %s %s not in show ip bgp vpnv4 all json" % (rd, prefix)); sys.exit(1)
p = ([q for q in paths if q.get("best")] or paths)[0]; problems = []
if not (p.get("valid") and p.get("best")):
    problems.append("not valid+best (valid=%r best=%r): next hop unresolved?" % (p.get("valid"), p.get("best")))
if p.get("next_hop") != nh: problems.append("next_hop %r != %s" % (p.get("next_hop"), nh))
lab_in, lab_out = str(p.get("in_label")), str(p.get("out_label"))
if kind == "in" and lab_in != label: problems.append("in_label %r != %s" % (p.get("in_label"), label))
elif kind == "out" and lab_out != label: problems.append("out_label %r != %s" % (p.get("out_label"), label))
elif kind == "any" and label not in (lab_in, lab_out):
    problems.append("label in=%r out=%r != %s" % (p.get("in_label"), p.get("out_label"), label))
for pr in problems: print("  " + pr)
sys.exit(1 if problems else 0)' "$2" "$3" "$4" "$5" "${6:-any}"
}
l3vpn_route_ok() { l3vpn_route_ok_at "$RR_SOCK" "$@"; }  # RD PREFIX NEXTHOP LABEL
# l3vpn_route_absent SOCK RD PREFIX: the daemon answers and lists no such path.
l3vpn_route_absent() {
  l3vpn_exec_at "$1" "show ip bgp vpnv4 all json" | "$PY" -c '
import json, sys
d = json.load(sys.stdin)
sys.exit(1 if "paths" not in d or any(p.get("rd") == sys.argv[1] and p.get("prefix") == sys.argv[2] for p in d["paths"]) else 0)' "$2" "$3"
}
# l3vpn_detail_ok SOCK RD PREFIX ORIGINATOR CLUSTER: the IOS detail block of
# 'show ip bgp vpnv4 rd RD PREFIX' shows RT 65000:100 and that originator and
# cluster list.
l3vpn_detail_ok() {
  local out; out=$(l3vpn_exec_at "$1" "show ip bgp vpnv4 rd $2 $3")
  local ok=0
  grep -q "RT:65000:100" <<<"$out" || { echo "  RT:65000:100 missing"; ok=1; }
  grep -Eq "Originator: $4,[[:space:]]*Cluster list: $5" <<<"$out" || { echo "  'Originator: $4, Cluster list: $5' missing"; ok=1; }
  [ $ok = 0 ] || sed 's/^/    /' <<<"$out"
  return $ok
}
ns_listens_179() { l3i_exec "${1:-rr}" ss -Hltn 'sport = :179' | grep -q .; }

# --- one phase ---------------------------------------------------------------
# check_wait NAME TIMEOUT CMD...: PASS when CMD succeeds within TIMEOUT s;
# otherwise FAIL and CMD once more, so that its diagnostics are printed.
check_wait() {
  local name=$1 t=$2; shift 2
  if l3i_wait_until "$t" "$@"; then pass "$name"; else fail "$name"; "$@"; fi
}

# start_l3vpn NS NAME BIN CONF SOCK: checks the config, starts the daemon in
# NS and waits until it listens on TCP 179. Returns 1 after reporting a FAIL
# (config refused, daemon exited) or a SKIP (not listening: not implemented).
start_l3vpn() {
  local ns=$1 name=$2 bin=$3 conf=$4 sock=$5 P="[$PHASE]" extra=() pid
  if ! "$bin" --check -f "$conf" >"$conf.check.log" 2>&1; then
    fail "$P $name accepts its configuration (see below)"
    sed 's/^/    /' "$conf.check.log" | head -20
    return 1
  fi
  "$bin" --help 2>&1 | grep -q -- '--bgp-port' && extra=(--bgp-port 179)
  l3i_spawn "$ns" "$PHASE-$name" "$bin" -f "$conf" --socket "$sock" --name "$name" \
    --log-level debug "${extra[@]}"
  pid=$L3I_LAST_PID
  if ! l3i_wait_until 8 ns_listens_179 "$ns"; then
    if kill -0 "$pid" 2>/dev/null; then
      skip "$P $name checks: $name does not listen on TCP 179 after 8 s (BGP not implemented yet?)"
    else
      fail "$P $name exited before listening on TCP 179; its log:"
      tail -20 "$L3I_TMP/$PHASE-$name.log" | sed 's/^/    /'
    fi
    return 1
  fi
}

# PE_SOCK, RR_SOCK: control sockets of the current phase's l3vpn daemons.
PE_ROUTE="65000:11 10.11.11.0/24"

# run_phase bird-rr|l3vpn-rr
run_phase() {
  PHASE=$1
  local P="[$PHASE]" base="$L3I_TMP/$PHASE" cluster pe=0
  if [ "$PHASE" = l3vpn-rr ]; then
    CLIENTS="frr1:2 bird1:3 md5ok:4 md5bad:5 frr2:6 pe1:11"
  else
    CLIENTS="frr1:2 bird1:3 md5ok:4 md5bad:5 frr2:6"
  fi
  mkdir -p "$base"/{rr,frr1,frr2,bird1,md5ok,md5bad,pe1}
  l3i_topo_down
  topo_up || { fail "$P topology setup"; return; }
  local md5=1
  md5_supported rr || md5=0

  # Reflector.
  if [ "$PHASE" = bird-rr ]; then
    cluster=10.255.1.1
    bird_rr_conf "$base/rr" >"$base/rr/bird.conf"
    start_bird rr "$base/rr"
    rr_up() { bird_established "$base/rr" "$1"; }
  else
    cluster=10.255.2.2
    l3vpn_rr_conf >"$base/rr/rr.conf"
    RR_SOCK="$base/rr/rr.sock"
    start_l3vpn rr RR "$RR_BIN" "$base/rr/rr.conf" "$RR_SOCK" || return
    rr_up() { l3vpn_established "$1"; }
  fi

  # Clients.
  frr_conf "$base/frr1" frr1 2 10.255.0.1 65000:2 10.2.2.0/24 200 >"$base/frr1/bgpd.conf"
  start_frr frr1 "$base/frr1"
  frr_conf "$base/frr2" frr2 6 10.255.0.1 65000:6 10.6.6.0/24 600 >"$base/frr2/bgpd.conf"
  start_frr frr2 "$base/frr2"
  bird_client_conf bird1 3 "$base/bird1" >"$base/bird1/bird.conf"
  start_bird bird1 "$base/bird1"
  if [ $md5 = 1 ]; then
    bird_client_conf md5ok 4 "$base/md5ok" s3cret-md5 >"$base/md5ok/bird.conf"
    bird_client_conf md5bad 5 "$base/md5bad" wrong-password >"$base/md5bad/bird.conf"
    start_bird md5ok "$base/md5ok"
    start_bird md5bad "$base/md5bad"
  fi
  if [ "$PHASE" = l3vpn-rr ]; then
    if [ ! -x "$PE_BIN" ]; then
      skip "$P l3vpn-pe as RR client: $PE_BIN not built"
    else
      l3vpn_pe_conf 10.255.0.1 >"$base/pe1/pe.conf"
      PE_SOCK="$base/pe1/pe.sock"
      start_l3vpn pe1 PE1 "$PE_BIN" "$base/pe1/pe.conf" "$PE_SOCK" && pe=1 PE_PID=$L3I_LAST_PID
    fi
  fi

  # Sessions.
  local rr_frr rr_frr2 rr_bird
  if [ "$PHASE" = bird-rr ]; then rr_frr=frr1 rr_frr2=frr2 rr_bird=bird1; else rr_frr=10.255.0.2 rr_frr2=10.255.0.6 rr_bird=10.255.0.3; fi
  check "$P session frr1 -> rr Established (FRR side)" l3i_wait_until 30 frr_established "$base/frr1" 10.255.0.1
  check "$P session frr2 -> rr Established (FRR side)" l3i_wait_until 30 frr_established "$base/frr2" 10.255.0.1
  check "$P session bird1 -> rr Established (BIRD side)" l3i_wait_until 30 bird_established "$base/bird1" reflector
  check "$P session rr -> frr1 Established (reflector side)" l3i_wait_until 10 rr_up "$rr_frr"
  check "$P session rr -> frr2 Established (reflector side)" l3i_wait_until 10 rr_up "$rr_frr2"
  check "$P session rr -> bird1 Established (reflector side)" l3i_wait_until 10 rr_up "$rr_bird"
  if [ $pe = 1 ]; then
    check "$P session pe1 -> rr Established (l3vpn-pe side)" l3i_wait_until 30 l3vpn_established_at "$PE_SOCK" 10.255.0.1
    check "$P session rr -> pe1 Established (reflector side)" l3i_wait_until 10 rr_up 10.255.0.11
  fi

  # Routes through the reflector.
  check_wait "$P BIRD route 65000:3 10.3.3.0/24 at FRR: RT 65000:100, label 300, nh 172.16.3.2, ORIGINATOR_ID 10.255.0.3, CLUSTER_LIST $cluster" \
    20 frr_route_ok "$base/frr1" 65000:3 10.3.3.0/24 65000:100 300 172.16.3.2 10.255.0.3 "$cluster"
  check_wait "$P FRR route 65000:2 10.2.2.0/24 at BIRD: RT 65000:100, label 200, nh 10.255.0.2, ORIGINATOR_ID 10.255.0.2, CLUSTER_LIST $cluster" \
    20 bird_route_ok "$base/bird1" "65000:2 10.2.2.0/24" 200 10.255.0.2 10.255.0.2 "$cluster"
  check_wait "$P FRR route 65000:2 10.2.2.0/24 at FRR2: RT 65000:100, label 200, nh 10.255.0.2, ORIGINATOR_ID 10.255.0.2, CLUSTER_LIST $cluster" \
    20 frr_route_ok "$base/frr2" 65000:2 10.2.2.0/24 65000:100 200 10.255.0.2 10.255.0.2 "$cluster"
  check_wait "$P FRR2 route 65000:6 10.6.6.0/24 at FRR: RT 65000:100, label 600, nh 10.255.0.6, ORIGINATOR_ID 10.255.0.6, CLUSTER_LIST $cluster" \
    20 frr_route_ok "$base/frr1" 65000:6 10.6.6.0/24 65000:100 600 10.255.0.6 10.255.0.6 "$cluster"
  if [ "$PHASE" = l3vpn-rr ]; then
    check_wait "$P route 65000:3 10.3.3.0/24 (from BIRD) in l3vpn-rr 'show ip bgp vpnv4 all json', nh 172.16.3.2, label 300" \
      5 l3vpn_route_ok 65000:3 10.3.3.0/24 172.16.3.2 300
    check_wait "$P route 65000:2 10.2.2.0/24 (from FRR) in l3vpn-rr 'show ip bgp vpnv4 all json', nh 10.255.0.2, label 200" \
      5 l3vpn_route_ok 65000:2 10.2.2.0/24 10.255.0.2 200
    check_wait "$P route 65000:6 10.6.6.0/24 (from FRR2) in l3vpn-rr 'show ip bgp vpnv4 all json', nh 10.255.0.6, label 600" \
      5 l3vpn_route_ok 65000:6 10.6.6.0/24 10.255.0.6 600
  else
    check "$P routes 65000:2 10.2.2.0/24 and 65000:3 10.3.3.0/24 in the BIRD reflector's vpntab" \
      l3i_wait_until 5 eval 'birdc_in "$base/rr" show route table vpntab | grep -q "^65000:2 10.2.2.0/24" &&
                             birdc_in "$base/rr" show route table vpntab | grep -q "^65000:3 10.3.3.0/24"'
  fi
  if [ $pe = 1 ]; then
    pe_checks "$base" "$cluster"
    check_wait "$P l3vpn-pe's route $PE_ROUTE in l3vpn-rr 'show ip bgp vpnv4 all json', nh 10.255.0.11, out_label 1100" \
      5 l3vpn_route_ok 65000:11 10.11.11.0/24 10.255.0.11 1100 out
    check_wait "$P l3vpn-pe: 'show ip bgp vpnv4 rd 65000:2 10.2.2.0/24' shows RT:65000:100, Originator: 10.255.0.2, Cluster list: $cluster" \
      5 l3vpn_detail_ok "$PE_SOCK" 65000:2 10.2.2.0/24 10.255.0.2 "$cluster"
    # Withdrawal through the reflector: stop l3vpn-pe (Cease), its route must
    # leave l3vpn-rr, FRR and BIRD.
    l3i_kill_pid "$PE_PID"
    check "$P l3vpn-pe stopped: $PE_ROUTE withdrawn at l3vpn-rr, FRR and BIRD within 10 s" \
      l3i_wait_until 10 eval 'l3vpn_route_absent "$RR_SOCK" 65000:11 10.11.11.0/24 &&
                              frr_route_absent "$base/frr1" 65000:11 10.11.11.0/24 &&
                              bird_route_absent "$base/bird1" "$PE_ROUTE"'
  fi

  # TCP MD5.
  if [ $md5 = 0 ]; then
    skip "$P TCP-MD5 checks: the kernel has no TCP_MD5SIG support"
    return
  fi
  local md5ok_rr md5bad_rr
  if [ "$PHASE" = bird-rr ]; then md5ok_rr=md5ok md5bad_rr=md5bad; else md5ok_rr=10.255.0.4 md5bad_rr=10.255.0.5; fi
  check "$P TCP-MD5 right password: md5ok Established (both sides)" \
    l3i_wait_until 30 eval 'bird_established "$base/md5ok" reflector && rr_up "$md5ok_rr"'
  if ! birdc_in "$base/md5bad" show protocols reflector 2>/dev/null | grep -q '^reflector'; then
    fail "$P TCP-MD5 wrong password: md5bad daemon is not running"
    return
  fi
  local t_end=$(( $(date +%s) + 10 )) bad_up=0
  while [ "$(date +%s)" -lt "$t_end" ]; do
    if bird_established "$base/md5bad" reflector || rr_up "$md5bad_rr"; then bad_up=1; break; fi
    sleep 0.5
  done
  check "$P TCP-MD5 wrong password: md5bad not Established for 10 s (both sides)" test $bad_up = 0
  [ -n "${L3I_HOLD:-}" ] && { l3i_log "holding $L3I_HOLD s (L3I_HOLD) for inspection"; sleep "$L3I_HOLD"; }
}

# pe_checks BASE CLUSTER: VPNv4 between l3vpn-pe (pe1, socket $PE_SOCK)
# and frr1 + bird1, either through the reflector (CLUSTER: its
# cluster id) or directly (CLUSTER "-": no ORIGINATOR_ID nor
# CLUSTER_LIST expected).
pe_checks() {
  local base=$1 cluster=$2 P="[$PHASE]" orig how
  if [ "$cluster" = - ]; then orig=- how="direct iBGP, no ORIGINATOR_ID/CLUSTER_LIST"
  else orig=10.255.0.11 how="ORIGINATOR_ID 10.255.0.11, CLUSTER_LIST $cluster"; fi
  check_wait "$P l3vpn-pe originates $PE_ROUTE (VRF BLUE static): valid+best, in_label 1100" \
    10 l3vpn_route_ok_at "$PE_SOCK" 65000:11 10.11.11.0/24 0.0.0.0 1100 in
  check_wait "$P l3vpn-pe route $PE_ROUTE at FRR: RT 65000:100, label 1100, nh 10.255.0.11, $how" \
    20 frr_route_ok "$base/frr1" 65000:11 10.11.11.0/24 65000:100 1100 10.255.0.11 "$orig" "$cluster"
  check_wait "$P l3vpn-pe route $PE_ROUTE at BIRD (vpntab): RT 65000:100, label 1100, nh 10.255.0.11, $how" \
    20 bird_route_ok "$base/bird1" "$PE_ROUTE" 1100 10.255.0.11 "$orig" "$cluster"
  check_wait "$P FRR route 65000:2 10.2.2.0/24 at l3vpn-pe: valid+best, nh 10.255.0.2, out_label 200" \
    20 l3vpn_route_ok_at "$PE_SOCK" 65000:2 10.2.2.0/24 10.255.0.2 200 out
  check_wait "$P BIRD route 65000:3 10.3.3.0/24 at l3vpn-pe: valid+best, nh 172.16.3.2, out_label 300" \
    20 l3vpn_route_ok_at "$PE_SOCK" 65000:3 10.3.3.0/24 172.16.3.2 300 out
  if [ "$cluster" != - ]; then
    check_wait "$P FRR2 route 65000:6 10.6.6.0/24 at l3vpn-pe: valid+best, nh 10.255.0.6, out_label 600" \
      20 l3vpn_route_ok_at "$PE_SOCK" 65000:6 10.6.6.0/24 10.255.0.6 600 out
  fi
}

# run_pe_phase: l3vpn-pe peering directly with FRR and BIRD (rr namespace is
# only an IP router here).
run_pe_phase() {
  PHASE=l3vpn-pe
  local P="[$PHASE]" base="$L3I_TMP/l3vpn-pe"
  CLIENTS="frr1:2 bird1:3 pe1:11"
  mkdir -p "$base"/{frr1,bird1,pe1}
  l3i_topo_down
  topo_up || { fail "$P topology setup"; return; }
  l3vpn_pe_conf 10.255.0.2 10.255.0.3 >"$base/pe1/pe.conf"
  PE_SOCK="$base/pe1/pe.sock"
  start_l3vpn pe1 PE1 "$PE_BIN" "$base/pe1/pe.conf" "$PE_SOCK" || return
  frr_conf "$base/frr1" frr1 2 10.255.0.11 65000:2 10.2.2.0/24 200 >"$base/frr1/bgpd.conf"
  start_frr frr1 "$base/frr1"
  bird_client_conf bird1 3 "$base/bird1" "" 10.255.0.11 pe1 >"$base/bird1/bird.conf"
  start_bird bird1 "$base/bird1"

  check "$P session frr1 -> pe1 Established (FRR side)" l3i_wait_until 30 frr_established "$base/frr1" 10.255.0.11
  check "$P session bird1 -> pe1 Established (BIRD side)" l3i_wait_until 30 bird_established "$base/bird1" pe1
  check "$P session pe1 -> frr1 Established (l3vpn-pe side)" l3i_wait_until 10 l3vpn_established_at "$PE_SOCK" 10.255.0.2
  check "$P session pe1 -> bird1 Established (l3vpn-pe side)" l3i_wait_until 10 l3vpn_established_at "$PE_SOCK" 10.255.0.3
  pe_checks "$base" -
  # iBGP split horizon: a PE that is no reflector must not pass bird1's route
  # to frr1 nor frr1's to bird1 (both are already at pe1, checked above).
  local t_end=$(( $(date +%s) + 3 )) leaked=""
  while [ "$(date +%s)" -lt "$t_end" ] && [ -z "$leaked" ]; do
    frr_route_absent "$base/frr1" 65000:3 10.3.3.0/24 || leaked="65000:3 10.3.3.0/24 at FRR"
    bird_route_absent "$base/bird1" "65000:2 10.2.2.0/24" || leaked="$leaked 65000:2 10.2.2.0/24 at BIRD"
    sleep 0.5
  done
  check "$P l3vpn-pe does not re-advertise iBGP routes to iBGP peers (3 s)${leaked:+: leaked $leaked}" test -z "$leaked"
  [ -n "${L3I_HOLD:-}" ] && { l3i_log "holding $L3I_HOLD s (L3I_HOLD) for inspection"; sleep "$L3I_HOLD"; }
}

# --- main --------------------------------------------------------------------
if l3i_can_vrf; then
  l3i_log "kernel has VRF support (FRR still originates via 'network ... rd ... label')"
else
  l3i_log "kernel lacks VRF devices: FRR originates its VPNv4 route with 'network ... rd ... label' instead of a VRF"
fi

for phase in ${L3VPN_INTEROP_PHASES:-bird-rr l3vpn-rr l3vpn-pe}; do
  case $phase in
    bird-rr) run_phase bird-rr ;;
    l3vpn-rr)
      if [ ! -x "$RR_BIN" ]; then skip "[l3vpn-rr] all checks: $RR_BIN not built"
      elif [ -z "$CTL_BIN" ]; then skip "[l3vpn-rr] all checks: l3vpnctl not found under $BUILD"
      else run_phase l3vpn-rr; fi ;;
    l3vpn-pe)
      if [ ! -x "$PE_BIN" ]; then skip "[l3vpn-pe] all checks: $PE_BIN not built"
      elif [ -z "$CTL_BIN" ]; then skip "[l3vpn-pe] all checks: l3vpnctl not found under $BUILD"
      else run_pe_phase; fi ;;
    *) fail "unknown phase $phase" ;;
  esac
done
l3i_topo_down
l3i_log "took $(( $(date +%s) - START_TS )) s"
summary
[ "$FAILED" = 0 ]
