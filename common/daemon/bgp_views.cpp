#include "daemon/bgp_views.hpp"

#include "vpn/vrf_export.hpp"

#include <algorithm>
#include <map>

namespace l3vpn::daemon {
namespace {

std::string prefix_text(std::uint32_t address, std::uint8_t length) {
  return cli::ipv4_text(address) + "/" + std::to_string(length);
}

bool has_family(const std::vector<bgp::AfiSafi>& families, bgp::AfiSafi family) {
  return std::find(families.begin(), families.end(), family) != families.end();
}

std::uint32_t received_in(const bgp::Speaker& speaker, const bgp::SpeakerPeer& peer, bgp::AfiSafi family) {
  const bgp::rib::FamilyRib* rib = speaker.rib(family);
  const bgp::rib::AdjRibIn* in = rib ? rib->adj_rib_in(peer.id) : nullptr;
  return in ? static_cast<std::uint32_t>(in->size()) : 0;
}

std::optional<core::Duration> since(const bgp::PeerSession& session, core::TimePoint now) {
  if (auto change = session.last_change()) return now - *change;
  return std::nullopt;
}

cli::BgpPathView path_view(const bgp::rib::RouteKey& key, const bgp::rib::Path& path, bool best,
                           const std::map<std::uint64_t, std::string>& vrf_of_rd, bgp::AfiSafi family,
                           const bgp::rib::NextHopResolver* resolver) {
  cli::BgpPathView v;
  if (family == bgp::kVpnv4Unicast) {
    v.rd = rd_text(key.route_distinguisher());
    auto vrf = vrf_of_rd.find(key.rd);
    if (vrf != vrf_of_rd.end()) v.rd_vrf = vrf->second;
  }
  v.prefix = prefix_text(key.address, key.length);
  v.next_hop = path.next_hop;
  const bgp::PathAttributes& a = *path.attributes;
  v.med = a.med;
  v.local_pref = a.local_pref;
  v.weight = path.weight;
  v.as_path = bgp::as_path_text(a);
  v.origin = bgp::origin_code(a);
  v.best = best;
  v.valid = best || path.locally_originated() || !resolver ||
            [&] {
              auto r = resolver->resolve(path.next_hop);
              return r && r->reachable;
            }();
  v.internal = !path.locally_originated() && !path.from_ebgp();
  if (path.label.has_value()) {
    if (path.locally_originated()) v.in_label = path.label.value;
    else v.out_label = path.label.value;
  }
  v.from_address = path.peer_address;
  v.from_router_id = path.peer_router_id;
  v.originator_id = a.originator_id;
  v.cluster_list = a.cluster_list;
  for (const bgp::ExtendedCommunity& c : a.extended_communities) {
    // RFC 4577's, as IOS prints them: "OSPF RT:0.0.0.0:2:0", "OSPF ROUTER ID:172.16.1.1:0".
    if (auto t = vpn::ospf_route_type_of(c)) {
      v.extended_communities.push_back("OSPF RT:" + config::Ipv4Address{t->area}.to_string() + ":" +
                                       std::to_string(t->route_type) + ":" + std::to_string(t->metric_type2 ? 1 : 0));
      continue;
    }
    if (c.bytes[0] == 0x01 && c.bytes[1] == 0x07) {
      const std::uint32_t id = std::uint32_t{c.bytes[2]} << 24 | std::uint32_t{c.bytes[3]} << 16 |
                               std::uint32_t{c.bytes[4]} << 8 | std::uint32_t{c.bytes[5]};
      v.extended_communities.push_back("OSPF ROUTER ID:" + config::Ipv4Address{id}.to_string() + ":0");
      continue;
    }
    if (!c.is_route_target() && !c.is_route_origin()) continue;
    bool four_octet_admin = c.bytes[0] != 0x00;
    std::uint32_t admin = 0, assigned = 0;
    for (int i = 2; i < (four_octet_admin ? 6 : 4); ++i) admin = admin << 8 | c.bytes[static_cast<std::size_t>(i)];
    for (int i = four_octet_admin ? 6 : 4; i < 8; ++i) assigned = assigned << 8 | c.bytes[static_cast<std::size_t>(i)];
    std::string admin_text = c.bytes[0] == 0x01 ? config::Ipv4Address{admin}.to_string() : std::to_string(admin);
    v.extended_communities.push_back(std::string(c.is_route_target() ? "RT:" : "SoO:") + admin_text + ":" +
                                     std::to_string(assigned));
  }
  return v;
}

// IOS's "(default for vrf X)": which configured VRF uses each RD.
std::map<std::uint64_t, std::string> vrf_names_by_rd(const config::Config& config) {
  std::map<std::uint64_t, std::string> names;
  for (const auto& vrf : config.vrfs)
    if (vrf.rd) names.emplace(vpn::to_wire(*vrf.rd).value, vrf.name);
  return names;
}

}  // namespace

std::string rd_text(bgp::WireRouteDistinguisher rd) {
  if (auto value = vpn::from_wire(rd)) return value->to_string();
  return std::to_string(rd.value >> 48) + ":" + std::to_string(rd.value & 0xFFFFFFFFFFFF);
}

std::optional<bgp::WireRouteDistinguisher> parse_rd(std::string_view text) {
  auto value = config::RouteDistinguisher::parse(text);
  if (!value) return std::nullopt;
  return vpn::to_wire(*value);
}

std::string family_name(bgp::AfiSafi family) {
  if (family == bgp::kIpv4Unicast) return "IPv4 Unicast";
  if (family == bgp::kVpnv4Unicast) return "VPNv4 Unicast";
  return "AFI " + std::to_string(family.afi) + " SAFI " + std::to_string(family.safi);
}

cli::BgpSummaryView bgp_summary_view(const bgp::Speaker& speaker, std::optional<bgp::AfiSafi> family,
                                     core::TimePoint now) {
  cli::BgpSummaryView view;
  view.router_id = speaker.config().router_id;
  view.local_as = speaker.config().asn;
  view.table_version = speaker.table_version();
  if (const bgp::rib::FamilyRib* rib = speaker.rib(family.value_or(bgp::kIpv4Unicast))) {
    view.network_entries = static_cast<std::uint32_t>(rib->loc_rib().size());
    view.paths = static_cast<std::uint32_t>(rib->loc_rib().path_count());
  }
  for (const auto& peer : speaker.peers()) {
    if (family && !has_family(peer->config.families, *family)) continue;
    const bgp::PeerSession& session = *peer->session;
    cli::BgpNeighborView n;
    n.address = peer->config.address;
    n.remote_as = peer->config.remote_as;
    n.messages_received = session.counters().messages_received;
    n.messages_sent = session.counters().messages_sent;
    n.table_version = speaker.table_version();
    n.up_down = since(session, now);
    n.state = bgp::to_string(session.state());
    n.admin_shutdown = session.admin_down();
    if (family) {
      n.prefixes_received = received_in(speaker, *peer, *family);
    } else {
      for (bgp::AfiSafi f : peer->config.families) n.prefixes_received += received_in(speaker, *peer, f);
    }
    view.neighbors.push_back(n);
  }
  std::sort(view.neighbors.begin(), view.neighbors.end(),
            [](const cli::BgpNeighborView& a, const cli::BgpNeighborView& b) { return a.address < b.address; });
  return view;
}

cli::BgpTableView bgp_table_view(const bgp::Speaker& speaker, const config::Config& config, bgp::AfiSafi family,
                                 const bgp::rib::NextHopResolver* resolver, TableFilter filter) {
  cli::BgpTableView view;
  view.router_id = speaker.config().router_id;
  view.table_version = speaker.table_version();
  const bgp::rib::FamilyRib* rib = speaker.rib(family);
  if (!rib) return view;
  const std::map<std::uint64_t, std::string> vrf_of_rd = vrf_names_by_rd(config);
  std::vector<std::pair<bgp::rib::RouteKey, const bgp::rib::LocRibEntry*>> entries;
  rib->loc_rib().for_each([&](const bgp::rib::RouteKey& key, const bgp::rib::LocRibEntry& entry) {
    if (filter.rd && key.rd != filter.rd->value) return;
    if (filter.prefix && (key.address != filter.prefix->address || key.length != filter.prefix->length)) return;
    entries.emplace_back(key, &entry);
  });
  std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
    const auto& x = a.first;
    const auto& y = b.first;
    return std::tie(x.rd, x.address, x.length) < std::tie(y.rd, y.address, y.length);
  });
  for (const auto& [key, entry] : entries) {
    if (entry->best) view.paths.push_back(path_view(key, *entry->best, true, vrf_of_rd, family, resolver));
    for (const bgp::rib::Path* path : entry->paths)
      if (path != entry->best) view.paths.push_back(path_view(key, *path, false, vrf_of_rd, family, resolver));
  }
  return view;
}

std::optional<cli::BgpTableView> bgp_neighbor_table_view(const bgp::Speaker& speaker, const config::Config& config,
                                                         std::uint32_t neighbor, NeighborTable which) {
  const bgp::SpeakerPeer* peer = nullptr;
  for (const auto& p : speaker.peers())
    if (p->config.address == neighbor) peer = p.get();
  if (!peer) return std::nullopt;
  cli::BgpTableView view;
  view.router_id = speaker.config().router_id;
  view.table_version = speaker.table_version();
  const std::map<std::uint64_t, std::string> vrf_of_rd = vrf_names_by_rd(config);
  std::vector<std::pair<bgp::rib::RouteKey, cli::BgpPathView>> rows;
  for (bgp::AfiSafi family : peer->config.families) {
    if (which == NeighborTable::Received) {
      const bgp::rib::FamilyRib* rib = speaker.rib(family);
      const bgp::rib::AdjRibIn* in = rib ? rib->adj_rib_in(peer->id) : nullptr;
      if (!in) continue;
      for (const bgp::rib::RouteKey& key : in->keys()) {
        const bgp::rib::Path* path = in->find(key);
        const bgp::rib::LocRibEntry* entry = rib->loc_rib().find(key);
        rows.emplace_back(key, path_view(key, *path, entry && entry->best == path, vrf_of_rd, family, nullptr));
      }
    } else {
      auto out = peer->out.find(family);
      if (out == peer->out.end()) continue;
      out->second.for_each([&](const bgp::rib::RouteKey& key, const bgp::rib::OutRoute& route) {
        bgp::rib::Path sent;  // the route as the neighbor got it, in the shape path_view reads
        sent.attributes = route.attributes;
        sent.next_hop = route.next_hop;
        sent.label = route.label;
        sent.flags = bgp::rib::path_flag::LocallyOriginated;  // our label: shown as "in"
        cli::BgpPathView v = path_view(key, sent, true, vrf_of_rd, family, nullptr);
        v.internal = false;
        v.weight = 0;
        rows.emplace_back(key, std::move(v));
      });
    }
  }
  std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
    return std::tie(a.first.rd, a.first.address, a.first.length) < std::tie(b.first.rd, b.first.address, b.first.length);
  });
  for (auto& row : rows) view.paths.push_back(std::move(row.second));
  return view;
}

std::vector<cli::BgpNeighborDetailView> bgp_neighbor_views(const bgp::Speaker& speaker, core::TimePoint now) {
  std::vector<cli::BgpNeighborDetailView> views;
  for (const auto& peer : speaker.peers()) {
    const bgp::PeerConfig& pc = peer->config;
    const bgp::PeerSession& session = *peer->session;
    const bgp::PeerCounters& c = session.counters();
    cli::BgpNeighborDetailView n;
    n.address = pc.address;
    n.remote_as = pc.remote_as;
    n.internal = !speaker.config().ebgp(pc);
    n.description = pc.description;
    n.state = bgp::to_string(session.state());
    n.admin_shutdown = session.admin_down();
    n.since_change = since(session, now);
    n.configured_hold_time = pc.hold_time;
    n.configured_keepalive = pc.keepalive;
    n.hold_time = pc.hold_time;
    n.keepalive = pc.keepalive;
    const auto& negotiated = session.negotiated();
    n.established = session.state() == bgp::SessionState::Established && negotiated.has_value();
    if (negotiated) {
      n.remote_router_id = negotiated->peer_router_id;
      n.hold_time = negotiated->hold_time;
      n.keepalive = negotiated->keepalive;
      n.four_octet_as_received = negotiated->four_octet_as;
      n.route_refresh_received = negotiated->route_refresh;
    }
    for (bgp::AfiSafi family : pc.families) {
      cli::BgpNeighborFamilyView f;
      f.name = family_name(family);
      f.received = negotiated && has_family(negotiated->families, family);
      f.route_reflector_client = pc.route_reflector_client;
      f.send_community = pc.send_community;
      f.send_extended_community = pc.send_extended_community;
      f.prefixes_received = received_in(speaker, *peer, family);
      auto out = peer->out.find(family);
      f.prefixes_sent = out == peer->out.end() ? 0 : static_cast<std::uint32_t>(out->second.size());
      n.families.push_back(f);
    }
    n.sent = {c.opens_sent, c.notifications_sent, c.updates_sent, c.keepalives_sent, c.route_refresh_sent,
              c.messages_sent};
    n.received = {c.opens_received, c.notifications_received, c.updates_received, c.keepalives_received,
                  c.route_refresh_received, c.messages_received};
    n.connections_established = c.established;
    n.connections_dropped = c.dropped;
    n.last_reset = session.last_reset();
    n.update_source = pc.update_source;
    n.local_address = pc.local_address;
    views.push_back(std::move(n));
  }
  std::sort(views.begin(), views.end(),
            [](const cli::BgpNeighborDetailView& a, const cli::BgpNeighborDetailView& b) { return a.address < b.address; });
  return views;
}

std::vector<vpn::VpnRoute> best_vpn_routes(const bgp::Speaker& speaker, core::TimePoint at) {
  std::vector<vpn::VpnRoute> known;
  const bgp::rib::FamilyRib* rib = speaker.rib(bgp::kVpnv4Unicast);
  if (!rib) return known;
  rib->loc_rib().for_each([&](const bgp::rib::RouteKey& key, const bgp::rib::LocRibEntry& entry) {
    if (!entry.best) return;
    vpn::VpnRoute r;
    r.rd = key.route_distinguisher();
    r.prefix = key.prefix();
    r.attributes = *entry.best->attributes;
    r.next_hop = entry.best->next_hop;
    r.label = entry.best->label.has_value() ? entry.best->label.value : 0;
    r.from_self = entry.best->locally_originated();
    r.age = at - entry.best->received;
    known.push_back(std::move(r));
  });
  return known;
}

}  // namespace l3vpn::daemon
