#include "vpn/vrf_bgp_ce.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "vpn/vrf_bgp_table.hpp"

namespace l3vpn::vpn {
namespace {

bgp::Prefix4 network_of(const config::Ipv4Prefix& p) {
  config::Ipv4Prefix n = p.network();
  return bgp::Prefix4{n.address.value, n.length};
}

// What a CE is sent of a route: no route targets or other communities (IOS
// sends them only with send-community), no LOCAL_PREF (eBGP drops it anyway).
bgp::PathAttributes toward_ce(const bgp::PathAttributes& from) {
  bgp::PathAttributes a;
  a.origin = from.origin.value_or(bgp::Origin::Incomplete);
  a.as_path = from.as_path.value_or(std::vector<bgp::AsPathSegment>{});
  a.med = from.med;
  return a;
}

}  // namespace

std::vector<VrfBgpInstance> vrf_bgp_instances(const config::Config& config) {
  std::vector<VrfBgpInstance> out;
  auto global = bgp::bgp_instance_config(config);
  if (!global) return out;
  for (const auto& af : config.bgp->families) {
    if (af.kind != config::BgpAddressFamily::Kind::Ipv4Vrf) continue;
    VrfBgpInstance v;
    v.vrf = af.vrf;
    v.instance.asn = global->asn;
    v.instance.router_id = global->router_id;
    v.instance.cluster_id = global->cluster_id;
    v.instance.log_neighbor_changes = global->log_neighbor_changes;
    for (const bgp::PeerConfig& peer : global->peers) {
      if (peer.vrf != af.vrf) continue;
      bgp::PeerConfig p = peer;
      p.vrf.clear();  // in its own speaker, a CE is an ordinary peer
      p.families = {bgp::kIpv4Unicast};
      v.instance.peers.push_back(std::move(p));
    }
    if (!v.instance.peers.empty()) out.push_back(std::move(v));
  }
  return out;
}

bgp::rib::ConnectedStaticResolver vrf_next_hop_resolver(const config::Config& config, std::string_view vrf) {
  std::vector<bgp::rib::ConnectedStaticResolver::Entry> entries;
  for (const auto& itf : config.interfaces) {
    if (itf.vrf != vrf || itf.shutdown) continue;
    for (const auto& a : itf.addresses) {
      const bgp::Prefix4 p = network_of(a.prefix);
      entries.push_back({p.address, p.length, false});
    }
  }
  for (const auto& r : config.static_routes) {
    if (r.vrf != vrf) continue;
    const bgp::Prefix4 p = network_of(r.prefix);
    entries.push_back({p.address, p.length, r.interface == "Null0"});
  }
  return bgp::rib::ConnectedStaticResolver(std::move(entries));
}

std::vector<CeBgpRoute> learned_routes(const bgp::Speaker& speaker, core::TimePoint at) {
  std::vector<CeBgpRoute> out;
  const bgp::rib::FamilyRib* rib = speaker.rib(bgp::kIpv4Unicast);
  if (!rib) return out;
  rib->loc_rib().for_each([&](const bgp::rib::RouteKey& key, const bgp::rib::LocRibEntry& entry) {
    if (!entry.best || entry.best->locally_originated()) return;
    CeBgpRoute r;
    r.prefix = key.prefix();
    r.attributes = *entry.best->attributes;
    r.next_hop = entry.best->next_hop;
    r.ebgp = entry.best->from_ebgp();
    r.age = at - entry.best->received;
    out.push_back(std::move(r));
  });
  // The Loc-RIB is a hash table: sorted, so equal tables compare equal.
  std::sort(out.begin(), out.end(), [](const CeBgpRoute& a, const CeBgpRoute& b) { return a.prefix < b.prefix; });
  return out;
}

std::vector<cli::RouteView> bgp_route_views(const std::vector<CeBgpRoute>& routes) {
  std::vector<cli::RouteView> out;
  for (const CeBgpRoute& r : routes) {
    cli::RouteView v;
    v.code = 'B';
    v.address = r.prefix.address;
    v.length = r.prefix.length;
    v.distance = r.ebgp ? kEbgpDistance : kIbgpDistance;
    v.metric = r.attributes.med.value_or(0);
    v.next_hop = r.next_hop;
    v.age = r.age.value_or(core::Duration::zero());
    out.push_back(std::move(v));
  }
  return out;
}

std::vector<Advertisement> ce_advertisements(const config::Config& config, std::string_view vrf,
                                             const std::vector<ExportedRoute>& exports,
                                             const std::vector<VpnRoute>& known, const cli::RouteTableView& table) {
  std::map<bgp::Prefix4, bgp::PathAttributes> chosen;
  // The VRF's own BGP routes (redistributed, network): in IOS's VRF BGP
  // table with weight 32768, they win there. CE-learned ones are the VRF
  // speaker's own paths already.
  for (const ExportedRoute& e : exports)
    if (e.vrf == vrf && e.source != "bgp") chosen.emplace(e.prefix, toward_ce(e.attributes));

  // The VPN routes that won the VRF's table (iBGP, AD 200), with the
  // attributes of the path the table was built from (the import map applied).
  std::set<bgp::Prefix4> vpn_winners;
  for (const cli::RouteView& r : table.routes)
    if (r.code == 'B' && r.distance == kIbgpDistance) vpn_winners.insert(bgp::Prefix4{r.address, r.length});
  const config::Vrf* target = config.find_vrf(vrf);
  if (!target) return {};
  std::map<bgp::Prefix4, VpnRoute> best;
  for (const VpnRoute& route : known) {
    if (!vpn_winners.contains(route.prefix)) continue;
    if (route.from_self && target->rd && to_wire(*target->rd) == route.rd) continue;  // its own export
    auto imported = import_into(config, *target, route.prefix, route.attributes);
    if (!imported) continue;
    VpnRoute candidate = route;
    candidate.attributes = std::move(*imported);
    auto [it, fresh] = best.emplace(route.prefix, candidate);
    if (!fresh && vrf_best_first(candidate, it->second)) it->second = std::move(candidate);
  }
  for (const auto& [prefix, route] : best) chosen.emplace(prefix, toward_ce(route.attributes));

  std::vector<Advertisement> out;
  for (auto& [prefix, attributes] : chosen) out.push_back(Advertisement{prefix, std::move(attributes)});
  return out;
}

std::vector<Advertisement> global_network_advertisements(const config::Config& config) {
  std::vector<Advertisement> out;
  if (!config.bgp) return out;
  for (const auto& af : config.bgp->families) {
    if (af.kind != config::BgpAddressFamily::Kind::Ipv4Unicast) continue;
    for (const auto& statement : af.networks) {
      const bgp::Prefix4 p = network_of(statement.prefix);
      bool in_table = false;
      for (const auto& itf : config.interfaces)
        if (itf.vrf.empty() && !itf.shutdown)
          for (const auto& a : itf.addresses) in_table |= network_of(a.prefix) == p;
      for (const auto& r : config.static_routes) in_table |= r.vrf.empty() && network_of(r.prefix) == p;
      if (!in_table) continue;  // IOS announces a network only with an exact route in the RIB
      bgp::PathAttributes a;
      a.origin = bgp::Origin::Igp;
      a.as_path = std::vector<bgp::AsPathSegment>{};
      a.med = 0;  // a connected or static route's metric
      out.push_back(Advertisement{p, std::move(a)});
    }
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.prefix < b.prefix; });
  out.erase(std::unique(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.prefix == b.prefix; }),
            out.end());
  return out;
}

void sync_advertisements(bgp::Speaker& speaker, const std::vector<Advertisement>& before,
                         const std::vector<Advertisement>& after) {
  std::map<bgp::Prefix4, const Advertisement*> now;
  for (const Advertisement& a : after) now.emplace(a.prefix, &a);
  for (const Advertisement& a : before)
    if (!now.contains(a.prefix)) speaker.withdraw_local(bgp::kIpv4Unicast, bgp::rib::RouteKey::ipv4(a.prefix));
  std::map<bgp::Prefix4, const Advertisement*> old;
  for (const Advertisement& a : before) old.emplace(a.prefix, &a);
  for (const auto& [prefix, a] : now) {
    auto was = old.find(prefix);
    if (was != old.end() && *was->second == *a) continue;
    speaker.originate(bgp::kIpv4Unicast, bgp::rib::RouteKey::ipv4(prefix), a->attributes, bgp::rib::Label{});
  }
}

}  // namespace l3vpn::vpn
