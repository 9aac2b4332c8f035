// BGP as the PE-CE protocol (eBGP with CE routers inside a VRF), the pure
// part: which speaker runs the CE sessions, what it learned, and what the PE
// advertises to its CEs. The glue that runs the speakers lives at the edges
// (sim/lab_sim for the simulator).
//
// Design: one bgp::Speaker per VRF that has CE neighbors (a "VRF speaker"),
// beside the PE's global speaker. It runs IPv4 unicast only, with the PE's
// AS and router ID; its peers are the VRF's `neighbor X remote-as` lines
// under `address-family ipv4 vrf V`, each with the address of the VRF
// interface facing it as its local address (listening address, and the
// NEXT_HOP the CE receives: "next hop self" of eBGP). A separate speaker per
// VRF keeps the VRFs' IPv4 tables apart without a VRF field in the RIB; the
// VPNv4 routes stay in the global speaker. The two meet here, as IOS's VRF
// BGP table makes them meet:
//   - CE to VPN: the VRF speaker's best paths learned from peers
//     (learned_routes) go into the VRF's table as "B P [20/MED] via CE, AGE"
//     (bgp_route_views; AD 20 beats OSPF's 110 and iBGP's 200) and into the
//     VRF's VPNv4 export (vrf_exports' `ce` argument: no redistribute line
//     needed, AS path, origin and MED kept, per-CE label owner = the CE);
//   - VPN to CE: ce_advertisements: the VRF's own exports that are not
//     CE-learned (redistribute connected/static/ospf, network) and the VPN
//     routes that won the VRF's table (B at AD 200; their AS path, origin
//     and MED kept) are originated into the VRF speaker, whose eBGP send path
//     prepends the PE's AS and sets the next hop (bgp/rib/reflection).
// Loop prevention is standard eBGP: a CE drops a path holding its own AS
// (bgp::Speaker's receive path). Not done: `as-override`, `allowas-in`,
// `neighbor X route-map` toward CEs, iBGP CE neighbors (same AS: they would
// run as iBGP, untested), multihop CE neighbors.
//
// The CE side: a router with `router bgp` and a global IPv4 unicast family
// originates its `network` statements that are connected or static routes
// (global_network_advertisements; IOS needs an exact RIB match; MED 0,
// origin IGP) and takes its BGP routes into its global table (bgp_route_views).
//
// Pure: config and routes in, values out; sync_advertisements only calls the
// speaker's originate/withdraw_local. Single-threaded.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "bgp/peer_config.hpp"
#include "bgp/rib/next_hop_resolver.hpp"
#include "bgp/speaker/speaker.hpp"
#include "cli/show_ip_route.hpp"
#include "config/model.hpp"
#include "core/clock.hpp"
#include "vpn/vrf_export.hpp"
#include "vpn/vrf_rib.hpp"

namespace l3vpn::vpn {

inline constexpr std::uint32_t kEbgpDistance = 20;
inline constexpr std::uint32_t kIbgpDistance = 200;

struct VrfBgpInstance {
  std::string vrf;
  bgp::BgpInstanceConfig instance;  // its peers: the VRF's CE neighbors (their `vrf` cleared)
};

// One per VRF with at least one CE neighbor, in configuration order. Nothing
// without `router bgp`.
std::vector<VrfBgpInstance> vrf_bgp_instances(const config::Config& config);

// Next hops of a VRF speaker resolve over the VRF's connected networks and
// static routes (a CE's address is on a connected subnet).
bgp::rib::ConnectedStaticResolver vrf_next_hop_resolver(const config::Config& config, std::string_view vrf);

// The speaker's best IPv4 unicast paths that came from a peer (its own
// originations left out), ages counted up to `at`.
std::vector<CeBgpRoute> learned_routes(const bgp::Speaker& speaker, core::TimePoint at);

// As a routing table takes them: "B P [20/MED] via NH, AGE" (eBGP), 200 for iBGP.
std::vector<cli::RouteView> bgp_route_views(const std::vector<CeBgpRoute>& routes);

// A route a speaker originates toward its eBGP peers.
struct Advertisement {
  bgp::Prefix4 prefix;
  bgp::PathAttributes attributes;
  bool operator==(const Advertisement&) const = default;
};

// What the PE sends the CEs of `vrf`. `exports`: vrf_exports of the PE (every
// VRF; this one's non-CE routes are taken); `known`: the VPNv4 best paths
// (daemon::best_vpn_routes); `table`: the VRF's table built from them. One
// per prefix, by prefix.
std::vector<Advertisement> ce_advertisements(const config::Config& config, std::string_view vrf,
                                             const std::vector<ExportedRoute>& exports,
                                             const std::vector<VpnRoute>& known, const cli::RouteTableView& table);

// A CE's (or any router's) `network` statements of its global IPv4 unicast
// family that are connected or static routes of its global table.
std::vector<Advertisement> global_network_advertisements(const config::Config& config);

// Keeps the speaker's originated IPv4 unicast routes equal to `after`: gone
// ones withdrawn, new or changed ones originated, the rest left alone.
void sync_advertisements(bgp::Speaker& speaker, const std::vector<Advertisement>& before,
                         const std::vector<Advertisement>& after);

}  // namespace l3vpn::vpn
