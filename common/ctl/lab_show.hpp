// `l3vpnctl lab show LABDIR`: what a lab is made of, for a person (nodes,
// links, the expected reachability matrix) or, with --nodes, one
// "NAME KIND CONFIG" line per node for scripts.
#pragma once

#include <ostream>
#include <string>

#include "config/lab.hpp"

namespace l3vpn::ctl {

// The expected matrix: one row per source endpoint, one column per
// destination, '!' must reach, '.' must fail (the glyphs of IOS ping).
void print_expected_matrix(const config::Lab& lab, std::ostream& out);

int show_lab(const std::string& directory, bool nodes_only, std::ostream& out, std::ostream& err);

}  // namespace l3vpn::ctl
