// The BGP table of one VRF, as `show ip bgp vpnv4 vrf NAME` shows it: every
// VPNv4 path the VRF imports (its own exports, and the routes of other RDs
// whose route targets it imports, after its import map), all listed under
// the VRF's RD ("Route Distinguisher: 65103:302 (default for vrf Serveurs)"),
// as IOS re-originates imported paths into the VRF's RD. The paths of this
// PE (its own VRFs) show next hop 0.0.0.0 and weight 32768.
//
// Best path per prefix (vrf_best_first), in the order of RFC 4271 9.1.2.2 as
// IOS applies it: higher weight, higher local preference, shorter AS path,
// lower origin, lower MED, then the lower next hop (standing for the lower
// router ID: a VPNv4 path's next hop is its PE's loopback). Paths learned
// from peers are shown as internal (a PE's VPNv4 sessions are iBGP here).
// Pure.
#pragma once

#include <cstdint>
#include <vector>

#include "cli/show_bgp.hpp"
#include "config/model.hpp"
#include "vpn/vrf_rib.hpp"

namespace l3vpn::vpn {

// a is preferred over b in a VRF (both already imported).
bool vrf_best_first(const VpnRoute& a, const VpnRoute& b);

// `known`: every VPNv4 path the PE holds (not only the best ones). The view
// is empty (no paths) for a VRF without an RD.
cli::BgpTableView vrf_bgp_table(const config::Config& config, const config::Vrf& vrf,
                                const std::vector<VpnRoute>& known, std::uint32_t router_id,
                                std::uint64_t table_version);

}  // namespace l3vpn::vpn
