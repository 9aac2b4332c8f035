// Model -> canonical running-config. The section order and indentation follow
// IOS "show running-config". Two deliberate choices where IOS sorts and we do
// not: interfaces, OSPF processes, BGP neighbors and address families come out
// in the order the file defined them (IOS orders interfaces by type then slot,
// which has no meaning for Linux names like ens3). VRFs are sorted by name, as
// IOS does.
#include <algorithm>
#include <sstream>

#include "config/parser.hpp"

namespace l3vpn::config {

namespace {

std::string mask_of(const Ipv4Prefix& p) { return length_to_mask(p.length).to_string(); }

const char* network_type(OspfNetworkType type) {
  switch (type) {
    case OspfNetworkType::PointToPoint: return "point-to-point";
    case OspfNetworkType::Broadcast: return "broadcast";
    case OspfNetworkType::NonBroadcast: return "non-broadcast";
    case OspfNetworkType::PointToMultipoint: return "point-to-multipoint";
    case OspfNetworkType::Default: break;
  }
  return "";
}

std::string redistribution(const Redistribution& r) {
  std::string out = "redistribute ";
  switch (r.source) {
    case Redistribution::Source::Connected: out += "connected"; break;
    case Redistribution::Source::Static: out += "static"; break;
    case Redistribution::Source::Ospf: out += "ospf"; break;
    case Redistribution::Source::Bgp: out += "bgp"; break;
  }
  if (r.process) out += ' ' + std::to_string(*r.process);
  if (!r.vrf.empty()) out += " vrf " + r.vrf;
  if (r.metric) out += " metric " + std::to_string(*r.metric);
  if (r.match_internal || r.match_external1 || r.match_external2) {
    out += " match";
    if (r.match_internal) out += " internal";
    if (r.match_external1) out += " external 1";
    if (r.match_external2) out += " external 2";
  }
  if (r.subnets) out += " subnets";
  if (!r.route_map.empty()) out += " route-map " + r.route_map;
  return out;
}

void render_vrf(std::ostream& out, const Vrf& vrf) {
  bool definition = vrf.syntax == Vrf::Syntax::VrfDefinition;
  out << (definition ? "vrf definition " : "ip vrf ") << vrf.name << '\n';
  if (!vrf.description.empty()) out << " description " << vrf.description << '\n';
  if (vrf.rd) out << " rd " << vrf.rd->to_string() << '\n';
  // "vrf definition" keeps targets and maps inside its ipv4 family.
  std::string indent = " ";
  if (definition && vrf.ipv4_family) {
    out << " !\n address-family ipv4\n";
    indent = "  ";
  }
  for (const auto& rt : vrf.export_targets)
    out << indent << "route-target export " << rt.to_string() << '\n';
  for (const auto& rt : vrf.import_targets)
    out << indent << "route-target import " << rt.to_string() << '\n';
  if (!vrf.import_map.empty()) out << indent << "import map " << vrf.import_map << '\n';
  if (!vrf.export_map.empty()) out << indent << "export map " << vrf.export_map << '\n';
  if (!vrf.kernel_source_interface.empty())
    out << indent << "kernel source-interface " << vrf.kernel_source_interface << '\n';
  if (definition && vrf.ipv4_family) out << " exit-address-family\n";
  out << "!\n";
}

void render_interface(std::ostream& out, const Interface& itf, const Config& config) {
  out << "interface " << itf.name << '\n';
  if (!itf.description.empty()) out << " description " << itf.description << '\n';
  if (!itf.vrf.empty()) {
    const Vrf* vrf = config.find_vrf(itf.vrf);
    bool definition = vrf && vrf->syntax == Vrf::Syntax::VrfDefinition;
    out << (definition ? " vrf forwarding " : " ip vrf forwarding ") << itf.vrf << '\n';
  }
  if (itf.addresses.empty()) out << " no ip address\n";
  for (const auto& a : itf.addresses)
    out << " ip address " << a.prefix.address.to_string() << ' ' << mask_of(a.prefix)
        << (a.secondary ? " secondary" : "") << '\n';
  const InterfaceOspf& ospf = itf.ospf;
  if (ospf.network != OspfNetworkType::Default)
    out << " ip ospf network " << network_type(ospf.network) << '\n';
  if (ospf.hello_interval) out << " ip ospf hello-interval " << *ospf.hello_interval << '\n';
  if (ospf.dead_interval) out << " ip ospf dead-interval " << *ospf.dead_interval << '\n';
  if (ospf.process && ospf.area)
    out << " ip ospf " << *ospf.process << " area " << ospf.area->to_string() << '\n';
  if (ospf.cost) out << " ip ospf cost " << *ospf.cost << '\n';
  if (ospf.authentication) {
    out << " ip ospf authentication";
    if (*ospf.authentication == OspfAuthentication::MessageDigest) out << " message-digest";
    if (*ospf.authentication == OspfAuthentication::Null) out << " null";
    out << '\n';
  }
  if (!ospf.authentication_key.empty()) out << " ip ospf authentication-key " << ospf.authentication_key << '\n';
  for (const auto& k : ospf.message_digest_keys)
    out << " ip ospf message-digest-key " << static_cast<unsigned>(k.key_id) << " md5 " << k.key << '\n';
  if (itf.shutdown) out << " shutdown\n";
  if (itf.negotiation_auto) out << " negotiation auto\n";
  if (itf.mpls_ip) out << " mpls ip\n";
  out << "!\n";
}

void render_ospf(std::ostream& out, const OspfProcess& p) {
  out << "router ospf " << p.id;
  if (!p.vrf.empty()) out << " vrf " << p.vrf;
  out << '\n';
  if (p.router_id) out << " router-id " << p.router_id->to_string() << '\n';
  if (p.log_adjacency_changes) out << " log-adjacency-changes" << (p.log_adjacency_changes_detail ? " detail" : "") << '\n';
  for (const auto& r : p.redistribute) out << ' ' << redistribution(r) << '\n';
  if (p.passive_default) out << " passive-interface default\n";
  for (const auto& name : p.no_passive_interfaces) out << " no passive-interface " << name << '\n';
  for (const auto& name : p.passive_interfaces) out << " passive-interface " << name << '\n';
  for (const auto& n : p.networks)
    out << " network " << n.address.to_string() << ' ' << n.wildcard.to_string() << " area "
        << n.area.to_string() << '\n';
  if (p.default_information_originate)
    out << " default-information originate" << (p.default_information_always ? " always" : "") << '\n';
  out << "!\n";
}

void render_session(std::ostream& out, const std::string& indent, const BgpNeighbor& n) {
  std::string prefix = indent + "neighbor " + n.id + ' ';
  if (n.is_peer_group) out << prefix << "peer-group\n";
  if (n.remote_as) out << prefix << "remote-as " << *n.remote_as << '\n';
  if (!n.peer_group.empty()) out << prefix << "peer-group " << n.peer_group << '\n';
  if (!n.description.empty()) out << prefix << "description " << n.description << '\n';
  if (!n.password.empty()) out << prefix << "password " << n.password << '\n';
  if (n.shutdown) out << prefix << "shutdown\n";
  if (!n.update_source.empty()) out << prefix << "update-source " << n.update_source << '\n';
  if (n.passive) out << prefix << "transport connection-mode passive\n";
  if (n.keepalive && n.holdtime) out << prefix << "timers " << *n.keepalive << ' ' << *n.holdtime << '\n';
}

void render_af_neighbor(std::ostream& out, const BgpAfNeighbor& n) {
  std::string prefix = "  neighbor " + n.id + ' ';
  if (n.activate) out << prefix << "activate\n";
  if (n.send_community_standard && n.send_community_extended) out << prefix << "send-community both\n";
  else if (n.send_community_extended) out << prefix << "send-community extended\n";
  else if (n.send_community_standard) out << prefix << "send-community\n";
  if (n.route_reflector_client) out << prefix << "route-reflector-client\n";
  if (n.next_hop_self) out << prefix << "next-hop-self\n";
  if (!n.route_map_in.empty()) out << prefix << "route-map " << n.route_map_in << " in\n";
  if (!n.route_map_out.empty()) out << prefix << "route-map " << n.route_map_out << " out\n";
}

void render_family(std::ostream& out, const BgpAddressFamily& f) {
  out << " !\n";
  switch (f.kind) {
    case BgpAddressFamily::Kind::Vpnv4: out << " address-family vpnv4\n"; break;
    case BgpAddressFamily::Kind::Ipv4Unicast: out << " address-family ipv4\n"; break;
    case BgpAddressFamily::Kind::Ipv4Vrf: out << " address-family ipv4 vrf " << f.vrf << '\n'; break;
  }
  for (const auto& r : f.redistribute) out << "  " << redistribution(r) << '\n';
  for (const auto& n : f.networks) {
    out << "  network " << n.prefix.address.to_string() << " mask " << mask_of(n.prefix);
    if (!n.route_map.empty()) out << " route-map " << n.route_map;
    out << '\n';
  }
  // Settings grouped by neighbor: the CE session first, then its family settings.
  for (const auto& n : f.vrf_neighbors) {
    render_session(out, "  ", n);
    for (const auto& a : f.neighbors)
      if (a.id == n.id) render_af_neighbor(out, a);
  }
  for (const auto& a : f.neighbors) {
    bool shown = std::any_of(f.vrf_neighbors.begin(), f.vrf_neighbors.end(),
                             [&](const BgpNeighbor& n) { return n.id == a.id; });
    if (!shown) render_af_neighbor(out, a);
  }
  if (f.default_information_originate) out << "  default-information originate\n";
  if (f.no_auto_summary) out << "  no auto-summary\n";
  if (f.no_synchronization) out << "  no synchronization\n";
  out << " exit-address-family\n";
}

void render_bgp(std::ostream& out, const BgpRouter& bgp) {
  out << "router bgp " << bgp.asn << '\n';
  if (bgp.no_synchronization) out << " no synchronization\n";
  if (bgp.router_id) out << " bgp router-id " << bgp.router_id->to_string() << '\n';
  if (bgp.cluster_id) out << " bgp cluster-id " << bgp.cluster_id->to_string() << '\n';
  if (bgp.log_neighbor_changes) out << " bgp log-neighbor-changes\n";
  if (!bgp.default_ipv4_unicast) out << " no bgp default ipv4-unicast\n";
  if (bgp.keepalive && bgp.holdtime) out << " timers bgp " << *bgp.keepalive << ' ' << *bgp.holdtime << '\n';
  for (const auto& n : bgp.neighbors) render_session(out, " ", n);
  if (bgp.no_auto_summary) out << " no auto-summary\n";
  for (const auto& f : bgp.families) render_family(out, f);
  out << "!\n";
}

void render_static(std::ostream& out, const StaticRoute& r) {
  out << "ip route ";
  if (!r.vrf.empty()) out << "vrf " << r.vrf << ' ';
  out << r.prefix.address.to_string() << ' ' << mask_of(r.prefix);
  if (!r.interface.empty()) out << ' ' << r.interface;
  if (r.next_hop) out << ' ' << r.next_hop->to_string();
  if (r.distance) out << ' ' << static_cast<unsigned>(*r.distance);
  if (!r.name.empty()) out << " name " << r.name;
  out << '\n';
}

void render_policy(std::ostream& out, const Config& config) {
  for (const auto& list : config.extcommunity_lists) {
    for (const auto& e : list.entries) {
      out << "ip extcommunity-list " << (list.named_standard ? "standard " : "") << list.name
          << (e.permit ? " permit" : " deny");
      for (const auto& rt : e.route_targets) out << " rt " << rt.to_string();
      for (const auto& soo : e.sites_of_origin) out << " soo " << soo.to_string();
      out << '\n';
    }
  }
  for (const auto& list : config.prefix_lists) {
    if (!list.description.empty())
      out << "ip prefix-list " << list.name << " description " << list.description << '\n';
    for (const auto& e : list.entries) {
      out << "ip prefix-list " << list.name << " seq " << e.seq << (e.permit ? " permit " : " deny ")
          << e.prefix.to_string();
      if (e.ge) out << " ge " << static_cast<unsigned>(*e.ge);
      if (e.le) out << " le " << static_cast<unsigned>(*e.le);
      out << '\n';
    }
  }
  if (!config.extcommunity_lists.empty() || !config.prefix_lists.empty()) out << "!\n";
  for (const auto& map : config.route_maps) {
    for (const auto& e : map.entries) {
      out << "route-map " << map.name << (e.permit ? " permit " : " deny ") << e.seq << '\n';
      if (!e.description.empty()) out << " description " << e.description << '\n';
      if (!e.match_prefix_lists.empty()) {
        out << " match ip address prefix-list";
        for (const auto& name : e.match_prefix_lists) out << ' ' << name;
        out << '\n';
      }
      if (!e.match_extcommunities.empty()) {
        out << " match extcommunity";
        for (const auto& name : e.match_extcommunities) out << ' ' << name;
        out << '\n';
      }
      if (e.set_metric) out << " set metric " << *e.set_metric << '\n';
      if (e.set_local_preference) out << " set local-preference " << *e.set_local_preference << '\n';
      if (!e.set_route_targets.empty()) {
        out << " set extcommunity rt";
        for (const auto& rt : e.set_route_targets) out << ' ' << rt.to_string();
        out << (e.set_additive ? " additive" : "") << '\n';
      }
      out << "!\n";
    }
  }
}

}  // namespace

std::string render_running_config(const Config& config) {
  std::ostringstream out;
  if (!config.hostname.empty()) out << "hostname " << config.hostname << '\n';
  out << "!\n";
  std::vector<const Vrf*> vrfs;
  for (const auto& vrf : config.vrfs) vrfs.push_back(&vrf);
  std::sort(vrfs.begin(), vrfs.end(), [](const Vrf* a, const Vrf* b) { return a->name < b->name; });
  for (const Vrf* vrf : vrfs) render_vrf(out, *vrf);
  const Mpls& mpls = config.mpls;
  if (mpls.label_range_min && mpls.label_range_max)
    out << "mpls label range " << *mpls.label_range_min << ' ' << *mpls.label_range_max << '\n';
  if (mpls.label_mode_all_vrfs)
    out << "mpls label mode all-vrfs protocol bgp-vpnv4 " << to_string(*mpls.label_mode_all_vrfs) << '\n';
  for (const auto& m : mpls.label_modes)
    out << "mpls label mode vrf " << m.vrf << " protocol bgp-vpnv4 " << to_string(m.mode) << '\n';
  if (mpls.ldp_hello_holdtime) out << "mpls ldp discovery hello holdtime " << *mpls.ldp_hello_holdtime << '\n';
  if (mpls.ldp_hello_interval) out << "mpls ldp discovery hello interval " << *mpls.ldp_hello_interval << '\n';
  if (mpls.ldp_label_allocation) {
    out << "mpls ldp label\n";
    if (mpls.ldp_label_allocation->kind == LdpLabelAllocation::Kind::HostRoutes)
      out << " allocate global host-routes\n";
    else
      out << " allocate global prefix-list " << mpls.ldp_label_allocation->prefix_list << '\n';
  }
  if (mpls.label_range_min || mpls.label_mode_all_vrfs || !mpls.label_modes.empty() || mpls.ldp_hello_holdtime ||
      mpls.ldp_hello_interval || mpls.ldp_label_allocation)
    out << "!\n";
  for (const auto& itf : config.interfaces) render_interface(out, itf, config);
  for (const auto& p : config.ospf) render_ospf(out, p);
  if (config.bgp) render_bgp(out, *config.bgp);
  // IOS lists global routes before VRF ones.
  for (bool vrf_routes : {false, true})
    for (const auto& r : config.static_routes)
      if (r.vrf.empty() != vrf_routes) render_static(out, r);
  if (!config.static_routes.empty()) out << "!\n";
  render_policy(out, config);
  if (!mpls.ldp_router_id_interface.empty())
    out << "mpls ldp router-id " << mpls.ldp_router_id_interface
        << (mpls.ldp_router_id_force ? " force" : "") << '\n';
  for (const auto& p : mpls.ldp_passwords)
    out << "mpls ldp neighbor " << p.neighbor.to_string() << " password " << p.password << '\n';
  std::string text = out.str();
  if (text.size() < 2 || text.compare(text.size() - 2, 2, "!\n") != 0) text += "!\n";
  return text + "end\n";
}

}  // namespace l3vpn::config
