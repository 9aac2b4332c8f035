// Kernel nexthop objects: the requests as bytes, field by field, the dump
// answers parsed back (the kernel answers a dump with the same layout as the
// request), and the table of ours (which object holds which hop, how many of
// our routes name each, which are unused). bench_kernel_routes runs them
// against a kernel.
#include <doctest/doctest.h>

#include <linux/netlink.h>

#include <cstring>

#include "kernel/nexthop_table.hpp"

namespace {

using namespace l3vpn::kernel;

Ipv4Address a(const char* text) { return *Ipv4Address::parse(text); }
Ipv4Prefix p(const char* text) { return *Ipv4Prefix::parse(text); }

const InterfaceIndexes kIndexes{{"eth1", 3}, {"eth2", 4}};
const InterfaceNames kNames{{3, "eth1"}, {4, "eth2"}};

std::vector<std::uint8_t> bytes(std::initializer_list<int> list) {
  std::vector<std::uint8_t> out;
  for (int b : list) out.push_back(static_cast<std::uint8_t>(b));
  return out;
}

Ipv4Route vpn_route(const char* prefix, std::vector<MplsLabel> push, const char* via = "192.0.2.1") {
  Ipv4Route route;
  route.table = 1001;
  route.prefix = p(prefix);
  route.next_hops = {{a(via), "eth1", std::move(push)}};
  return route;
}

}  // namespace

TEST_CASE("nexthop message: a new object holding encap mpls 100/200 via 192.0.2.1 dev eth1, byte by byte") {
  std::vector<std::uint8_t> out;
  REQUIRE(!append_new_nexthop(out, 7, NextHop{a("192.0.2.1"), "eth1", {100, 200}}, kIndexes, 9));
  CHECK(out == bytes({
      72, 0, 0, 0,             // nlmsg_len 72
      104, 0,                  // RTM_NEWNEXTHOP
      0x05, 0x06,              // NLM_F_REQUEST | NLM_F_ACK | NLM_F_EXCL | NLM_F_CREATE: never replaces
      9, 0, 0, 0, 0, 0, 0, 0,  // seq 9, pid 0
      2, 0, 248, 0,            // nhmsg: AF_INET, scope 0, protocol 248, reserved
      0, 0, 0, 0,              // nh_flags
      8, 0, 1, 0, 7, 0, 0, 0,          // NHA_ID 7
      8, 0, 5, 0, 3, 0, 0, 0,          // NHA_OIF 3
      8, 0, 6, 0, 192, 0, 2, 1,        // NHA_GATEWAY 192.0.2.1
      6, 0, 7, 0, 1, 0, 0, 0,          // NHA_ENCAP_TYPE LWTUNNEL_ENCAP_MPLS (+2 pad)
      16, 0, 8, 0x80,                  // NHA_ENCAP | NLA_F_NESTED (the family checks it)
      12, 0, 1, 0,                     //   MPLS_IPTUNNEL_DST
      0x00, 0x06, 0x40, 0x00,          //     label 100
      0x00, 0x0c, 0x81, 0x00,          //     label 200, bottom of stack
  }));
}

TEST_CASE("nexthop message: a route through object 6 carries its key and RTA_NH_ID, no next hop of its own") {
  std::vector<std::uint8_t> out;
  append_route_via_nexthop(out, vpn_route("10.0.0.5/32", {100, 21}), 6, 3);
  CHECK(out == bytes({
      52, 0, 0, 0, 24, 0, 0x05, 0x05,  // RTM_NEWROUTE, REQUEST | ACK | REPLACE | CREATE
      3, 0, 0, 0, 0, 0, 0, 0,          // seq 3
      2, 32, 0, 0,                     // AF_INET, /32
      252, 248, 0, 1,                  // RT_TABLE_COMPAT, proto 248, universe, unicast
      0, 0, 0, 0,
      8, 0, 15, 0, 0xe9, 3, 0, 0,      // RTA_TABLE 1001
      8, 0, 1, 0, 10, 0, 0, 5,         // RTA_DST 10.0.0.5
      8, 0, 30, 0, 6, 0, 0, 0,         // RTA_NH_ID 6
  }));
  const auto back = parse_route_nexthop_id(out);
  REQUIRE(back);
  CHECK(back->key == RouteKey{1001, p("10.0.0.5/32"), 0});
  CHECK(back->protocol == 248);
  CHECK(back->nexthop_id == 6);

  // The route dump reader keeps the same (key, object) pair, so one IPv4
  // dump serves both the routes and the objects' users.
  RouteDump dump;
  parse_route_dump(out.data(), out.size(), kNames, dump);
  REQUIRE(dump.routes.size() == 1);
  CHECK(dump.routes[0].next_hops.empty());
  CHECK(dump.nexthop_ids == std::vector<RouteNexthopId>{*back});
}

TEST_CASE("nexthop message: an object and a delete read back; groups do not resolve; short bytes are no object") {
  const NextHop hop{a("192.0.2.1"), "eth2", {100, 200}};
  std::vector<std::uint8_t> out;
  REQUIRE(!append_new_nexthop(out, 42, hop, kIndexes, 1));
  const auto object = parse_nexthop(out, kNames);
  REQUIRE(object);
  CHECK(*object == KernelNexthop{42, 248, hop, true});

  // Device index unknown to the names: kept, not resolvable.
  const auto unnamed = parse_nexthop(out, InterfaceNames{});
  REQUIRE(unnamed);
  CHECK(!unnamed->resolvable);

  // A group (NHA_ID 5, NHA_GROUP with one member) is someone's ECMP: never a hop.
  const auto group = bytes({
      44, 0, 0, 0, 104, 0, 2, 0, 1, 0, 0, 0, 0, 0, 0, 0,  // RTM_NEWNEXTHOP, NLM_F_MULTI (a dump answer)
      0, 0, 4, 0, 0, 0, 0, 0,                             // AF_UNSPEC, protocol 4 (static)
      8, 0, 1, 0, 5, 0, 0, 0,                             // NHA_ID 5
      12, 0, 2, 0, 42, 0, 0, 0, 1, 0, 0, 0,               // NHA_GROUP: {id 42, weight 1}
  });
  const auto parsed_group = parse_nexthop(group, kNames);
  REQUIRE(parsed_group);
  CHECK(parsed_group->id == 5);
  CHECK(!parsed_group->resolvable);

  // Cut anywhere: the length no longer matches, nothing is read past the end.
  for (std::size_t cut = 0; cut < out.size(); ++cut) {
    CHECK(!parse_nexthop(std::span<const std::uint8_t>(out.data(), cut), kNames));
  }
  // An attribute claiming more than the message holds.
  auto lying = out;
  lying[24] = 200;  // NHA_ID's rta_len
  CHECK(!parse_nexthop(lying, kNames));

  std::vector<std::uint8_t> del;
  append_delete_nexthop(del, 42, 2);
  CHECK(del == bytes({32, 0, 0, 0, 105, 0, 0x05, 0, 2, 0, 0, 0, 0, 0, 0, 0,  // RTM_DELNEXTHOP, REQUEST | ACK
                      0, 0, 0, 0, 0, 0, 0, 0,                                  // nhmsg AF_UNSPEC
                      8, 0, 1, 0, 42, 0, 0, 0}));                              // NHA_ID 42
  CHECK(!parse_route_nexthop_id(del));
}

TEST_CASE("nexthop message: a device missing from the index map or a hop without gateway appends nothing") {
  std::vector<std::uint8_t> out;
  const auto missing = append_new_nexthop(out, 1, NextHop{a("192.0.2.1"), "eth9", {100}}, kIndexes, 1);
  REQUIRE(missing);
  CHECK(missing->message.find("no interface eth9") != std::string::npos);
  CHECK(append_new_nexthop(out, 1, NextHop{std::nullopt, "eth1", {100}}, kIndexes, 1));
  CHECK(out.empty());
}

TEST_CASE("nexthop table: only unicast single-gateway routes with a push are shared") {
  CHECK(NexthopTable::shareable(vpn_route("10.0.0.0/24", {100, 200})));
  CHECK(!NexthopTable::shareable(vpn_route("10.0.0.0/24", {})));  // plain: the kernel shares its fib_info anyway
  auto ecmp = vpn_route("10.0.0.0/24", {100, 200});
  ecmp.next_hops.push_back({a("192.0.2.9"), "eth2", {100, 300}});
  CHECK(!NexthopTable::shareable(ecmp));
  auto on_link = vpn_route("10.0.0.0/24", {100});
  on_link.next_hops.front().gateway.reset();
  CHECK(!NexthopTable::shareable(on_link));
  auto blackhole = vpn_route("10.0.0.0/24", {100});
  blackhole.type = RouteType::Blackhole;
  CHECK(!NexthopTable::shareable(blackhole));
}

TEST_CASE("nexthop table: ours found by hop, new ids skip every id the kernel holds, unused ones listed") {
  const NextHop label21{a("192.0.2.1"), "eth1", {100, 21}};
  const NextHop label22{a("192.0.2.1"), "eth1", {100, 22}};
  const NextHop theirs{a("192.0.2.1"), "eth1", {100, 23}};
  NexthopTable table;
  table.load({{1, kRouteProtocol, label21, true}, {2, kRouteProtocol, label22, true}, {3, 4, theirs, true}},
             {{RouteKey{1001, p("10.0.0.5/32"), 0}, kRouteProtocol, 1},
              {RouteKey{1001, p("10.0.0.6/32"), 0}, kRouteProtocol, 1},
              {RouteKey{1001, p("10.0.0.7/32"), 0}, 4, 3}},  // someone else's route
             true);
  CHECK(table.find(label21) == 1u);
  CHECK(table.find(label22) == 2u);
  CHECK(!table.find(theirs));  // protocol 4: never used for ours
  CHECK(table.resolve(3) == theirs);  // but read back
  CHECK(table.unused() == std::vector<std::uint32_t>{2});

  const std::uint32_t fresh = table.allocate();
  CHECK(fresh == 4);
  const NextHop label24{a("192.0.2.1"), "eth1", {100, 24}};
  table.created(fresh, label24);
  CHECK(table.find(label24) == fresh);
  CHECK(table.unused() == std::vector<std::uint32_t>{2, 4});

  // 10.0.0.5 moves to the new object, 10.0.0.6 gets its own next hop back: 1 is unused.
  table.route_names(RouteKey{1001, p("10.0.0.5/32"), 0}, fresh);
  table.route_names(RouteKey{1001, p("10.0.0.6/32"), 0}, 0);
  CHECK(table.named_by(RouteKey{1001, p("10.0.0.5/32"), 0}) == fresh);
  CHECK(!table.named_by(RouteKey{1001, p("10.0.0.6/32"), 0}));
  CHECK(table.unused() == std::vector<std::uint32_t>{1, 2});

  // Deleting an object takes its routes: 4 gone leaves 10.0.0.5 naming nothing.
  table.removed(fresh);
  CHECK(!table.find(label24));
  CHECK(!table.named_by(RouteKey{1001, p("10.0.0.5/32"), 0}));
  CHECK(table.allocate() == 5);  // ids move on: a just-deleted one is not taken again at once
}

TEST_CASE("nexthop table: objects of ours loaded without all the routes are never listed unused") {
  const NextHop hop{a("192.0.2.1"), "eth1", {100, 21}};
  NexthopTable table;
  table.load({{9, kRouteProtocol, hop, true}}, {}, false);
  CHECK(table.find(hop) == 9u);
  CHECK(table.unused().empty());  // routes may name it: deleting it would delete them
  const std::uint32_t created = table.allocate();
  CHECK(created == 10);
  table.created(created, NextHop{a("192.0.2.1"), "eth1", {100, 22}});
  CHECK(table.unused() == std::vector<std::uint32_t>{10});  // created since: its users are known
}
