#!/usr/bin/env bash
# OSPFv2 and LDP interoperability with FRR (ospfd, ldpd) in network namespaces.
#
# Topology (area 0; loopbacks are the router ids and LDP transport addresses):
#
#   frr1 1.1.1.1                 mid 2.2.2.2                  frr2 3.3.3.3 (priority 1)
#   eth0 10.0.12.1/30 ==p2p== eth1 10.0.12.2/30
#                                eth2 10.0.234.2/24 --+-- br0 --+-- eth0 10.0.234.3/24
#                                                     |         '-- eth0 10.0.234.4/24
#                                                     |            frr3 4.4.4.4 (priority 0)
#                                      (bridge in its own namespace "br")
#
# frr1-mid is point-to-point on both sides (`ip ospf network point-to-point`);
# the LAN is broadcast with three routers, so the election decides: frr2 has
# the highest router id of the eligible routers (frr3 has priority 0) and
# becomes DR, mid BDR, frr3 DROther; frr3 is still Full with DR and BDR.
# Hello 2 s, dead 8 s everywhere (they must match per link), so the broadcast
# wait timer is 8 s.
#
# Phase "frr": mid is FRR too (zebra + ospfd + ldpd). This proves the harness
#   and the expectations independently of our code.
# Phase "l3vpn": mid is l3vpn-p with an IOS configuration written below,
#   queried with l3vpnctl (show ip ospf neighbor|database, show ip route
#   ospf, show mpls ldp neighbor|bindings, show mpls forwarding-table). SKIP
#   with the reason when the binary or l3vpnctl is missing or the daemon does
#   not run OSPF yet (`show ip ospf neighbor` not a command), and per group of
#   checks when l3vpn-p rejects the show command they need as unknown; FAIL
#   when it rejects the config or exits.
#
# Checks per phase (each can fail): OSPF neighbor states on every node for
# every adjacency (Full/- on the p2p link; DR/BDR/DROther on the LAN as
# above), the same LSDB at mid and at each FRR node (type, link id, advertising
# router, sequence number, checksum of every LSA) holding the four router-LSAs
# and frr2's network-LSA, a route with the right next hop to every loopback on
# every node, LDP sessions Operational on both ends, for every loopback FEC a
# remote label from the other end of each session (implicit-null for a
# router's own loopback), and FRR using mid's labels ("In Use": mid's LDP
# Address message lists the OSPF next hop). The kernel of the test host may
# lack MPLS: only the control plane is checked (no label forwarding). LDP's
# TCP runs between loopbacks: when l3vpn-p does not program the kernel (no
# FIB yet) the script adds mid's routes itself and reports a SKIP for that.
#
# Nothing leaves the namespaces: every daemon runs inside one, the LAN bridge
# lives in its own namespace, FRR vty sockets and pid files are in the temp dir
# and FRR's TCP vty is off (-P 0).
#
# Env: L3VPN_BUILD (build dir, default <repo>/build), L3VPN_INTEROP_NO_INSTALL=1
# (do not apt-get install FRR), L3I_KEEP_TMP=1 (keep configs and logs),
# L3VPN_INTEROP_PHASES (default "frr l3vpn"), L3I_HOLD=S (keep each phase's
# topology up S seconds after its checks).
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
summary() {
  if [ "$SKIPPED" -gt 0 ]; then echo "$PASSED passed, $FAILED failed, $SKIPPED skipped"
  else echo "$PASSED passed, $FAILED failed"; fi
}
skip_all() { echo "SKIP: interop_ospf_ldp_frr: $*"; SKIPPED=1; summary; exit 0; }
# check_wait NAME TIMEOUT CMD...: PASS when CMD succeeds within TIMEOUT s;
# otherwise FAIL and CMD once more, so that its diagnostics are printed.
check_wait() {
  local name=$1 t=$2; shift 2
  if l3i_wait_until "$t" "$@"; then pass "$name"; else fail "$name"; "$@" | sed 's/^/    /'; fi
}

# --- environment ------------------------------------------------------------
[ "$(id -u)" = 0 ] || skip_all "needs root (network namespaces)"
l3i_can_netns || skip_all "ip netns / veth unavailable"
if [ "${L3VPN_INTEROP_NO_INSTALL:-0}" != 1 ]; then
  t0=$(date +%s)
  bash "$HERE/install_peers.sh" frr >&2 || skip_all "FRR could not be installed"
  l3i_log "install_peers took $(( $(date +%s) - t0 )) s"
fi
for d in zebra ospfd ldpd; do [ -x /usr/lib/frr/$d ] || skip_all "FRR $d not installed"; done
command -v vtysh >/dev/null || skip_all "vtysh not installed"
PY=$(command -v /usr/bin/python3 || command -v python3) || skip_all "python3 missing (output parsing)"
FRR_VERSION=$(/usr/lib/frr/zebra --version 2>/dev/null | sed -n "s/.*version \([^ ]*\).*/\1/p" | head -1)

BUILD=${L3VPN_BUILD:-$REPO/build}
P_BIN=$BUILD/p/l3vpn-p
CTL_BIN=$(l3i_find_ctl "$BUILD")

l3i_init
START_TS=$(date +%s)
l3i_log "FRR ${FRR_VERSION:-?}; kernel MPLS: $([ -d /proc/sys/net/mpls ] && echo yes || echo 'no (control plane only)')"

# --- topology ----------------------------------------------------------------
# Node table: NAME ROUTER_ID INTERFACE:ADDRESS... (used for configs and checks).
LOOPBACKS="1.1.1.1 2.2.2.2 3.3.3.3 4.4.4.4"
declare -A RID=([frr1]=1.1.1.1 [mid]=2.2.2.2 [frr2]=3.3.3.3 [frr3]=4.4.4.4)
declare -A NAME_OF=([1.1.1.1]=frr1 [2.2.2.2]=mid [3.3.3.3]=frr2 [4.4.4.4]=frr3)
# Next hop (address) from NODE toward loopback RID, when the shortest path
# leaves through a neighbor; "connected" for the node's own loopback.
declare -A NEXT_HOP=(
  [frr1,2.2.2.2]=10.0.12.2 [frr1,3.3.3.3]=10.0.12.2 [frr1,4.4.4.4]=10.0.12.2
  [mid,1.1.1.1]=10.0.12.1 [mid,3.3.3.3]=10.0.234.3 [mid,4.4.4.4]=10.0.234.4
  [frr2,1.1.1.1]=10.0.234.2 [frr2,2.2.2.2]=10.0.234.2 [frr2,4.4.4.4]=10.0.234.4
  [frr3,1.1.1.1]=10.0.234.2 [frr3,2.2.2.2]=10.0.234.2 [frr3,3.3.3.3]=10.0.234.3
)
LAN_DR=3.3.3.3      # frr2 (mid, 2.2.2.2, is BDR: see the checks)

topo_up() {
  local n
  for n in frr1 mid frr2 frr3 br; do l3i_netns_add "$n" || return 1; done
  for n in frr1 mid frr2 frr3; do
    l3i_loopback "$n" "${RID[$n]}/32"
    l3i_exec "$n" sysctl -qw net.ipv4.ip_forward=1
  done
  l3i_link frr1 eth0 10.0.12.1/30 mid eth1 10.0.12.2/30 || return 1
  l3i_bridge br br0 || return 1
  l3i_bridge_port br br0 p-mid mid eth2 10.0.234.2/24 || return 1
  l3i_bridge_port br br0 p-frr2 frr2 eth0 10.0.234.3/24 || return 1
  l3i_bridge_port br br0 p-frr3 frr3 eth0 10.0.234.4/24 || return 1
}

# --- FRR configuration -------------------------------------------------------
# frr_conf NAME DIR IF:TYPE:PRIORITY...: ospfd.conf and ldpd.conf for NAME.
frr_conf() {
  local name=$1 d=$2 spec ifname type prio rid=${RID[$1]}
  shift 2
  {
    echo "frr defaults traditional"
    echo "hostname $name"
    echo "interface lo"
    echo " ip ospf area 0"
    for spec in "$@"; do
      IFS=: read -r ifname type prio <<<"$spec"
      echo "interface $ifname"
      echo " ip ospf area 0"
      echo " ip ospf network $type"
      echo " ip ospf hello-interval 2"
      echo " ip ospf dead-interval 8"
      echo " ip ospf priority $prio"
    done
    echo "router ospf"
    echo " ospf router-id $rid"
    echo " log-adjacency-changes detail"
    echo " passive-interface lo"
  } >"$d/ospfd.conf"
  {
    echo "frr defaults traditional"
    echo "hostname $name"
    echo "mpls ldp"
    echo " router-id $rid"
    echo " address-family ipv4"
    echo "  discovery transport-address $rid"
    for spec in "$@"; do
      echo "  interface ${spec%%:*}"
      echo "  exit"
    done
    echo " exit-address-family"
  } >"$d/ldpd.conf"
}

start_frr_node() {  # NAME DIR IF:TYPE:PRIORITY...
  local name=$1 d=$2; shift 2
  mkdir -p "$d"
  frr_conf "$name" "$d" "$@"
  l3i_frr_start "$name" "$d" "$PHASE-$name" ospfd ldpd
}

# --- l3vpn-p configuration -----------------------------------------------------
# The same role as FRR's mid: IOS syntax as in labs/rr-core/P1.conf. There is
# no `ip ospf priority` in our parser: mid keeps the default 1, and the
# election above does not need more.
l3vpn_p_conf() {
  cat <<'LEOF'
hostname MID
!
interface Loopback0
 description router id, LDP transport address
 ip address 2.2.2.2 255.255.255.255
 ip ospf 1 area 0
!
interface eth1
 description point-to-point link to frr1 eth0
 ip address 10.0.12.2 255.255.255.252
 ip ospf network point-to-point
 ip ospf 1 area 0
 ip ospf hello-interval 2
 ip ospf dead-interval 8
 mpls ip
!
interface eth2
 description LAN with frr2 (DR) and frr3 (priority 0)
 ip address 10.0.234.2 255.255.255.0
 ip ospf network broadcast
 ip ospf 1 area 0
 ip ospf hello-interval 2
 ip ospf dead-interval 8
 mpls ip
!
router ospf 1
 router-id 2.2.2.2
 log-adjacency-changes
 passive-interface Loopback0
!
mpls label range 2000 2999
mpls ldp router-id Loopback0 force
!
end
LEOF
}

# --- queries, one per node kind ------------------------------------------------
# KIND[node] is "frr" or "l3vpn"; q NODE CMD runs a show command on it.
declare -A KIND=()
q() {
  if [ "${KIND[$1]}" = l3vpn ]; then "$CTL_BIN" exec "$P_SOCK" "$2" 2>/dev/null
  else l3i_vtysh "$BASE/$1" -c "$2" 2>/dev/null; fi
}

# Every parser reads one show command on stdin and prints normalized lines,
# so that FRR's and IOS's formats compare as plain text.

# OSPF neighbors -> "RID STATE/ROLE" (FULL/DR, FULL/BDR, FULL/DROTHER, FULL/-)
# from `show ip ospf neighbor`. FRR and IOS print the same first columns
# (Neighbor ID, Pri, State); FRR writes "Full/Backup", "Full/-", IOS
# "FULL/BDR" and, on point-to-point links, "FULL/  -".
parse_ospf_neighbors() {
  "$PY" -c '
import re, sys
for line in sys.stdin:
    m = re.match(r"\s*(\d+\.\d+\.\d+\.\d+)\s+\d+\s+([\w-]+)/\s*(\S+)", line)
    if not m: continue
    state = m.group(2).upper().replace("2-WAY", "2WAY")
    role = {"BACKUP": "BDR"}.get(m.group(3).upper(), m.group(3).upper())
    print(m.group(1), state + "/" + role)'
}
ospf_neighbor_is() {  # NODE RID EXPECTED
  local got; got=$(q "$1" "show ip ospf neighbor" | parse_ospf_neighbors | awk -v r="$2" '$1 == r { print $2 }')
  [ "$got" = "$3" ] || { echo "$1 sees $2 as '${got:-absent}', expected $3"; return 1; }
}

# LSDB -> "TYPE LINK-ID ADV-ROUTER SEQ CHECKSUM" per LSA, sorted, from
# `show ip ospf database` (section titles "Router Link States", "Net Link
# States", ...; rows Link ID, ADV Router, Age, Seq#, Checksum...).
parse_ospf_database() {
  "$PY" -c '
import re, sys
kind, rows = None, []
ip = r"\d+\.\d+\.\d+\.\d+"
for line in sys.stdin:
    t = re.search(r"(Router|Net|Summary Net|Summary ASB|Type-5 AS External|AS External) Link States", line)
    if t:
        kind = t.group(1).replace(" ", "-").lower(); continue
    f = line.split()
    if kind and len(f) >= 5 and re.fullmatch(ip, f[0]) and re.fullmatch(ip, f[1]):
        try:
            seq, ck = int(f[3], 16), int(f[4], 16)
        except ValueError:
            continue
        rows.append("%s %s %s 0x%08x 0x%04x" % (kind, f[0], f[1], seq, ck))
print("\n".join(sorted(rows)))'
}
lsdb_of() { q "$1" "show ip ospf database" | parse_ospf_database; }
# lsdb_expected NODE: NODE's LSDB holds a router-LSA from each of the four
# routers and the DR's network-LSA for the LAN (link id = DR's address).
lsdb_expected() {
  local db r ok=0
  db=$(lsdb_of "$1")
  for r in $LOOPBACKS; do
    grep -q "^router $r $r " <<<"$db" || { echo "$1: no router-LSA from $r"; ok=1; }
  done
  grep -q "^net 10.0.234.3 $LAN_DR " <<<"$db" || { echo "$1: no network-LSA 10.0.234.3 from $LAN_DR"; ok=1; }
  [ "$(wc -l <<<"$db")" = 5 ] || { echo "$1: $(wc -l <<<"$db") LSAs, expected 5"; ok=1; }
  [ $ok = 0 ] || sed 's/^/  /' <<<"$db"
  return $ok
}
lsdb_same() {  # NODE_A NODE_B
  local a b; a=$(lsdb_of "$1"); b=$(lsdb_of "$2")
  [ -n "$a" ] && [ "$a" = "$b" ] && return 0
  echo "$1 vs $2:"; diff <(echo "$a") <(echo "$b") | sed 's/^/  /'; return 1
}

# mid_router_lsa_ok NODE: FRR NODE's copy of mid's router-LSA describes
# mid's links as RFC 2328 12.4.1 asks: a point-to-point link to 1.1.1.1 plus
# the stub for its subnet, a transit link to the DR's address on the LAN, a
# stub for the loopback (metrics aside: costs are not compared).
mid_router_lsa_ok() {
  local got want
  got=$(l3i_vtysh "$BASE/$1" -c "show ip ospf database router 2.2.2.2" 2>/dev/null | "$PY" -c '
import re, sys
kinds = {"another Router (point-to-point)": "p2p", "Stub Network": "stub",
         "a Transit Network": "transit", "a Virtual Link": "virtual"}
kind, link_id, rows = None, None, []
for line in sys.stdin:
    m = re.search(r"Link connected to: (.*\S)", line)
    if m: kind = kinds.get(m.group(1), m.group(1)); continue
    m = re.search(r"\(Link ID\) [^:]*: (\S+)", line)
    if m: link_id = m.group(1); continue
    m = re.search(r"\(Link Data\) [^:]*: (\S+)", line)
    if m and kind: rows.append("%s %s %s" % (kind, link_id, m.group(1))); kind = None
print("\n".join(sorted(rows)))')
  want=$(printf '%s\n' "p2p 1.1.1.1 10.0.12.2" "stub 10.0.12.0 255.255.255.252" \
    "stub 2.2.2.2 255.255.255.255" "transit 10.0.234.3 10.0.234.2" | sort)
  [ "$got" = "$want" ] && return 0
  echo "$1: router-LSA of 2.2.2.2 links:"; diff <(echo "$want") <(echo "$got") | sed 's/^/  /'; return 1
}

# Routes -> "PREFIX NEXTHOP" for OSPF routes from `show ip route` (FRR: "O>*
# 3.3.3.3/32 [110/20] via 10.0.12.2, eth0"; IOS: "O        3.3.3.3 [110/21]
# via 10.0.12.1, ..., eth1" under a "3.0.0.0/32 is subnetted" line, or with
# the length when not subnetted).
parse_ospf_routes() {
  "$PY" -c '
import re, sys
ip = r"\d+\.\d+\.\d+\.\d+"
mask = None
for line in sys.stdin:
    m = re.search(r"(%s)/(\d+) is (?:variably )?subnetted" % ip, line)
    if m: mask = m.group(2); continue
    m = re.match(r"\s*O\S*\s+(?:\S+\s+)?(%s)(/\d+)?\s+\[\d+/\d+\]\s+via\s+(%s)" % (ip, ip), line)
    if m:
        print("%s%s %s" % (m.group(1), m.group(2) or "/" + (mask or "32"), m.group(3))); continue
    # l3vpn-p `show ip ospf rib`: "1.1.1.1/32 intra-area cost 1, via 10.0.12.1, eth1"
    m = re.match(r"(%s/\d+) \S+ cost \d+, via (%s)," % (ip, ip), line)
    if m: print(m.group(1), m.group(2))'
}
# routes_command NODE: `show ip route ospf`; for l3vpn-p the first it knows
# of that, `show ip route`, and `show ip ospf rib` (its first runtime had
# only the last).
routes_command() {
  [ "${KIND[$1]}" = l3vpn ] || { echo "show ip route ospf"; return; }
  local c
  for c in "show ip route ospf" "show ip route" "show ip ospf rib"; do
    mid_has "$c" && { echo "$c"; return; }
  done
  echo "show ip route ospf"
}
route_ok() {  # NODE LOOPBACK: OSPF route with the expected next hop
  local want=${NEXT_HOP[$1,$2]} routes
  routes=$(q "$1" "$(routes_command "$1")" | parse_ospf_routes)
  grep -qx "$2/32 $want" <<<"$routes" && return 0
  echo "$1: no OSPF route $2/32 via $want in:"; sed 's/^/  /' <<<"$routes"; return 1
}

# kernel_route_ok NODE LOOPBACK: NODE's kernel forwards to LOOPBACK through
# the expected next hop.
kernel_route_ok() { l3i_exec "$1" ip -4 route get "$2" 2>/dev/null | grep -q " via ${NEXT_HOP[$1,$2]} "; }
kernel_routes_ok() {  # NODE LOOPBACK...
  local node=$1 lb; shift
  for lb in "$@"; do kernel_route_ok "$node" "$lb" || return 1; done
}

# LDP neighbors -> "LSR-ID STATE" (FRR: table AF ID State Remote Address
# Uptime, state OPERATIONAL; IOS: "Peer LDP Ident: 1.1.1.1:0; ..." then
# "State: Oper; ...").
parse_ldp_neighbors() {
  "$PY" -c '
import re, sys
ip = r"\d+\.\d+\.\d+\.\d+"
peer = None
for line in sys.stdin:
    m = re.match(r"\s*ipv4\s+(%s)\s+(\S+)" % ip, line)
    if m: print(m.group(1), m.group(2).upper()); continue
    m = re.search(r"Peer LDP Ident:\s*(%s):\d+" % ip, line)
    if m: peer = m.group(1); continue
    m = re.search(r"State:\s*(\w+)", line)
    if m and peer:
        print(peer, "OPERATIONAL" if m.group(1).lower() == "oper" else m.group(1).upper()); peer = None'
}
ldp_oper() {  # NODE LSR
  local got; got=$(q "$1" "show mpls ldp neighbor" | parse_ldp_neighbors | awk -v r="$2" '$1 == r { print $2 }')
  [ "$got" = OPERATIONAL ] || { echo "$1: LDP peer $2 is '${got:-absent}'"; return 1; }
}

# LDP bindings -> "FEC local LABEL" and "FEC remote LSR LABEL" (FRR table:
# AF Destination Nexthop Local-Label Remote-Label In-Use; IOS: "lib entry:
# FEC, rev N" then "local binding:  label: L" and "remote binding: lsr: X:0,
# label: L"). Labels: numbers or imp-null / exp-null.
parse_ldp_bindings() {
  "$PY" -c '
import re, sys
ip = r"\d+\.\d+\.\d+\.\d+"
def lab(s):
    s = s.lower()
    return {"imp-null": "imp-null", "implicit-null": "imp-null", "3": "imp-null",
            "exp-null": "exp-null", "explicit-null": "exp-null", "0": "exp-null"}.get(s, s)
fec, out = None, set()
for line in sys.stdin:
    m = re.match(r"\s*ipv4\s+(%s/\d+)\s+(%s)\s+(\S+)\s+(\S+)" % (ip, ip), line)
    if m:
        out.add("%s local %s" % (m.group(1), lab(m.group(3))))
        if m.group(4) != "-": out.add("%s remote %s %s" % (m.group(1), m.group(2), lab(m.group(4))))
        continue
    m = re.search(r"[lt]ib entry:\s*(%s/\d+)" % ip, line)
    if m: fec = m.group(1); continue
    m = re.search(r"local binding:\s*(?:label|tag):\s*(\S+)", line)
    if m and fec: out.add("%s local %s" % (fec, lab(m.group(1)))); continue
    m = re.search(r"remote binding:\s*[lt]sr:\s*(%s):\d+,\s*(?:label|tag):\s*(\S+)" % ip, line)
    if m and fec: out.add("%s remote %s %s" % (fec, m.group(1), lab(m.group(2))))
print("\n".join(sorted(out)))'
}
# bindings_ok NODE PEER...: for every loopback FEC, NODE holds a remote label
# from each PEER (imp-null when the FEC is that peer's own loopback, a real
# label otherwise) and its own local label (imp-null for its own loopback).
bindings_ok() {
  local node=$1 b fec peer ok=0 own=${RID[$1]} got
  shift
  b=$(q "$node" "$(bindings_command "$node")" | parse_ldp_bindings)
  for fec in $LOOPBACKS; do
    got=$(awk -v f="$fec/32" '$1 == f && $2 == "local" { print $3 }' <<<"$b")
    if [ "$fec" = "$own" ]; then
      [ "$got" = imp-null ] || { echo "$node: local label for its own $fec/32 is '${got:-absent}', not imp-null"; ok=1; }
    else
      [[ "$got" =~ ^[0-9]+$ ]] && [ "$got" -ge 16 ] || { echo "$node: local label for $fec/32 is '${got:-absent}'"; ok=1; }
    fi
    for peer in "$@"; do
      got=$(awk -v f="$fec/32" -v p="$peer" '$1 == f && $2 == "remote" && $3 == p { print $4 }' <<<"$b")
      if [ "$fec" = "$peer" ]; then
        [ "$got" = imp-null ] || { echo "$node: remote label from $peer for $fec/32 is '${got:-absent}', not imp-null"; ok=1; }
      else
        [[ "$got" =~ ^[0-9]+$ ]] && [ "$got" -ge 16 ] || { echo "$node: remote label from $peer for $fec/32 is '${got:-absent}'"; ok=1; }
      fi
    done
  done
  [ $ok = 0 ] || sed 's/^/  /' <<<"$b"
  return $ok
}

# frr_labels_in_use NODE LSR: FRR marks LSR's binding "In Use" for every
# loopback it reaches through LSR's address: it matched its OSPF next hop with
# the addresses LSR announced (LDP Address message) and would forward with
# LSR's label.
frr_labels_in_use() {
  local node=$1 lsr=$2 b fec ok=0 used
  b=$(q "$node" "show mpls ldp binding")
  for fec in $LOOPBACKS; do
    [ "$fec" = "${RID[$node]}" ] && continue
    [ "${NEXT_HOP[$node,$fec]}" = "${NEXT_HOP[$node,$lsr]}" ] || continue
    used=$(awk -v f="$fec/32" -v l="$lsr" '$1 == "ipv4" && $2 == f && $3 == l { print $6 }' <<<"$b")
    [ "$used" = yes ] || { echo "$node: binding for $fec/32 from $lsr in use: '${used:-absent}'"; ok=1; }
  done
  [ $ok = 0 ] || sed 's/^/  /' <<<"$b"
  return $ok
}

# lfib_ok: l3vpn-p's `show mpls forwarding-table` (IOS columns: Local Label,
# Outgoing Label, Prefix, Bytes Label Switched, Outgoing interface, Next Hop;
# an older runtime prints the next hop right after the prefix) has, for each other loopback,
# the local label that frr1 and frr2 learned from 2.2.2.2, the outgoing label
# the next-hop router advertised (imp-null: "Pop Label") and OSPF's next hop.
lfib_ok() {
  local lfib fec owner want_out want_in1 want_in2 row ok=0
  lfib=$(q mid "show mpls forwarding-table" | "$PY" -c '
import re, sys
ip = r"\d+\.\d+\.\d+\.\d+"
for line in sys.stdin:
    m = re.match(r"\s*(\d+)\s+(Pop Label|No Label|Untagged|imp-null|\d+)\s+(%s/\d+)\s+(.*)" % ip, line)
    # the next hop: the first address after the prefix (IOS puts bytes
    # switched and the interface before it)
    nh = re.search(r"\b(%s)\b" % ip, m.group(4)) if m else None
    if m and nh:
        out = "imp-null" if m.group(2) in ("Pop Label", "imp-null") else m.group(2)
        print(m.group(3), m.group(1), out, nh.group(1))')
  for fec in 1.1.1.1 3.3.3.3 4.4.4.4; do
    owner=${NAME_OF[$fec]}   # every loopback is one hop from mid
    want_out=$(frr_label "$owner" "$fec/32" local)
    want_in1=$(frr_label frr1 "$fec/32" remote 2.2.2.2)
    want_in2=$(frr_label frr2 "$fec/32" remote 2.2.2.2)
    row=$(awk -v f="$fec/32" '$1 == f' <<<"$lfib")
    if [ "$want_in1" != "$want_in2" ]; then
      echo "frr1 and frr2 hold different labels from 2.2.2.2 for $fec/32: $want_in1 $want_in2"; ok=1
    fi
    [ "$row" = "$fec/32 $want_in1 $want_out ${NEXT_HOP[mid,$fec]}" ] ||
      { echo "LFIB for $fec/32: '${row:-absent}', expected in $want_in1 out $want_out via ${NEXT_HOP[mid,$fec]}"; ok=1; }
  done
  [ $ok = 0 ] || q mid "show mpls forwarding-table" | sed 's/^/  /'
  return $ok
}
# frr_label NODE FEC local | remote LSR: one label from NODE's bindings.
frr_label() {
  q "$1" "show mpls ldp binding" | parse_ldp_bindings |
    awk -v f="$2" -v k="$3" -v l="${4:-}" '$1 == f && $2 == k && (k == "local" || $3 == l) { print $NF; exit }'
}

# bindings_command NODE: FRR spells it "binding", IOS "bindings".
bindings_command() {
  if [ "${KIND[$1]}" = l3vpn ]; then echo "show mpls ldp bindings"; else echo "show mpls ldp binding"; fi
}

# mid_has CMD [WHAT]: true when mid knows CMD (always, for FRR). For l3vpn-p,
# a command it rejects as unknown ("% Invalid input", "% Incomplete command")
# means that part is not wired yet: with WHAT, the checks needing it are
# reported as one SKIP naming the command.
declare -A MID_HAS=()
mid_has() {
  [ "${KIND[mid]}" = l3vpn ] || return 0
  if [ -z "${MID_HAS[$1]:-}" ]; then
    local out; out=$("$CTL_BIN" exec "$P_SOCK" "$1" 2>&1)
    if grep -qiE '^% *(invalid input|incomplete command|unknown command|unrecognized command)' <<<"$out"; then
      MID_HAS[$1]=0
    else
      MID_HAS[$1]=1
    fi
  fi
  [ "${MID_HAS[$1]}" = 1 ] && return 0
  [ -n "${2:-}" ] && skip "[$PHASE] $2: l3vpn-p has no '$1' yet"
  return 1
}

# --- one phase ---------------------------------------------------------------
# start_mid_l3vpn DIR: checks the config, starts l3vpn-p in "mid" and waits
# until it answers `show ip ospf neighbor`. Returns 1 after a FAIL (config
# refused, daemon exited) or a SKIP (the command is unknown: OSPF not wired).
start_mid_l3vpn() {
  local d=$1 P="[$PHASE]" pid out
  mkdir -p "$d"
  l3vpn_p_conf >"$d/p.conf"
  P_SOCK="$d/p.sock"
  if ! "$P_BIN" --check -f "$d/p.conf" >"$d/p.check.log" 2>&1; then
    fail "$P l3vpn-p accepts its configuration (see below)"
    sed 's/^/    /' "$d/p.check.log" | head -20
    return 1
  fi
  l3i_spawn mid "$PHASE-mid" "$P_BIN" -f "$d/p.conf" --socket "$P_SOCK" --name MID --log-level debug
  pid=$L3I_LAST_PID
  if ! l3i_wait_until 8 test -S "$P_SOCK"; then
    if kill -0 "$pid" 2>/dev/null; then fail "$P l3vpn-p opened no control socket within 8 s"
    else fail "$P l3vpn-p exited; its log:"; tail -20 "$L3I_TMP/$PHASE-mid.log" | sed 's/^/    /'; fi
    return 1
  fi
  out=$("$CTL_BIN" exec "$P_SOCK" "show ip ospf neighbor" 2>&1)
  if [ $? != 0 ] || grep -qiE '% *(invalid|unknown|incomplete)|not (yet )?(supported|implemented)' <<<"$out"; then
    skip "$P all l3vpn-p checks: l3vpn-p does not answer 'show ip ospf neighbor' yet (OSPF/LDP not wired into the daemon); it answered: $(grep -m1 '%' <<<"$out" || tail -1 <<<"$out")"
    return 1
  fi
}

run_phase() {  # frr|l3vpn
  PHASE=$1
  local P="[$PHASE]" n peer
  BASE="$L3I_TMP/$PHASE"
  MID_HAS=()
  KIND=([frr1]=frr [frr2]=frr [frr3]=frr [mid]=frr)
  [ "$PHASE" = l3vpn ] && KIND[mid]=l3vpn
  l3i_topo_down
  topo_up || { fail "$P topology setup"; return; }

  start_frr_node frr1 "$BASE/frr1" eth0:point-to-point:1 || { fail "$P frr1 zebra start"; return; }
  start_frr_node frr2 "$BASE/frr2" eth0:broadcast:1 || { fail "$P frr2 zebra start"; return; }
  start_frr_node frr3 "$BASE/frr3" eth0:broadcast:0 || { fail "$P frr3 zebra start"; return; }
  if [ "$PHASE" = frr ]; then
    start_frr_node mid "$BASE/mid" eth1:point-to-point:1 eth2:broadcast:1 || { fail "$P mid zebra start"; return; }
  else
    start_mid_l3vpn "$BASE/mid" || return
  fi
  local mid_is="mid (${KIND[mid]})"

  # OSPF adjacencies, seen from both ends.
  check_wait "$P OSPF p2p: frr1 sees 2.2.2.2 FULL/-" 40 ospf_neighbor_is frr1 2.2.2.2 FULL/-
  check_wait "$P OSPF p2p: $mid_is sees 1.1.1.1 FULL/-" 10 ospf_neighbor_is mid 1.1.1.1 FULL/-
  check_wait "$P OSPF LAN: frr2 sees 2.2.2.2 FULL/BDR" 40 ospf_neighbor_is frr2 2.2.2.2 FULL/BDR
  check_wait "$P OSPF LAN: frr3 sees 2.2.2.2 FULL/BDR" 20 ospf_neighbor_is frr3 2.2.2.2 FULL/BDR
  check_wait "$P OSPF LAN: frr3 sees 3.3.3.3 FULL/DR" 20 ospf_neighbor_is frr3 3.3.3.3 FULL/DR
  check_wait "$P OSPF LAN: $mid_is sees 3.3.3.3 FULL/DR" 10 ospf_neighbor_is mid 3.3.3.3 FULL/DR
  check_wait "$P OSPF LAN: $mid_is sees 4.4.4.4 FULL/DROTHER" 10 ospf_neighbor_is mid 4.4.4.4 FULL/DROTHER

  # LSDB: the expected set at mid, then the same at every FRR node. Without
  # mid's view, FRR's three LSDBs must hold the set and agree (mid's
  # router-LSA among them, so FRR accepted what mid originated and flooded).
  if mid_has "show ip ospf database" "LSDB at mid (4 checks; FRR's LSDBs compared among themselves instead)"; then
    check_wait "$P OSPF LSDB at $mid_is: router-LSAs of 1.1.1.1 2.2.2.2 3.3.3.3 4.4.4.4, network-LSA 10.0.234.3 by 3.3.3.3" \
      20 lsdb_expected mid
    for n in frr1 frr2 frr3; do
      check_wait "$P OSPF LSDB at $n identical to $mid_is (type, link id, adv router, seq, checksum)" 20 lsdb_same mid "$n"
    done
  else
    check_wait "$P OSPF LSDB at frr1: router-LSAs of 1.1.1.1 2.2.2.2 3.3.3.3 4.4.4.4, network-LSA 10.0.234.3 by 3.3.3.3" \
      20 lsdb_expected frr1
    for n in frr2 frr3; do
      check_wait "$P OSPF LSDB at $n identical to frr1's (type, link id, adv router, seq, checksum)" 20 lsdb_same frr1 "$n"
    done
  fi

  check_wait "$P OSPF router-LSA of 2.2.2.2 at frr1: p2p to 1.1.1.1 (data 10.0.12.2), stub 10.0.12.0/30, transit DR 10.0.234.3 (data 10.0.234.2), stub 2.2.2.2/32" \
    10 mid_router_lsa_ok frr1

  # Routes to every loopback on every node.
  local how
  for n in frr1 mid frr2 frr3; do
    how=$(routes_command "$n")
    if [ "$n" = mid ]; then
      [ "$how" = "show ip ospf rib" ] &&
        mid_has "show ip route ospf" "routes at mid in 'show ip route ospf' (checked in 'show ip ospf rib' instead)"
      mid_has "$how" "routes at mid (3)" || continue
    fi
    for peer in $LOOPBACKS; do
      [ "$peer" = "${RID[$n]}" ] && continue
      check_wait "$P route at $n to $peer/32 via ${NEXT_HOP[$n,$peer]} (OSPF, '$how')" 20 route_ok "$n" "$peer"
    done
  done

  # LDP's TCP runs between the loopbacks, so mid's kernel needs routes to
  # them. FRR's zebra installs its OSPF routes; l3vpn-p has no FIB yet
  # (common/fib is still to come): then the script adds the routes OSPF
  # computed above as static ones and says so.
  local missing=""
  l3i_wait_until 5 kernel_routes_ok mid 1.1.1.1 3.3.3.3 4.4.4.4
  for peer in 1.1.1.1 3.3.3.3 4.4.4.4; do kernel_route_ok mid "$peer" || missing+=" $peer"; done
  if [ -z "$missing" ]; then
    pass "$P $mid_is installed its OSPF routes in the kernel (1.1.1.1 3.3.3.3 4.4.4.4 via the next hops above)"
  elif [ "$PHASE" = l3vpn ]; then
    skip "$P l3vpn-p programs no kernel routes yet (no FIB): static routes to$missing added in mid for LDP's TCP"
    for peer in $missing; do l3i_route mid "$peer/32" "${NEXT_HOP[mid,$peer]}"; done
  else
    fail "$P $mid_is has no kernel route to$missing"
  fi

  # LDP sessions from both ends.
  local mid_ldp=1
  mid_has "show mpls ldp neighbor" "LDP sessions seen from mid (3)" || mid_ldp=0
  for n in frr1 frr2 frr3; do
    check_wait "$P LDP: $n sees 2.2.2.2 OPERATIONAL" 40 ldp_oper "$n" 2.2.2.2
    [ $mid_ldp = 1 ] && check_wait "$P LDP: $mid_is sees ${RID[$n]} Oper" 10 ldp_oper mid "${RID[$n]}"
  done

  # Bindings for every loopback FEC at both ends of each session.
  if mid_has "$(bindings_command mid)" "LDP bindings at mid (1)"; then
    check_wait "$P LDP bindings at $mid_is: local + remote from 1.1.1.1, 3.3.3.3, 4.4.4.4 for every loopback, imp-null for own" \
      20 bindings_ok mid 1.1.1.1 3.3.3.3 4.4.4.4
  fi
  check_wait "$P LDP bindings at frr1: local + remote from 2.2.2.2 for every loopback, imp-null for own" \
    20 bindings_ok frr1 2.2.2.2
  check_wait "$P LDP bindings at frr2: local + remote from 2.2.2.2 and 4.4.4.4 for every loopback" \
    20 bindings_ok frr2 2.2.2.2 4.4.4.4
  check_wait "$P LDP bindings at frr3: local + remote from 2.2.2.2 and 3.3.3.3 for every loopback" \
    20 bindings_ok frr3 2.2.2.2 3.3.3.3
  for n in frr1 frr2 frr3; do
    check_wait "$P LDP at $n: labels from 2.2.2.2 In Use for the loopbacks reached through it (its Address message lists the OSPF next hop)" \
      10 frr_labels_in_use "$n" 2.2.2.2
  done
  # l3vpn-p's forwarding entries (FRR's LFIB needs kernel MPLS in zebra, so
  # this is checked on l3vpn-p only).
  if [ "${KIND[mid]}" = l3vpn ] && mid_has "show mpls forwarding-table" "l3vpn-p LFIB check (1)"; then
    check_wait "$P LFIB at l3vpn-p: per loopback, in label = the label FRR got from 2.2.2.2, out label = the next hop's (Pop for its own loopback), next hop as OSPF's" \
      10 lfib_ok
  fi
  [ -n "${L3I_HOLD:-}" ] && { l3i_log "holding $L3I_HOLD s (L3I_HOLD) in $BASE"; sleep "$L3I_HOLD"; }
}

# --- main --------------------------------------------------------------------
for phase in ${L3VPN_INTEROP_PHASES:-frr l3vpn}; do
  case $phase in
    frr) run_phase frr ;;
    l3vpn)
      if [ ! -x "$P_BIN" ]; then skip "[l3vpn] all checks: $P_BIN not built"
      elif [ -z "$CTL_BIN" ]; then skip "[l3vpn] all checks: l3vpnctl not found under $BUILD"
      else run_phase l3vpn; fi ;;
    *) fail "unknown phase $phase" ;;
  esac
done
l3i_topo_down
l3i_log "FRR ${FRR_VERSION:-?}; took $(( $(date +%s) - START_TS )) s"
summary
[ "$FAILED" = 0 ]
