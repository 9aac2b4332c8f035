// What a PE's VRFs export as VPNv4 routes (RFC 4364 section 4.3.1), from the
// configuration: the sources of `address-family ipv4 vrf V` turned into
// routes with V's RD, its export route targets and its VPN label.
//
// Sources, as IOS treats them (the seed lab's outputs show each one):
//   redistribute connected [metric M]   the VRF's interface networks, MED M (0)
//   redistribute static [metric M]      `ip route vrf V`, MED M (0); the default
//                                       route only with default-information originate
//   redistribute ospf N [vrf V] [metric M] [match internal|external 1|external 2]
//                                       the networks of the VRF interfaces in
//                                       process N, with MED 0 (the seed's [200/0]
//                                       whatever M), and the routes process N
//                                       learned from its CEs that `match` selects
//                                       (IOS: internal only when no match is
//                                       given): intra- and inter-area are
//                                       internal, E1/E2 external 1/2. MED M, or
//                                       the OSPF metric without M (IOS copies
//                                       the IGP metric into the MED). Each
//                                       carries RFC 4577's OSPF Route Type
//                                       (area, type 2 intra / 3 inter / 5
//                                       external, E2 option) and OSPF Router ID
//                                       extended communities, as IOS sends them.
//   network P mask M                    when P is a connected or static route of V;
//                                       origin IGP
// One route per prefix: connected before static before eBGP before OSPF, as
// their administrative distances (0, 1, 20, 110) choose in the VRF's table.
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
//   BGP from CEs (PE-CE eBGP, vrf_bgp_ce.hpp)
//                                       exported without any redistribute line,
//                                       as IOS does: origin, AS path (the CE's)
//                                       and MED as received; per-CE label owner
//                                       = the CE
// Not yet: the OSPF Domain ID (RFC 4577 4.2.5.1: all
// processes share the null domain).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "bgp/codec/nlri.hpp"
#include "bgp/codec/path_attributes.hpp"
#include "config/model.hpp"
#include "ospf/spf.hpp"
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

// What each VRF OSPF process (PE-CE) has learned, by process ID, and its
// router ID (for the OSPF Router ID community).
struct VrfOspfProcessRoutes {
  std::uint32_t router_id = 0;
  std::vector<ospf::SpfRoute> routes;
  bool operator==(const VrfOspfProcessRoutes&) const = default;
};
using VrfOspfRoutes = std::map<std::uint32_t, VrfOspfProcessRoutes>;

// A best path a VRF's BGP speaker learned from a CE (vpn::learned_routes).
struct CeBgpRoute {
  bgp::Prefix4 prefix;
  bgp::PathAttributes attributes;  // as received: the CE's AS path, origin, MED
  std::uint32_t next_hop = 0;      // the CE
  bool ebgp = true;
  std::optional<core::Duration> age;
  bool operator==(const CeBgpRoute&) const = default;
};
// By VRF name.
using VrfCeBgpRoutes = std::map<std::string, std::vector<CeBgpRoute>, std::less<>>;

// RFC 4577 4.2.6 and 4.2.7: the OSPF Route Type (0x0306: area, route type,
// options; bit 0x01 of the options = external metric type 2) and OSPF Router
// ID (0x0107) extended communities.
bgp::ExtendedCommunity ospf_route_type_community(std::uint32_t area, std::uint8_t route_type, bool metric_type2);
bgp::ExtendedCommunity ospf_router_id_community(std::uint32_t router_id);
// The route type an OSPF route type community carries, if `c` is one.
struct OspfRouteType {
  std::uint32_t area = 0;
  std::uint8_t route_type = 0;  // 1/2 intra-area, 3 summary, 5 external, 7 NSSA
  bool metric_type2 = false;
};
std::optional<OspfRouteType> ospf_route_type_of(const bgp::ExtendedCommunity& c);

bgp::WireRouteDistinguisher to_wire(const config::RouteDistinguisher& rd);
// The inverse; nothing for a type other than 0, 1 or 2.
std::optional<config::RouteDistinguisher> from_wire(bgp::WireRouteDistinguisher rd);
bgp::ExtendedCommunity to_extended_community(const config::RouteTarget& rt);

// The label mode of `vrf`: its own `mpls label mode vrf` line, else the
// all-vrfs one, else per-vrf.
config::VpnLabelMode label_mode_of(const config::Config& config, std::string_view vrf);

// Labels come from `labels` as the modes above say; "vrf:" owners no route
// uses any more are released (held down from `now`). `ospf`: the VRF
// processes' learned routes; `ce`: the VRF speakers' CE-learned routes.
std::vector<ExportedRoute> vrf_exports(const config::Config& config, LabelAllocator& labels, core::TimePoint now,
                                       const VrfOspfRoutes& ospf = {}, const VrfCeBgpRoutes& ce = {});

}  // namespace l3vpn::vpn
