// OSPFv2 packets (RFC 2328 A.3): each of the five types encoded to a byte
// fixture of the seed lab and decoded back; the header checksum.
#include <doctest/doctest.h>

#include "ospf/codec/packet.hpp"
#include "ospf_codec_fixtures.hpp"

using namespace l3vpn::ospf;
using namespace ospf_fixtures;

namespace {

constexpr std::uint32_t kR1 = 0x0B0B0B0B;  // 11.11.11.11
constexpr std::uint32_t kR3 = 0x21212121;  // 33.33.33.33

PacketHeader header_of(std::uint32_t router_id) {
  PacketHeader h;
  h.router_id = router_id;
  return h;
}

LsaHeader r3_router_lsa_header() {
  return LsaHeader{1, option::E, ls_type::Router, kR3, kR3, 0x80000001, 0xC43C, 60};
}

RouterLsa r3_router_lsa_body() {
  return RouterLsa{0,
                   {RouterLink{kR1, 0xC0A80D03, RouterLinkType::PointToPoint, 1, {}},
                    RouterLink{0xC0A80D00, 0xFFFFFF00, RouterLinkType::Stub, 1, {}},
                    RouterLink{0x03030303, 0xFFFFFFFF, RouterLinkType::Stub, 1, {}}}};
}

// Encodes `packet`, compares with `wire`, decodes `wire` and compares back
// (the decoded header carries the length, type and checksum of the wire).
void check_round_trip(Packet packet, const Bytes& wire) {
  CHECK(encode_packet(packet) == wire);
  auto decoded = decode_packet(wire);
  REQUIRE_FALSE(dropped(decoded));
  const Packet& got = std::get<Packet>(decoded);
  packet.header.type = static_cast<PacketType>(packet.body.index() + 1);
  packet.header.length = static_cast<std::uint16_t>(wire.size());
  packet.header.checksum = got.header.checksum;
  CHECK(got == packet);
  CHECK(got.header.checksum == (std::uint16_t{wire[12]} << 8 | wire[13]));
}

}  // namespace

TEST_CASE("ospf packet: R1's Hello encodes to the fixture and decodes back") {
  Hello hello{0xFFFFFF00, 10, option::E, 1, 40, 0, 0, {kR3}};
  check_round_trip(Packet{header_of(kR1), hello}, kHelloR1);
  auto decoded = std::get<Packet>(decode_packet(kHelloR1));
  CHECK(decoded.header.type == PacketType::Hello);
  CHECK(decoded.header.length == 48);
  CHECK(decoded.header.area_id == 0);
  CHECK(std::get<Hello>(decoded.body).router_dead_interval == 40);
}

TEST_CASE("ospf packet: R3's Database Descriptions, with and without LSA headers") {
  DatabaseDescription init{1500, option::E, dd_flag::I | dd_flag::M | dd_flag::MS, 0x1234, {}};
  check_round_trip(Packet{header_of(kR3), init}, kDdR3Init);
  DatabaseDescription next{1500, option::E, dd_flag::M | dd_flag::MS, 0x1235,
                           {r3_router_lsa_header()}};
  check_round_trip(Packet{header_of(kR3), next}, kDdR3Headers);
}

TEST_CASE("ospf packet: R1's Link State Request") {
  LinkStateRequest lsr{{LsRequest{ls_type::Router, kR3, kR3}}};
  check_round_trip(Packet{header_of(kR1), lsr}, kLsrR1);
}

TEST_CASE("ospf packet: R3's Link State Update carrying its router-LSA") {
  LinkStateUpdate lsu{{Lsa{r3_router_lsa_header(), r3_router_lsa_body()}}};
  check_round_trip(Packet{header_of(kR3), lsu}, kLsuR3);
}

TEST_CASE("ospf packet: an originated LSA gets its checksum and length computed") {
  LsaHeader h = r3_router_lsa_header();
  h.checksum = 0;
  h.length = 0;
  LinkStateUpdate lsu{{Lsa{h, r3_router_lsa_body()}}};
  CHECK(encode_packet(Packet{header_of(kR3), lsu}) == kLsuR3);
}

TEST_CASE("ospf packet: R1's Link State Ack") {
  LinkStateAck ack{{r3_router_lsa_header()}};
  check_round_trip(Packet{header_of(kR1), ack}, kLsAckR1);
}

TEST_CASE("ospf packet: the checksum skips the authentication field") {
  CHECK(compute_packet_checksum(kHelloR1) == 0xA442);
  Bytes with_password = kHelloR1;
  for (std::size_t i = 16; i < 24; ++i) with_password[i] = 0x55;
  CHECK(compute_packet_checksum(with_password) == 0xA442);
  // Every one-byte change outside it is caught.
  for (std::size_t i = 0; i < kHelloR1.size(); ++i) {
    if (i >= 12 && i < 24) continue;
    Bytes bad = kHelloR1;
    bad[i] = static_cast<std::uint8_t>(bad[i] ^ 0x10);
    CHECK(compute_packet_checksum(bad) != 0xA442);
  }
}

TEST_CASE("ospf packet: bytes after the packet length (a crypto digest) are not decoded") {
  Bytes trailer = cat({kHelloR1, Bytes(16, 0xAB)});
  auto decoded = decode_packet(trailer);
  REQUIRE_FALSE(dropped(decoded));
  CHECK(std::get<Packet>(decoded).header.length == 48);
}

TEST_CASE("ospf packet: drop reasons have names") {
  CHECK(to_string(OspfDropReason::BadChecksum) == "bad-checksum");
  CHECK(to_string(OspfDropReason::AuthSequenceBackwards) == "auth-sequence-backwards");
}
