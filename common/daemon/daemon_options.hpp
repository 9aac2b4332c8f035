// Command-line options shared by l3vpn-pe, l3vpn-p and l3vpn-rr. Pure.
//
//   -f CONFIG            configuration file (required unless -h/--version)
//   --socket PATH        control socket (default /run/l3vpn/<hostname-or-role>.sock)
//   --check              parse and check the configuration, print it, exit
//   --name NODE          hostname when the configuration has none
//   --no-protocols       serve the configuration and CLI only, open no session
//   --log-level LEVEL    debug | info | warning | error (default info)
//   --bgp-port N         BGP's TCP port, listened on and connected to (default 179)
//   -h, --help           usage
//   --version            version
// "--socket=PATH", "--log-level=LEVEL" and "--bgp-port=N" are accepted too.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/model.hpp"
#include "config/parser.hpp"
#include "core/log.hpp"

namespace l3vpn::daemon {

struct DaemonOptions {
  std::string config_file;
  std::string socket_path;  // empty: default_socket_path()
  std::string node_name;    // hostname when the config has none
  bool check = false;
  bool help = false;
  bool version = false;
  core::LogLevel log_level = core::LogLevel::Info;
  std::uint16_t bgp_port = 179;
  bool no_protocols = false;  // configuration and CLI only: no session is opened
};

struct OptionsParse {
  std::optional<DaemonOptions> options;
  std::string error;  // names the bad argument
};

// `args` without the program name.
OptionsParse parse_daemon_options(const std::vector<std::string>& args);
std::string daemon_usage(std::string_view program);
std::string default_socket_path(const config::Config& config, config::Role role);

}  // namespace l3vpn::daemon
