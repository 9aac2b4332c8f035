// Loading a daemon's configuration: parse the file, then the checks of the
// daemon's role. Pure apart from reading the file; never throws on bad input.
#pragma once

#include <string>
#include <vector>

#include "config/parser.hpp"

namespace l3vpn::daemon {

struct LoadedConfig {
  config::Config config;
  std::vector<config::Diagnostic> errors;  // parse errors, then role errors
  bool ok() const { return errors.empty(); }
};

// `node_name` becomes the hostname when the config has none (the lab node's
// name: the seed's configs carry no hostname line, IOS would say "Router").
LoadedConfig load_config_for_role(const std::string& path, config::Role role,
                                  const std::string& node_name = {});
LoadedConfig check_config_text(const std::string& text, const std::string& file, config::Role role);

}  // namespace l3vpn::daemon
