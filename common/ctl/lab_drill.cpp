#include "ctl/lab_drill.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <thread>

#include "config/lab.hpp"
#include "core/log.hpp"
#include "ctl/ctl_commands.hpp"
#include "ctl/lab_drill_timeline.hpp"
#include "ctl/lab_runner.hpp"
#include "ctl/lab_runner_process.hpp"
#include "ctl/lab_runner_verify.hpp"
#include "sim/dataplane_fill.hpp"
#include "sim/lab_sim.hpp"
#include "sim/matrix.hpp"

namespace l3vpn::ctl {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr int kExitUsage = 2;
constexpr std::size_t kMaxParallelPings = 20;  // R3's 18 cells in one go; a TCG guest copes

struct DrillOptions {
  std::string directory;
  std::string node;
  std::string interface;
  int timeout_seconds = 120;
  int hold_seconds = 0;
  std::size_t sample = 4;
};

std::optional<DrillOptions> parse_drill(const std::vector<std::string>& args, std::ostream& err) {
  DrillOptions o;
  std::string target;
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& a = args[i];
    const bool has_value = i + 1 < args.size();
    if (a == "--timeout" && has_value) {
      o.timeout_seconds = std::atoi(args[++i].c_str());
    } else if (a == "--hold" && has_value) {
      o.hold_seconds = std::atoi(args[++i].c_str());
    } else if (a == "--sample" && has_value) {
      o.sample = static_cast<std::size_t>(std::max(0, std::atoi(args[++i].c_str())));
    } else if (a.rfind("--", 0) == 0) {
      err << "l3vpnctl: lab drill: unknown option '" << a << "'\n";
      return std::nullopt;
    } else if (o.directory.empty()) {
      o.directory = a;
    } else if (target.empty()) {
      target = a;
    } else {
      err << "l3vpnctl: lab drill: unexpected argument '" << a << "'\n";
      return std::nullopt;
    }
  }
  const std::size_t colon = target.find(':');
  if (o.directory.empty() || colon == std::string::npos || colon == 0 || colon + 1 == target.size() ||
      o.timeout_seconds <= 0 || o.hold_seconds < 0) {
    err << "l3vpnctl: usage: lab drill LABDIR NODE:INTERFACE [--timeout S] [--hold S] [--sample N]\n";
    return std::nullopt;
  }
  o.node = target.substr(0, colon);
  o.interface = target.substr(colon + 1);
  return o;
}

double seconds_between(Clock::time_point from, Clock::time_point to) {
  return std::chrono::duration<double>(to - from).count();
}

// One ping per cell, at most kMaxParallelPings at a time; each probe's send
// time is when its ping was started.
struct PendingPing {
  std::size_t cell = 0;
  std::vector<std::string> argv;
};

std::vector<DrillProbe> ping_in_parallel(const std::vector<PendingPing>& pings, Clock::time_point link_down) {
  std::vector<DrillProbe> probes;
  std::map<pid_t, DrillProbe> running;
  std::size_t next = 0;
  while (next < pings.size() || !running.empty()) {
    while (next < pings.size() && running.size() < kMaxParallelPings) {
      const PendingPing& p = pings[next++];
      std::vector<std::string> argv = p.argv;
      std::vector<char*> c;
      for (std::string& a : argv) c.push_back(a.data());
      c.push_back(nullptr);
      const DrillProbe probe{p.cell, seconds_between(link_down, Clock::now()), false};
      const pid_t pid = ::fork();
      if (pid == 0) {
        const int null = ::open("/dev/null", O_RDWR);
        if (null >= 0) {
          ::dup2(null, 0);
          ::dup2(null, 1);
          ::dup2(null, 2);
        }
        ::execvp(c[0], c.data());
        ::_exit(127);
      }
      if (pid < 0) {
        probes.push_back(probe);  // could not ping: counts as no reply
        continue;
      }
      running.emplace(pid, probe);
    }
    int raw = 0;
    const pid_t done = ::waitpid(-1, &raw, 0);
    if (done < 0) break;  // no child left (should not happen: `running` says otherwise)
    const auto it = running.find(done);
    if (it == running.end()) continue;
    DrillProbe probe = it->second;
    probe.reached = WIFEXITED(raw) && WEXITSTATUS(raw) == 0;
    probes.push_back(probe);
    running.erase(it);
  }
  return probes;
}

std::vector<std::string> ping_program() {
  if (run_command({"ping", "-V"}).status != 127) return {"ping"};
  return {"busybox", "ping"};
}

// The simulator's matrix with both ends of the link shut down.
std::optional<sim::ReachabilityMatrix> predict_with_link_down(const config::Lab& lab, const config::LabLinkEnd& a,
                                                              const config::LabLinkEnd& b, std::ostream& out) {
  config::Lab down = lab;
  for (config::LabNode& n : down.nodes) {
    for (config::Interface& i : n.config.interfaces) {
      if ((n.name == a.node && i.name == a.interface) || (n.name == b.node && i.name == b.interface)) i.shutdown = true;
    }
  }
  core::Logger log("sim", core::LogLevel::Warning);
  sim::LabSim simulated(down, log);
  simulated.start();
  const sim::ConvergeResult converged = simulated.converge();
  if (!converged.converged)
    out << "drill: the simulator does not converge with the link down (" << converged.waiting_for
        << "); its matrix is used as it stands\n";
  return sim::compute_matrix(sim::build_dataplane(simulated), down);
}

class Drill {
 public:
  Drill(const config::Lab& lab, const LabPlan& plan, DrillTimeline timeline, const std::vector<std::string>& ping)
      : lab_(lab), plan_(plan), timeline_(std::move(timeline)), ping_(ping) {}

  DrillTimeline& timeline() { return timeline_; }
  std::size_t rounds() const { return rounds_; }
  double round_seconds() const { return rounds_ == 0 ? 0.0 : round_time_ / static_cast<double>(rounds_); }

  // Pings `cells` (count pings each) and records them, with send times since `link_down`.
  std::vector<DrillProbe> probe(const std::vector<std::size_t>& cells, int count, Clock::time_point link_down) {
    std::vector<PendingPing> pings;
    for (const std::size_t i : cells) {
      const DrillCell& c = timeline_.cells()[i];
      const config::ReachabilityEndpoint* from = lab_.find_endpoint(c.from);
      const config::ReachabilityEndpoint* to = lab_.find_endpoint(c.to);
      const PlannedNode* node = from == nullptr ? nullptr : plan_.find_node(from->node);
      if (from == nullptr || to == nullptr || node == nullptr) continue;
      pings.push_back(PendingPing{i, ping_command(*node, *from, *to, ping_, count)});
    }
    const auto start = Clock::now();
    std::vector<DrillProbe> probes = ping_in_parallel(pings, link_down);
    round_time_ += seconds_between(start, Clock::now());
    ++rounds_;
    for (const DrillProbe& p : probes) timeline_.record(p);
    return probes;
  }

  std::vector<std::size_t> all_cells() const {
    std::vector<std::size_t> all(timeline_.cells().size());
    for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
    return all;
  }

 private:
  const config::Lab& lab_;
  const LabPlan& plan_;
  DrillTimeline timeline_;
  std::vector<std::string> ping_;
  std::size_t rounds_ = 0;
  double round_time_ = 0;
};

std::string cell_names(const DrillTimeline& t, const std::vector<std::size_t>& cells) {
  std::string out;
  for (std::size_t k = 0; k < cells.size() && k < 8; ++k)
    out += (k == 0 ? "" : ", ") + t.cells()[cells[k]].from + " -> " + t.cells()[cells[k]].to;
  if (cells.size() > 8) out += ", ...";
  return out;
}

bool set_link(const PlannedNode& node, const std::string& device, const char* state, std::ostream& err) {
  const CommandOutput r = run_command({"ip", "-n", node.netns, "link", "set", device, state});
  if (r.status == 0) return true;
  err << "l3vpnctl: lab drill: `ip -n " << node.netns << " link set " << device << " " << state << "` failed: "
      << r.output;
  return false;
}

}  // namespace

int lab_drill_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const auto options = parse_drill(args, err);
  if (!options) return kExitUsage;
  const config::LabLoadResult loaded = config::load_lab(options->directory);
  if (!loaded.ok()) {
    for (const auto& d : loaded.errors) err << d.to_string() << "\n";
    return kExitCliError;
  }
  const config::Lab& lab = loaded.lab;
  const auto planned = load_lab_plan(options->directory, err);
  if (!planned) return kExitCliError;
  const LabPlan& plan = *planned;

  // The link: the node's interface must be one end of a lab link.
  const PlannedNode* node = plan.find_node(options->node);
  const PlannedInterface* itf = node == nullptr ? nullptr : node->find_interface(options->interface);
  if (itf == nullptr || !itf->linked) {
    err << "l3vpnctl: lab drill: " << options->node << ":" << options->interface << " is not an end of a link of lab "
        << lab.name << "\n";
    return kExitUsage;
  }
  const config::LabLinkEnd here{options->node, options->interface};
  const config::LabLink* link = nullptr;
  for (const config::LabLink& l : lab.links)
    if (l.a == here || l.b == here) link = &l;
  if (link == nullptr) {
    err << "l3vpnctl: lab drill: no link of lab " << lab.name << " ends at " << options->node << ":"
        << options->interface << "\n";
    return kExitUsage;
  }
  const config::LabLinkEnd& peer = link->a == here ? link->b : link->a;
  for (const PlannedNode& n : plan.nodes) {
    if (!fs::exists("/run/netns/" + n.netns)) {
      err << "l3vpnctl: lab drill: lab " << lab.name << " is not up (no namespace " << n.netns << ")\n";
      return kExitCliError;
    }
  }

  // Which cells go through the link: the simulator with the link down.
  const std::optional<sim::ReachabilityMatrix> predicted = predict_with_link_down(lab, link->a, link->b, out);
  std::vector<DrillCell> cells;
  for (const config::ReachabilityEndpoint& from : lab.endpoints) {
    for (const config::ReachabilityEndpoint& to : lab.endpoints) {
      if (from.name == to.name) continue;
      const sim::MatrixCell* p = predicted ? predicted->cell(from.name, to.name) : nullptr;
      const bool expected = lab.expects(from.name, to.name);
      cells.push_back(DrillCell{from.name, to.name, expected, p != nullptr ? p->reachable() : expected});
    }
  }
  Drill drill(lab, plan, DrillTimeline(std::move(cells)), ping_program());
  const DrillReportHeader header_base{options->node, options->interface, itf->linux_name,
                                      peer.node + " " + peer.interface, 0.0};
  out << "drill: " << options->node << " " << options->interface << " (" << itf->linux_name << ", to "
      << header_base.peer << "): " << drill.timeline().must_fail_count() << " of " << drill.timeline().cells().size()
      << " cells go through it (the simulator with the link down)\n";

  // The matrix must be as expected before anything is broken.
  {
    const auto start = Clock::now();
    Drill baseline(lab, plan, DrillTimeline(drill.timeline().cells()), ping_program());
    const std::vector<DrillProbe> probes = baseline.probe(baseline.all_cells(), 2, start);
    std::vector<std::size_t> wrong;
    for (const DrillProbe& p : probes)
      if (p.reached != drill.timeline().cells()[p.cell].expected) wrong.push_back(p.cell);
    std::sort(wrong.begin(), wrong.end());
    out << "before: " << probes.size() - wrong.size() << " cells as expected, " << wrong.size() << " differ ("
        << format_seconds(seconds_between(start, Clock::now())) << " s)\n";
    if (!wrong.empty()) {
      err << "l3vpnctl: lab drill: the matrix is not as expected before the drill (" << cell_names(drill.timeline(), wrong)
          << "); see `l3vpnctl lab verify " << options->directory << "`\n";
      return kExitCliError;
    }
  }

  // Down, until the cells through the link have failed (and --hold more).
  const auto link_down = Clock::now();
  if (!set_link(*node, itf->linux_name, "down", err)) return kExitCliError;
  out << "link " << options->node << " " << options->interface << " down\n";
  out.flush();
  bool failed_as_predicted = true;
  std::optional<double> failure_shown;
  for (std::size_t round = 0;; ++round) {
    const double now = seconds_between(link_down, Clock::now());
    if (drill.timeline().failure_seen() && !failure_shown) {
      failure_shown = now;
      out << "  the " << drill.timeline().must_fail_count() << " cells through the link have failed ("
          << format_seconds(now) << " s)\n";
      out.flush();
    }
    if (failure_shown && now >= *failure_shown + options->hold_seconds &&
        (drill.timeline().must_fail_count() > 0 || round >= 2))
      break;
    if (now >= options->timeout_seconds) {
      failed_as_predicted = false;
      err << "l3vpnctl: lab drill: after " << options->timeout_seconds << " s, " << drill.timeline().not_failed().size()
          << " cells through the link still reach (" << cell_names(drill.timeline(), drill.timeline().not_failed())
          << ")\n";
      break;
    }
    std::vector<std::size_t> probe_cells = drill.timeline().to_probe(options->sample, round);
    if (probe_cells.empty()) {
      // Nothing must fail (or everything has): keep an eye on a sample while holding.
      std::vector<std::size_t> all = drill.all_cells();
      for (std::size_t k = 0; k < std::min(options->sample, all.size()); ++k)
        probe_cells.push_back(all[(round * options->sample + k) % all.size()]);
    }
    drill.probe(probe_cells, 1, link_down);
    if (probe_cells.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(200));  // a lab without endpoints
  }

  // Up, until the whole matrix is as expected again.
  const double up_at = seconds_between(link_down, Clock::now());
  const bool up_ok = set_link(*node, itf->linux_name, "up", err);
  drill.timeline().link_up_at(up_at);
  out << "link " << options->node << " " << options->interface << " up after " << format_seconds(up_at) << " s\n";
  out.flush();
  std::size_t last_pending = drill.timeline().cells().size() + 1;
  bool confirming = false;
  for (std::size_t round = 0; up_ok; ++round) {
    const double since_up = seconds_between(link_down, Clock::now()) - up_at;
    if (drill.timeline().recovered()) {
      // Every cell back at its latest probe: one more full round confirms it.
      if (confirming) break;
      confirming = true;
      drill.probe(drill.all_cells(), 1, link_down);
      continue;
    }
    confirming = false;
    if (since_up >= options->timeout_seconds) {
      err << "l3vpnctl: lab drill: not recovered " << options->timeout_seconds << " s after link up: "
          << cell_names(drill.timeline(), drill.timeline().not_recovered()) << "\n";
      break;
    }
    std::vector<std::size_t> probe_cells = drill.timeline().to_probe(options->sample, round);
    if (probe_cells.empty()) probe_cells = drill.all_cells();  // each right at its latest probe, some not probed since up
    const std::size_t pending = drill.timeline().not_recovered().size();
    if (pending != last_pending && round > 0) {
      out << "  " << pending << " cells not back (" << format_seconds(since_up) << " s after link up)\n";
      out.flush();
    }
    last_pending = pending;
    drill.probe(probe_cells, 1, link_down);
  }

  DrillReportHeader header = header_base;
  header.poll_seconds = drill.round_seconds();
  out << render_drill_report(drill.timeline(), header);
  return failed_as_predicted && up_ok && drill.timeline().recovered() ? kExitOk : kExitCliError;
}

}  // namespace l3vpn::ctl
