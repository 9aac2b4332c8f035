// "show ip route vrf NAME" and "show ip route [ospf]" (the global table) in
// IOS's format, over a view of one table's RIB.
// The VRF RIB fills the view; these functions only format, so the format is
// tested without a RIB. JSON carries the same fields.
//
// Layout (as IOS 12.4 prints it, cf. the seed lab's R2/R4 outputs):
//   <blank line>
//   Routing Table: NAME
//   Codes: ... (the fixed IOS legend, 7 lines)
//   <blank line>
//   Gateway of last resort is X to network 0.0.0.0 | Gateway of last resort is not set
//   <blank line>
//   the routes, grouped by classful major network:
//     "     10.0.0.0/8 is variably subnetted, 7 subnets, 2 masks"  (masks differ:
//                                                   route lines show PREFIX/LEN)
//     "     10.0.0.0/32 is subnetted, 4 subnets"   (one mask: route lines show
//                                                   the address alone)
//   A route at its classful length alone in its major network, a supernet and
//   the default route have no summary line and print at top level ("B*   0.0.0.0/0").
//
// The global table has no "Routing Table:" line; otherwise it is the VRF
// layout. "show ip route ospf" prints only the OSPF routes, without the
// legend and the gateway line (IOS 12.4); a summary line still counts every
// subnet of its major network, as IOS does. Equal-cost paths print as
// continuation lines aligned under the first path's "[":
//   "O       10.0.34.0/24 [110/3] via 10.0.13.3, 00:01:02, eth1"
//   "                     [110/3] via 10.0.23.3, 00:01:02, eth2"
//
// Order: the caller orders the view. Major networks print in the order of their
// first route in the view (R2's Internet: 172.33.0.0 before 10.0.0.0), routes
// keep the view order inside their major network, and default routes
// (0.0.0.0/0) print last.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/command_result.hpp"
#include "core/clock.hpp"

namespace l3vpn::cli {

struct RouteView {
  char code = 'C';                // 'C', 'S', 'B', 'O', ...
  std::string sub_code;           // "IA", "E2", ... ; empty: none
  std::uint32_t address = 0;      // host byte order, host bits clear
  std::uint8_t length = 0;
  bool candidate_default = false;  // the '*' after the code
  std::optional<std::uint32_t> distance;  // "[200/30]"; nothing: no brackets
  std::optional<std::uint32_t> metric;    // 0 when the distance is shown without one
  std::optional<std::uint32_t> next_hop;  // nothing: "is directly connected"
  std::string interface;                  // empty: none shown
  std::optional<core::Duration> age;      // nothing: no age (connected, static)
  // Further equal-cost paths (same distance, metric and age), one continuation line each.
  struct Path {
    std::optional<std::uint32_t> next_hop;
    std::string interface;
  };
  std::vector<Path> more_paths;
};

struct GatewayOfLastResort {
  std::uint32_t address = 0;
  std::uint32_t network = 0;  // 0.0.0.0
};

struct RouteTableView {
  std::string vrf;  // empty: the global table
  std::optional<GatewayOfLastResort> gateway;  // nothing: "is not set"
  std::vector<RouteView> routes;
};

// The whole "show ip route vrf NAME" answer for an existing VRF.
CommandResult show_ip_route_vrf(const RouteTableView& view, bool json);
// The global table: "show ip route".
CommandResult show_ip_route(const RouteTableView& view, bool json);
// "show ip route ospf" (code 'O'), "show ip route bgp" ('B'), ...: only the
// routes with that code.
CommandResult show_ip_route_protocol(const RouteTableView& view, char code, bool json);
// "% IP routing table NAME does not exist" (a failure), for an unknown VRF.
CommandResult show_ip_route_vrf_missing(std::string_view vrf);

}  // namespace l3vpn::cli
