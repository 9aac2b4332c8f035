#include "ctl/sim_command.hpp"

#include <chrono>
#include <cstdio>
#include <memory>
#include <optional>

#include "config/lab.hpp"
#include "core/log.hpp"
#include "ctl/ctl_commands.hpp"
#include "sim/dataplane_fill.hpp"
#include "sim/lab_sim.hpp"
#include "sim/matrix.hpp"
#include "sim/packet_walk_explain.hpp"
#include "sim/sim_cli.hpp"

namespace l3vpn::ctl {
namespace {

struct SimOptions {
  std::string directory;
  std::vector<std::pair<std::string, std::string>> execs;  // node, line
  bool tables = false;
  bool matrix = false;
  std::optional<std::pair<std::string, std::string>> explain;
  bool json = false;
};

std::string trim(std::string s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  const auto last = s.find_last_not_of(" \t");
  return s.substr(first, last - first + 1);
}

// Parses the arguments; an error message when they are wrong.
std::optional<std::string> parse(const std::vector<std::string>& args, SimOptions& o) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--exec") {
      if (i + 1 >= args.size()) return "--exec needs 'NODE: COMMAND'";
      const std::string& spec = args[++i];
      const auto colon = spec.find(':');
      if (colon == std::string::npos || trim(spec.substr(0, colon)).empty() || trim(spec.substr(colon + 1)).empty())
        return "--exec '" + spec + "': expected 'NODE: COMMAND'";
      o.execs.emplace_back(trim(spec.substr(0, colon)), trim(spec.substr(colon + 1)));
    } else if (a == "--tables") {
      o.tables = true;
    } else if (a == "--matrix") {
      o.matrix = true;
    } else if (a == "--explain") {
      if (i + 2 >= args.size()) return "--explain needs FROM and TO";
      o.explain = std::make_pair(args[i + 1], args[i + 2]);
      i += 2;
    } else if (a == "--json") {
      o.json = true;
    } else if (!a.empty() && a[0] == '-') {
      return "unknown option '" + a + "'";
    } else if (o.directory.empty()) {
      o.directory = a;
    } else {
      return "unexpected argument '" + a + "'";
    }
  }
  if (o.directory.empty()) return "sim needs LABDIR";
  if (o.execs.empty() && !o.tables && !o.matrix && !o.explain) o.tables = o.matrix = true;
  return std::nullopt;
}

std::string seconds_text(core::Duration d) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f",
                std::chrono::duration_cast<std::chrono::duration<double>>(d).count());
  return buffer;
}

// One CLI line on one node, printed under a "NODE# LINE" prompt as on a console.
bool exec_on(sim::LabSim& lab, const sim::Dataplane& dataplane, const std::string& node, const std::string& line,
             bool json, std::ostream& out, std::ostream& err) {
  if (!lab.has(node)) {
    err << "l3vpnctl: sim: --exec: no node '" << node << "' in lab " << lab.lab().name << "\n";
    return false;
  }
  sim::RouterCli cli(lab.router(node), &dataplane);
  const bool ping = line.rfind("ping", 0) == 0;  // ping has no JSON form
  const std::string full = json && !ping ? line + " json" : line;
  cli::CommandResult result = cli.run(full);
  if (!json) out << node << "#" << line << "\n";
  out << result.output;
  if (!json) out << "\n";
  return result.ok;
}

// The lab.yaml reachability endpoint called `name`.
std::optional<sim::Endpoint> find_endpoint(const config::Lab& lab, const std::string& name) {
  for (const config::ReachabilityEndpoint& e : lab.endpoints)
    if (e.name == name) return sim::Endpoint{e.node, e.vrf, e.address};
  return std::nullopt;
}

}  // namespace

int simulate_lab(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  SimOptions o;
  if (auto problem = parse(args, o)) {
    err << "l3vpnctl: sim: " << *problem << "\n"
        << "usage: l3vpnctl sim LABDIR [--exec 'NODE: COMMAND']... [--tables] [--matrix] [--explain FROM TO] [--json]\n";
    return 2;  // usage error, as the other commands
  }
  const config::LabLoadResult loaded = config::load_lab(o.directory);
  if (!loaded.ok()) {
    for (const auto& d : loaded.errors) err << d.to_string() << "\n";
    err << "lab " << o.directory << ": " << loaded.errors.size() << " error(s); see 'l3vpnctl lab check'\n";
    return kExitCliError;
  }
  // --explain's endpoints are checked before the simulation runs.
  std::optional<sim::Endpoint> from, to;
  if (o.explain) {
    from = find_endpoint(loaded.lab, o.explain->first);
    to = find_endpoint(loaded.lab, o.explain->second);
    for (const auto& [name, found] : {std::pair{o.explain->first, from.has_value()},
                                      std::pair{o.explain->second, to.has_value()}}) {
      if (found) continue;
      err << "l3vpnctl: sim: --explain: no reachability endpoint '" << name << "' in lab " << loaded.lab.name
          << " (see lab.yaml reachability.endpoints)\n";
      return 2;
    }
  }
  core::Logger log("sim", core::LogLevel::Warning);
  const auto wall_start = std::chrono::steady_clock::now();
  sim::LabSim lab(loaded.lab, log);
  lab.start();
  const sim::ConvergeResult converged = lab.converge();
  const auto wall = std::chrono::steady_clock::now() - wall_start;
  bool ok = converged.converged;
  if (!o.json) {
    out << "! lab " << loaded.lab.name << ": "
        << (converged.converged ? "converged" : "NOT converged (" + converged.waiting_for + ")") << " after "
        << seconds_text(converged.simulated) << " s simulated, "
        << std::chrono::duration_cast<std::chrono::milliseconds>(wall).count() << " ms wall, " << converged.events
        << " events\n\n";
  }
  // The forwarding state, for ping, --matrix and --explain.
  const sim::Dataplane dataplane = sim::build_dataplane(lab);
  for (const auto& [node, line] : o.execs) ok = exec_on(lab, dataplane, node, line, o.json, out, err) && ok;
  if (o.tables) {
    for (const auto& [name, router] : lab.routers()) {
      if (router->role != config::Role::ProviderEdge) continue;
      for (const config::Vrf& vrf : router->config.vrfs)
        ok = exec_on(lab, dataplane, name, "show ip route vrf " + vrf.name, o.json, out, err) && ok;
    }
  }
  if (o.matrix || o.explain) {
    if (o.matrix) {
      // Exit 1 when a pair does not do what lab.yaml expects.
      const sim::ReachabilityMatrix matrix = sim::compute_matrix(dataplane, loaded.lab);
      out << (o.json ? sim::render_matrix_json(matrix) : sim::render_matrix_text(matrix));
      ok = matrix.all_as_expected() && ok;
    }
    if (o.explain) {
      // Exit 1 when the ping fails, as ping does.
      const sim::PingResult result = sim::ping(dataplane, *from, *to);
      const auto& [from_name, to_name] = *o.explain;
      out << (o.json ? sim::explain_json(from_name, to_name, result)
                     : sim::explain_text(from_name, to_name, result));
      ok = result.ok() && ok;
    }
  }
  return ok ? kExitOk : kExitCliError;
}

}  // namespace l3vpn::ctl
