// `l3vpnctl lab shell LABDIR NODE`: an interactive session on one node of a
// lab that `lab up` brought up.
//
//   router (pe, p, rr)  the daemon's own CLI over its control socket (the
//                       plan's socket path, as `l3vpnctl shell SOCKET`):
//                       prompt "R1#", '?' for help, exit/quit/end of input;
//   host, ce            a shell in the node's namespace:
//                       `ip netns exec NS env PS1='NODE$ ' ${SHELL:-/bin/sh}`,
//                       replacing l3vpnctl (exec), so job control, the
//                       terminal and the exit status are the shell's own.
//
// resolve_lab_shell is the pure part (which of the two, or why neither); the
// command checks what is live (the namespace, the daemon's socket) and runs
// it. Errors, exit 1: the lab is not up (no namespace), the router's daemon
// is not running (no socket; its log named); exit 2: no such node.
// Edge code: exec, control socket. Threads: one. Never throws.
#pragma once

#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "ctl/lab_plan.hpp"

namespace l3vpn::ctl {

struct LabShellTarget {
  enum class Kind { DaemonCli, NamespaceShell };
  Kind kind = Kind::DaemonCli;
  std::string socket_path;        // DaemonCli
  std::vector<std::string> argv;  // NamespaceShell: the command to exec
};

struct LabShellResolution {
  std::optional<LabShellTarget> target;
  std::string error;  // when no target: the message, without "l3vpnctl: "
  int exit_code = 0;  // when no target: 1 not up / not running, 2 unknown node
};

// `namespace_present`: whether the node's namespace exists (the caller looks);
// `shell_env`: $SHELL, may be null or empty (then /bin/sh).
LabShellResolution resolve_lab_shell(const LabPlan& plan, std::string_view node, bool namespace_present,
                                     const char* shell_env);

// `args`: "shell", LABDIR, NODE. `daemon_cli` runs the interactive CLI on a
// socket (l3vpnctl's `shell` command: a line editor on a terminal, plain
// lines from a pipe) and returns its exit status.
int lab_shell_command(const std::vector<std::string>& args, const std::function<int(const std::string&)>& daemon_cli,
                      std::ostream& out, std::ostream& err);

}  // namespace l3vpn::ctl
