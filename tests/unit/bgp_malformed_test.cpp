// Malformed BGP messages, one table row each: the bytes (built with the small
// helpers below), the decoder they go to, and the answer RFC 4271 section 6,
// RFC 7606, RFC 4760 and RFC 6793 call for: the exact NOTIFICATION of a
// session reset, treat-as-withdraw, attribute discard, or accepted (with an
// unknown or unusable attribute carried or ignored).
//
// Rows named after a CVE reproduce the shape of the input that hit FRR:
//   CVE-2023-38802  corrupted Tunnel Encapsulation attribute (type 23) reset sessions
//   CVE-2023-41358  NLRI processed although the MP attribute length was zero
//   CVE-2023-46752  malformed MP_REACH_NLRI (next hop length) crashed bgpd
//   CVE-2023-46753  MP_UNREACH + NLRI without the mandatory attributes crashed bgpd
//   CVE-2022-40302, CVE-2022-40318  OPEN optional parameter / extended optional
//                   parameter lengths past the end of the message
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "bgp/codec/message.hpp"
#include "bgp/codec/open.hpp"
#include "bgp/codec/update.hpp"

using namespace l3vpn::bgp;
using Bytes = std::vector<std::uint8_t>;

namespace {

// ---------------------------------------------------------------- helpers

Bytes cat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const Bytes& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

Bytes u16(std::size_t v) { return {static_cast<std::uint8_t>(v >> 8), static_cast<std::uint8_t>(v)}; }

// A whole message: marker, a length field that may lie, type, body.
Bytes message(std::size_t length, std::uint8_t type, const Bytes& body = {}) {
  return cat({Bytes(16, 0xFF), u16(length), {type}, body});
}
// A message whose length field is right.
Bytes framed(std::uint8_t type, const Bytes& body = {}) { return message(19 + body.size(), type, body); }

// A path attribute with a correct length field: 1 octet, or 2 with the
// Extended Length flag (0x10).
Bytes attr(std::uint8_t flags, std::uint8_t type, const Bytes& value) {
  if (flags & attr_flag::ExtendedLength) return cat({{flags, type}, u16(value.size()), value});
  return cat({{flags, type, static_cast<std::uint8_t>(value.size())}, value});
}

// An UPDATE body: withdrawn routes, path attributes, NLRI, with right lengths.
Bytes update(const Bytes& attributes, const Bytes& nlri = {}, const Bytes& withdrawn = {}) {
  return cat({u16(withdrawn.size()), withdrawn, u16(attributes.size()), attributes, nlri});
}

const Bytes kOrigin = attr(0x40, 1, {0x00});                          // ORIGIN IGP
const Bytes kAsPath = attr(0x40, 2, {0x02, 0x01, 0x00, 0x00, 0xFE, 0x4F});  // AS_SEQUENCE 65103 (4-octet)
const Bytes kAsPath2 = attr(0x40, 2, {0x02, 0x01, 0xFE, 0x4F});       // AS_SEQUENCE 65103 (2-octet)
const Bytes kNextHop = attr(0x40, 3, {0xC0, 0xA8, 0x0C, 0x02});       // NEXT_HOP 192.168.12.2
const Bytes kMandatory = cat({kOrigin, kAsPath, kNextHop});
const Bytes kMandatory2 = cat({kOrigin, kAsPath2, kNextHop});
const Bytes kNlri10 = {0x08, 0x0A};                                   // 10.0.0.0/8

const Bytes kRd = {0x00, 0x00, 0xFE, 0x4F, 0x00, 0x00, 0x01, 0x92};   // RD type 0, 65103:402
const Bytes kVpnNextHop = {0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x02, 0x02, 0x02};  // RD 0 + 2.2.2.2
const Bytes kLabel16 = {0x00, 0x01, 0x01};                            // label 16, bottom of stack

// One VPNv4 NLRI: the length octet (in bits) as given, then the bytes.
Bytes vpn_nlri(std::uint8_t bits, const Bytes& rest) { return cat({{bits}, rest}); }
// 10.10.30.0/24 with label 16 and kRd: 24 + 64 + 24 = 112 bits.
const Bytes kVpnRoute = vpn_nlri(112, cat({kLabel16, kRd, {0x0A, 0x0A, 0x1E}}));

// MP_REACH_NLRI for VPNv4 (AFI 1, SAFI 128) from the next hop and NLRI bytes.
Bytes mp_reach_vpn(const Bytes& nlri, const Bytes& next_hop = kVpnNextHop) {
  return attr(0x80, 14, cat({{0x00, 0x01, 0x80, static_cast<std::uint8_t>(next_hop.size())}, next_hop, {0x00}, nlri}));
}
Bytes mp_unreach_vpn(const Bytes& nlri) { return attr(0x80, 15, cat({{0x00, 0x01, 0x80}, nlri})); }
// The attributes a VPNv4 route needs besides MP_REACH.
const Bytes kVpnMandatory = cat({kOrigin, kAsPath});

// An OPEN body: version 4, AS 65103, hold 180, id 3.3.3.3, then the
// optional parameters with their length octet computed, unless given.
Bytes open_body(const Bytes& params, std::uint8_t version = 4, std::uint16_t hold = 180,
                std::uint32_t id = 0x03030303) {
  return cat({{version, 0xFE, 0x4F}, u16(hold),
              {static_cast<std::uint8_t>(id >> 24), static_cast<std::uint8_t>(id >> 16),
               static_cast<std::uint8_t>(id >> 8), static_cast<std::uint8_t>(id)},
              {static_cast<std::uint8_t>(params.size())}, params});
}
// The same with a lying optional parameters length octet.
Bytes open_body_len(std::uint8_t params_length, const Bytes& params) {
  return cat({{0x04, 0xFE, 0x4F, 0x00, 0xB4, 0x03, 0x03, 0x03, 0x03, params_length}, params});
}
Bytes capability(std::uint8_t code, const Bytes& value) {
  return cat({{code, static_cast<std::uint8_t>(value.size())}, value});
}
Bytes capabilities(const Bytes& caps) { return cat({{0x02, static_cast<std::uint8_t>(caps.size())}, caps}); }
const Bytes kCapVpnv4 = capability(1, {0x00, 0x01, 0x00, 0x80});
const Bytes kCapAs4 = capability(65, {0x00, 0x00, 0xFE, 0x4F});

// ---------------------------------------------------------------- the table

enum class Decoder { Header, Keepalive, Notification, RouteRefresh, Open, Update, Update2Octet };
enum class Outcome { Accepted, AttributeDiscard, TreatAsWithdraw, SessionReset };

struct Row {
  const char* name;
  Decoder decoder;
  Bytes bytes;  // the whole message for Header, else the body after the header
  Outcome outcome;
  ErrorCode code = ErrorCode::Cease;  // the NOTIFICATION, for SessionReset
  std::uint8_t subcode = 0;
  // For UPDATEs: what else must hold (e.g. the routes to withdraw are there).
  std::function<bool(const UpdateDecodeResult&)> also = nullptr;
  // For resets: the NOTIFICATION data, when the RFC says what it is.
  std::function<bool(const Bytes&)> data = nullptr;
};

constexpr auto H = ErrorCode::MessageHeader;
constexpr auto O = ErrorCode::OpenMessage;
constexpr auto U = ErrorCode::UpdateMessage;
constexpr auto RR = ErrorCode::RouteRefreshMessage;
constexpr auto Accepted = Outcome::Accepted;
constexpr auto Discard = Outcome::AttributeDiscard;
constexpr auto Withdraw = Outcome::TreatAsWithdraw;
constexpr auto Reset = Outcome::SessionReset;

// How many routes an UPDATE result carries (for withdraw: what gets withdrawn).
std::size_t routes(const UpdateDecodeResult& r) {
  const Update& u = r.update;
  std::size_t n = u.nlri.size();
  if (u.mp_reach) n += u.mp_reach->ipv4.size() + u.mp_reach->vpn.size();
  return n;
}
auto has_routes(std::size_t n) {
  return [n](const UpdateDecodeResult& r) { return routes(r) == n; };
}
auto data_is(Bytes expected) {
  return [expected](const Bytes& d) { return d == expected; };
}

std::vector<Row> rows() {
  return {
      // ---- Message header, RFC 4271 section 6.1 (decode_header over the whole message)
      {"header: 18 bytes, truncated", Decoder::Header, Bytes(18, 0xFF), Reset, H, header_subcode::BadMessageLength},
      {"header: marker not all ones", Decoder::Header, cat({Bytes(15, 0xFF), {0xFE}, u16(19), {4}}), Reset, H,
       header_subcode::ConnectionNotSynchronized},
      {"header: length 18 (< 19)", Decoder::Header, message(18, 4), Reset, H, header_subcode::BadMessageLength,
       nullptr, data_is({0x00, 0x12})},
      {"header: length 0", Decoder::Header, message(0, 2), Reset, H, header_subcode::BadMessageLength, nullptr,
       data_is({0x00, 0x00})},
      {"header: length 4097 (> 4096, no extended message)", Decoder::Header, message(4097, 2), Reset, H,
       header_subcode::BadMessageLength, nullptr, data_is({0x10, 0x01})},
      {"header: length 65535", Decoder::Header, message(65535, 2), Reset, H, header_subcode::BadMessageLength,
       nullptr, data_is({0xFF, 0xFF})},
      {"header: unknown message type 0", Decoder::Header, message(19, 0), Reset, H,
       header_subcode::BadMessageType, nullptr, data_is({0x00})},
      {"header: unknown message type 6", Decoder::Header, message(19, 6), Reset, H,
       header_subcode::BadMessageType, nullptr, data_is({0x06})},
      {"header: unknown message type 255", Decoder::Header, message(19, 255), Reset, H,
       header_subcode::BadMessageType, nullptr, data_is({0xFF})},
      {"header: KEEPALIVE with a body (length 20)", Decoder::Header, message(20, 4, {0x00}), Reset, H,
       header_subcode::BadMessageLength, nullptr, data_is({0x00, 0x14})},
      {"header: OPEN of 28 bytes (< 29)", Decoder::Header, message(28, 1), Reset, H,
       header_subcode::BadMessageLength, nullptr, data_is({0x00, 0x1C})},
      {"header: UPDATE of 22 bytes (< 23)", Decoder::Header, message(22, 2), Reset, H,
       header_subcode::BadMessageLength, nullptr, data_is({0x00, 0x16})},
      {"header: NOTIFICATION of 20 bytes (1-byte body)", Decoder::Header, message(20, 3, {0x06}), Reset, H,
       header_subcode::BadMessageLength, nullptr, data_is({0x00, 0x14})},
      {"header: ROUTE-REFRESH of 22 bytes", Decoder::Header, message(22, 5), Reset, H,
       header_subcode::BadMessageLength},
      {"header: UPDATE of exactly 4096 bytes accepted", Decoder::Header, message(4096, 2), Accepted},

      // ---- KEEPALIVE, NOTIFICATION, ROUTE-REFRESH bodies
      {"KEEPALIVE with a 1-byte body", Decoder::Keepalive, {0x00}, Reset, H, header_subcode::BadMessageLength,
       nullptr, data_is({0x00, 0x14})},
      {"NOTIFICATION of 1 byte", Decoder::Notification, {0x06}, Reset, H, header_subcode::BadMessageLength,
       nullptr, data_is({0x00, 0x14})},
      {"NOTIFICATION of 0 bytes", Decoder::Notification, {}, Reset, H, header_subcode::BadMessageLength, nullptr,
       data_is({0x00, 0x13})},
      {"NOTIFICATION with unknown code 99 accepted as received", Decoder::Notification, {99, 1, 0xAB}, Accepted},
      {"ROUTE-REFRESH body of 3 bytes (RFC 7313 section 5)", Decoder::RouteRefresh, {0x00, 0x01, 0x00}, Reset, RR,
       route_refresh_subcode::InvalidMessageLength, nullptr, data_is(framed(5, {0x00, 0x01, 0x00}))},
      {"ROUTE-REFRESH BoRR of 5 bytes", Decoder::RouteRefresh, {0x00, 0x01, 0x01, 0x80, 0x00}, Reset, RR,
       route_refresh_subcode::InvalidMessageLength, nullptr, data_is(framed(5, {0x00, 0x01, 0x01, 0x80, 0x00}))},
      {"ROUTE-REFRESH with no body", Decoder::RouteRefresh, {}, Reset, RR,
       route_refresh_subcode::InvalidMessageLength},
      {"ROUTE-REFRESH for unknown AFI 99 accepted (RFC 2918: ignored later)", Decoder::RouteRefresh,
       {0x00, 0x63, 0x00, 0x01}, Accepted},

      // ---- OPEN, RFC 4271 section 6.2, RFC 5492, RFC 6793
      {"OPEN version 3", Decoder::Open, open_body({}, 3), Reset, O, open_subcode::UnsupportedVersionNumber,
       nullptr, data_is({0x00, 0x04})},
      {"OPEN version 5", Decoder::Open, open_body({}, 5), Reset, O, open_subcode::UnsupportedVersionNumber},
      {"OPEN hold time 1", Decoder::Open, open_body({}, 4, 1), Reset, O, open_subcode::UnacceptableHoldTime},
      {"OPEN hold time 2", Decoder::Open, open_body({}, 4, 2), Reset, O, open_subcode::UnacceptableHoldTime},
      {"OPEN hold time 0 accepted (no keepalives)", Decoder::Open, open_body({}, 4, 0), Accepted},
      {"OPEN BGP identifier 0.0.0.0 (RFC 6286)", Decoder::Open, open_body({}, 4, 180, 0), Reset, O,
       open_subcode::BadBgpIdentifier},
      {"OPEN of 9 bytes, shorter than its fixed part", Decoder::Open, {0x04, 0xFE, 0x4F, 0x00, 0xB4, 3, 3, 3, 3},
       Reset, H, header_subcode::BadMessageLength, nullptr, data_is({0x00, 0x1C})},
      {"CVE-2022-40302: optional parameters length 255 past the end", Decoder::Open,
       open_body_len(255, capabilities(kCapAs4)), Reset, H, header_subcode::BadMessageLength, nullptr,
       data_is({0x00, 0x25})},
      {"CVE-2022-40318: RFC 9072 extended parameters, extended length past the end", Decoder::Open,
       open_body_len(255, {0xFF, 0x01, 0x00, 0x02, 0x06}), Reset, H, header_subcode::BadMessageLength},
      {"RFC 9072 extended parameters, consistent: unsupported optional parameter 255", Decoder::Open,
       open_body_len(255, cat({{0xFF}, u16(252), Bytes(252, 0x00)})), Reset, O,
       open_subcode::UnsupportedOptionalParameter},
      {"OPEN optional parameters length 2 with 8 bytes of parameters", Decoder::Open,
       open_body_len(2, capabilities(kCapAs4)), Reset, H, header_subcode::BadMessageLength},
      {"OPEN optional parameter length past the parameters", Decoder::Open, open_body({0x02, 0x08, 0x41, 0x04}),
       Reset, O, 0},
      {"OPEN optional parameter header cut after its type", Decoder::Open, open_body({0x02}), Reset, O, 0},
      {"OPEN capability length past its parameter", Decoder::Open,
       open_body({0x02, 0x04, 65, 0x06, 0x00, 0x00}), Reset, O, 0},
      {"OPEN capability header cut after its code", Decoder::Open, open_body(capabilities({65})), Reset, O, 0},
      {"OPEN 4-octet AS capability of 2 bytes", Decoder::Open, open_body(capabilities(capability(65, {0xFE, 0x4F}))),
       Reset, O, 0},
      {"OPEN 4-octet AS capability of 5 bytes", Decoder::Open,
       open_body(capabilities(capability(65, {0, 0, 0xFE, 0x4F, 0}))), Reset, O, 0},
      {"OPEN multiprotocol capability of 3 bytes", Decoder::Open,
       open_body(capabilities(capability(1, {0, 1, 0}))), Reset, O, 0},
      {"OPEN route refresh capability with a value", Decoder::Open, open_body(capabilities(capability(2, {1}))),
       Reset, O, 0},
      {"OPEN optional parameter 1 (authentication, deprecated)", Decoder::Open, open_body({0x01, 0x01, 0x00}),
       Reset, O, open_subcode::UnsupportedOptionalParameter},
      {"OPEN unknown capability 99 accepted and kept", Decoder::Open,
       open_body(capabilities(cat({kCapVpnv4, capability(99, {1, 2, 3}), kCapAs4}))), Accepted},
      {"OPEN empty capabilities parameter accepted", Decoder::Open, open_body({0x02, 0x00}), Accepted},

      // ---- UPDATE framing, RFC 4271 section 6.3, RFC 7606 sections 4 and 5.3
      {"UPDATE body of 3 bytes", Decoder::Update, {0x00, 0x00, 0x00}, Reset, U,
       update_subcode::MalformedAttributeList},
      {"withdrawn routes length past the message", Decoder::Update, {0x00, 0x09, 0x08, 0x0A}, Reset, U,
       update_subcode::MalformedAttributeList},
      {"total path attribute length past the message", Decoder::Update,
       cat({u16(0), u16(kMandatory.size() + 1), kMandatory}), Reset, U, update_subcode::MalformedAttributeList},
      {"withdrawn prefix /33", Decoder::Update, update({}, {}, {0x21, 10, 0, 0, 0, 0}), Reset, U,
       update_subcode::InvalidNetworkField},
      {"withdrawn prefix bytes past the withdrawn field", Decoder::Update, update({}, {}, {0x18, 0x0A}), Reset, U,
       update_subcode::InvalidNetworkField},
      {"NLRI /33", Decoder::Update, update(kMandatory, {0x21, 10, 0, 0, 0, 0}), Reset, U,
       update_subcode::InvalidNetworkField},
      {"NLRI prefix bytes past the message", Decoder::Update, update(kMandatory, {0x18, 0x0A, 0x0A}), Reset, U,
       update_subcode::InvalidNetworkField},
      {"NLRI 0.0.0.0/0 (zero-length prefix) accepted", Decoder::Update, update(kMandatory, {0x00}), Accepted,
       H, 0, has_routes(1)},

      // ---- Attribute list framing, RFC 7606 section 4: treat-as-withdraw, NLRI still located
      {"attribute length past the attribute list", Decoder::Update,
       update(cat({kOrigin, kAsPath, {0x40, 0x03, 0x09, 0xC0, 0xA8}}), kNlri10), Withdraw, H, 0, has_routes(1)},
      {"2 bytes left for an attribute header (fewer than 3)", Decoder::Update,
       update(cat({kMandatory, {0x40, 0x05}}), kNlri10), Withdraw, H, 0, has_routes(1)},
      {"1 byte left for an attribute header", Decoder::Update, update(cat({kMandatory, {0x40}}), kNlri10),
       Withdraw, H, 0, has_routes(1)},
      {"extended-length bit with 1 of the 2 length bytes", Decoder::Update,
       update(cat({kMandatory, {0x50, 0x05, 0x00}}), kNlri10), Withdraw, H, 0, has_routes(1)},
      {"extended-length attribute longer than the list", Decoder::Update,
       update(cat({kMandatory, {0xD0, 0x63, 0x01, 0x00, 0xAB}}), kNlri10), Withdraw, H, 0, has_routes(1)},
      {"extended-length bit on a 1-byte ORIGIN accepted", Decoder::Update,
       update(cat({attr(0x50, 1, {0x00}), kAsPath, kNextHop}), kNlri10), Accepted, H, 0, has_routes(1)},

      // ---- Missing mandatory attributes, RFC 7606 section 3.d
      {"CVE-2023-46753: no attributes at all, NLRI present", Decoder::Update, update({}, kNlri10), Withdraw, H, 0,
       has_routes(1)},
      {"CVE-2023-46753: MP_UNREACH + NLRI without ORIGIN, AS_PATH, NEXT_HOP", Decoder::Update,
       update(mp_unreach_vpn(vpn_nlri(112, cat({{0x80, 0x00, 0x00}, kRd, {10, 10, 30}}))), kNlri10), Withdraw, H,
       0, [](const UpdateDecodeResult& r) { return r.update.nlri.size() == 1 && r.update.mp_unreach &&
                                                    r.update.mp_unreach->vpn.size() == 1; }},
      {"missing AS_PATH", Decoder::Update, update(cat({kOrigin, kNextHop}), kNlri10), Withdraw, H, 0,
       has_routes(1)},
      {"missing NEXT_HOP with IPv4 NLRI", Decoder::Update, update(cat({kOrigin, kAsPath}), kNlri10), Withdraw, H,
       0, has_routes(1)},
      {"missing ORIGIN with MP_REACH VPNv4", Decoder::Update, update(cat({kAsPath, mp_reach_vpn(kVpnRoute)})),
       Withdraw, H, 0, has_routes(1)},
      {"MP_REACH without NEXT_HOP accepted (RFC 4760 section 3)", Decoder::Update,
       update(cat({kVpnMandatory, mp_reach_vpn(kVpnRoute)})), Accepted, H, 0, has_routes(1)},
      {"attributes without any NLRI accepted (nothing to withdraw)", Decoder::Update, update(kOrigin), Accepted},

      // ---- Attribute flags, RFC 7606 section 3.c (and RFC 4271 section 4.3 for Partial)
      {"ORIGIN flagged optional", Decoder::Update, update(cat({attr(0xC0, 1, {0}), kAsPath, kNextHop}), kNlri10),
       Withdraw},
      {"ORIGIN flagged non-transitive", Decoder::Update,
       update(cat({attr(0x00, 1, {0}), kAsPath, kNextHop}), kNlri10), Withdraw},
      {"ORIGIN flagged partial", Decoder::Update, update(cat({attr(0x60, 1, {0}), kAsPath, kNextHop}), kNlri10),
       Withdraw},
      {"AS_PATH flagged optional", Decoder::Update,
       update(cat({kOrigin, attr(0xC0, 2, {2, 1, 0, 0, 0xFE, 0x4F}), kNextHop}), kNlri10), Withdraw},
      {"NEXT_HOP flagged optional non-transitive", Decoder::Update,
       update(cat({kOrigin, kAsPath, attr(0x80, 3, {1, 2, 3, 4})}), kNlri10), Withdraw},
      {"MULTI_EXIT_DISC flagged transitive", Decoder::Update,
       update(cat({kMandatory, attr(0xC0, 4, {0, 0, 0, 1})}), kNlri10), Withdraw},
      {"MULTI_EXIT_DISC flagged well-known", Decoder::Update,
       update(cat({kMandatory, attr(0x40, 4, {0, 0, 0, 1})}), kNlri10), Withdraw},
      {"MULTI_EXIT_DISC flagged partial", Decoder::Update,
       update(cat({kMandatory, attr(0xA0, 4, {0, 0, 0, 1})}), kNlri10), Withdraw},
      {"LOCAL_PREF flagged optional", Decoder::Update,
       update(cat({kMandatory, attr(0x80, 5, {0, 0, 0, 100})}), kNlri10), Withdraw},
      {"ATOMIC_AGGREGATE flagged optional", Decoder::Update, update(cat({kMandatory, attr(0xC0, 6, {})}), kNlri10),
       Withdraw},
      {"AGGREGATOR flagged non-transitive", Decoder::Update,
       update(cat({kMandatory, attr(0x80, 7, {0, 0, 0xFE, 0x4F, 3, 3, 3, 3})}), kNlri10), Withdraw},
      {"COMMUNITIES flagged non-transitive", Decoder::Update,
       update(cat({kMandatory, attr(0x80, 8, {0xFF, 0xFF, 0xFF, 0x01})}), kNlri10), Withdraw},
      {"COMMUNITIES flagged partial accepted (optional transitive)", Decoder::Update,
       update(cat({kMandatory, attr(0xE0, 8, {0xFF, 0xFF, 0xFF, 0x01})}), kNlri10), Accepted},
      {"ORIGINATOR_ID flagged transitive", Decoder::Update,
       update(cat({kMandatory, attr(0xC0, 9, {1, 1, 1, 1})}), kNlri10), Withdraw},
      {"CLUSTER_LIST flagged well-known", Decoder::Update,
       update(cat({kMandatory, attr(0x40, 10, {1, 1, 1, 1})}), kNlri10), Withdraw},
      {"MP_REACH_NLRI flagged transitive", Decoder::Update,
       update(cat({kVpnMandatory, attr(0xC0, 14, cat({{0, 1, 0x80, 12}, kVpnNextHop, {0}, kVpnRoute}))})), Reset,
       U, update_subcode::AttributeFlagsError, nullptr,
       [](const Bytes& d) { return d.size() == 3 + 4 + 12 + 1 + kVpnRoute.size() && d[0] == 0xC0 && d[1] == 14; }},
      {"MP_UNREACH_NLRI flagged well-known", Decoder::Update, update(attr(0x40, 15, {0, 1, 0x80})), Reset, U,
       update_subcode::AttributeFlagsError, nullptr, data_is({0x40, 15, 3, 0, 1, 0x80})},
      {"EXTENDED_COMMUNITIES flagged non-transitive", Decoder::Update,
       update(cat({kMandatory, attr(0x80, 16, {0, 2, 0xFE, 0x4F, 0, 0, 0x11, 0x5C})}), kNlri10), Withdraw},
      {"AS4_PATH flagged non-transitive (2-octet session)", Decoder::Update2Octet,
       update(cat({kMandatory2, attr(0x80, 17, {2, 1, 0, 0, 0xFE, 0x4F})}), kNlri10), Withdraw},
      {"AS4_AGGREGATOR flagged well-known (2-octet session)", Decoder::Update2Octet,
       update(cat({kMandatory2, attr(0x40, 18, {0, 0, 0xFE, 0x4F, 3, 3, 3, 3})}), kNlri10), Withdraw},

      // ---- Attribute values, RFC 7606 section 7
      {"ORIGIN 3", Decoder::Update, update(cat({attr(0x40, 1, {3}), kAsPath, kNextHop}), kNlri10), Withdraw, H, 0,
       has_routes(1)},
      {"ORIGIN 255", Decoder::Update, update(cat({attr(0x40, 1, {255}), kAsPath, kNextHop}), kNlri10), Withdraw},
      {"ORIGIN of length 0", Decoder::Update, update(cat({attr(0x40, 1, {}), kAsPath, kNextHop}), kNlri10),
       Withdraw},
      {"AS_PATH segment count past the attribute", Decoder::Update,
       update(cat({kOrigin, attr(0x40, 2, {2, 3, 0, 0, 0xFE, 0x4F}), kNextHop}), kNlri10), Withdraw},
      {"AS_PATH zero-length segment", Decoder::Update,
       update(cat({kOrigin, attr(0x40, 2, {2, 0}), kNextHop}), kNlri10), Withdraw},
      {"AS_PATH segment type 0", Decoder::Update,
       update(cat({kOrigin, attr(0x40, 2, {0, 1, 0, 0, 0xFE, 0x4F}), kNextHop}), kNlri10), Withdraw},
      {"AS_PATH segment type 5", Decoder::Update,
       update(cat({kOrigin, attr(0x40, 2, {5, 1, 0, 0, 0xFE, 0x4F}), kNextHop}), kNlri10), Withdraw},
      {"AS_PATH with a trailing half segment header", Decoder::Update,
       update(cat({kOrigin, attr(0x40, 2, {2, 1, 0, 0, 0xFE, 0x4F, 2}), kNextHop}), kNlri10), Withdraw},
      {"AS_PATH of 2-octet ASes on a 4-octet session", Decoder::Update,
       update(cat({kOrigin, attr(0x40, 2, {2, 1, 0xFE, 0x4F}), kNextHop}), kNlri10), Withdraw},
      {"NEXT_HOP of 5 bytes", Decoder::Update, update(cat({kOrigin, kAsPath, attr(0x40, 3, {1, 2, 3, 4, 5})}), kNlri10),
       Withdraw},
      {"MULTI_EXIT_DISC of 3 bytes", Decoder::Update, update(cat({kMandatory, attr(0x80, 4, {0, 0, 1})}), kNlri10),
       Withdraw},
      {"LOCAL_PREF of 0 bytes", Decoder::Update, update(cat({kMandatory, attr(0x40, 5, {})}), kNlri10), Withdraw},
      {"ATOMIC_AGGREGATE with a value", Decoder::Update, update(cat({kMandatory, attr(0x40, 6, {0})}), kNlri10),
       Discard, H, 0, [](const UpdateDecodeResult& r) { return !r.update.attributes.atomic_aggregate && routes(r) == 1; }},
      {"AGGREGATOR of 6 bytes (4-octet session wants 8)", Decoder::Update,
       update(cat({kMandatory, attr(0xC0, 7, {0xFE, 0x4F, 3, 3, 3, 3})}), kNlri10), Discard, H, 0,
       [](const UpdateDecodeResult& r) { return !r.update.attributes.aggregator && routes(r) == 1; }},
      {"AGGREGATOR of 8 bytes on a 2-octet session", Decoder::Update2Octet,
       update(cat({kMandatory2, attr(0xC0, 7, {0, 0, 0xFE, 0x4F, 3, 3, 3, 3})}), kNlri10), Discard},
      {"COMMUNITIES of length 0", Decoder::Update, update(cat({kMandatory, attr(0xC0, 8, {})}), kNlri10), Withdraw},
      {"COMMUNITIES of 6 bytes", Decoder::Update, update(cat({kMandatory, attr(0xC0, 8, {0, 0, 0, 1, 0, 0})}), kNlri10),
       Withdraw},
      {"ORIGINATOR_ID of 3 bytes", Decoder::Update, update(cat({kMandatory, attr(0x80, 9, {1, 1, 1})}), kNlri10),
       Withdraw},
      {"CLUSTER_LIST of length 0", Decoder::Update, update(cat({kMandatory, attr(0x80, 10, {})}), kNlri10),
       Withdraw},
      {"EXTENDED_COMMUNITIES of length 0", Decoder::Update, update(cat({kMandatory, attr(0xC0, 16, {})}), kNlri10),
       Withdraw},
      {"EXTENDED_COMMUNITIES of 9 bytes", Decoder::Update,
       update(cat({kMandatory, attr(0xC0, 16, {0, 2, 0xFE, 0x4F, 0, 0, 0x11, 0x5C, 0})}), kNlri10), Withdraw},
      {"AS4_PATH from a 4-octet speaker (RFC 6793 section 4.1)", Decoder::Update,
       update(cat({kMandatory, attr(0xC0, 17, {2, 1, 0, 0, 0xFE, 0x4F})}), kNlri10), Discard, H, 0, has_routes(1)},
      {"AS4_PATH with a zero-length segment (RFC 6793 section 6)", Decoder::Update2Octet,
       update(cat({kMandatory2, attr(0xC0, 17, {2, 0})}), kNlri10), Discard, H, 0, has_routes(1)},
      {"AS4_AGGREGATOR of 7 bytes (RFC 6793 section 6)", Decoder::Update2Octet,
       update(cat({kMandatory2, attr(0xC0, 18, {0, 0, 0xFE, 0x4F, 3, 3, 3})}), kNlri10), Discard},

      // ---- Duplicates, RFC 7606 section 3.g
      {"ORIGIN twice: the second discarded", Decoder::Update,
       update(cat({kOrigin, attr(0x40, 1, {2}), kAsPath, kNextHop}), kNlri10), Discard, H, 0,
       [](const UpdateDecodeResult& r) { return r.update.attributes.origin == Origin::Igp; }},
      {"unknown optional transitive attribute twice", Decoder::Update,
       update(cat({kMandatory, attr(0xC0, 99, {1}), attr(0xC0, 99, {2})}), kNlri10), Discard, H, 0,
       [](const UpdateDecodeResult& r) { return r.update.attributes.unknown_transitive.size() == 1; }},
      {"MP_REACH_NLRI twice", Decoder::Update,
       update(cat({kVpnMandatory, mp_reach_vpn(kVpnRoute), mp_reach_vpn(kVpnRoute)})), Reset, U,
       update_subcode::MalformedAttributeList},
      {"MP_UNREACH_NLRI twice", Decoder::Update, update(cat({mp_unreach_vpn({}), mp_unreach_vpn({})})), Reset, U,
       update_subcode::MalformedAttributeList},

      // ---- Unknown attributes, RFC 4271 sections 5 and 6.3
      {"CVE-2023-38802: Tunnel Encapsulation with a bad inner TLV length is carried", Decoder::Update,
       update(cat({kMandatory, attr(0xC0, 23, {0x00, 0x07, 0x00, 0x04, 0x01, 0xFF})}), kNlri10), Accepted, H, 0,
       [](const UpdateDecodeResult& r) {
         return routes(r) == 1 && r.update.attributes.unknown_transitive.size() == 1 &&
                r.update.attributes.unknown_transitive[0].type == 23;
       }},
      {"CVE-2023-38802: Tunnel Encapsulation of length 0 is carried", Decoder::Update,
       update(cat({kMandatory, attr(0xC0, 23, {})}), kNlri10), Accepted, H, 0,
       [](const UpdateDecodeResult& r) { return r.update.attributes.unknown_transitive.size() == 1; }},
      {"CVE-2023-38802: Tunnel Encapsulation outer length lies, sent optional non-transitive: ignored",
       Decoder::Update, update(cat({kMandatory, attr(0x80, 23, {0x00, 0x07, 0xFF, 0xFF})}), kNlri10), Accepted, H,
       0, [](const UpdateDecodeResult& r) { return r.update.attributes.unknown_transitive.empty() && routes(r) == 1; }},
      {"unknown optional transitive of 300 bytes (extended length) carried", Decoder::Update,
       update(cat({kMandatory, attr(0xD0, 99, Bytes(300, 0xAB))}), kNlri10), Accepted, H, 0,
       [](const UpdateDecodeResult& r) { return r.update.attributes.unknown_transitive.at(0).value.size() == 300; }},
      {"unrecognized well-known attribute 23", Decoder::Update,
       update(cat({kMandatory, attr(0x40, 23, {0, 7, 0, 0})}), kNlri10), Reset, U,
       update_subcode::UnrecognizedWellKnownAttribute, nullptr, data_is({0x40, 23, 4, 0, 7, 0, 0})},

      // ---- MP_REACH_NLRI / MP_UNREACH_NLRI, RFC 4760 section 7, RFC 7606 sections 5.3 and 7.11
      {"CVE-2023-41358: MP_REACH_NLRI of length 0", Decoder::Update, update(cat({kVpnMandatory, attr(0x80, 14, {})})),
       Reset, U, update_subcode::OptionalAttributeError, nullptr, data_is({0x80, 14, 0})},
      {"CVE-2023-41358: MP_UNREACH_NLRI of length 0", Decoder::Update, update(attr(0x80, 15, {})), Reset, U,
       update_subcode::OptionalAttributeError},
      {"CVE-2023-41358: VPNv4 NLRI of length 0 bits", Decoder::Update,
       update(cat({kVpnMandatory, mp_reach_vpn({0x00})})), Reset, U, update_subcode::OptionalAttributeError},
      {"MP_REACH_NLRI of AFI, SAFI and next hop length only", Decoder::Update,
       update(cat({kVpnMandatory, attr(0x80, 14, {0, 1, 0x80, 12})})), Reset, U,
       update_subcode::OptionalAttributeError},
      {"CVE-2023-46752: next hop length 12 with 8 bytes left", Decoder::Update,
       update(cat({kVpnMandatory, attr(0x80, 14, cat({{0, 1, 0x80, 12}, Bytes(8, 0)}))})), Reset, U,
       update_subcode::OptionalAttributeError},
      {"CVE-2023-46752: next hop length 255", Decoder::Update,
       update(cat({kVpnMandatory, attr(0x80, 14, cat({{0, 1, 0x80, 255}, kVpnNextHop, {0}, kVpnRoute}))})), Reset,
       U, update_subcode::OptionalAttributeError},
      {"MP_REACH truncated after the next hop (no reserved octet)", Decoder::Update,
       update(cat({kVpnMandatory, attr(0x80, 14, cat({{0, 1, 0x80, 12}, kVpnNextHop}))})), Reset, U,
       update_subcode::OptionalAttributeError},
      {"VPNv4 next hop of 4 bytes", Decoder::Update,
       update(cat({kVpnMandatory, mp_reach_vpn(kVpnRoute, {2, 2, 2, 2})})), Reset, U,
       update_subcode::OptionalAttributeError},
      {"VPNv4 next hop of 24 bytes (RD + IPv6, not negotiated)", Decoder::Update,
       update(cat({kVpnMandatory, mp_reach_vpn(kVpnRoute, Bytes(24, 1))})), Reset, U,
       update_subcode::OptionalAttributeError},
      {"IPv4 unicast MP_REACH with a 12-byte next hop", Decoder::Update,
       update(cat({kVpnMandatory, attr(0x80, 14, cat({{0, 1, 1, 12}, kVpnNextHop, {0}, kNlri10}))})), Reset, U,
       update_subcode::OptionalAttributeError},
      {"MP_REACH for AFI 2 / SAFI 1 (not negotiated) ignored", Decoder::Update,
       update(cat({kVpnMandatory, attr(0x80, 14, cat({{0, 2, 1, 16}, Bytes(16, 0x20), {0}, {0x20, 0x20, 0x01, 0x0D, 0xB8}}))})),
       Accepted, H, 0, [](const UpdateDecodeResult& r) { return !r.update.mp_reach && routes(r) == 0; }},
      {"VPNv4 NLRI prefix /33 after label and RD (121 bits)", Decoder::Update,
       update(cat({kVpnMandatory, mp_reach_vpn(vpn_nlri(121, cat({kLabel16, kRd, {10, 10, 30, 1, 0}})))})), Reset, U,
       update_subcode::OptionalAttributeError},
      {"VPNv4 NLRI of 255 bits", Decoder::Update,
       update(cat({kVpnMandatory, mp_reach_vpn(vpn_nlri(255, cat({kLabel16, kRd, Bytes(21, 0)})))})), Reset, U,
       update_subcode::OptionalAttributeError},
      {"VPNv4 label stack without bottom-of-stack runs past the NLRI", Decoder::Update,
       update(cat({kVpnMandatory, mp_reach_vpn(vpn_nlri(112, cat({{0x00, 0x01, 0x00}, {0x00, 0x01, 0x10}, {0x00, 0x01, 0x20},
                                                                   {0x00, 0x01, 0x30}, {0x00, 0x01, 0x40}})))})),
       Reset, U, update_subcode::OptionalAttributeError},
      {"VPNv4 two-label stack with bottom-of-stack on the second accepted", Decoder::Update,
       update(cat({kVpnMandatory, mp_reach_vpn(vpn_nlri(136, cat({{0x00, 0x01, 0x00}, kLabel16, kRd, {10, 10, 30}})))})),
       Accepted, H, 0,
       [](const UpdateDecodeResult& r) { return routes(r) == 1 && r.update.mp_reach->vpn[0].labels.size() == 2; }},
      {"VPNv4 label 524288 inside a stack (field 0x800000, not first) is a label", Decoder::Update,
       update(cat({kVpnMandatory, mp_reach_vpn(vpn_nlri(136, cat({{0x00, 0x01, 0x00}, {0x80, 0x00, 0x00}, kLabel16, kRd})))})),
       Accepted, H, 0,
       [](const UpdateDecodeResult& r) {
         return routes(r) == 1 && r.update.mp_reach->vpn[0].labels == std::vector<std::uint32_t>{16, 0x80000, 16};
       }},
      {"VPNv4 NLRI bytes past the attribute", Decoder::Update,
       update(cat({kVpnMandatory, mp_reach_vpn(vpn_nlri(120, cat({kLabel16, kRd, {10, 10, 30}})))})), Reset, U,
       update_subcode::OptionalAttributeError},
      {"VPNv4 NLRI shorter than label + RD (80 bits)", Decoder::Update,
       update(cat({kVpnMandatory, mp_reach_vpn(vpn_nlri(80, cat({kLabel16, Bytes(7, 0)})))})), Reset, U,
       update_subcode::OptionalAttributeError},
      {"MP_UNREACH_NLRI of 2 bytes", Decoder::Update, update(attr(0x80, 15, {0, 1})), Reset, U,
       update_subcode::OptionalAttributeError},
      {"MP_UNREACH VPNv4 withdrawal cut short", Decoder::Update,
       update(mp_unreach_vpn(vpn_nlri(120, cat({{0x80, 0, 0}, kRd})))), Reset, U,
       update_subcode::OptionalAttributeError},
      {"MP_UNREACH VPNv4 prefix /40 after label and RD", Decoder::Update,
       update(mp_unreach_vpn(vpn_nlri(128, cat({{0x80, 0, 0}, kRd, {10, 10, 30, 1, 0}})))), Reset, U,
       update_subcode::OptionalAttributeError},
      {"MP_UNREACH IPv4 unicast /33", Decoder::Update,
       update(attr(0x80, 15, {0, 1, 1, 0x21, 10, 0, 0, 0, 0})), Reset, U, update_subcode::OptionalAttributeError},
      {"MP_UNREACH VPNv4 with label field 0 (not 0x800000) accepted", Decoder::Update,
       update(mp_unreach_vpn(vpn_nlri(112, cat({{0, 0, 0}, kRd, {10, 10, 30}})))), Accepted, H, 0,
       [](const UpdateDecodeResult& r) { return r.update.mp_unreach && r.update.mp_unreach->vpn.size() == 1; }},
  };
}

const char* outcome_name(Outcome o) {
  switch (o) {
    case Outcome::Accepted: return "accepted";
    case Outcome::AttributeDiscard: return "attribute discard";
    case Outcome::TreatAsWithdraw: return "treat-as-withdraw";
    case Outcome::SessionReset: return "session reset";
  }
  return "?";
}

Outcome of(ErrorAction a) {
  switch (a) {
    case ErrorAction::None: return Outcome::Accepted;
    case ErrorAction::AttributeDiscard: return Outcome::AttributeDiscard;
    case ErrorAction::TreatAsWithdraw: return Outcome::TreatAsWithdraw;
    case ErrorAction::SessionReset: return Outcome::SessionReset;
  }
  return Outcome::SessionReset;
}

// What a decoder answered, in the table's terms.
struct Answer {
  Outcome outcome = Outcome::Accepted;
  std::optional<DecodeError> error;
  std::optional<UpdateDecodeResult> update;
};

template <class T>
Answer answer(const Decoded<T>& d) {
  if (!failed(d)) return {};
  return {Outcome::SessionReset, std::get<DecodeError>(d), std::nullopt};
}

Answer run(const Row& row) {
  switch (row.decoder) {
    case Decoder::Header: return answer(decode_header(row.bytes));
    case Decoder::Keepalive: return answer(decode_keepalive(row.bytes));
    case Decoder::Notification: return answer(decode_notification(row.bytes));
    case Decoder::RouteRefresh: return answer(decode_route_refresh(row.bytes));
    case Decoder::Open: return answer(decode_open(row.bytes));
    case Decoder::Update:
    case Decoder::Update2Octet: {
      SessionCodecOptions options{row.decoder == Decoder::Update};
      UpdateDecodeResult r = decode_update(row.bytes, options);
      return {of(r.action), r.error, r};
    }
  }
  return {};
}

}  // namespace

TEST_CASE("malformed BGP messages: the table is big enough to mean something") {
  CHECK(rows().size() >= 60);
}

TEST_CASE("malformed BGP messages: each gets the answer the RFCs call for") {
  for (const Row& row : rows()) {
    const std::string name = row.name;
    CAPTURE(name);
    const std::string expected = outcome_name(row.outcome);
    CAPTURE(expected);
    Answer a = run(row);
    CHECK(outcome_name(a.outcome) == expected);
    if (row.outcome == Outcome::SessionReset) {
      REQUIRE(a.error.has_value());
      CHECK(static_cast<int>(a.error->code) == static_cast<int>(row.code));
      CHECK(static_cast<int>(a.error->subcode) == static_cast<int>(row.subcode));
      CHECK_FALSE(a.error->reason.empty());
      if (row.data) CHECK(row.data(a.error->data));
    } else if (a.update) {
      CHECK_FALSE(a.update->error.has_value());
      // Anything short of accepted says why, for the log.
      if (row.outcome != Outcome::Accepted) CHECK_FALSE(a.update->reasons.empty());
    }
    if (row.also) {
      REQUIRE(a.update.has_value());
      CHECK(row.also(*a.update));
    }
  }
}

TEST_CASE("malformed UPDATEs that survive re-encode to a message that decodes cleanly") {
  // What the speaker keeps (attribute discard, accepted with an unknown
  // attribute) is what it may propagate: that must never reset the next hop's
  // session, the lesson of CVE-2023-38802.
  for (const Row& row : rows()) {
    if (row.decoder != Decoder::Update || (row.outcome != Outcome::Accepted && row.outcome != Outcome::AttributeDiscard))
      continue;
    const std::string name = row.name;
    CAPTURE(name);
    UpdateDecodeResult first = decode_update(row.bytes);
    auto wire = encode_update(first.update);
    UpdateDecodeResult again = decode_update(std::span<const std::uint8_t>(wire).subspan(kHeaderLength));
    CHECK(again.action != ErrorAction::SessionReset);
    // Stable from here on (re-encoding normalizes: attribute order, Partial bit).
    CHECK(encode_update(again.update) == wire);
  }
}

TEST_CASE("CVE-2023-38802 shape: the carried Tunnel Encapsulation goes out with the Partial bit") {
  const Bytes encap{0x00, 0x07, 0x00, 0x04, 0x01, 0xFF};  // tunnel type 7, TLV length 4 with 2 bytes
  UpdateDecodeResult r = decode_update(update(cat({kMandatory, attr(0xC0, 23, encap)}), kNlri10));
  REQUIRE(r.action == ErrorAction::None);
  Bytes wire = encode_update(r.update);
  const Bytes carried = attr(0xE0, 23, encap);  // optional transitive partial, value untouched
  CHECK(std::search(wire.begin(), wire.end(), carried.begin(), carried.end()) != wire.end());
}
