// Link and address notifications decoded from the bytes the kernel sends to
// RTNLGRP_LINK / RTNLGRP_IPV4_IFADDR listeners (tests/kernel checks the live
// socket), including messages that lie about their lengths.
#include <doctest/doctest.h>

#include "kernel/link_events.hpp"

namespace {

using namespace l3vpn::kernel;

std::vector<std::uint8_t> bytes(std::initializer_list<int> list) {
  std::vector<std::uint8_t> out;
  for (int b : list) out.push_back(static_cast<std::uint8_t>(b));
  return out;
}

// RTM_NEWLINK for eth1 (index 3), IFF_UP | IFF_LOWER_UP (0x10001).
const std::vector<std::uint8_t> kLinkUp = bytes({
    44, 0, 0, 0, 16, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  // RTM_NEWLINK
    0, 0, 1, 0,                                        // ifinfomsg: family, pad, type ARPHRD_ETHER
    3, 0, 0, 0,                                        // index 3
    0x01, 0, 0x01, 0,                                  // flags UP | LOWER_UP
    0, 0, 0, 0,                                        // change
    9, 0, 3, 0, 'e', 't', 'h', '1', 0, 0, 0, 0,        // IFLA_IFNAME "eth1"
});

// RTM_DELADDR 10.0.0.1/24 on eth1.
const std::vector<std::uint8_t> kAddressRemoved = bytes({
    44, 0, 0, 0, 21, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  // RTM_DELADDR
    2, 24, 0, 0, 3, 0, 0, 0,                           // ifaddrmsg: AF_INET, /24, flags, scope, index 3
    8, 0, 2, 0, 10, 0, 0, 1,                           // IFA_LOCAL 10.0.0.1
    9, 0, 3, 0, 'e', 't', 'h', '1', 0, 0, 0, 0,        // IFA_LABEL "eth1"
});

}  // namespace

TEST_CASE("kernel link events: a link coming up and an address going away, in one read") {
  auto in = kLinkUp;
  in.insert(in.end(), kAddressRemoved.begin(), kAddressRemoved.end());
  const MonitorParse parse = decode_monitor_events(in.data(), in.size());
  CHECK(parse.malformed == 0);
  REQUIRE(parse.events.size() == 2);
  CHECK(std::get<LinkEvent>(parse.events[0]) == LinkEvent{3, "eth1", false, true, true});
  CHECK(std::get<AddressEvent>(parse.events[1]) ==
        AddressEvent{3, "eth1", *l3vpn::config::Ipv4Prefix::parse("10.0.0.1/24"), true});
  CHECK(describe(parse.events[0]) == "link eth1 (3) up, carrier");
  CHECK(describe(parse.events[1]) == "address 10.0.0.1/24 on eth1 removed");
}

TEST_CASE("kernel link events: an attribute running past its message is counted, the next message still read") {
  auto bad = kLinkUp;
  bad[32] = 40;  // IFLA_IFNAME claims 40 bytes; the message has 12 left
  bad.insert(bad.end(), kAddressRemoved.begin(), kAddressRemoved.end());
  const MonitorParse parse = decode_monitor_events(bad.data(), bad.size());
  CHECK(parse.malformed == 1);
  REQUIRE(parse.events.size() == 1);
  CHECK(std::holds_alternative<AddressEvent>(parse.events[0]));
}

TEST_CASE("kernel link events: a header longer than the buffer stops the read without a crash") {
  auto bad = kLinkUp;
  bad[0] = 200;
  const MonitorParse parse = decode_monitor_events(bad.data(), bad.size());
  CHECK(parse.malformed == 1);
  CHECK(parse.events.empty());
  const MonitorParse empty = decode_monitor_events(bad.data(), 3);
  CHECK(empty.events.empty());
}
