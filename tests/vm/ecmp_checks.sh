#!/usr/bin/env bash
# Inside the VM sandbox, with labs/ecmp-diamond up (l3vpnctl lab up): the
# equal-cost paths the matrix alone does not show (labs/ecmp-diamond/README.md),
# read from PE1's kernel and its daemon:
#   1. VRF A's route to PE2's site: two `nexthop encap mpls` entries, P1's
#      label over 10.0.1.2 dev eth1 and P2's over 10.0.2.2 dev eth2, the same
#      VPN label (PE2's, 4000-4999) under both;
#   2. PE2's loopback in the main table: two next hops;
#   3. an MPLS label with two swap paths, to P1's label (2000-2999) and P2's
#      (3000-3999): PE1's LFIB entry for PE2's FEC;
#   4. `show fib drift` says No drift after one periodic sync (10 s): the
#      multipath routes read back equal, nothing is replaced on every sync.
# Output: one ok / not ok line per check; exit 1 when one failed.
set -u
: "${L3VPN_BUILD:?}"
ctl=$L3VPN_BUILD/labs/l3vpnctl
[[ -x $ctl ]] || ctl=$L3VPN_BUILD/labs/l3vpnctl/l3vpnctl
lab=labs/ecmp-diamond
failed=0
ok() { echo "ok - ecmp-diamond: $*"; }
not_ok() { echo "not ok - ecmp-diamond: $*"; failed=1; }
in_pe1() { ip netns exec l3v-ecmp-diamond-PE1 "$@"; }
# check WHAT TEXT REGEX: a line of TEXT (ip -o joins a route's lines) matches.
check() {
  if grep -Eq -- "$3" <<<"$2"; then ok "$1"; else not_ok "$1"; sed 's/^/  | /' <<<"$2"; fi
}

vrf=$(in_pe1 ip -o route show vrf A 2>&1)
check "vrf A 10.10.2.1 over P1 and P2 with one VPN label" "$vrf" \
  '^10\.10\.2\.1 proto 248.*nexthop +encap mpls +2[0-9]{3}/(4[0-9]{3}) +via 10\.0\.1\.2 dev eth1.*nexthop +encap mpls +3[0-9]{3}/\1 +via 10\.0\.2\.2 dev eth2'
main=$(in_pe1 ip -o route show 10.255.0.2/32 2>&1)
check "PE2's loopback over both P routers" "$main" \
  'nexthop via 10\.0\.1\.2 dev eth1.*nexthop via 10\.0\.2\.2 dev eth2'
mpls=$(in_pe1 ip -o -f mpls route show 2>&1)
check "a label swapped to P1's or P2's label" "$mpls" \
  '^1[0-9]{3} proto 248.*nexthop as to 2[0-9]{3} via inet 10\.0\.1\.2 dev eth1.*nexthop as to 3[0-9]{3} via inet 10\.0\.2\.2 dev eth2'
sleep 11
drift=$("$ctl" lab exec "$lab" PE1 "show fib drift" 2>&1)
check "no drift after a periodic sync" "$drift" '^No drift'
exit $failed
