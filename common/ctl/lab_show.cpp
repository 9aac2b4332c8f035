#include "ctl/lab_show.hpp"

#include <algorithm>
#include <iomanip>

#include "ctl/ctl_commands.hpp"

namespace l3vpn::ctl {

void print_expected_matrix(const config::Lab& lab, std::ostream& out) {
  std::size_t width = 4;
  for (const auto& e : lab.endpoints) width = std::max(width, e.name.size());
  // Columns are numbered so that the header stays one line however long the names are.
  out << std::setw(static_cast<int>(width + 3)) << "";
  for (std::size_t i = 0; i < lab.endpoints.size(); ++i) out << std::setw(3) << i + 1;
  out << "\n";
  for (std::size_t row = 0; row < lab.endpoints.size(); ++row) {
    const auto& from = lab.endpoints[row];
    out << std::setw(2) << row + 1 << " " << std::left << std::setw(static_cast<int>(width)) << from.name
        << std::right;
    for (const auto& to : lab.endpoints) {
      char glyph = from.name == to.name ? '-' : lab.expects(from.name, to.name) ? '!' : '.';
      out << "  " << glyph;
    }
    out << "\n";
  }
  out << "(row reaches column: '!' must succeed, '.' must fail)\n";
}

int show_lab(const std::string& directory, bool nodes_only, std::ostream& out, std::ostream& err) {
  const config::LabLoadResult result = config::load_lab(directory);
  if (!result.ok()) {
    for (const auto& d : result.errors) err << d.to_string() << "\n";
    err << "lab " << directory << ": " << result.errors.size() << " error(s); see 'l3vpnctl lab check'\n";
    return kExitCliError;
  }
  const config::Lab& lab = result.lab;
  if (nodes_only) {
    for (const auto& node : lab.nodes)
      out << node.name << " " << config::role_name(node.kind) << " " << node.config_path << "\n";
    return kExitOk;
  }
  out << "lab " << lab.name << " (" << directory << ")\n\nnodes:\n";
  // Columns as wide as the longest name plus a space ("firewall host", not "firewallhost").
  std::size_t node_width = 7;
  for (const auto& node : lab.nodes) node_width = std::max(node_width, node.name.size());
  for (const auto& node : lab.nodes) {
    out << "  " << std::left << std::setw(static_cast<int>(node_width + 1)) << node.name << std::setw(6)
        << config::role_name(node.kind) << std::right << node.config_path << "\n";
  }
  out << "\nlinks:\n";
  for (const auto& link : lab.links) {
    out << "  " << link.a.node << ":" << link.a.interface << " <-> " << link.b.node << ":"
        << link.b.interface << "\n";
  }
  out << "\nreachability endpoints:\n";
  std::size_t endpoint_width = 15;
  for (const auto& e : lab.endpoints) endpoint_width = std::max(endpoint_width, e.name.size());
  for (std::size_t i = 0; i < lab.endpoints.size(); ++i) {
    const auto& e = lab.endpoints[i];
    out << std::setw(4) << i + 1 << " " << std::left << std::setw(static_cast<int>(endpoint_width + 1)) << e.name
        << std::right << e.node
        << (e.vrf.empty() ? "" : " vrf " + e.vrf) << " " << e.address.to_string() << "\n";
  }
  out << "\nexpected matrix:\n";
  print_expected_matrix(lab, out);
  return kExitOk;
}

}  // namespace l3vpn::ctl
