// `l3vpnctl lab up | down | status | exec | verify LABDIR ...`: a lab run live
// on this host's kernel, one network namespace per node (plan: lab_plan.hpp).
//
//   up LABDIR [--timeout S] [--no-kernel] [--bin-dir DIR]
//       namespaces, veth pairs (Linux names from the plan), lo up, IPv4
//       forwarding; host nodes' addresses and static routes with `ip`; each
//       router's daemon started detached in its namespace with its config,
//       its own control socket and, when the daemon has --kernel, --kernel
//       --interface-map (the daemon then programs addresses, VRFs, routes and
//       MPLS itself). Without --kernel (not built in, or --no-kernel) the
//       runner puts the routers' global addresses and static routes in place
//       too, and nothing else reaches the kernel. Then waits for convergence
//       (lab_runner_converge.hpp) with a progress line; on timeout names what
//       is pending and exits 1, leaving the lab up to look at.
//   down LABDIR
//       stops every daemon recorded, every process left in the lab's
//       namespaces, deletes the namespaces (their veths go with them).
//       Idempotent; works from the state file after `up` was killed.
//   status LABDIR
//       per node: namespace (present?), daemon pid (running?), socket, and
//       the interface mapping config name -> Linux name (veth peer).
//   exec LABDIR NODE LINE...
//       one CLI line on the node's daemon (as `l3vpnctl exec SOCKET LINE`).
//   verify LABDIR [--compare-sim] [--count N] [--svg FILE]
//       ping for every ordered pair of reachability endpoints from its
//       namespace, VRF and address; the matrix (lab_runner_verify.hpp);
//       exit 1 on any difference with lab.yaml, or with the simulator's
//       prediction under --compare-sim; --svg also draws the measured
//       matrix (lab_matrix_svg.hpp: differing cells outlined).
//
// Edge code: runs `ip`, ping and the daemons (lab_runner_process.hpp), talks
// to the control sockets. Needs root. Threads: one. Failure: never throws;
// each failed step is printed with the command's own message; `up` stops at
// the first failure of a namespace or link step (run `down` to clean).
// Exit: 0 success, 1 failure, 2 usage error.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "ctl/lab_plan.hpp"

namespace l3vpn::ctl {

// `args`: what follows "lab" (the subcommand first).
int run_lab_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

// The live part of `lab show`: namespaces, daemons and the interface mapping.
void print_lab_status(const LabPlan& plan, std::ostream& out);

// The plan of a lab directory with the default run directory; errors printed.
std::optional<LabPlan> load_lab_plan(const std::string& directory, std::ostream& err);

}  // namespace l3vpn::ctl
