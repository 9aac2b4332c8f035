// OSPFv2 LSAs (RFC 2328 A.4) over byte fixtures, both directions, and the
// Fletcher checksum of 12.1.7.
#include <doctest/doctest.h>

#include "ospf/codec/lsa.hpp"
#include "ospf_codec_fixtures.hpp"

using namespace l3vpn::ospf;
using namespace ospf_fixtures;

namespace {

constexpr std::uint32_t kR1 = 0x0B0B0B0B;
constexpr std::uint32_t kR3 = 0x21212121;

LsaHeader header(std::uint8_t type, std::uint32_t id, std::uint32_t adv, std::uint16_t checksum,
                 std::uint16_t length, std::uint8_t options = 0x02) {
  return LsaHeader{1, options, type, id, adv, 0x80000001, checksum, length};
}

void check_round_trip(const Lsa& lsa, const Bytes& wire) {
  CHECK(encode_lsa(lsa) == wire);
  auto decoded = decode_lsa(wire);
  REQUIRE_FALSE(dropped(decoded));
  CHECK(std::get<Lsa>(decoded) == lsa);
}

}  // namespace

TEST_CASE("ospf lsa: router-LSA of R3") {
  Lsa lsa{header(ls_type::Router, kR3, kR3, 0xC43C, 60),
          RouterLsa{0,
                    {RouterLink{kR1, 0xC0A80D03, RouterLinkType::PointToPoint, 1, {}},
                     RouterLink{0xC0A80D00, 0xFFFFFF00, RouterLinkType::Stub, 1, {}},
                     RouterLink{0x03030303, 0xFFFFFFFF, RouterLinkType::Stub, 1, {}}}}};
  check_round_trip(lsa, kR3RouterLsa);
}

TEST_CASE("ospf lsa: network-LSA") {
  Lsa lsa{header(ls_type::Network, 0xC0A80D03, kR3, 0xCEDC, 32),
          NetworkLsa{0xFFFFFF00, {kR3, kR1}}};
  check_round_trip(lsa, kNetworkLsa);
}

TEST_CASE("ospf lsa: summary-LSAs of type 3 and 4") {
  check_round_trip(Lsa{header(ls_type::SummaryNetwork, 0x03030303, kR3, 0x635F, 28),
                       SummaryLsa{0xFFFFFFFF, 10, {}}},
                   kSummaryNetworkLsa);
  check_round_trip(Lsa{header(ls_type::SummaryAsbr, kR1, kR3, 0x484F, 28), SummaryLsa{0, 20, {}}},
                   kSummaryAsbrLsa);
}

TEST_CASE("ospf lsa: AS-external-LSA with the E bit") {
  Lsa lsa{header(ls_type::AsExternal, 0x0A000000, kR1, 0xDDAA, 36),
          AsExternalLsa{0xFF000000, ExternalMetric{true, 0, 20, 0, 0}, {}}};
  check_round_trip(lsa, kExternalLsa);
}

TEST_CASE("ospf lsa: an unknown LS type is kept as raw bytes") {
  Lsa lsa{header(10, 0x01000001, kR1, 0x0962, 28, 0x42),
          RawLsa{{0x00, 0x01, 0x00, 0x04, 0xC0, 0xA8, 0x0D, 0x01}}};
  check_round_trip(lsa, kOpaqueLsa);
}

TEST_CASE("ospf lsa: TOS entries are kept in router, summary and external LSAs") {
  Lsa router{header(ls_type::Router, kR3, kR3, 0, 0),
             RouterLsa{router_flag::B | router_flag::E,
                       {RouterLink{kR1, 0xC0A80D03, RouterLinkType::PointToPoint, 1,
                                   {TosMetric{8, 5}, TosMetric{16, 7}}}}}};
  Lsa summary{header(ls_type::SummaryNetwork, 0x03030303, kR3, 0, 0),
              SummaryLsa{0xFFFFFFFF, 10, {TosMetric{2, 0x123456}}}};
  Lsa external{header(ls_type::AsExternal, 0x0A000000, kR1, 0, 0),
               AsExternalLsa{0xFF000000, ExternalMetric{false, 0, 20, 0xC0A80D01, 7},
                             {ExternalMetric{true, 4, 30, 0, 9}}}};
  for (Lsa lsa : {router, summary, external}) {
    Bytes wire = encode_lsa(lsa);
    CHECK(verify_lsa_checksum(wire));
    auto decoded = decode_lsa(wire);
    REQUIRE_FALSE(dropped(decoded));
    lsa.header.checksum = std::get<Lsa>(decoded).header.checksum;
    lsa.header.length = static_cast<std::uint16_t>(wire.size());
    CHECK(std::get<Lsa>(decoded) == lsa);
  }
  CHECK(encode_lsa(router).size() == 20 + 4 + 12 + 8);
}

TEST_CASE("ospf lsa: Fletcher checksum on the fixtures") {
  for (const Bytes* lsa : {&kR3RouterLsa, &kNetworkLsa, &kSummaryNetworkLsa, &kSummaryAsbrLsa,
                           &kExternalLsa, &kOpaqueLsa}) {
    const Bytes& b = *lsa;
    // Matches the independent Python computation pasted in the fixture...
    CHECK(compute_lsa_checksum(b) == (std::uint16_t{b[16]} << 8 | b[17]));
    // ...makes both Fletcher sums over bytes 2.. zero...
    int c0 = 0;
    int c1 = 0;
    for (std::size_t i = 2; i < b.size(); ++i) {
      c0 = (c0 + b[i]) % 255;
      c1 = (c1 + c0) % 255;
    }
    CHECK(c0 == 0);
    CHECK(c1 == 0);
    CHECK(verify_lsa_checksum(b));
    // ...ignores the age...
    Bytes older = b;
    older[0] = 0x0E;
    older[1] = 0x10;  // age 3600 (MaxAge)
    CHECK(verify_lsa_checksum(older));
    // ...and catches any one-byte corruption from the options field on:
    // every other value of every byte, except the one a mod-255 sum cannot
    // see (0x00 <-> 0xFF, equal mod 255: a property of ISO 8473's Fletcher).
    int undetected = 0;
    int tried = 0;
    for (std::size_t i = 2; i < b.size(); ++i) {
      for (int v = 0; v < 256; ++v) {
        if (v % 255 == b[i] % 255) continue;
        Bytes bad = b;
        bad[i] = static_cast<std::uint8_t>(v);
        ++tried;
        if (verify_lsa_checksum(bad)) ++undetected;
      }
    }
    CHECK(tried > 254 * 20);
    CHECK(undetected == 0);
  }
}

TEST_CASE("ospf lsa: a received checksum that verifies is kept on re-encode") {
  // 0x00 and 0xFF are the same in mod-255 arithmetic: the formula never
  // writes 0x00, but an LSA received with 0x00 where it would write 0xFF
  // still verifies, and must be flooded as received. Find such an LSA by
  // varying the link state ID.
  bool found = false;
  for (std::uint32_t id = 0; id < 100000 && !found; ++id) {
    Lsa lsa{header(ls_type::Network, id, kR3, 0, 0), NetworkLsa{0xFFFFFF00, {kR3, kR1}}};
    Bytes wire = encode_lsa(lsa);
    if (wire[17] != 0xFF) continue;
    found = true;
    wire[17] = 0x00;
    REQUIRE(verify_lsa_checksum(wire));
    auto decoded = decode_lsa(wire);
    REQUIRE_FALSE(dropped(decoded));
    CHECK(encode_lsa(std::get<Lsa>(decoded)) == wire);
    // Origination (checksum left 0, which does not verify here) computes it.
    CHECK(encode_lsa(lsa)[17] == 0xFF);
  }
  CHECK(found);
}

TEST_CASE("ospf lsa: headers alone, as in DD and LS Ack") {
  l3vpn::wire::ByteReader r(kR3RouterLsa);
  auto h = decode_lsa_header(r);
  REQUIRE_FALSE(dropped(h));
  CHECK(std::get<LsaHeader>(h) == header(ls_type::Router, kR3, kR3, 0xC43C, 60));
  CHECK(r.offset() == 20);
  l3vpn::wire::ByteWriter w;
  encode_lsa_header(w, std::get<LsaHeader>(h));
  CHECK(w.data() == Bytes(kR3RouterLsa.begin(), kR3RouterLsa.begin() + 20));
}

TEST_CASE("ospf lsa: reserved bytes are kept, so a flooded LSA is unchanged") {
  // Found by the fuzzer: a summary-LSA whose byte before the metric is not 0.
  Bytes wire = {
      0x00, 0x01, 0x02, 0x03,  // age 1, options E, LS type 3
      0x03, 0x03, 0x03, 0x03,  // link state ID 3.3.3.3
      0x21, 0x21, 0x21, 0x21,  // advertising router 33.33.33.33
      0x80, 0x00, 0x00, 0x01,  // sequence
      0x00, 0x00, 0x00, 0x1C,  // checksum (set below), length 28
      0xFF, 0xFF, 0xFF, 0xFF,  // mask /32
      0xFF, 0x00, 0x00, 0x0A,  // reserved 0xFF (should be 0), metric 10
  };
  std::uint16_t c = compute_lsa_checksum(wire);
  wire[16] = static_cast<std::uint8_t>(c >> 8);
  wire[17] = static_cast<std::uint8_t>(c);
  auto decoded = decode_lsa(wire);
  REQUIRE_FALSE(dropped(decoded));
  CHECK(std::get<SummaryLsa>(std::get<Lsa>(decoded).body).metric == 10);
  CHECK(encode_lsa(std::get<Lsa>(decoded)) == wire);
}
