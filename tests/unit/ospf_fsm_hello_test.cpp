// Received Hellos (RFC 2328 section 10.5) turned into neighbor and interface
// events or dropped, and our own Hello (9.5), on the seed lab's R1
// 11.11.11.11 - R3 33.33.33.33 point-to-point link 192.168.13.0/24
// (hello 10 s, dead 40 s) and a broadcast segment 10.0.123.0/24.
#include <doctest/doctest.h>

#include "ospf/codec/packet.hpp"
#include "ospf/hello.hpp"
#include "ospf_codec_fixtures.hpp"

using namespace l3vpn::ospf;

namespace {

constexpr std::uint32_t kR1 = 0x0B0B0B0B, kR2 = 0x16161616, kR3 = 0x21212121;
constexpr std::uint32_t kR1Link = 0xC0A80D01, kR3Link = 0xC0A80D03;  // 192.168.13.1 / .3
constexpr std::uint32_t kA1 = 0x0A007B01, kA2 = 0x0A007B02;            // 10.0.123.x

InterfaceConfig r3_p2p() {
  InterfaceConfig c;
  c.type = NetworkType::PointToPoint;
  c.router_id = kR3;
  c.address = kR3Link;
  c.mask = 0xFFFFFF00;
  return c;
}

InterfaceConfig r1_broadcast() {
  InterfaceConfig c;
  c.type = NetworkType::Broadcast;
  c.router_id = kR1;
  c.address = kA1;
  c.mask = 0xFFFFFF00;
  return c;
}

Hello r1_hello(std::vector<std::uint32_t> neighbors = {kR3}) {
  return Hello{0xFFFFFF00, 10, option::E, 1, 40, 0, 0, std::move(neighbors)};
}

HelloDropReason drop_of(const HelloResult& r) {
  REQUIRE(std::holds_alternative<HelloDropReason>(r));
  return std::get<HelloDropReason>(r);
}

HelloOutcome outcome_of(const HelloResult& r) {
  REQUIRE(std::holds_alternative<HelloOutcome>(r));
  return std::get<HelloOutcome>(r);
}

}  // namespace

TEST_CASE("ospf hello: R1's Hello listing R3 is 2-WayReceived on R3's p2p link") {
  auto o = outcome_of(process_hello(r3_p2p(), InterfaceState::PointToPoint, r1_hello(), kR1Link, kR1, {}));
  CHECK(o.neighbor_events == std::vector{NeighborEvent::HelloReceived, NeighborEvent::TwoWayReceived});
  CHECK(o.interface_events.empty());
  CHECK(o.priority == 1);
}

TEST_CASE("ospf hello: not listed yet is 1-WayReceived") {
  auto o = outcome_of(process_hello(r3_p2p(), InterfaceState::PointToPoint, r1_hello({}), kR1Link, kR1, {}));
  CHECK(o.neighbor_events == std::vector{NeighborEvent::HelloReceived, NeighborEvent::OneWayReceived});
}

TEST_CASE("ospf hello: mismatches are dropped with their reason") {
  Hello h = r1_hello();
  h.hello_interval = 5;
  CHECK(drop_of(process_hello(r3_p2p(), InterfaceState::PointToPoint, h, kR1Link, kR1, {})) ==
        HelloDropReason::HelloIntervalMismatch);
  h = r1_hello();
  h.router_dead_interval = 120;
  CHECK(drop_of(process_hello(r3_p2p(), InterfaceState::PointToPoint, h, kR1Link, kR1, {})) ==
        HelloDropReason::DeadIntervalMismatch);
  h = r1_hello();
  h.options = 0;  // stub area on the other side
  CHECK(drop_of(process_hello(r3_p2p(), InterfaceState::PointToPoint, h, kR1Link, kR1, {})) ==
        HelloDropReason::ExternalOptionMismatch);
  CHECK(drop_of(process_hello(r3_p2p(), InterfaceState::PointToPoint, r1_hello(), kR3Link, kR3, {})) ==
        HelloDropReason::OwnRouterId);
  CHECK(to_string(HelloDropReason::HelloIntervalMismatch) == "hello-interval-mismatch");
}

TEST_CASE("ospf hello: the network mask matters on broadcast only") {
  Hello h = r1_hello();
  h.network_mask = 0xFFFFFFFC;
  CHECK_FALSE(std::holds_alternative<HelloDropReason>(
      process_hello(r3_p2p(), InterfaceState::PointToPoint, h, kR1Link, kR1, {})));
  h.neighbors = {kR1};
  CHECK(drop_of(process_hello(r1_broadcast(), InterfaceState::Waiting, h, kA2, kR2, {})) ==
        HelloDropReason::NetworkMaskMismatch);
}

TEST_CASE("ospf hello: DR and BDR declarations are BackupSeen while Waiting, NeighborChange after") {
  Hello h{0xFFFFFF00, 10, option::E, 1, 40, kA2, 0, {kR1}};  // R2 declares itself DR, no BDR
  auto o = outcome_of(process_hello(r1_broadcast(), InterfaceState::Waiting, h, kA2, kR2, {}));
  CHECK(o.interface_events == std::vector{InterfaceEvent::BackupSeen});
  CHECK(o.designated_router == kA2);

  h.designated_router = 0x0A007B03;
  h.backup_designated_router = kA2;  // R2 declares itself BDR
  o = outcome_of(process_hello(r1_broadcast(), InterfaceState::Waiting, h, kA2, kR2, {}));
  CHECK(o.interface_events == std::vector{InterfaceEvent::BackupSeen});

  // After Waiting: a changed declaration is a NeighborChange; an unchanged one nothing.
  PreviousHello before{1, 0x0A007B03, kA2};
  o = outcome_of(process_hello(r1_broadcast(), InterfaceState::DrOther, h, kA2, kR2, before));
  CHECK(o.interface_events.empty());
  h.designated_router = kA2;
  h.backup_designated_router = 0;  // R2 now claims DR
  o = outcome_of(process_hello(r1_broadcast(), InterfaceState::DrOther, h, kA2, kR2, before));
  CHECK(o.interface_events == std::vector{InterfaceEvent::NeighborChange});
  // A priority change alone is a NeighborChange.
  h = Hello{0xFFFFFF00, 10, option::E, 7, 40, 0x0A007B03, kA2, {kR1}};
  o = outcome_of(process_hello(r1_broadcast(), InterfaceState::DrOther, h, kA2, kR2, before));
  CHECK(o.interface_events == std::vector{InterfaceEvent::NeighborChange});
}

TEST_CASE("ospf hello: R1's own Hello built from its interface is the codec fixture") {
  InterfaceConfig c = r3_p2p();
  c.router_id = kR1;
  c.address = kR1Link;
  std::vector<std::uint32_t> heard{kR3};
  Hello h = build_hello(c, 0, 0, heard);
  CHECK(h == r1_hello());
  PacketHeader header;
  header.router_id = kR1;
  CHECK(encode_packet(Packet{header, h}) == ospf_fixtures::kHelloR1);
}
