// BGP message framing, OPEN, KEEPALIVE, NOTIFICATION and ROUTE-REFRESH over
// byte fixtures commented field by field, in both directions.
#include <doctest/doctest.h>

#include <vector>

#include "bgp/codec/message.hpp"
#include "bgp/codec/open.hpp"

using namespace l3vpn::bgp;
using Bytes = std::vector<std::uint8_t>;

namespace {

Bytes marker() { return Bytes(16, 0xFF); }

Bytes cat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const Bytes& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

Bytes body_of(const Bytes& message) { return Bytes(message.begin() + 19, message.end()); }

template <class T>
DecodeError error_of(const Decoded<T>& d) {
  REQUIRE(failed(d));
  return std::get<DecodeError>(d);
}

// R3's OPEN to R2 in the seed lab: AS 65103, hold 180, id 3.3.3.3, VPNv4 + IPv4.
const Bytes kR3Open = cat({marker(),
                           {0x00, 0x33,               // length 51
                            0x01,                     // OPEN
                            0x04,                     // version 4
                            0xFE, 0x4F,               // my AS 65103
                            0x00, 0xB4,               // hold time 180
                            0x03, 0x03, 0x03, 0x03,   // BGP identifier 3.3.3.3
                            0x16,                     // optional parameters: 22 bytes
                            0x02, 0x14,               // capabilities parameter, 20 bytes
                            0x01, 0x04, 0x00, 0x01, 0x00, 0x80,  // MP: AFI 1, SAFI 128 (VPNv4)
                            0x01, 0x04, 0x00, 0x01, 0x00, 0x01,  // MP: AFI 1, SAFI 1
                            0x02, 0x00,                          // route refresh
                            0x41, 0x04, 0x00, 0x00, 0xFE, 0x4F}}); // 4-octet AS 65103

}  // namespace

TEST_CASE("R3's OPEN encodes to the fixture and decodes back") {
  Open open = make_open(65103, 180, 0x03030303, {kVpnv4Unicast, kIpv4Unicast});
  CHECK(encode_open(open) == kR3Open);

  auto header = decode_header(kR3Open);
  REQUIRE_FALSE(failed(header));
  CHECK(std::get<MessageHeader>(header).type == MessageType::Open);
  CHECK(std::get<MessageHeader>(header).length == 51);

  auto decoded = decode_open(body_of(kR3Open));
  REQUIRE_FALSE(failed(decoded));
  CHECK(std::get<Open>(decoded) == open);
  CHECK(std::get<Open>(decoded).asn() == 65103);
}

TEST_CASE("a 4-octet AS goes out as AS_TRANS with the real AS in its capability") {
  Open open = make_open(4200000001u, 90, 0x01010101, {kVpnv4Unicast});
  CHECK(open.my_as == kAsTrans);
  auto decoded = decode_open(body_of(encode_open(open)));
  REQUIRE_FALSE(failed(decoded));
  CHECK(std::get<Open>(decoded).asn() == 4200000001u);
}

TEST_CASE("unknown capabilities are kept, not refused") {
  Bytes body = {0x04, 0xFE, 0x4F, 0x00, 0xB4, 0x02, 0x02, 0x02, 0x02,
                0x06,              // optional parameters: 6 bytes
                0x02, 0x04,        // capabilities, 4 bytes
                0x46, 0x02, 0xAB, 0xCD};  // code 70, value ABCD
  auto decoded = decode_open(body);
  REQUIRE_FALSE(failed(decoded));
  const auto& unknown = std::get<Open>(decoded).capabilities.unknown;
  REQUIRE(unknown.size() == 1);
  CHECK(unknown[0].code == 70);
  CHECK(unknown[0].value == Bytes{0xAB, 0xCD});
}

TEST_CASE("a malformed OPEN maps to the NOTIFICATION of RFC 4271 section 6.2") {
  Bytes fixed = {0x04, 0xFE, 0x4F, 0x00, 0xB4, 0x03, 0x03, 0x03, 0x03, 0x00};
  SUBCASE("version 3: unsupported version, data is the version we speak") {
    Bytes b = fixed;
    b[0] = 3;
    auto e = error_of(decode_open(b));
    CHECK(e.code == ErrorCode::OpenMessage);
    CHECK(e.subcode == open_subcode::UnsupportedVersionNumber);
    CHECK(e.data == Bytes{0x00, 0x04});
  }
  SUBCASE("hold time 2: unacceptable") {
    Bytes b = fixed;
    b[3] = 0;
    b[4] = 2;
    CHECK(error_of(decode_open(b)).subcode == open_subcode::UnacceptableHoldTime);
  }
  SUBCASE("identifier 0.0.0.0: bad BGP identifier") {
    Bytes b = fixed;
    b[5] = b[6] = b[7] = b[8] = 0;
    CHECK(error_of(decode_open(b)).subcode == open_subcode::BadBgpIdentifier);
  }
  SUBCASE("optional parameters length past the end") {
    Bytes b = fixed;
    b[9] = 8;
    auto e = error_of(decode_open(b));
    CHECK(e.code == ErrorCode::MessageHeader);
    CHECK(e.subcode == header_subcode::BadMessageLength);
  }
  SUBCASE("optional parameter of type 1 (authentication, deprecated)") {
    Bytes b = fixed;
    b[9] = 3;
    b.insert(b.end(), {0x01, 0x01, 0x00});
    CHECK(error_of(decode_open(b)).subcode == open_subcode::UnsupportedOptionalParameter);
  }
  SUBCASE("capability longer than its parameter") {
    Bytes b = fixed;
    b[9] = 4;
    b.insert(b.end(), {0x02, 0x02, 0x01, 0x04});
    auto e = error_of(decode_open(b));
    CHECK(e.code == ErrorCode::OpenMessage);
    CHECK(e.subcode == 0);
  }
  SUBCASE("multiprotocol capability of 3 bytes") {
    Bytes b = fixed;
    b[9] = 7;
    b.insert(b.end(), {0x02, 0x05, 0x01, 0x03, 0x00, 0x01, 0x00});
    CHECK(error_of(decode_open(b)).code == ErrorCode::OpenMessage);
  }
  SUBCASE("truncated fixed part") {
    CHECK(error_of(decode_open(Bytes{0x04, 0xFE})).subcode == header_subcode::BadMessageLength);
  }
}

TEST_CASE("the header is checked before anything else") {
  SUBCASE("a marker with one bit clear: connection not synchronized") {
    Bytes m = encode_keepalive();
    m[7] = 0xFE;
    auto e = error_of(decode_header(m));
    CHECK(e.code == ErrorCode::MessageHeader);
    CHECK(e.subcode == header_subcode::ConnectionNotSynchronized);
  }
  SUBCASE("type 9: bad message type, data is the type") {
    Bytes m = encode_keepalive();
    m[18] = 9;
    auto e = error_of(decode_header(m));
    CHECK(e.subcode == header_subcode::BadMessageType);
    CHECK(e.data == Bytes{9});
  }
  SUBCASE("a KEEPALIVE of 20 bytes: bad length, data is the length field") {
    Bytes m = cat({marker(), {0x00, 0x14, 0x04}});
    auto e = error_of(decode_header(m));
    CHECK(e.subcode == header_subcode::BadMessageLength);
    CHECK(e.data == Bytes{0x00, 0x14});
  }
  SUBCASE("an OPEN of 28 bytes is too short for an OPEN") {
    Bytes m = cat({marker(), {0x00, 0x1C, 0x01}});
    CHECK(error_of(decode_header(m)).subcode == header_subcode::BadMessageLength);
  }
  SUBCASE("5000 bytes is too long without the extended message capability") {
    Bytes m = cat({marker(), {0x13, 0x88, 0x02}});
    CHECK(failed(decode_header(m)));
    CHECK_FALSE(failed(decode_header(m, kMaxExtendedMessageLength)));
  }
  SUBCASE("18 bytes are not a header") {
    Bytes m(18, 0xFF);
    CHECK(failed(decode_header(m)));
  }
}

TEST_CASE("NOTIFICATION round trip: hold timer expired") {
  Bytes expected = cat({marker(), {0x00, 0x15,  // length 21
                                   0x03,        // NOTIFICATION
                                   0x04,        // hold timer expired
                                   0x00}});     // subcode 0
  Notification n{ErrorCode::HoldTimerExpired, 0, {}};
  CHECK(encode_notification(n) == expected);
  auto decoded = decode_notification(body_of(expected));
  REQUIRE_FALSE(failed(decoded));
  CHECK(std::get<Notification>(decoded) == n);
  CHECK(failed(decode_notification(Bytes{0x06})));
}

TEST_CASE("a decode error becomes the NOTIFICATION it names") {
  DecodeError e{ErrorCode::OpenMessage, open_subcode::BadPeerAs, {0xFE, 0x4F}, "peer AS 65103"};
  Bytes wire = encode_notification(to_notification(e));
  CHECK(wire == cat({marker(), {0x00, 0x17, 0x03, 0x02, 0x02, 0xFE, 0x4F}}));
}

TEST_CASE("ROUTE-REFRESH for VPNv4, and one of the wrong length") {
  Bytes expected = cat({marker(), {0x00, 0x17, 0x05,  // length 23, ROUTE-REFRESH
                                   0x00, 0x01,        // AFI IPv4
                                   0x00,              // subtype: normal
                                   0x80}});           // SAFI 128
  RouteRefresh rr{1, 0, 128};
  CHECK(encode_route_refresh(rr) == expected);
  auto decoded = decode_route_refresh(body_of(expected));
  REQUIRE_FALSE(failed(decoded));
  CHECK(std::get<RouteRefresh>(decoded) == rr);

  auto e = error_of(decode_route_refresh(Bytes{0x00, 0x01, 0x00, 0x80, 0x00}));
  CHECK(e.code == ErrorCode::RouteRefreshMessage);
  CHECK(e.subcode == route_refresh_subcode::InvalidMessageLength);
}

TEST_CASE("KEEPALIVE is a bare header") {
  CHECK(encode_keepalive() == cat({marker(), {0x00, 0x13, 0x04}}));
  CHECK_FALSE(failed(decode_keepalive({})));
  CHECK(failed(decode_keepalive(Bytes{0x00})));
}
