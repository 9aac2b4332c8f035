// The bgp-pe-ce lab (labs/bgp-pe-ce) in the simulator: BGP as the PE-CE
// protocol. CE1 (AS 65101) and CE2 (AS 65102) speak eBGP with their PE (AS
// 65000) inside VRF CUST and announce their loopback with `network`; the PEs
// carry each site across as VPNv4 and announce the other site to their CE.
// Each PE also has `redistribute connected` in CUST, so the PE-CE subnets
// cross too.
//
// The expected tables were written by hand from the configurations:
//   - a CE's loopback is a connected route at the CE: `network` announces
//     it with MED 0, origin IGP; at its PE it is "B [20/0] via CE" (eBGP,
//     AD 20), exported to VPNv4 with its MED and AS path (65101);
//   - at the far PE it is an iBGP VPNv4 route: "B [200/0] via PE";
//   - the far PE announces it to its CE with its AS prepended, next hop its
//     own PE-CE address: at the CE "B [20/0] via PE", AS path "65000 65101";
//   - the PE-CE subnets (redistribute connected, MED 0) show the same way;
//     a CE's own subnet, also announced by its PE, loses to its connected route;
//   - order: major networks with a connected route first (at CE2,
//     192.168.2.0 before 192.168.1.0, which it only learned); in 172.16.0.0/16
//     the nethash (XOR of the octets) puts 172.16.1.1 (188) before
//     172.16.2.1 (191). All of 172.16 is /32: "is subnetted, 2 subnets".
// Ages are stripped (seed_tables::body_lines) before comparing.
#include <doctest/doctest.h>

#include <string>

#include "config/lab.hpp"
#include "netsim/network.hpp"
#include "seed_tables.hpp"
#include "sim_lab_fixture.hpp"
#include "sim/dataplane_fill.hpp"
#include "sim/lab_sim.hpp"
#include "sim/matrix.hpp"
#include "sim/sim_cli.hpp"

using seed_tables::body_lines;
using seed_tables::check_against_seed;
namespace sim = l3vpn::sim;
namespace config = l3vpn::config;

namespace {

const char* kPe1Cust =
    "Gateway of last resort is not set\n"
    "C    192.168.1.0/24 is directly connected, eth2\n"
    "     172.16.0.0/32 is subnetted, 2 subnets\n"
    "B       172.16.1.1 [20/0] via 192.168.1.2\n"
    "B       172.16.2.1 [200/0] via 10.255.0.12\n"
    "B    192.168.2.0/24 [200/0] via 10.255.0.12\n";

const char* kPe2Cust =
    "Gateway of last resort is not set\n"
    "C    192.168.2.0/24 is directly connected, eth2\n"
    "     172.16.0.0/32 is subnetted, 2 subnets\n"
    "B       172.16.1.1 [200/0] via 10.255.0.11\n"
    "B       172.16.2.1 [20/0] via 192.168.2.2\n"
    "B    192.168.1.0/24 [200/0] via 10.255.0.11\n";

const char* kCe1 =
    "Gateway of last resort is not set\n"
    "     172.16.0.0/32 is subnetted, 2 subnets\n"
    "C       172.16.1.1 is directly connected, Loopback0\n"
    "B       172.16.2.1 [20/0] via 192.168.1.1\n"
    "C    192.168.1.0/24 is directly connected, eth1\n"
    "B    192.168.2.0/24 [20/0] via 192.168.1.1\n";

const char* kCe2 =
    "Gateway of last resort is not set\n"
    "     172.16.0.0/32 is subnetted, 2 subnets\n"
    "B       172.16.1.1 [20/0] via 192.168.2.1\n"
    "C       172.16.2.1 is directly connected, Loopback0\n"
    "C    192.168.2.0/24 is directly connected, eth1\n"
    "B    192.168.1.0/24 [20/0] via 192.168.2.1\n";

using PeCe = sim_fixture::SimLab;
PeCe& converged_lab() { return sim_fixture::converged("bgp-pe-ce"); }

bool has_line(const std::string& text, const std::string& needle) { return text.find(needle) != std::string::npos; }

}  // namespace

TEST_CASE("bgp-pe-ce: each PE runs a VRF speaker for CUST, Established with its CE") {
  PeCe& l = converged_lab();
  const sim::SimRouter& pe1 = l.lab.router("PE1");
  REQUIRE(pe1.vrf_bgp.size() == 1);
  const sim::SimVrfBgp& cust = *pe1.vrf_bgp.front();
  CHECK(cust.vrf == "CUST");
  REQUIRE(cust.speaker->peers().size() == 1);
  const auto& ce = *cust.speaker->peers().front();
  CHECK(ce.config.remote_as == 65101u);
  CHECK(ce.config.local_address == ((192u << 24) | (168u << 16) | (1u << 8) | 1u));  // PE1's eth2
  CHECK(ce.session->state() == l3vpn::bgp::SessionState::Established);
  // The global speaker keeps the VPNv4 session only: the CE is not its peer.
  REQUIRE(pe1.speaker != nullptr);
  CHECK(pe1.speaker->peers().size() == 1);
  // The summaries list the CE after the VPNv4 peer, as IOS's vpnv4 all summary does.
  const std::string summary = l.run("PE1", "show ip bgp vpnv4 all summary");
  CHECK(has_line(summary, "10.255.0.12 "));
  CHECK(has_line(summary, "192.168.1.2     4        65101"));
  // The CE learns nothing of the core.
  CHECK_FALSE(has_line(l.run("CE1", "show ip route"), "10.255.0."));
}

TEST_CASE("bgp-pe-ce: the PEs' VRF tables are the hand-written ones") {
  PeCe& l = converged_lab();
  SUBCASE("PE1 CUST") { check_against_seed(body_lines(l.run("PE1", "show ip route vrf CUST")), kPe1Cust); }
  SUBCASE("PE2 CUST") { check_against_seed(body_lines(l.run("PE2", "show ip route vrf CUST")), kPe2Cust); }
}

TEST_CASE("bgp-pe-ce: the CEs learn the other site as eBGP routes from their PE") {
  PeCe& l = converged_lab();
  SUBCASE("CE1") { check_against_seed(body_lines(l.run("CE1", "show ip route")), kCe1); }
  SUBCASE("CE2") { check_against_seed(body_lines(l.run("CE2", "show ip route")), kCe2); }
}

TEST_CASE("bgp-pe-ce: AS paths: the CE's AS crosses the VPN, the PE's is prepended toward the CE") {
  PeCe& l = converged_lab();
  const std::string ce1 = l.run("CE1", "show ip bgp");
  INFO(ce1);
  CHECK(has_line(ce1, "65000 65102 i"));  // CE2's loopback, via PE2's VPNv4 route then PE1
  CHECK(has_line(ce1, "65000 ?"));        // PE2's redistributed connected subnet
  CHECK_FALSE(has_line(ce1, "65101"));    // its own AS never comes back
  // The VPNv4 route PE1 exports for CE1's loopback keeps CE1's AS path and MED.
  const sim::SimRouter& pe1 = l.lab.router("PE1");
  bool found = false;
  for (const auto& e : pe1.exported) {
    if (e.prefix.address != ((172u << 24) | (16u << 16) | (1u << 8) | 1u)) continue;
    found = true;
    CHECK(e.source == "bgp");
    CHECK(e.attributes.med == 0u);
    REQUIRE(e.attributes.as_path.has_value());
    REQUIRE(e.attributes.as_path->size() == 1);
    CHECK(e.attributes.as_path->front().asns == std::vector<std::uint32_t>{65101});
  }
  CHECK(found);
}

TEST_CASE("bgp-pe-ce: the matrix: CE1 <-> CE2 over the VPN, OTHER apart") {
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

TEST_CASE("bgp-pe-ce: CE1's link goes down: its session and routes leave PE1, PE2 and CE2, then come back") {
  PeCe l(L3VPN_SOURCE_DIR "/labs/bgp-pe-ce");
  REQUIRE(l.converged.converged);
  auto pe2_has = [&] { return has_line(l.run("PE2", "show ip route vrf CUST"), "172.16.1.1"); };
  auto ce2_has = [&] { return has_line(l.run("CE2", "show ip route"), "172.16.1.1"); };
  auto pe1_session = [&] { return l.lab.router("PE1").vrf_bgp.front()->speaker->peers().front()->session->state(); };
  REQUIRE(pe2_has());
  REQUIRE(ce2_has());
  l3vpn::netsim::Segment* link = l.lab.network().find_segment("PE1:eth2-CE1:eth1");
  REQUIRE(link != nullptr);
  l.lab.network().set_link_up(*link, false);
  l.lab.converge(std::chrono::seconds(30));  // the session stays down: no convergence, a bounded run
  CHECK(pe1_session() != l3vpn::bgp::SessionState::Established);
  CHECK_FALSE(has_line(l.run("PE1", "show ip route vrf CUST"), "172.16.1.1"));
  CHECK_FALSE(pe2_has());
  CHECK_FALSE(ce2_has());
  l.lab.network().set_link_up(*link, true);
  const sim::ConvergeResult back = l.lab.converge();
  INFO(back.waiting_for);
  CHECK(back.converged);
  CHECK(pe1_session() == l3vpn::bgp::SessionState::Established);
  CHECK(pe2_has());
  CHECK(ce2_has());
}
