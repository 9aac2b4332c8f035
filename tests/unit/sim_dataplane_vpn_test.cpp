// A ping across the MPLS backbone, VRF Technique on R3 to VRF Technique on R4
// through the P router R1: push [LSP label, VPN label] at the ingress PE, PHP
// at R1 (R4 advertised implicit null), pop-and-lookup of the per-VRF VPN label
// at the egress PE; then the reply the other way.
#include <doctest/doctest.h>

#include "sim_dataplane_fixtures.hpp"

using namespace dataplane_fixtures;

TEST_CASE("dataplane vpn: Technique on R3 reaches Technique on R4 with [LSP, VPN] labels, PHP at R1") {
  Dataplane d = backbone_with_technique();
  PingResult ping_result = ping(d, kTechniqueR3, kTechniqueR4);
  REQUIRE(ping_result.echo.delivered());
  REQUIRE(ping_result.reply);
  CHECK(ping_result.reply->delivered());
  CHECK(ping_result.ok());
  CHECK(ping_result.failure() == nullptr);

  const Walk& echo = ping_result.echo;
  CHECK(echo.source == a("10.10.10.1"));
  CHECK(echo.destination == a("10.10.10.254"));
  REQUIRE(echo.steps.size() == 4);
  CHECK(nodes_of(echo) == std::vector<std::string>{"R3", "R1", "R4", "R4"});

  // R3: the BGP route in vrf Technique pushes the LSP label on top of the VPN label.
  CHECK(echo.steps[0].lookup == "vrf Technique");
  CHECK(echo.steps[0].matched == "10.10.10.254/32");
  CHECK(echo.steps[0].why.find("VPN label 20") != std::string::npos);
  CHECK(echo.steps[0].labels == std::vector<MplsLabel>{kR1LabelForR4, kR4TechniqueLabel});
  CHECK(echo.steps[0].action.find("(R1)") != std::string::npos);
  // R1: the LSP label; R4 gave implicit null, so R1 pops it and the VPN label is exposed.
  CHECK(echo.steps[1].lookup == "label 17");
  CHECK(echo.steps[1].arrived_on == "GigabitEthernet0/3");
  CHECK(echo.steps[1].labels == std::vector<MplsLabel>{kR4TechniqueLabel});
  CHECK(echo.steps[1].ttl == kInitialTtl - 1);
  // R4: the VPN label selects vrf Technique, where the address is R4's own.
  CHECK(echo.steps[2].lookup == "label 20");
  CHECK(echo.steps[2].labels.empty());
  CHECK(echo.steps[3].lookup == "vrf Technique");
  CHECK(echo.steps[3].matched == "10.10.10.254/32");
  CHECK(echo.steps[3].action == "receive: delivered");
  CHECK(echo.steps[3].ttl == kInitialTtl - 2);

  // The reply: R4's route to 10.10.10.1 pushes [16, 21].
  const Walk& reply = *ping_result.reply;
  CHECK(reply.source == a("10.10.10.254"));
  CHECK(reply.destination == a("10.10.10.1"));
  CHECK(nodes_of(reply) == std::vector<std::string>{"R4", "R1", "R3", "R3"});
  CHECK(reply.steps[0].labels == std::vector<MplsLabel>{kR1LabelForR3, kR3TechniqueLabel});
  CHECK(reply.steps[1].lookup == "label 16");
  CHECK(reply.steps[2].lookup == "label 21");
}

TEST_CASE("dataplane vpn: with explicit null from R4, R1 swaps 17 to 0 and R4 pops both labels") {
  Dataplane d = backbone_with_technique();
  d.node("R1")->lfib().add({kR1LabelForR4, Swap{kIpv4ExplicitNull, a("192.168.14.4"), "GigabitEthernet0/4"},
                            "LDP 4.4.4.4/32: explicit null from 4.4.4.4"});
  Walk echo = walk_packet(d, kTechniqueR3, kTechniqueR4);
  REQUIRE(echo.delivered());
  REQUIRE(echo.steps.size() == 5);
  CHECK(echo.steps[1].action.rfind("swap to 0", 0) == 0);
  CHECK(echo.steps[1].labels == std::vector<MplsLabel>{0, kR4TechniqueLabel});
  CHECK(echo.steps[2].lookup == "label 0");
  CHECK(echo.steps[2].labels == std::vector<MplsLabel>{kR4TechniqueLabel});
  CHECK(echo.steps[3].lookup == "label 20");
  CHECK(echo.steps[4].action == "receive: delivered");
}

TEST_CASE("dataplane vpn: a swap at a second P router before the PHP") {
  // R3 - R1 - R5 - R4: R1 swaps R4's LSP label 17 to R5's 30, and R5 pops.
  Dataplane d = backbone_with_technique();
  NodeFib& r5 = d.add_node("R5");
  r5.add_interface({"GigabitEthernet0/1", {p("192.168.15.5/24")}, ""});
  r5.add_interface({"GigabitEthernet0/2", {p("192.168.54.5/24")}, ""});
  NodeFib& r1 = *d.node("R1");
  r1.add_interface({"GigabitEthernet0/5", {p("192.168.15.1/24")}, ""});
  NodeFib& r4 = *d.node("R4");
  r4.add_interface({"GigabitEthernet0/1", {p("192.168.54.4/24")}, ""});
  d.connect({{"R1", "GigabitEthernet0/5"}, {"R5", "GigabitEthernet0/1"}});
  d.connect({{"R5", "GigabitEthernet0/2"}, {"R4", "GigabitEthernet0/1"}});
  r1.lfib().add({kR1LabelForR4, Swap{30, a("192.168.15.5"), "GigabitEthernet0/5"}, "LDP 4.4.4.4/32: label 30 from 5.5.5.5"});
  r5.lfib().add({30, Pop{a("192.168.54.4"), "GigabitEthernet0/2"}, "LDP 4.4.4.4/32: implicit null from 4.4.4.4"});

  Walk echo = walk_packet(d, kTechniqueR3, kTechniqueR4);
  REQUIRE(echo.delivered());
  CHECK(nodes_of(echo) == std::vector<std::string>{"R3", "R1", "R5", "R4", "R4"});
  CHECK(echo.steps[1].labels == std::vector<MplsLabel>{30, kR4TechniqueLabel});
  CHECK(echo.steps[2].lookup == "label 30");
  CHECK(echo.steps[2].labels == std::vector<MplsLabel>{kR4TechniqueLabel});
  CHECK(echo.steps[3].arrived_on == "GigabitEthernet0/1");
}

TEST_CASE("dataplane vpn: a per-CE VPN label pops and sends to the CE without an IP lookup") {
  // R4 hands 10.10.40.0/24 to a CE behind Gi0/2, with per-prefix label 25.
  Dataplane d = backbone_with_technique();
  NodeFib& r4 = *d.node("R4");
  r4.add_interface({"GigabitEthernet0/2", {p("172.16.40.4/24")}, "Technique"});
  NodeFib& ce = d.add_node("CE4");
  ce.add_interface({"eth0", {p("172.16.40.40/24")}, ""});
  ce.add_interface({"lo", {p("10.10.40.1/32")}, ""});
  ce.table("").add({p("0.0.0.0/0"), Via{a("172.16.40.4"), "eth0", {}}, "S* 0.0.0.0/0 via 172.16.40.4"});
  d.connect({{"R4", "GigabitEthernet0/2"}, {"CE4", "eth0"}});
  r4.table("Technique").add({p("10.10.40.0/24"), Via{a("172.16.40.40"), "GigabitEthernet0/2", {}},
                             "S 10.10.40.0/24 via 172.16.40.40"});
  r4.lfib().add({25, PopToNextHop{"Technique", a("172.16.40.40"), "GigabitEthernet0/2"},
                 "VPN label of 10.10.40.0/24 in vrf Technique (per-prefix)"});
  d.node("R3")->table("Technique").add({p("10.10.40.0/24"),
                                        Via{a("192.168.13.1"), "GigabitEthernet0/0", {kR1LabelForR4, 25}},
                                        "B 10.10.40.0/24 [200/0] via 4.4.4.4, VPN label 25"});

  PingResult r = ping(d, kTechniqueR3, Endpoint{"CE4", "", a("10.10.40.1")});
  CHECK(r.ok());
  CHECK(nodes_of(r.echo) == std::vector<std::string>{"R3", "R1", "R4", "CE4"});
  CHECK(r.echo.steps[2].lookup == "label 25");
  CHECK(r.echo.steps[3].lookup == "global");
  // The reply enters R4 on the VRF interface, so R4 looks it up in vrf Technique.
  REQUIRE(r.reply);
  CHECK(nodes_of(*r.reply) == std::vector<std::string>{"CE4", "R4", "R1", "R3", "R3"});
  CHECK(r.reply->steps[1].lookup == "vrf Technique");
}
