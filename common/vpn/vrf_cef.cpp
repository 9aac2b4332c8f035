#include "vpn/vrf_cef.hpp"

#include <algorithm>
#include <tuple>

#include "cli/show_bgp.hpp"
#include "cli/show_ip_route_entry.hpp"

namespace l3vpn::vpn {
std::optional<cli::CefEntryView> cef_entry(const cli::RouteTableView& table, const std::vector<VpnRoute>& known,
                                           const LspResolver& lsps, std::uint32_t address) {
  const cli::RouteView* best = cli::longest_match(table, address);
  if (!best) return std::nullopt;
  return cef_entry_for(table, *best, known, lsps);
}

std::vector<cli::CefEntryView> cef_table(const cli::RouteTableView& table, const std::vector<VpnRoute>& known,
                                         const LspResolver& lsps) {
  std::vector<const cli::RouteView*> routes;
  for (const cli::RouteView& r : table.routes) routes.push_back(&r);
  std::sort(routes.begin(), routes.end(), [](const auto* a, const auto* b) {
    return std::tie(a->address, a->length) < std::tie(b->address, b->length);
  });
  std::vector<cli::CefEntryView> out;
  for (const cli::RouteView* r : routes) out.push_back(cef_entry_for(table, *r, known, lsps));
  return out;
}

cli::CefEntryView cef_entry_for(const cli::RouteTableView& table, const cli::RouteView& route,
                                const std::vector<VpnRoute>& known, const LspResolver& lsps) {
  const cli::RouteView* best = &route;
  cli::CefEntryView e;
  e.vrf = table.vrf;
  e.prefix = cli::ipv4_text(best->address) + "/" + std::to_string(best->length);
  if (!best->next_hop) {
    // Connected here, or leaked from another VRF of this PE: one of our
    // addresses when it is a host route on a loopback.
    const bool own = best->length == 32 && best->interface.rfind("Loopback", 0) == 0;
    e.kind = own ? cli::CefEntryView::Kind::Receive : cli::CefEntryView::Kind::Attached;
    e.interface = best->interface;
    return e;
  }
  // A next hop on one of this VRF's subnets (OSPF or eBGP from a CE, a
  // static route): no label, straight out the interface facing it.
  const bool via_pe = best->code == 'B' && best->distance != 20u;
  if (!via_pe) {
    std::string interface = best->interface;
    if (interface.empty())
      if (const cli::RouteView* covering = cli::longest_match(table, *best->next_hop); covering && !covering->next_hop)
        interface = covering->interface;
    e.kind = cli::CefEntryView::Kind::Direct;
    e.next_hops.push_back(cli::CefNextHopView{*best->next_hop, interface, std::nullopt});
    return e;
  }
  e.kind = cli::CefEntryView::Kind::Recursive;
  e.recursive_via = *best->next_hop;
  if (best->code == 'B') {
    for (const VpnRoute& k : known)
      if (k.next_hop == *best->next_hop && k.prefix.address == best->address && k.prefix.length == best->length)
        e.vpn_label = k.label;
  }
  if (const LspEntry* lsp = lsps.lsp(*best->next_hop))
    e.next_hops.push_back(cli::CefNextHopView{lsp->next_hop, lsp->interface,
                                              lsp->out_label ? lsp->out_label : std::optional<std::uint32_t>(3)});
  return e;
}

}  // namespace l3vpn::vpn
