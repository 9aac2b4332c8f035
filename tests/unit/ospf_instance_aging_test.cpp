// OSPF instances and LSA lifetimes (RFC 2328 12.4, 14, 14.1): an external
// route withdrawn by its ASBR is flushed (MaxAge, flooded, removed from
// every database once acknowledged); the LSAs of a router that vanished age
// out after MaxAge; and a live router refreshes its LSAs every LSRefreshTime
// with the next sequence number.
#include <doctest/doctest.h>

#include "ospf_instance_fixtures.hpp"

using namespace ospf_lab;

namespace {

// R1 - R2 - R3 over point-to-point links; R3 redistributes 192.168.0.0/24 (E2, metric 20).
void build_line(Lab& lab) {
  lab.add_router("R1", "1.1.1.1");
  lab.add_router("R2", "2.2.2.2");
  lab.add_router("R3", "3.3.3.3");
  lab.add_segment("r1-r2", ospf::NetworkType::PointToPoint, 30, {{"R1", "to-R2", "10.0.12.1"}, {"R2", "to-R1", "10.0.12.2"}});
  lab.add_segment("r2-r3", ospf::NetworkType::PointToPoint, 30, {{"R2", "to-R3", "10.0.23.2"}, {"R3", "to-R2", "10.0.23.3"}});
  lab.set_externals("R3", {ospf::ExternalRoute{ip("192.168.0.0"), mask_of(24), 20, true, 0, 0}});
  lab.start();
}

const ospf::LsaKey kExternal{ospf::ls_type::AsExternal, 0xC0A80000, 0x03030303};  // 192.168.0.0 from 3.3.3.3

}  // namespace

TEST_CASE("OSPF aging: a withdrawn external route is flushed at MaxAge and removed once acknowledged") {
  Lab lab;
  build_line(lab);
  lab.run_for(40s);

  CHECK(lab.ospf("R3").is_as_boundary_router());
  const auto* e2 = route(lab.ospf("R1"), "192.168.0.0", 24);
  REQUIRE(e2 != nullptr);
  CHECK(e2->type == ospf::SpfRouteType::ExternalType2);
  CHECK(e2->metric() == 20);
  CHECK(e2->advertising_router == ip("3.3.3.3"));
  CHECK(e2->next_hops == std::vector<ospf::SpfNextHop>{{ip("10.0.12.2"), "to-R2"}});
  REQUIRE(lab.ospf("R1").external_lsdb().contains(kExternal));
  const auto* r3_lsa = lab.ospf("R1").lsdb(0)->find(key(ospf::ls_type::Router, "3.3.3.3", "3.3.3.3"));
  REQUIRE(r3_lsa != nullptr);
  CHECK((std::get<ospf::RouterLsa>(r3_lsa->lsa.body).flags & ospf::router_flag::E) != 0);

  lab.node("R3").set_external_routes({});
  lab.run_for(1500us);  // R2 has it (1 ms link), R1 not yet
  const auto* flushed = lab.ospf("R2").external_lsdb().find(kExternal);
  REQUIRE(flushed != nullptr);
  CHECK(ospf::Lsdb::age_of(*flushed, lab.network.now()) == ospf::kMaxAge);

  lab.run_for(1s);  // flooded on to R1, acknowledged, removed everywhere
  for (const auto* name : {"R1", "R2", "R3"}) CHECK_FALSE(lab.ospf(name).external_lsdb().contains(kExternal));
  CHECK(route(lab.ospf("R1"), "192.168.0.0", 24) == nullptr);
  CHECK_FALSE(lab.ospf("R3").is_as_boundary_router());
  r3_lsa = lab.ospf("R1").lsdb(0)->find(key(ospf::ls_type::Router, "3.3.3.3", "3.3.3.3"));
  REQUIRE(r3_lsa != nullptr);
  CHECK((std::get<ospf::RouterLsa>(r3_lsa->lsa.body).flags & ospf::router_flag::E) == 0);
}

TEST_CASE("OSPF aging: the LSAs of a vanished router age out after MaxAge") {
  Lab lab;
  build_line(lab);
  lab.run_for(40s);
  REQUIRE(lab.ospf("R1").lsdb(0)->contains(key(ospf::ls_type::Router, "3.3.3.3", "3.3.3.3")));

  lab.remove("R3");  // never refreshes again, never flushes
  lab.run_for(std::chrono::seconds(3000));
  CHECK(lab.ospf("R1").lsdb(0)->contains(key(ospf::ls_type::Router, "3.3.3.3", "3.3.3.3")));
  CHECK(lab.ospf("R1").external_lsdb().contains(kExternal));
  CHECK(route(lab.ospf("R1"), "192.168.0.0", 24) == nullptr);  // ASBR unreachable

  lab.run_for(std::chrono::seconds(700));  // past 3600 s since R3 originated them
  for (const auto* name : {"R1", "R2"}) {
    CHECK_FALSE(lab.ospf(name).lsdb(0)->contains(key(ospf::ls_type::Router, "3.3.3.3", "3.3.3.3")));
    CHECK_FALSE(lab.ospf(name).external_lsdb().contains(kExternal));
    // The live routers' own LSAs were refreshed meanwhile and stay.
    CHECK(lab.ospf(name).lsdb(0)->contains(key(ospf::ls_type::Router, "1.1.1.1", "1.1.1.1")));
    CHECK(lab.ospf(name).lsdb(0)->contains(key(ospf::ls_type::Router, "2.2.2.2", "2.2.2.2")));
  }
}

TEST_CASE("OSPF refresh: after LSRefreshTime the router-LSA comes again with the next sequence number") {
  Lab lab;
  build_line(lab);
  lab.run_for(40s);
  const auto k = key(ospf::ls_type::Router, "1.1.1.1", "1.1.1.1");
  const auto before = lab.ospf("R3").lsdb(0)->find(k)->lsa;
  const auto routes_before = lab.ospf("R3").routes();
  const auto changes_before = lab.node("R3").routes_changed();

  // R1 installed its own instance when it originated it.
  const auto originated = lab.ospf("R1").lsdb(0)->find(k)->installed;
  lab.run_for(originated + std::chrono::seconds(1795) - lab.network.now());
  CHECK(lab.ospf("R3").lsdb(0)->find(k)->lsa.header.sequence == before.header.sequence);

  lab.run_for(10s);  // LSRefreshTime (1800 s) passed
  const auto* after = lab.ospf("R3").lsdb(0)->find(k);
  REQUIRE(after != nullptr);
  CHECK(after->lsa.header.sequence == before.header.sequence + 1);
  CHECK(after->lsa.body == before.body);  // same contents
  CHECK(ospf::Lsdb::age_of(*after, lab.network.now()) < 100);
  CHECK(lab.ospf("R2").lsdb(0)->find(k)->lsa.header.sequence == before.header.sequence + 1);
  // Nothing changed for the routing table.
  CHECK(lab.ospf("R3").routes() == routes_before);
  CHECK(lab.node("R3").routes_changed() == changes_before);
}
