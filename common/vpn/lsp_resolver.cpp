#include "vpn/lsp_resolver.hpp"

namespace l3vpn::vpn {
namespace {

std::uint32_t mask_of(std::uint8_t length) { return config::length_to_mask(length).value; }

}  // namespace

void LspResolver::set_igp_routes(std::vector<IgpPrefix> routes) {
  for (IgpPrefix& r : routes) r.address &= mask_of(r.length);
  igp_ = std::move(routes);
}

const IgpPrefix* LspResolver::longest_igp_match(std::uint32_t address) const {
  const IgpPrefix* best = nullptr;
  for (const IgpPrefix& r : igp_) {
    if ((address & mask_of(r.length)) != r.address) continue;
    if (!best || r.length > best->length || (r.length == best->length && r.metric < best->metric)) best = &r;
  }
  return best;
}

const LspEntry* LspResolver::lsp(std::uint32_t next_hop) const {
  auto it = lsps_.find(next_hop);
  return it == lsps_.end() ? nullptr : &it->second;
}

std::optional<bgp::rib::NextHopResolution> LspResolver::resolve(std::uint32_t next_hop) const {
  const auto* base = base_.longest_match(next_hop);
  const IgpPrefix* igp = longest_igp_match(next_hop);
  // Longest match wins; at one length connected and static (AD 0 and 1)
  // beat OSPF (AD 110).
  if (base && (!igp || base->length >= igp->length)) return base_.resolve(next_hop);
  if (!igp) return std::nullopt;
  const LspEntry* path = lsp(next_hop);
  if (require_lsp_ && !path) return bgp::rib::NextHopResolution{false, igp->metric, std::nullopt};
  return bgp::rib::NextHopResolution{true, igp->metric, path ? path->out_label : std::nullopt};
}

}  // namespace l3vpn::vpn
