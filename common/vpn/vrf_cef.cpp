#include "vpn/vrf_cef.hpp"

#include "cli/show_bgp.hpp"

namespace l3vpn::vpn {
std::optional<cli::CefEntryView> cef_entry(const cli::RouteTableView& table, const std::vector<VpnRoute>& known,
                                           const LspResolver& lsps, std::uint32_t address) {
  const cli::RouteView* best = nullptr;
  for (const cli::RouteView& r : table.routes) {
    if ((address & config::length_to_mask(r.length).value) != r.address) continue;
    if (!best || r.length > best->length) best = &r;
  }
  if (!best) return std::nullopt;
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
