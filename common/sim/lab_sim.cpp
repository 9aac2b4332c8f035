#include "sim/lab_sim.hpp"

#include <algorithm>
#include <sstream>

#include "bgp/peer_config.hpp"
#include "cli/show_bgp.hpp"
#include "daemon/ldp_config.hpp"
#include "daemon/bgp_views.hpp"
#include "daemon/ospf_config.hpp"
#include "daemon/ospf_views.hpp"
#include "sim/bgp_ce_netsim.hpp"
#include "vpn/export_sync.hpp"
#include "vpn/lsp_inputs.hpp"

namespace l3vpn::sim {
namespace {

bool runs_ldp(config::Role role) {
  return role == config::Role::Provider || role == config::Role::ProviderEdge;
}
bool runs_bgp(config::Role role) {
  return role == config::Role::ProviderEdge || role == config::Role::RouteReflector ||
         role == config::Role::CustomerEdge;  // PE-CE BGP
}
bool runs_ospf(config::Role role) { return role != config::Role::Host; }

bool redistributes_bgp(const config::OspfProcess& process) {
  return std::any_of(process.redistribute.begin(), process.redistribute.end(),
                     [](const auto& r) { return r.source == config::Redistribution::Source::Bgp; });
}

// The primary address of a configured interface, if it has one.
std::optional<config::Ipv4Prefix> primary_address(const config::Config& c, const std::string& name) {
  const config::Interface* itf = c.find_interface(name);
  if (!itf || itf->addresses.empty()) return std::nullopt;
  return itf->addresses.front().prefix;
}

}  // namespace

std::vector<ospf::SpfRoute> SimRouter::ospf_routes() const {
  std::map<std::pair<std::uint32_t, std::uint32_t>, ospf::SpfRoute> best;
  for (const auto& process : ospf)
    for (const ospf::SpfRoute& route : process->instance().routes()) {
      auto key = std::make_pair(route.prefix, route.mask);
      auto it = best.find(key);
      if (it == best.end() || route.cost < it->second.cost) best[key] = route;
    }
  std::vector<ospf::SpfRoute> out;
  for (auto& [key, route] : best) out.push_back(route);
  return out;
}

vpn::VrfIgpRoutes SimRouter::vrf_igp_routes() const {
  vpn::VrfIgpRoutes out;
  for (const SimVrfOspf& v : vrf_ospf) {
    std::vector<cli::RouteView> views = daemon::ospf_route_views(v.node->instance(), node->clock().now());
    auto& into = out[v.vrf];
    into.insert(into.end(), views.begin(), views.end());
  }
  for (const auto& [vrf, routes] : vrf_ce_routes()) {
    std::vector<cli::RouteView> views = vpn::bgp_route_views(routes);
    auto& into = out[vrf];
    into.insert(into.end(), views.begin(), views.end());
  }
  return out;
}

vpn::VrfCeBgpRoutes SimRouter::vrf_ce_routes() const {
  vpn::VrfCeBgpRoutes out;
  for (const auto& v : vrf_bgp) {
    std::vector<vpn::CeBgpRoute> learned = vpn::learned_routes(*v->speaker, node->clock().now());
    if (!learned.empty()) out[v->vrf] = std::move(learned);
  }
  return out;
}

std::vector<cli::RouteView> SimRouter::global_bgp_routes() const {
  if (!speaker) return {};
  return vpn::bgp_route_views(vpn::learned_routes(*speaker, node->clock().now()));
}

vpn::VrfOspfRoutes SimRouter::vrf_ospf_routes() const {
  vpn::VrfOspfRoutes out;
  for (const SimVrfOspf& v : vrf_ospf)
    out[v.process.id] = vpn::VrfOspfProcessRoutes{v.node->instance().router_id(), v.node->instance().routes()};
  return out;
}

LabSim::LabSim(const config::Lab& lab, const core::Logger& log) : lab_(lab), log_(log) {
  for (const config::LabNode& node : lab.nodes) build_router(node);
  build_links();
  for (auto& [name, r] : routers_) build_protocols(*r);
}

LabSim::~LabSim() = default;

void LabSim::build_router(const config::LabNode& node) {
  auto r = std::make_unique<SimRouter>();
  r->name = node.name;
  r->role = node.kind;
  r->config = node.config;
  r->node = &network_.add_node(node.name);
  const config::Mpls& mpls = r->config.mpls;
  const std::uint32_t min = std::max<std::uint32_t>(mpls.label_range_min.value_or(16), 16);
  const std::uint32_t max = std::min<std::uint32_t>(mpls.label_range_max.value_or(100000), 0xFFFFF);
  r->labels = vpn::LabelAllocator(min, max);
  routers_[node.name] = std::move(r);
}

void LabSim::build_links() {
  for (const config::LabLink& link : lab_.links) {
    auto a = routers_.find(link.a.node);
    auto b = routers_.find(link.b.node);
    if (a == routers_.end() || b == routers_.end()) continue;  // lab.yaml validation reports these
    netsim::Segment& segment =
        network_.add_segment(link.a.node + ":" + link.a.interface + "-" + link.b.node + ":" + link.b.interface);
    for (auto [r, end] : {std::pair{a->second.get(), &link.a}, std::pair{b->second.get(), &link.b}}) {
      auto address = primary_address(r->config, end->interface);
      netsim::Interface& itf =
          segment.attach(*r->node, end->interface, address ? address->address : config::Ipv4Address{0});
      r->interfaces[end->interface] = &itf;
    }
  }
}

void LabSim::build_protocols(SimRouter& r) {
  if (runs_ospf(r.role)) {
    for (daemon::OspfProcessConfig& p : daemon::ospf_process_configs(r.config)) {
      std::vector<ospf::ExternalRoute> configured = p.instance.externals;
      auto node = std::make_unique<OspfNode>(*r.node, p.process_id, p.instance);
      for (const ospf::InstanceInterface& itf : p.instance.interfaces) {
        auto it = r.interfaces.find(itf.name);
        if (!itf.loopback && it != r.interfaces.end()) node->attach(itf.name, *it->second);
      }
      if (p.vrf.empty()) {
        node->on_routes_changed([this, &r] { igp_changed(r); });
        r.ospf.push_back(std::move(node));
        continue;
      }
      // A PE-CE process: its routes change the VRF's export.
      node->on_routes_changed([this, &r] {
        if (r.speaker) export_vrfs(r);
      });
      auto process = std::find_if(r.config.ospf.begin(), r.config.ospf.end(),
                                  [&](const auto& o) { return o.id == p.process_id && o.vrf == p.vrf; });
      SimVrfOspf v;
      v.vrf = p.vrf;
      v.process = *process;
      v.node = std::move(node);
      v.externals = configured;
      v.configured = std::move(configured);
      r.vrf_ospf.push_back(std::move(v));
    }
  }
  if (runs_ldp(r.role)) {
    if (auto ldp = daemon::ldp_instance_config(r.config); ldp && !ldp->interfaces.empty()) {
      r.ldp = std::make_unique<LdpNode>(network_, *r.node, *ldp, r.labels, [this](std::uint32_t address) {
        auto it = ldp_owner_.find(address);
        return it == ldp_owner_.end() ? nullptr : it->second;
      });
      ldp_owner_[ldp->transport_address] = r.ldp.get();
      for (const std::string& name : ldp->interfaces) {
        auto it = r.interfaces.find(name);
        if (it != r.interfaces.end()) r.ldp->attach(*it->second);
      }
    }
  }
  r.resolver.set_connected_static(bgp::rib::ConnectedStaticResolver::from_config(r.config));
  r.resolver.require_lsp(r.role == config::Role::ProviderEdge && r.ldp != nullptr);
  if (runs_bgp(r.role)) {
    if (auto instance = bgp::bgp_instance_config(r.config)) {
      bgp_owner_[instance->router_id] = r.node;
      for (const auto& peer : instance->peers)
        if (peer.local_address) bgp_owner_[*peer.local_address] = r.node;
      auto locate = [this](config::Ipv4Address a) -> const netsim::Node* {
        auto it = bgp_owner_.find(a.value);
        return it == bgp_owner_.end() ? nullptr : it->second;
      };
      if (r.role == config::Role::CustomerEdge)  // eBGP to its PE over the link between them
        r.transports = std::make_unique<DirectBgpTransports>(network_, *r.node, locate, r.interfaces);
      else
        r.transports = std::make_unique<NetsimTransportFactory>(network_, *r.node, locate);
      r.speaker = std::make_unique<bgp::Speaker>(*instance, r.node->timers(), r.node->clock(), *r.transports,
                                                 r.resolver, log_);
      listen_bgp(network_, *r.node, config::Ipv4Address{0}, *r.speaker);
      // PE-CE BGP: a speaker per VRF with CE neighbors, listening on the
      // VRF's addresses facing them (the global speaker takes the rest).
      // bgp_owner_ has one node per address: PE-CE addresses must be
      // unique in a lab, even in different VRFs.
      if (r.role == config::Role::ProviderEdge)
        for (vpn::VrfBgpInstance& v : vpn::vrf_bgp_instances(r.config)) {
          auto s = std::make_unique<SimVrfBgp>();
          s->vrf = v.vrf;
          s->resolver = vpn::vrf_next_hop_resolver(r.config, v.vrf);
          s->transports = std::make_unique<DirectBgpTransports>(network_, *r.node, locate, r.interfaces);
          s->speaker = std::make_unique<bgp::Speaker>(v.instance, r.node->timers(), r.node->clock(), *s->transports,
                                                      s->resolver, log_);
          for (const auto& peer : v.instance.peers)
            if (peer.local_address) {
              bgp_owner_[*peer.local_address] = r.node;
              listen_bgp(network_, *r.node, config::Ipv4Address{*peer.local_address}, *s->speaker);
            }
          r.vrf_bgp.push_back(std::move(s));
        }
    }
  }
}

void LabSim::start() {
  for (auto& [name, r] : routers_) {
    for (auto& o : r->ospf) o->start();
    for (auto& v : r->vrf_ospf) v.node->start();
    if (r->ldp) {
      r->ldp->set_igp_routes(daemon::ldp_igp_routes(r->ospf_routes(), daemon::local_loopback_addresses(r->config)));
      r->ldp->start();
    }
    if (r->speaker) {
      r->speaker->start();
      export_vrfs(*r);
    }
    for (auto& v : r->vrf_bgp) v->speaker->start();
    if (r->speaker && r->role == config::Role::CustomerEdge)
      vpn::sync_advertisements(*r->speaker, {}, vpn::global_network_advertisements(r->config));
  }
}

void LabSim::igp_changed(SimRouter& r) {
  std::vector<ospf::SpfRoute> routes = r.ospf_routes();
  if (r.ldp) r.ldp->set_igp_routes(daemon::ldp_igp_routes(routes, daemon::local_loopback_addresses(r.config)));
  if (!r.speaker) return;
  std::vector<vpn::IgpPrefix> igp = vpn::igp_prefixes(routes);
  std::map<std::uint32_t, vpn::LspEntry> lsps;
  if (r.ldp) lsps = vpn::lsp_entries(r.ldp->lfib());
  if (igp == r.resolver.igp_routes() && lsps == r.resolver.lsps()) return;
  r.resolver.set_igp_routes(std::move(igp));
  r.resolver.set_lsps(std::move(lsps));
  r.speaker->reresolve();
  r.speaker->retry_connects();
}

void LabSim::export_vrfs(SimRouter& r) {
  std::vector<vpn::ExportedRoute> now =
      vpn::vrf_exports(r.config, r.labels, network_.now(), r.vrf_ospf_routes(), r.vrf_ce_routes());
  vpn::sync_exports(*r.speaker, r.exported, now);
  r.exported = std::move(now);
}

void LabSim::redistribute_bgp(SimRouter& r) {
  if (!r.speaker || r.vrf_ospf.empty()) return;
  if (std::none_of(r.vrf_ospf.begin(), r.vrf_ospf.end(), [](const auto& v) { return redistributes_bgp(v.process); }))
    return;
  if (r.speaker->table_version() == r.redistributed_at_version) return;
  r.redistributed_at_version = r.speaker->table_version();
  const std::vector<vpn::VpnRoute> known = daemon::best_vpn_routes(*r.speaker, network_.now());
  const std::vector<cli::RouteTableView> tables =
      vpn::vrf_route_tables(r.config, known, core::Duration::zero(), r.vrf_igp_routes());
  for (SimVrfOspf& v : r.vrf_ospf) {
    const cli::RouteTableView* table = vpn::find_table(tables, v.vrf);
    if (!table) continue;
    const daemon::OspfFromBgp bgp = daemon::ospf_from_bgp(v.process, *table, known);
    std::vector<ospf::ExternalRoute> externals = daemon::merge_externals(v.configured, bgp.externals);
    if (externals == v.externals && bgp.summaries == v.summaries) continue;
    v.externals = externals;
    v.summaries = bgp.summaries;
    v.node->set_redistributed_routes(std::move(externals), bgp.summaries);
  }
}

void LabSim::sync_vrf_bgp(SimRouter& r) {
  if (!r.speaker || r.vrf_bgp.empty()) return;
  export_vrfs(r);  // a diff: no UPDATE unless a CE route changed
  const std::vector<vpn::VpnRoute> known = daemon::best_vpn_routes(*r.speaker, network_.now());
  const std::vector<cli::RouteTableView> tables =
      vpn::vrf_route_tables(r.config, known, core::Duration::zero(), r.vrf_igp_routes());
  for (auto& v : r.vrf_bgp) {
    const cli::RouteTableView* table = vpn::find_table(tables, v->vrf);
    if (!table) continue;
    std::vector<vpn::Advertisement> now = vpn::ce_advertisements(r.config, v->vrf, r.exported, known, *table);
    if (now == v->advertised) continue;
    vpn::sync_advertisements(*v->speaker, v->advertised, now);
    v->advertised = std::move(now);
  }
}

std::string LabSim::pending_work() const {
  for (const auto& [name, r] : routers_) {
    std::vector<const OspfNode*> processes;
    for (const auto& o : r->ospf) processes.push_back(o.get());
    for (const auto& v : r->vrf_ospf) processes.push_back(v.node.get());
    for (const OspfNode* o : processes)
      for (const auto& itf : o->instance().interfaces())
        if (itf.state == ospf::InterfaceState::Waiting)  // no DR yet: adjacencies have not formed
          return name + ": OSPF interface " + itf.name + " is waiting for its DR election";
    for (const OspfNode* o : processes)
      for (const auto& n : o->instance().neighbors()) {
        const bool settled = n.state == ospf::NeighborState::Full || n.state == ospf::NeighborState::TwoWay;
        if (!settled)
          return name + ": OSPF neighbor " + cli::ipv4_text(n.router_id) + " on " + n.interface + " is " +
                 ospf::to_string(n.state);
      }
    if (r->ldp) {
      auto sessions = r->ldp->instance().sessions();
      for (const auto& s : sessions)
        if (s.state != ldp::SessionState::Operational)
          return name + ": LDP session " + cli::ipv4_text(s.peer.lsr_id) + " is " + ldp::to_string(s.state);
    }
    if (r->speaker)
      for (const auto& p : r->speaker->peers())
        if (p->session->state() != bgp::SessionState::Established)
          return name + ": BGP neighbor " + cli::ipv4_text(p->config.address) + " is " +
                 bgp::to_string(p->session->state());
    for (const auto& v : r->vrf_bgp)
      for (const auto& p : v->speaker->peers())
        if (p->session->state() != bgp::SessionState::Established)
          return name + ": BGP neighbor " + cli::ipv4_text(p->config.address) + " (vrf " + v->vrf + ") is " +
                 bgp::to_string(p->session->state());
  }
  return "";
}

std::string LabSim::fingerprint() const {
  std::ostringstream f;
  for (const auto& [name, r] : routers_) {
    f << name << '|';
    for (const ospf::SpfRoute& route : r->ospf_routes()) {
      f << route.prefix << '/' << route.mask << ':' << route.cost;
      for (const auto& nh : route.next_hops) f << ',' << nh.address;
      f << ';';
    }
    for (const auto& v : r->vrf_ospf)
      for (const ospf::SpfRoute& route : v.node->instance().routes())
        f << v.vrf << ':' << route.prefix << '/' << route.mask << ':' << route.metric() << ';';
    if (r->ldp)
      for (const auto& [fec, entry] : r->ldp->lfib()) f << fec.address << '>' << entry.out_label << ';';
    if (r->speaker) f << 'v' << r->speaker->table_version();
    for (const auto& v : r->vrf_bgp) f << ' ' << v->vrf << ':' << v->speaker->table_version();
    f << '\n';
  }
  return f.str();
}

ConvergeResult LabSim::converge(core::Duration limit) {
  // Quiet: nothing pending and nothing moved for this long. Longer than
  // OSPF's MinLSInterval (5 s: a router-LSA re-origination may be waiting
  // for it) plus the SPF delay and a few BGP update rounds.
  constexpr auto kQuiet = std::chrono::seconds(12);
  const core::TimePoint started = network_.now();
  ConvergeResult result;
  std::string last = fingerprint();
  core::TimePoint last_change = started;
  while (network_.now() - started < limit) {
    result.events += network_.advance(std::chrono::milliseconds(500)).events;
    // LFIB changes reach BGP's resolver here (OSPF changes already did,
    // through the route-change callback).
    for (auto& [name, r] : routers_) {
      igp_changed(*r);
      sync_vrf_bgp(*r);
      redistribute_bgp(*r);
    }
    std::string now = fingerprint();
    if (now != last) {
      last = std::move(now);
      last_change = network_.now();
      continue;
    }
    if (!pending_work().empty()) {
      last_change = network_.now();  // the quiet period starts once nothing is pending
      continue;
    }
    if (network_.now() - last_change >= kQuiet) {
      result.converged = true;
      break;
    }
  }
  result.simulated = network_.now() - started;
  if (!result.converged) result.waiting_for = pending_work();
  return result;
}

}  // namespace l3vpn::sim
