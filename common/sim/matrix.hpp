// The reachability matrix of `l3vpnctl sim --matrix`: a ping (echo and
// reply, packet_walk.hpp) for every ordered pair of the lab's reachability
// endpoints, compared with what lab.yaml expects (the `expect` lists; a pair
// not listed must fail; an endpoint to itself is skipped).
//
// Text rendering: rows are sources, columns destinations, in the endpoints'
// order; a cell is "ok" or "fail", with "!" when it differs from the
// expectation ("ok!": reachable but should not be; "FAIL!": should be
// reachable and is not), "-" on the diagonal. Then the summary line
//   matrix: 42 pairs as expected, 0 differ
// and one line per differing pair with the reason. JSON carries the same.
// Pure: no I/O; single-threaded over a const Dataplane.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "config/lab.hpp"
#include "sim/packet_walk.hpp"

namespace l3vpn::sim {

struct NamedEndpoint {
  std::string name;
  Endpoint endpoint;
};

struct MatrixCell {
  std::string from;
  std::string to;
  bool expected = false;
  PingResult result;
  bool reachable() const { return result.ok(); }
  bool as_expected() const { return reachable() == expected; }
};

struct ReachabilityMatrix {
  std::vector<std::string> endpoints;  // row and column order
  std::vector<MatrixCell> cells;       // row-major, diagonal left out
  std::size_t as_expected = 0;
  std::size_t differ = 0;
  bool all_as_expected() const { return differ == 0; }
  const MatrixCell* cell(std::string_view from, std::string_view to) const;
};

// `expect`: endpoint name -> the endpoints it must reach (config::Lab::expect).
ReachabilityMatrix compute_matrix(const Dataplane& dataplane, const std::vector<NamedEndpoint>& endpoints,
                                  const std::map<std::string, std::vector<std::string>>& expect);
// The lab's endpoints and expectations.
ReachabilityMatrix compute_matrix(const Dataplane& dataplane, const config::Lab& lab);

std::string render_matrix_text(const ReachabilityMatrix& matrix);
std::string render_matrix_json(const ReachabilityMatrix& matrix);

}  // namespace l3vpn::sim
