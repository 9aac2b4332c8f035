// A VRF without a route back: R4's vrf Technique lost its route to R3's site,
// so the echo arrives and the reply dies at R4. The pair fails, and --explain
// names the hop, the table and the address.
#include <doctest/doctest.h>

#include "cli/json_reader.hpp"
#include "sim/packet_walk_explain.hpp"
#include "sim_dataplane_fixtures.hpp"

using namespace dataplane_fixtures;

namespace {

Dataplane without_route_back() {
  Dataplane d = backbone_with_technique();
  REQUIRE(d.node("R4")->table("Technique").remove(p("10.10.10.1/32")));
  return d;
}

}  // namespace

TEST_CASE("dataplane explain: the echo arrives, the reply has no route: the pair fails at R4") {
  PingResult r = ping(without_route_back(), kTechniqueR3, kTechniqueR4);
  CHECK(r.echo.delivered());
  REQUIRE(r.reply);
  CHECK_FALSE(r.reply->delivered());
  CHECK_FALSE(r.ok());
  const Drop* drop = r.failure();
  REQUIRE(drop != nullptr);
  CHECK(drop->reason == DropReason::NoRoute);
  CHECK(drop->node == "R4");
  CHECK(drop->message == "R4 vrf Technique: no route to 10.10.10.1");
  REQUIRE(r.reply->steps.size() == 1);
  CHECK(r.reply->steps[0].action == "no route");
}

TEST_CASE("dataplane explain: the text names every hop of the echo and the hop where the reply died") {
  PingResult r = ping(without_route_back(), kTechniqueR3, kTechniqueR4);
  const std::string expected =
      "Technique -> Technique-R4: fail (R4 vrf Technique: no route to 10.10.10.1)\n"
      "echo 10.10.10.1 -> 10.10.10.254: delivered\n"
      "  R3 vrf Technique: 10.10.10.254/32, B 10.10.10.254/32 [200/0] via 4.4.4.4, RT 65103:1111, VPN label 20, "
      "LSP label 17\n"
      "     -> push [17, 20], to 192.168.13.1 out GigabitEthernet0/0 (R1), labels [17, 20]\n"
      "  R1 (in GigabitEthernet0/3) label 17: 17, LDP 4.4.4.4/32: implicit null from 4.4.4.4\n"
      "     -> pop (implicit null), to 192.168.14.4 out GigabitEthernet0/4 (R4), labels [20]\n"
      "  R4 (in GigabitEthernet0/0) label 20: 20, VPN label of vrf Technique (per-VRF)\n"
      "     -> pop, lookup in vrf Technique\n"
      "  R4 (in GigabitEthernet0/0) vrf Technique: 10.10.10.254/32, L 10.10.10.254/32 is directly connected, "
      "Loopback10\n"
      "     -> receive: delivered\n"
      "reply 10.10.10.254 -> 10.10.10.1: dropped\n"
      "  R4 vrf Technique: nothing matches\n"
      "     -> no route\n"
      "  dropped (no-route): R4 vrf Technique: no route to 10.10.10.1\n";
  CHECK(explain_text("Technique", "Technique-R4", r) == expected);
}

TEST_CASE("dataplane explain: a failed echo sends no reply, and JSON carries the drop and the steps") {
  Dataplane d = backbone_with_technique();
  REQUIRE(d.node("R3")->table("Technique").remove(p("10.10.10.254/32")));
  PingResult r = ping(d, kTechniqueR3, kTechniqueR4);
  CHECK_FALSE(r.reply);
  CHECK(explain_text("Technique", "Technique-R4", r).find("reply: not sent (the echo did not arrive)") !=
        std::string::npos);

  auto parsed = l3vpn::cli::parse_json(explain_json("Technique", "Technique-R4", r));
  REQUIRE(parsed.value);
  const l3vpn::cli::JsonValue& doc = *parsed.value;
  REQUIRE(doc.find("reachable"));
  CHECK(doc.find("reachable")->type == l3vpn::cli::JsonValue::Type::Boolean);
  CHECK_FALSE(doc.find("reachable")->boolean);
  REQUIRE(doc.find("reply"));
  CHECK(doc.find("reply")->is_null());
  const auto* echo = doc.find("echo");
  REQUIRE(echo);
  REQUIRE(echo->find("drop"));
  CHECK(echo->find("drop")->find("reason")->string == "no-route");
  CHECK(echo->find("drop")->find("node")->string == "R3");
  CHECK(echo->find("drop")->find("message")->string == "R3 vrf Technique: no route to 10.10.10.254");
  CHECK(echo->find("steps")->items.size() == 1);
}
