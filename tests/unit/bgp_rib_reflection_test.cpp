// Route reflection (RFC 4456) with R3 as the reflector of AS 65103: R2 and R4
// are its clients, RR7 and RR8 are non-client iBGP peers (other reflectors
// of a mesh), CE is an eBGP neighbour in AS 65001.
#include <doctest/doctest.h>

#include <string>

#include "bgp/rib/reflection.hpp"
#include "bgp_rib_fixtures.hpp"

using namespace rib_fixtures;

namespace {

const std::vector<AfiSafi> kBoth{kIpv4Unicast, kVpnv4Unicast};
const PeerInfo kLocal{kLocalPeer, PeerRole::Local, kR3, 0, {}};
const PeerInfo kClientR2{kPeerR2, PeerRole::IbgpClient, kR2, kR2, kBoth};
const PeerInfo kClientR4{kPeerR4, PeerRole::IbgpClient, kR4, kR4, kBoth};
const PeerInfo kRr7{7, PeerRole::IbgpNonClient, ip(7, 7, 7, 7), ip(7, 7, 7, 7), kBoth};
const PeerInfo kRr8{8, PeerRole::IbgpNonClient, ip(8, 8, 8, 8), ip(8, 8, 8, 8), kBoth};
const PeerInfo kCe{9, PeerRole::Ebgp, ip(172, 33, 33, 2), ip(172, 33, 33, 2), kBoth};

const SpeakerIdentity kR3Identity{kAs, kR3, std::nullopt, kR3, true};

struct Row {
  const PeerInfo* source;
  const char* source_name;
  // Advertised to R2, R4, RR7, RR8, CE?
  bool to[5];
};

const std::vector<Row> kRows = {
    {&kLocal, "local", {true, true, true, true, true}},
    {&kCe, "eBGP CE", {true, true, true, true, false}},
    {&kClientR2, "client R2", {false, true, true, true, true}},
    {&kRr7, "non-client RR7", {true, true, false, false, true}},
};
const PeerInfo* const kDestinations[5] = {&kClientR2, &kClientR4, &kRr7, &kRr8, &kCe};

}  // namespace

TEST_CASE("bgp rib reflection: which peers a best path is advertised to") {
  for (const Row& row : kRows) {
    for (int d = 0; d < 5; ++d) {
      CAPTURE(std::string(row.source_name));
      CAPTURE(d);
      CHECK(should_advertise(*row.source, *kDestinations[d], kVpnv4Unicast) == row.to[d]);
    }
  }
}

TEST_CASE("bgp rib reflection: without clients, iBGP is not passed to iBGP") {
  // R2 as the lab runs it: a full mesh, R3 and R4 plain iBGP neighbours.
  PeerInfo r3{3, PeerRole::IbgpNonClient, kR3, kR3, kBoth};
  PeerInfo r4{4, PeerRole::IbgpNonClient, kR4, kR4, kBoth};
  CHECK_FALSE(should_advertise(r3, r4, kVpnv4Unicast));
  CHECK(should_advertise(kLocal, r4, kVpnv4Unicast));
}

TEST_CASE("bgp rib reflection: no VPNv4 route to a peer that did not negotiate VPNv4") {
  PeerInfo ipv4_only = kClientR4;
  ipv4_only.families = {kIpv4Unicast};
  CHECK_FALSE(should_advertise(kClientR2, ipv4_only, kVpnv4Unicast));
  CHECK(should_advertise(kClientR2, ipv4_only, kIpv4Unicast));
}

TEST_CASE("bgp rib reflection: ORIGINATOR_ID and CLUSTER_LIST on reflected paths") {
  AttributePool pool;
  Path from_r2 = ibgp_path(pool.intern(technique_attributes()), kR2, kPeerR2, 16);

  SUBCASE("client to client: R2's route reaches R4 with R2 as originator, R3's cluster") {
    auto out = route_for_peer(from_r2, kClientR2, kClientR4, kVpnv4Unicast, kR3Identity, pool);
    REQUIRE(out);
    CHECK(out->attributes->originator_id == kR2);
    CHECK(out->attributes->cluster_list == std::vector<std::uint32_t>{kR3});
    CHECK(out->next_hop == kR2);  // a reflector does not change the next hop
    CHECK(out->label == Label{16});
    // To RR7 the same attributes: one interned set for all iBGP destinations.
    auto to_rr7 = route_for_peer(from_r2, kClientR2, kRr7, kVpnv4Unicast, kR3Identity, pool);
    REQUIRE(to_rr7);
    CHECK(to_rr7->attributes == out->attributes);
  }
  SUBCASE("an ORIGINATOR_ID already set is kept; the cluster ID is prepended") {
    PathAttributes reflected = technique_attributes();
    reflected.originator_id = kR4;
    reflected.cluster_list = {ip(7, 7, 7, 7)};
    Path from_rr7 = ibgp_path(pool.intern(reflected), kR4, 7);
    auto out = route_for_peer(from_rr7, kRr7, kClientR2, kVpnv4Unicast, kR3Identity, pool);
    REQUIRE(out);
    CHECK(out->attributes->originator_id == kR4);
    CHECK(out->attributes->cluster_list == std::vector<std::uint32_t>{kR3, ip(7, 7, 7, 7)});
  }
  SUBCASE("bgp cluster-id replaces the router ID in CLUSTER_LIST") {
    SpeakerIdentity with_cluster = kR3Identity;
    with_cluster.cluster_id = ip(0, 0, 0, 1);
    auto out = route_for_peer(from_r2, kClientR2, kClientR4, kVpnv4Unicast, with_cluster, pool);
    REQUIRE(out);
    CHECK(out->attributes->cluster_list == std::vector<std::uint32_t>{ip(0, 0, 0, 1)});
  }
  SUBCASE("a locally originated route gets no ORIGINATOR_ID and R3 as next hop") {
    Path local = ibgp_path(pool.intern(technique_attributes()), 0, kLocalPeer, 20);
    local.flags = path_flag::LocallyOriginated;
    auto out = route_for_peer(local, kLocal, kClientR2, kVpnv4Unicast, kR3Identity, pool);
    REQUIRE(out);
    CHECK_FALSE(out->attributes->originator_id);
    CHECK(out->attributes->cluster_list.empty());
    CHECK(out->next_hop == kR3);
  }
  SUBCASE("toward eBGP: no RR attributes, no LOCAL_PREF or MED, our AS first, our next hop") {
    PathAttributes reflected = technique_attributes();
    reflected.originator_id = kR4;
    reflected.cluster_list = {kR3};
    Path p = ibgp_path(pool.intern(reflected), kR4, kPeerR4);
    auto out = route_for_peer(p, kClientR4, kCe, kVpnv4Unicast, kR3Identity, pool);
    REQUIRE(out);
    CHECK_FALSE(out->attributes->originator_id);
    CHECK(out->attributes->cluster_list.empty());
    CHECK_FALSE(out->attributes->local_pref);
    CHECK_FALSE(out->attributes->med);
    CHECK(out->attributes->as_path == std::vector<AsPathSegment>{{AsPathSegment::Sequence, {kAs}}});
    CHECK(out->next_hop == kR3);
  }
  SUBCASE("from eBGP to a client: not reflected, LOCAL_PREF set to the default") {
    PathAttributes from_ce = technique_attributes();
    from_ce.as_path = std::vector<AsPathSegment>{{AsPathSegment::Sequence, {65001}}};
    from_ce.local_pref = 999;  // ignored from eBGP (RFC 4271 5.1.5)
    Path p = ibgp_path(pool.intern(from_ce), ip(172, 33, 33, 2), 9);
    p.flags = path_flag::FromEbgp;
    auto out = route_for_peer(p, kCe, kClientR2, kVpnv4Unicast, kR3Identity, pool);
    REQUIRE(out);
    CHECK_FALSE(out->attributes->originator_id);
    CHECK(out->attributes->cluster_list.empty());
    CHECK(out->attributes->local_pref == 100u);
    CHECK(out->next_hop == ip(172, 33, 33, 2));
  }
  SUBCASE("not to the client it came from") {
    CHECK_FALSE(route_for_peer(from_r2, kClientR2, kClientR2, kVpnv4Unicast, kR3Identity, pool));
  }
}

TEST_CASE("bgp rib reflection: inbound loop checks") {
  PathAttributes a = technique_attributes();
  CHECK(reflection_loop(a, kR3Identity) == InboundLoop::None);

  a.originator_id = kR3;  // our own route came back
  CHECK(reflection_loop(a, kR3Identity) == InboundLoop::OriginatorIsUs);

  a.originator_id = kR2;
  a.cluster_list = {ip(7, 7, 7, 7), kR3};  // passed through our cluster already
  CHECK(reflection_loop(a, kR3Identity) == InboundLoop::ClusterInList);

  SpeakerIdentity with_cluster = kR3Identity;
  with_cluster.cluster_id = ip(0, 0, 0, 1);
  CHECK(reflection_loop(a, with_cluster) == InboundLoop::None);  // 3.3.3.3 is not our cluster now
  a.cluster_list.push_back(ip(0, 0, 0, 1));
  CHECK(reflection_loop(a, with_cluster) == InboundLoop::ClusterInList);
  CHECK(std::string(to_string(InboundLoop::ClusterInList)).find("CLUSTER_LIST") != std::string::npos);
}

TEST_CASE("bgp rib reflection: a route reflector keeps every route target by default") {
  CHECK(kR3Identity.retain_all_route_targets);
  CHECK(SpeakerIdentity{}.cluster() == 0);
  CHECK(kR3Identity.cluster() == kR3);
}
