// Processes for `l3vpnctl lab`: run a command and collect its output, start a
// daemon detached from the runner (own session, output to a log file, stdin
// from /dev/null) so that it outlives `lab up`, check and stop a pid.
//
// Edge code: fork/exec/wait. Threads: call from one thread (fork). Failure:
// never throws; a command that cannot be started reports exit status 127 and
// the reason in its output; spawn_detached returns 0 and an error.
#pragma once

#include <string>
#include <sys/types.h>
#include <vector>

namespace l3vpn::ctl {

struct CommandOutput {
  int status = 127;  // exit status; 128 + N when killed by signal N
  std::string output;  // stdout and stderr together
};

// `argv[0]` is found on PATH. Output beyond 1 MiB is read and dropped.
CommandOutput run_command(const std::vector<std::string>& argv);

struct Spawned {
  pid_t pid = 0;
  std::string error;
};

// Starts `argv` in a new session with stdout/stderr appended to `log_path`;
// does not wait for it (the child is reaped by init once the runner exits).
Spawned spawn_detached(const std::vector<std::string>& argv, const std::string& log_path);

// True when `pid` runs and its command line contains `marker` (a pid that
// was reused by another program since it was recorded does not count).
bool process_matches(pid_t pid, const std::string& marker);

// True when `pid`, a child started by spawn_detached in this process, has
// ended (reaped here) or does not exist.
bool child_exited(pid_t pid);

// SIGTERM, up to `grace_ms` for it to go, then SIGKILL. True when it is gone.
bool stop_process(pid_t pid, int grace_ms);

}  // namespace l3vpn::ctl
