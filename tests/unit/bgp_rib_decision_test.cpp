// The decision process, one row per step: two paths to 65103:103:10.10.40.0/24
// that differ only in what the step looks at, the one that must win and the
// step that must decide. Each row is checked in both orders.
#include <doctest/doctest.h>

#include <functional>
#include <string>

#include "bgp/rib/decision.hpp"
#include "bgp_rib_fixtures.hpp"

using namespace rib_fixtures;

namespace {

std::vector<AsPathSegment> seq(std::vector<std::uint32_t> asns) {
  return {AsPathSegment{AsPathSegment::Sequence, std::move(asns)}};
}

struct Row {
  const char* name;
  // Edits the two paths' attributes and fields away from the common base.
  std::function<void(PathAttributes& a, Path& pa, PathAttributes& b, Path& pb)> differ;
  char winner;  // 'a' or 'b'
  DecisionStep reason;
};

// Both from R2 over iBGP with the lab's export attributes, unless a row says otherwise.
const std::vector<Row> kRows = {
    {"weight", [](auto&, Path& pa, auto&, Path&) { pa.weight = 32768; }, 'a', DecisionStep::Weight},
    {"local-pref", [](auto& a, auto&, auto& b, auto&) { a.local_pref = 200; b.local_pref = 100; }, 'a',
     DecisionStep::LocalPref},
    {"missing local-pref is 100", [](auto& a, auto&, auto& b, auto&) { a.local_pref.reset(); b.local_pref = 90; },
     'a', DecisionStep::LocalPref},
    {"locally originated", [](auto&, Path&, auto&, Path& pb) { pb.flags = path_flag::LocallyOriginated; }, 'b',
     DecisionStep::LocallyOriginated},
    {"shorter AS_PATH", [](auto& a, auto&, auto& b, auto&) { a.as_path = seq({65001}); b.as_path = seq({65001, 65002}); },
     'a', DecisionStep::AsPathLength},
    {"AS_SET counts one",
     [](auto& a, auto&, auto& b, auto&) {
       a.as_path = seq({65001});
       a.as_path->push_back(AsPathSegment{AsPathSegment::Set, {65002, 65003, 65004}});
       b.as_path = seq({65001, 65002, 65003});
     },
     'a', DecisionStep::AsPathLength},
    {"confederation segments count zero",
     [](auto& a, auto&, auto& b, auto&) {
       a.as_path = std::vector<AsPathSegment>{{AsPathSegment::ConfedSequence, {64512, 64513, 64514}},
                                             {AsPathSegment::Sequence, {65001}}};
       b.as_path = seq({65001, 65002});
     },
     'a', DecisionStep::AsPathLength},
    {"origin IGP over incomplete", [](auto& a, auto&, auto& b, auto&) { a.origin = Origin::Igp; b.origin = Origin::Incomplete; },
     'a', DecisionStep::Origin},
    {"origin EGP over incomplete", [](auto& a, auto&, auto& b, auto&) { a.origin = Origin::Incomplete; b.origin = Origin::Egp; },
     'b', DecisionStep::Origin},
    {"lower MED from the same neighbour AS",
     [](auto& a, auto&, auto& b, auto&) { a.as_path = b.as_path = seq({65001}); a.med = 20; b.med = 10; }, 'b',
     DecisionStep::Med},
    {"missing MED is 0", [](auto& a, auto&, auto& b, auto&) { a.med.reset(); b.med = 5; }, 'a', DecisionStep::Med},
    {"MED ignored between neighbour ASes: router ID decides",
     [](auto& a, Path& pa, auto& b, Path& pb) {
       a.as_path = seq({65001});
       a.med = 50;
       b.as_path = seq({65002});
       b.med = 10;
       pb.peer_router_id = kR4;  // b would win on MED; it loses on router ID
       (void)pa;
     },
     'a', DecisionStep::RouterId},
    {"eBGP over iBGP", [](auto&, auto&, auto&, Path& pb) { pb.flags = path_flag::FromEbgp; }, 'b',
     DecisionStep::EbgpOverIbgp},
    {"lower IGP metric", [](auto&, Path& pa, auto&, Path& pb) { pa.next_hop = kR4; pb.next_hop = kR2; }, 'b',
     DecisionStep::IgpMetric},
    {"oldest eBGP path",
     [](auto&, Path& pa, auto&, Path& pb) {
       pa.flags = pb.flags = path_flag::FromEbgp;
       pa.received = at_second(10);
       pb.received = at_second(20);
       pb.peer_router_id = ip(1, 1, 1, 1);  // newer and lower router ID: age decides first
     },
     'a', DecisionStep::OldestEbgp},
    {"age ignored for iBGP: router ID decides",
     [](auto&, Path& pa, auto&, Path& pb) {
       pa.received = at_second(10);
       pb.received = at_second(20);
       pa.peer_router_id = kR4;
     },
     'b', DecisionStep::RouterId},
    {"lower router ID", [](auto&, Path& pa, auto&, Path& pb) { pa.peer_router_id = kR2; pb.peer_router_id = kR4; }, 'a',
     DecisionStep::RouterId},
    {"ORIGINATOR_ID stands for the router ID",
     [](auto& a, Path& pa, auto&, Path& pb) {
       pa.peer_router_id = kR2;
       a.originator_id = kR4;  // reflected: R4 originated it
       pb.peer_router_id = kR3;
     },
     'b', DecisionStep::RouterId},
    {"shorter CLUSTER_LIST",
     [](auto& a, auto&, auto& b, auto&) { a.cluster_list = {kR3}; b.cluster_list = {kR3, ip(7, 7, 7, 7)}; }, 'a',
     DecisionStep::ClusterListLength},
    {"lower neighbor address", [](auto&, Path& pa, auto&, Path& pb) { pa.peer_address = kR4; pb.peer_address = kR2; }, 'b',
     DecisionStep::NeighborAddress},
};

}  // namespace

TEST_CASE("bgp rib decision: each step decides between two paths differing only there") {
  TableResolver resolver;
  resolver.set(kR2, 10);
  resolver.set(kR4, 20);
  for (const Row& row : kRows) {
    CAPTURE(std::string(row.name));
    AttributePool pool;
    PathAttributes a = technique_attributes();
    PathAttributes b = technique_attributes();
    Path pa = ibgp_path({}, kR2, kPeerR2);
    Path pb = ibgp_path({}, kR2, kPeerR2);
    row.differ(a, pa, b, pb);
    pa.attributes = pool.intern(a);
    pb.attributes = pool.intern(b);
    const Path* winner = row.winner == 'a' ? &pa : &pb;

    const Path* ab[] = {&pa, &pb};
    auto d = select_best(ab, resolver);
    REQUIRE(d);
    CHECK(ab[d->best] == winner);
    CHECK(to_string(d->reason) == std::string(to_string(row.reason)));

    const Path* ba[] = {&pb, &pa};
    d = select_best(ba, resolver);
    REQUIRE(d);
    CHECK(ba[d->best] == winner);
    CHECK(d->reason == row.reason);
  }
}

TEST_CASE("bgp rib decision: a path whose next hop does not resolve is not eligible") {
  AttributePool pool;
  TableResolver resolver;
  resolver.set(kR4, 20);  // R2's loopback is not reachable
  PathAttributes better = technique_attributes();
  better.local_pref = 500;
  Path from_r2 = ibgp_path(pool.intern(better), kR2, kPeerR2);
  Path from_r4 = ibgp_path(pool.intern(technique_attributes()), kR4, kPeerR4);
  const Path* both[] = {&from_r2, &from_r4};
  auto d = select_best(both, resolver);
  REQUIRE(d);
  CHECK(both[d->best] == &from_r4);
  CHECK(d->reason == DecisionStep::OnlyPath);

  resolver.remove(kR4);
  CHECK_FALSE(select_best(both, resolver));
}

TEST_CASE("bgp rib decision: a locally originated route needs no next hop resolution") {
  AttributePool pool;
  TableResolver nothing;
  Path local = ibgp_path(pool.intern(technique_attributes()), 0, kLocalPeer);
  local.flags = path_flag::LocallyOriginated;
  local.peer_router_id = kR3;
  const Path* one[] = {&local};
  auto d = select_best(one, nothing);
  REQUIRE(d);
  CHECK(d->reason == DecisionStep::OnlyPath);
}

TEST_CASE("bgp rib decision: with three paths the reason is the step against the closest rival") {
  AttributePool pool;
  TableResolver resolver;
  resolver.set(kR2, 10);
  resolver.set(kR4, 10);
  PathAttributes low = technique_attributes();
  low.local_pref = 50;
  Path r2 = ibgp_path(pool.intern(technique_attributes()), kR2, kPeerR2);
  Path r4 = ibgp_path(pool.intern(technique_attributes()), kR4, kPeerR4);
  Path r4_low = ibgp_path(pool.intern(low), kR4, 5);
  const Path* paths[] = {&r4_low, &r4, &r2};
  auto d = select_best(paths, resolver);
  REQUIRE(d);
  CHECK(paths[d->best] == &r2);
  CHECK(d->reason == DecisionStep::RouterId);  // beat R4 on router ID, the low one on LOCAL_PREF
}

TEST_CASE("bgp rib decision: AS_PATH length and neighbour AS helpers") {
  PathAttributes a;
  CHECK(as_path_length(a) == 0);
  CHECK(neighbor_as(a) == 0);
  a.as_path = std::vector<AsPathSegment>{{AsPathSegment::ConfedSet, {64512}},
                                         {AsPathSegment::Sequence, {65001, 65002}},
                                         {AsPathSegment::Set, {1, 2, 3}}};
  CHECK(as_path_length(a) == 3);
  CHECK(neighbor_as(a) == 65001);
}

TEST_CASE("bgp rib next hop resolver: connected and static routes of the global table") {
  ConnectedStaticResolver resolver({{ip(192, 168, 13, 0), 24, false},
                                    {ip(2, 2, 2, 2), 32, false},
                                    {ip(10, 99, 0, 0), 16, true}});
  auto r = resolver.resolve(ip(192, 168, 13, 1));
  REQUIRE(r);
  CHECK(r->reachable);
  CHECK(r->igp_metric == 0);
  CHECK(resolver.resolve(kR2));
  CHECK_FALSE(resolver.resolve(kR4));
  r = resolver.resolve(ip(10, 99, 1, 1));  // Null0
  REQUIRE(r);
  CHECK_FALSE(r->reachable);
}

TEST_CASE("bgp rib next hop resolver: from R3's configuration, VRF interfaces left out") {
  l3vpn::config::Config config;
  l3vpn::config::Interface loopback;
  loopback.name = "Loopback0";
  loopback.addresses.push_back({{{kR3}, 32}, false, {}});
  l3vpn::config::Interface core;
  core.name = "GigabitEthernet0/0";
  core.addresses.push_back({{{ip(192, 168, 13, 3)}, 24}, false, {}});
  l3vpn::config::Interface vrf_side;
  vrf_side.name = "Loopback10";
  vrf_side.vrf = "Technique";
  vrf_side.addresses.push_back({{{ip(10, 10, 10, 3)}, 24}, false, {}});
  config.interfaces = {loopback, core, vrf_side};
  l3vpn::config::StaticRoute to_r4;
  to_r4.prefix = {{kR4}, 32};
  to_r4.next_hop = l3vpn::config::Ipv4Address{ip(192, 168, 13, 1)};
  config.static_routes = {to_r4};

  auto resolver = ConnectedStaticResolver::from_config(config);
  CHECK(resolver.entries().size() == 3);
  CHECK(resolver.resolve(ip(192, 168, 13, 1)));
  CHECK(resolver.resolve(kR4));
  CHECK_FALSE(resolver.resolve(ip(10, 10, 10, 1)));  // VRF Technique, not the global table
}
