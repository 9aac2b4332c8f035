// Entry points of the configuration layer: text -> model (parse, with every
// error found, not only the first), model -> canonical running-config text
// (render), and the checks that depend on which daemon runs the config.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "config/model.hpp"

namespace l3vpn::config {

struct Diagnostic {
  SourceLocation where;
  std::string message;
  // "FILE:LINE:COL: error: MESSAGE", the form compilers use, so editors jump to it.
  std::string to_string() const;
};

struct ParseResult {
  Config config;                   // whatever could be understood, even with errors
  std::vector<Diagnostic> errors;  // syntax errors then cross-reference errors, in line order
  bool ok() const { return errors.empty(); }
};

// Parses and validates (cross references included). `file` names the source in
// diagnostics.
ParseResult parse_config(std::string_view text, const std::string& file);
// Reads the file, then parse_config(); a missing or unreadable file is one
// diagnostic at FILE:0:0.
ParseResult parse_config_file(const std::string& path);

// The canonical running-config, IOS order and indentation, ending with "end".
std::string render_running_config(const Config& config);

// CustomerEdge: a customer router in a lab (OSPF with its PE, in its global
// table; no MPLS, no VRFs, no BGP yet).
enum class Role { ProviderEdge, Provider, RouteReflector, Host, CustomerEdge };
const char* role_name(Role role);  // "pe", "p", "rr", "host", "ce"

// What a role cannot run, e.g. VRFs on a P router, BGP on a P router, LDP on a
// host. Located at the offending line.
std::vector<Diagnostic> check_role(const Config& config, Role role);

}  // namespace l3vpn::config
