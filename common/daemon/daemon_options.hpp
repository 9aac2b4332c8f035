// Command-line options shared by l3vpn-pe, l3vpn-p and l3vpn-rr. Pure.
//
//   -f CONFIG            configuration file (required unless -h/--version)
//   --socket PATH        control socket (default /run/l3vpn/<hostname-or-role>.sock)
//   --check              parse and check the configuration, print it, exit
//   --name NODE          hostname when the configuration has none
//   --log-level LEVEL    debug | info | warning | error (default info)
//   -h, --help           usage
//   --version            version
// "--socket=PATH" and "--log-level=LEVEL" are accepted too.
#pragma once

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
