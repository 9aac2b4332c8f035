#include "daemon/daemon_options.hpp"

#include <exception>

namespace l3vpn::daemon {

OptionsParse parse_daemon_options(const std::vector<std::string>& args) {
  DaemonOptions options;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string arg = args[i];
    std::optional<std::string> inline_value;
    if (arg.rfind("--", 0) == 0) {
      const std::size_t eq = arg.find('=');
      if (eq != std::string::npos) {
        inline_value = arg.substr(eq + 1);
        arg.resize(eq);
      }
    }
    const auto value = [&](std::string& out) -> bool {
      if (inline_value) { out = *inline_value; return true; }
      if (i + 1 >= args.size()) return false;
      out = args[++i];
      return true;
    };
    if (arg == "-h" || arg == "--help") {
      options.help = true;
    } else if (arg == "--version") {
      options.version = true;
    } else if (arg == "--check") {
      options.check = true;
    } else if (arg == "-f" || arg == "--config") {
      if (!value(options.config_file) || options.config_file.empty()) {
        return {std::nullopt, "option " + arg + " needs a configuration file"};
      }
    } else if (arg == "--socket") {
      if (!value(options.socket_path) || options.socket_path.empty()) {
        return {std::nullopt, "option --socket needs a path"};
      }
    } else if (arg == "--name") {
      if (!value(options.node_name) || options.node_name.empty()) {
        return {std::nullopt, "option --name needs a node name"};
      }
    } else if (arg == "--no-protocols") {
      options.no_protocols = true;
    } else if (arg == "--kernel") {
      options.kernel = true;
    } else if (arg == "--keep-fib") {
      options.keep_fib = true;
    } else if (arg == "--inline-nexthops") {
      options.inline_nexthops = true;
    } else if (arg == "--interface-map") {
      if (!value(options.interface_map) || options.interface_map.empty()) {
        return {std::nullopt, "option --interface-map needs CONFIG=LINUX pairs or a file"};
      }
    } else if (arg == "--bgp-port") {
      std::string port;
      if (!value(port)) return {std::nullopt, "option --bgp-port needs a port number"};
      unsigned long number = 0;
      std::size_t used = 0;
      try {
        if (!port.empty() && port[0] >= '0' && port[0] <= '9') number = std::stoul(port, &used);
      } catch (const std::exception&) {
        used = 0;
      }
      if (used == 0 || used != port.size() || number == 0 || number > 65535) {
        return {std::nullopt, "bad BGP port '" + port + "' (1-65535)"};
      }
      options.bgp_port = static_cast<std::uint16_t>(number);
    } else if (arg == "--log-level") {
      std::string level;
      if (!value(level)) return {std::nullopt, "option --log-level needs a level"};
      const auto parsed = core::parse_log_level(level);
      if (!parsed) {
        return {std::nullopt, "unknown log level '" + level + "' (debug, info, warning, error)"};
      }
      options.log_level = *parsed;
    } else {
      return {std::nullopt, "unknown argument '" + args[i] + "'"};
    }
  }
  if (options.keep_fib && !options.kernel) return {std::nullopt, "--keep-fib needs --kernel"};
  if (options.inline_nexthops && !options.kernel) return {std::nullopt, "--inline-nexthops needs --kernel"};
  if (!options.help && !options.version && options.config_file.empty()) {
    return {std::nullopt, "missing -f CONFIG"};
  }
  return {options, {}};
}

std::string daemon_usage(std::string_view program) {
  const std::string p(program);
  return "Usage: " + p + " -f CONFIG [--socket PATH] [--name NODE] [--log-level LEVEL] [--bgp-port N]\n"
         "       " + p + " -f CONFIG --kernel [--keep-fib] [--interface-map MAP] ...\n"
         "       " + p + " --check -f CONFIG\n"
         "\n"
         "  -f, --config CONFIG  configuration file (IOS running-config syntax)\n"
         "  --socket PATH        control socket (default /run/l3vpn/<hostname>.sock)\n"
         "  --check              check the configuration for this role, print it, exit\n"
         "  --name NODE          hostname when the configuration has none (lab node name)\n"
         "  --log-level LEVEL    debug, info, warning or error (default info)\n"
         "  --bgp-port N         BGP's TCP port, listened on and connected to (default 179)\n"
         "  --no-protocols       configuration and CLI only: open no session (checking a\n"
         "                       config on a host that is not the router)\n"
         "  --kernel             program the Linux kernel: VRF devices, routes (proto 248),\n"
         "                       MPLS routes; removed again at SIGTERM\n"
         "  --keep-fib           with --kernel: leave them in the kernel at exit\n"
         "  --inline-nexthops    with --kernel: routes carry their own next hop and encap,\n"
         "                       every request acked (default: one shared nexthop object\n"
         "                       per label stack, only errors answered: far fewer kernel\n"
         "                       work per route)\n"
         "  --interface-map MAP  config interface -> Linux name: Gi0/0=eth1,Gi0/1=eth2\n"
         "                       or a file of such pairs (one a line, # comments)\n"
         "  -h, --help           this help\n"
         "  --version            print the version\n"
         "\n"
         "Signals: SIGHUP reloads the configuration (a bad one is refused and the\n"
         "old one stays; a changed router bgp resets the BGP sessions), SIGTERM/SIGINT\n"
         "stop the daemon (BGP sessions are closed with a Cease first).\n";
}

std::string default_socket_path(const config::Config& config, config::Role role) {
  const std::string name = config.hostname.empty() ? config::role_name(role) : config.hostname;
  return "/run/l3vpn/" + name + ".sock";
}

}  // namespace l3vpn::daemon
