// "neighbor X ..." commands, shared by router bgp (session settings, and
// per-family settings of the implicit ipv4 unicast family) and by the address
// families (per-family settings; CE sessions inside "address-family ipv4 vrf").
#pragma once

#include "config/parse_context.hpp"

namespace l3vpn::config::detail {

bool is_session_keyword(const std::string& word);  // remote-as, update-source, ...
bool is_family_keyword(const std::string& word);   // activate, send-community, ...

// `first` indexes "neighbor". The keyword after the id must satisfy the
// matching is_*_keyword (the caller checks, so unknown ones reach the parent mode).
void parse_neighbor_session(ParseContext& ctx, const Line& line, std::size_t first, bool negated,
                            std::vector<BgpNeighbor>& neighbors);
void parse_neighbor_family(ParseContext& ctx, const Line& line, std::size_t first, bool negated,
                           BgpAddressFamily& family);

}  // namespace l3vpn::config::detail
