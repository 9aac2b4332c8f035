// The CLI's views of a running BGP speaker: what `show ip bgp ...` formats
// (cli/show_bgp.hpp, cli/show_bgp_neighbors.hpp), read from the speaker's
// sessions and RIBs. No I/O: the time is passed in, so tests build the views
// from a speaker on netsim and a manual clock.
//
// Table order: by route distinguisher (its numeric wire value), then prefix
// (address, then length); per prefix the best path first, the others newest
// first. An RD carries the name of the configured VRF that uses it (IOS's
// "default for vrf X").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bgp/rib/next_hop_resolver.hpp"
#include "bgp/speaker/speaker.hpp"
#include "cli/show_bgp.hpp"
#include "cli/show_bgp_neighbors.hpp"
#include "config/model.hpp"
#include "vpn/vrf_rib.hpp"

namespace l3vpn::daemon {

// "65000:101", "10.0.0.1:7", "4200000000:7".
std::string rd_text(bgp::WireRouteDistinguisher rd);
// The inverse, for `show ip bgp vpnv4 rd RD`; nothing when not an RD.
std::optional<bgp::WireRouteDistinguisher> parse_rd(std::string_view text);
// "IPv4 Unicast", "VPNv4 Unicast".
std::string family_name(bgp::AfiSafi family);

// Every global neighbor (IOS lists only those of the family; here
// `show ip bgp summary` lists all, so a VPNv4-only reflector shows its
// clients), prefixes received counted in `family`, or in every family when
// nothing is given; table counts from `family`'s RIB (IPv4 unicast when nothing).
// With a family, only the neighbors configured for it.
cli::BgpSummaryView bgp_summary_view(const bgp::Speaker& speaker, std::optional<bgp::AfiSafi> family,
                                     core::TimePoint now);

struct TableFilter {
  std::optional<bgp::WireRouteDistinguisher> rd;  // only this RD
  std::optional<bgp::Prefix4> prefix;             // only this prefix
};

// `resolver` decides the valid flag of learned paths (nullptr: all valid).
cli::BgpTableView bgp_table_view(const bgp::Speaker& speaker, const config::Config& config, bgp::AfiSafi family,
                                 const bgp::rib::NextHopResolver* resolver, TableFilter filter = {});

// `show ip bgp neighbors X advertised-routes | received-routes`: what the
// neighbor was sent (its Adj-RIB-Out, every family it negotiated) or what it
// sent us (its Adj-RIB-In: kept always, so unlike IOS no `soft-reconfiguration
// inbound` is needed). Nothing when no neighbor has that address.
enum class NeighborTable { Advertised, Received };
std::optional<cli::BgpTableView> bgp_neighbor_table_view(const bgp::Speaker& speaker, const config::Config& config,
                                                         std::uint32_t neighbor, NeighborTable which);

std::vector<cli::BgpNeighborDetailView> bgp_neighbor_views(const bgp::Speaker& speaker, core::TimePoint now);

// The best VPNv4 path of every key, as the VRF tables (vpn::vrf_route_tables),
// CEF and the simulator's dataplane read them; ages counted up to `at`. Empty
// when the speaker has no VPNv4 RIB.
std::vector<vpn::VpnRoute> best_vpn_routes(const bgp::Speaker& speaker, core::TimePoint at);

}  // namespace l3vpn::daemon
