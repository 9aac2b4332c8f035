// A forwarding loop: R3 and R1 each send 9.9.9.9 to the other. The TTL (64,
// one per forwarding node) stops the packet instead of the walk running
// forever, and the drop says where and why.
#include <doctest/doctest.h>

#include "sim_dataplane_fixtures.hpp"

using namespace dataplane_fixtures;

TEST_CASE("dataplane loop: a routing loop between R3 and R1 ends with TTL expired") {
  Dataplane d = backbone_links();
  d.node("R3")->table("").add({p("9.9.9.9/32"), Via{a("192.168.13.1"), "GigabitEthernet0/0", {}}, "S 9.9.9.9 via R1"});
  d.node("R1")->table("").add({p("9.9.9.9/32"), Via{a("192.168.13.3"), "GigabitEthernet0/3", {}}, "S 9.9.9.9 via R3"});
  Walk w = walk_packet(d, Endpoint{"R3", "", a("3.3.3.3")}, Endpoint{"R4", "", a("9.9.9.9")});
  REQUIRE(w.drop);
  CHECK(w.drop->reason == DropReason::TtlExpired);
  CHECK(w.drop->message == "R1: TTL expired toward 9.9.9.9 (forwarding loop?)");
  // 63 forwards (TTL 64 down to 1), then the 64th lookup cannot forward.
  REQUIRE(w.steps.size() == static_cast<std::size_t>(kInitialTtl));
  CHECK(w.steps.front().node == "R3");
  CHECK(w.steps[1].node == "R1");
  CHECK(w.steps[2].node == "R3");
  CHECK(w.steps.back().ttl == 1);
}

TEST_CASE("dataplane loop: a label loop is stopped the same way") {
  // R1 swaps 40 to 41 toward R3, R3 swaps 41 back to 40 toward R1.
  Dataplane d = backbone_links();
  d.node("R3")->table("").add({p("9.9.9.9/32"), Via{a("192.168.13.1"), "GigabitEthernet0/0", {40}}, "LSP 40"});
  d.node("R1")->lfib().add({40, Swap{41, a("192.168.13.3"), "GigabitEthernet0/3"}, "stale binding"});
  d.node("R3")->lfib().add({41, Swap{40, a("192.168.13.1"), "GigabitEthernet0/0"}, "stale binding"});
  Walk w = walk_packet(d, Endpoint{"R3", "", a("3.3.3.3")}, Endpoint{"R4", "", a("9.9.9.9")});
  REQUIRE(w.drop);
  CHECK(w.drop->reason == DropReason::TtlExpired);
  CHECK(w.steps.size() == static_cast<std::size_t>(kInitialTtl));
  CHECK(w.steps.back().lookup.rfind("label ", 0) == 0);
}
