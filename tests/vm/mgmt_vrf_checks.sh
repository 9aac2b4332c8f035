#!/usr/bin/env bash
# Inside the VM sandbox, with labs/mgmt-vrf up (l3vpnctl lab up): the seed
# 000 claims that the matrix alone does not show (labs/mgmt-vrf/README.md).
#   1. edge's VRF BGP listener is one socket bound to the VRF device
#      (`ss -ltn`: 0.0.0.0%routing:179) and the session with bras is too;
#      `show tcp brief all` on edge says the same;
#   2. bras's table routing: BGP routes with the loopback as src, and the
#      unreachable default at metric 4278198272; the local rule after the
#      l3mdev rule;
#   3. traceroute transit -> members shows the seed's hops, the loopback
#      203.0.113.5 for bras;
#   4. members -> bras's management address 10.0.0.15 ends at bras with an
#      ICMP destination unreachable (!H: Linux answers an `unreachable`
#      route with code 1), not in silence.
# Output: one ok / not ok line per check; exit 1 when one failed.
set -u
failed=0
ok() { echo "ok - mgmt-vrf: $*"; }
not_ok() { echo "not ok - mgmt-vrf: $*"; failed=1; }
in_ns() { local node=$1; shift; ip netns exec "l3v-mgmt-vrf-$node" "$@"; }
# ss shows a socket's device (%routing) from sock_diag; without the module it
# reads /proc/net/tcp, which has no device.
modprobe -q tcp_diag 2>/dev/null || busybox modprobe tcp_diag 2>/dev/null || true

listen=$(in_ns edge ss -ltnH 2>&1)
if grep -q "0.0.0.0%routing:179" <<<"$listen"; then
  ok "edge listens on 0.0.0.0%routing:179 (the VRF device)"
elif ! grep -q "%" <<<"$listen"; then
  # No sock_diag here (ss read /proc/net/tcp, which has no device): two
  # listeners on 0.0.0.0:179 in one namespace (the global speaker's and the
  # VRF's) are only possible when one is bound to a device.
  if (($(grep -c " 0.0.0.0:179 " <<<"$listen") == 2)); then
    ok "edge has two 0.0.0.0:179 listeners, so one is bound to a device (ss shows no devices here)"
  else
    not_ok "edge's listeners: $listen"
  fi
else
  not_ok "edge's listeners: $listen"
fi
# With tcp_l3mdev_accept=0 only a socket bound to the VRF device sends or
# accepts through it: an established session is the proof, wherever ss
# can show the device or not.
l3mdev_accept=$(in_ns edge cat /proc/sys/net/ipv4/tcp_l3mdev_accept)
established=$(in_ns edge ss -tnH state established 2>&1)
if [[ $l3mdev_accept == 0 ]] && grep -Eq "168\.254\.0\.1(%routing)?:[0-9]+ +168\.254\.0\.5:[0-9]+" <<<"$established"; then
  ok "edge's session with bras is up through VRF routing (tcp_l3mdev_accept=0): $(awk '{print $3, $4}' <<<"$established" | head -1)"
else
  not_ok "edge's session with bras (tcp_l3mdev_accept=$l3mdev_accept): $established"
fi

# The daemon's own view, from the kernel (getsockopt SO_BINDTODEVICE).
ctl=${L3VPN_BUILD:-}/labs/l3vpnctl
[[ -x $ctl ]] || ctl=${L3VPN_BUILD:-}/labs/l3vpnctl/l3vpnctl
brief=$("$ctl" lab exec labs/mgmt-vrf edge show tcp brief all 2>&1)
echo "$brief" | sed 's/^/  edge: /'
if grep -Eq "0\.0\.0\.0%routing\.179 +\*\.\* +LISTEN" <<<"$brief" &&
  grep -Eq "168\.254\.0\.1%routing\.[0-9]+ +168\.254\.0\.5\.[0-9]+ +ESTAB" <<<"$brief"; then
  ok "edge# show tcp brief all: the VRF listener and session bound to routing"
else
  not_ok "edge# show tcp brief all"
fi

table=$(in_ns bras ip route show vrf routing 2>&1)
echo "$table" | sed 's/^/  bras vrf routing: /'
if grep -Eq "^198\.51\.100\.0/24 via 168\.254\.0\.1 .*src 203\.0\.113\.5" <<<"$table"; then
  ok "bras's BGP route to transit has the loopback 203.0.113.5 as src"
else
  not_ok "bras's route to transit has no src 203.0.113.5"
fi
if grep -Eq "^unreachable default .*metric 4278198272" <<<"$table"; then
  ok "bras's table routing ends in unreachable default metric 4278198272"
else
  not_ok "no unreachable default in bras's table routing"
fi

rules=$(in_ns bras ip rule show 2>&1)
if grep -q "^1000:.*l3mdev-table" <<<"$rules" && grep -q "^32765:.*lookup local" <<<"$rules" &&
  ! grep -q "^0:.*lookup local" <<<"$rules"; then
  ok "bras's rules: l3mdev (1000) before local (32765): no local address of the default table answers in a VRF"
else
  not_ok "bras's rules: $(tr '\n' ';' <<<"$rules")"
fi

trace=$(in_ns transit busybox traceroute -n -q 1 -w 2 -m 4 203.0.113.200 2>&1)
echo "$trace" | sed 's/^/  transit: /'
hops=$(awk '$1 ~ /^[0-9]+$/ {printf "%s ", $2}' <<<"$trace")
if [[ $hops == "198.51.100.2 203.0.113.5 203.0.113.200 " ]]; then
  ok "traceroute transit -> members: 198.51.100.2, 203.0.113.5 (bras's loopback), 203.0.113.200"
else
  not_ok "traceroute transit -> members: hops '$hops'"
fi

trace=$(in_ns members busybox traceroute -n -q 1 -w 2 -m 4 10.0.0.15 2>&1)
echo "$trace" | sed 's/^/  members: /'
if grep -Eq "^ *1 +203\.0\.113\.129 .*!(H|N)" <<<"$trace"; then
  ok "members -> 10.0.0.15: bras answers destination unreachable ($(grep -o '!.' <<<"$trace" | head -1)), not silence"
else
  not_ok "members -> 10.0.0.15: no ICMP unreachable from bras"
fi
exit $failed
