#include "vpn/lsp_inputs.hpp"

#include <bit>

namespace l3vpn::vpn {

std::vector<IgpPrefix> igp_prefixes(const std::vector<ospf::SpfRoute>& routes) {
  std::vector<IgpPrefix> out;
  out.reserve(routes.size());
  for (const ospf::SpfRoute& r : routes)
    out.push_back(IgpPrefix{r.prefix, static_cast<std::uint8_t>(std::popcount(r.mask)), r.metric()});
  return out;
}

std::map<std::uint32_t, LspEntry> lsp_entries(const std::map<ldp::Fec, ldp::ForwardingEntry>& lfib) {
  std::map<std::uint32_t, LspEntry> out;
  for (const auto& [fec, e] : lfib) {
    if (fec.length != 32) continue;  // next hops are PE loopbacks: /32 FECs
    out[fec.address] =
        LspEntry{e.pop() ? std::nullopt : std::optional<std::uint32_t>(e.out_label), e.next_hop, e.interface};
  }
  return out;
}

}  // namespace l3vpn::vpn
