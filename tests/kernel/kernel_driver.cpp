// Drives NetlinkFib and LinkMonitor against the kernel of the network
// namespace it runs in, for tests/kernel/kernel_dataplane.sh (which reads the
// results back with ip). One step per run:
//
//   kernel_driver apply base|update|withdraw|shutdown|noshut [--vrf] [--dummy] [--encap]
//   kernel_driver cleanup
//   kernel_driver monitor IFNAME
//
// The desired state is PE R3's of the seed lab cut down to the devices the
// script makes (ve-core, ve-core2 toward P, ve-ce toward the CE); the flags say
// what the kernel can do (VRF devices, dummy devices, lwtunnel MPLS encap), so
// the same steps run on a host kernel without them. Prints the plan's
// problems and every failure; exit 1 when an operation failed.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>

#include "kernel/link_monitor.hpp"
#include "kernel/netlink_fib.hpp"
#include "kernel/reconcile.hpp"

using namespace l3vpn::kernel;

namespace {

Ipv4Address a(const char* text) { return *Ipv4Address::parse(text); }
Ipv4Prefix p(const char* text) { return *Ipv4Prefix::parse(text); }

struct Features {
  bool vrf = false;
  bool dummy = false;
  bool encap = false;
};

DesiredState scenario(const std::string& step, const Features& f) {
  auto labels = [&](std::vector<MplsLabel> stack) { return f.encap ? stack : std::vector<MplsLabel>{}; };
  const std::uint32_t table = 1001;
  DesiredState d;
  if (f.vrf) {
    d.vrfs = {{"Technique", table}};
    d.enslavements = {{"ve-ce", "Technique"}};
  }
  // Loopback10 in VRF Technique; on ve-ce when dummies are missing.
  const std::string loopback = f.dummy ? "loop10" : "ve-ce";
  if (f.dummy) d.dummies = {{"loop10", f.vrf ? "Technique" : ""}};
  d.addresses = {{loopback, p("10.10.10.1/32")},
                 {"ve-ce", p("10.1.1.1/24")},
                 {"ve-core", p("192.168.13.3/24")},
                 {"ve-core2", p("192.168.14.3/24")}};
  auto route = [&](const char* prefix) {
    Ipv4Route r;
    r.table = table;
    r.prefix = p(prefix);
    return r;
  };
  const MplsLabel vpn_label = step == "base" ? 200 : 250;
  Ipv4Route two_labels = route("10.10.10.254/32");
  two_labels.next_hops = {{a("192.168.13.1"), "ve-core", labels({100, vpn_label})}};
  Ipv4Route vpn_only = route("10.20.0.0/16");
  vpn_only.next_hops = {{a("192.168.13.1"), "ve-core", labels({300})}};
  Ipv4Route ecmp = route("10.30.0.0/16");
  ecmp.next_hops = {{a("192.168.13.1"), "ve-core", labels({100, 200})},
                    {a("192.168.14.1"), "ve-core2", labels({101, 200})}};
  Ipv4Route blackhole = route("10.40.0.0/16");
  blackhole.type = RouteType::Blackhole;
  Ipv4Route with_src = route("10.50.0.0/16");
  with_src.next_hops = {{a("10.1.1.2"), "ve-ce", {}}};
  with_src.source = a("10.10.10.1");
  d.routes = {two_labels, ecmp, blackhole, with_src};
  const bool withdrawn = step == "withdraw" || step == "shutdown" || step == "noshut";
  if (!withdrawn) d.routes.push_back(vpn_only);

  d.platform_labels = 100001;
  d.mpls_input_interfaces = {"ve-core", "ve-core2"};
  d.mpls_routes = {{16, {step == "base" ? 17u : 19u}, a("192.168.13.1"), "ve-core", kRouteProtocol}};
  if (!withdrawn) d.mpls_routes.push_back({18, {}, a("192.168.14.1"), "ve-core2", kRouteProtocol});
  // ECMP: label 22 swapped to 23 toward one neighbour or to 24 (26 after the
  // update) toward the other, as an LSR with two equal-cost next hops.
  MplsRoute ecmp_label{22, {23}, a("192.168.13.1"), "ve-core", kRouteProtocol};
  ecmp_label.more_paths = {{{step == "base" ? 24u : 26u}, a("192.168.14.1"), "ve-core2"}};
  d.mpls_routes.push_back(ecmp_label);
  if (f.vrf) d.mpls_routes.push_back({21, {}, std::nullopt, "Technique", kRouteProtocol});
  // Admin state ("withdraw" plus an interface's `shutdown`, then lifted) and
  // forwarding, as a daemon asks for them.
  d.ip_forward = true;
  if (step == "shutdown") d.admin_down = {"ve-core2"};
  if (step == "noshut") d.admin_up = {"ve-core2"};
  return d;
}

int report(const Plan& plan, const ApplyReport& result) {
  for (const auto& problem : plan.problems) {
    std::printf("problem: %s: %s\n", to_string(problem.kind), problem.detail.c_str());
  }
  for (const auto& failure : result.failures) {
    std::printf("failed: %s: %s\n", failure.operation.c_str(), failure.text.c_str());
  }
  std::printf("applied %zu of %zu operations (%zu retried), %zu problems, %zu failures\n",
              result.applied, plan.operations.size(), result.retried, plan.problems.size(),
              result.failures.size());
  return result.ok() ? 0 : 1;
}

int monitor(const std::string& interface) {
  std::string error;
  auto mon = LinkMonitor::open(error);
  if (!mon) {
    std::printf("monitor: %s\n", error.c_str());
    return 1;
  }
  const std::string commands = "ip link set " + interface + " down && ip link set " + interface +
                               " up && ip addr add 10.77.0.1/24 dev " + interface + " && ip addr del 10.77.0.1/24 dev " +
                               interface;
  if (std::system(commands.c_str()) != 0) {
    std::printf("monitor: '%s' failed\n", commands.c_str());
    return 1;
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  const auto poll = mon->poll();
  for (const auto& event : poll.events) std::printf("event: %s\n", describe(event).c_str());
  std::printf("monitor: %zu events, %zu malformed%s\n", poll.events.size(), poll.malformed,
              poll.overflowed ? ", overflowed" : "");
  return poll.error.empty() ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: kernel_driver apply base|update|withdraw [--vrf] [--dummy] [--encap] | cleanup | monitor IF\n");
    return 2;
  }
  const std::string command = argv[1];
  if (command == "monitor" && argc == 3) return monitor(argv[2]);
  Features features;
  for (int i = 3; i < argc; ++i) {
    features.vrf |= std::strcmp(argv[i], "--vrf") == 0;
    features.dummy |= std::strcmp(argv[i], "--dummy") == 0;
    features.encap |= std::strcmp(argv[i], "--encap") == 0;
  }
  std::string error;
  auto fib = NetlinkFib::open(error);
  if (!fib) {
    std::fprintf(stderr, "kernel_driver: %s\n", error.c_str());
    return 1;
  }
  std::optional<ReadError> read_error;
  const ActualState actual = fib->read_state(read_error);
  if (read_error) {
    std::fprintf(stderr, "kernel_driver: %s\n", read_error->message.c_str());
    return 1;
  }
  Plan plan;
  if (command == "cleanup") {
    plan = plan_cleanup(actual);
  } else if (command == "apply" && argc >= 3) {
    plan = plan_reconcile(scenario(argv[2], features), actual);
  } else {
    std::fprintf(stderr, "kernel_driver: unknown step %s\n", command.c_str());
    return 2;
  }
  for (const auto& op : plan.operations) std::printf("plan: %s\n", describe(op).c_str());
  return report(plan, fib->apply(plan));
}
