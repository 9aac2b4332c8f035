// `l3vpnctl lab verify`: the reachability matrix measured with ping between
// the lab's namespaces, compared with lab.yaml's expectations and, with
// --compare-sim, with what the simulator predicts for the same configs.
//
// Pure: the ping command line for a pair, the matrix rendering and the
// comparison; running the pings is the runner's job (lab_runner.cpp).
//
// Matrix glyphs (row reaches column), one per cell:
//   '!' reached, as expected        '.' no reply, as expected
//   'X' no reply, but must reach    '+' reached, but must not
//   '-' the diagonal
// On a terminal the expected cells are green / dim and the differing ones red.
#pragma once

#include <string>
#include <vector>

#include "config/lab.hpp"
#include "ctl/lab_plan.hpp"
#include "sim/matrix.hpp"

namespace l3vpn::ctl {

struct MeasuredCell {
  std::string from;
  std::string to;
  bool expected = false;
  bool reached = false;
  std::string detail;  // the ping's last output line when it failed
  bool as_expected() const { return reached == expected; }
};

struct MeasuredMatrix {
  std::vector<std::string> endpoints;  // row and column order: lab.yaml's
  std::vector<MeasuredCell> cells;     // row-major, diagonal left out
  std::size_t differ() const;
  const MeasuredCell* cell(std::string_view from, std::string_view to) const;
};

// `ip netns exec NS [ip vrf exec VRF] PING... -c COUNT -W 1 -I SOURCE DEST`:
// from the source endpoint's namespace, in its VRF (the daemons name the VRF
// device after the VRF), sourced from its address. `ping` is the program and
// its leading arguments ({"ping"} or {"busybox", "ping"}).
std::vector<std::string> ping_command(const PlannedNode& node, const config::ReachabilityEndpoint& from,
                                      const config::ReachabilityEndpoint& to, const std::vector<std::string>& ping,
                                      int count);

std::string render_measured_matrix(const MeasuredMatrix& matrix, bool colour);

// Cells where the simulator's prediction and the measurement disagree, one
// paragraph each: the pair, both results and the simulator's explanation
// (sim::explain_text). Empty when they agree everywhere.
std::vector<std::string> compare_with_simulator(const MeasuredMatrix& measured,
                                                const sim::ReachabilityMatrix& predicted);

}  // namespace l3vpn::ctl
