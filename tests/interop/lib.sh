# shellcheck shell=bash
# Helpers for interop tests: network namespaces, veth pairs, loopbacks,
# static routes, background daemons with logs, wait-until, cleanup on EXIT.
#
# Everything created carries the per-run prefix $L3I_PREFIX (l3i-<pid>-) so
# that concurrent runs do not collide and the host's own interfaces and routes
# are never touched: every `ip` command below runs with -n <namespace>, and
# veth pairs are created directly inside their namespaces.
#
# Usage: source this file, then call l3i_init (sets the EXIT trap).

L3I_PREFIX="${L3I_PREFIX:-l3i-$$-}"
L3I_NETNS=()        # namespaces created by this run
L3I_PIDS=()         # background processes started by this run
L3I_PIDFILES=()     # pid files of daemons that fork themselves
L3I_TMP=""          # temp dir for configs, sockets and logs
L3I_KEEP_TMP="${L3I_KEEP_TMP:-0}"

l3i_log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# l3i_init: creates the temp dir and installs the cleanup trap.
l3i_init() {
  L3I_TMP=$(mktemp -d "/tmp/${L3I_PREFIX}XXXXXX")
  chmod 755 "$L3I_TMP"
  trap l3i_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
}

# l3i_ns NAME -> full namespace name (prefix + NAME)
l3i_ns() { printf '%s%s' "$L3I_PREFIX" "$1"; }

# l3i_netns_add NAME: creates the namespace, brings lo up.
l3i_netns_add() {
  local ns; ns=$(l3i_ns "$1")
  ip netns add "$ns" || return 1
  L3I_NETNS+=("$ns")
  ip -n "$ns" link set lo up
}

# l3i_exec NAME CMD...: runs a command inside the namespace.
l3i_exec() { local ns; ns=$(l3i_ns "$1"); shift; ip netns exec "$ns" "$@"; }

# l3i_link NS_A IF_A ADDR_A/LEN NS_B IF_B ADDR_B/LEN: veth pair between two
# namespaces (created inside NS_A, the peer end moved to NS_B), addressed, up.
l3i_link() {
  local a b; a=$(l3i_ns "$1"); b=$(l3i_ns "$4")
  ip -n "$a" link add "$2" type veth peer name "$5" netns "$b" || return 1
  ip -n "$a" addr add "$3" dev "$2" && ip -n "$b" addr add "$6" dev "$5" &&
  ip -n "$a" link set "$2" up && ip -n "$b" link set "$5" up
}

# l3i_bridge NS BRIDGE: a Linux bridge inside NS (a broadcast segment that
# exists only in this run's namespace), up.
l3i_bridge() {
  local ns; ns=$(l3i_ns "$1")
  ip -n "$ns" link add "$2" type bridge || return 1
  ip -n "$ns" link set "$2" up
}

# l3i_bridge_port NS_BR BRIDGE PORT NS IF ADDR/LEN: veth pair from the bridge
# in NS_BR (end PORT, enslaved) to NS (end IF, addressed), both up.
l3i_bridge_port() {
  local b n; b=$(l3i_ns "$1"); n=$(l3i_ns "$4")
  ip -n "$b" link add "$3" type veth peer name "$5" netns "$n" || return 1
  ip -n "$b" link set "$3" master "$2" && ip -n "$n" addr add "$6" dev "$5" &&
  ip -n "$b" link set "$3" up && ip -n "$n" link set "$5" up
}

# l3i_loopback NS ADDR/32: address on lo inside the namespace.
l3i_loopback() { ip -n "$(l3i_ns "$1")" addr add "$2" dev lo; }

# l3i_route NS PREFIX VIA: static route inside the namespace.
l3i_route() { ip -n "$(l3i_ns "$1")" route replace "$2" via "$3"; }

# l3i_spawn NS NAME CMD...: runs CMD in the background in the namespace,
# stdout+stderr to $L3I_TMP/NAME.log; the pid is remembered for cleanup.
# Sets L3I_LAST_PID.
l3i_spawn() {
  local ns; ns=$(l3i_ns "$1"); local name=$2; shift 2
  ip netns exec "$ns" "$@" >"$L3I_TMP/$name.log" 2>&1 </dev/null &
  L3I_LAST_PID=$!
  L3I_PIDS+=("$L3I_LAST_PID")
}

# l3i_frr_start NS DIR TAG DAEMON...: zebra, then each FRR DAEMON (ospfd,
# ldpd, bgpd...) in NS, each reading DIR/DAEMON.conf (zebra's may be empty)
# and keeping its vty socket, pid file and zserv socket in DIR, so vtysh
# reaches them with --vty_socket DIR. No TCP vty (-P 0). Logs go to
# $L3I_TMP/TAG-DAEMON.log and DIR/DAEMON.log. zebra cannot skip its
# privilege drop (to user frr): DIR is handed to frr when that user exists.
# Returns 1 when zebra's socket does not appear within 10 s.
l3i_frr_start() {
  local ns=$1 d=$2 tag=$3 daemon user=() extra
  shift 3
  [ -f "$d/zebra.conf" ] || : >"$d/zebra.conf"
  if id frr >/dev/null 2>&1; then chown -R frr:frr "$d"; else user=(-u root -g root); fi
  l3i_spawn "$ns" "$tag-zebra" /usr/lib/frr/zebra "${user[@]}" -P 0 -z "$d/zserv.api" \
    --vty_socket "$d" -i "$d/zebra.pid" -f "$d/zebra.conf" --log "file:$d/zebra.log"
  l3i_wait_until 10 test -S "$d/zserv.api" || { l3i_log "$ns: zebra socket did not appear"; return 1; }
  for daemon in "$@"; do
    extra=()
    [ "$daemon" = ldpd ] && extra=(--ctl_socket "$d")  # a directory: ldpd.sock goes in it
    l3i_spawn "$ns" "$tag-$daemon" "/usr/lib/frr/$daemon" "${user[@]}" -P 0 -z "$d/zserv.api" \
      --vty_socket "$d" -i "$d/$daemon.pid" -f "$d/$daemon.conf" --log "file:$d/$daemon.log" "${extra[@]}"
  done
}

# l3i_vtysh DIR CMD...: vtysh against the daemons started by l3i_frr_start.
l3i_vtysh() { local d=$1; shift; vtysh --vty_socket "$d" "$@"; }

# l3i_track_pidfile FILE: a self-daemonizing process to kill at cleanup.
l3i_track_pidfile() { L3I_PIDFILES+=("$1"); }

# l3i_kill_pid PID: TERM, then KILL after 2 s.
l3i_kill_pid() {
  local pid=$1 i
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null
  for i in $(seq 20); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null
}

# l3i_wait_until TIMEOUT_S CMD...: polls CMD every 0.5 s until it succeeds.
l3i_wait_until() {
  local timeout=$1; shift
  local end=$(( $(date +%s) + timeout ))
  while :; do
    "$@" >/dev/null 2>&1 && return 0
    [ "$(date +%s)" -ge "$end" ] && return 1
    sleep 0.5
  done
}

# l3i_ns_pids NS: pids of processes whose network namespace is NS (only
# namespaces of this run are ever passed here).
l3i_ns_pids() { ip netns pids "$1" 2>/dev/null; }

# l3i_topo_down: stops the processes this run started and deletes its
# namespaces (anything still living in them was started by this run); used
# between phases and at cleanup.
l3i_topo_down() {
  local ns pid
  for pid in "${L3I_PIDS[@]}"; do l3i_kill_pid "$pid"; done
  L3I_PIDS=()
  for ns in "${L3I_NETNS[@]}"; do
    for pid in $(l3i_ns_pids "$ns"); do l3i_kill_pid "$pid"; done
    ip netns del "$ns" 2>/dev/null
  done
  L3I_NETNS=()
}

# l3i_find_ctl BUILD: prints the l3vpnctl to use (the build's, else PATH's);
# nothing when there is none.
l3i_find_ctl() {
  local c
  for c in "$1/labs/l3vpnctl" "$1/l3vpnctl" "$(command -v l3vpnctl 2>/dev/null)"; do
    [ -n "$c" ] && [ -x "$c" ] && { printf '%s\n' "$c"; return 0; }
  done
  return 0
}

l3i_cleanup() {
  local rc=$? pid f
  set +e
  for f in "${L3I_PIDFILES[@]}"; do
    [ -f "$f" ] && pid=$(cat "$f" 2>/dev/null) && [ -n "$pid" ] && l3i_kill_pid "$pid"
  done
  l3i_topo_down
  if [ -n "$L3I_TMP" ] && [ -d "$L3I_TMP" ]; then
    if [ "$L3I_KEEP_TMP" = 1 ] || { [ "$rc" != 0 ] && [ "${L3I_KEEP_TMP_ON_FAIL:-1}" = 1 ]; }; then
      l3i_log "logs kept in $L3I_TMP"
    else
      rm -rf "$L3I_TMP"
    fi
  fi
  exit "$rc"
}

# Environment probes -------------------------------------------------------
l3i_can_netns() {
  command -v ip >/dev/null 2>&1 || return 1
  local t="${L3I_PREFIX}probe"
  ip netns add "$t" 2>/dev/null || return 1
  ip -n "$t" link add probe0 type veth peer name probe1 netns "$t" >/dev/null 2>&1; local ok=$?
  ip netns del "$t" 2>/dev/null
  return $ok
}

l3i_can_vrf() {
  local t="${L3I_PREFIX}vrfprobe"
  ip netns add "$t" 2>/dev/null || return 1
  ip -n "$t" link add probe type vrf table 10 >/dev/null 2>&1; local ok=$?
  ip netns del "$t" 2>/dev/null
  return $ok
}

# The PASS/FAIL lines of a check script. l3i_checks NAME sets the counters;
# check LABEL CMD... runs CMD and counts it; skip_all REASON prints SKIP for
# NAME and exits 0; l3i_summary prints "N passed, N failed" and returns 1
# when something failed.
l3i_checks() { L3I_TEST=$1; PASSED=0; FAILED=0; }
pass() { PASSED=$((PASSED + 1)); echo "PASS: $*"; }
fail() { FAILED=$((FAILED + 1)); echo "FAIL: $*"; }
check() { local name=$1; shift; if "$@"; then pass "$name"; else fail "$name"; fi; }
skip_all() { echo "SKIP: $L3I_TEST: $*"; echo "0 passed, 0 failed, 1 skipped"; exit 0; }

# The PE-CE scripts' line (ospf_pe_ce.sh, bgp_pe_ce.sh):
#   ce1 eth0 192.168.1.2/24 -- eth2 pe1 eth1 10.0.12.1/30 -- eth1 pe2 eth2 192.168.2.1/24 -- eth0 ce2
#   loopbacks ce1 172.16.1.1, pe1 10.255.0.1, pe2 10.255.0.2, ce2 172.16.2.1
# with kernel routes between the PE loopbacks (iBGP and LDP go loopback to
# loopback; the daemons program no routes without --kernel). 1 on failure.
l3i_pe_ce_topology() {
  local n
  for n in ce1 pe1 pe2 ce2; do l3i_netns_add "$n" || return 1; done
  l3i_link ce1 eth0 192.168.1.2/24 pe1 eth2 192.168.1.1/24 || return 1
  l3i_link pe1 eth1 10.0.12.1/30 pe2 eth1 10.0.12.2/30 || return 1
  l3i_link pe2 eth2 192.168.2.1/24 ce2 eth0 192.168.2.2/24 || return 1
  l3i_loopback ce1 172.16.1.1/32
  l3i_loopback pe1 10.255.0.1/32
  l3i_loopback pe2 10.255.0.2/32
  l3i_loopback ce2 172.16.2.1/32
  l3i_route pe1 10.255.0.2/32 10.0.12.2
  l3i_route pe2 10.255.0.1/32 10.0.12.1
}
