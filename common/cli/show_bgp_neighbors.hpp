// `show ip bgp neighbors [A.B.C.D]` in IOS's format, over a view of each
// session (filled by the daemon from its BGP speaker). Pure: formats only.
//
// Shown per neighbor: AS and link type, description, remote router ID,
// state and for how long, hold time and keepalive, capabilities (once
// Established), message statistics, per address family the prefixes
// received and sent, connections established/dropped and the last reset.
// Left out against IOS: last read/write times, local and foreign host and
// port, TCP internals.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cli/command_result.hpp"
#include "core/clock.hpp"

namespace l3vpn::cli {

struct BgpMessageCounts {
  std::uint64_t opens = 0;
  std::uint64_t notifications = 0;
  std::uint64_t updates = 0;
  std::uint64_t keepalives = 0;
  std::uint64_t route_refresh = 0;
  std::uint64_t total = 0;
};

struct BgpNeighborFamilyView {
  std::string name;  // "VPNv4 Unicast"
  bool received = false;  // the peer advertised it too (negotiated)
  bool route_reflector_client = false;
  bool send_community = false;
  bool send_extended_community = false;
  std::uint32_t prefixes_received = 0;
  std::uint32_t prefixes_sent = 0;
};

struct BgpNeighborDetailView {
  std::uint32_t address = 0;
  std::uint32_t remote_as = 0;
  bool internal = true;  // iBGP
  std::string description;
  std::uint32_t remote_router_id = 0;  // 0 until an OPEN was accepted
  std::string state;                   // "Established", "Active", ...
  bool admin_shutdown = false;
  std::optional<core::Duration> since_change;  // up for / down for; nothing: never came up
  std::uint16_t hold_time = 180;  // negotiated when Established, else configured
  std::uint16_t keepalive = 60;
  std::uint16_t configured_hold_time = 180;
  std::uint16_t configured_keepalive = 60;
  bool established = false;
  bool four_octet_as_received = false;
  bool route_refresh_received = false;
  std::vector<BgpNeighborFamilyView> families;  // configured families
  BgpMessageCounts sent;
  BgpMessageCounts received;
  std::uint64_t connections_established = 0;
  std::uint64_t connections_dropped = 0;
  std::string last_reset;  // empty: never
  std::string update_source;  // interface name, empty when unset
  std::optional<std::uint32_t> local_address;
};

// `address` given and not among `neighbors`: "% No such neighbor or address family".
CommandResult show_bgp_neighbors(const std::vector<BgpNeighborDetailView>& neighbors,
                                 std::optional<std::uint32_t> address, bool json);

}  // namespace l3vpn::cli
