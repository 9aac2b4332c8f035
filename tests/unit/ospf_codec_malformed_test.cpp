// Malformed OSPFv2 packets and LSAs: each is dropped with its reason, and
// nothing reads outside the buffer (the fuzz target checks the latter too).
#include <doctest/doctest.h>

#include <string>

#include "ospf/codec/packet.hpp"
#include "ospf_codec_fixtures.hpp"

using namespace l3vpn::ospf;
using namespace ospf_fixtures;

namespace {

// A packet of `type` from R3 around `body`, with true length and checksum.
Bytes packet(std::uint8_t type, const Bytes& body) {
  Bytes p = cat({{0x02, type, 0x00, 0x00, 0x21, 0x21, 0x21, 0x21, 0, 0, 0, 0, 0, 0, 0, 0,
                  0, 0, 0, 0, 0, 0, 0, 0},
                 body});
  p[2] = static_cast<std::uint8_t>(p.size() >> 8);
  p[3] = static_cast<std::uint8_t>(p.size());
  std::uint16_t c = compute_packet_checksum(p);
  p[12] = static_cast<std::uint8_t>(c >> 8);
  p[13] = static_cast<std::uint8_t>(c);
  return p;
}

// Changes byte `at` of a packet, then fixes its checksum.
Bytes patched(Bytes p, std::size_t at, std::uint8_t value) {
  p[at] = value;
  std::uint16_t c = compute_packet_checksum(p);
  p[12] = static_cast<std::uint8_t>(c >> 8);
  p[13] = static_cast<std::uint8_t>(c);
  return p;
}

// An LSA of `type` around `body`, with true length and Fletcher checksum
// unless `length` is given (then the checksum is computed over what is there).
Bytes lsa(std::uint8_t type, const Bytes& body, int length = -1) {
  Bytes l = cat({{0x00, 0x01, 0x02, type, 0x21, 0x21, 0x21, 0x21, 0x21, 0x21, 0x21, 0x21,
                  0x80, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00},
                 body});
  auto len = static_cast<std::uint16_t>(length < 0 ? static_cast<int>(l.size()) : length);
  l[18] = static_cast<std::uint8_t>(len >> 8);
  l[19] = static_cast<std::uint8_t>(len);
  std::uint16_t c = compute_lsa_checksum(l);
  l[16] = static_cast<std::uint8_t>(c >> 8);
  l[17] = static_cast<std::uint8_t>(c);
  return l;
}

Bytes lsu(std::uint32_t count, const Bytes& lsas) {
  return packet(4, cat({{static_cast<std::uint8_t>(count >> 24), static_cast<std::uint8_t>(count >> 16),
                         static_cast<std::uint8_t>(count >> 8), static_cast<std::uint8_t>(count)},
                        lsas}));
}

Bytes lsu1(const Bytes& one_lsa) { return lsu(1, one_lsa); }

const Bytes kHelloBody(kHelloR1.begin() + 24, kHelloR1.end());
const Bytes kP2pLink = {0x0B, 0x0B, 0x0B, 0x0B, 0xC0, 0xA8, 0x0D, 0x03, 0x01, 0x00, 0x00, 0x01};
const Bytes kRouterTop1 = {0x00, 0x00, 0x00, 0x01};  // flags 0, 1 link

struct Case {
  const char* name;
  Bytes bytes;
  OspfDropReason reason;
};

}  // namespace

TEST_CASE("ospf malformed: each packet is dropped with its reason") {
  using R = OspfDropReason;
  Bytes r3_lsa_bad = kR3RouterLsa;
  r3_lsa_bad[30] ^= 0x01;
  const Case cases[] = {
      {"empty", {}, R::PacketTooShort},
      {"23 bytes", Bytes(kHelloR1.begin(), kHelloR1.begin() + 23), R::PacketTooShort},
      {"version 3", patched(kHelloR1, 0, 3), R::BadVersion},
      {"version 1", patched(kHelloR1, 0, 1), R::BadVersion},
      {"type 0", patched(kHelloR1, 1, 0), R::BadPacketType},
      {"type 6", patched(kHelloR1, 1, 6), R::BadPacketType},
      {"length 20", patched(kHelloR1, 3, 20), R::PacketLengthTooShort},
      {"length 0", patched(kHelloR1, 3, 0), R::PacketLengthTooShort},
      {"length 49 of 48", patched(kHelloR1, 3, 49), R::PacketLengthExceedsBuffer},
      {"cut to 40 bytes", Bytes(kHelloR1.begin(), kHelloR1.begin() + 40), R::PacketLengthExceedsBuffer},
      {"checksum off by one", [] { Bytes b = kHelloR1; b[13] ^= 1; return b; }(), R::BadChecksum},
      {"body byte changed", [] { Bytes b = kHelloR1; b[30] ^= 1; return b; }(), R::BadChecksum},
      {"AuType 3", patched(kHelloR1, 15, 3), R::BadAuType},
      {"AuType 0xFF", patched(kHelloR1, 15, 0xFF), R::BadAuType},
      {"Hello of 12 bytes", packet(1, Bytes(kHelloBody.begin(), kHelloBody.begin() + 12)), R::BodyTruncated},
      {"Hello empty", packet(1, {}), R::BodyTruncated},
      {"Hello neighbor of 2 bytes", packet(1, cat({kHelloBody, {0x0A, 0x0B}})), R::BodyTrailingBytes},
      {"DD of 7 bytes", packet(2, {0x05, 0xDC, 0x02, 0x07, 0x00, 0x00, 0x12}), R::BodyTruncated},
      {"DD with 19 bytes of header",
       packet(2, cat({{0x05, 0xDC, 0x02, 0x03, 0x00, 0x00, 0x12, 0x35},
                      Bytes(kR3RouterLsa.begin(), kR3RouterLsa.begin() + 19)})),
       R::BodyTrailingBytes},
      {"LSR of 11 bytes", packet(3, Bytes(11, 0x01)), R::BodyTrailingBytes},
      {"LSR of 13 bytes", packet(3, Bytes(13, 0x01)), R::BodyTrailingBytes},
      {"LS Ack of 21 bytes", packet(5, Bytes(21, 0x00)), R::BodyTrailingBytes},
      {"LSU of 3 bytes", packet(4, {0, 0, 0}), R::BodyTruncated},
      {"LSU #LSAs 2, one present", lsu(2, kR3RouterLsa), R::LsaCountMismatch},
      {"LSU #LSAs 0, one present", lsu(0, kR3RouterLsa), R::LsaCountMismatch},
      {"LSU 3 bytes after its LSA", lsu(1, cat({kR3RouterLsa, {1, 2, 3}})), R::LsaCountMismatch},
      {"LSU #LSAs 0xFFFFFFFF", lsu(0xFFFFFFFF, kR3RouterLsa), R::LsaCountMismatch},
      {"LSA header of 10 bytes", lsu1(Bytes(kR3RouterLsa.begin(), kR3RouterLsa.begin() + 10)),
       R::LsaHeaderTruncated},
      {"LSA length 19", lsu1(lsa(1, {}, 19)), R::LsaLengthTooShort},
      {"LSA length 0", lsu1(lsa(1, {}, 0)), R::LsaLengthTooShort},
      {"LSA length beyond the packet", lsu1(lsa(1, kRouterTop1, 200)), R::LsaLengthExceedsBuffer},
      {"LS type 0", lsu1(lsa(0, {1, 2, 3, 4})), R::BadLsaType},
      {"LSA Fletcher checksum wrong", lsu1(r3_lsa_bad), R::BadLsaChecksum},
      {"router-LSA of 3 bytes", lsu1(lsa(1, {0, 0, 0})), R::LsaBodyTruncated},
      {"router-LSA 4 links, 1 present", lsu1(lsa(1, cat({{0, 0, 0, 4}, kP2pLink}))), R::LsaBodyTruncated},
      {"router link type 5",
       lsu1(lsa(1, cat({kRouterTop1, {0x0B, 0x0B, 0x0B, 0x0B, 0xC0, 0xA8, 0x0D, 0x03, 0x05, 0, 0, 1}}))),
       R::BadRouterLinkType},
      {"router link type 0",
       lsu1(lsa(1, cat({kRouterTop1, {0x0B, 0x0B, 0x0B, 0x0B, 0xC0, 0xA8, 0x0D, 0x03, 0x00, 0, 0, 1}}))),
       R::BadRouterLinkType},
      {"router link 1 TOS, none present",
       lsu1(lsa(1, cat({kRouterTop1, {0x0B, 0x0B, 0x0B, 0x0B, 0xC0, 0xA8, 0x0D, 0x03, 0x01, 1, 0, 1}}))),
       R::LsaBodyTruncated},
      {"router-LSA 2 bytes after links", lsu1(lsa(1, cat({kRouterTop1, kP2pLink, {0, 0}}))),
       R::LsaTrailingBytes},
      {"network-LSA of 2 bytes", lsu1(lsa(2, {0xFF, 0xFF})), R::LsaBodyTruncated},
      {"network-LSA router of 2 bytes", lsu1(lsa(2, {0xFF, 0xFF, 0xFF, 0, 0x21, 0x21})),
       R::LsaTrailingBytes},
      {"summary-LSA of 7 bytes", lsu1(lsa(3, {0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0})), R::LsaBodyTruncated},
      {"summary-LSA TOS of 2 bytes", lsu1(lsa(3, {0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 10, 8, 0})),
       R::LsaTrailingBytes},
      {"AS-external of 15 bytes", lsu1(lsa(5, Bytes(15, 0))), R::LsaBodyTruncated},
      {"AS-external TOS of 11 bytes", lsu1(lsa(5, Bytes(16 + 11, 0))), R::LsaTrailingBytes},
  };
  static_assert(std::size(cases) >= 30);
  for (const Case& c : cases) {
    CAPTURE(std::string(c.name));
    auto decoded = decode_packet(c.bytes);
    REQUIRE(dropped(decoded));
    const OspfDrop& why = std::get<OspfDrop>(decoded);
    CHECK(to_string(why.reason) == to_string(c.reason));
    CHECK_FALSE(why.detail.empty());
  }
}

TEST_CASE("ospf malformed: one LSA with bytes after its length") {
  auto decoded = decode_lsa(cat({kR3RouterLsa, {0}}));
  REQUIRE(dropped(decoded));
  CHECK(std::get<OspfDrop>(decoded).reason == OspfDropReason::LsaTrailingBytes);
}

TEST_CASE("ospf malformed: every truncation of a valid LSU is dropped, never read past") {
  for (std::size_t n = 0; n < kLsuR3.size(); ++n) {
    CAPTURE(n);
    CHECK(dropped(decode_packet(Bytes(kLsuR3.begin(), kLsuR3.begin() + static_cast<std::ptrdiff_t>(n)))));
  }
}
