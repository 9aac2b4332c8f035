// Scenarios on the receive side (Adj-RIB-In and Loc-RIB, through FamilyRib)
// and the send side (Adj-RIB-Out), on R3 of the seed lab: R2 and R4 both
// advertise VRF Technique's 10.10.40.0/24 with RD 65103:103.
#include <doctest/doctest.h>

#include "bgp/rib/adj_rib_out.hpp"
#include "bgp/rib/family_rib.hpp"
#include "bgp_rib_fixtures.hpp"

using namespace rib_fixtures;

namespace {

const RouteKey kSite = vpn_key(ip(10, 10, 40, 0), 24);

struct R3 {
  AttributePool pool;
  TableResolver resolver;
  FamilyRib rib{kVpnv4Unicast, resolver};
  R3() {
    resolver.set(kR2, 2);
    resolver.set(kR4, 3);
  }
  AttributeHandle with_local_pref(std::uint32_t lp) {
    PathAttributes a = technique_attributes();
    a.local_pref = lp;
    return pool.intern(a);
  }
};

}  // namespace

TEST_CASE("bgp rib scenario: R2 goes down, its route leaves the Loc-RIB and R4's path wins") {
  R3 r3;
  auto first = r3.rib.update(kPeerR4, kSite, ibgp_path(r3.with_local_pref(100), kR4, kPeerR4, 17));
  REQUIRE(first);
  CHECK(first->best->peer == kPeerR4);
  CHECK(first->reason == DecisionStep::OnlyPath);

  auto better = r3.rib.update(kPeerR2, kSite, ibgp_path(r3.with_local_pref(200), kR2, kPeerR2, 16));
  REQUIRE(better);
  CHECK(better->best->peer == kPeerR2);
  CHECK(better->reason == DecisionStep::LocalPref);
  CHECK(r3.rib.loc_rib().find(kSite)->paths.size() == 2);

  auto changes = r3.rib.peer_down(kPeerR2);
  REQUIRE(changes.size() == 1);
  CHECK(changes[0].key == kSite);
  REQUIRE(changes[0].best);
  CHECK(changes[0].best->peer == kPeerR4);
  CHECK(changes[0].best->label == Label{17});
  CHECK(r3.rib.adj_rib_in(kPeerR2) == nullptr);
  CHECK(r3.rib.loc_rib().path_count() == 1);

  auto gone = r3.rib.withdraw(kPeerR4, kSite);
  REQUIRE(gone);
  CHECK(gone->best == nullptr);  // withdraw it from every peer
  CHECK(r3.rib.loc_rib().size() == 0);
}

TEST_CASE("bgp rib scenario: what changes the best path is reported, nothing else") {
  R3 r3;
  r3.rib.update(kPeerR2, kSite, ibgp_path(r3.with_local_pref(200), kR2, kPeerR2, 16, at_second(1)));
  r3.rib.update(kPeerR4, kSite, ibgp_path(r3.with_local_pref(100), kR4, kPeerR4, 17));

  SUBCASE("the same UPDATE again changes nothing and keeps the path's age") {
    CHECK_FALSE(r3.rib.update(kPeerR2, kSite, ibgp_path(r3.with_local_pref(200), kR2, kPeerR2, 16, at_second(9))));
    CHECK(r3.rib.adj_rib_in(kPeerR2)->find(kSite)->received == at_second(1));
  }
  SUBCASE("the best path's new label is a change with the same winner") {
    auto c = r3.rib.update(kPeerR2, kSite, ibgp_path(r3.with_local_pref(200), kR2, kPeerR2, 99));
    REQUIRE(c);
    CHECK(c->best->peer == kPeerR2);
    CHECK(c->best->label == Label{99});
  }
  SUBCASE("a losing path replaced or withdrawn is not a change") {
    CHECK_FALSE(r3.rib.update(kPeerR4, kSite, ibgp_path(r3.with_local_pref(150), kR4, kPeerR4, 17)));
    CHECK_FALSE(r3.rib.withdraw(kPeerR4, kSite));
    CHECK(r3.rib.loc_rib().path_count() == 1);
  }
  SUBCASE("withdrawing what was never sent is no error and no change") {
    CHECK_FALSE(r3.rib.withdraw(kPeerR4, vpn_key(ip(10, 10, 99, 0), 24)));
    CHECK_FALSE(r3.rib.withdraw(77, kSite));
  }
  SUBCASE("R2's loopback becomes unreachable: R4 takes over at the next resolution") {
    r3.resolver.remove(kR2);
    auto changes = r3.rib.reresolve();
    REQUIRE(changes.size() == 1);
    CHECK(changes[0].best->peer == kPeerR4);
    CHECK(r3.rib.loc_rib().find(kSite)->paths.size() == 2);  // still a candidate
    r3.resolver.set(kR2, 2);
    changes = r3.rib.reresolve();
    REQUIRE(changes.size() == 1);
    CHECK(changes[0].best->peer == kPeerR2);
  }
}

TEST_CASE("bgp rib scenario: a peer down with many routes reports each key once") {
  R3 r3;
  for (std::uint32_t i = 0; i < 300; ++i) {
    RouteKey key = vpn_key(ip(10, 20, 0, 0) + (i << 8), 24);
    r3.rib.update(kPeerR2, key, ibgp_path(r3.with_local_pref(100), kR2, kPeerR2, 16 + i));
    if (i % 3 == 0) r3.rib.update(kPeerR4, key, ibgp_path(r3.with_local_pref(100), kR4, kPeerR4, 16 + i));
  }
  auto changes = r3.rib.peer_down(kPeerR2);
  CHECK(changes.size() == 300);
  std::size_t to_r4 = 0;
  for (const auto& c : changes) to_r4 += c.best && c.best->peer == kPeerR4;
  CHECK(to_r4 == 100);
  CHECK(r3.rib.loc_rib().size() == 100);
}

TEST_CASE("bgp rib Adj-RIB-Out: only what was sent is withdrawn, and nothing is sent twice") {
  AttributePool pool;
  AdjRibOut to_r4;
  OutRoute route{pool.intern(technique_attributes()), kR2, Label{16}};

  to_r4.withdraw(kSite);  // never sent: nothing to withdraw
  CHECK_FALSE(to_r4.has_pending());

  to_r4.advertise(kSite, route);
  auto sent = to_r4.take_pending();
  REQUIRE(sent.size() == 1);
  CHECK(sent[0].route == route);

  to_r4.advertise(kSite, route);  // the same again
  CHECK(to_r4.take_pending().empty());

  OutRoute relabeled = route;
  relabeled.label = Label{18};
  to_r4.advertise(kSite, relabeled);
  to_r4.advertise(kSite, route);  // changed back before the flush: the peer has it already
  CHECK(to_r4.take_pending().empty());

  RouteKey brief = vpn_key(ip(10, 10, 41, 0), 24);
  to_r4.advertise(brief, route);
  to_r4.withdraw(brief);  // came and went before the flush
  CHECK(to_r4.take_pending().empty());

  to_r4.withdraw(kSite);
  auto withdrawn = to_r4.take_pending();
  REQUIRE(withdrawn.size() == 1);
  CHECK_FALSE(withdrawn[0].route);
  CHECK(to_r4.size() == 0);
}

TEST_CASE("bgp rib Adj-RIB-Out: the table dump after a session comes up, in key order") {
  AttributePool pool;
  AdjRibOut to_r2;
  OutRoute route{pool.intern(technique_attributes()), kR4, Label{17}};
  to_r2.advertise(vpn_key(ip(10, 10, 42, 0), 24), route);
  to_r2.advertise(vpn_key(ip(10, 10, 40, 0), 24), route);
  auto all = to_r2.dump();
  REQUIRE(all.size() == 2);
  CHECK(all[0].key.address == ip(10, 10, 40, 0));
  CHECK_FALSE(to_r2.has_pending());
  to_r2.clear();
  CHECK(to_r2.size() == 0);
}
