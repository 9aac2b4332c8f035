// OSPF instances on one broadcast segment (RFC 2328 9.4, 10, 12.4.2): four
// routers elect the DR by priority and the BDR by router ID, form full
// adjacencies with both, stay 2-Way between DROthers, end with identical
// databases holding the DR's network-LSA, and route to each other's loopbacks
// through the segment.
#include <doctest/doctest.h>

#include "ospf_instance_fixtures.hpp"

using namespace ospf_lab;
using ospf::InterfaceState;
using ospf::NeighborState;

namespace {

// R1 has priority 10 (DR); R2, R3, R4 priority 1: R4, the highest router ID, is BDR.
void build_lan(Lab& lab) {
  lab.add_router("R1", "1.1.1.1");
  lab.add_router("R2", "2.2.2.2");
  lab.add_router("R3", "3.3.3.3");
  lab.add_router("R4", "4.4.4.4");
  lab.add_segment("lan", ospf::NetworkType::Broadcast, 24,
                  {{"R1", "eth0", "10.0.0.1", 10}, {"R2", "eth0", "10.0.0.2", 1},
                   {"R3", "eth0", "10.0.0.3", 1}, {"R4", "eth0", "10.0.0.4", 1}});
  lab.add_loopback("R1", "1.1.1.1");
  lab.add_loopback("R2", "2.2.2.2");
  lab.add_loopback("R3", "3.3.3.3");
  lab.add_loopback("R4", "4.4.4.4");
  lab.start();
}

InterfaceState lan_state(const ospf::Instance& o) {
  for (const auto& i : o.interfaces())
    if (i.name == "eth0") return i.state;
  return InterfaceState::Down;
}

}  // namespace

TEST_CASE("OSPF broadcast: DR by priority, BDR by router ID, Full with both, 2-Way between DROthers") {
  Lab lab;
  build_lan(lab);
  lab.run_for(60s);  // the 40 s wait timer, then the exchanges

  CHECK(lan_state(lab.ospf("R1")) == InterfaceState::Dr);
  CHECK(lan_state(lab.ospf("R4")) == InterfaceState::Backup);
  CHECK(lan_state(lab.ospf("R2")) == InterfaceState::DrOther);
  CHECK(lan_state(lab.ospf("R3")) == InterfaceState::DrOther);
  for (const auto* name : {"R1", "R2", "R3", "R4"}) {
    const auto views = lab.ospf(name).interfaces();
    const auto& lan = views.front();
    CHECK(lan.dr_router_id == ip("1.1.1.1"));
    CHECK(lan.dr_address == ip("10.0.0.1"));
    CHECK(lan.bdr_router_id == ip("4.4.4.4"));
    CHECK(lan.neighbor_count == 3);
  }
  // The DR and the BDR are adjacent to everyone.
  CHECK(neighbor_state(lab.ospf("R1"), "2.2.2.2") == NeighborState::Full);
  CHECK(neighbor_state(lab.ospf("R1"), "3.3.3.3") == NeighborState::Full);
  CHECK(neighbor_state(lab.ospf("R1"), "4.4.4.4") == NeighborState::Full);
  CHECK(neighbor_state(lab.ospf("R4"), "2.2.2.2") == NeighborState::Full);
  CHECK(neighbor_state(lab.ospf("R4"), "3.3.3.3") == NeighborState::Full);
  // The two DROthers only see each other (10.4: no adjacency).
  CHECK(neighbor_state(lab.ospf("R2"), "3.3.3.3") == NeighborState::TwoWay);
  CHECK(neighbor_state(lab.ospf("R3"), "2.2.2.2") == NeighborState::TwoWay);
  CHECK(lab.ospf("R2").interfaces().front().adjacent_count == 2);

  // The adjacency came up with IOS's log line.
  bool logged = false;
  for (const auto& line : lab.node("R2").log())
    if (line == "R2: %OSPF-5-ADJCHG: Process 1, Nbr 1.1.1.1 on eth0 from LOADING to FULL, Loading Done" ||
        line == "R2: %OSPF-5-ADJCHG: Process 1, Nbr 1.1.1.1 on eth0 from EXCHANGE to FULL, Exchange Done")
      logged = true;
  CHECK(logged);
}

TEST_CASE("OSPF broadcast: identical databases with the DR's network-LSA, routes over the segment") {
  Lab lab;
  build_lan(lab);
  lab.run_for(60s);

  const auto reference = instances(*lab.ospf("R1").lsdb(0));
  CHECK(reference.size() == 5);  // four router-LSAs and one network-LSA
  for (const auto* name : {"R2", "R3", "R4"}) CHECK(instances(*lab.ospf(name).lsdb(0)) == reference);

  const auto* net = lab.ospf("R3").lsdb(0)->find(key(ospf::ls_type::Network, "10.0.0.1", "1.1.1.1"));
  REQUIRE(net != nullptr);
  const auto& body = std::get<ospf::NetworkLsa>(net->lsa.body);
  CHECK(body.network_mask == mask_of(24));
  CHECK(body.attached_routers ==
        std::vector<std::uint32_t>{ip("1.1.1.1"), ip("2.2.2.2"), ip("3.3.3.3"), ip("4.4.4.4")});

  // R2's router-LSA: a transit link to the DR and its loopback as a /32 stub.
  const auto* r2 = lab.ospf("R1").lsdb(0)->find(key(ospf::ls_type::Router, "2.2.2.2", "2.2.2.2"));
  REQUIRE(r2 != nullptr);
  const auto& links = std::get<ospf::RouterLsa>(r2->lsa.body).links;
  REQUIRE(links.size() == 2);
  CHECK(links[0].type == ospf::RouterLinkType::Transit);
  CHECK(links[0].link_id == ip("10.0.0.1"));
  CHECK(links[1].type == ospf::RouterLinkType::Stub);
  CHECK(links[1].link_id == ip("2.2.2.2"));

  // DROthers route to each other directly over the LAN, though not adjacent.
  const auto* to_r3 = route(lab.ospf("R2"), "3.3.3.3", 32);
  REQUIRE(to_r3 != nullptr);
  CHECK(to_r3->type == ospf::SpfRouteType::IntraArea);
  CHECK(to_r3->cost == 2);  // LAN 1 + loopback 1
  REQUIRE(to_r3->next_hops.size() == 1);
  CHECK(to_r3->next_hops[0].address == ip("10.0.0.3"));
  CHECK(to_r3->next_hops[0].interface == "eth0");
  CHECK(lab.node("R2").routes_changed() > 0);
}
