// ospf::Instance: the routing table. An LSDB change schedules the "ospf spf"
// timer (kSpfDelay, so that a burst of LSAs costs one run); the run computes
// each area with compute_spf (spf.hpp, RFC 2328 16.1-16.4) and merges the
// areas' tables (16.x: an intra-area path beats an inter-area one, which
// beats E1, which beats E2; then the lower cost; equal paths are joined).
// RoutesChanged is emitted only when the merged table differs.
#include <algorithm>

#include "ospf/instance_state.hpp"

namespace l3vpn::ospf {

namespace {

// <0: a is preferred, 0: equal (paths are joined), >0: b is preferred.
int compare_paths(const SpfRoute& a, const SpfRoute& b) {
  if (a.type != b.type) return a.type < b.type ? -1 : 1;  // enum order is the preference order
  if (a.type == SpfRouteType::ExternalType2 && a.type2_cost != b.type2_cost) return a.type2_cost < b.type2_cost ? -1 : 1;
  if (a.cost != b.cost) return a.cost < b.cost ? -1 : 1;
  return 0;
}

}  // namespace

std::vector<SpfRoute> merge_area_routes(const std::vector<std::vector<SpfRoute>>& per_area, std::size_t max_paths) {
  std::map<std::pair<std::uint32_t, std::uint32_t>, SpfRoute> best;
  for (const auto& table : per_area) {
    for (const SpfRoute& r : table) {
      auto [it, fresh] = best.emplace(std::make_pair(r.prefix, r.mask), r);
      if (fresh) continue;
      const int c = compare_paths(r, it->second);
      if (c < 0) {
        it->second = r;
      } else if (c == 0) {
        auto& hops = it->second.next_hops;
        hops.insert(hops.end(), r.next_hops.begin(), r.next_hops.end());
        std::sort(hops.begin(), hops.end());
        hops.erase(std::unique(hops.begin(), hops.end()), hops.end());
        if (hops.size() > max_paths) hops.resize(max_paths);
        it->second.area_id = std::min(it->second.area_id, r.area_id);  // deterministic
      }
    }
  }
  std::vector<SpfRoute> out;
  out.reserve(best.size());
  for (auto& [k, r] : best) out.push_back(std::move(r));
  return out;
}

void Instance::State::schedule_spf() {
  if (spf_pending || !started) return;
  spf_pending = true;
  start_timer(kSpfTimer, kSpfDelay);
}

void Instance::State::run_spf() {
  spf_pending = false;
  std::vector<Lsa> externals;
  for (const auto& [key, e] : external.entries())
    if (Lsdb::age_of(e, now) < kMaxAge) externals.push_back(*external.lsa(key, now));
  std::vector<std::vector<SpfRoute>> per_area;
  for (auto& [area_id, area] : areas) {
    std::vector<Lsa> lsas;
    for (const auto& [key, e] : area.lsdb.entries())
      if (Lsdb::age_of(e, now) < kMaxAge) lsas.push_back(*area.lsdb.lsa(key, now));
    lsas.insert(lsas.end(), externals.begin(), externals.end());
    std::vector<SpfInterface> spf_interfaces;
    for (const auto& i : interfaces)
      if (i.config.area_id == area_id)
        spf_interfaces.push_back(SpfInterface{i.config.name, i.config.address, i.config.mask, i.config.cost});
    SpfInput input;
    input.router_id = config.router_id;
    input.area_id = area_id;
    input.interfaces = spf_interfaces;
    input.lsas = lsas;
    area.spf = compute_spf(input);
    per_area.push_back(area.spf.routes);
  }
  auto merged = merge_area_routes(per_area);
  // An ABR's summaries follow the routes and the ASBRs it reaches.
  if (is_abr()) origination_pending = true;
  if (merged == routes) return;
  // A route keeps its age while it stays the same; a new or changed one starts at now.
  std::map<std::pair<std::uint32_t, std::uint32_t>, const SpfRoute*> before;
  for (const SpfRoute& r : routes) before[{r.prefix, r.mask}] = &r;
  std::map<std::pair<std::uint32_t, std::uint32_t>, core::TimePoint> since;
  for (const SpfRoute& r : merged) {
    const auto key = std::make_pair(r.prefix, r.mask);
    auto old = before.find(key);
    auto was = route_since.find(key);
    const bool same = old != before.end() && *old->second == r && was != route_since.end();
    since[key] = same ? was->second : now;
  }
  route_since = std::move(since);
  routes = std::move(merged);
  origination_pending = true;
  out.push_back(instance_action::RoutesChanged{});
  log(core::LogLevel::Debug, "OSPF-" + std::to_string(process_id) + ": routing table now " +
                                 std::to_string(routes.size()) + " routes");
}

}  // namespace l3vpn::ospf
