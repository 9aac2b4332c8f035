// rtnetlink route requests as bytes, checked field by field, and the kernel's
// acks parsed back (tests/kernel runs the same requests against a kernel).
#include <doctest/doctest.h>

#include <cstring>

#include "kernel/route_message.hpp"

namespace {

using namespace l3vpn::kernel;

Ipv4Address a(const char* text) { return *Ipv4Address::parse(text); }
Ipv4Prefix p(const char* text) { return *Ipv4Prefix::parse(text); }

const InterfaceIndexes kIndexes{{"eth1", 3}, {"eth2", 4}, {"Technique", 9}};

std::vector<std::uint8_t> bytes(std::initializer_list<int> list) {
  std::vector<std::uint8_t> out;
  for (int b : list) out.push_back(static_cast<std::uint8_t>(b));
  return out;
}

}  // namespace

TEST_CASE("kernel route message: replace a VRF route with encap mpls 100/200, byte by byte") {
  Ipv4Route route;
  route.table = 1001;
  route.prefix = p("10.1.0.0/24");
  route.next_hops = {{a("192.0.2.1"), "eth1", {100, 200}}};
  RequestBuffer buffer;
  REQUIRE(!buffer.append(RouteRequest::Replace, route, kIndexes, 7));
  CHECK(buffer.messages() == 1);
  CHECK(buffer.bytes() == bytes({
      84, 0, 0, 0,             // nlmsg_len 84 (little-endian host)
      24, 0,                   // RTM_NEWROUTE
      0x05, 0x05,              // NLM_F_REQUEST | NLM_F_ACK | NLM_F_REPLACE | NLM_F_CREATE
      7, 0, 0, 0,              // seq 7
      0, 0, 0, 0,              // pid 0
      2, 24, 0, 0,             // rtmsg: AF_INET, dst_len 24, src_len 0, tos 0
      252, 248, 0, 1,          // table RT_TABLE_COMPAT (>255 goes in RTA_TABLE), proto 248, scope universe, RTN_UNICAST
      0, 0, 0, 0,              // rtm_flags
      8, 0, 15, 0, 0xe9, 3, 0, 0,      // RTA_TABLE 1001
      8, 0, 1, 0, 10, 1, 0, 0,         // RTA_DST 10.1.0.0
      8, 0, 5, 0, 192, 0, 2, 1,        // RTA_GATEWAY 192.0.2.1
      8, 0, 4, 0, 3, 0, 0, 0,          // RTA_OIF 3
      6, 0, 21, 0, 1, 0, 0, 0,         // RTA_ENCAP_TYPE LWTUNNEL_ENCAP_MPLS (+2 pad)
      16, 0, 22, 0,                    // RTA_ENCAP nest
      12, 0, 1, 0,                     //   MPLS_IPTUNNEL_DST
      0x00, 0x06, 0x40, 0x00,          //     label 100, not bottom of stack
      0x00, 0x0c, 0x81, 0x00,          //     label 200, bottom of stack
  }));
}

TEST_CASE("kernel route message: an MPLS swap 16 -> 17 via inet 192.0.2.1 dev eth1") {
  RequestBuffer buffer;
  REQUIRE(!buffer.append(RouteRequest::Replace, MplsRoute{16, {17}, a("192.0.2.1"), "eth1", kRouteProtocol},
                         kIndexes, 1));
  CHECK(buffer.bytes() == bytes({
      64, 0, 0, 0, 24, 0, 0x05, 0x05, 1, 0, 0, 0, 0, 0, 0, 0,
      28, 20, 0, 0,            // AF_MPLS, dst_len 20
      254, 248, 0, 1,          // RT_TABLE_MAIN, proto 248, universe, unicast
      0, 0, 0, 0,
      8, 0, 1, 0, 0x00, 0x01, 0x01, 0x00,          // RTA_DST label 16, bottom of stack
      8, 0, 19, 0, 0x00, 0x01, 0x11, 0x00,         // RTA_NEWDST label 17, bottom of stack
      10, 0, 18, 0, 2, 0, 192, 0, 2, 1, 0, 0,      // RTA_VIA AF_INET 192.0.2.1 (+2 pad)
      8, 0, 4, 0, 3, 0, 0, 0,                      // RTA_OIF 3
  }));
}

TEST_CASE("kernel route message: ECMP next hops each in an rtnexthop with its own encap") {
  Ipv4Route route;
  route.table = 1001;
  route.prefix = p("10.30.0.0/16");
  route.next_hops = {{a("192.0.2.1"), "eth1", {100, 200}}, {a("198.51.100.1"), "eth2", {}}};
  RequestBuffer buffer;
  REQUIRE(!buffer.append(RouteRequest::Replace, route, kIndexes, 1));
  const auto& b = buffer.bytes();
  // After header (16), rtmsg (12), RTA_TABLE (8), RTA_DST (8): RTA_MULTIPATH.
  const std::size_t multipath = 44;
  CHECK(b[multipath + 2] == 9);  // RTA_MULTIPATH
  const std::size_t first = multipath + 4;
  // rtnexthop: len 8 + gateway 8 + encap type 8 + encap nest 16 = 40, ifindex 3.
  CHECK(b[first] == 40);
  CHECK(b[first + 4] == 3);
  const std::size_t second = first + 40;
  CHECK(b[second] == 16);  // rtnexthop 8 + gateway 8, no encap
  CHECK(b[second + 4] == 4);
  CHECK(b[second + 12] == 198);
  CHECK(b.size() == second + 16);
  CHECK(b[multipath] == 4 + 40 + 16);  // nest length
}

TEST_CASE("kernel route message: a delete carries only the key and our protocol; blackhole has no next hop") {
  Ipv4Route route;
  route.table = 1001;
  route.prefix = p("10.40.0.0/16");
  route.type = RouteType::Blackhole;
  RequestBuffer buffer;
  REQUIRE(!buffer.append(RouteRequest::Delete, route, kIndexes, 2));
  const auto& b = buffer.bytes();
  CHECK(b[4] == 25);          // RTM_DELROUTE
  CHECK(b[6] == 0x05);        // REQUEST | ACK, no CREATE/REPLACE
  CHECK(b[7] == 0x00);
  CHECK(b[18] == 0);          // tos
  CHECK(b[21] == 248);        // protocol: only ours is deleted
  CHECK(b[22] == 255);        // RT_SCOPE_NOWHERE: any scope
  CHECK(b[23] == 6);          // RTN_BLACKHOLE
  CHECK(b.size() == 16 + 12 + 8 + 8);
}

TEST_CASE("kernel route message: a next hop out an unknown device appends nothing") {
  Ipv4Route route;
  route.prefix = p("10.1.0.0/24");
  route.next_hops = {{a("192.0.2.1"), "eth9", {}}};
  RequestBuffer buffer;
  const auto error = buffer.append(RouteRequest::Replace, route, kIndexes, 1);
  REQUIRE(error);
  CHECK(error->message.find("no interface eth9") != std::string::npos);
  CHECK(buffer.size() == 0);
  CHECK(buffer.messages() == 0);
}

TEST_CASE("kernel acks: success, an error with the kernel's text, and a truncated answer") {
  std::vector<std::uint8_t> in = bytes({
      36, 0, 0, 0, 2, 0, 0, 0x01, 5, 0, 0, 0, 0, 0, 0, 0,  // NLMSG_ERROR, NLM_F_CAPPED, seq 5
      0, 0, 0, 0,                                          // error 0: done
      84, 0, 0, 0, 24, 0, 5, 5, 5, 0, 0, 0, 0, 0, 0, 0,    // the request's header
      // seq 6: -ENODEV (19) with NLMSGERR_ATTR_MSG "Nexthop device is not up"
      68, 0, 0, 0, 2, 0, 0, 0x03, 6, 0, 0, 0, 0, 0, 0, 0,  // len 68, CAPPED | ACK_TLVS
      0xed, 0xff, 0xff, 0xff,
      84, 0, 0, 0, 24, 0, 5, 5, 6, 0, 0, 0, 0, 0, 0, 0,
      29, 0, 1, 0,  // NLMSGERR_ATTR_MSG, 4 + 25 bytes
  });
  const char text[] = "Nexthop device is not up";  // 24 + NUL = 25, padded to 28
  in.insert(in.end(), text, text + sizeof text);
  in.resize(in.size() + 3, 0);
  AckParse parse = parse_acks(in.data(), in.size());
  CHECK(!parse.malformed);
  REQUIRE(parse.acks.size() == 2);
  CHECK(parse.acks[0].seq == 5);
  CHECK(parse.acks[0].error == 0);
  CHECK(parse.acks[1].seq == 6);
  CHECK(parse.acks[1].error == 19);
  CHECK(parse.acks[1].message == "Nexthop device is not up");

  parse = parse_acks(in.data(), in.size() - 10);  // the second message cut short
  CHECK(parse.malformed);
  CHECK(parse.acks.size() == 1);
}

TEST_CASE("kernel acks: an attribute longer than its message is not read past the end") {
  std::vector<std::uint8_t> in = bytes({
      44, 0, 0, 0, 2, 0, 0, 0x03, 6, 0, 0, 0, 0, 0, 0, 0,
      0xed, 0xff, 0xff, 0xff,
      84, 0, 0, 0, 24, 0, 5, 5, 6, 0, 0, 0, 0, 0, 0, 0,
      200, 0, 1, 0, 'a', 'b', 'c', 0,  // says 200 bytes, has 8
  });
  const AckParse parse = parse_acks(in.data(), in.size());
  REQUIRE(parse.acks.size() == 1);
  CHECK(parse.acks[0].error == 19);
  CHECK(parse.acks[0].message.empty());
}
