// Same-PE route leaking, as in the seed lab's R3: vrf Commercial imports
// Technique's loopback (RT 65103:1111), which IOS shows as "B 10.10.10.1 is
// directly connected, Loopback10": the packet is looked up again in vrf
// Technique, on the same router, without labels.
#include <doctest/doctest.h>

#include "sim_dataplane_fixtures.hpp"

using namespace dataplane_fixtures;

namespace {

void leak_commercial_to_technique(Dataplane& d) {
  d.node("R3")->table("Commercial").add({p("10.10.10.1/32"), ViaVrf{"Technique"},
                                         "B 10.10.10.1/32 is directly connected, Loopback10 (RT 65103:1111)"});
}

void leak_technique_to_commercial(Dataplane& d) {
  d.node("R3")->table("Technique").add({p("10.10.20.1/32"), ViaVrf{"Commercial"},
                                        "B 10.10.20.1/32 is directly connected, Loopback20 (RT 65103:2222)"});
}

}  // namespace

TEST_CASE("dataplane leak: Commercial on R3 reaches Technique on R3 through a lookup in vrf Technique") {
  Dataplane d = backbone_with_technique();
  leak_commercial_to_technique(d);
  leak_technique_to_commercial(d);
  PingResult r = ping(d, kCommercialR3, kTechniqueR3);
  REQUIRE(r.ok());
  REQUIRE(r.echo.steps.size() == 2);
  CHECK(nodes_of(r.echo) == std::vector<std::string>{"R3", "R3"});
  CHECK(r.echo.steps[0].lookup == "vrf Commercial");
  CHECK(r.echo.steps[0].action == "lookup in vrf Technique");
  CHECK(r.echo.steps[0].why.find("Loopback10") != std::string::npos);
  CHECK(r.echo.steps[1].lookup == "vrf Technique");
  CHECK(r.echo.steps[1].action == "receive: delivered");
  CHECK(r.echo.steps[1].labels.empty());
  // The same TTL throughout: a leak is not a hop.
  CHECK(r.echo.steps[1].ttl == kInitialTtl);
  CHECK(r.reply->steps[0].action == "lookup in vrf Commercial");
}

TEST_CASE("dataplane leak: a one-way leak delivers the echo but not the reply") {
  Dataplane d = backbone_with_technique();
  leak_commercial_to_technique(d);
  PingResult r = ping(d, kCommercialR3, kTechniqueR3);
  CHECK(r.echo.delivered());
  CHECK_FALSE(r.ok());
  REQUIRE(r.failure());
  CHECK(r.failure()->message == "R3 vrf Technique: no route to 10.10.20.1");
}

TEST_CASE("dataplane leak: an address leaked into the wrong VRF is received there, not at the endpoint") {
  // Technique's leak for 10.10.20.1 points back at Technique's own loopback
  // table by mistake: the Receive is in vrf Technique, the endpoint in Commercial.
  Dataplane d = backbone_with_technique();
  d.node("R3")->table("Technique").add({p("10.10.20.1/32"), Receive{}, "a misinstalled local route"});
  Walk w = walk_packet(d, kTechniqueR3, kCommercialR3);
  REQUIRE(w.drop);
  CHECK(w.drop->reason == DropReason::ReceivedElsewhere);
  CHECK(w.drop->message == "R3 vrf Technique: 10.10.20.1 is received here, but the endpoint is R3 vrf Commercial");
}

TEST_CASE("dataplane leak: two VRFs leaking one prefix to each other stop after a bounded number of lookups") {
  Dataplane d = backbone_with_technique();
  d.node("R3")->table("Technique").add({p("10.99.0.0/16"), ViaVrf{"Commercial"}, "leak A"});
  d.node("R3")->table("Commercial").add({p("10.99.0.0/16"), ViaVrf{"Technique"}, "leak B"});
  Walk w = walk_packet(d, kTechniqueR3, Endpoint{"R3", "Commercial", a("10.99.1.1")});
  REQUIRE(w.drop);
  CHECK(w.drop->reason == DropReason::LeakLoop);
  CHECK(w.steps.size() == static_cast<std::size_t>(kMaxChainedVrfLookups) + 1);
  CHECK(w.drop->message.find("leak loop") != std::string::npos);
}

TEST_CASE("dataplane leak: a leak to a VRF the node does not have is an unknown table") {
  Dataplane d = backbone_with_technique();
  d.node("R3")->table("Technique").add({p("10.50.0.0/16"), ViaVrf{"Ghost"}, "leak to a deleted VRF"});
  Walk w = walk_packet(d, kTechniqueR3, Endpoint{"R3", "Ghost", a("10.50.0.1")});
  REQUIRE(w.drop);
  CHECK(w.drop->reason == DropReason::UnknownTable);
  CHECK(w.drop->message == "R3: no table vrf Ghost");
}
