// A PE resolving VPNv4 next hops (remote PE loopbacks) over OSPF routes and
// LDP label-switched paths, as in the seed lab: R3 reaches R2 (2.2.2.2) and
// R4 (4.4.4.4) through the P router R1.
#include <doctest/doctest.h>

#include "bgp/rib/decision.hpp"
#include "bgp_rib_fixtures.hpp"
#include "vpn/lsp_resolver.hpp"

using namespace rib_fixtures;
using l3vpn::vpn::IgpPrefix;
using l3vpn::vpn::LspEntry;
using l3vpn::vpn::LspResolver;

namespace {

constexpr std::uint32_t kR1Link = ip(10, 0, 13, 1);  // R3's OSPF next hop toward R2 and R4

// R3 with OSPF routes to both loopbacks (R2 at cost 3, R4 at cost 2) and the
// 10.0.13.0/24 link it is attached to.
LspResolver r3_resolver() {
  LspResolver r;
  r.set_connected_static(l3vpn::bgp::rib::ConnectedStaticResolver({{ip(10, 0, 13, 0), 24, false}}));
  r.set_igp_routes({{kR2, 32, 3}, {kR4, 32, 2}, {ip(10, 0, 12, 0), 24, 2}});
  r.require_lsp(true);
  return r;
}

}  // namespace

TEST_CASE("lsp resolver: a next hop with an OSPF route and an LDP label resolves with both") {
  LspResolver r = r3_resolver();
  r.set_lsps({{kR2, LspEntry{18, kR1Link, "GigabitEthernet0/0"}}});
  auto res = r.resolve(kR2);
  REQUIRE(res);
  CHECK(res->reachable);
  CHECK(res->igp_metric == 3);
  CHECK(res->transport_label == 18u);
  REQUIRE(r.lsp(kR2));
  CHECK(r.lsp(kR2)->interface == "GigabitEthernet0/0");
}

TEST_CASE("lsp resolver: an OSPF route without an LSP is inaccessible on a PE running LDP") {
  LspResolver r = r3_resolver();
  auto res = r.resolve(kR4);
  REQUIRE(res);  // a route covers it: shown, but not usable
  CHECK_FALSE(res->reachable);
  CHECK(res->igp_metric == 2);

  r.require_lsp(false);  // the route reflector: OSPF reachability is enough
  res = r.resolve(kR4);
  REQUIRE(res);
  CHECK(res->reachable);
  CHECK_FALSE(res->transport_label);
}

TEST_CASE("lsp resolver: implicit null from an adjacent PE needs no transport label") {
  LspResolver r = r3_resolver();
  r.set_lsps({{kR4, LspEntry{std::nullopt, ip(10, 0, 34, 4), "GigabitEthernet0/1"}}});
  auto res = r.resolve(kR4);
  REQUIRE(res);
  CHECK(res->reachable);
  CHECK_FALSE(res->transport_label);
}

TEST_CASE("lsp resolver: no covering route at all means no resolution") {
  LspResolver r = r3_resolver();
  CHECK_FALSE(r.resolve(ip(9, 9, 9, 9)));
}

TEST_CASE("lsp resolver: longest match first, connected beats OSPF at one length") {
  LspResolver r;
  r.set_connected_static(l3vpn::bgp::rib::ConnectedStaticResolver(
      {{ip(10, 0, 0, 0), 8, false}, {ip(10, 0, 12, 0), 24, false}}));
  r.set_igp_routes({{ip(10, 0, 12, 0), 24, 5}, {ip(10, 9, 9, 9), 32, 7}});
  r.require_lsp(true);
  // The /32 from OSPF is longer than the connected /8: OSPF decides, no LSP.
  auto res = r.resolve(ip(10, 9, 9, 9));
  REQUIRE(res);
  CHECK_FALSE(res->reachable);
  CHECK(res->igp_metric == 7);
  // At /24 connected wins: metric 0, reachable without an LSP (a CE).
  res = r.resolve(ip(10, 0, 12, 7));
  REQUIRE(res);
  CHECK(res->reachable);
  CHECK(res->igp_metric == 0);
}

TEST_CASE("lsp resolver: best path prefers the PE with an LSP, then the nearer one") {
  AttributePool pool;
  LspResolver r = r3_resolver();
  Path from_r2 = ibgp_path(pool.intern(technique_attributes()), kR2, kPeerR2);
  Path from_r4 = ibgp_path(pool.intern(technique_attributes()), kR4, kPeerR4);
  const Path* both[] = {&from_r2, &from_r4};

  // Only R2 has an LSP: R4, nearer by OSPF, is not eligible.
  r.set_lsps({{kR2, LspEntry{18, kR1Link, "GigabitEthernet0/0"}}});
  auto d = select_best(both, r);
  REQUIRE(d);
  CHECK(both[d->best] == &from_r2);

  // Both have one: the IGP metric decides (R4 at 2 against R2 at 3).
  r.set_lsps({{kR2, LspEntry{18, kR1Link, "GigabitEthernet0/0"}},
              {kR4, LspEntry{19, kR1Link, "GigabitEthernet0/0"}}});
  d = select_best(both, r);
  REQUIRE(d);
  CHECK(both[d->best] == &from_r4);
  CHECK(d->reason == DecisionStep::IgpMetric);
}
