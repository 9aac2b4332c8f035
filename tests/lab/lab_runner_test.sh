#!/usr/bin/env bash
# l3vpnctl lab up/status/exec/verify/down on this host's kernel, with the
# small lab tests/lab/two-routers (two P routers running OSPF, two hosts; no
# VRF, no MPLS). Checks: the lab converges (OSPF Full), the namespaces and
# the mapped interface names exist, exec answers from a router, lab shell
# gives R1's CLI and a shell in H2's namespace (and refuses an unknown node
# or a lab that is down), verify measures the expected matrix (and the
# simulator agrees), verify notices a broken route (--svg draws both
# matrices, the broken cell outlined), down leaves no namespace and no
# process, and down cleans up after an `up` killed with SIGKILL half way.
# Usage: lab_runner_test.sh PATH/TO/l3vpnctl   (the daemons are found beside it
# in the build tree). SKIP (exit 0) when not root or without ip netns.
set -u
ctl=${1:?usage: lab_runner_test.sh L3VPNCTL}
here=$(cd "$(dirname "$0")" && pwd)
lab=$here/two-routers
if [ "$(id -u)" != 0 ] || ! ip netns list >/dev/null 2>&1; then
  echo "lab_runner_test: SKIP (needs root and ip netns)"
  exit 0
fi
run=$(mktemp -d /tmp/l3vpn-lab-test.XXXXXX)
export L3VPN_LAB_RUN_DIR=$run
passed=0 failed=0
ok() { echo "ok: $1"; passed=$((passed + 1)); }
bad() { echo "FAIL: $1"; failed=$((failed + 1)); }
check() { local what=$1; shift; if "$@"; then ok "$what"; else bad "$what"; fi; }
cleanup() { "$ctl" lab down "$lab" >/dev/null 2>&1; rm -rf "$run"; }
trap cleanup EXIT

namespaces() { ip netns list | awk '{print $1}' | grep -c '^l3v-runner-test-' ; }
recorded_pids() { awk '$1 == "pid" {print $3}' "$run/runner-test/state" 2>/dev/null; }
quiet() { "$@" >/dev/null 2>&1; }
none_alive() { local p; for p in "$@"; do [ -d "/proc/$p" ] && return 1; done; return 0; }

# --- up ----------------------------------------------------------------------
out=$("$ctl" lab up "$lab" --timeout 60 2>&1); rc=$?
echo "$out" | sed 's/^/  | /'
check "lab up exits 0" [ "$rc" = 0 ]
check "lab up reports convergence" grep -q "converged after" <<<"$out"
check "four namespaces" [ "$(namespaces)" = 4 ]
check "R1's GigabitEthernet0/0 is gi0-0 in its namespace" quiet ip -n l3v-runner-test-R1 link show gi0-0
check "H2's loopback address is on lo" bash -c "ip -n l3v-runner-test-H2 addr show lo | grep -q 192.0.2.2/32"
pids=$(recorded_pids)
check "two daemons recorded" [ "$(echo "$pids" | grep -c .)" = 2 ]

# --- status / exec ---------------------------------------------------------
status=$("$ctl" lab status "$lab")
check "status maps GigabitEthernet0/0 to gi0-0 with its veth peer" \
  grep -q "GigabitEthernet0/0 -> gi0-0  (veth to H1 eth1)" <<<"$status"
check "status shows both daemons running" [ "$(grep -c "pid [0-9]* running" <<<"$status")" = 2 ]
neighbors=$("$ctl" lab exec "$lab" R1 show ip ospf neighbor); rc=$?
echo "$neighbors" | sed 's/^/  | /'
check "exec on R1 answers" [ "$rc" = 0 ]
check "R1 sees R2 (10.255.0.2) Full" grep -Eq "10\.255\.0\.2 .*FULL" <<<"$neighbors"
"$ctl" lab exec "$lab" R9 show version >/dev/null 2>&1
check "exec on a node that is no router is a usage error" [ $? = 2 ]

# --- shell -------------------------------------------------------------------
# A router: its CLI over the socket, lines from the pipe; a host: a shell in its namespace.
session=$(printf 'show ip route\nexit\n' | "$ctl" lab shell "$lab" R1 2>&1); rc=$?
echo "$session" | sed 's/^/  | /'
check "shell on R1 exits 0" [ "$rc" = 0 ]
check "shell on R1 shows its prompt" grep -q "^R1#show ip route" <<<"$session"
check "shell on R1 shows the OSPF route to H2's subnet" grep -Eq "^O +10\.2\.0\.0/24 .*via 10\.0\.12\.2" <<<"$session"
session=$(echo 'ip -o addr show' | SHELL=/bin/sh "$ctl" lab shell "$lab" H2 2>&1); rc=$?
echo "$session" | sed 's/^/  | /'
check "shell on H2 exits 0" [ "$rc" = 0 ]
check "shell on H2 runs in its namespace (its eth1 address)" grep -q "eth1 .*inet 10\.2\.0\.2/24" <<<"$session"
check "shell on H2 sees no address of H1" bash -c '! grep -q "10\.1\.0\.2" <<<"$1"' _ "$session"
message=$("$ctl" lab shell "$lab" R9 </dev/null 2>&1); rc=$?
check "shell on an unknown node fails" [ "$rc" != 0 ]
check "shell on an unknown node says so" grep -q "no node R9 in lab runner-test" <<<"$message"

# --- verify ------------------------------------------------------------------
matrix=$("$ctl" lab verify "$lab" --compare-sim --svg "$run/live.svg" 2>&1); rc=$?
echo "$matrix" | sed 's/^/  | /'
check "verify exits 0" [ "$rc" = 0 ]
check "verify: 6 pairs as expected" grep -q "matrix: 6 pairs as expected, 0 differ" <<<"$matrix"
check "verify: the simulator agrees" grep -q "0 cells differ from the measurement" <<<"$matrix"
check "verify --svg draws the 3x3 live matrix" [ "$(grep -c 'class="cell ' "$run/live.svg")" = 9 ]
check "verify --svg outlines no cell" bash -c '! grep -q " differ\"" "$1"' _ "$run/live.svg"
ip -n l3v-runner-test-H1 route del default
matrix=$("$ctl" lab verify "$lab" --svg "$run/broken.svg" 2>&1); rc=$?
check "verify exits 1 once H1 has lost its default route" [ "$rc" = 1 ]
check "verify names H1 -> H2 as must reach" grep -q "H1 -> H2: no reply, must reach" <<<"$matrix"
check "verify --svg outlines H1 -> H2" grep -q 'class="cell reach differ" data-from="H1" data-to="H2"' "$run/broken.svg"
ip -n l3v-runner-test-H1 route add default via 10.1.0.1

# --- down --------------------------------------------------------------------
out=$("$ctl" lab down "$lab"); rc=$?
echo "  | $out"
check "down exits 0" [ "$rc" = 0 ]
check "down leaves no namespace" [ "$(namespaces)" = 0 ]
# shellcheck disable=SC2086
check "down leaves no daemon" none_alive $pids
out=$("$ctl" lab down "$lab"); rc=$?
check "down again is harmless" [ "$rc" = 0 ]
check "down again removes nothing" grep -q "0 namespaces removed" <<<"$out"
message=$("$ctl" lab shell "$lab" R1 </dev/null 2>&1); rc=$?
check "shell on a lab that is down fails" [ "$rc" = 1 ]
check "shell on a lab that is down says it is not up" grep -q "lab runner-test is not up" <<<"$message"

# --- down after a killed up ----------------------------------------------------
"$ctl" lab up "$lab" --timeout 60 >"$run/up.out" 2>&1 &
up=$!
for _ in $(seq 1 100); do   # until the first daemon runs
  [ -n "$(recorded_pids)" ] && break
  sleep 0.1
done
kill -9 "$up" 2>/dev/null; wait "$up" 2>/dev/null
pids=$(recorded_pids)
check "the killed up had started a daemon" [ -n "$pids" ]
check "the killed up left namespaces" [ "$(namespaces)" -gt 0 ]
"$ctl" lab down "$lab" >/dev/null; rc=$?
check "down after the crash exits 0" [ "$rc" = 0 ]
check "down after the crash leaves no namespace" [ "$(namespaces)" = 0 ]
# shellcheck disable=SC2086
check "down after the crash leaves no daemon" none_alive $pids

echo "lab_runner_test: $passed passed, $failed failed"
[ "$failed" = 0 ]
