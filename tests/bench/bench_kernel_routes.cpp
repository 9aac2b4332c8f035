// Installing many VRF routes with an MPLS encap into the kernel: NetlinkFib
// (batched requests, one ack each) against `ip -batch` (one request and one
// ack wait per line) with the same routes, in a private network namespace.
//
//   bench_kernel_routes [--routes N] [--smoke]
//
// Each run: its own netns (unshare), a veth with 192.0.2.2/24; N /32 routes in
// table 1001, proto 248, "encap mpls 100/L via 192.0.2.1" (L cycles over 1000
// VPN labels) where the kernel has MPLS encap, plain otherwise (said in the
// output). Prints routes/s of both and the ratio; checks both installed N
// routes (exit 1 if not). Needs root; prints SKIP and exits 0 without it.
// The full run belongs in the VM: labs/vm/run-in-vm -- build/tests/bench/bench_kernel_routes
#include <sched.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>

#include "kernel/netlink_fib.hpp"
#include "kernel/reconcile.hpp"

using namespace l3vpn::kernel;
using Clock = std::chrono::steady_clock;

namespace {

bool run(const std::string& command) { return std::system(command.c_str()) == 0; }

std::size_t count_routes() {
  FILE* pipe = popen("ip route show table 1001 | wc -l", "r");
  if (pipe == nullptr) return 0;
  std::size_t n = 0;
  if (std::fscanf(pipe, "%zu", &n) != 1) n = 0;
  pclose(pipe);
  return n;
}

Ipv4Prefix host_route(std::size_t i) {
  return Ipv4Prefix{Ipv4Address{0x0A000000u + static_cast<std::uint32_t>(i)}, 32};  // 10.0.0.0 + i
}

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
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
  const bool encap = run("ip route add 10.255.255.255/32 encap mpls 99 via 192.0.2.1 dev ve0 table 1001 2>/dev/null");
  (void)run("ip route flush table 1001 2>/dev/null");
  std::printf("%zu routes in table 1001, %s\n", routes,
              encap ? "encap mpls 100/L" : "no MPLS encap in this kernel: plain routes");

  DesiredState desired;
  desired.routes.reserve(routes);
  for (std::size_t i = 0; i < routes; ++i) {
    Ipv4Route r;
    r.table = 1001;
    r.prefix = host_route(i);
    r.next_hops = {{Ipv4Address{0xC0000201u}, "ve0",
                    encap ? std::vector<MplsLabel>{100, 16 + static_cast<MplsLabel>(i % 1000)}
                          : std::vector<MplsLabel>{}}};
    desired.routes.push_back(std::move(r));
  }

  std::string error;
  auto fib = NetlinkFib::open(error);
  if (!fib) {
    std::printf("bench_kernel_routes: %s\n", error.c_str());
    return 1;
  }
  std::optional<ReadError> read_error;
  auto start = Clock::now();
  const ActualState actual = fib->read_state(read_error);
  const Plan plan = plan_reconcile(desired, actual);
  const double plan_seconds = seconds_since(start);
  start = Clock::now();
  const ApplyReport report = fib->apply(plan);
  const double ours = seconds_since(start);
  const std::size_t ours_installed = count_routes();
  for (std::size_t i = 0; i < report.failures.size() && i < 5; ++i) {
    std::printf("failed: %s: %s\n", report.failures[i].operation.c_str(), report.failures[i].text.c_str());
  }
  std::printf("NetlinkFib: read+plan %.3f s, apply %.3f s = %.0f routes/s (%zu installed, %zu failures, %zu retried)\n",
              plan_seconds, ours, static_cast<double>(routes) / ours, ours_installed, report.failures.size(),
              report.retried);

  (void)run("ip route flush table 1001");
  const std::string batch = "/tmp/bench_kernel_routes." + std::to_string(getpid());
  {
    std::ofstream out(batch);
    for (std::size_t i = 0; i < routes; ++i) {
      out << "route add " << host_route(i).to_string();
      if (encap) out << " encap mpls 100/" << 16 + i % 1000;
      out << " via 192.0.2.1 dev ve0 table 1001 proto 248\n";
    }
  }
  start = Clock::now();
  const bool batch_ok = run("ip -batch " + batch);
  const double theirs = seconds_since(start);
  const std::size_t batch_installed = count_routes();
  std::remove(batch.c_str());
  std::printf("ip -batch:  %.3f s = %.0f routes/s (%zu installed%s)\n", theirs,
              static_cast<double>(routes) / theirs, batch_installed, batch_ok ? "" : ", ip failed");
  std::printf("ratio: NetlinkFib is %.2fx ip -batch\n", theirs / ours);
  return ours_installed == routes && batch_installed == routes && report.ok() ? 0 : 1;
}
