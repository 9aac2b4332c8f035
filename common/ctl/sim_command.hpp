// `l3vpnctl sim LABDIR [options]`: the whole lab in this process (sim/lab_sim)
// on the simulated clock, run until converged, then:
//   --exec 'NODE: LINE'   run a CLI line on a node (repeatable, in order)
//   --tables              `show ip route vrf V` for every VRF of every PE
//   --matrix              the reachability matrix against lab.yaml's expect
//   --explain FROM TO     one pair, hop by hop
//   --json                machine-readable output of --exec/--matrix/--explain
// Without any of --exec/--tables/--matrix/--explain: --tables and --matrix.
// The dataplane of --matrix/--explain is built from the converged control
// plane (sim/dataplane_fill).
// Exit: 0 when converged (and the matrix, if asked, is as expected; the
// --explain ping, if asked, succeeds), 1 otherwise or on a CLI error, 2 on a
// usage error (an --explain endpoint lab.yaml does not name included).
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace l3vpn::ctl {

// `args`: what follows "sim" on the command line.
int simulate_lab(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace l3vpn::ctl
