// UPDATE encoding and decoding over byte fixtures, and the RFC 7606 action
// each malformed attribute calls for.
#include <doctest/doctest.h>

#include <vector>

#include "bgp/codec/message.hpp"
#include "bgp/codec/update.hpp"

using namespace l3vpn::bgp;
using Bytes = std::vector<std::uint8_t>;

namespace {

Bytes body_of(const Bytes& message) { return Bytes(message.begin() + 19, message.end()); }

// An UPDATE body from its attribute bytes and optional trailing NLRI.
Bytes update_body(const Bytes& attributes, const Bytes& nlri = {}) {
  Bytes b{0x00, 0x00,  // no withdrawn routes
          static_cast<std::uint8_t>(attributes.size() >> 8),
          static_cast<std::uint8_t>(attributes.size())};
  b.insert(b.end(), attributes.begin(), attributes.end());
  b.insert(b.end(), nlri.begin(), nlri.end());
  return b;
}

const Bytes kOriginIgp{0x40, 0x01, 0x01, 0x00};
const Bytes kEmptyAsPath{0x40, 0x02, 0x00};
const Bytes kNextHop{0x40, 0x03, 0x04, 0xC0, 0xA8, 0x0C, 0x02};  // 192.168.12.2
const Bytes kNlri10{0x08, 0x0A};                                   // 10.0.0.0/8

Bytes cat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const Bytes& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

// R2 exports the default route of VRF Internet (redistribute static metric 33,
// default-information originate): RD 65103:402, VPN label 16, RT 65103:4444.
Update r2_default_route() {
  Update u;
  u.attributes.origin = Origin::Incomplete;
  u.attributes.as_path = std::vector<AsPathSegment>{};
  u.attributes.med = 33;
  u.attributes.local_pref = 100;
  u.attributes.extended_communities = {ExtendedCommunity::route_target(0, 65103, 4444)};
  VpnNlri nlri{{16}, WireRouteDistinguisher{(std::uint64_t{65103} << 32) | 402}, Prefix4{0, 0}};
  u.mp_reach = MpReach{kVpnv4Unicast, 0x02020202, {}, {nlri}};
  return u;
}

const Bytes kR2DefaultRouteBody{
    0x00, 0x00,                    // withdrawn routes length 0
    0x00, 0x40,                    // path attributes length 64
    0x40, 0x01, 0x01, 0x02,        // ORIGIN incomplete
    0x40, 0x02, 0x00,              // AS_PATH empty (iBGP)
    0x80, 0x04, 0x04, 0x00, 0x00, 0x00, 0x21,  // MULTI_EXIT_DISC 33
    0x40, 0x05, 0x04, 0x00, 0x00, 0x00, 0x64,  // LOCAL_PREF 100
    0x80, 0x0E, 0x1D,              // MP_REACH_NLRI, 29 bytes
    0x00, 0x01, 0x80,              //   AFI 1, SAFI 128
    0x0C,                          //   next hop length 12
    0, 0, 0, 0, 0, 0, 0, 0,        //   RD 0
    0x02, 0x02, 0x02, 0x02,        //   2.2.2.2
    0x00,                          //   reserved
    0x58,                          //   NLRI length 88 bits = label 24 + RD 64 + prefix 0
    0x00, 0x01, 0x01,              //   label 16, bottom of stack
    0x00, 0x00, 0xFE, 0x4F, 0x00, 0x00, 0x01, 0x92,  // RD type 0, 65103:402
    0xC0, 0x10, 0x08,              // EXTENDED_COMMUNITIES, 8 bytes
    0x00, 0x02, 0xFE, 0x4F, 0x00, 0x00, 0x11, 0x5C}; //   RT 65103:4444

}  // namespace

TEST_CASE("R2's VPNv4 default route encodes to the fixture and decodes back") {
  Bytes wire = encode_update(r2_default_route());
  CHECK(body_of(wire) == kR2DefaultRouteBody);
  auto result = decode_update(kR2DefaultRouteBody);
  CHECK(result.action == ErrorAction::None);
  CHECK(result.update == r2_default_route());
  REQUIRE(result.update.attributes.extended_communities.size() == 1);
  CHECK(result.update.attributes.extended_communities[0].is_route_target());
}

TEST_CASE("a VPNv4 withdrawal carries the 0x800000 label placeholder") {
  Update u;
  VpnNlri nlri{{}, WireRouteDistinguisher{(std::uint64_t{65103} << 32) | 103},
               Prefix4{0x0A0A0A01, 32}};  // 10.10.10.1/32 of R3's Technique
  u.mp_unreach = MpUnreach{kVpnv4Unicast, {}, {nlri}};
  Bytes body = body_of(encode_update(u));
  const Bytes expected{0x00, 0x00, 0x00, 0x16,  // no withdrawn, 22 bytes of attributes
                       0x80, 0x0F, 0x13,        // MP_UNREACH_NLRI, 19 bytes
                       0x00, 0x01, 0x80,        //   AFI 1 SAFI 128
                       0x78,                    //   120 bits: 24 + 64 + 32
                       0x80, 0x00, 0x00,        //   withdrawn label field
                       0x00, 0x00, 0xFE, 0x4F, 0x00, 0x00, 0x00, 0x67,  // 65103:103
                       0x0A, 0x0A, 0x0A, 0x01};  //   10.10.10.1
  CHECK(body == expected);
  auto result = decode_update(body);
  CHECK(result.action == ErrorAction::None);
  CHECK(result.update == u);
}

TEST_CASE("plain IPv4 NLRI and withdrawn routes") {
  Update u;
  u.withdrawn = {Prefix4{0xC0A80000, 16}};
  u.attributes.origin = Origin::Igp;
  u.attributes.as_path = std::vector<AsPathSegment>{{AsPathSegment::Sequence, {65001, 4200000000u}}};
  u.attributes.next_hop = 0xC0A80C02;
  u.nlri = {Prefix4{0x0A000000, 8}, Prefix4{0x0A0A1E00, 24}};
  for (bool four_octet : {true, false}) {
    SessionCodecOptions options{four_octet};
    auto result = decode_update(body_of(encode_update(u, options)), options);
    CHECK(result.action == ErrorAction::None);
    CHECK(result.update == u);  // AS4_PATH restores 4200000000 for a 2-octet session
  }
}

TEST_CASE("unknown optional transitive attributes pass with the partial bit") {
  Bytes attrs = cat({kOriginIgp, kEmptyAsPath, kNextHop, {0xC0, 0x63, 0x02, 0xAB, 0xCD}});
  auto result = decode_update(update_body(attrs, kNlri10));
  CHECK(result.action == ErrorAction::None);
  REQUIRE(result.update.attributes.unknown_transitive.size() == 1);
  Bytes again = body_of(encode_update(result.update));
  const Bytes tail{0xE0, 0x63, 0x02, 0xAB, 0xCD, 0x08, 0x0A};  // flags now with Partial
  CHECK(Bytes(again.end() - 7, again.end()) == tail);
}

TEST_CASE("an End-of-RIB marker is recognised for IPv4 and VPNv4") {
  CHECK(decode_update(Bytes{0, 0, 0, 0}).update.is_end_of_rib());
  Update eor;
  eor.mp_unreach = MpUnreach{kVpnv4Unicast, {}, {}};
  CHECK(decode_update(body_of(encode_update(eor))).update.is_end_of_rib());
  CHECK_FALSE(r2_default_route().is_end_of_rib());
}

TEST_CASE("RFC 7606: each malformed attribute gets its own action") {
  struct Case {
    const char* what;
    Bytes body;
    ErrorAction action;
    std::uint8_t subcode;  // when the session resets
  };
  const std::vector<Case> cases{
      {"ORIGIN value 3", update_body(cat({{0x40, 0x01, 0x01, 0x03}, kEmptyAsPath, kNextHop}), kNlri10),
       ErrorAction::TreatAsWithdraw, 0},
      {"ORIGIN of 2 bytes", update_body(cat({{0x40, 0x01, 0x02, 0x00, 0x00}, kEmptyAsPath, kNextHop}), kNlri10),
       ErrorAction::TreatAsWithdraw, 0},
      {"AS_PATH segment longer than the attribute",
       update_body(cat({kOriginIgp, {0x40, 0x02, 0x04, 0x02, 0x05, 0x00, 0x01}, kNextHop}), kNlri10),
       ErrorAction::TreatAsWithdraw, 0},
      {"AS_PATH segment type 7", update_body(cat({kOriginIgp, {0x40, 0x02, 0x06, 0x07, 0x01, 0, 0, 0xFD, 0xE9}, kNextHop}), kNlri10),
       ErrorAction::TreatAsWithdraw, 0},
      {"NEXT_HOP of 3 bytes", update_body(cat({kOriginIgp, kEmptyAsPath, {0x40, 0x03, 0x03, 1, 2, 3}}), kNlri10),
       ErrorAction::TreatAsWithdraw, 0},
      {"missing NEXT_HOP with IPv4 NLRI", update_body(cat({kOriginIgp, kEmptyAsPath}), kNlri10),
       ErrorAction::TreatAsWithdraw, 0},
      {"missing ORIGIN", update_body(cat({kEmptyAsPath, kNextHop}), kNlri10), ErrorAction::TreatAsWithdraw, 0},
      {"ORIGIN flagged optional", update_body(cat({{0xC0, 0x01, 0x01, 0x00}, kEmptyAsPath, kNextHop}), kNlri10),
       ErrorAction::TreatAsWithdraw, 0},
      {"COMMUNITIES of 5 bytes",
       update_body(cat({kOriginIgp, kEmptyAsPath, kNextHop, {0xC0, 0x08, 0x05, 1, 2, 3, 4, 5}}), kNlri10),
       ErrorAction::TreatAsWithdraw, 0},
      {"EXTENDED_COMMUNITIES of 7 bytes",
       update_body(cat({kOriginIgp, kEmptyAsPath, kNextHop, {0xC0, 0x10, 0x07, 0, 2, 0xFE, 0x4F, 0, 0, 0x11}}), kNlri10),
       ErrorAction::TreatAsWithdraw, 0},
      {"CLUSTER_LIST of 6 bytes",
       update_body(cat({kOriginIgp, kEmptyAsPath, kNextHop, {0x80, 0x0A, 0x06, 1, 1, 1, 1, 2, 2}}), kNlri10),
       ErrorAction::TreatAsWithdraw, 0},
      {"ATOMIC_AGGREGATE with a value",
       update_body(cat({kOriginIgp, kEmptyAsPath, kNextHop, {0x40, 0x06, 0x01, 0x00}}), kNlri10),
       ErrorAction::AttributeDiscard, 0},
      {"AGGREGATOR of 5 bytes",
       update_body(cat({kOriginIgp, kEmptyAsPath, kNextHop, {0xC0, 0x07, 0x05, 0, 0, 0xFE, 0x4F, 1}}), kNlri10),
       ErrorAction::AttributeDiscard, 0},
      {"ORIGIN twice", update_body(cat({kOriginIgp, kOriginIgp, kEmptyAsPath, kNextHop}), kNlri10),
       ErrorAction::AttributeDiscard, 0},
      // RFC 7606 section 4: treat-as-withdraw, the Total Path Attribute Length locates the NLRI.
      {"attribute length past the list", update_body(cat({kOriginIgp, {0x40, 0x02, 0x09, 0x00}})),
       ErrorAction::TreatAsWithdraw, 0},
      {"unrecognized well-known attribute 40", update_body(cat({kOriginIgp, {0x40, 0x28, 0x00}})),
       ErrorAction::SessionReset, update_subcode::UnrecognizedWellKnownAttribute},
      {"MP_REACH next hop of 4 bytes for VPNv4",
       update_body(cat({kOriginIgp, kEmptyAsPath, {0x80, 0x0E, 0x09, 0, 1, 0x80, 0x04, 2, 2, 2, 2, 0}})),
       ErrorAction::SessionReset, update_subcode::OptionalAttributeError},
      {"VPNv4 NLRI shorter than label + RD",
       update_body(cat({kOriginIgp, kEmptyAsPath,
                        {0x80, 0x0E, 0x14, 0, 1, 0x80, 0x0C, 0, 0, 0, 0, 0, 0, 0, 0, 2, 2, 2, 2, 0, 0x20, 0, 1, 1}})),
       ErrorAction::SessionReset, update_subcode::OptionalAttributeError},
      {"IPv4 NLRI of 33 bits", update_body(cat({kOriginIgp, kEmptyAsPath, kNextHop}), {0x21, 1, 2, 3, 4, 5}),
       ErrorAction::SessionReset, update_subcode::InvalidNetworkField},
      {"withdrawn length past the message", Bytes{0x00, 0x09, 0x08, 0x0A}, ErrorAction::SessionReset,
       update_subcode::MalformedAttributeList},
  };
  for (const Case& c : cases) {
    CAPTURE(c.what);
    auto result = decode_update(c.body);
    CHECK(result.action == c.action);
    CHECK_FALSE(result.reasons.empty());
    if (c.action == ErrorAction::SessionReset) {
      REQUIRE(result.error.has_value());
      CHECK(result.error->code == ErrorCode::UpdateMessage);
      CHECK(result.error->subcode == c.subcode);
    } else {
      CHECK_FALSE(result.error.has_value());
    }
  }
}

TEST_CASE("a discarded attribute leaves the route and the rest of its attributes") {
  auto result = decode_update(
      update_body(cat({kOriginIgp, kEmptyAsPath, kNextHop, {0x40, 0x06, 0x01, 0x00}}), kNlri10));
  CHECK(result.action == ErrorAction::AttributeDiscard);
  CHECK_FALSE(result.update.attributes.atomic_aggregate);
  CHECK(result.update.attributes.next_hop == 0xC0A80C02u);
  CHECK(result.update.nlri.size() == 1);
}
