// "show ip cef vrf NAME ADDRESS detail": how a packet to ADDRESS in the VRF
// leaves this PE, resolved as CEF does: longest match in the VRF's table
// (vpn/vrf_rib), then, for a route via a remote PE, the VPN label that PE
// allocated under the LDP label of the LSP toward it (vpn/lsp_resolver).
// A route of a VRF of this PE (connected, or leaked from another VRF) is
// "attached"; one of our own addresses is "receive"; a route via a CE (OSPF,
// eBGP, static) goes straight to that next hop ("direct"). Pure.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cli/show_cef.hpp"
#include "cli/show_ip_route.hpp"
#include "vpn/lsp_resolver.hpp"
#include "vpn/vrf_rib.hpp"

namespace l3vpn::vpn {

// `table`: the VRF's routes; `known`: the VPNv4 routes it was built from (for
// the VPN labels). Nothing when no route covers the address.
std::optional<cli::CefEntryView> cef_entry(const cli::RouteTableView& table, const std::vector<VpnRoute>& known,
                                           const LspResolver& lsps, std::uint32_t address);
// The entry of one route of `table`.
cli::CefEntryView cef_entry_for(const cli::RouteTableView& table, const cli::RouteView& route,
                                const std::vector<VpnRoute>& known, const LspResolver& lsps);
// Every route of `table`, by prefix ("show ip cef vrf NAME").
std::vector<cli::CefEntryView> cef_table(const cli::RouteTableView& table, const std::vector<VpnRoute>& known,
                                         const LspResolver& lsps);

}  // namespace l3vpn::vpn
