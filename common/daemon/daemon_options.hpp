// Command-line options shared by l3vpn-pe, l3vpn-p and l3vpn-rr. Pure.
//
//   -f CONFIG            configuration file (required unless -h/--version)
//   --socket PATH        control socket (default /run/l3vpn/<hostname-or-role>.sock)
//   --check              parse and check the configuration, print it, exit
//   --name NODE          hostname when the configuration has none
//   --no-protocols       serve the configuration and CLI only, open no session
//   --log-level LEVEL    debug | info | warning | error (default info)
//   --bgp-port N         BGP's TCP port, listened on and connected to (default 179)
//   --kernel             program the Linux kernel (daemon/kernel_runtime.hpp)
//   --keep-fib           with --kernel: leave the routes in the kernel at exit
//   --inline-nexthops    with --kernel: each route carries its own next hop and
//                        encap, every request acked (default: shared nexthop
//                        objects, errors-only acks; kernel/netlink_fib.hpp)
//   --interface-map MAP  config name -> Linux name: "Gi0/0=eth1,..." or a file of pairs
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
  bool kernel = false;        // --kernel
  bool keep_fib = false;      // --keep-fib
  bool inline_nexthops = false;  // --inline-nexthops
  std::string interface_map;  // --interface-map: pairs (has '=') or a file name
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
