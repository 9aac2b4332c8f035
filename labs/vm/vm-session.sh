# vm-session.sh: the host side of `run-in-vm --session DIR` (sourced by
# labs/vm/run-in-vm, which documents the options; the guest side is
# labs/vm/session-agent).
#
# What: session_start boots a VM detached from us (setsid; `timeout` bounds
# its lifetime) with DIR as its read-write 9p share and waits for the agent's
# `ready`; session_run hands one command to the agent as DIR/jobs/ID and
# passes its stdout, stderr and exit status back as they come; session_stop
# asks the agent to power off (then kills qemu if it must) and removes DIR;
# session_status says whether the VM runs.
# The VM is found by DIR/qemu.pid (qemu's -pidfile) and must still be that
# qemu: its command line names DIR, so a reused pid does not count.
# Uses run-in-vm's globals: session, timeout_s, mem_mb, smp, verbose,
# out_dir, pass_stdin, cwd, here, and for --start vmlinuz, initrd, moddir; say, die, now.
# Failure: every error is a message and status 125 (124: a command's
# timeout); a VM found dead is reported with the end of its console and its
# DIR is removed, so the next --start begins clean.

[[ $session != *,* ]] || die "the session directory must not contain a comma (qemu option syntax): $session"
session=$(realpath -m -- "$session")
marker=$session/session

# Centiseconds of /proc/uptime, for deadlines: a monotonic clock (the wall
# clock, and with it SECONDS and EPOCHREALTIME, has been seen to jump by
# minutes on the machines this was made on).
uptime_cs() {
  local up rest
  read -r up rest </proc/uptime
  echo "${up/./}"
}

# The running VM's qemu pid, or status 1.
session_pid() {
  local pid
  [[ -s $session/qemu.pid ]] || return 1
  pid=$(tr -dc 0-9 <"$session/qemu.pid")
  [[ -n $pid ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "path=$session,mount_tag=xfer" || return 1
  echo "$pid"
}

# Removes DIR, only when it is a session's (the marker says so).
session_clean() {
  [[ -e $marker ]] && rm -rf -- "$session"
  return 0
}

show_session_console() {
  if [[ -s $session/console.log ]]; then
    say "--- end of the guest console ---"
    tail -n "${1:-15}" "$session/console.log" >&2
  fi
  [[ -s $session/init-error ]] && say "guest init: $(cat "$session/init-error")"
  if [[ -s $session/qemu.log ]]; then
    say "--- qemu ---"
    tail -n 5 "$session/qemu.log" >&2
  fi
  say "---"
}

session_dead() {
  say "the session VM of $session is not running: it died, was killed or outlived its --timeout"
  show_session_console
  session_clean
  say "the stale session is removed; start a new one with: run-in-vm --session $session --start"
  exit 125
}

# True while `pid` (a child of ours) runs: a zombie does not count.
child_running() {
  [[ -r /proc/$1/status ]] && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status"
}

session_start() {
  local pid
  if [[ -e $marker ]]; then
    if pid=$(session_pid); then
      die "a session VM already runs in $session (qemu pid $pid); stop it first with --stop"
    fi
    say "cleaning the stale session in $session (its VM is gone)"
    session_clean
  elif [[ -d $session && -n $(ls -A -- "$session" 2>/dev/null) ]]; then
    die "$session exists and is not a session directory: refusing to use it"
  fi
  mkdir -p "$session/jobs" "$session/out" || die "cannot create the session directory $session"
  chmod 755 "$session"
  echo "run-in-vm session, started $(date -u +%FT%TZ) by pid $$" >"$marker"
  printf '%s\n' "$here/session-agent" >"$session/agent"
  case $moddir/ in
    /run/*) ;;
    *) printf '%s\n' "$moddir" >"$session/modules-path" ;;
  esac
  local virtfs=(-virtfs "local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap"
                -virtfs "local,path=$session,mount_tag=xfer,security_model=none")
  if [[ -n $out_dir ]]; then
    printf '%s\n' "$out_dir" >"$session/out-path"
    virtfs+=(-virtfs "local,path=$out_dir,mount_tag=out,security_model=none")
  fi
  local t_boot launcher deadline
  t_boot=$(now)
  # Detached: its own session, no terminal, none of our pipes (a caller that
  # reads our output to its end must not wait for the VM).
  setsid timeout -k 5 "$timeout_s" qemu-system-x86_64 \
    -accel tcg -cpu max -smp "$smp" -m "$mem_mb" \
    -nodefaults -no-user-config -display none -no-reboot \
    -kernel "$vmlinuz" -initrd "$initrd" -append "console=ttyS0 quiet panic=-1" \
    -serial "file:$session/console.log" -pidfile "$session/qemu.pid" "${virtfs[@]}" \
    </dev/null >"$session/qemu.log" 2>&1 &
  launcher=$!
  deadline=$(($(uptime_cs) + ${L3VPN_VM_BOOT_TIMEOUT:-180} * 100))
  until [[ -e $session/ready ]]; do
    if ! child_running "$launcher"; then
      show_session_console 40
      session_clean
      die "the session VM stopped before its agent was ready"
    fi
    if (($(uptime_cs) >= deadline)); then
      show_session_console 40
      kill "$launcher" 2>/dev/null
      pid=$(session_pid) && kill -KILL "$pid" 2>/dev/null
      session_clean
      die "the session VM's agent was not ready after ${L3VPN_VM_BOOT_TIMEOUT:-180} s (L3VPN_VM_BOOT_TIMEOUT)"
    fi
    sleep 0.2
  done
  pid=$(session_pid) || session_dead
  say "session $session ready: qemu pid $pid, booted in $(awk -v a="$t_boot" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }') s, lifetime $timeout_s s"
  ((verbose)) && show_session_console 40
  return 0
}

session_run() {
  local pid id job guest_out waiter tail_out tail_err outcome rc
  [[ -e $marker ]] || die "no session in $session (start one with: run-in-vm --session $session --start)"
  pid=$(session_pid) || session_dead
  id=$(date +%s%N)-$$
  job=$session/jobs/$id
  mkdir "$job" || die "cannot create $job"
  : >"$job/stdout"
  : >"$job/stderr"
  guest_out=/run/l3vpn-vm/out
  [[ -s $session/out-path ]] && guest_out=$(cat "$session/out-path")
  local guest_stdin=""
  ((pass_stdin)) && guest_stdin=/run/l3vpn-vm/jobs/$id/stdin
  write_command_script "$job/command" "$guest_out" "$guest_stdin" "$@"
  # A job whose status never came stays for --stop to remove: the agent may
  # still write into it.
  trap '[[ -e $job/rc ]] && rm -rf -- "$job"' EXIT
  trap 'touch "$job/cancel" 2>/dev/null; exit 130' INT
  trap 'touch "$job/cancel" 2>/dev/null; exit 143' TERM
  local feeder=""
  if ((pass_stdin)); then
    : >"$job/stdin"
    # (a background job's stdin would be /dev/null without the explicit <&3)
    exec 3<&0
    { cat >>"$job/stdin"; touch "$job/stdin-eof"; } <&3 &
    feeder=$!
  fi
  touch "$job/go"
  (
    deadline=$(($(uptime_cs) + timeout_s * 100))
    while [[ ! -e $job/rc ]]; do
      kill -0 "$pid" 2>/dev/null || exit 3
      (($(uptime_cs) < deadline)) || exit 124
      sleep 0.2
    done
  ) &
  waiter=$!
  tail -q -s 0.2 -n +1 -f --pid="$waiter" "$job/stdout" &
  tail_out=$!
  tail -q -s 0.2 -n +1 -f --pid="$waiter" "$job/stderr" >&2 &
  tail_err=$!
  wait "$waiter"
  outcome=$?
  wait "$tail_out" "$tail_err"
  [[ -z $feeder ]] || { pkill -P "$feeder" 2>/dev/null; kill "$feeder" 2>/dev/null; }  # the command has ended: no more input
  case $outcome in
    0)
      rc=$(cat "$job/rc")
      [[ $rc =~ ^[0-9]+$ ]] || die "bad exit status from the guest: $rc"
      exit "$rc" ;;
    124)
      touch "$job/cancel"
      for _ in $(seq 25); do [[ -e $job/rc ]] && break; sleep 0.2; done
      say "timed out after $timeout_s s: the command was killed in the guest (the session VM stays; --timeout S to change)"
      exit 124 ;;
    *)
      session_dead ;;
  esac
}

session_stop() {
  local pid
  if [[ ! -e $marker ]]; then
    if [[ -d $session && -n $(ls -A -- "$session" 2>/dev/null) ]]; then
      die "$session is not a session directory: left alone"
    fi
    say "no session in $session"
    rmdir -- "$session" 2>/dev/null
    return 0
  fi
  if pid=$(session_pid); then
    touch "$session/stop"
    for _ in $(seq 100); do [[ -e /proc/$pid ]] || break; sleep 0.2; done
    if [[ -e /proc/$pid ]]; then
      say "the session VM (qemu pid $pid) did not power off in 20 s: killing it"
      kill "$pid" 2>/dev/null
      for _ in $(seq 15); do [[ -e /proc/$pid ]] || break; sleep 0.2; done
      kill -KILL "$pid" 2>/dev/null
    fi
    say "session $session stopped (qemu pid $pid)"
  else
    say "the session VM of $session was not running any more; its directory is removed"
  fi
  session_clean
  return 0
}

session_status() {
  local pid
  if pid=$(session_pid); then
    echo "session $session: running, qemu pid $pid"
    return 0
  fi
  if [[ -e $marker ]]; then
    echo "session $session: its VM is not running (stale: --stop or --start cleans it)"
  else
    echo "session $session: none"
  fi
  return 1
}
