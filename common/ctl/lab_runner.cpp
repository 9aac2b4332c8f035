#include "ctl/lab_runner.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <thread>

#include "cli/control_client.hpp"
#include "cli/json_reader.hpp"
#include "core/log.hpp"
#include "ctl/ctl_commands.hpp"
#include "ctl/lab_matrix_svg.hpp"
#include "ctl/lab_runner_converge.hpp"
#include "ctl/lab_runner_process.hpp"
#include "ctl/lab_runner_state.hpp"
#include "ctl/lab_runner_verify.hpp"
#include "ctl/lab_vm_session.hpp"
#include "sim/dataplane_fill.hpp"
#include "sim/lab_sim.hpp"
#include "sim/sim_cli.hpp"

namespace l3vpn::ctl {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr int kExitUsage = 2;

struct UpOptions {
  std::string directory;
  int timeout_seconds = 120;
  bool no_kernel = false;
  std::string bin_dir;
};

std::string joined(const std::vector<std::string>& argv) {
  std::string out;
  for (const std::string& a : argv) out += (out.empty() ? "" : " ") + a;
  return out;
}

std::string last_line(const std::string& text) {
  std::string t = text;
  while (!t.empty() && (t.back() == '\n' || t.back() == '\r')) t.pop_back();
  const std::size_t nl = t.rfind('\n');
  return nl == std::string::npos ? t : t.substr(nl + 1);
}

// One step of `up`: the command, and its own message when it fails.
bool step(const std::vector<std::string>& argv, std::ostream& err) {
  const CommandOutput r = run_command(argv);
  if (r.status == 0) return true;
  err << "l3vpnctl: lab: `" << joined(argv) << "` failed (exit " << r.status << "): " << last_line(r.output)
      << "\n";
  return false;
}

bool namespace_exists(const std::string& name) { return fs::exists("/run/netns/" + name); }

// Daemons: next to l3vpnctl (an install), in the build tree's role folders
// (build/labs/l3vpnctl, build/pe/l3vpn-pe), or on PATH.
std::string find_daemon(const std::string& name, const std::string& bin_dir) {
  std::vector<fs::path> candidates;
  if (!bin_dir.empty()) candidates.push_back(fs::path(bin_dir) / name);
  if (const char* env = std::getenv("L3VPN_BIN_DIR"); env != nullptr && *env != '\0')
    candidates.push_back(fs::path(env) / name);
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const std::string role = name.substr(name.find('-') + 1);  // l3vpn-pe -> pe
    candidates.push_back(self.parent_path() / name);
    candidates.push_back(self.parent_path().parent_path() / role / name);
  }
  for (const fs::path& p : candidates)
    if (::access(p.c_str(), X_OK) == 0) return p.string();
  return name;  // PATH
}

bool daemon_has_kernel_option(const std::string& binary) {
  const CommandOutput help = run_command({binary, "--help"});
  return help.output.find("--kernel") != std::string::npos && help.output.find("--interface-map") != std::string::npos;
}

std::vector<std::string> ping_program() {
  if (run_command({"ping", "-V"}).status != 127) return {"ping"};
  return {"busybox", "ping"};
}

// Addresses and static routes put in place by the runner (hosts; routers
// whose daemon does not program the kernel).
bool apply_addresses_and_routes(const PlannedNode& node, std::ostream& out, std::ostream& err) {
  for (const PlannedInterface& i : node.interfaces) {
    if (i.addresses.empty()) continue;
    if (!i.vrf.empty()) {
      out << "  " << node.name << ": " << i.config_name << " is in VRF " << i.vrf
          << ": left to the daemon's --kernel\n";
      continue;
    }
    std::string device = i.linux_name;
    if (i.loopback) {
      device = "lo";  // a global loopback address on lo: no dummy module needed
    } else if (!i.linked) {
      out << "  " << node.name << ": " << i.config_name << " is on no link: its addresses are not applied\n";
      continue;
    }
    for (const config::Ipv4Prefix& a : i.addresses) {
      const std::string prefix = a.address.to_string() + "/" + std::to_string(i.loopback ? 32 : a.length);
      if (!step({"ip", "-n", node.netns, "addr", "add", prefix, "dev", device}, err)) return false;
    }
    if (i.shutdown && !i.loopback) step({"ip", "-n", node.netns, "link", "set", device, "down"}, err);
  }
  for (const PlannedRoute& r : node.routes) {
    std::vector<std::string> argv{"ip", "-n", node.netns, "route", "add"};
    if (r.blackhole) {
      argv.insert(argv.end(), {"blackhole", r.prefix.to_string()});
    } else {
      argv.push_back(r.prefix.to_string());
      if (!r.via.empty()) argv.insert(argv.end(), {"via", r.via});
      if (!r.device.empty()) argv.insert(argv.end(), {"dev", r.device});
    }
    if (!step(argv, err)) return false;
  }
  return true;
}

std::optional<UpOptions> parse_up(const std::vector<std::string>& args, std::ostream& err) {
  UpOptions o;
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--timeout" && i + 1 < args.size()) {
      o.timeout_seconds = std::atoi(args[++i].c_str());
      if (o.timeout_seconds <= 0) {
        err << "l3vpnctl: lab up: --timeout needs a number of seconds\n";
        return std::nullopt;
      }
    } else if (a == "--no-kernel") {
      o.no_kernel = true;
    } else if (a == "--bin-dir" && i + 1 < args.size()) {
      o.bin_dir = args[++i];
    } else if (o.directory.empty() && a.rfind("--", 0) != 0) {
      o.directory = a;
    } else {
      err << "l3vpnctl: lab up: unexpected argument '" << a << "'\n";
      return std::nullopt;
    }
  }
  if (o.directory.empty()) {
    err << "l3vpnctl: lab up needs LABDIR\n";
    return std::nullopt;
  }
  return o;
}

DaemonAnswers ask(const PlannedNode& node, bool kernel) {
  DaemonAnswers a;
  const auto timeout = std::chrono::milliseconds(2000);
  auto query = [&](const std::string& line) -> std::optional<std::string> {
    const cli::ControlReply reply = cli::send_control_request(node.socket_path, line, timeout);
    if (!reply.result) {
      a.unreachable = reply.error;
      return std::nullopt;
    }
    return reply.result->output;
  };
  if (!node.converge.ospf_interfaces.empty()) a.ospf_neighbors = query("show ip ospf neighbor json");
  if (a.unreachable.empty() && node.converge.bgp) a.bgp_summary = query("show ip bgp summary json");
  if (a.unreachable.empty() && node.converge.ldp_peers > 0) a.ldp_neighbors = query("show mpls ldp neighbor json");
  for (const auto& [vrf, prefixes] : node.converge.routes) {
    if (!a.unreachable.empty()) break;
    if (auto table = query(vrf.empty() ? std::string("show ip route json") : "show ip route vrf " + vrf + " json"))
      a.route_tables[vrf] = *table;
  }
  if (a.unreachable.empty() && kernel) a.fib_drift = query("show fib drift");
  if (a.unreachable.empty() && !a.ospf_neighbors && !a.bgp_summary && !a.ldp_neighbors) query("show version");
  return a;
}

// Polls every daemon until nothing is pending or the timeout; a progress line
// on a terminal, a line per change otherwise.
bool wait_converged(const LabPlan& plan, const RunState& state, const std::set<std::string>& kernel_nodes,
                    int timeout_seconds, std::ostream& out, std::ostream& err) {
  const bool tty = ::isatty(STDOUT_FILENO) != 0;
  const auto start = Clock::now();
  const auto deadline = start + std::chrono::seconds(timeout_seconds);
  std::size_t routers = 0;
  for (const PlannedNode& n : plan.nodes) routers += n.program == NodeProgram::Daemon ? 1 : 0;
  std::string last_progress;
  for (;;) {
    std::vector<std::string> pending;
    std::size_t ready = 0;
    for (const PlannedNode& n : plan.nodes) {
      if (n.program != NodeProgram::Daemon) continue;
      for (const RecordedDaemon& d : state.daemons) {
        if (d.node == n.name && child_exited(d.pid)) {
          err << "l3vpnctl: lab up: " << n.name << "'s daemon (pid " << d.pid << ") exited; its log, "
              << n.log_path << ", ends with:\n";
          const CommandOutput tail = run_command({"tail", "-n", "5", n.log_path});
          err << tail.output;
          return false;
        }
      }
      const std::vector<std::string> p = convergence_pending(n, ask(n, kernel_nodes.count(n.name) != 0));
      ready += p.empty() ? 1 : 0;
      pending.insert(pending.end(), p.begin(), p.end());
    }
    const auto elapsed = std::chrono::duration_cast<std::chrono::seconds>(Clock::now() - start).count();
    const std::string progress = "converging: " + std::to_string(ready) + "/" + std::to_string(routers) +
                                 " routers ready" + (pending.empty() ? "" : ", waiting for " + pending.front());
    if (tty) {
      out << "\r\033[K" << progress << " (" << elapsed << " s)" << std::flush;
    } else if (progress != last_progress) {
      out << progress << " (" << elapsed << " s)\n";
    }
    last_progress = progress;
    if (pending.empty()) {
      if (tty) out << "\n";
      out << "lab " << plan.lab << ": converged after " << elapsed << " s\n";
      return true;
    }
    if (Clock::now() >= deadline) {
      if (tty) out << "\n";
      err << "l3vpnctl: lab up: not converged after " << timeout_seconds << " s; pending:\n";
      for (const std::string& p : pending) err << "  " << p << "\n";
      err << "(the lab stays up: look with `l3vpnctl lab exec`, remove it with `l3vpnctl lab down " << plan.directory
          << "`)\n";
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
}

// What every router's tables must hold once converged: the simulator's
// answer to `show ip route [vrf V] json` on the same configs.
void predict_routes(const config::Lab& lab, LabPlan& plan, std::ostream& out) {
  core::Logger log("sim", core::LogLevel::Warning);
  sim::LabSim simulated(lab, log);
  simulated.start();
  const sim::ConvergeResult converged = simulated.converge();
  if (!converged.converged) {
    out << "lab " << plan.lab << ": the simulator does not converge (" << converged.waiting_for
        << "): routes are not waited for\n";
    return;
  }
  for (PlannedNode& n : plan.nodes) {
    if (n.program != NodeProgram::Daemon || !simulated.has(n.name)) continue;
    const sim::RouterCli cli(simulated.router(n.name));
    std::vector<std::string> vrfs{""};
    for (const config::Vrf& v : simulated.router(n.name).config.vrfs) vrfs.push_back(v.name);
    for (const std::string& vrf : vrfs) {
      const cli::CommandResult r =
          cli.run(vrf.empty() ? std::string("show ip route json") : "show ip route vrf " + vrf + " json");
      const cli::JsonParseResult parsed = cli::parse_json(r.output);
      const cli::JsonValue* routes = parsed.value ? parsed.value->find("routes") : nullptr;
      if (!r.ok || routes == nullptr) continue;
      std::vector<std::string>& prefixes = n.converge.routes[vrf];
      for (const cli::JsonValue& route : routes->items)
        if (const cli::JsonValue* prefix = route.find("prefix"); prefix != nullptr) prefixes.push_back(prefix->string);
    }
  }
}

int lab_up(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const auto options = parse_up(args, err);
  if (!options) return kExitUsage;
  auto planned = load_lab_plan(options->directory, err);
  if (!planned) return kExitCliError;
  LabPlan& plan = *planned;
  predict_routes(config::load_lab(options->directory).lab, plan, out);
  std::set<std::string> kernel_nodes;
  std::error_code ec;
  fs::create_directories(plan.run_dir, ec);
  if (ec) {
    err << "l3vpnctl: lab up: cannot create " << plan.run_dir << ": " << ec.message() << "\n";
    return kExitCliError;
  }
  for (const PlannedNode& n : plan.nodes) {
    if (namespace_exists(n.netns)) {
      err << "l3vpnctl: lab up: namespace " << n.netns << " exists: the lab is up already (`l3vpnctl lab down "
          << plan.directory << "` first)\n";
      return kExitCliError;
    }
  }
  const std::string state_path = plan.state_path();
  const auto failed = [&] {
    err << "(what was made stays: remove it with `l3vpnctl lab down " << plan.directory << "`)\n";
    return kExitCliError;
  };
  { std::ofstream truncate(state_path, std::ios::trunc); }
  append_run_state(state_path, "lab " + plan.lab + " " + plan.directory);

  // Namespaces first, each recorded before it exists so that `down` finds it.
  for (const PlannedNode& n : plan.nodes) {
    append_run_state(state_path, "netns " + n.netns);
    if (!step({"ip", "netns", "add", n.netns}, err)) return failed();
    if (!step({"ip", "-n", n.netns, "link", "set", "lo", "up"}, err)) return failed();
    if (!step({"ip", "netns", "exec", n.netns, "sysctl", "-qw", "net.ipv4.ip_forward=1"}, err)) return failed();
  }
  out << "lab " << plan.lab << ": " << plan.nodes.size() << " namespaces\n";
  // Created straight in their namespaces with their final names: nothing is left in ours.
  for (const PlannedVeth& v : plan.veths) {
    if (!step({"ip", "link", "add", v.a_linux, "netns", v.a_netns, "type", "veth", "peer", "name", v.b_linux, "netns",
               v.b_netns},
              err))
      return failed();
    if (!step({"ip", "-n", v.a_netns, "link", "set", v.a_linux, "up"}, err)) return failed();
    if (!step({"ip", "-n", v.b_netns, "link", "set", v.b_linux, "up"}, err)) return failed();
  }
  out << "lab " << plan.lab << ": " << plan.veths.size() << " links\n";

  for (const PlannedNode& n : plan.nodes) {
    if (n.program == NodeProgram::None) {
      if (!apply_addresses_and_routes(n, out, err)) return failed();
      continue;
    }
    const std::string binary = find_daemon(n.daemon, options->bin_dir);
    const bool kernel = !options->no_kernel && daemon_has_kernel_option(binary);
    if (!kernel && !apply_addresses_and_routes(n, out, err)) return failed();
    std::vector<std::string> argv{"ip", "netns", "exec", n.netns, binary, "-f", fs::absolute(n.config_path).string(),
                                  "--socket", n.socket_path, "--name", n.name};
    if (kernel) {
      argv.insert(argv.end(), {"--kernel", "--interface-map", n.interface_map()});
      kernel_nodes.insert(n.name);
    }
    fs::remove(n.socket_path, ec);
    const Spawned spawned = spawn_detached(argv, n.log_path);
    if (spawned.pid == 0) {
      err << "l3vpnctl: lab up: " << n.name << ": " << spawned.error << "\n";
      return failed();
    }
    append_run_state(state_path, "pid " + n.name + " " + std::to_string(spawned.pid) + " " + n.socket_path);
    out << "  " << n.name << ": " << n.daemon << (kernel ? " --kernel" : "") << " pid " << spawned.pid << ", socket "
        << n.socket_path << "\n";
  }
  return wait_converged(plan, read_run_state(state_path), kernel_nodes, options->timeout_seconds, out, err) ? kExitOk
                                                                                                : kExitCliError;
}

// Every process of ours and every namespace, from the state file and the plan.
int lab_down(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  if (args.size() != 2) {
    err << "l3vpnctl: usage: lab down LABDIR\n";
    return kExitUsage;
  }
  const auto planned = load_lab_plan(args[1], err);
  if (!planned) return kExitCliError;
  const LabPlan& plan = *planned;
  const RunState state = read_run_state(plan.state_path());
  std::size_t stopped = 0, removed = 0;
  bool ok = true;
  for (const RecordedDaemon& d : state.daemons) {
    if (!process_matches(d.pid, d.socket_path)) continue;  // gone, or the pid is someone else's now
    if (stop_process(d.pid, 3000)) {
      ++stopped;
    } else {
      err << "l3vpnctl: lab down: " << d.node << "'s daemon (pid " << d.pid << ") does not stop\n";
      ok = false;
    }
  }
  std::vector<std::string> namespaces = state.namespaces;
  for (const PlannedNode& n : plan.nodes)
    if (std::find(namespaces.begin(), namespaces.end(), n.netns) == namespaces.end()) namespaces.push_back(n.netns);
  for (const std::string& ns : namespaces) {
    if (!namespace_exists(ns)) continue;
    // What is still running in a namespace of ours was started by `up` (a
    // daemon whose pid was not recorded yet when `up` died, a ping).
    const CommandOutput pids = run_command({"ip", "netns", "pids", ns});
    std::istringstream words(pids.output);
    for (int pid = 0; words >> pid;)
      if (pid > 1 && stop_process(pid, 2000)) ++stopped;
    if (step({"ip", "netns", "del", ns}, err)) {
      ++removed;
    } else {
      ok = false;
    }
  }
  std::error_code ec;
  for (const PlannedNode& n : plan.nodes)
    if (!n.socket_path.empty()) fs::remove(n.socket_path, ec);
  if (ok) fs::remove(plan.state_path(), ec);  // logs stay, to read after the fact
  out << "lab " << plan.lab << ": " << stopped << " processes stopped, " << removed << " namespaces removed\n";
  return ok ? kExitOk : kExitCliError;
}

int lab_exec(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  if (args.size() < 4) {
    err << "l3vpnctl: usage: lab exec LABDIR NODE \"LINE\"\n";
    return kExitUsage;
  }
  const auto planned = load_lab_plan(args[1], err);
  if (!planned) return kExitCliError;
  const PlannedNode* node = planned->find_node(args[2]);
  if (node == nullptr || node->program != NodeProgram::Daemon) {
    err << "l3vpnctl: lab exec: " << args[2] << " is not a router of lab " << planned->lab << "\n";
    return kExitUsage;
  }
  std::string line;
  for (std::size_t i = 3; i < args.size(); ++i) line += (i > 3 ? " " : "") + args[i];
  return exec_command(node->socket_path, line, out, err);
}

int lab_verify(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::string directory;
  bool compare_sim = false;
  int count = 2;
  std::string svg_path;  // --svg: the measured matrix as a picture (lab_matrix_svg.hpp)
  for (std::size_t i = 1; i < args.size(); ++i) {
    if (args[i] == "--compare-sim") {
      compare_sim = true;
    } else if (args[i] == "--svg" && i + 1 < args.size()) {
      svg_path = args[++i];
    } else if (args[i] == "--count" && i + 1 < args.size()) {
      count = std::max(1, std::atoi(args[++i].c_str()));
    } else if (directory.empty()) {
      directory = args[i];
    } else {
      err << "l3vpnctl: usage: lab verify LABDIR [--compare-sim] [--count N] [--svg FILE]\n";
      return kExitUsage;
    }
  }
  const config::LabLoadResult loaded = config::load_lab(directory);
  if (!loaded.ok()) {
    for (const auto& d : loaded.errors) err << d.to_string() << "\n";
    return kExitCliError;
  }
  const auto planned = load_lab_plan(directory, err);
  if (!planned) return kExitCliError;
  const config::Lab& lab = loaded.lab;
  for (const PlannedNode& n : planned->nodes) {
    if (!namespace_exists(n.netns)) {
      err << "l3vpnctl: lab verify: lab " << lab.name << " is not up (no namespace " << n.netns << ")\n";
      return kExitCliError;
    }
  }
  const std::vector<std::string> ping = ping_program();
  MeasuredMatrix measured;
  for (const config::ReachabilityEndpoint& e : lab.endpoints) measured.endpoints.push_back(e.name);
  for (const config::ReachabilityEndpoint& from : lab.endpoints) {
    const PlannedNode* node = planned->find_node(from.node);
    for (const config::ReachabilityEndpoint& to : lab.endpoints) {
      if (from.name == to.name) continue;
      MeasuredCell cell;
      cell.from = from.name;
      cell.to = to.name;
      cell.expected = lab.expects(from.name, to.name);
      const CommandOutput r = run_command(ping_command(*node, from, to, ping, count));
      cell.reached = r.status == 0;
      if (!cell.reached) cell.detail = last_line(r.output);
      measured.cells.push_back(std::move(cell));
    }
  }
  out << render_measured_matrix(measured, ::isatty(STDOUT_FILENO) != 0);
  if (!svg_path.empty()) {  // a picture that cannot be written is said, the verdict stays the pings'
    std::ofstream picture(svg_path, std::ios::trunc);
    picture << render_matrix_svg(matrix_picture(lab, measured));
    picture.close();
    if (picture) out << "matrix picture: " << svg_path << "\n";
    else err << "l3vpnctl: lab verify: cannot write " << svg_path << "\n";
  }
  bool ok = measured.differ() == 0;
  if (compare_sim) {
    core::Logger log("sim", core::LogLevel::Warning);
    sim::LabSim simulated(lab, log);
    simulated.start();
    const sim::ConvergeResult converged = simulated.converge();
    const sim::ReachabilityMatrix predicted = sim::compute_matrix(sim::build_dataplane(simulated), lab);
    const std::vector<std::string> differences = compare_with_simulator(measured, predicted);
    out << "simulator: " << (converged.converged ? "converged" : "NOT converged (" + converged.waiting_for + ")")
        << "; " << differences.size() << " cells differ from the measurement\n";
    for (const std::string& d : differences) out << d;
    ok = ok && differences.empty();
  }
  return ok ? kExitOk : kExitCliError;
}

int lab_status(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  if (args.size() != 2) {
    err << "l3vpnctl: usage: lab status LABDIR\n";
    return kExitUsage;
  }
  const auto planned = load_lab_plan(args[1], err);
  if (!planned) return kExitCliError;
  print_lab_status(*planned, out);
  return kExitOk;
}

// `lab run`: up, verify --compare-sim, down, in one command; inside the VM
// sandbox (labs/vm/run-in-vm, next to the labs) when this kernel lacks VRF
// or MPLS (kernel_has_vrf_and_mpls, lab_vm_session.hpp), in one boot. The
// dataplane needs both: the daemons program VRF devices and MPLS routes
// (--kernel). Separate up/verify/down share a VM session instead.
int lab_run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  if (args.size() < 2) {
    err << "usage: lab run LABDIR [--vm|--no-vm] [--timeout S] [--bin-dir DIR]\n";
    return kExitUsage;
  }
  const std::string directory = args[1];
  bool force_vm = false, no_vm = false;
  std::vector<std::string> up_args{"up", directory};
  for (std::size_t i = 2; i < args.size(); ++i) {
    if (args[i] == "--vm") force_vm = true;
    else if (args[i] == "--no-vm") no_vm = true;
    else up_args.push_back(args[i]);
  }
  const bool in_vm = std::getenv("L3VPN_IN_VM") != nullptr;
  if (!no_vm && !in_vm && (force_vm || !kernel_has_vrf_and_mpls())) {
    const fs::path run_in_vm = fs::absolute(fs::path(directory)).parent_path() / "vm" / "run-in-vm";
    if (!fs::exists(run_in_vm)) {
      err << "l3vpnctl: lab run: this kernel has no VRF or MPLS and " << run_in_vm.string()
          << " (the VM sandbox) is missing; run on a kernel with vrf and mpls_router, or with --no-vm\n";
      return kExitCliError;
    }
    std::error_code ec;
    const std::string self = fs::read_symlink("/proc/self/exe", ec).string();
    out << "lab run: this kernel has no VRF or MPLS: running in the VM sandbox (" << run_in_vm.string() << ")\n";
    out.flush();
    std::vector<std::string> argv{run_in_vm.string(), "--timeout", "1500", "--", self, "lab", "run", directory,
                                  "--no-vm"};
    argv.insert(argv.end(), up_args.begin() + 2, up_args.end());
    std::vector<char*> c_argv;
    for (std::string& a : argv) c_argv.push_back(a.data());
    c_argv.push_back(nullptr);
    ::execv(c_argv[0], c_argv.data());
    err << "l3vpnctl: lab run: cannot start " << run_in_vm.string() << "\n";
    return kExitCliError;
  }
  const int up = lab_up(up_args, out, err);
  int verified = up;
  if (up == kExitOk) verified = lab_verify({"verify", directory, "--compare-sim"}, out, err);
  const int down = lab_down({"down", directory}, out, err);
  return verified != kExitOk ? verified : down;
}

}  // namespace

std::optional<LabPlan> load_lab_plan(const std::string& directory, std::ostream& err) {
  const config::LabLoadResult loaded = config::load_lab(directory);
  if (!loaded.ok()) {
    for (const auto& d : loaded.errors) err << d.to_string() << "\n";
    err << "lab " << directory << ": " << loaded.errors.size() << " error(s); see 'l3vpnctl lab check'\n";
    return std::nullopt;
  }
  LabPlanResult planned = plan_lab(
      loaded.lab, default_run_dir(loaded.lab.name, std::getenv("L3VPN_LAB_RUN_DIR"), std::getenv("XDG_RUNTIME_DIR")));
  if (!planned.ok()) {
    for (const std::string& e : planned.errors) err << "l3vpnctl: lab " << loaded.lab.name << ": " << e << "\n";
    return std::nullopt;
  }
  return planned.plan;
}

void print_lab_status(const LabPlan& plan, std::ostream& out) {
  const RunState state = read_run_state(plan.state_path());
  out << "Live lab (run directory " << plan.run_dir << "):\n";
  for (const PlannedNode& n : plan.nodes) {
    out << "  " << n.name << " (" << config::role_name(n.kind) << ") netns " << n.netns
        << (namespace_exists(n.netns) ? " [present]" : " [absent]");
    if (n.program == NodeProgram::Daemon) {
      std::string running = "not running";
      for (const RecordedDaemon& d : state.daemons)
        if (d.node == n.name && process_matches(d.pid, d.socket_path))
          running = "pid " + std::to_string(d.pid) + " running";
      out << ", " << n.daemon << " " << running << ", socket " << n.socket_path;
    }
    out << "\n";
    for (const PlannedInterface& i : n.interfaces) {
      out << "      " << i.config_name << " -> " << i.linux_name;
      for (const PlannedVeth& v : plan.veths) {
        if (v.a_node == n.name && v.a_linux == i.linux_name) out << "  (veth to " << v.b_node << " " << v.b_linux << ")";
        if (v.b_node == n.name && v.b_linux == i.linux_name) out << "  (veth to " << v.a_node << " " << v.a_linux << ")";
      }
      if (i.loopback) out << "  (loopback)";
      out << "\n";
    }
  }
}

int run_lab_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  if (args.empty()) return kExitUsage;
  const std::string& command = args[0];
  if (command == "up") return lab_up(args, out, err);
  if (command == "down") return lab_down(args, out, err);
  if (command == "status") return lab_status(args, out, err);
  if (command == "exec") return lab_exec(args, out, err);
  if (command == "verify") return lab_verify(args, out, err);
  if (command == "run") return lab_run(args, out, err);
  err << "l3vpnctl: lab: unknown command '" << command << "'\n";
  return kExitUsage;
}

}  // namespace l3vpn::ctl
