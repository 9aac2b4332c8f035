// The OSPF raw socket's receive side: the IPv4 header is stripped by IHL
// (options included) and bad datagrams are refused with a reason.
#include <doctest/doctest.h>

#include <vector>

#include "ospf/transport/ip_datagram.hpp"

using namespace l3vpn::ospf;

namespace {

// 20-byte header: 10.0.12.2 -> 224.0.0.5, protocol 89, TTL 1, total 24.
std::vector<std::uint8_t> datagram() {
  return {0x45, 0xC0, 0x00, 0x18,  // version 4, IHL 5, TOS 0xC0, total length 24
          0x00, 0x00, 0x00, 0x00,  // identification, flags, fragment offset
          0x01, 0x59, 0x00, 0x00,  // TTL 1, protocol 89, checksum
          10,   0,    12,   2,     // source
          224,  0,    0,    5,     // destination
          0x02, 0x01, 0x00, 0x2C};  // the first OSPF bytes (version 2, Hello, length 44)
}

}  // namespace

TEST_CASE("a 20-byte header is stripped: source, destination and OSPF bytes") {
  const auto bytes = datagram();
  auto parsed = parse_ip_datagram(bytes);
  REQUIRE(std::holds_alternative<IpDatagram>(parsed));
  const IpDatagram& d = std::get<IpDatagram>(parsed);
  CHECK(d.source == 0x0A000C02u);
  CHECK(d.destination == kAllSpfRouters);
  CHECK(d.protocol == kOspfIpProtocol);
  CHECK(d.ttl == 1);
  REQUIRE(d.payload.size() == 4);
  CHECK(d.payload[0] == 0x02);
  CHECK(d.payload[1] == 0x01);
}

TEST_CASE("IP options: IHL 6 skips 24 bytes") {
  auto bytes = datagram();
  bytes[0] = 0x46;
  bytes[3] = 0x1C;  // total 28
  bytes.insert(bytes.begin() + 20, {0x94, 0x04, 0x00, 0x00});  // router alert option
  auto parsed = parse_ip_datagram(bytes);
  REQUIRE(std::holds_alternative<IpDatagram>(parsed));
  CHECK(std::get<IpDatagram>(parsed).payload.size() == 4);
  CHECK(std::get<IpDatagram>(parsed).payload[0] == 0x02);
}

TEST_CASE("bad datagrams are refused with their reason") {
  auto short_one = datagram();
  short_one.resize(19);
  CHECK(std::get<IpDropReason>(parse_ip_datagram(short_one)) == IpDropReason::Short);
  auto v6 = datagram();
  v6[0] = 0x65;
  CHECK(std::get<IpDropReason>(parse_ip_datagram(v6)) == IpDropReason::NotIpv4);
  auto ihl = datagram();
  ihl[0] = 0x44;
  CHECK(std::get<IpDropReason>(parse_ip_datagram(ihl)) == IpDropReason::BadHeaderLength);
  auto ihl_beyond = datagram();
  ihl_beyond[0] = 0x4F;  // 60 bytes of header in 24
  CHECK(std::get<IpDropReason>(parse_ip_datagram(ihl_beyond)) == IpDropReason::BadHeaderLength);
  auto total = datagram();
  total[3] = 0x40;  // 64 announced, 24 read
  CHECK(std::get<IpDropReason>(parse_ip_datagram(total)) == IpDropReason::BadTotalLength);
}
