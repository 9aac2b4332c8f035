// What vpn::LspResolver is fed with, from the protocols' own tables: the
// OSPF routing table (prefix, length, cost) and LDP's LFIB (the /32 FECs'
// out label, next hop and interface). One translation for the daemons and
// the lab simulator. Pure.
#pragma once

#include <cstdint>
#include <map>
#include <vector>

#include "ldp/lib.hpp"
#include "ospf/spf.hpp"
#include "vpn/lsp_resolver.hpp"

namespace l3vpn::vpn {

std::vector<IgpPrefix> igp_prefixes(const std::vector<ospf::SpfRoute>& routes);
// Implicit null (PHP) becomes "no out label".
std::map<std::uint32_t, LspEntry> lsp_entries(const std::map<ldp::Fec, ldp::ForwardingEntry>& lfib);

}  // namespace l3vpn::vpn
