#!/usr/bin/env bash
# Quick start: set up and build if needed, then the main job on a lab
# (default: the bundled inter-VRF leaking lab of the reference scenario):
#   1. check lab.yaml and every node's configuration, print the lab;
#   2. print each router's canonical running-config (l3vpn-<role> --check);
#   3. start each router's daemon with its own control socket, ask it
#      `show ip vrf` and `show ip interface brief` through l3vpnctl, stop it;
#   4. the main job: `l3vpnctl sim` runs the whole lab in-process (OSPF, LDP,
#      BGP, VRFs on a simulated clock), prints every PE's VRF tables and
#      proves the inter-VRF matrix against lab.yaml (exit 1 on any difference).
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
lab="${1:-$top/labs/inter-vrf-leaking}"

"$top/labs/bootstrap.sh"
bin="$top/build"
ctl="$bin/labs/l3vpnctl"

echo "== lab check $lab"
"$ctl" lab check "$lab"
echo
"$ctl" lab show "$lab"

run=$(mktemp -d /tmp/l3vpn-quickstart.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$run"
}
trap cleanup EXIT

routers=()
while read -r name kind config; do
  [[ $kind == host ]] && continue
  routers+=("$name")
  echo
  echo "== $name ($kind): running-config"
  "$bin/$kind/l3vpn-$kind" --check -f "$config" --name "$name"
  # --no-protocols: this host is not the lab; no session to the lab's addresses.
  "$bin/$kind/l3vpn-$kind" -f "$config" --name "$name" --socket "$run/$name.sock" --no-protocols \
    2>"$run/$name.log" &
  pids+=($!)
done < <("$ctl" lab show "$lab" --nodes)

for name in "${routers[@]}"; do
  sock="$run/$name.sock"
  for _ in $(seq 1 100); do
    "$ctl" exec "$sock" "show version" >/dev/null 2>&1 && break
    sleep 0.1
  done
  for command in "show ip vrf" "show ip interface brief"; do
    echo
    echo "$name# $command"
    "$ctl" exec "$sock" "$command"
  done
done

echo
echo "== l3vpnctl sim $lab (VRF tables and the reachability matrix)"
"$ctl" sim "$lab"
echo
echo "quickstart: ${#routers[@]} daemons checked, started, queried and stopped."
