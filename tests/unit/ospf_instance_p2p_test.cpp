// OSPF instances over point-to-point links (RFC 2328 10, 12.4.1.1, 16.1):
// an adjacency without DR election, loopback /32s routed with the link cost
// and the neighbor as next hop; then a square with two equal-cost paths, a
// link failure, and a router that vanishes silently (the dead interval).
#include <doctest/doctest.h>

#include "ospf_instance_fixtures.hpp"

using namespace ospf_lab;
using ospf::NeighborState;
using ospf::SpfNextHop;

namespace {

void add_link(Lab& lab, const std::string& name, const std::string& a, const char* a_address, const std::string& b,
              const char* b_address, std::uint16_t cost = 10) {
  lab.add_segment(name, ospf::NetworkType::PointToPoint, 30,
                  {{a, "to-" + b, a_address, 1, cost}, {b, "to-" + a, b_address, 1, cost}});
}

}  // namespace

TEST_CASE("OSPF point-to-point: Full without election, loopbacks routed with the link cost") {
  Lab lab;
  lab.add_router("R1", "1.1.1.1");
  lab.add_router("R2", "2.2.2.2");
  add_link(lab, "r1-r2", "R1", "10.1.12.1", "R2", "10.1.12.2", 10);
  lab.add_loopback("R1", "1.1.1.1");
  lab.add_loopback("R2", "2.2.2.2");
  lab.start();
  lab.run_for(25s);  // no wait timer: the second hellos (10 s) see each other, then the exchange; an LSA caught by MinLSArrival comes again after RxmtInterval (5 s)

  CHECK(neighbor_state(lab.ospf("R1"), "2.2.2.2") == NeighborState::Full);
  CHECK(neighbor_state(lab.ospf("R2"), "1.1.1.1") == NeighborState::Full);
  const auto iface = lab.ospf("R1").interfaces().front();
  CHECK(iface.state == ospf::InterfaceState::PointToPoint);
  CHECK(iface.dr_address == 0);
  CHECK(iface.adjacent_count == 1);

  // R1's router-LSA: the point-to-point link, the subnet stub, the loopback host route.
  const auto* lsa = lab.ospf("R2").lsdb(0)->find(key(ospf::ls_type::Router, "1.1.1.1", "1.1.1.1"));
  REQUIRE(lsa != nullptr);
  const auto& links = std::get<ospf::RouterLsa>(lsa->lsa.body).links;
  REQUIRE(links.size() == 3);
  CHECK(links[0].type == ospf::RouterLinkType::PointToPoint);
  CHECK(links[0].link_id == ip("2.2.2.2"));
  CHECK(links[0].link_data == ip("10.1.12.1"));
  CHECK(links[0].metric == 10);
  CHECK(links[1].type == ospf::RouterLinkType::Stub);
  CHECK(links[1].link_id == ip("10.1.12.0"));
  CHECK(links[2].link_id == ip("1.1.1.1"));
  CHECK(links[2].link_data == 0xFFFFFFFF);

  const auto* r = route(lab.ospf("R1"), "2.2.2.2", 32);
  REQUIRE(r != nullptr);
  CHECK(r->type == ospf::SpfRouteType::IntraArea);
  CHECK(r->cost == 11);  // link 10 + loopback 1
  CHECK(r->next_hops == std::vector<SpfNextHop>{{ip("10.1.12.2"), "to-R2"}});
  const auto* back = route(lab.ospf("R2"), "1.1.1.1", 32);
  REQUIRE(back != nullptr);
  CHECK(back->next_hops == std::vector<SpfNextHop>{{ip("10.1.12.1"), "to-R1"}});
  CHECK(lab.ospf("R1").drop_counters().count("auth-bad-digest") == 0);
}

namespace {

// R1 - R2 - R4 and R1 - R3 - R4, every link cost 10.
void build_square(Lab& lab) {
  for (const auto& [name, rid] : std::vector<std::pair<std::string, const char*>>{
           {"R1", "1.1.1.1"}, {"R2", "2.2.2.2"}, {"R3", "3.3.3.3"}, {"R4", "4.4.4.4"}})
    lab.add_router(name, rid);
  add_link(lab, "r1-r2", "R1", "10.0.12.1", "R2", "10.0.12.2");
  add_link(lab, "r1-r3", "R1", "10.0.13.1", "R3", "10.0.13.3");
  add_link(lab, "r2-r4", "R2", "10.0.24.2", "R4", "10.0.24.4");
  add_link(lab, "r3-r4", "R3", "10.0.34.3", "R4", "10.0.34.4");
  lab.add_loopback("R4", "4.4.4.4");
  lab.add_loopback("R2", "2.2.2.2");
  lab.start();
}

}  // namespace

TEST_CASE("OSPF square: two equal-cost paths, then a link failure leaves the alternate one") {
  Lab lab;
  build_square(lab);
  lab.run_for(30s);

  const auto* r = route(lab.ospf("R1"), "4.4.4.4", 32);
  REQUIRE(r != nullptr);
  CHECK(r->cost == 21);
  CHECK(r->next_hops == std::vector<SpfNextHop>{{ip("10.0.12.2"), "to-R2"}, {ip("10.0.13.3"), "to-R3"}});

  lab.network.set_link_up(*lab.network.find_segment("r1-r2"), false);
  lab.run_for(2s);  // the link-down event, the new router-LSAs, the SPF delay

  CHECK(neighbor_state(lab.ospf("R1"), "2.2.2.2") == NeighborState::Down);
  r = route(lab.ospf("R1"), "4.4.4.4", 32);
  REQUIRE(r != nullptr);
  CHECK(r->cost == 21);
  CHECK(r->next_hops == std::vector<SpfNextHop>{{ip("10.0.13.3"), "to-R3"}});
  const auto* to_r2 = route(lab.ospf("R1"), "2.2.2.2", 32);
  REQUIRE(to_r2 != nullptr);
  CHECK(to_r2->cost == 31);  // R3, R4, R2's loopback
  CHECK(to_r2->next_hops == std::vector<SpfNextHop>{{ip("10.0.13.3"), "to-R3"}});
  CHECK(route(lab.ospf("R1"), "10.0.12.0", 30) == nullptr);  // nobody advertises the dead link
}

TEST_CASE("OSPF square: a router that vanishes is declared down after the dead interval") {
  Lab lab;
  build_square(lab);
  lab.run_for(30s);
  REQUIRE(route(lab.ospf("R1"), "4.4.4.4", 32)->next_hops.size() == 2);

  lab.remove("R2");  // no link event: only the hellos stop
  lab.run_for(30s);
  CHECK(neighbor_state(lab.ospf("R1"), "2.2.2.2") == NeighborState::Full);  // within RouterDeadInterval
  CHECK(route(lab.ospf("R1"), "4.4.4.4", 32)->next_hops.size() == 2);

  lab.run_for(15s);
  CHECK(neighbor_state(lab.ospf("R1"), "2.2.2.2") == NeighborState::Down);
  CHECK(neighbor_state(lab.ospf("R4"), "2.2.2.2") == NeighborState::Down);
  const auto* r = route(lab.ospf("R1"), "4.4.4.4", 32);
  REQUIRE(r != nullptr);
  CHECK(r->next_hops == std::vector<SpfNextHop>{{ip("10.0.13.3"), "to-R3"}});
  CHECK(route(lab.ospf("R1"), "2.2.2.2", 32) == nullptr);  // its LSA is still there, but unreachable
  CHECK(lab.ospf("R1").lsdb(0)->contains(key(ospf::ls_type::Router, "2.2.2.2", "2.2.2.2")));
  bool logged = false;
  for (const auto& line : lab.node("R1").log())
    if (line == "R1: %OSPF-5-ADJCHG: Process 1, Nbr 2.2.2.2 on to-R2 from FULL to DOWN, Neighbor Down: Dead timer expired")
      logged = true;
  CHECK(logged);
}
