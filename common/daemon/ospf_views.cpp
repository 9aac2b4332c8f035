#include "daemon/ospf_views.hpp"

#include <algorithm>

namespace l3vpn::daemon {
namespace {

std::optional<core::Duration> until(const std::optional<core::TimePoint>& at, core::TimePoint now) {
  if (!at) return std::nullopt;
  return *at > now ? *at - now : core::Duration::zero();
}

const ospf::Instance::InterfaceView* find_interface(const std::vector<ospf::Instance::InterfaceView>& interfaces,
                                                    const std::string& name) {
  for (const auto& i : interfaces)
    if (i.name == name) return &i;
  return nullptr;
}

cli::OspfNeighborRole role_of(const ospf::Instance::NeighborView& n, const ospf::Instance::InterfaceView* i) {
  if (i && i->type == ospf::NetworkType::PointToPoint) return cli::OspfNeighborRole::PointToPoint;
  // The neighbor's role on the network, as our interface elected it.
  if (i && i->dr_router_id == n.router_id) return cli::OspfNeighborRole::DesignatedRouter;
  if (i && i->bdr_router_id == n.router_id) return cli::OspfNeighborRole::Backup;
  return cli::OspfNeighborRole::Other;
}

}  // namespace

std::vector<cli::OspfNeighborView> ospf_neighbor_views(const ospf::Instance& instance, core::TimePoint now) {
  const auto interfaces = instance.interfaces();
  std::vector<cli::OspfNeighborView> out;
  for (const auto& n : instance.neighbors()) {
    cli::OspfNeighborView v;
    v.router_id = n.router_id;
    v.priority = n.priority;
    v.state = ospf::to_string(n.state);
    v.role = role_of(n, find_interface(interfaces, n.interface));
    v.dead_time = until(n.dead_at, now);
    v.address = n.address;
    v.interface = n.interface;
    out.push_back(std::move(v));
  }
  return out;
}

std::vector<cli::OspfInterfaceView> ospf_interface_views(const ospf::Instance& instance, core::TimePoint now) {
  const auto neighbors = instance.neighbors();
  std::vector<cli::OspfInterfaceView> out;
  for (const auto& i : instance.interfaces()) {
    cli::OspfInterfaceView v;
    v.name = i.name;
    v.up = i.state != ospf::InterfaceState::Down;
    v.address = i.address;
    v.mask = i.mask;
    v.area_id = i.area_id;
    v.process_id = instance.process_id();
    v.router_id = instance.router_id();
    v.network_type = i.loopback                                    ? cli::OspfNetworkType::Loopback
                     : i.type == ospf::NetworkType::PointToPoint ? cli::OspfNetworkType::PointToPoint
                                                                  : cli::OspfNetworkType::Broadcast;
    v.passive = i.passive;
    v.cost = i.cost;
    v.state = ospf::to_string(i.state);
    v.priority = i.priority;
    v.dr_router_id = i.dr_router_id;
    v.dr_address = i.dr_address;
    v.bdr_router_id = i.bdr_router_id;
    v.bdr_address = i.bdr_address;
    v.hello_interval = i.hello_interval;
    v.dead_interval = i.dead_interval;
    v.retransmit_interval = i.retransmit_interval;
    v.hello_due = until(i.next_hello_at, now);
    v.au_type = i.au_type;
    v.neighbor_count = i.neighbor_count;
    for (const auto& n : neighbors) {
      if (n.interface != i.name || n.state != ospf::NeighborState::Full) continue;
      v.adjacent.push_back(
          cli::OspfAdjacencyView{n.router_id, n.router_id == i.dr_router_id, n.router_id == i.bdr_router_id});
    }
    out.push_back(std::move(v));
  }
  return out;
}

cli::OspfLsaView ospf_lsa_view(const ospf::LsdbEntry& entry, core::TimePoint now) {
  const ospf::LsaHeader& h = entry.lsa.header;
  cli::OspfLsaView v;
  v.type = h.type;
  v.age = ospf::Lsdb::age_of(entry, now);
  v.options = h.options;
  v.link_state_id = h.link_state_id;
  v.advertising_router = h.advertising_router;
  v.sequence = h.sequence;
  v.checksum = h.checksum;
  v.length = h.length;
  if (const auto* r = std::get_if<ospf::RouterLsa>(&entry.lsa.body)) {
    v.router_flags = r->flags;
    for (const auto& l : r->links) {
      v.links.push_back(cli::OspfRouterLinkView{static_cast<std::uint8_t>(l.type), l.link_id, l.link_data, l.metric});
    }
  } else if (const auto* n = std::get_if<ospf::NetworkLsa>(&entry.lsa.body)) {
    v.network_mask = n->network_mask;
    v.attached_routers = n->attached_routers;
  } else if (const auto* s = std::get_if<ospf::SummaryLsa>(&entry.lsa.body)) {
    v.network_mask = s->network_mask;
    v.metric = s->metric;
  } else if (const auto* e = std::get_if<ospf::AsExternalLsa>(&entry.lsa.body)) {
    v.network_mask = e->network_mask;
    v.metric = e->metric.metric;
    v.external_type2 = e->metric.e_bit;
    v.forwarding_address = e->metric.forwarding_address;
    v.tag = e->metric.external_route_tag;
  }
  return v;
}

cli::OspfDatabaseView ospf_database_view(const ospf::Instance& instance, core::TimePoint now) {
  cli::OspfDatabaseView view;
  view.process_id = instance.process_id();
  view.router_id = instance.router_id();
  for (std::uint32_t area_id : instance.areas()) {
    const ospf::Lsdb* lsdb = instance.lsdb(area_id);
    if (!lsdb) continue;
    cli::OspfAreaDatabaseView area;
    area.area_id = area_id;
    for (const auto& [key, entry] : lsdb->entries()) {
      if (key.type >= ospf::ls_type::Router && key.type <= ospf::ls_type::SummaryAsbr) {
        area.lsas.push_back(ospf_lsa_view(entry, now));
      }
    }
    view.areas.push_back(std::move(area));
  }
  for (const auto& [key, entry] : instance.external_lsdb().entries()) {
    if (key.type == ospf::ls_type::AsExternal) view.externals.push_back(ospf_lsa_view(entry, now));
  }
  return view;
}

std::vector<cli::RouteView> ospf_route_views(const ospf::Instance& instance, core::TimePoint now) {
  std::vector<cli::RouteView> out = ospf_route_views(instance, std::nullopt);
  for (cli::RouteView& v : out) {
    const std::uint32_t mask = v.length == 0 ? 0 : ~std::uint32_t{0} << (32 - v.length);
    if (auto since = instance.route_since(v.address, mask)) v.age = now - *since;
  }
  return out;
}

std::vector<cli::RouteView> ospf_route_views(const ospf::Instance& instance, std::optional<core::Duration> age) {
  std::vector<cli::RouteView> out;
  for (const ospf::SpfRoute& r : instance.routes()) {
    std::vector<const ospf::SpfNextHop*> via;
    for (const auto& h : r.next_hops)
      if (h.address != 0) via.push_back(&h);
    if (via.empty()) continue;  // directly attached: the connected route's
    cli::RouteView v;
    v.code = 'O';
    switch (r.type) {
      case ospf::SpfRouteType::IntraArea: break;
      case ospf::SpfRouteType::InterArea: v.sub_code = "IA"; break;
      case ospf::SpfRouteType::ExternalType1: v.sub_code = "E1"; break;
      case ospf::SpfRouteType::ExternalType2: v.sub_code = "E2"; break;
    }
    v.address = r.prefix;
    v.length = static_cast<std::uint8_t>(r.prefix_length());
    v.candidate_default = r.prefix == 0 && r.mask == 0;
    v.distance = 110;
    v.metric = r.metric();
    v.next_hop = via.front()->address;
    v.interface = via.front()->interface;
    v.age = age;
    for (std::size_t i = 1; i < via.size(); ++i) v.more_paths.push_back({via[i]->address, via[i]->interface});
    out.push_back(std::move(v));
  }
  return out;
}

}  // namespace l3vpn::daemon
