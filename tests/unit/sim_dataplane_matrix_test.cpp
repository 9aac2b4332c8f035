// The reachability matrix over a small endpoint set on the two-PE backbone:
// Technique and Commercial on R3 (leaking to each other), Technique on R4.
// Commercial's expectations are deliberately wrong in both directions, so the
// rendering must mark one "ok!" and one "FAIL!". Then the seed lab with only
// its connected routes: every pair it expects fails.
#include <doctest/doctest.h>

#include "cli/json_reader.hpp"
#include "config/lab.hpp"
#include "sim/matrix.hpp"
#include "sim_dataplane_fixtures.hpp"

using namespace dataplane_fixtures;

namespace {

Dataplane three_sites() {
  Dataplane d = backbone_with_technique();
  d.node("R3")->table("Commercial").add({p("10.10.10.1/32"), ViaVrf{"Technique"}, "B 10.10.10.1 Loopback10"});
  d.node("R3")->table("Technique").add({p("10.10.20.1/32"), ViaVrf{"Commercial"}, "B 10.10.20.1 Loopback20"});
  return d;
}

const std::vector<NamedEndpoint> kEndpoints{
    {"Technique", kTechniqueR3}, {"Commercial", kCommercialR3}, {"Technique-R4", kTechniqueR4}};

const std::map<std::string, std::vector<std::string>> kExpect{
    {"Technique", {"Commercial", "Technique-R4"}},
    {"Commercial", {"Technique-R4"}},  // wrong twice: it reaches Technique, not Technique-R4
    {"Technique-R4", {"Technique"}},
};

}  // namespace

TEST_CASE("dataplane matrix: every ordered pair, compared with the expectations") {
  ReachabilityMatrix m = compute_matrix(three_sites(), kEndpoints, kExpect);
  CHECK(m.cells.size() == 6);
  CHECK(m.as_expected == 4);
  CHECK(m.differ == 2);
  CHECK_FALSE(m.all_as_expected());
  CHECK(m.cell("Technique", "Technique") == nullptr);
  REQUIRE(m.cell("Commercial", "Technique"));
  CHECK(m.cell("Commercial", "Technique")->reachable());
  CHECK_FALSE(m.cell("Commercial", "Technique")->expected);
  REQUIRE(m.cell("Technique-R4", "Commercial"));
  CHECK_FALSE(m.cell("Technique-R4", "Commercial")->reachable());
  CHECK(m.cell("Technique-R4", "Commercial")->as_expected());
}

TEST_CASE("dataplane matrix: text marks the differences and explains the failed ones") {
  ReachabilityMatrix m = compute_matrix(three_sites(), kEndpoints, kExpect);
  const std::string expected =
      "from \\ to     Technique  Commercial  Technique-R4\n"
      "Technique     -          ok          ok\n"
      "Commercial    ok!        -           FAIL!\n"
      "Technique-R4  ok         fail        -\n"
      "matrix: 4 pairs as expected, 2 differ\n"
      "  Commercial -> Technique: expected fail, got ok\n"
      "  Commercial -> Technique-R4: expected ok, got fail (echo: R3 vrf Commercial: no route to 10.10.10.254)\n";
  CHECK(render_matrix_text(m) == expected);
}

TEST_CASE("dataplane matrix: JSON has every pair with expected, reachable and the failure") {
  ReachabilityMatrix m = compute_matrix(three_sites(), kEndpoints, kExpect);
  auto parsed = l3vpn::cli::parse_json(render_matrix_json(m));
  REQUIRE(parsed.value);
  const l3vpn::cli::JsonValue& doc = *parsed.value;
  CHECK(doc.find("endpoints")->items.size() == 3);
  CHECK(doc.find("as_expected")->number == 4);
  CHECK(doc.find("differ")->number == 2);
  const auto& pairs = doc.find("pairs")->items;
  REQUIRE(pairs.size() == 6);
  const l3vpn::cli::JsonValue* failed = nullptr;
  for (const auto& pair : pairs)
    if (pair.find("from")->string == "Technique-R4" && pair.find("to")->string == "Commercial") failed = &pair;
  REQUIRE(failed);
  CHECK_FALSE(failed->find("expected")->boolean);
  CHECK_FALSE(failed->find("reachable")->boolean);
  CHECK(failed->find("as_expected")->boolean);
  CHECK(failed->find("echo_delivered")->boolean == false);
  CHECK(failed->find("failure")->find("message")->string == "R4 vrf Technique: no route to 10.10.20.1");
}

TEST_CASE("dataplane matrix: every pair matching its expectation gives a clean summary") {
  std::map<std::string, std::vector<std::string>> right{
      {"Technique", {"Commercial", "Technique-R4"}},
      {"Commercial", {"Technique"}},
      {"Technique-R4", {"Technique"}},
  };
  ReachabilityMatrix m = compute_matrix(three_sites(), kEndpoints, right);
  CHECK(m.all_as_expected());
  std::string text = render_matrix_text(m);
  CHECK(text.find("matrix: 6 pairs as expected, 0 differ\n") != std::string::npos);
  CHECK(text.find('!') == std::string::npos);
}

TEST_CASE("dataplane matrix: the seed lab with connected routes only fails every pair it expects") {
  auto loaded = l3vpn::config::load_lab(std::string(L3VPN_SOURCE_DIR) + "/labs/inter-vrf-leaking");
  REQUIRE(loaded.ok());
  Dataplane d = dataplane_from_lab(loaded.lab);
  ReachabilityMatrix m = compute_matrix(d, loaded.lab);
  CHECK(m.cells.size() == 7 * 6);
  std::size_t expected_pairs = 0;
  for (const auto& [from, to] : loaded.lab.expect) expected_pairs += to.size();
  CHECK(m.differ == expected_pairs);  // nothing routes between sites without BGP
  CHECK(m.as_expected == 7 * 6 - expected_pairs);
  // Internet -> Technique: INET has no route at all to 10.10.10.1 (its default route is a static the
  // protocols have not installed yet).
  REQUIRE(m.cell("Internet", "Technique"));
  CHECK(m.cell("Internet", "Technique")->result.failure()->message == "INET global: no route to 10.10.10.1");
}
