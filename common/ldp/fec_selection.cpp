#include "ldp/fec_selection.hpp"

#include "vpn/route_map_eval.hpp"

namespace l3vpn::ldp {

bool FecSelection::selects(const Fec& fec) const {
  if (!prefix_list) return fec.length == 32;
  return vpn::prefix_list_permits(*prefix_list, bgp::Prefix4{fec.address, fec.length});
}

FecSelection FecSelection::from_config(const config::Config& config) {
  FecSelection out;
  const auto& allocation = config.mpls.ldp_label_allocation;
  if (!allocation || allocation->kind == config::LdpLabelAllocation::Kind::HostRoutes) return out;
  out.prefix_list = config::PrefixList{};
  out.prefix_list->name = allocation->prefix_list;  // no entries when absent: selects nothing
  for (const auto& list : config.prefix_lists)
    if (list.name == allocation->prefix_list) out.prefix_list = list;
  return out;
}

}  // namespace l3vpn::ldp
