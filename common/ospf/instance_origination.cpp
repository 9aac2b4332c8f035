// ospf::Instance: our own LSAs (RFC 2328 12.4). Rather than reacting to each
// event separately, the instance computes the set of LSAs it should be
// originating now - a router-LSA per area (12.4.1), a network-LSA per
// segment where it is DR with a full adjacency (12.4.2), summary-LSAs as an
// area border router (12.4.3) and AS-external-LSAs as an AS boundary router
// (12.4.4) - and reconciles it with what it last originated: new or changed
// bodies are originated (no sooner than MinLSInterval after the previous
// instance: a timer retries), LSAs no longer wanted are flushed (14.1).
// Refresh at LSRefreshTime and the 13.4 "our LSA came back newer" case too.
#include <algorithm>

#include "ospf/instance_state.hpp"

namespace l3vpn::ospf {

namespace {

constexpr std::uint8_t kLsaOptions = option::E;  // no stub areas

SummaryLsa summary_body(std::uint32_t mask, std::uint32_t metric) { return SummaryLsa{mask, metric, {}, 0}; }

}  // namespace

bool Instance::State::is_abr() const {
  // 3.3: attached to more than one area (counting areas with a working interface).
  std::set<std::uint32_t> attached;
  for (const auto& i : interfaces)
    if (i.fsm.state() != InterfaceState::Down) attached.insert(i.config.area_id);
  return attached.size() > 1;
}

std::map<OwnLsaKey, LsaBody> Instance::State::desired_lsas() const {
  std::map<OwnLsaKey, LsaBody> want;
  const std::uint32_t rid = config.router_id;
  const bool abr = is_abr();
  std::uint8_t flags = 0;
  if (abr || !config.summaries.empty()) flags |= router_flag::B;
  if (!config.externals.empty()) flags |= router_flag::E;

  for (const auto& [area_id, area] : areas) {
    RouterLsaInput input{rid, kLsaOptions, flags, {}};
    for (const auto& i : interfaces) {
      if (i.config.area_id != area_id) continue;
      RouterLsaInterface ri;
      ri.state = i.fsm.state();
      ri.type = i.config.type;
      ri.loopback = i.config.loopback;
      ri.address = i.config.address;
      ri.mask = i.config.mask;
      ri.cost = i.config.cost;
      ri.dr = i.fsm.designated_router();
      std::vector<std::uint32_t> full;
      for (const auto& [nrid, n] : i.neighbors)
        if (n.fsm.state() == NeighborState::Full) full.push_back(nrid);
      if (i.config.type == NetworkType::PointToPoint && !full.empty()) ri.full_neighbor_router_id = full.front();
      const bool we_are_dr = ri.dr != 0 && ri.dr == i.config.address;
      ri.dr_adjacency_full =
          we_are_dr ? !full.empty() : std::any_of(i.neighbors.begin(), i.neighbors.end(), [&](const auto& p) {
            return p.second.address == ri.dr && p.second.fsm.state() == NeighborState::Full;
          });
      input.interfaces.push_back(ri);
      // 12.4.2: the DR of a segment with at least one full adjacency.
      if (i.config.type == NetworkType::Broadcast && i.fsm.state() == InterfaceState::Dr && !full.empty()) {
        NetworkLsa body{i.config.mask, {rid}};
        body.attached_routers.insert(body.attached_routers.end(), full.begin(), full.end());
        want[OwnLsaKey{area_id, LsaKey{ls_type::Network, i.config.address, rid}}] = body;
      }
    }
    want[OwnLsaKey{area_id, LsaKey{ls_type::Router, rid, rid}}] = build_router_lsa_body(input);
  }

  if (abr) {
    // 12.4.3: into each area, the intra-area routes of the other areas, and
    // into non-backbone areas the backbone's inter-area routes too. No ranges.
    for (const auto& [target, area] : areas) {
      for (const SpfRoute& r : routes) {
        const bool intra_elsewhere = r.type == SpfRouteType::IntraArea && r.area_id != target;
        const bool backbone_inter = r.type == SpfRouteType::InterArea && r.area_id == 0 && target != 0;
        if (!intra_elsewhere && !backbone_inter) continue;
        if (r.cost >= kSpfLsInfinity) continue;
        want[OwnLsaKey{target, LsaKey{ls_type::SummaryNetwork, r.prefix, rid}}] = summary_body(r.mask, r.cost);
      }
      // Type 4: the AS boundary routers reached inside the other areas.
      std::map<std::uint32_t, std::uint32_t> asbr_cost;
      for (const auto& [source, sa] : areas) {
        if (source == target) continue;
        for (const SpfRouterRoute& rr : sa.spf.routers) {
          if ((rr.flags & router_flag::E) == 0 || rr.router_id == rid) continue;
          if (rr.type != SpfRouteType::IntraArea && !(source == 0 && target != 0)) continue;
          auto [it, fresh] = asbr_cost.emplace(rr.router_id, rr.cost);
          if (!fresh) it->second = std::min(it->second, rr.cost);
        }
      }
      for (const auto& [asbr, cost] : asbr_cost)
        want[OwnLsaKey{target, LsaKey{ls_type::SummaryAsbr, asbr, rid}}] = summary_body(0, cost);
    }
  }

  // RFC 4577: the VPN's routes of this OSPF domain, into every area.
  for (const auto& [target, area] : areas)
    for (const SummaryRoute& s : config.summaries) {
      const OwnLsaKey key{target, LsaKey{ls_type::SummaryNetwork, s.prefix & s.mask, rid}};
      if (want.count(key) == 0) want[key] = summary_body(s.mask, std::min<std::uint32_t>(s.metric, kSpfLsInfinity - 1));
    }
  for (const ExternalRoute& e : config.externals) {
    AsExternalLsa body;
    body.network_mask = e.mask;
    body.metric = ExternalMetric{e.type2, 0, std::min<std::uint32_t>(e.metric, kSpfLsInfinity), e.forwarding_address, e.tag};
    want[OwnLsaKey{kAsScope, LsaKey{ls_type::AsExternal, e.prefix & e.mask, rid}}] = body;
  }
  return want;
}

void Instance::State::reconcile_own_lsas() {
  origination_pending = false;
  const auto want = desired_lsas();
  for (auto& [k, o] : own)
    if (o.active && want.count(k) == 0) flush_own(k, o);
  std::optional<core::TimePoint> retry;
  for (const auto& [k, body] : want) {
    auto it = own.find(k);
    if (it == own.end())
      it = own.emplace(k, OwnLsa{SelfOriginatedLsa(k.key.type, k.key.link_state_id, k.key.advertising_router, kLsaOptions),
                                 false, false})
               .first;
    OwnLsa& o = it->second;
    if (o.active && !o.force && o.origin.last() && o.origin.last()->body == body) continue;
    if (!o.origin.may_originate(now)) {
      // 12.4: MinLSInterval since the last instance; refresh_at() is LSRefreshTime after it.
      const auto allowed = *o.origin.refresh_at() - std::chrono::seconds(kLsRefreshTime) + kMinLsInterval;
      retry = retry ? std::min(*retry, allowed) : allowed;
      continue;
    }
    originate(k, o, body);
  }
  if (retry && !originate_timer_running) {
    originate_timer_running = true;
    start_timer(kOriginateTimer, *retry - now);
  }
}

void Instance::State::originate(const OwnLsaKey& k, OwnLsa& o, LsaBody body) {
  auto lsa = o.origin.originate(std::move(body), now);
  if (!lsa) {
    // 12.1.6: the sequence space is used up: flush, start again later.
    flush_own(k, o);
    o.origin.restart_sequence();
    origination_pending = true;
    return;
  }
  o.active = true;
  o.force = false;
  Lsdb& db = lsdb_for(k.scope);
  const bool changed = db.install(*lsa, now, false);
  installed(k.scope, *lsa, changed);
  flood_own(k.scope, *lsa);
}

void Instance::State::flush_own(const OwnLsaKey& k, OwnLsa& o) {
  o.active = false;
  Lsdb& db = lsdb_for(k.scope);
  if (!db.flush(k.key, now)) return;
  const auto lsa = db.lsa(k.key, now);
  installed(k.scope, *lsa, true);
  flood_own(k.scope, *lsa);
}

void Instance::State::self_originated_came_back(std::uint64_t scope, const LsaKey& key, std::uint32_t received_sequence) {
  const OwnLsaKey k{scope, key};
  auto it = own.find(k);
  if (it == own.end())
    it = own.emplace(k, OwnLsa{SelfOriginatedLsa(key.type, key.link_state_id, key.advertising_router, kLsaOptions),
                               false, false})
             .first;
  OwnLsa& o = it->second;
  o.origin.adopt_sequence(received_sequence);  // the next instance goes above it
  if (desired_lsas().count(k) != 0) {
    o.force = true;
    origination_pending = true;
    return;
  }
  // 13.4: one we no longer originate (e.g. from before a restart): flush it.
  o.active = false;
  Lsdb& db = lsdb_for(scope);
  if (db.flush(key, now)) {
    const auto lsa = db.lsa(key, now);
    installed(scope, *lsa, true);
    flood_own(scope, *lsa);
  }
}

void Instance::State::refresh_own_lsas() {
  for (auto& [k, o] : own) {
    if (!o.active || !o.origin.refresh_due(now)) continue;
    auto lsa = o.origin.refresh(now);  // 12.4: same body, next sequence number
    if (!lsa) continue;
    Lsdb& db = lsdb_for(k.scope);
    const bool changed = db.install(*lsa, now, false);
    installed(k.scope, *lsa, changed);
    flood_own(k.scope, *lsa);
  }
}

}  // namespace l3vpn::ospf
