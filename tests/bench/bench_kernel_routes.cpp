// Installing many VRF routes with an MPLS encap into the kernel: NetlinkFib
// (batched requests) in each of its route programming modes against
// `ip -batch` (one request and one ack wait per line) with the same routes,
// in a private network namespace.
//
//   bench_kernel_routes [--routes N] [--smoke]
//
// Each run: its own netns (unshare), a veth with 192.0.2.2/24, a VRF device
// with table 1001 where the kernel has VRF; N /32 routes in table 1001, proto
// 248, "encap mpls 100/L via 192.0.2.1 dev ve0" (L cycles over 1000 VPN
// labels) where the kernel has MPLS encap, plain otherwise (said in the
// output). NetlinkFib modes, each from an empty table:
//   acked     every request acked (NLM_F_ACK on each)
//   errors    only failures and each batch's last request answered
//   nexthops  errors + encap routes through shared kernel nexthop objects
// nexthops also reads back with net.ipv4.nexthop_compat_mode 0 (routes
// dumped as "nhid N" alone), and withdraws half then all of its routes: its
// unused objects must go. ip -batch runs twice: the same routes with their
// own encap, and through the same nexthop objects (ip nexthop add, nhid).
// For each and for ip -batch: wall time, user and system CPU (getrusage;
// ip's through RUSAGE_CHILDREN), routes/s, the ratio to ip -batch. Then the
// kernel state is checked, not assumed: the route count (ip route show),
// one sample route as ip shows it, and NetlinkFib's own read-back planned
// against the desired state must give no route operation. Last, a batch
// with a few unreachable gateways (ENETUNREACH) in every mode must report
// exactly those routes as failed and install all the others.
// Exit 1 when any check fails. Needs root; prints SKIP and exits 0 without.
// The full run belongs in the VM: labs/vm/run-in-vm -- build/tests/bench/bench_kernel_routes
#include <sched.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <optional>
#include <set>
#include <string>

#include "kernel/netlink_fib.hpp"
#include "kernel/reconcile.hpp"

using namespace l3vpn::kernel;
using Clock = std::chrono::steady_clock;

namespace {

constexpr std::uint32_t kTable = 1001;

bool run(const std::string& command) { return std::system(command.c_str()) == 0; }

std::string first_line(const std::string& command) {
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return "";
  char line[512] = {};
  const bool got = std::fgets(line, sizeof line, pipe) != nullptr;
  pclose(pipe);
  std::string text = got ? line : "";
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

std::size_t count_routes() {
  return std::strtoul(first_line("ip route show table " + std::to_string(kTable) + " | wc -l").c_str(), nullptr,
                      10);
}

void empty_table() {
  (void)run("ip nexthop flush protocol 248 >/dev/null 2>&1; ip route flush table " + std::to_string(kTable) +
            " 2>/dev/null");
}

Ipv4Prefix host_route(std::size_t i) {
  return Ipv4Prefix{Ipv4Address{0x0A000000u + static_cast<std::uint32_t>(i)}, 32};  // 10.0.0.0 + i
}

// Wall time and this process's (or its children's) CPU time of one step.
struct Usage {
  double wall = 0;
  double user = 0;
  double system = 0;
};

double seconds(const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; }

Usage measure(int who, const std::function<void()>& step) {
  rusage before{};
  rusage after{};
  getrusage(who, &before);
  const auto start = Clock::now();
  step();
  Usage usage;
  usage.wall = std::chrono::duration<double>(Clock::now() - start).count();
  getrusage(who, &after);
  usage.user = seconds(after.ru_utime) - seconds(before.ru_utime);
  usage.system = seconds(after.ru_stime) - seconds(before.ru_stime);
  return usage;
}

void print_usage(const char* name, const Usage& u, std::size_t routes) {
  std::printf("  %-9s %7.3f s wall (user %6.3f s, system %6.3f s, waiting %6.3f s) = %8.0f routes/s\n", name,
              u.wall, u.user, u.system, std::max(0.0, u.wall - u.user - u.system),
              static_cast<double>(routes) / u.wall);
}

DesiredState vpn_routes(std::size_t routes, bool encap, const std::set<std::size_t>& unreachable = {}) {
  DesiredState desired;
  desired.routes.reserve(routes);
  for (std::size_t i = 0; i < routes; ++i) {
    Ipv4Route r;
    r.table = kTable;
    r.prefix = host_route(i);
    // An unreachable gateway: not on ve0's subnet, so the kernel refuses it.
    const Ipv4Address via{unreachable.contains(i) ? 0xC6336401u : 0xC0000201u};  // 198.51.100.1 : 192.0.2.1
    r.next_hops = {{via, "ve0",
                    encap ? std::vector<MplsLabel>{100, 16 + static_cast<MplsLabel>(i % 1000)}
                          : std::vector<MplsLabel>{}}};
    desired.routes.push_back(std::move(r));
  }
  return desired;
}

struct Mode {
  const char* name;
  NetlinkFib::RouteProgramming programming;
};

const Mode kModes[] = {
    {"acked", {AckMode::EveryRequest, false}},
    {"errors", {AckMode::ErrorsOnly, false}},
    {"nexthops", {AckMode::ErrorsOnly, true}},
};

std::size_t route_operations(const Plan& plan) {
  std::size_t n = 0;
  for (const auto& op : plan.operations) {
    n += std::holds_alternative<ReplaceRoute>(op) || std::holds_alternative<DeleteRoute>(op) ? 1 : 0;
  }
  return n;
}

struct ModeRun {
  Usage apply;
  double read_plan_seconds = 0;
  ApplyReport report;
  std::size_t installed = 0;
  std::size_t left_to_do = 0;  // route operations a read-back still plans
  std::size_t left_to_do_without_compat = 0;  // the same with nexthop_compat_mode 0 ("nhid N" only)
  std::string error;
};

const char* kCompatMode = "/proc/sys/net/ipv4/nexthop_compat_mode";

bool write_file(const char* path, const char* value) {
  std::ofstream out(path);
  out << value << '\n';
  out.flush();
  return static_cast<bool>(out);
}

ModeRun install(const Mode& mode, const DesiredState& desired) {
  ModeRun result;
  std::string error;
  auto fib = NetlinkFib::open(error);
  if (!fib) {
    result.error = error;
    return result;
  }
  fib->set_route_programming(mode.programming);
  std::optional<ReadError> read_error;
  Plan plan;
  const auto start = Clock::now();
  plan = plan_reconcile(desired, fib->read_state(read_error));
  result.read_plan_seconds = std::chrono::duration<double>(Clock::now() - start).count();
  result.apply = measure(RUSAGE_SELF, [&] { result.report = fib->apply(plan); });
  result.installed = count_routes();
  const ActualState back = fib->read_state(read_error);
  if (read_error) result.error = read_error->message;
  result.left_to_do = route_operations(plan_reconcile(desired, back));
  // Routes dumped as "nhid N" alone must still read back as their next hop.
  if (mode.programming.shared_nexthops && write_file(kCompatMode, "0")) {
    const ActualState bare = fib->read_state(read_error);
    if (read_error) result.error = read_error->message;
    result.left_to_do_without_compat = route_operations(plan_reconcile(desired, bare));
    (void)write_file(kCompatMode, "1");
  }
  return result;
}

const char* kCountOurNexthops = "ip nexthop show protocol 248 | wc -l";

// Objects of ours no route names are deleted: withdrawing the routes of half
// the VPN labels leaves half the objects, withdrawing the rest leaves none.
bool withdraw_in_halves(const Mode& mode, const DesiredState& desired, bool encap) {
  if (!encap) return true;
  DesiredState half = desired;
  std::erase_if(half.routes, [](const Ipv4Route& r) { return r.next_hops.front().push.back() < 16 + 500; });
  const ModeRun first = install(mode, half);
  const std::size_t objects_half = std::strtoul(first_line(kCountOurNexthops).c_str(), nullptr, 10);
  const ModeRun second = install(mode, DesiredState{});
  const std::size_t objects_none = std::strtoul(first_line(kCountOurNexthops).c_str(), nullptr, 10);
  const bool good = first.report.ok() && second.report.ok() && first.installed == half.routes.size() &&
                    second.installed == 0 && objects_half == 500 && objects_none == 0;
  std::printf("  withdraw half: %.3f s, %zu routes and %zu objects left; withdraw all: %.3f s, %zu and %zu left%s\n",
              first.apply.wall, first.installed, objects_half, second.apply.wall, second.installed, objects_none,
              good ? "" : " (WRONG)");
  return good;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t routes = 100000;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--smoke") == 0) routes = 2000;
    if (std::strcmp(argv[i], "--routes") == 0 && i + 1 < argc) routes = std::strtoul(argv[++i], nullptr, 10);
  }
  if (geteuid() != 0 || unshare(CLONE_NEWNET) != 0) {
    std::printf("bench_kernel_routes: SKIP (needs root and a network namespace)\n");
    return 0;
  }
  if (!run("ip link set lo up && ip link add ve0 type veth peer name ve1 && ip link set ve0 up && "
           "ip link set ve1 up && ip addr add 192.0.2.2/24 dev ve0")) {
    std::printf("bench_kernel_routes: SKIP (cannot make a veth pair)\n");
    return 0;
  }
  (void)run("modprobe mpls_iptunnel 2>/dev/null || busybox modprobe mpls_iptunnel 2>/dev/null");
  const bool vrf = run("ip link add vrf-bench type vrf table 1001 2>/dev/null && ip link set vrf-bench up");
  const bool encap = run("ip route add 10.255.255.255/32 encap mpls 99 via 192.0.2.1 dev ve0 table 1001 2>/dev/null");
  const bool nexthops = run("ip nexthop add id 1 via 192.0.2.1 dev ve0 2>/dev/null && ip nexthop del id 1");
  empty_table();
  std::printf("%zu routes in table %u (%s), %s; kernel nexthop objects: %s\n", routes, kTable,
              vrf ? "VRF vrf-bench" : "no VRF device in this kernel", encap ? "encap mpls 100/L" : "no MPLS encap in this kernel: plain routes",
              nexthops ? "yes" : "no");
  std::printf("load average: %s\n", first_line("cat /proc/loadavg").c_str());

  const DesiredState desired = vpn_routes(routes, encap);
  bool ok = true;
  std::vector<std::pair<const Mode*, ModeRun>> runs;
  for (const Mode& mode : kModes) {
    if (mode.programming.shared_nexthops && !nexthops) continue;
    empty_table();
    ModeRun r = install(mode, desired);
    const bool good = r.error.empty() && r.report.ok() && r.installed == routes && r.left_to_do == 0 &&
                      r.left_to_do_without_compat == 0;
    ok = ok && good;
    std::printf("NetlinkFib %-8s: read+plan %.3f s, apply %.3f s; %zu installed, %zu failures, %zu retried, "
                "read back: %zu route operations left%s%s\n",
                mode.name, r.read_plan_seconds, r.apply.wall, r.installed, r.report.failures.size(),
                r.report.retried, r.left_to_do, r.error.empty() ? "" : ", error: ", r.error.c_str());
    for (std::size_t i = 0; i < r.report.failures.size() && i < 3; ++i) {
      std::printf("  failed: %s: %s\n", r.report.failures[i].operation.c_str(), r.report.failures[i].text.c_str());
    }
    std::printf("  sample: %s\n", first_line("ip route show table 1001 10.0.0.5/32").c_str());
    if (mode.programming.shared_nexthops) {
      std::printf("  read back with nexthop_compat_mode 0: %zu route operations left\n", r.left_to_do_without_compat);
      std::printf("  nexthop objects of ours: %s; one: %s\n", first_line(kCountOurNexthops).c_str(),
                  first_line("ip nexthop show protocol 248").c_str());
      ok = withdraw_in_halves(mode, desired, encap) && ok;
    }
    runs.emplace_back(&mode, r);
  }

  empty_table();
  const std::string batch = "/tmp/bench_kernel_routes." + std::to_string(getpid());
  {
    std::ofstream out(batch);
    for (std::size_t i = 0; i < routes; ++i) {
      out << "route add " << host_route(i).to_string();
      if (encap) out << " encap mpls 100/" << 16 + i % 1000;
      out << " via 192.0.2.1 dev ve0 table 1001 proto 248\n";
    }
  }
  bool batch_ok = false;
  const Usage theirs = measure(RUSAGE_CHILDREN, [&] { batch_ok = run("ip -batch " + batch); });
  const std::size_t batch_installed = count_routes();
  std::remove(batch.c_str());
  std::printf("ip -batch: %.3f s, %zu installed%s\n", theirs.wall, batch_installed, batch_ok ? "" : ", ip failed");
  std::printf("  sample: %s\n", first_line("ip route show table 1001 10.0.0.5/32").c_str());
  ok = ok && batch_installed == routes;

  // The same routes through nexthop objects with ip: what the nexthops mode
  // makes, written by ip (1000 "nexthop add" lines, then "route add ... nhid").
  std::optional<Usage> theirs_nhid;
  if (encap && nexthops) {
    empty_table();
    {
      std::ofstream out(batch);
      for (std::size_t label = 0; label < 1000 && label < routes; ++label) {
        out << "nexthop add id " << label + 1 << " encap mpls 100/" << 16 + label
            << " via 192.0.2.1 dev ve0 proto 248\n";
      }
      for (std::size_t i = 0; i < routes; ++i) {
        out << "route add " << host_route(i).to_string() << " nhid " << i % 1000 + 1 << " table 1001 proto 248\n";
      }
    }
    bool nhid_ok = false;
    theirs_nhid = measure(RUSAGE_CHILDREN, [&] { nhid_ok = run("ip -batch " + batch); });
    const std::size_t nhid_installed = count_routes();
    std::remove(batch.c_str());
    std::printf("ip -batch with nexthop objects: %.3f s, %zu installed%s\n", theirs_nhid->wall, nhid_installed,
                nhid_ok ? "" : ", ip failed");
    std::printf("  sample: %s\n", first_line("ip route show table 1001 10.0.0.5/32").c_str());
  }

  std::printf("time split (apply only; ip -batch: ip and its shell):\n");
  for (const auto& [mode, r] : runs) print_usage(mode->name, r.apply, routes);
  print_usage("ip -batch", theirs, routes);
  if (theirs_nhid) print_usage("ip nhid", *theirs_nhid, routes);
  for (const auto& [mode, r] : runs) {
    std::printf("ratio %-8s: NetlinkFib is %.2fx ip -batch", mode->name, theirs.wall / r.apply.wall);
    if (theirs_nhid && mode->programming.shared_nexthops) {
      std::printf(" (%.2fx ip -batch with the same nexthop objects)", theirs_nhid->wall / r.apply.wall);
    }
    std::printf("\n");
  }

  // Failures are still reported one by one in every mode.
  const std::size_t small = std::min<std::size_t>(routes, 1000);
  const std::set<std::size_t> bad = {3, small / 2, small - 1};
  const DesiredState with_bad = vpn_routes(small, encap, bad);
  std::set<std::string> expected;
  for (std::size_t i : bad) expected.insert(describe(Operation{ReplaceRoute{with_bad.routes[i]}}));
  for (const Mode& mode : kModes) {
    if (mode.programming.shared_nexthops && !nexthops) continue;
    empty_table();
    ModeRun r = install(mode, with_bad);
    std::set<std::string> failed_routes;
    std::size_t other_failures = 0;  // "create nexthop ..." for the bad gateway
    for (const auto& f : r.report.failures) {
      if (f.operation.rfind("replace route", 0) == 0) {
        failed_routes.insert(f.operation);
      } else {
        ++other_failures;
      }
    }
    const bool exact = failed_routes == expected && r.installed == small - bad.size();
    ok = ok && exact;
    std::printf("bad gateways %-8s: %zu of %zu routes failed (%s), %zu installed, %zu other failures%s%s\n",
                mode.name, failed_routes.size(), bad.size(), exact ? "exactly those" : "NOT those", r.installed,
                other_failures, r.report.failures.empty() ? "" : "; first: ",
                r.report.failures.empty() ? "" : r.report.failures.front().text.c_str());
  }
  empty_table();
  return ok ? 0 : 1;
}
