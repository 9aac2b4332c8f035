// `l3vpnctl lab graph`: the reachability matrix as a picture (SVG).
//
// Rows are sources, columns destinations, in lab.yaml's endpoint order; every
// one of the N*N cells is a <rect class="cell ..."> with data-from/data-to:
//   "cell self"   the diagonal, grey, "-"
//   "cell reach"  lab.yaml says the row must reach the column: green, "!"
//   "cell fail"   every other pair must fail: light red, "."
// When a measured matrix goes with it (the simulator's prediction, or live
// pings), a cell where the measurement differs from the expectation also
// gets the class "differ", a thick dark red outline and the glyph of
// `lab verify`: "X" no reply but must reach, "+" reached but must not; a
// measured cell that agrees keeps "!" / ".". Each cell has a <title> tooltip
// (pair, expectation, measurement and its note). Column headers are the
// endpoint names turned 50 degrees; a legend and a summary line
// ("simulator: 42 pairs as expected, 0 differ") close the picture.
//
// Pure: no I/O; every name XML-escaped; deterministic.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "config/lab.hpp"
#include "ctl/lab_runner_verify.hpp"
#include "sim/matrix.hpp"

namespace l3vpn::ctl {

struct MatrixPictureCell {
  bool expected = false;          // lab.yaml: must reach
  std::optional<bool> measured;   // reached? nothing when not measured (or the diagonal)
  std::string note;               // why it failed, for the tooltip
  bool differs() const { return measured.has_value() && *measured != expected; }
};

struct MatrixPicture {
  std::string title;                 // "lab inter-vrf-leaking: reachability"
  std::string measured_by;           // "simulator", "live ping"; empty when nothing was measured
  std::vector<std::string> endpoints;
  std::vector<std::vector<MatrixPictureCell>> cells;  // [from][to], N x N; the diagonal is never measured

  std::size_t differ() const;
};

// The expectations of lab.yaml, and the measurement when one is given.
MatrixPicture matrix_picture(const config::Lab& lab, const sim::ReachabilityMatrix* predicted);
MatrixPicture matrix_picture(const config::Lab& lab, const MeasuredMatrix& live);

std::string render_matrix_svg(const MatrixPicture& picture);

}  // namespace l3vpn::ctl
