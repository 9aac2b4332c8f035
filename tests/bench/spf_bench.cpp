// OSPF SPF (RFC 2328 16.1) time on large single-area topologies: how long
// ospf::compute_spf takes from one router over 1,000 and 10,000 routers.
//
// The topology is a W x H grid of routers, every link cost 1, so most
// destinations have several equal-cost paths (ECMP ties at every step):
//   - each router: a /32 loopback stub (10.0.0.0/8 + index), its router ID;
//   - horizontal links and most vertical ones: numbered point-to-point links,
//     each end a type 1 link to the other and a type 3 stub for the /30
//     (172.16.0.0/12), as IOS advertises them;
//   - every fifth column's vertical links: broadcast transit networks (a /24
//     in 100.64.0.0/10) with a network-LSA from the upper router (the DR).
// Degree 2-4, about 4 links per router counting both directions.
//
// Checks, every run: the route count is exactly loopbacks + /30 stubs +
// transit networks (every prefix reached once), and the far corner has two
// equal-cost next hops. Prints the median time of the runs.
//
// Usage: bench_spf [--runs N]   1,000 and 10,000 routers, N runs each (default 9)
//        bench_spf --smoke      1,000 routers, 3 runs; checks only, no target
// Target: under 50 ms for 10,000 routers on one core.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "ospf/spf.hpp"

using namespace l3vpn::ospf;
using Clock = std::chrono::steady_clock;

namespace {

constexpr double kTargetMs = 50.0;

struct Topology {
  std::size_t width = 0, height = 0;
  std::vector<Lsa> lsas;
  std::vector<SpfInterface> root_interfaces;  // router 0's
  std::size_t loopbacks = 0, p2p_subnets = 0, transit_networks = 0;
  std::size_t expected_routes() const { return loopbacks + p2p_subnets + transit_networks; }
};

std::uint32_t router_id(std::size_t index) { return 0x0A000001u + static_cast<std::uint32_t>(index); }

Lsa router_lsa(std::uint32_t id) {
  Lsa lsa;
  lsa.header.type = ls_type::Router;
  lsa.header.link_state_id = id;
  lsa.header.advertising_router = id;
  lsa.body = RouterLsa{};
  return lsa;
}

RouterLsa& body(Lsa& lsa) { return std::get<RouterLsa>(lsa.body); }

void add_link(Lsa& lsa, RouterLinkType type, std::uint32_t link_id, std::uint32_t link_data) {
  body(lsa).links.push_back(RouterLink{link_id, link_data, type, 1, {}});
}

Topology grid(std::size_t width, std::size_t height) {
  Topology t;
  t.width = width;
  t.height = height;
  const std::size_t n = width * height;
  std::vector<Lsa> routers;
  routers.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    routers.push_back(router_lsa(router_id(i)));
    add_link(routers[i], RouterLinkType::Stub, router_id(i), 0xFFFFFFFFu);
  }
  t.loopbacks = n;
  std::uint32_t next_p2p = 0xAC100000u;  // 172.16.0.0
  std::uint32_t next_lan = 0x64400000u;  // 100.64.0.0
  const auto note_root = [&](std::size_t a, std::string name, std::uint32_t address, std::uint32_t mask) {
    if (a == 0) t.root_interfaces.push_back(SpfInterface{std::move(name), address, mask, 1});
  };
  const auto p2p = [&](std::size_t a, std::size_t b) {
    const std::uint32_t subnet = next_p2p;
    next_p2p += 4;
    add_link(routers[a], RouterLinkType::PointToPoint, router_id(b), subnet + 1);
    add_link(routers[a], RouterLinkType::Stub, subnet, 0xFFFFFFFCu);
    add_link(routers[b], RouterLinkType::PointToPoint, router_id(a), subnet + 2);
    add_link(routers[b], RouterLinkType::Stub, subnet, 0xFFFFFFFCu);
    note_root(a, "p2p" + std::to_string(b), subnet + 1, 0xFFFFFFFCu);
    ++t.p2p_subnets;
  };
  const auto lan = [&](std::size_t dr, std::size_t other) {
    const std::uint32_t subnet = next_lan;
    next_lan += 256;
    const std::uint32_t dr_address = subnet + 1;
    add_link(routers[dr], RouterLinkType::Transit, dr_address, dr_address);
    add_link(routers[other], RouterLinkType::Transit, dr_address, subnet + 2);
    Lsa network;
    network.header.type = ls_type::Network;
    network.header.link_state_id = dr_address;
    network.header.advertising_router = router_id(dr);
    network.body = NetworkLsa{0xFFFFFF00u, {router_id(dr), router_id(other)}};
    t.lsas.push_back(std::move(network));
    note_root(dr, "lan" + std::to_string(other), dr_address, 0xFFFFFF00u);
    ++t.transit_networks;
  };
  for (std::size_t y = 0; y < height; ++y) {
    for (std::size_t x = 0; x < width; ++x) {
      const std::size_t i = y * width + x;
      if (x + 1 < width) p2p(i, i + 1);
      if (y + 1 < height) {
        if (x % 5 == 0) lan(i, i + width);
        else p2p(i, i + width);
      }
    }
  }
  for (Lsa& r : routers) t.lsas.push_back(std::move(r));
  return t;
}

bool check(const Topology& t, const SpfResult& result) {
  bool ok = true;
  if (result.routes.size() != t.expected_routes()) {
    std::fprintf(stderr, "routes: %zu, expected %zu (%zu loopbacks + %zu /30 + %zu LANs)\n", result.routes.size(),
                 t.expected_routes(), t.loopbacks, t.p2p_subnets, t.transit_networks);
    ok = false;
  }
  if (result.reachable_routers.size() != t.width * t.height) {
    std::fprintf(stderr, "reachable routers: %zu, expected %zu\n", result.reachable_routers.size(),
                 t.width * t.height);
    ok = false;
  }
  // The far corner, (W-1)+(H-1) hops away plus its stub: reached over both of
  // the root's links (right and down), an ECMP tie.
  const std::uint32_t corner = router_id(t.width * t.height - 1);
  const auto it = std::find_if(result.routes.begin(), result.routes.end(),
                               [&](const SpfRoute& r) { return r.prefix == corner && r.mask == 0xFFFFFFFFu; });
  if (it == result.routes.end()) {
    std::fprintf(stderr, "no route to the far corner\n");
    return false;
  }
  const std::uint32_t expected_cost = static_cast<std::uint32_t>(t.width - 1 + t.height - 1 + 1);
  if (it->cost != expected_cost || it->next_hops.size() != 2) {
    std::fprintf(stderr, "far corner: cost %u (expected %u), %zu next hops (expected 2)\n", it->cost,
                 expected_cost, it->next_hops.size());
    ok = false;
  }
  return ok;
}

// Returns the median time in milliseconds, or a negative value when a check fails.
double run(std::size_t width, std::size_t height, int runs) {
  const Topology t = grid(width, height);
  SpfInput input;
  input.router_id = router_id(0);
  input.area_id = 0;
  input.interfaces = t.root_interfaces;
  input.lsas = t.lsas;
  std::vector<double> ms;
  std::size_t routes = 0;
  for (int r = 0; r < runs; ++r) {
    const auto start = Clock::now();
    const SpfResult result = compute_spf(input);
    const auto stop = Clock::now();
    ms.push_back(std::chrono::duration<double, std::milli>(stop - start).count());
    if (!check(t, result)) return -1;
    routes = result.routes.size();
  }
  std::sort(ms.begin(), ms.end());
  const double median = ms[ms.size() / 2];
  std::printf("%6zu routers (%zux%zu grid), %6zu LSAs: %7zu routes, median %8.2f ms over %d runs (min %.2f, max %.2f)\n",
              width * height, width, height, t.lsas.size(), routes, median, runs, ms.front(), ms.back());
  return median;
}

}  // namespace

int main(int argc, char** argv) {
  bool smoke = false;
  int runs = 9;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--smoke") == 0) smoke = true;
    else if (std::strcmp(argv[i], "--runs") == 0 && i + 1 < argc) runs = std::max(1, std::atoi(argv[++i]));
    else {
      std::fprintf(stderr, "usage: bench_spf [--runs N] | --smoke\n");
      return 2;
    }
  }
  if (smoke) return run(40, 25, 3) < 0 ? 1 : 0;
  if (run(40, 25, runs) < 0) return 1;
  const double big = run(100, 100, runs);
  if (big < 0) return 1;
  std::printf("target: 10,000 routers under %.0f ms: %s\n", kTargetMs, big < kTargetMs ? "met" : "MISSED");
  return 0;
}
