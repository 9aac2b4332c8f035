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
// Not yet: export maps (route-maps), OSPF- and CE-learned routes, per-prefix
// and per-CE labels; the VRF layer of the next issue brings them.
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
  bool operator==(const ExportedRoute&) const = default;
};

bgp::WireRouteDistinguisher to_wire(const config::RouteDistinguisher& rd);
// The inverse; nothing for a type other than 0, 1 or 2.
std::optional<config::RouteDistinguisher> from_wire(bgp::WireRouteDistinguisher rd);
bgp::ExtendedCommunity to_extended_community(const config::RouteTarget& rt);

// Labels come from `labels`, one per VRF ("vrf:NAME"), allocated only for a
// VRF that exports something.
std::vector<ExportedRoute> vrf_exports(const config::Config& config, LabelAllocator& labels);

}  // namespace l3vpn::vpn
