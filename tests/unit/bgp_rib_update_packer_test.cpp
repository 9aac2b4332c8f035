// Packing Adj-RIB-Out changes into UPDATEs: R3 sends R4 ten thousand VPNv4
// routes of VRF Technique (RD 65103:103, RT 65103:1111) learned from R2 with
// two attribute sets; every message fits, and decoding all of them gives back
// every route exactly once.
#include <doctest/doctest.h>

#include <map>

#include "bgp/codec/message.hpp"
#include "bgp/rib/update_packer.hpp"
#include "bgp_rib_fixtures.hpp"

using namespace rib_fixtures;

namespace {

constexpr std::uint32_t kRoutes = 10000;

RouteKey nth_key(std::uint32_t i) { return vpn_key(ip(10, 0, 0, 0) + (i << 8), 24); }

struct Table {
  AttributePool pool;
  std::vector<OutChange> changes;
  AttributeHandle set_a, set_b;
  Table() {
    PathAttributes a = technique_attributes();
    a.originator_id = kR2;
    a.cluster_list = {kR3};
    PathAttributes b = a;
    b.med = 12;
    set_a = pool.intern(a);
    set_b = pool.intern(b);
    for (std::uint32_t i = 0; i < kRoutes; ++i)
      changes.push_back(OutChange{nth_key(i), OutRoute{i % 2 ? set_b : set_a, kR2, Label{16 + i % 1000}}});
  }
};

std::vector<std::uint8_t> body_of(const std::vector<std::uint8_t>& message) {
  return std::vector<std::uint8_t>(message.begin() + kHeaderLength, message.end());
}

}  // namespace

TEST_CASE("bgp rib packing: 10,000 VPNv4 routes with 2 attribute sets, each message within 4096 bytes") {
  Table t;
  auto updates = pack_updates(kVpnv4Unicast, t.changes);

  // Each /24 VPN NLRI is 15 bytes; the fixed part (header, attributes, MP_REACH
  // head) leaves room for 267 of them in 4096 bytes: 5,000 routes per set
  // make 19 messages, 38 in all.
  CHECK(updates.size() == 38);

  std::map<RouteKey, std::uint32_t> seen;  // key -> label
  std::size_t full = 0;
  for (const Update& u : updates) {
    auto bytes = encode_update(u);
    CHECK(bytes.size() <= kMaxMessageLength);
    if (bytes.size() + 15 > kMaxMessageLength) ++full;  // no room for one more
    auto decoded = decode_update(body_of(bytes));
    REQUIRE(decoded.action == ErrorAction::None);
    REQUIRE(decoded.update.mp_reach);
    CHECK(decoded.update.mp_reach->next_hop == kR2);
    CHECK(decoded.update.attributes.extended_communities == std::vector{kRtTechnique});
    for (const VpnNlri& n : decoded.update.mp_reach->vpn) {
      bool inserted = seen.emplace(RouteKey::vpnv4(n.rd, n.prefix), n.labels.at(0)).second;
      CHECK(inserted);
    }
  }
  CHECK(full == 36);  // all but the last message of each attribute set
  REQUIRE(seen.size() == kRoutes);
  for (std::uint32_t i = 0; i < kRoutes; i += 997) CHECK(seen.at(nth_key(i)) == 16 + i % 1000);
}

TEST_CASE("bgp rib packing: with extended messages (RFC 8654) 4,363 routes per UPDATE") {
  Table t;
  NegotiatedSession session;
  session.extended_message = true;
  session.four_octet_as = true;
  auto updates = pack_updates(kVpnv4Unicast, t.changes, packing_options(session));
  // (65535 - 90 fixed bytes) / 15 per NLRI: 4,363 per message, so 2 per set.
  REQUIRE(updates.size() == 4);
  std::size_t routes = 0;
  for (const Update& u : updates) {
    CHECK(encode_update(u).size() <= kMaxExtendedMessageLength);
    routes += u.mp_reach->vpn.size();
  }
  CHECK(updates[0].mp_reach->vpn.size() == 4363);
  CHECK(routes == kRoutes);
}

TEST_CASE("bgp rib packing: VPNv4 withdrawals go in MP_UNREACH_NLRI, first") {
  Table t;
  std::vector<OutChange> mixed;
  for (std::uint32_t i = 0; i < kRoutes; ++i) mixed.push_back(OutChange{nth_key(i), std::nullopt});
  mixed.push_back(t.changes[0]);
  auto updates = pack_updates(kVpnv4Unicast, mixed);
  // 271 withdrawals of 15 bytes fit beside the 30 fixed bytes: 37 messages,
  // then the one advertisement.
  REQUIRE(updates.size() == 38);
  CHECK(updates.back().mp_reach);
  std::size_t withdrawn = 0;
  for (std::size_t i = 0; i + 1 < updates.size(); ++i) {
    auto bytes = encode_update(updates[i]);
    CHECK(bytes.size() <= kMaxMessageLength);
    auto decoded = decode_update(body_of(bytes));
    REQUIRE(decoded.update.mp_unreach);
    CHECK_FALSE(decoded.update.mp_reach);
    withdrawn += decoded.update.mp_unreach->vpn.size();
  }
  CHECK(withdrawn == kRoutes);
}

TEST_CASE("bgp rib packing: IPv4 unicast uses NEXT_HOP, the NLRI field and withdrawn routes") {
  AttributePool pool;
  PathAttributes a;
  a.origin = Origin::Igp;
  a.as_path = std::vector<AsPathSegment>{};
  a.local_pref = 100;
  AttributeHandle h = pool.intern(a);
  std::vector<OutChange> changes;
  for (std::uint32_t i = 0; i < 2000; ++i)
    changes.push_back(OutChange{RouteKey::ipv4(Prefix4{ip(172, 16, 0, 0) + (i << 8), 24}),
                                OutRoute{h, kR2, Label{}}});
  for (std::uint32_t i = 0; i < 2000; ++i)
    changes.push_back(OutChange{RouteKey::ipv4(Prefix4{ip(172, 20, 0, 0) + (i << 8), 24}), std::nullopt});
  auto updates = pack_updates(kIpv4Unicast, changes);
  std::size_t nlri = 0, withdrawn = 0;
  for (const Update& u : updates) {
    auto bytes = encode_update(u);
    CHECK(bytes.size() <= kMaxMessageLength);
    auto decoded = decode_update(body_of(bytes));
    REQUIRE(decoded.action == ErrorAction::None);
    if (!decoded.update.nlri.empty()) CHECK(decoded.update.attributes.next_hop == kR2);
    nlri += decoded.update.nlri.size();
    withdrawn += decoded.update.withdrawn.size();
  }
  CHECK(nlri == 2000);
  CHECK(withdrawn == 2000);
  CHECK(updates.size() == 4);  // 4 bytes per /24: 2 messages of each kind
}

TEST_CASE("bgp rib packing: End-of-RIB after the initial table dump (RFC 4724)") {
  for (AfiSafi family : {kIpv4Unicast, kVpnv4Unicast}) {
    Update eor = end_of_rib(family);
    CHECK(eor.is_end_of_rib());
    auto decoded = decode_update(body_of(encode_update(eor)));
    CHECK(decoded.update.is_end_of_rib());
    CHECK(decoded.update == eor);
  }
  CHECK(pack_updates(kVpnv4Unicast, {}).empty());
}
