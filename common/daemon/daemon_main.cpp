#include "daemon/daemon_main.hpp"

#include <sys/stat.h>

#include <csignal>
#include <exception>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "daemon/config_loading.hpp"
#include "daemon/daemon.hpp"
#include "daemon/daemon_options.hpp"

namespace l3vpn::daemon {

namespace {

int check_only(const DaemonOptions& options, config::Role role) {
  const LoadedConfig loaded = load_config_for_role(options.config_file, role, options.node_name);
  if (!loaded.ok()) {
    for (const auto& error : loaded.errors) std::cerr << error.to_string() << "\n";
    std::cerr << options.config_file << ": " << loaded.errors.size()
              << " error(s) for role " << config::role_name(role) << "\n";
    return 1;
  }
  std::cout << config::render_running_config(loaded.config);
  return 0;
}

// --interface-map: pairs when the value has '=', else the name of a file of them.
std::optional<InterfaceMap> interface_map(const std::string& value, std::string& error) {
  std::string text = value;
  if (value.find('=') == std::string::npos) {
    std::ifstream in(value);
    if (!in) {
      error = "cannot read interface map file " + value;
      return std::nullopt;
    }
    std::ostringstream all;
    all << in.rdbuf();
    text = all.str();
  }
  InterfaceMapParse parsed = parse_interface_map(text);
  if (!parsed.error.empty()) {
    error = parsed.error;
    return std::nullopt;
  }
  return parsed.map;
}

int run(const DaemonOptions& options, config::Role role, const char* name) {
  const core::Logger log(name, options.log_level);
  LoadedConfig loaded = load_config_for_role(options.config_file, role, options.node_name);
  if (!loaded.ok()) {
    for (const auto& error : loaded.errors) log.error(error.to_string());
    log.error("not starting: " + std::to_string(loaded.errors.size()) + " error(s) in " +
              options.config_file);
    return 1;
  }
  std::string socket_path = options.socket_path;
  if (socket_path.empty()) {
    socket_path = default_socket_path(loaded.config, role);
    ::mkdir("/run/l3vpn", 0755);  // the default directory; an error shows at bind
  }
  KernelOptions kernel{};
  kernel.enabled = options.kernel;
  kernel.keep_fib = options.keep_fib;
  kernel.nexthop_objects = !options.inline_nexthops;
  if (!options.interface_map.empty()) {
    std::string error;
    auto map = interface_map(options.interface_map, error);
    if (!map) {
      log.error("not starting: " + error);
      return 1;
    }
    kernel.interfaces = std::move(*map);
  }
  std::signal(SIGPIPE, SIG_IGN);
  const core::SystemClock clock;
  Daemon daemon(DaemonSetup{name, role, options.config_file, options.node_name, socket_path,
                            std::move(loaded.config), options.bgp_port, !options.no_protocols, std::move(kernel)},
                clock, log);
  return daemon.run();
}

}  // namespace

int daemon_main(config::Role role, const char* name, int argc, char** argv) {
  try {
    std::vector<std::string> args(argv + 1, argv + argc);
    const OptionsParse parsed = parse_daemon_options(args);
    if (!parsed.options) {
      std::cerr << name << ": " << parsed.error << "\n" << daemon_usage(name);
      return 2;
    }
    const DaemonOptions& options = *parsed.options;
    if (options.help) {
      std::cout << daemon_usage(name);
      return 0;
    }
    if (options.version) {
      std::cout << name << " version " << L3VPN_VERSION << "\n";
      return 0;
    }
    if (options.check) return check_only(options, role);
    return run(options, role, name);
  } catch (const std::exception& e) {
    std::cerr << name << ": fatal: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace l3vpn::daemon
