// Configurations for tests: IOS text that must parse (every error is shown
// before the test stops), and the bundled labs' configs.
#pragma once

#include <doctest/doctest.h>

#include <string>

#include "config/parser.hpp"

namespace config_fixtures {

inline l3vpn::config::Config parse_ok(const std::string& text) {
  auto result = l3vpn::config::parse_config(text, "t.conf");
  for (const auto& e : result.errors) MESSAGE(e.to_string());
  REQUIRE(result.ok());
  return result.config;
}

// `path` relative to labs/: "inter-vrf-leaking/R1.conf".
inline l3vpn::config::Config lab_config(const std::string& path) {
  auto result = l3vpn::config::parse_config_file(std::string(L3VPN_SOURCE_DIR) + "/labs/" + path);
  for (const auto& e : result.errors) MESSAGE(e.to_string());
  REQUIRE(result.ok());
  return result.config;
}

}  // namespace config_fixtures
