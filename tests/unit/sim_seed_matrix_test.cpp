// The seed lab (labs/inter-vrf-leaking) end to end in the simulator: its
// converged control plane (OSPF, LDP, BGP VPNv4, the VRF tables) turned into
// FIBs and LFIBs (sim/dataplane_fill), then pings walked through them. The
// reachability matrix must be the article's flow matrix, lab.yaml's expect.
#include <doctest/doctest.h>

#include <sstream>

#include "config/lab.hpp"
#include "ctl/sim_command.hpp"
#include "sim/dataplane_fill.hpp"
#include "sim/lab_sim.hpp"
#include "sim/matrix.hpp"
#include "sim/packet_walk_explain.hpp"

namespace sim = l3vpn::sim;
namespace config = l3vpn::config;

namespace {

const config::Lab& seed_lab() {
  static const config::LabLoadResult loaded = config::load_lab(L3VPN_SOURCE_DIR "/labs/inter-vrf-leaking");
  REQUIRE(loaded.errors.empty());
  return loaded.lab;
}

// The seed lab converged once, its dataplane built from it.
const sim::Dataplane& seed_dataplane() {
  static const sim::Dataplane dataplane = [] {
    l3vpn::core::Logger log("sim", l3vpn::core::LogLevel::Error);
    sim::LabSim lab(seed_lab(), log);
    lab.start();
    const sim::ConvergeResult converged = lab.converge();
    INFO(converged.waiting_for);
    REQUIRE(converged.converged);
    return sim::build_dataplane(lab);
  }();
  return dataplane;
}

sim::Endpoint endpoint(const std::string& name) {
  for (const config::ReachabilityEndpoint& e : seed_lab().endpoints)
    if (e.name == name) return sim::Endpoint{e.node, e.vrf, e.address};
  FAIL("no endpoint " << name);
  return {};
}

std::string differing_pairs(const sim::ReachabilityMatrix& m) {
  std::string text;
  for (const sim::MatrixCell& c : m.cells) {
    if (c.as_expected()) continue;
    text += c.from + " -> " + c.to + (c.reachable() ? ": reachable, should fail" : ": fails, should be reachable");
    if (const sim::Drop* d = c.result.failure()) text += " (" + d->message + ")";
    text += "\n";
  }
  return text;
}

}  // namespace

TEST_CASE("seed matrix: the dataplane carries the control plane's routes and labels") {
  const sim::Dataplane& dp = seed_dataplane();
  const sim::NodeFib* r3 = dp.node("R3");
  REQUIRE(r3 != nullptr);
  // R3 vrf Technique reaches R4's Serveurs loopback subnet over an LSP: two labels pushed.
  const sim::RoutingTable* technique = r3->find_table("Technique");
  REQUIRE(technique != nullptr);
  const sim::FibRoute* to_r4 = technique->lookup(config::Ipv4Address::parse("10.10.30.254").value());
  REQUIRE(to_r4 != nullptr);
  const auto* via = std::get_if<sim::Via>(&to_r4->action);
  REQUIRE(via != nullptr);
  CHECK(via->push.size() == 2);  // [LDP label toward R4 through R1, R4's VPN label]
  CHECK(to_r4->why.find("VPN label") != std::string::npos);
  // The P router swaps or pops LDP labels; every PE pops its per-VRF VPN labels.
  CHECK(dp.node("R1")->lfib().size() >= 3);
  bool pop_and_lookup = false;
  for (const auto& [label, entry] : r3->lfib().entries()) {
    const auto* pop = std::get_if<sim::PopAndLookup>(&entry.action);
    if (pop && pop->vrf == "Technique") pop_and_lookup = true;
  }
  CHECK(pop_and_lookup);
  // INET, a host, has its configured default route toward R2.
  const sim::RoutingTable* inet = dp.node("INET")->find_table("");
  REQUIRE(inet != nullptr);
  const sim::FibRoute* inet_default = inet->lookup(config::Ipv4Address::parse("10.10.10.1").value());
  REQUIRE(inet_default != nullptr);
  CHECK(inet_default->prefix.length == 0);
}

TEST_CASE("seed matrix: every ordered pair of endpoints does what lab.yaml expects") {
  const sim::ReachabilityMatrix m = sim::compute_matrix(seed_dataplane(), seed_lab());
  INFO(differing_pairs(m));
  CHECK(m.differ == 0);
  CHECK(m.as_expected == std::size_t{7 * 6});  // seven endpoints, every ordered pair
  // Spot checks of the article's flow matrix.
  REQUIRE(m.cell("Technique", "Internet") != nullptr);
  CHECK(m.cell("Technique", "Internet")->reachable());
  CHECK(m.cell("Technique", "Serveurs-R4")->reachable());
  CHECK(m.cell("Internet", "Commercial-R4")->reachable());
  CHECK_FALSE(m.cell("Commercial", "Serveurs")->reachable());
  CHECK_FALSE(m.cell("Serveurs", "Internet")->reachable());
}

TEST_CASE("seed matrix: --explain Serveurs Commercial names where the echo died") {
  const sim::PingResult result = sim::ping(seed_dataplane(), endpoint("Serveurs"), endpoint("Commercial"));
  REQUIRE_FALSE(result.ok());
  REQUIRE(result.failure() != nullptr);
  // vrf Serveurs imports neither Commercial's route target nor Internet's default.
  CHECK(result.failure()->reason == sim::DropReason::NoRoute);
  CHECK(result.failure()->node == "R3");
  const std::string text = sim::explain_text("Serveurs", "Commercial", result);
  CHECK(text.find(result.failure()->message) != std::string::npos);
  CHECK(text.find("reply: not sent") != std::string::npos);
}

TEST_CASE("seed matrix: l3vpnctl sim --matrix and --explain") {
  std::ostringstream out, err;
  CHECK(l3vpn::ctl::simulate_lab({L3VPN_SOURCE_DIR "/labs/inter-vrf-leaking", "--matrix"}, out, err) == 0);
  CHECK(out.str().find("0 differ") != std::string::npos);

  std::ostringstream out2, err2;
  CHECK(l3vpn::ctl::simulate_lab({L3VPN_SOURCE_DIR "/labs/inter-vrf-leaking", "--explain", "Technique", "Internet"},
                                 out2, err2) == 0);
  CHECK(out2.str().find("Technique -> Internet: ok") != std::string::npos);

  // An endpoint lab.yaml does not name is a usage error, before any simulation.
  std::ostringstream out3, err3;
  CHECK(l3vpn::ctl::simulate_lab({L3VPN_SOURCE_DIR "/labs/inter-vrf-leaking", "--explain", "Technique", "Nowhere"},
                                 out3, err3) == 2);
  CHECK(err3.str().find("'Nowhere'") != std::string::npos);
}
