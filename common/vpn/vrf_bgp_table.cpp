#include "vpn/vrf_bgp_table.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include "bgp/rib/decision.hpp"

namespace l3vpn::vpn {
namespace {

constexpr std::uint32_t kLocalWeight = 32768;  // Cisco: locally originated paths
constexpr std::uint32_t kDefaultLocalPref = 100;

auto preference_key(const VpnRoute& r) {
  const bgp::PathAttributes& a = r.attributes;
  // Larger is better for the first two: negate through the tuple's order.
  return std::tuple(r.from_self ? 0u : 1u, ~a.local_pref.value_or(kDefaultLocalPref), bgp::rib::as_path_length(a),
                    a.origin ? static_cast<int>(*a.origin) : 2, a.med.value_or(0), r.from_self ? 0u : r.next_hop);
}

}  // namespace

bool vrf_best_first(const VpnRoute& a, const VpnRoute& b) { return preference_key(a) < preference_key(b); }

cli::BgpTableView vrf_bgp_table(const config::Config& config, const config::Vrf& vrf,
                                const std::vector<VpnRoute>& known, std::uint32_t router_id,
                                std::uint64_t table_version) {
  cli::BgpTableView view;
  view.router_id = router_id;
  view.table_version = table_version;
  if (!vrf.rd) return view;
  const bgp::WireRouteDistinguisher own = to_wire(*vrf.rd);
  std::map<bgp::Prefix4, std::vector<VpnRoute>> by_prefix;
  for (const VpnRoute& route : known) {
    VpnRoute imported = route;
    if (route.rd != own) {
      auto attributes = import_into(config, vrf, route.prefix, route.attributes);
      if (!attributes) continue;
      imported.attributes = std::move(*attributes);
    }
    // Its own RD: the VRF's own exports (and what other PEs export with the
    // same RD), in the table whatever the route targets say.
    by_prefix[route.prefix].push_back(std::move(imported));
  }
  const std::string rd_name = vrf.rd->to_string();
  for (auto& [prefix, paths] : by_prefix) {
    std::stable_sort(paths.begin(), paths.end(), vrf_best_first);
    bool first = true;
    for (const VpnRoute& r : paths) {
      cli::BgpPathView v;
      v.rd = rd_name;
      v.rd_vrf = vrf.name;
      v.prefix = config::Ipv4Prefix{config::Ipv4Address{prefix.address}, prefix.length}.to_string();
      v.next_hop = r.from_self ? 0 : r.next_hop;
      v.med = r.attributes.med;
      v.local_pref = r.from_self ? r.attributes.local_pref : r.attributes.local_pref.value_or(kDefaultLocalPref);
      v.weight = r.from_self ? kLocalWeight : 0;
      v.as_path = bgp::as_path_text(r.attributes);
      v.origin = bgp::origin_code(r.attributes);
      v.best = first;
      v.internal = !r.from_self;
      if (r.from_self) v.in_label = r.label;
      else v.out_label = r.label;
      v.from_address = r.from_self ? 0 : r.next_hop;
      v.from_router_id = r.from_self ? router_id : r.next_hop;
      view.paths.push_back(std::move(v));
      first = false;
    }
  }
  return view;
}

}  // namespace l3vpn::vpn
