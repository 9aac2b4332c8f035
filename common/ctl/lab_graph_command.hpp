// `l3vpnctl lab graph LABDIR [--out DIR] [--no-sim]`: writes three pictures
// of a lab, named after the lab (lab.yaml's `name`):
//
//   DIR/<lab>.dot          Graphviz DOT (lab_graph_dot.hpp)
//   DIR/<lab>.svg          the same topology drawn by our own code (lab_graph_svg.hpp)
//   DIR/<lab>-matrix.svg   the reachability matrix (lab_matrix_svg.hpp), with
//                          the simulator's prediction as the measurement
//                          unless --no-sim
//
// DIR defaults to the current directory, as `dot -o` or a compiler would:
// a lab folder is source (and read-only inside the VM sandbox), so nothing is
// written there unless asked with --out. DIR is created when missing.
//
// Edge code: reads the lab, runs the simulator in this process (milliseconds
// for the seed lab), writes files. Threads: one. Failure: never throws; a lab
// with errors prints them and exits 1, a file that cannot be written names
// itself and exits 1; usage errors exit 2.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace l3vpn::ctl {

// `args`: "graph" and what follows it.
int lab_graph_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

// A lab name as a file name: characters other than letters, digits, '.', '-'
// and '_' become '_' (a name cannot climb out of DIR); empty gives "lab".
std::string graph_file_stem(const std::string& lab_name);

}  // namespace l3vpn::ctl
