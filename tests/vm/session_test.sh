#!/usr/bin/env bash
# CTest `vm_session`: labs/vm/run-in-vm --session, the VM that stays up
# between commands, checked from the host:
#   two sessions boot at the same time in two directories, each its own VM;
#   a command's exit status, stdout and stderr come back apart; what one
#   command leaves in its VM is there for the next, and not in the other VM;
#   two commands run at once in one VM; --stdin passes input on; --timeout
#   kills the command (124) and the VM stays usable; a VM killed under a
#   session is reported (125, "not running") and its directory removed; a
#   directory that is no session's is refused and left alone; --stop leaves
#   no qemu and no directory, --status says so.
# Needs: L3VPN_BUILD (CTest sets it). Skipped (exit 0, "SKIP") only when
# L3VPN_SKIP_VM=1. Output: one "ok"/"not ok" line per assertion; exit 1 if
# any failed.
set -u
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
vm=$top/labs/vm/run-in-vm
if [[ ${L3VPN_SKIP_VM:-0} == 1 ]]; then echo "vm_session: SKIP (L3VPN_SKIP_VM=1)"; exit 0; fi
: "${L3VPN_BUILD:?L3VPN_BUILD must name the build directory}"
export L3VPN_BUILD

passed=0 failed=0
ok()     { echo "ok $1"; passed=$((passed + 1)); }
not_ok() { echo "not ok $1"; failed=$((failed + 1)); }
check() { local name=$1; shift; if "$@"; then ok "$name"; else not_ok "$name"; fi; }
work=$(mktemp -d /tmp/l3vpn-vm-session-test.XXXXXX)
a=$work/a b=$work/b
cleanup() {
  "$vm" --session "$a" --stop >/dev/null 2>&1
  "$vm" --session "$b" --stop >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT
cd "$top" || exit 1
t0=$SECONDS
qemu_of() { cat "$1/qemu.pid" 2>/dev/null; }
alive() { [[ -n $1 && -e /proc/$1 ]]; }

# --- two sessions boot side by side.
"$vm" --session "$a" --start >"$work/a.start" 2>&1 &
start_a=$!
"$vm" --session "$b" --start >"$work/b.start" 2>&1
status_b=$?
wait "$start_a"
status_a=$?
sed 's/^/  a: /' "$work/a.start"; sed 's/^/  b: /' "$work/b.start"
check "start_a_exit_0 (got $status_a)" test "$status_a" -eq 0
check "start_b_exit_0 (got $status_b)" test "$status_b" -eq 0
pid_a=$(qemu_of "$a") pid_b=$(qemu_of "$b")
check "two_vms_running ($pid_a, $pid_b)" sh -c "[ -e /proc/$pid_a ] && [ -e /proc/$pid_b ] && [ $pid_a != $pid_b ]"
check status_says_running "$vm" --session "$a" --status

# --- a command: status and both streams.
"$vm" --session "$a" -- sh -c 'echo marker-out-71c; echo marker-err-3e0 >&2; exit 7' >"$work/1.out" 2>"$work/1.err"
status=$?
check "exit_status_7_passes_through (got $status)" test "$status" -eq 7
check stdout_on_stdout grep -qx marker-out-71c "$work/1.out"
check stderr_on_stderr grep -qx marker-err-3e0 "$work/1.err"
check stderr_not_on_stdout sh -c "! grep -q marker-err-3e0 '$work/1.out'"
check runs_in_our_directory sh -c "[ \"\$('$vm' --session '$a' -- pwd)\" = '$top' ]"

# --- state stays in its VM between commands, and only there.
"$vm" --session "$a" -- sh -c 'ip link add keep-me type dummy && echo kept >/tmp/session-note'
check "state_kept_between_commands" sh -c "'$vm' --session '$a' -- sh -c 'ip link show keep-me >/dev/null && cat /tmp/session-note' | grep -qx kept"
check "other_session_is_another_vm" sh -c "! '$vm' --session '$b' -- ip link show keep-me >/dev/null 2>&1"
check "host_has_no_such_file" test ! -e /tmp/session-note

# --- two commands at once in one VM: the short one is not held by the long one.
"$vm" --session "$a" -- sh -c 'sleep 4; echo long-done' >"$work/long.out" 2>&1 &
long=$!
t=$SECONDS
"$vm" --session "$a" -- echo short-done >"$work/short.out" 2>&1
short_took=$((SECONDS - t))
wait "$long"
check "concurrent_short_command_in_${short_took}s" sh -c "[ $short_took -lt 4 ] && grep -qx short-done '$work/short.out'"
check concurrent_long_command_done grep -qx long-done "$work/long.out"

# --- stdin.
check stdin_passed_on sh -c "printf 'line-1\nline-2\n' | '$vm' --session '$a' --stdin -- sh -c 'cat | wc -l' | grep -qx 2"

# --- timeout: the command dies, the VM stays.
t=$SECONDS
"$vm" --session "$a" --timeout 3 -- sleep 1000 >"$work/to.out" 2>&1
status=$?
check "timeout_status_124 (got $status)" test "$status" -eq 124
check "timeout_within_15s ($((SECONDS - t)) s)" test $((SECONDS - t)) -lt 15
check timeout_says_so grep -q "timed out after 3 s" "$work/to.out"
check "timed_out_command_killed_vm_stays" sh -c "! '$vm' --session '$a' -- pgrep -fx 'sleep 1000'"

# --- a session dir that is not one is refused and left alone.
mkdir "$work/not-a-session"; echo mine >"$work/not-a-session/file"
"$vm" --session "$work/not-a-session" --start >"$work/refused.out" 2>&1
status=$?
check "foreign_dir_refused (got $status)" test "$status" -eq 125
check foreign_dir_untouched grep -qx mine "$work/not-a-session/file"

# --- the VM dies under its session: reported, cleaned.
kill "$pid_a"
for _ in $(seq 50); do alive "$pid_a" || break; sleep 0.2; done
"$vm" --session "$a" -- true >"$work/dead.out" 2>&1
status=$?
cat "$work/dead.out" | sed 's/^/  dead: /'
check "dead_vm_status_125 (got $status)" test "$status" -eq 125
check dead_vm_says_not_running grep -q "is not running" "$work/dead.out"
check dead_vm_dir_removed test ! -e "$a"

# --- stop.
"$vm" --session "$b" --stop >"$work/stop.out" 2>&1
status=$?
check "stop_exit_0 (got $status)" test "$status" -eq 0
check "stop_leaves_no_qemu" sh -c "! [ -e /proc/$pid_b ]"
check stop_removes_dir test ! -e "$b"
check status_says_stopped sh -c "! '$vm' --session '$b' --status >/dev/null"

echo "vm_session: $passed passed, $failed failed in $((SECONDS - t0)) s"
((failed == 0))
