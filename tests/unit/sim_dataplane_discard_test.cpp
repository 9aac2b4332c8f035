// Null0: R3's vrf Technique holds a summary 10.10.0.0/16 to Null0 (as a PE
// does to stop loops for an aggregate it originates). More specific routes
// still forward; anything else under the summary is discarded there.
#include <doctest/doctest.h>

#include "sim_dataplane_fixtures.hpp"

using namespace dataplane_fixtures;

TEST_CASE("dataplane discard: a Null0 summary drops what no more specific route carries") {
  Dataplane d = backbone_with_technique();
  d.node("R3")->table("Technique").add({p("10.10.0.0/16"), Discard{}, "S 10.10.0.0/16 is directly connected, Null0"});

  Walk dropped = walk_packet(d, kTechniqueR3, Endpoint{"R4", "Technique", a("10.10.30.254")});
  REQUIRE(dropped.drop);
  CHECK(dropped.drop->reason == DropReason::Discarded);
  CHECK(dropped.drop->message == "R3 vrf Technique: 10.10.0.0/16 is Null0, 10.10.30.254 discarded");
  REQUIRE(dropped.steps.size() == 1);
  CHECK(dropped.steps[0].matched == "10.10.0.0/16");
  CHECK(dropped.steps[0].action == "discard (Null0)");

  // The longer 10.10.10.254/32 wins over the summary.
  CHECK(ping(d, kTechniqueR3, kTechniqueR4).ok());
}

TEST_CASE("dataplane discard: a Null0 route at the far PE kills the reply, not the echo") {
  Dataplane d = backbone_with_technique();
  d.node("R4")->table("Technique").add({p("10.10.10.1/32"), Discard{}, "S 10.10.10.1/32 Null0"});
  PingResult r = ping(d, kTechniqueR3, kTechniqueR4);
  CHECK(r.echo.delivered());
  REQUIRE(r.failure());
  CHECK(r.failure()->reason == DropReason::Discarded);
  CHECK(r.failure()->node == "R4");
}
