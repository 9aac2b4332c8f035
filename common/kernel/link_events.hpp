// Link and IPv4 address notifications (RTM_NEWLINK/DELLINK, RTM_NEWADDR/
// DELADDR from the RTNLGRP_LINK and RTNLGRP_IPV4_IFADDR groups) decoded into
// plain structs for the daemons (OSPF and LDP interface up/down, addresses).
//
// Pure: bytes in, events out. A message too short for its header or with an
// attribute running past its end is counted in `malformed` and skipped; the
// rest of the buffer is still read when its length fields allow it.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "config/address.hpp"

namespace l3vpn::kernel {

struct LinkEvent {
  int index = 0;
  std::string name;
  bool removed = false;   // RTM_DELLINK
  bool admin_up = false;  // IFF_UP
  bool carrier = false;   // IFF_LOWER_UP: the link layer is up
  bool operator==(const LinkEvent&) const = default;
};

struct AddressEvent {
  int index = 0;
  std::string label;  // IFA_LABEL: the interface name (or name:alias)
  config::Ipv4Prefix address;  // IFA_LOCAL with the prefix length
  bool removed = false;        // RTM_DELADDR
  bool operator==(const AddressEvent&) const = default;
};

using MonitorEvent = std::variant<LinkEvent, AddressEvent>;

struct MonitorParse {
  std::vector<MonitorEvent> events;
  std::size_t malformed = 0;
};

MonitorParse decode_monitor_events(const std::uint8_t* bytes, std::size_t size);

std::string describe(const MonitorEvent& event);  // "link eth1 (3) up, carrier", "address 10.0.0.1/24 on eth1 added"

}  // namespace l3vpn::kernel
