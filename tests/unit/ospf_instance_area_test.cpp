// OSPF instances in two areas (RFC 2328 12.4.3, 16.2): R1 in area 1, R2 the
// area border router (areas 1 and 0), R3 in the backbone. Each side learns
// the other's loopback as an inter-area route through R2's type-3
// summary-LSAs, and the areas' databases stay apart.
#include <doctest/doctest.h>

#include "ospf_instance_fixtures.hpp"

using namespace ospf_lab;

TEST_CASE("OSPF areas: loopbacks across the ABR as inter-area routes through type-3 summaries") {
  Lab lab;
  lab.add_router("R1", "1.1.1.1");
  lab.add_router("R2", "2.2.2.2");
  lab.add_router("R3", "3.3.3.3");
  lab.add_segment("r1-r2", ospf::NetworkType::PointToPoint, 30,
                  {{"R1", "to-R2", "10.1.12.1", 1, 10, 1}, {"R2", "to-R1", "10.1.12.2", 1, 10, 1}});
  lab.add_segment("r2-r3", ospf::NetworkType::PointToPoint, 30,
                  {{"R2", "to-R3", "10.0.23.2", 1, 5, 0}, {"R3", "to-R2", "10.0.23.3", 1, 5, 0}});
  lab.add_loopback("R1", "1.1.1.1", 1);
  lab.add_loopback("R3", "3.3.3.3", 0);
  lab.start();
  lab.run_for(40s);

  CHECK(lab.ospf("R2").is_area_border_router());
  CHECK_FALSE(lab.ospf("R1").is_area_border_router());
  CHECK(lab.ospf("R2").areas() == std::vector<std::uint32_t>{0, 1});

  // R3 (backbone) reaches R1's loopback: 5 to R2, then the summary's 10 + 1.
  const auto* to_r1 = route(lab.ospf("R3"), "1.1.1.1", 32);
  REQUIRE(to_r1 != nullptr);
  CHECK(to_r1->type == ospf::SpfRouteType::InterArea);
  CHECK(to_r1->cost == 16);
  CHECK(to_r1->advertising_router == ip("2.2.2.2"));
  CHECK(to_r1->next_hops == std::vector<ospf::SpfNextHop>{{ip("10.0.23.2"), "to-R2"}});
  const auto* summary = lab.ospf("R3").lsdb(0)->find(key(ospf::ls_type::SummaryNetwork, "1.1.1.1", "2.2.2.2"));
  REQUIRE(summary != nullptr);
  CHECK(std::get<ospf::SummaryLsa>(summary->lsa.body).metric == 11);
  CHECK(std::get<ospf::SummaryLsa>(summary->lsa.body).network_mask == 0xFFFFFFFF);

  // R1 (area 1) reaches R3's loopback and the backbone link the same way.
  const auto* to_r3 = route(lab.ospf("R1"), "3.3.3.3", 32);
  REQUIRE(to_r3 != nullptr);
  CHECK(to_r3->type == ospf::SpfRouteType::InterArea);
  CHECK(to_r3->cost == 16);
  CHECK(to_r3->next_hops == std::vector<ospf::SpfNextHop>{{ip("10.1.12.2"), "to-R2"}});
  const auto* backbone_link = route(lab.ospf("R1"), "10.0.23.0", 30);
  REQUIRE(backbone_link != nullptr);
  CHECK(backbone_link->type == ospf::SpfRouteType::InterArea);

  // The areas' databases stay apart: R1 never sees R3's router-LSA.
  CHECK_FALSE(lab.ospf("R1").lsdb(1)->contains(key(ospf::ls_type::Router, "3.3.3.3", "3.3.3.3")));
  CHECK(lab.ospf("R1").lsdb(0) == nullptr);
  // The ABR's own router-LSAs carry the B bit.
  const auto* abr = lab.ospf("R1").lsdb(1)->find(key(ospf::ls_type::Router, "2.2.2.2", "2.2.2.2"));
  REQUIRE(abr != nullptr);
  CHECK((std::get<ospf::RouterLsa>(abr->lsa.body).flags & ospf::router_flag::B) != 0);
  // The ABR itself has R1's loopback as intra-area (area 1).
  const auto* abr_route = route(lab.ospf("R2"), "1.1.1.1", 32);
  REQUIRE(abr_route != nullptr);
  CHECK(abr_route->type == ospf::SpfRouteType::IntraArea);
  CHECK(abr_route->area_id == 1);
}

TEST_CASE("OSPF areas: a summary is flushed when its route goes away") {
  Lab lab;
  lab.add_router("R1", "1.1.1.1");
  lab.add_router("R2", "2.2.2.2");
  lab.add_router("R3", "3.3.3.3");
  auto& access = lab.add_segment("r1-r2", ospf::NetworkType::PointToPoint, 30,
                                 {{"R1", "to-R2", "10.1.12.1", 1, 10, 1}, {"R2", "to-R1", "10.1.12.2", 1, 10, 1}});
  lab.add_segment("r2-r3", ospf::NetworkType::PointToPoint, 30,
                  {{"R2", "to-R3", "10.0.23.2", 1, 5, 0}, {"R3", "to-R2", "10.0.23.3", 1, 5, 0}});
  lab.add_segment("r2-stub", ospf::NetworkType::Broadcast, 24, {{"R2", "stub1", "10.9.9.2", 1, 1, 1}});
  lab.add_loopback("R1", "1.1.1.1", 1);
  lab.start();
  lab.run_for(60s);
  REQUIRE(route(lab.ospf("R3"), "1.1.1.1", 32) != nullptr);

  lab.network.set_link_up(access, false);
  lab.run_for(10s);  // MinLSInterval may hold the ABR's next instances for up to 5 s
  CHECK(route(lab.ospf("R3"), "1.1.1.1", 32) == nullptr);
  CHECK_FALSE(lab.ospf("R3").lsdb(0)->contains(key(ospf::ls_type::SummaryNetwork, "1.1.1.1", "2.2.2.2")));
  // Area 1 is still attached through the stub LAN: R2 stays an ABR and keeps summarizing it.
  CHECK(route(lab.ospf("R3"), "10.9.9.0", 24) != nullptr);
}
