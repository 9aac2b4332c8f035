#include "ctl/lab_shell.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>

#include "ctl/lab_runner.hpp"

namespace l3vpn::ctl {

namespace {

namespace fs = std::filesystem;

LabShellResolution refuse(std::string message, int exit_code) {
  LabShellResolution r;
  r.error = std::move(message);
  r.exit_code = exit_code;
  return r;
}

}  // namespace

LabShellResolution resolve_lab_shell(const LabPlan& plan, std::string_view node_name, bool namespace_present,
                                     const char* shell_env) {
  const PlannedNode* node = plan.find_node(node_name);
  if (node == nullptr) {
    std::string names;
    for (const PlannedNode& n : plan.nodes) names += (names.empty() ? "" : ", ") + n.name;
    return refuse("lab shell: no node " + std::string(node_name) + " in lab " + plan.lab + " (nodes: " + names + ")",
                  2);
  }
  if (!namespace_present)
    return refuse("lab shell: lab " + plan.lab + " is not up (no namespace " + node->netns + "): `l3vpnctl lab up " +
                      plan.directory + "` first",
                  1);
  LabShellResolution r;
  LabShellTarget target;
  if (node->program == NodeProgram::Daemon) {
    target.kind = LabShellTarget::Kind::DaemonCli;
    target.socket_path = node->socket_path;
  } else {
    target.kind = LabShellTarget::Kind::NamespaceShell;
    const std::string shell = shell_env != nullptr && *shell_env != '\0' ? shell_env : "/bin/sh";
    // The prompt names the node, so two host shells side by side stay apart.
    target.argv = {"ip", "netns", "exec", node->netns, "env", "PS1=" + node->name + "$ ", shell};
  }
  r.target = std::move(target);
  return r;
}

int lab_shell_command(const std::vector<std::string>& args, const std::function<int(const std::string&)>& daemon_cli,
                      std::ostream& out, std::ostream& err) {
  if (args.size() != 3) {
    err << "l3vpnctl: usage: lab shell LABDIR NODE\n";
    return 2;
  }
  const auto planned = load_lab_plan(args[1], err);
  if (!planned) return 1;
  const PlannedNode* node = planned->find_node(args[2]);
  const bool present = node != nullptr && fs::exists("/run/netns/" + node->netns);
  const LabShellResolution resolved = resolve_lab_shell(*planned, args[2], present, std::getenv("SHELL"));
  if (!resolved.target) {
    err << "l3vpnctl: " << resolved.error << "\n";
    return resolved.exit_code;
  }
  const LabShellTarget& target = *resolved.target;
  if (target.kind == LabShellTarget::Kind::DaemonCli) {
    std::error_code ec;
    if (!fs::exists(target.socket_path, ec)) {
      err << "l3vpnctl: lab shell: " << node->name << "'s daemon is not running (no socket " << target.socket_path
          << "); its log: " << node->log_path << "\n";
      return 1;
    }
    return daemon_cli(target.socket_path);
  }
  out.flush();
  std::vector<std::string> argv = target.argv;
  std::vector<char*> c_argv;
  for (std::string& a : argv) c_argv.push_back(a.data());
  c_argv.push_back(nullptr);
  ::execvp(c_argv[0], c_argv.data());
  err << "l3vpnctl: lab shell: cannot run `ip netns exec`: " << std::strerror(errno) << "\n";
  return 1;
}

}  // namespace l3vpn::ctl
