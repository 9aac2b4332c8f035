// The routing table of each VRF of one PE (RFC 4364 section 4.3.1 on the
// import side), as `show ip route vrf NAME` shows it: a pure function of the
// PE's configuration and the VPNv4 routes it knows.
//
// Sources, with IOS's administrative distances:
//   connected   the networks of the VRF's interfaces (not shut down):
//               "C  P is directly connected, IF", AD 0
//   static      `ip route vrf V P M NH|IF [AD]`: "S  P [AD/0] via NH", AD 1 by
//               default; the default route is the candidate default ("S*")
//   BGP         every known VPNv4 route whose route targets intersect the VRF's
//               import targets: "B  P [200/MED] via NEXT_HOP, AGE", AD 200
//               (iBGP). A route this PE exports itself (from_self) from
//               another of its VRFs shows as IOS shows it in the seed lab:
//               "B  P is directly connected, AGE, Loopback20" (the interface
//               of its connected network in the source VRF); it is never
//               imported back into its source VRF. After the RT match the
//               VRF's `import map` (route_map_eval.hpp) decides: denied (or
//               matched by no entry), the route stays out of this VRF; its
//               `set metric` becomes the route's metric here.
// Best per prefix: lower AD, then lower metric, then a route of this PE
// (IOS's weight 32768), then the lower next hop. A 0.0.0.0/0 route is the
// candidate default ('*'); its next hop is the gateway of last resort.
//
// Order of a table (the formatter keeps it): major networks holding a
// connected or static route first (R2's Internet: 172.33.0.0 before
// 10.0.0.0), then by address; inside a major network by IOS's nethash (the
// XOR of the four octets), then address, then length. The nethash order
// reproduces every table of the seed lab (10.10.10.1, 10.10.20.1,
// 10.10.30.0/24, 10.10.30.1, 10.10.30.254, 10.10.20.254, 10.10.10.254); the
// major-network order is a guess from R2's Internet alone.
//
// Between BGP paths of one prefix, the VRF's BGP best path (vrf_bgp_table.hpp).
//   OSPF        the routes of the VRF's OSPF processes (PE-CE), as
//               daemon/ospf_views makes them: "O  P [110/COST] via CE, AGE, IF",
//               "O IA", "O E2"...; AD 110, so they beat iBGP's 200
//   BGP from CEs (PE-CE eBGP, vrf_bgp_ce.hpp): passed in with `igp` as
//               vpn::bgp_route_views makes them: "B  P [20/MED] via CE, AGE",
//               AD 20, so they beat OSPF's 110 and iBGP's 200
// Not yet: routes leaked from this PE that are neither
// connected nor static in their source VRF (shown "via" the PE's own next hop).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <optional>
#include <string_view>
#include <vector>

#include "bgp/codec/nlri.hpp"
#include "bgp/codec/path_attributes.hpp"
#include "cli/show_ip_route.hpp"
#include "config/model.hpp"
#include "core/clock.hpp"
#include "vpn/vrf_export.hpp"

namespace l3vpn::vpn {

// A VPNv4 route the PE knows: learned from a peer, or its own export.
struct VpnRoute {
  bgp::WireRouteDistinguisher rd;
  bgp::Prefix4 prefix;
  bgp::PathAttributes attributes;  // MED and route targets (extended communities)
  std::uint32_t next_hop = 0;      // host order: the exporting PE's loopback
  std::uint32_t label = 0;
  bool from_self = false;              // exported by a VRF of this PE
  std::optional<core::Duration> age;   // since installed; nothing: the default age
  bool operator==(const VpnRoute&) const = default;
};

// True when one of the route's route targets is an import target of `vrf`.
bool imports(const config::Vrf& vrf, const bgp::PathAttributes& attributes);
// The route as `vrf` imports it: RT match, then the import map (its sets
// applied); nothing when it stays out of the VRF.
std::optional<bgp::PathAttributes> import_into(const config::Config& config, const config::Vrf& vrf,
                                               const bgp::Prefix4& prefix, const bgp::PathAttributes& attributes);

// `exports` of one PE (vpn::vrf_exports) as VPNv4 routes with that PE's next hop.
std::vector<VpnRoute> as_vpn_routes(const std::vector<ExportedRoute>& exports, std::uint32_t next_hop,
                                    bool from_self);

// The routes of each VRF's IGP (its OSPF processes'), by VRF name.
using VrfIgpRoutes = std::map<std::string, std::vector<cli::RouteView>, std::less<>>;

// One table per VRF of `config`, in the configuration's order. `default_age`
// is the age of a BGP route whose own age is unset.
std::vector<cli::RouteTableView> vrf_route_tables(const config::Config& config, const std::vector<VpnRoute>& known,
                                                  core::Duration default_age = core::Duration::zero(),
                                                  const VrfIgpRoutes& igp = {});

// The global table (`show ip route`): its connected and static routes and the
// IGP's routes, `igp` as daemon/ospf_views makes them (code, distance,
// metric, next hops), best per prefix by distance then metric, in the same
// order and with the same gateway of last resort as the VRF tables.
cli::RouteTableView global_route_table(const config::Config& config, const std::vector<cli::RouteView>& igp);

// The table of `vrf`, or nothing (IOS: "% IP routing table NAME does not exist").
const cli::RouteTableView* find_table(const std::vector<cli::RouteTableView>& tables, std::string_view vrf);

}  // namespace l3vpn::vpn
