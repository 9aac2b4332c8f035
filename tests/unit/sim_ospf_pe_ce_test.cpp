// The ospf-pe-ce lab (labs/ospf-pe-ce) in the simulator: OSPF as the PE-CE
// protocol. CE1 and CE2 run OSPF with their PE inside VRF CUST; the PEs
// redistribute each site's OSPF routes into VPNv4 (`redistribute ospf 10 vrf
// CUST`, PE1 with `match internal external 2`, PE2 internal only) and the
// VPN's BGP routes back into OSPF (`redistribute bgp 65000 subnets`), as RFC
// 4577 says for sites of one OSPF domain: what was intra-area at the other
// site comes as a summary-LSA (O IA, metric = MED), what was external stays
// external (E2, metric = MED). Each CE also redistributes a static /24 to
// Null0 (E2, metric 20).
//
// The expected tables were written by hand from the configurations:
//   - OSPF costs are 1 per interface: a CE loopback is 2 from its PE
//     (PE-CE link + loopback stub), so its VPNv4 route carries MED 2
//     (redistribute ospf without a metric copies the OSPF metric);
//   - the PE-CE subnet is a network of the process's own interface: MED 0;
//   - CE1's E2 static (172.16.91.0/24) leaves PE1 (match external 2, MED 20),
//     CE2's (172.16.92.0/24) stays at PE2 (internal only);
//   - at the CEs: the other CE's loopback O IA [110/3] (MED 2 + the CE's
//     link to its PE), the other PE-CE subnet O IA [110/1], CE1's E2 static
//     O E2 [110/20] at CE2;
//   - in 172.16.0.0/16 the order is nethash (XOR of the octets): 172.16.1.1
//     -> 188, 172.16.2.1 -> 191, 172.16.92.0 -> 224, 172.16.91.0 -> 231;
//     major networks with a connected or static route print first.
// Ages are stripped (seed_tables::body_lines) before comparing.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "config/lab.hpp"
#include "netsim/network.hpp"
#include "seed_tables.hpp"
#include "sim_lab_fixture.hpp"
#include "sim/dataplane_fill.hpp"
#include "sim/lab_sim.hpp"
#include "sim/matrix.hpp"
#include "sim/sim_cli.hpp"
#include "vpn/vrf_export.hpp"

using seed_tables::body_lines;
using seed_tables::check_against_seed;
namespace sim = l3vpn::sim;
namespace config = l3vpn::config;

namespace {

const char* kPe1Cust =
    "Gateway of last resort is not set\n"
    "C    192.168.1.0/24 is directly connected, eth2\n"
    "     172.16.0.0/16 is variably subnetted, 3 subnets, 2 masks\n"
    "O       172.16.1.1/32 [110/2] via 192.168.1.2, eth2\n"
    "B       172.16.2.1/32 [200/2] via 10.255.0.12\n"
    "O E2    172.16.91.0/24 [110/20] via 192.168.1.2, eth2\n"
    "B    192.168.2.0/24 [200/0] via 10.255.0.12\n";

const char* kPe2Cust =
    "Gateway of last resort is not set\n"
    "C    192.168.2.0/24 is directly connected, eth2\n"
    "     172.16.0.0/16 is variably subnetted, 4 subnets, 2 masks\n"
    "B       172.16.1.1/32 [200/2] via 10.255.0.11\n"
    "O       172.16.2.1/32 [110/2] via 192.168.2.2, eth2\n"
    "O E2    172.16.92.0/24 [110/20] via 192.168.2.2, eth2\n"
    "B       172.16.91.0/24 [200/20] via 10.255.0.11\n"
    "B    192.168.1.0/24 [200/0] via 10.255.0.11\n";

const char* kCe1 =
    "Gateway of last resort is not set\n"
    "     172.16.0.0/16 is variably subnetted, 3 subnets, 2 masks\n"
    "C       172.16.1.1/32 is directly connected, Loopback0\n"
    "O IA    172.16.2.1/32 [110/3] via 192.168.1.1, eth1\n"
    "S       172.16.91.0/24 is directly connected, Null0\n"
    "C    192.168.1.0/24 is directly connected, eth1\n"
    "O IA 192.168.2.0/24 [110/1] via 192.168.1.1, eth1\n";

const char* kCe2 =
    "Gateway of last resort is not set\n"
    "     172.16.0.0/16 is variably subnetted, 4 subnets, 2 masks\n"
    "O IA    172.16.1.1/32 [110/3] via 192.168.2.1, eth1\n"
    "C       172.16.2.1/32 is directly connected, Loopback0\n"
    "S       172.16.92.0/24 is directly connected, Null0\n"
    "O E2    172.16.91.0/24 [110/20] via 192.168.2.1, eth1\n"
    "C    192.168.2.0/24 is directly connected, eth1\n"
    "O IA 192.168.1.0/24 [110/1] via 192.168.2.1, eth1\n";

using PeCe = sim_fixture::SimLab;
PeCe& converged_lab() { return sim_fixture::converged("ospf-pe-ce"); }

bool has_line(const std::string& text, const std::string& needle) { return text.find(needle) != std::string::npos; }

}  // namespace

TEST_CASE("ospf-pe-ce: each PE is FULL with its CE in VRF CUST and with P1 in the global table") {
  PeCe& l = converged_lab();
  const sim::SimRouter& pe1 = l.lab.router("PE1");
  REQUIRE(pe1.vrf_ospf.size() == 1);
  CHECK(pe1.vrf_ospf.front().vrf == "CUST");
  CHECK(pe1.ospf.size() == 1);  // the global process stays apart
  const std::string neighbors = l.run("PE1", "show ip ospf neighbor");
  CHECK(has_line(neighbors, "172.16.1.1"));  // CE1, in the VRF process
  CHECK(has_line(neighbors, "10.255.0.1 "));  // P1, in process 1
  // The VRF process's routes stay out of the global table, and the core's out of the VRF.
  const std::string global = l.run("PE1", "show ip route");
  CHECK_FALSE(has_line(global, "172.16.1.1"));
  CHECK(has_line(global, "10.255.0.12"));
}

TEST_CASE("ospf-pe-ce: the PEs' VRF tables are the hand-written ones") {
  PeCe& l = converged_lab();
  SUBCASE("PE1 CUST") { check_against_seed(body_lines(l.run("PE1", "show ip route vrf CUST")), kPe1Cust); }
  SUBCASE("PE2 CUST") { check_against_seed(body_lines(l.run("PE2", "show ip route vrf CUST")), kPe2Cust); }
}

TEST_CASE("ospf-pe-ce: the CEs learn the other site from BGP, inter-area or external as it was there") {
  PeCe& l = converged_lab();
  SUBCASE("CE1") { check_against_seed(body_lines(l.run("CE1", "show ip route")), kCe1); }
  SUBCASE("CE2") { check_against_seed(body_lines(l.run("CE2", "show ip route")), kCe2); }
  SUBCASE("PE1's summary-LSAs are in CE1's database, PE2's type-5 for CE1's static in CE2's") {
    const std::string summaries = l.run("CE1", "show ip ospf database summary");
    CHECK(has_line(summaries, "Link State ID: 172.16.2.1"));
    CHECK(has_line(summaries, "Advertising Router: 192.168.1.1"));  // PE1's VRF process (highest address in CUST)
    const std::string externals = l.run("CE2", "show ip ospf database external");
    CHECK(has_line(externals, "Link State ID: 172.16.91.0"));
    CHECK(has_line(externals, "Advertising Router: 192.168.2.1"));
  }
}

TEST_CASE("ospf-pe-ce: routes exported from OSPF carry RFC 4577's route type and router ID") {
  PeCe& l = converged_lab();
  const sim::SimRouter& pe1 = l.lab.router("PE1");
  bool found = false;
  for (const auto& e : pe1.exported) {
    if (e.prefix.address != ((172u << 24) | (16u << 16) | (1u << 8) | 1u)) continue;
    found = true;
    CHECK(e.attributes.med == 2u);
    CHECK(e.source == "ospf 10");
    const auto& c = e.attributes.extended_communities;
    CHECK(std::find(c.begin(), c.end(), l3vpn::vpn::ospf_route_type_community(0, 2, false)) != c.end());
    CHECK(std::find(c.begin(), c.end(), l3vpn::vpn::ospf_router_id_community((192u << 24) | (168u << 16) | (1u << 8) | 1u)) !=
          c.end());
  }
  CHECK(found);
  const std::string detail = l.run("PE2", "show ip bgp vpnv4 rd 65000:1 172.16.1.1/32");
  CHECK(has_line(detail, "OSPF RT:0.0.0.0:2:0"));
  CHECK(has_line(detail, "OSPF ROUTER ID:192.168.1.1:0"));
}

TEST_CASE("ospf-pe-ce: the matrix: CE1 <-> CE2 over the VPN, OTHER apart") {
  PeCe& l = converged_lab();
  const sim::Dataplane dataplane = sim::build_dataplane(l.lab);
  const sim::ReachabilityMatrix matrix = sim::compute_matrix(dataplane, l.lab.lab());
  INFO(sim::render_matrix_text(matrix));
  CHECK(matrix.differ == 0);
  CHECK(matrix.as_expected == 12);
  const sim::MatrixCell* ce = matrix.cell("CE1", "CE2");
  REQUIRE(ce != nullptr);
  CHECK(ce->reachable());
}

TEST_CASE("ospf-pe-ce: CE1's link goes down: its routes leave PE2 and CE2, then come back") {
  PeCe l(L3VPN_SOURCE_DIR "/labs/ospf-pe-ce");
  REQUIRE(l.converged.converged);
  auto pe2_has = [&] { return has_line(l.run("PE2", "show ip route vrf CUST"), "172.16.1.1/32"); };
  auto ce2_has = [&] { return has_line(l.run("CE2", "show ip route"), "172.16.1.1/32"); };
  REQUIRE(pe2_has());
  REQUIRE(ce2_has());
  l3vpn::netsim::Segment* link = l.lab.network().find_segment("PE1:eth2-CE1:eth1");
  REQUIRE(link != nullptr);
  l.lab.network().set_link_up(*link, false);
  l.lab.converge();
  CHECK_FALSE(pe2_has());
  CHECK_FALSE(ce2_has());
  l.lab.network().set_link_up(*link, true);
  l.lab.converge();
  CHECK(pe2_has());
  CHECK(ce2_has());
}
