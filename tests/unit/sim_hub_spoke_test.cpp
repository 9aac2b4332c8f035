// The hub-and-spoke lab (labs/hub-and-spoke) in the simulator: a route
// reflector instead of the seed lab's full mesh, hub-and-spoke route targets,
// an export map leaking one prefix into a third VRF, an import map keeping one
// prefix out of the hub and per-prefix VPN labels on one PE.
//
// The expected `show ip route vrf` tables below were written by hand from the
// configurations (README.md walks through them), not copied from a run:
//   - every VRF route is a /32 loopback, so each table is one "10.0.0.0/32 is
//     subnetted, N subnets" block and the lines show the address alone;
//   - redistribute connected without a metric: MED 0, iBGP AD 200 -> [200/0];
//   - the reflector does not change the next hop: the originating PE's
//     Loopback0 (PE1 10.255.0.11, PE2 10.255.0.12, PE3 10.255.0.13);
//   - IOS orders the routes of one major network by nethash (the XOR of the
//     four octets), then address: 10.1.0.1 -> 10, 10.30.0.1 -> 21,
//     10.20.0.2 -> 28, 10.20.0.3 -> 29, 10.21.0.2 -> 29, 10.22.0.3 -> 31.
// Ages are stripped (seed_tables::body_lines) before comparing.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "config/lab.hpp"
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

// PE1, VRF HUB: its own site, and every spoke route (RT 65000:20) except
// PE3's 10.22.0.3/32, which HUB-IMPORT denies. 10.20.0.3 and 10.21.0.2 tie
// on nethash 29: the lower address first.
const char* kPe1Hub =
    "Gateway of last resort is not set\n"
    "     10.0.0.0/32 is subnetted, 4 subnets\n"
    "C       10.1.0.1 is directly connected, Loopback10\n"
    "B       10.20.0.2 [200/0] via 10.255.0.12\n"
    "B       10.20.0.3 [200/0] via 10.255.0.13\n"
    "B       10.21.0.2 [200/0] via 10.255.0.12\n";

// PE1, VRF SHARED: imports only 65000:99, which PE2's export map puts on
// 10.21.0.2/32 alone.
const char* kPe1Shared =
    "Gateway of last resort is not set\n"
    "     10.0.0.0/32 is subnetted, 2 subnets\n"
    "C       10.30.0.1 is directly connected, Loopback30\n"
    "B       10.21.0.2 [200/0] via 10.255.0.12\n";

// PE2, VRF SPOKE: its two sites, the hub (65000:10) and SHARED (65000:30);
// nothing of PE3 (a spoke does not import 65000:20).
const char* kPe2Spoke =
    "Gateway of last resort is not set\n"
    "     10.0.0.0/32 is subnetted, 4 subnets\n"
    "B       10.1.0.1 [200/0] via 10.255.0.11\n"
    "B       10.30.0.1 [200/0] via 10.255.0.11\n"
    "C       10.20.0.2 is directly connected, Loopback20\n"
    "C       10.21.0.2 is directly connected, Loopback21\n";

// PE3, VRF SPOKE: its two sites and the hub only.
const char* kPe3Spoke =
    "Gateway of last resort is not set\n"
    "     10.0.0.0/32 is subnetted, 3 subnets\n"
    "B       10.1.0.1 [200/0] via 10.255.0.11\n"
    "C       10.20.0.3 is directly connected, Loopback20\n"
    "C       10.22.0.3 is directly connected, Loopback22\n";

using HubSpoke = sim_fixture::SimLab;
HubSpoke& converged_lab() { return sim_fixture::converged("hub-and-spoke"); }

// The prefixes (first token after the code) of a table's route lines.
std::set<std::string> prefixes(const std::vector<std::string>& lines) {
  std::set<std::string> out;
  for (const std::string& line : lines) {
    if (line.size() < 9 || line[0] == ' ' || line.rfind("Gateway", 0) == 0) continue;
    const std::size_t start = line.find_first_not_of(' ', 1);
    out.insert(line.substr(start, line.find(' ', start) - start));
  }
  return out;
}

}  // namespace

TEST_CASE("hub-and-spoke: PEs peer only with the reflector, and the lab converges") {
  HubSpoke& hs = converged_lab();
  for (const std::string pe : {"PE1", "PE2", "PE3"}) {
    const sim::SimRouter& r = hs.lab.router(pe);
    REQUIRE(r.speaker != nullptr);
    REQUIRE(r.speaker->peers().size() == 1);  // no full mesh
    CHECK(r.speaker->peers().front()->config.address == ((10u << 24) | (255u << 16) | 10u));
  }
  const sim::SimRouter& rr = hs.lab.router("RR1");
  REQUIRE(rr.speaker != nullptr);
  CHECK(rr.speaker->peers().size() == 3);
  CHECK(rr.ldp == nullptr);  // control plane only
}

TEST_CASE("hub-and-spoke: every PE's VRF tables are the hand-written ones") {
  HubSpoke& hs = converged_lab();
  SUBCASE("PE1 HUB") { check_against_seed(hs.table("PE1", "HUB"), kPe1Hub); }
  SUBCASE("PE1 SHARED") { check_against_seed(hs.table("PE1", "SHARED"), kPe1Shared); }
  SUBCASE("PE2 SPOKE") { check_against_seed(hs.table("PE2", "SPOKE"), kPe2Spoke); }
  SUBCASE("PE3 SPOKE") { check_against_seed(hs.table("PE3", "SPOKE"), kPe3Spoke); }
  SUBCASE("a VRF a PE does not have") {
    sim::RouterCli pe2(hs.lab.router("PE2"));
    CHECK(pe2.run("show ip route vrf HUB").output == "% IP routing table HUB does not exist\n");
  }
}

TEST_CASE("hub-and-spoke: spokes never see each other, only the hub") {
  HubSpoke& hs = converged_lab();
  const std::set<std::string> pe2 = prefixes(hs.table("PE2", "SPOKE"));
  const std::set<std::string> pe3 = prefixes(hs.table("PE3", "SPOKE"));
  for (const std::string other : {"10.20.0.3", "10.22.0.3"}) CHECK(pe2.count(other) == 0);
  for (const std::string other : {"10.20.0.2", "10.21.0.2"}) CHECK(pe3.count(other) == 0);
  CHECK(pe2.count("10.1.0.1") == 1);
  CHECK(pe3.count("10.1.0.1") == 1);
}

TEST_CASE("hub-and-spoke: the export map leaks one prefix, the only foreign route of SHARED") {
  HubSpoke& hs = converged_lab();
  const std::set<std::string> shared = prefixes(hs.table("PE1", "SHARED"));
  CHECK(shared == std::set<std::string>{"10.30.0.1", "10.21.0.2"});
  // PE2's other spoke site went out with the spoke RT only.
  const sim::SimRouter& pe2 = hs.lab.router("PE2");
  std::size_t tagged = 0;
  for (const auto& e : pe2.exported) {
    const auto rt99 = l3vpn::vpn::to_extended_community(config::RouteTarget::parse("65000:99").value());
    const auto& communities = e.attributes.extended_communities;
    const bool has99 = std::find(communities.begin(), communities.end(), rt99) != communities.end();
    if (has99) {
      ++tagged;
      CHECK(e.prefix.address == ((10u << 24) | (21u << 16) | 2u));
    }
  }
  CHECK(tagged == 1);
}

TEST_CASE("hub-and-spoke: the import map keeps PE3's second site out of HUB") {
  HubSpoke& hs = converged_lab();
  CHECK(prefixes(hs.table("PE1", "HUB")).count("10.22.0.3") == 0);
  // It did reach PE1: the route reflector delivered it, the import map refused it.
  const std::string vpn = hs.run("PE1", "show ip bgp vpnv4 all");
  CHECK(vpn.find("10.22.0.3/32") != std::string::npos);
}

TEST_CASE("hub-and-spoke: PE3 gives each prefix its own VPN label, PE2 one per VRF") {
  HubSpoke& hs = converged_lab();
  const sim::SimRouter& pe3 = hs.lab.router("PE3");
  const auto a = pe3.labels.find("vrf:SPOKE:10.20.0.3/32");
  const auto b = pe3.labels.find("vrf:SPOKE:10.22.0.3/32");
  REQUIRE(a);
  REQUIRE(b);
  CHECK(*a != *b);
  CHECK_FALSE(pe3.labels.find("vrf:SPOKE"));  // no aggregate label in per-prefix mode
  for (const auto& e : pe3.exported) CHECK(e.label == (e.prefix.address == ((10u << 24) | (20u << 16) | 3u) ? *a : *b));
  // Per-VRF on PE2: one label for both of its sites.
  const sim::SimRouter& pe2 = hs.lab.router("PE2");
  REQUIRE(pe2.exported.size() == 2);
  CHECK(pe2.exported[0].label == pe2.exported[1].label);
  CHECK(pe2.labels.find("vrf:SPOKE") == pe2.exported[0].label);

  // The dataplane: PE1's HUB pushes PE3's label of that prefix (innermost),
  // and PE3's LFIB pops each per-prefix label into VRF SPOKE (not into a
  // table named after the label's owner).
  const sim::Dataplane dp = sim::build_dataplane(hs.lab);
  const sim::RoutingTable* hub = dp.node("PE1")->find_table("HUB");
  REQUIRE(hub != nullptr);
  const sim::FibRoute* to_pe3 = hub->lookup(config::Ipv4Address::parse("10.20.0.3").value());
  REQUIRE(to_pe3 != nullptr);
  const auto* via = std::get_if<sim::Via>(&to_pe3->action);
  REQUIRE(via != nullptr);
  REQUIRE(via->push.size() == 2);
  CHECK(via->push.back() == *a);
  std::set<std::uint32_t> popped_into_spoke;
  for (const auto& [label, entry] : dp.node("PE3")->lfib().entries())
    if (const auto* pop = std::get_if<sim::PopAndLookup>(&entry.action); pop && pop->vrf == "SPOKE")
      popped_into_spoke.insert(label);
  CHECK(popped_into_spoke == std::set<std::uint32_t>{*a, *b});
}

TEST_CASE("hub-and-spoke: every ordered pair of endpoints does what lab.yaml expects") {
  HubSpoke& hs = converged_lab();
  const sim::Dataplane dp = sim::build_dataplane(hs.lab);
  const sim::ReachabilityMatrix m = sim::compute_matrix(dp, hs.lab.lab());
  std::string differing;
  for (const sim::MatrixCell& c : m.cells)
    if (!c.as_expected()) differing += c.from + " -> " + c.to + "\n";
  INFO(differing);
  CHECK(m.differ == 0);
  CHECK(m.as_expected == std::size_t{6 * 5});
  REQUIRE(m.cell("SPOKE2-A", "SPOKE3-A") != nullptr);
  CHECK_FALSE(m.cell("SPOKE2-A", "SPOKE3-A")->reachable());  // spoke to spoke
  CHECK(m.cell("HUB", "SPOKE3-A")->reachable());
  CHECK_FALSE(m.cell("HUB", "SPOKE3-B")->reachable());        // import map
  CHECK(m.cell("SHARED", "SPOKE2-B")->reachable());           // the leaked prefix
  CHECK_FALSE(m.cell("SPOKE2-A", "SHARED")->reachable());     // not leaked: no way back
}
