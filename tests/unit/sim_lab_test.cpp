// The seed lab (labs/inter-vrf-leaking) in the lab simulator, control plane
// only: OSPF on the backbone, LDP along it, the PEs' iBGP full mesh, and the
// PEs' VPNv4 next hops resolved over LDP LSPs through the P router R1.
#include <doctest/doctest.h>

#include "cli/show_bgp.hpp"
#include "config/lab.hpp"
#include "sim/lab_sim.hpp"

using l3vpn::cli::ipv4_text;
namespace sim = l3vpn::sim;
namespace config = l3vpn::config;

namespace {

constexpr std::uint32_t ip(std::uint32_t a, std::uint32_t b, std::uint32_t c, std::uint32_t d) {
  return (a << 24) | (b << 16) | (c << 8) | d;
}

const config::Lab& seed_lab() {
  static const config::LabLoadResult loaded = config::load_lab(L3VPN_SOURCE_DIR "/labs/inter-vrf-leaking");
  REQUIRE(loaded.errors.empty());
  return loaded.lab;
}

const l3vpn::ospf::SpfRoute* ospf_route(const sim::SimRouter& r, std::uint32_t prefix) {
  static std::vector<l3vpn::ospf::SpfRoute> routes;
  routes = r.ospf_routes();
  for (const auto& route : routes)
    if (route.prefix == prefix && route.mask == 0xFFFFFFFF) return &route;
  return nullptr;
}

}  // namespace

TEST_CASE("lab sim: the seed lab's backbone converges: OSPF Full, LDP Operational, iBGP Established") {
  l3vpn::core::Logger log("sim", l3vpn::core::LogLevel::Error);
  sim::LabSim lab(seed_lab(), log);
  lab.start();
  sim::ConvergeResult result = lab.converge();
  INFO(result.waiting_for);
  REQUIRE(result.converged);
  CHECK(result.simulated < std::chrono::minutes(2));

  // R1, the P router, is adjacent with the three PEs over point-to-point links.
  const sim::SimRouter& r1 = lab.router("R1");
  REQUIRE(r1.ospf.size() == 1);
  auto neighbors = r1.ospf.front()->instance().neighbors();
  REQUIRE(neighbors.size() == 3);
  for (const auto& n : neighbors) CHECK(n.state == l3vpn::ospf::NeighborState::Full);
  CHECK_FALSE(r1.speaker);  // a P router runs no BGP

  // R3 reaches R2's and R4's loopbacks over R1: link, link, loopback stub.
  const sim::SimRouter& r3 = lab.router("R3");
  for (std::uint32_t pe : {ip(2, 2, 2, 2), ip(4, 4, 4, 4)}) {
    const auto* route = ospf_route(r3, pe);
    REQUIRE_MESSAGE(route, ipv4_text(pe));
    CHECK(route->cost == 3);
    REQUIRE(route->next_hops.size() == 1);
    CHECK(route->next_hops.front().address == ip(192, 168, 13, 1));
  }

  // LDP: R1 has a session with every PE; for R2's loopback it pops (R2
  // advertised implicit null) and R3 pushes the label R1 allocated.
  REQUIRE(r1.ldp);
  auto sessions = r1.ldp->instance().sessions();
  CHECK(sessions.size() == 3);
  const l3vpn::ldp::Fec r2_fec = l3vpn::ldp::Fec::of(ip(2, 2, 2, 2));
  auto at_r1 = r1.ldp->lfib().find(r2_fec);
  REQUIRE(at_r1 != r1.ldp->lfib().end());
  CHECK(at_r1->second.pop());
  auto at_r3 = r3.ldp->lfib().find(r2_fec);
  REQUIRE(at_r3 != r3.ldp->lfib().end());
  CHECK(at_r3->second.out_label == at_r1->second.in_label);
  CHECK(at_r3->second.interface == "GigabitEthernet0/0");

  // BGP: R3's iBGP sessions to R2 and R4 are up, and their next hops resolve
  // over those LSPs, with the OSPF cost as the IGP metric.
  REQUIRE(r3.speaker);
  CHECK(r3.speaker->peers().size() == 2);
  auto resolution = r3.resolver.resolve(ip(2, 2, 2, 2));
  REQUIRE(resolution);
  CHECK(resolution->reachable);
  CHECK(resolution->igp_metric == 3);
  CHECK(resolution->transport_label == at_r1->second.in_label);
  // R2's VPNv4 routes are in R3's table with R2 as next hop.
  const auto* vpn = r3.speaker->rib(l3vpn::bgp::kVpnv4Unicast);
  REQUIRE(vpn);
  CHECK(vpn->loc_rib().size() > r3.exported.size());
}

TEST_CASE("lab sim: without LDP on the P router the PEs' VPNv4 next hops are inaccessible") {
  config::Lab lab_copy = seed_lab();
  for (auto& node : lab_copy.nodes)
    if (node.name == "R1")
      for (auto& itf : node.config.interfaces) itf.mpls_ip = false;
  l3vpn::core::Logger log("sim", l3vpn::core::LogLevel::Error);
  sim::LabSim lab(lab_copy, log);
  lab.start();
  sim::ConvergeResult result = lab.converge();
  INFO(result.waiting_for);
  REQUIRE(result.converged);
  const sim::SimRouter& r3 = lab.router("R3");
  auto resolution = r3.resolver.resolve(ip(2, 2, 2, 2));
  REQUIRE(resolution);  // OSPF still routes R2's loopback...
  CHECK_FALSE(resolution->reachable);  // ...but there is no LSP to it
  CHECK(resolution->igp_metric == 3);
}
