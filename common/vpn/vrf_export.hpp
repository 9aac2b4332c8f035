// What a PE's VRFs export as VPNv4 routes (RFC 4364 section 4.3.1), from the
// configuration: the sources of `address-family ipv4 vrf V` turned into
// routes with V's RD, its export route targets and its VPN label.
//
// Sources, as IOS treats them (the seed lab's outputs show each one):
//   redistribute connected [metric M]   the VRF's interface networks, MED M (0)
//   redistribute static [metric M]      `ip route vrf V`, MED M (0); the default
//                                       route only with default-information originate
//   redistribute ospf N ... match internal
//                                       until OSPF runs: the networks of the VRF
//                                       interfaces in process N, with MED 0
//   network P mask M                    when P is a connected or static route of V;
//                                       origin IGP
// One route per prefix: connected before static before OSPF, as their
// administrative distances (0, 1, 110) choose in the VRF's table.
//
// Export map (`export map RM` on the VRF), as IOS applies it: the route gets
// the VRF's export route targets first; a permit entry of RM that matches
// then replaces them with its `set extcommunity rt` values, or adds these
// with `additive`, and applies its `set metric` / `set local-preference`. A
// route RM denies or does not match is still exported, with the VRF's export
// targets unchanged: the export map chooses route targets, it is not an
// export filter (Cisco's behaviour as the networklessons.com "MPLS VPN VRF
// Export Map" lesson and its forum thread, and routing-bits.com "Export
// RTs?", show it; route_map_eval.hpp has the route-map semantics).
//
// Labels (`mpls label mode ... protocol bgp-vpnv4 MODE`, vpn::label_mode_of):
//   per-vrf (default)  one label per VRF, owner "vrf:NAME"
//   per-prefix         one per exported prefix, owner "vrf:NAME:PREFIX"
//   per-ce             one per CE next hop (static routes via a next hop),
//                      owner "vrf:NAME:ce:NEXT_HOP"; connected routes, static
//                      routes to an interface and the OSPF networks share the
//                      VRF's aggregate label "vrf:NAME"
// All from the one allocator; no label for a VRF that exports nothing. Labels
// of the "vrf:" owners this export no longer needs are released (the
// allocator holds a released label back while others are free).
// Not yet: OSPF- and CE-learned routes (the OSPF and CE-BGP layers bring them).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "bgp/codec/nlri.hpp"
#include "bgp/codec/path_attributes.hpp"
#include "config/model.hpp"
#include "vpn/label_allocator.hpp"

namespace l3vpn::vpn {

struct ExportedRoute {
  std::string vrf;
  bgp::WireRouteDistinguisher rd;
  bgp::Prefix4 prefix;
  bgp::PathAttributes attributes;
  std::uint32_t label = 0;
  std::string source;  // "connected", "static", "ospf 10", "network"
  std::string label_owner;  // the allocator's owner: "vrf:NAME", "vrf:NAME:PREFIX", "vrf:NAME:ce:NH"
  bool operator==(const ExportedRoute&) const = default;
};

bgp::WireRouteDistinguisher to_wire(const config::RouteDistinguisher& rd);
// The inverse; nothing for a type other than 0, 1 or 2.
std::optional<config::RouteDistinguisher> from_wire(bgp::WireRouteDistinguisher rd);
bgp::ExtendedCommunity to_extended_community(const config::RouteTarget& rt);

// The label mode of `vrf`: its own `mpls label mode vrf` line, else the
// all-vrfs one, else per-vrf.
config::VpnLabelMode label_mode_of(const config::Config& config, std::string_view vrf);

// Labels come from `labels` as the modes above say; "vrf:" owners no route
// uses any more are released (held down from `now`).
std::vector<ExportedRoute> vrf_exports(const config::Config& config, LabelAllocator& labels, core::TimePoint now);

}  // namespace l3vpn::vpn
