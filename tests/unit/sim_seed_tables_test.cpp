// Acceptance of the seed lab in the simulator: `l3vpnctl sim
// labs/inter-vrf-leaking` builds R1-R4 from their configs, runs OSPF, LDP and
// the iBGP mesh until converged, and every PE's `show ip route vrf X` is the
// seed's (ages aside), with IOS's answer for the VRFs a PE does not have.
#include <doctest/doctest.h>

#include <sstream>

#include "config/lab.hpp"
#include "ctl/sim_command.hpp"
#include "seed_tables.hpp"
#include "sim/dataplane_fill.hpp"
#include "sim/lab_sim.hpp"
#include "sim/sim_cli.hpp"

using namespace seed_tables;
namespace sim = l3vpn::sim;

namespace {

struct SeedLab {
  l3vpn::config::LabLoadResult loaded = l3vpn::config::load_lab(L3VPN_SOURCE_DIR "/labs/inter-vrf-leaking");
  l3vpn::core::Logger log{"sim", l3vpn::core::LogLevel::Error};
  std::unique_ptr<sim::LabSim> lab;
  SeedLab() {
    REQUIRE(loaded.ok());
    lab = std::make_unique<sim::LabSim>(loaded.lab, log);
    lab->start();
    auto converged = lab->converge();
    INFO(converged.waiting_for);
    REQUIRE(converged.converged);
  }
  std::string run(const std::string& node, const std::string& line) {
    sim::RouterCli cli(lab->router(node));
    auto result = cli.run(line);
    CHECK(result.ok);
    return result.output;
  }
};

}  // namespace

TEST_CASE("sim seed lab: every PE's VRF tables are the seed's") {
  SeedLab seed;
  SUBCASE("R3") {
    check_against_seed(body_lines(seed.run("R3", "show ip route vrf Technique")), kR3Technique);
    check_against_seed(body_lines(seed.run("R3", "show ip route vrf Commercial")), kR3Commercial);
    check_against_seed(body_lines(seed.run("R3", "show ip route vrf Serveurs")), kR3Serveurs);
  }
  SUBCASE("R2") {
    check_against_seed(body_lines(seed.run("R2", "show ip route vrf Serveurs")), kR2Serveurs);
    check_against_seed(body_lines(seed.run("R2", "show ip route vrf Internet")), kR2Internet);
  }
  SUBCASE("R4") {
    check_against_seed(body_lines(seed.run("R4", "show ip route vrf Technique")), kR4Technique);
    check_against_seed(body_lines(seed.run("R4", "show ip route vrf Commercial")), kR4Commercial);
    check_against_seed(body_lines(seed.run("R4", "show ip route vrf Serveurs")), kR4Serveurs);
  }
  SUBCASE("header lines and VRFs a PE does not have") {
    std::string r3 = seed.run("R3", "show ip route vrf Technique");
    CHECK(r3.find("Routing Table: Technique\n") != std::string::npos);
    CHECK(r3.find("Codes: C - connected, S - static, R - RIP, M - mobile, B - BGP\n") != std::string::npos);
    sim::RouterCli r2(seed.lab->router("R2"));
    CHECK(r2.run("show ip route vrf Technique").output == "% IP routing table Technique does not exist\n");
    sim::RouterCli r3cli(seed.lab->router("R3"));
    CHECK(r3cli.run("show ip route vrf Internet").output == "% IP routing table Internet does not exist\n");
  }
}

TEST_CASE("sim seed lab: the VPNv4 routes a PE learned ride LSPs through R1") {
  SeedLab seed;
  // R3's BGP table: R2's and R4's routes are valid and best (over an LSP).
  std::string vpn = seed.run("R3", "show ip bgp vpnv4 all");
  CHECK(vpn.find("*>i10.10.30.0/24") != std::string::npos);
  // R1 swaps nothing for the PEs' loopbacks: it is their penultimate hop.
  std::string lfib = seed.run("R1", "show mpls forwarding-table");
  CHECK(lfib.find("Pop Label") != std::string::npos);
  CHECK(lfib.find("2.2.2.2/32") != std::string::npos);
}

TEST_CASE("l3vpnctl sim: --exec runs a line on a node; bad options and nodes are named") {
  std::ostringstream out, err;
  int rc = l3vpn::ctl::simulate_lab({L3VPN_SOURCE_DIR "/labs/inter-vrf-leaking", "--exec", "R3: show ip ospf neighbor"},
                                    out, err);
  CHECK(rc == 0);
  CHECK(out.str().find("converged") != std::string::npos);
  CHECK(out.str().find("R3#show ip ospf neighbor\n") != std::string::npos);
  CHECK(out.str().find("FULL/  -") != std::string::npos);

  std::ostringstream out2, err2;
  rc = l3vpn::ctl::simulate_lab({L3VPN_SOURCE_DIR "/labs/inter-vrf-leaking", "--exec", "R9: show version"}, out2, err2);
  CHECK(rc == 1);
  CHECK(err2.str().find("no node 'R9'") != std::string::npos);

  std::ostringstream out3, err3;
  rc = l3vpn::ctl::simulate_lab({L3VPN_SOURCE_DIR "/labs/inter-vrf-leaking", "--exec", "no colon"}, out3, err3);
  CHECK(rc == 2);
  CHECK(err3.str().find("expected 'NODE: COMMAND'") != std::string::npos);
}

TEST_CASE("sim seed lab: show ip cef vrf imposes the VPN label under the LDP label toward the egress PE") {
  SeedLab seed;
  const sim::SimRouter& r1 = seed.lab->router("R1");
  const sim::SimRouter& r4 = seed.lab->router("R4");
  // R1's label for R4's loopback: what R3 pushes as transport label.
  auto at_r1 = r1.ldp->lfib().find(l3vpn::ldp::Fec::of((4u << 24) | (4u << 16) | (4u << 8) | 4u));
  REQUIRE(at_r1 != r1.ldp->lfib().end());
  // 10.10.30.254 is R4's Loopback30, in Serveurs, leaked into Technique by
  // RT: the VPN label is R4's per-VRF label of Serveurs.
  auto vpn_label = r4.labels.find("vrf:Serveurs");
  REQUIRE(vpn_label);
  std::string cef = seed.run("R3", "show ip cef vrf Technique 10.10.30.254 detail");
  CHECK(cef.find("10.10.30.254/32") != std::string::npos);
  CHECK(cef.find("recursive via 4.4.4.4 label " + std::to_string(*vpn_label)) != std::string::npos);
  CHECK(cef.find("nexthop 192.168.13.1 GigabitEthernet0/0 label " + std::to_string(at_r1->second.in_label)) !=
        std::string::npos);
  // A connected route of the VRF is attached, not recursive.
  std::string own = seed.run("R3", "show ip cef vrf Technique 10.10.10.1 detail");
  CHECK(own.find("recursive") == std::string::npos);
  sim::RouterCli r2(seed.lab->router("R2"));
  CHECK_FALSE(r2.run("show ip cef vrf Technique 10.10.10.1 detail").ok);
}

TEST_CASE("sim seed lab: the seed's pings from R3 give the seed's results") {
  SeedLab seed;
  const sim::Dataplane dataplane = sim::build_dataplane(*seed.lab);
  sim::RouterCli r3(seed.lab->router("R3"), &dataplane);
  const std::string ok = "!!!!!\nSuccess rate is 100 percent (5/5)";
  const std::string ko = ".....\nSuccess rate is 0 percent (0/5)\n";
  struct Row {
    const char* line;
    bool reaches;
  };
  // ../shared/seeds/001: Technique and Commercial reach the Internet, Serveurs
  // does not; Serveurs reaches Technique but not Commercial; Commercial
  // reaches Technique on R4.
  for (const Row& row : {Row{"ping vrf Technique 8.8.8.8", true}, Row{"ping vrf Commercial 8.8.8.8", true},
                         Row{"ping vrf Serveurs 8.8.8.8", false}, Row{"ping vrf Serveurs 10.10.20.254", false},
                         Row{"ping vrf Serveurs 10.10.10.1", true}, Row{"ping vrf Commercial 10.10.10.254", true}}) {
    CAPTURE(row.line);
    auto result = r3.run(row.line);
    REQUIRE(result.ok);
    CHECK(result.output.rfind("Type escape sequence to abort.\nSending 5, 100-byte ICMP Echos to ", 0) == 0);
    CHECK(result.output.find(row.reaches ? ok : ko) != std::string::npos);
  }
  // A source that is not the VRF's own loopback: Serveurs' address cannot
  // reach Commercial's even when the ping leaves from Commercial.
  CHECK(r3.run("ping vrf Commercial 10.10.20.254 source 10.10.30.1").output.find(ko) != std::string::npos);
  CHECK_FALSE(r3.run("ping vrf Nowhere 8.8.8.8").ok);
  // Without a dataplane there is no ping command.
  sim::RouterCli plain(seed.lab->router("R3"));
  CHECK_FALSE(plain.run("ping vrf Technique 8.8.8.8").ok);
}

TEST_CASE("sim seed lab: show ip route on the P router: connected links and the PEs' loopbacks by OSPF") {
  SeedLab seed;
  std::string r1 = seed.run("R1", "show ip route");
  CHECK(r1.find("Routing Table:") == std::string::npos);  // the global table has no name line
  CHECK(r1.find("Gateway of last resort is not set\n") != std::string::npos);
  // A class C network at its classful length prints at top level, as IOS does.
  CHECK(r1.find("C    192.168.12.0/24 is directly connected, GigabitEthernet0/2\n") != std::string::npos);
  CHECK(r1.find("C       1.1.1.1 is directly connected, Loopback0\n") != std::string::npos);
  for (const char* pe : {"2.2.2.2", "3.3.3.3", "4.4.4.4"}) {
    CAPTURE(pe);
    // Link (1) + the PE's loopback stub (1): [110/2].
    CHECK(r1.find(std::string("O       ") + pe + " [110/2] via ") != std::string::npos);
  }
  // R2's static default toward the Internet is in VRF Internet, not here.
  CHECK(seed.run("R2", "show ip route").find("S*") == std::string::npos);
}
