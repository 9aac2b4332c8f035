// When is a running lab converged? For each router, from the answers of its
// daemon to three JSON show commands, what is still pending:
//   show ip ospf neighbor json   every interface of ConvergenceExpectation's
//                                ospf_interfaces has a neighbour in state Full
//   show ip bgp summary json     every neighbour Established (an admin-down one
//                                is not waited for)
//   show mpls ldp neighbor json  at least ldp_peers sessions in state Oper
//   show ip route [vrf V] json   every prefix of ConvergenceExpectation's routes
//   show fib drift               "No drift" (with --kernel: the routes are in
//                                the kernel, not only in the daemon)
// Pure: text in, a list of pending items out, each naming the node and what it
// waits for ("P1: OSPF on eth2 is Init"). A reply that is not JSON is itself
// pending (a daemon still starting answers nothing yet).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ctl/lab_plan.hpp"

namespace l3vpn::ctl {

struct DaemonAnswers {
  std::optional<std::string> ospf_neighbors;  // nothing: not asked or no answer
  std::optional<std::string> bgp_summary;
  std::optional<std::string> ldp_neighbors;
  std::map<std::string, std::string> route_tables;  // VRF ("" global) -> show ip route json
  std::optional<std::string> fib_drift;             // show fib drift, when the daemon programs the kernel
  std::string unreachable;  // set when the control socket did not answer
};

std::vector<std::string> convergence_pending(const PlannedNode& node, const DaemonAnswers& answers);

}  // namespace l3vpn::ctl
