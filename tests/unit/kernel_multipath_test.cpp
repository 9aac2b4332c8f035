// ECMP in the kernel layer: multipath routes written as rtnetlink requests
// and read back by the route-dump parser (netlink_read) into the same values
// (IPv4 with a per-next-hop MPLS encap, AF_MPLS with per-path swap labels),
// the parser's bounds on bad lengths, reconcile leaving a multipath route
// alone when the kernel lists its paths in another order, and `show mpls
// forwarding-table kernel` listing every path.
#include <doctest/doctest.h>

#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include <cstring>

#include "daemon/kernel_views.hpp"
#include "kernel/reconcile.hpp"
#include "kernel/route_message.hpp"

namespace {

using namespace l3vpn::kernel;

Ipv4Address a(const char* text) { return *Ipv4Address::parse(text); }
Ipv4Prefix p(const char* text) { return *Ipv4Prefix::parse(text); }

const InterfaceIndexes kIndexes{{"eth1", 3}, {"eth2", 4}, {"A", 9}};
const InterfaceNames kNames{{3, "eth1"}, {4, "eth2"}, {9, "A"}};

// PE1 of labs/ecmp-diamond: VRF A's route to PE2's site over P1 and P2, the
// VPN label 4001 under each P router's LDP label.
Ipv4Route vpn_route_over_two_lsps() {
  Ipv4Route r;
  r.table = 1001;
  r.prefix = p("10.10.2.1/32");
  r.next_hops = {{a("10.0.1.2"), "eth1", {2001, 4001}}, {a("10.0.2.2"), "eth2", {3001, 4001}}};
  return r;
}

// PE1's LFIB entry for PE2's loopback: swap to P1's label or to P2's.
MplsRoute swap_over_two_neighbours() {
  MplsRoute r{1001, {2001}, a("10.0.1.2"), "eth1", kRouteProtocol};
  r.more_paths = {{{3001}, a("10.0.2.2"), "eth2"}};
  return r;
}

RouteDump round_trip(const Ipv4Route& route) {
  RequestBuffer buffer;
  REQUIRE(!buffer.append(RouteRequest::Replace, route, kIndexes, 1));
  RouteDump dump;
  parse_route_dump(buffer.bytes().data(), buffer.size(), kNames, dump);
  CHECK_FALSE(dump.malformed);
  return dump;
}

RouteDump round_trip(const MplsRoute& route) {
  RequestBuffer buffer;
  REQUIRE(!buffer.append(RouteRequest::Replace, route, kIndexes, 1));
  RouteDump dump;
  parse_route_dump(buffer.bytes().data(), buffer.size(), kNames, dump);
  CHECK_FALSE(dump.malformed);
  return dump;
}

std::vector<std::uint8_t> done_message() {
  nlmsghdr h{};
  h.nlmsg_len = sizeof h + sizeof(int);
  h.nlmsg_type = NLMSG_DONE;
  std::vector<std::uint8_t> out(h.nlmsg_len, 0);
  std::memcpy(out.data(), &h, sizeof h);
  return out;
}

}  // namespace

TEST_CASE("kernel multipath: an IPv4 route with two encap mpls next hops reads back as written") {
  const Ipv4Route route = vpn_route_over_two_lsps();
  const RouteDump dump = round_trip(route);
  REQUIRE(dump.routes.size() == 1);
  CHECK(dump.routes.front() == route);
  CHECK(describe(dump.routes.front()) ==
        "table 1001 10.10.2.1/32 nexthop encap mpls 2001/4001 via 10.0.1.2 dev eth1 "
        "nexthop encap mpls 3001/4001 via 10.0.2.2 dev eth2");
}

TEST_CASE("kernel multipath: an MPLS route with two swap paths is one RTA_MULTIPATH and reads back as written") {
  const MplsRoute route = swap_over_two_neighbours();
  RequestBuffer buffer;
  REQUIRE(!buffer.append(RouteRequest::Replace, route, kIndexes, 1));
  const auto& b = buffer.bytes();
  // After the header (16), rtmsg (12) and RTA_DST (8): RTA_MULTIPATH, and no
  // RTA_OIF of its own (each rtnexthop carries its interface).
  const std::size_t multipath = 36;
  REQUIRE(b.size() > multipath + 4);
  CHECK(b[multipath + 2] == RTA_MULTIPATH);
  rtnexthop first{};
  std::memcpy(&first, &b[multipath + 4], sizeof first);
  CHECK(first.rtnh_ifindex == 3);
  // rtnexthop (8) + RTA_NEWDST (8) + RTA_VIA (12, padded)
  CHECK(first.rtnh_len == 28);
  rtnexthop second{};
  std::memcpy(&second, &b[multipath + 4 + first.rtnh_len], sizeof second);
  CHECK(second.rtnh_ifindex == 4);

  RouteDump dump;
  parse_route_dump(b.data(), b.size(), kNames, dump);
  REQUIRE(dump.mpls_routes.size() == 1);
  CHECK(dump.mpls_routes.front() == route);
  CHECK(describe(route) == "mpls 1001 nexthop as 2001 via inet 10.0.1.2 dev eth1 nexthop as 3001 via inet 10.0.2.2 dev eth2");
}

TEST_CASE("kernel multipath: a PHP path and a swap path under one label read back as written") {
  // One neighbour is the egress (implicit null: pop), the other swaps.
  MplsRoute route{1002, {}, a("10.0.1.2"), "eth1", kRouteProtocol};
  route.more_paths = {{{3002}, a("10.0.2.2"), "eth2"}};
  const RouteDump dump = round_trip(route);
  REQUIRE(dump.mpls_routes.size() == 1);
  CHECK(dump.mpls_routes.front() == route);
}

TEST_CASE("kernel multipath: single-path routes still read back as written") {
  Ipv4Route one;
  one.table = 254;
  one.prefix = p("10.255.0.2/32");
  one.metric = 20;
  one.source = a("10.255.0.1");
  one.next_hops = {{a("10.0.1.2"), "eth1", {}}};
  CHECK(round_trip(one).routes == std::vector<Ipv4Route>{one});

  Ipv4Route blackhole;
  blackhole.table = 1001;
  blackhole.prefix = p("10.99.0.0/16");
  blackhole.type = RouteType::Blackhole;
  CHECK(round_trip(blackhole).routes == std::vector<Ipv4Route>{blackhole});

  const MplsRoute into_vrf{4001, {}, std::nullopt, "A", kRouteProtocol};
  CHECK(round_trip(into_vrf).mpls_routes == std::vector<MplsRoute>{into_vrf});
}

TEST_CASE("kernel multipath: a dump ends at NLMSG_DONE; an unknown ifindex leaves the name empty") {
  RequestBuffer buffer;
  REQUIRE(!buffer.append(RouteRequest::Replace, vpn_route_over_two_lsps(), kIndexes, 1));
  std::vector<std::uint8_t> bytes = buffer.bytes();
  const auto done = done_message();
  bytes.insert(bytes.end(), done.begin(), done.end());
  RouteDump dump;
  parse_route_dump(bytes.data(), bytes.size(), InterfaceNames{{3, "eth1"}}, dump);
  CHECK(dump.done);
  REQUIRE(dump.routes.size() == 1);
  REQUIRE(dump.routes.front().next_hops.size() == 2);
  CHECK(dump.routes.front().next_hops[0].interface == "eth1");
  CHECK(dump.routes.front().next_hops[1].interface.empty());
}

TEST_CASE("kernel multipath: bad lengths mark the dump malformed and never read past it") {
  RequestBuffer buffer;
  REQUIRE(!buffer.append(RouteRequest::Replace, vpn_route_over_two_lsps(), kIndexes, 1));
  const std::vector<std::uint8_t> good = buffer.bytes();

  SUBCASE("truncated anywhere") {
    for (std::size_t cut = 1; cut < good.size(); ++cut) {
      // A copy of exactly `cut` bytes, so a read past it is caught by sanitizers.
      std::vector<std::uint8_t> part(good.begin(), good.begin() + static_cast<std::ptrdiff_t>(cut));
      RouteDump dump;
      parse_route_dump(part.data(), part.size(), kNames, dump);
      CHECK_MESSAGE(dump.malformed, "cut at " << cut);
      CHECK(dump.routes.empty());
    }
  }
  SUBCASE("an rtnexthop longer than its RTA_MULTIPATH") {
    std::vector<std::uint8_t> bad = good;
    const std::size_t first_next_hop = 44 + 4;  // header, rtmsg, RTA_TABLE, RTA_DST, then the nest header
    REQUIRE(bad[44 + 2] == RTA_MULTIPATH);
    bad[first_next_hop] = 0xff;  // rtnh_len
    RouteDump dump;
    parse_route_dump(bad.data(), bad.size(), kNames, dump);
    CHECK(dump.malformed);
    CHECK(dump.routes.empty());
  }
  SUBCASE("an attribute shorter than its own header") {
    std::vector<std::uint8_t> bad = good;
    bad[28] = 2;  // RTA_TABLE's rta_len
    RouteDump dump;
    parse_route_dump(bad.data(), bad.size(), kNames, dump);
    CHECK(dump.malformed);
  }
}

TEST_CASE("kernel multipath: reconcile leaves a multipath route whose paths the kernel lists in another order") {
  DesiredState desired;
  desired.routes = {vpn_route_over_two_lsps()};
  desired.mpls_routes = {swap_over_two_neighbours()};
  desired.platform_labels = 100001;

  ActualState kernel;
  kernel.mpls_available = true;
  kernel.platform_labels = 100001;
  Ipv4Route reordered = vpn_route_over_two_lsps();
  std::swap(reordered.next_hops[0], reordered.next_hops[1]);
  kernel.routes = {reordered};
  MplsRoute swapped{1001, {3001}, a("10.0.2.2"), "eth2", kRouteProtocol};
  swapped.more_paths = {{{2001}, a("10.0.1.2"), "eth1"}};
  kernel.mpls_routes = {swapped};
  CHECK(plan_reconcile(desired, kernel).empty());

  SUBCASE("a path missing is a replace with both") {
    kernel.mpls_routes.front().more_paths.clear();
    kernel.routes.front().next_hops.pop_back();
    const Plan plan = plan_reconcile(desired, kernel);
    REQUIRE(plan.operations.size() == 2);
    CHECK(plan.operations[0] == Operation{ReplaceRoute{desired.routes.front()}});
    CHECK(plan.operations[1] == Operation{ReplaceMplsRoute{desired.mpls_routes.front()}});
  }
  SUBCASE("a path with another label is a replace") {
    kernel.mpls_routes.front().more_paths.front().out_labels = {2002};
    const Plan plan = plan_reconcile(desired, kernel);
    REQUIRE(plan.operations.size() == 1);
    CHECK(plan.operations[0] == Operation{ReplaceMplsRoute{desired.mpls_routes.front()}});
  }
}

TEST_CASE("kernel multipath: show mpls forwarding-table kernel lists every path, the local label once (as IOS)") {
  ActualState kernel;
  kernel.mpls_available = true;
  MplsRoute php_or_swap{1002, {}, a("10.0.1.2"), "eth1", kRouteProtocol};
  php_or_swap.more_paths = {{{3002}, a("10.0.2.2"), "eth2"}};
  kernel.mpls_routes = {php_or_swap, swap_over_two_neighbours()};
  CHECK(l3vpn::daemon::format_kernel_mpls(kernel) ==
        "Kernel MPLS routes: 2\n"
        "Local  Outgoing        Next Hop         Interface        Proto\n"
        "1001   2001            10.0.1.2         eth1             l3vpn\n"
        "       3001            10.0.2.2         eth2             l3vpn\n"
        "1002   Pop Label       10.0.1.2         eth1             l3vpn\n"
        "       3002            10.0.2.2         eth2             l3vpn\n");
}
