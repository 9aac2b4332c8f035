#include "vpn/route_map_eval.hpp"

#include <algorithm>

#include "vpn/vrf_export.hpp"

namespace l3vpn::vpn {
namespace {

std::uint32_t mask(std::uint8_t length) { return length == 0 ? 0 : ~std::uint32_t{0} << (32 - length); }

// IOS prefix-list entry: the first `entry.prefix.length` bits must agree;
// then the route's length must be exactly the entry's, or within [ge, le]
// (ge alone: up to 32; le alone: from the entry's length).
bool entry_matches(const config::PrefixListEntry& e, const bgp::Prefix4& p) {
  std::uint8_t base = e.prefix.length;
  if (p.length < base) return false;
  if ((p.address & mask(base)) != (e.prefix.address.value & mask(base))) return false;
  if (!e.ge && !e.le) return p.length == base;
  std::uint8_t low = e.ge.value_or(base);
  std::uint8_t high = e.le.value_or(32);
  return p.length >= low && p.length <= high;
}

bool has(const bgp::PathAttributes& a, const bgp::ExtendedCommunity& c) {
  return std::find(a.extended_communities.begin(), a.extended_communities.end(), c) !=
         a.extended_communities.end();
}

// The route-origin (SoO) community of a value: RFC 4360 sub-type 0x03.
bgp::ExtendedCommunity site_of_origin(const config::RouteTarget& soo) {
  bgp::ExtendedCommunity c = to_extended_community(soo);
  c.bytes[1] = 0x03;
  return c;
}

const config::PrefixList* find_prefix_list(const config::Config& config, const std::string& name) {
  for (const auto& l : config.prefix_lists)
    if (l.name == name) return &l;
  return nullptr;
}

const config::ExtCommunityList* find_extcommunity_list(const config::Config& config, const std::string& name) {
  for (const auto& l : config.extcommunity_lists)
    if (l.name == name) return &l;
  return nullptr;
}

bool entry_matches(const config::Config& config, const config::RouteMapEntry& e, const bgp::Prefix4& prefix,
                   const bgp::PathAttributes& attributes) {
  if (!e.match_prefix_lists.empty()) {
    bool any = std::any_of(e.match_prefix_lists.begin(), e.match_prefix_lists.end(), [&](const std::string& name) {
      const config::PrefixList* list = find_prefix_list(config, name);
      return list && prefix_list_permits(*list, prefix);
    });
    if (!any) return false;
  }
  if (!e.match_extcommunities.empty()) {
    bool any = std::any_of(e.match_extcommunities.begin(), e.match_extcommunities.end(), [&](const std::string& name) {
      const config::ExtCommunityList* list = find_extcommunity_list(config, name);
      return list && extcommunity_list_permits(*list, attributes);
    });
    if (!any) return false;
  }
  return true;
}

void apply_sets(const config::RouteMapEntry& e, bgp::PathAttributes& a, PolicyResult& result) {
  if (!e.set_route_targets.empty()) {
    auto& ecs = a.extended_communities;
    if (!e.set_additive) std::erase_if(ecs, [](const bgp::ExtendedCommunity& c) { return c.is_route_target(); });
    for (const auto& rt : e.set_route_targets) {
      bgp::ExtendedCommunity c = to_extended_community(rt);
      if (!has(a, c)) ecs.push_back(c);
    }
    result.route_targets_set = true;
  }
  if (e.set_metric) a.med = *e.set_metric;
  if (e.set_local_preference) a.local_pref = *e.set_local_preference;
}

}  // namespace

bool prefix_list_permits(const config::PrefixList& list, const bgp::Prefix4& prefix) {
  // Entries are kept sorted by seq (model.hpp); sort a copy of the order anyway
  // so a hand-built model is judged the same way.
  std::vector<const config::PrefixListEntry*> order;
  for (const auto& e : list.entries) order.push_back(&e);
  std::stable_sort(order.begin(), order.end(), [](auto* a, auto* b) { return a->seq < b->seq; });
  for (const auto* e : order)
    if (entry_matches(*e, prefix)) return e->permit;
  return false;
}

bool extcommunity_list_permits(const config::ExtCommunityList& list, const bgp::PathAttributes& attributes) {
  for (const auto& e : list.entries) {
    bool all = std::all_of(e.route_targets.begin(), e.route_targets.end(),
                           [&](const auto& rt) { return has(attributes, to_extended_community(rt)); }) &&
               std::all_of(e.sites_of_origin.begin(), e.sites_of_origin.end(),
                           [&](const auto& soo) { return has(attributes, site_of_origin(soo)); });
    if (all) return e.permit;
  }
  return false;
}

PolicyResult apply_route_map(const config::Config& config, const config::RouteMap& map, const bgp::Prefix4& prefix,
                             bgp::PathAttributes& attributes) {
  std::vector<const config::RouteMapEntry*> order;
  for (const auto& e : map.entries) order.push_back(&e);
  std::stable_sort(order.begin(), order.end(), [](auto* a, auto* b) { return a->seq < b->seq; });
  PolicyResult result;
  for (const auto* e : order) {
    if (!entry_matches(config, *e, prefix, attributes)) continue;
    result.seq = e->seq;
    result.permitted = e->permit;
    if (e->permit) apply_sets(*e, attributes, result);
    return result;
  }
  return result;  // implicit deny
}

const config::RouteMap* find_route_map(const config::Config& config, std::string_view name) {
  for (const auto& m : config.route_maps)
    if (m.name == name) return &m;
  return nullptr;
}

}  // namespace l3vpn::vpn
