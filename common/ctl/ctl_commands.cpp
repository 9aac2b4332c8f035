#include "ctl/ctl_commands.hpp"

#include <cstdio>
#include <set>

#include "cli/control_client.hpp"
#include "config/lab.hpp"
#include "daemon/config_loading.hpp"

namespace l3vpn::ctl {

std::optional<config::Role> parse_role(std::string_view text) {
  for (const auto role : {config::Role::ProviderEdge, config::Role::Provider,
                          config::Role::RouteReflector, config::Role::Host, config::Role::CustomerEdge}) {
    if (text == config::role_name(role)) return role;
  }
  return std::nullopt;
}

int exec_command(const std::string& socket_path, std::string_view line, std::ostream& out,
                 std::ostream& err) {
  const cli::ControlReply reply = cli::send_control_request(socket_path, line);
  if (!reply.result) {
    err << "l3vpnctl: " << reply.error << "\n";
    return kExitConnectionError;
  }
  if (!reply.result->ok) {
    err << reply.result->output;
    return kExitCliError;
  }
  out << reply.result->output;
  return kExitOk;
}

int check_config_file(const std::string& file, config::Role role, std::ostream& out,
                      std::ostream& err) {
  const daemon::LoadedConfig loaded = daemon::load_config_for_role(file, role);
  if (!loaded.ok()) {
    for (const auto& d : loaded.errors) err << d.to_string() << "\n";
    err << file << ": " << loaded.errors.size() << " error(s) for role " << config::role_name(role)
        << "\n";
    return kExitCliError;
  }
  out << config::render_running_config(loaded.config);
  return kExitOk;
}

int check_lab(const std::string& directory, std::ostream& out, std::ostream& err) {
  const config::LabLoadResult result = config::load_lab(directory);
  std::vector<config::Diagnostic> all = result.errors;
  std::set<std::string> seen;
  for (const auto& d : all) seen.insert(d.to_string());
  for (const auto& node : result.lab.nodes) {
    for (auto& d : config::check_role(node.config, node.kind)) {
      if (seen.insert(d.to_string()).second) all.push_back(std::move(d));
    }
  }
  out << "lab " << (result.lab.name.empty() ? "<unnamed>" : result.lab.name) << " (" << directory
      << ")\n";
  for (const auto& node : result.lab.nodes) {
    std::size_t errors = 0;
    for (const auto& d : all) {
      if (!d.where.file.empty() && d.where.file == node.config_path) ++errors;
    }
    char line[256];
    std::snprintf(line, sizeof line, "  %-10s %-5s hostname %-12s %s", node.name.c_str(),
                  config::role_name(node.kind),
                  node.config.hostname.empty() ? "<none>" : node.config.hostname.c_str(),
                  node.config_path.c_str());
    out << line << ": "
        << (errors == 0 ? std::string("ok") : std::to_string(errors) + " error(s)") << "\n";
  }
  for (const auto& d : all) err << d.to_string() << "\n";
  if (!all.empty()) {
    out << "FAILED: " << all.size() << " error(s)\n";
    return kExitCliError;
  }
  out << "OK: " << result.lab.nodes.size() << " node(s)\n";
  return kExitOk;
}

}  // namespace l3vpn::ctl
