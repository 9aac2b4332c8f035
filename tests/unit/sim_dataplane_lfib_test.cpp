// Label trouble on the path: R1 lost the LDP binding of R4's loopback (an LDP
// session down while OSPF still routes over R1), a label that is not a label,
// a VPN label with labels below it, a next hop nobody on the link owns.
#include <doctest/doctest.h>

#include "sim_dataplane_fixtures.hpp"

using namespace dataplane_fixtures;

TEST_CASE("dataplane lfib: R1 without an entry for label 17 drops the echo; no reply is sent") {
  Dataplane d = backbone_with_technique();
  REQUIRE(d.node("R1")->lfib().remove(kR1LabelForR4));
  PingResult r = ping(d, kTechniqueR3, kTechniqueR4);
  CHECK_FALSE(r.ok());
  CHECK_FALSE(r.reply);
  REQUIRE(r.echo.drop);
  CHECK(r.echo.drop->reason == DropReason::NoLfibEntry);
  CHECK(r.echo.drop->node == "R1");
  CHECK(r.echo.drop->message == "R1: no LFIB entry for label 17");
  REQUIRE(r.echo.steps.size() == 2);
  CHECK(r.echo.steps[1].lookup == "label 17");
  CHECK(r.echo.steps[1].arrived_on == "GigabitEthernet0/3");
}

TEST_CASE("dataplane lfib: the egress PE without the VPN label drops at the VPN label, not the LSP one") {
  Dataplane d = backbone_with_technique();
  REQUIRE(d.node("R4")->lfib().remove(kR4TechniqueLabel));
  Walk w = walk_packet(d, kTechniqueR3, kTechniqueR4);
  REQUIRE(w.drop);
  CHECK(w.drop->message == "R4: no LFIB entry for label 20");
}

TEST_CASE("dataplane lfib: labels that cannot be sent are drops, not crashes") {
  Dataplane d = backbone_with_technique();
  SUBCASE("a route pushing a value above 20 bits") {
    d.node("R3")->table("Technique").add({p("10.10.10.254/32"),
                                          Via{a("192.168.13.1"), "GigabitEthernet0/0", {kR1LabelForR4, 1u << 20}},
                                          "corrupt"});
    Walk w = walk_packet(d, kTechniqueR3, kTechniqueR4);
    REQUIRE(w.drop);
    CHECK(w.drop->reason == DropReason::InvalidLabel);
    CHECK(w.drop->node == "R3");
  }
  SUBCASE("a swap to implicit null (which is a pop)") {
    d.node("R1")->lfib().add({kR1LabelForR4, Swap{kImplicitNull, a("192.168.14.4"), "GigabitEthernet0/4"}, "misfilled"});
    Walk w = walk_packet(d, kTechniqueR3, kTechniqueR4);
    REQUIRE(w.drop);
    CHECK(w.drop->reason == DropReason::InvalidLabel);
    CHECK(w.drop->node == "R1");
  }
}

TEST_CASE("dataplane lfib: implicit null in a route's push list pushes nothing") {
  // R3 adjacent to the egress: the LSP label is implicit null, only the VPN label goes.
  Dataplane d = backbone_with_technique();
  d.node("R1")->lfib().add({kR4TechniqueLabel, PopAndLookup{"Technique"}, "R1 plays the egress PE"});
  d.node("R1")->add_interface({"Loopback10", {p("10.10.10.254/32")}, "Technique"});
  d.node("R3")->table("Technique").add({p("10.10.10.254/32"),
                                        Via{a("192.168.13.1"), "GigabitEthernet0/0", {kImplicitNull, kR4TechniqueLabel}},
                                        "B via 1.1.1.1, LSP implicit null, VPN label 20"});
  Walk w = walk_packet(d, kTechniqueR3, Endpoint{"R1", "Technique", a("10.10.10.254")});
  CHECK(w.delivered());
  CHECK(w.steps[0].labels == std::vector<MplsLabel>{kR4TechniqueLabel});
  CHECK(w.steps[0].action.find("imp-null") != std::string::npos);
}

TEST_CASE("dataplane lfib: a VPN label popped with labels still below it is a drop") {
  Dataplane d = backbone_with_technique();
  d.node("R3")->table("Technique").add({p("10.10.10.254/32"),
                                        Via{a("192.168.13.1"), "GigabitEthernet0/0", {kR1LabelForR4, kR4TechniqueLabel, 99}},
                                        "three labels"});
  Walk w = walk_packet(d, kTechniqueR3, kTechniqueR4);
  REQUIRE(w.drop);
  CHECK(w.drop->reason == DropReason::LabelsBelowVpnLabel);
  CHECK(w.drop->message == "R4: VPN label 20 popped with 1 label(s) still below it");
}

TEST_CASE("dataplane lfib: a next hop nobody on the link owns, and an interface the node lacks") {
  Dataplane d = backbone_with_technique();
  SUBCASE("next hop not on the segment") {
    d.node("R1")->lfib().add({kR1LabelForR4, Pop{a("192.168.14.9"), "GigabitEthernet0/4"}, "stale next hop"});
    Walk w = walk_packet(d, kTechniqueR3, kTechniqueR4);
    REQUIRE(w.drop);
    CHECK(w.drop->reason == DropReason::NoNeighbor);
    CHECK(w.drop->message == "R1: no neighbor owns 192.168.14.9 on GigabitEthernet0/4");
  }
  SUBCASE("interface missing") {
    d.node("R1")->lfib().add({kR1LabelForR4, Pop{a("192.168.14.4"), "GigabitEthernet9/9"}, "typo"});
    Walk w = walk_packet(d, kTechniqueR3, kTechniqueR4);
    REQUIRE(w.drop);
    CHECK(w.drop->reason == DropReason::UnknownInterface);
    CHECK(w.drop->message == "R1: no interface GigabitEthernet9/9");
  }
  SUBCASE("source node missing") {
    Walk w = walk_packet(d, Endpoint{"R9", "", a("9.9.9.9")}, kTechniqueR4);
    REQUIRE(w.drop);
    CHECK(w.drop->reason == DropReason::UnknownNode);
    CHECK(w.steps.empty());
  }
}
