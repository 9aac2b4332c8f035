// Route-map evaluation for the VRF policies (`import map`, `export map`):
// a route-map of the configuration applied to one VPNv4/VRF route, with
// IOS's semantics:
//   - entries in sequence order; the first entry whose match clauses all
//     hold decides; an entry without match clauses matches every route;
//   - a permit entry applies its set clauses and permits; a deny entry
//     denies (its set clauses are ignored); no matching entry: denied (the
//     implicit deny at the end of every route-map);
//   - one clause naming several lists matches when any of them permits
//     (`match ip address prefix-list A B`); clauses of different kinds must
//     all hold.
// Matches: `match ip address prefix-list` (IOS prefix-list rules: first
// entry by seq decides, ge/le widen the lengths, implicit deny) and
// `match extcommunity L` (first entry of L whose route targets and sites of
// origin are all on the route decides, implicit deny).
// Sets: `set extcommunity rt X.. [additive]` (without additive the route's
// route targets are replaced, other extended communities kept), `set metric`
// (MED), `set local-preference`.
// A list the route-map names but the configuration lacks (validation refuses
// such a config) matches nothing, so a bad model never lets more through.
// Pure; no allocation beyond the result.
#pragma once

#include <cstdint>
#include <optional>

#include "bgp/codec/nlri.hpp"
#include "bgp/codec/path_attributes.hpp"
#include "config/model.hpp"

namespace l3vpn::vpn {

struct PolicyResult {
  bool permitted = false;
  std::optional<std::uint32_t> seq;  // the entry that decided; nothing: implicit deny
  bool route_targets_set = false;    // a `set extcommunity rt` was applied
  bool operator==(const PolicyResult&) const = default;
};

// The prefix list's verdict for `prefix` (false: denied or no entry matched).
bool prefix_list_permits(const config::PrefixList& list, const bgp::Prefix4& prefix);
// The extcommunity-list's verdict for the route's extended communities.
bool extcommunity_list_permits(const config::ExtCommunityList& list, const bgp::PathAttributes& attributes);

// Applies `map` (whose lists are looked up in `config`) to the route:
// `attributes` is changed only when the result is permitted.
PolicyResult apply_route_map(const config::Config& config, const config::RouteMap& map, const bgp::Prefix4& prefix,
                             bgp::PathAttributes& attributes);

// The route-map called `name`, or nullptr.
const config::RouteMap* find_route_map(const config::Config& config, std::string_view name);

}  // namespace l3vpn::vpn
