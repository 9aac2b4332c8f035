// The tables themselves: longest-prefix match, replacement, the connected
// routes an interface brings, LAN segments, and the seed lab's topology.
#include <doctest/doctest.h>

#include "config/lab.hpp"
#include "sim_dataplane_fixtures.hpp"

using namespace dataplane_fixtures;

TEST_CASE("dataplane tables: the longest prefix wins, the default route catches the rest") {
  RoutingTable t;
  t.add({p("0.0.0.0/0"), Via{a("172.33.33.1"), "eth0", {}}, "default"});
  t.add({p("10.10.0.0/16"), Discard{}, "summary"});
  t.add({p("10.10.10.0/24"), Attached{"eth1"}, "connected"});
  t.add({p("10.10.10.1/32"), Receive{}, "own"});
  CHECK(t.lookup(a("10.10.10.1"))->why == "own");
  CHECK(t.lookup(a("10.10.10.2"))->why == "connected");
  CHECK(t.lookup(a("10.10.99.1"))->why == "summary");
  CHECK(t.lookup(a("8.8.8.8"))->why == "default");
  CHECK(t.routes().front()->prefix == p("10.10.10.1/32"));
  CHECK(t.routes().back()->prefix == p("0.0.0.0/0"));
}

TEST_CASE("dataplane tables: a prefix added again replaces the old entry; host bits are cleared") {
  RoutingTable t;
  t.add({p("10.10.30.7/24"), Discard{}, "first"});
  t.add({p("10.10.30.0/24"), ViaVrf{"Serveurs"}, "second"});
  CHECK(t.size() == 1);
  REQUIRE(t.find(p("10.10.30.0/24")));
  CHECK(t.find(p("10.10.30.0/24"))->why == "second");
  CHECK(t.lookup(a("10.10.30.9"))->prefix.to_string() == "10.10.30.0/24");
  CHECK(t.remove(p("10.10.30.0/24")));
  CHECK(t.lookup(a("10.10.30.9")) == nullptr);
  CHECK_FALSE(t.remove(p("10.10.30.0/24")));
}

TEST_CASE("dataplane tables: an interface brings Receive for its address and Attached for its subnet") {
  NodeFib n("R2");
  n.add_interface({"GigabitEthernet1/0", {p("172.33.33.1/30")}, "Internet"});
  n.add_interface({"Loopback0", {p("2.2.2.2/32")}, ""});
  const RoutingTable* internet = n.find_table("Internet");
  REQUIRE(internet);
  CHECK(internet->size() == 2);
  CHECK(std::holds_alternative<Receive>(internet->lookup(a("172.33.33.1"))->action));
  CHECK(internet->lookup(a("172.33.33.2"))->action == RouteAction{Attached{"GigabitEthernet1/0"}});
  CHECK(n.find_table("")->size() == 1);  // a loopback /32 has no subnet
  CHECK(n.find_table("Commercial") == nullptr);
}

TEST_CASE("dataplane tables: connect() builds LANs, and the neighbor is whoever owns the address") {
  Dataplane d;
  for (const char* name : {"A", "B", "C"}) d.add_node(name);
  d.node("A")->add_interface({"eth0", {p("10.0.0.1/24")}, ""});
  d.node("B")->add_interface({"eth0", {p("10.0.0.2/24")}, ""});
  d.node("C")->add_interface({"eth0", {p("10.0.0.3/24")}, ""});
  d.connect({{"A", "eth0"}, {"B", "eth0"}});
  d.connect({{"B", "eth0"}, {"C", "eth0"}});
  CHECK(d.segment_of({"A", "eth0"}).size() == 2);
  auto c = d.neighbor_owning({"A", "eth0"}, a("10.0.0.3"));
  REQUIRE(c);
  CHECK(c->node == "C");
  CHECK_FALSE(d.neighbor_owning({"A", "eth0"}, a("10.0.0.1")));  // itself is not a neighbor
  CHECK_FALSE(d.neighbor_owning({"A", "eth0"}, a("10.0.0.9")));
  CHECK(ping(d, Endpoint{"A", "", a("10.0.0.1")}, Endpoint{"C", "", a("10.0.0.3")}).ok());
}

TEST_CASE("dataplane tables: the seed lab's links and addresses, and a ping over a connected link") {
  auto loaded = l3vpn::config::load_lab(std::string(L3VPN_SOURCE_DIR) + "/labs/inter-vrf-leaking");
  REQUIRE(loaded.ok());
  Dataplane d = dataplane_from_lab(loaded.lab);
  CHECK(d.nodes().size() == 5);
  auto r1 = d.neighbor_owning({"R3", "GigabitEthernet0/0"}, a("192.168.13.1"));
  REQUIRE(r1);
  CHECK(*r1 == LinkEnd{"R1", "GigabitEthernet0/3"});
  CHECK(ping(d, Endpoint{"R3", "", a("192.168.13.3")}, Endpoint{"R1", "", a("192.168.13.1")}).ok());

  // INET to R2's address in vrf Internet: the echo arrives in the VRF of R2's
  // Gi1/0; the reply needs a route to 8.8.8.8 that only BGP/static would add.
  PingResult r = ping(d, Endpoint{"INET", "", a("8.8.8.8")}, Endpoint{"R2", "Internet", a("172.33.33.1")});
  CHECK(r.echo.delivered());
  CHECK(r.echo.steps.back().lookup == "vrf Internet");
  REQUIRE(r.failure());
  CHECK(r.failure()->message == "R2 vrf Internet: no route to 8.8.8.8");
}
