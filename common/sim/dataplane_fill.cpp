#include "sim/dataplane_fill.hpp"

#include <string>
#include <vector>

#include "cli/show_ip_route.hpp"
#include "daemon/bgp_views.hpp"
#include "vpn/vrf_bgp_ce.hpp"
#include "vpn/vrf_rib.hpp"

namespace l3vpn::sim {
namespace {

constexpr std::string_view kVrfLabelOwner = "vrf:";

bool is_connected(const FibRoute* route) {
  return route && (std::holds_alternative<Receive>(route->action) || std::holds_alternative<Attached>(route->action));
}

// Adds `route` unless a connected or receive entry already holds its prefix.
void install(RoutingTable& table, FibRoute route) {
  route.prefix = route.prefix.network();
  if (is_connected(table.find(route.prefix))) return;
  table.add(std::move(route));
}

std::string label_text(std::optional<std::uint32_t> label) {
  return label ? std::to_string(*label) : std::string("implicit null");
}

// A route to `prefix` through `next_hop`, resolved in `table` as a static
// route's next hop is: out the interface of the connected subnet, or
// recursively along the route that covers it, with every equal-cost path of
// that route. Nothing when no usable route covers it.
std::optional<FibRoute> resolve_next_hop(const RoutingTable& table, const Ipv4Prefix& prefix, Ipv4Address next_hop,
                                         std::string why) {
  const FibRoute* covering = table.lookup(next_hop);
  if (!covering) return std::nullopt;
  if (const auto* attached = std::get_if<Attached>(&covering->action))
    return FibRoute{prefix, Via{next_hop, attached->interface, {}}, std::move(why)};
  if (std::holds_alternative<Via>(covering->action))
    return FibRoute{prefix, covering->action, std::move(why), covering->more_paths};
  return std::nullopt;  // our own address, a discard, or another VRF: not a next hop
}

// One label-switched path toward an LDP FEC: the neighbour it leaves to and
// that neighbour's label (kImplicitNullLabel: push nothing, PHP).
struct LspPath {
  Ipv4Address next_hop;
  std::string interface;
  std::uint32_t out_label = 0;
  bool pop() const { return out_label == ldp::kImplicitNullLabel; }
};
using LspPaths = std::map<ldp::Fec, std::vector<LspPath>>;

// Every FEC of LDP's LFIB with its equal-cost paths: LDP's own entry (the IGP
// route's first next hop) first, then each further OSPF next hop of the FEC's
// prefix whose LDP peer gave a label.
LspPaths lsp_paths(const RouterFibInputs& inputs) {
  LspPaths out;
  if (!inputs.ldp_lfib) return out;
  std::map<std::pair<std::uint32_t, int>, const ospf::SpfRoute*> igp;
  for (const ospf::SpfRoute& r : inputs.ospf_routes) igp.emplace(std::make_pair(r.prefix, r.prefix_length()), &r);
  for (const auto& [fec, e] : *inputs.ldp_lfib) {
    std::vector<LspPath>& paths = out[fec];
    paths.push_back(LspPath{Ipv4Address{e.next_hop}, e.interface, e.out_label});
    auto route = igp.find({fec.address, fec.length});
    if (!inputs.ldp_lib || route == igp.end()) continue;
    for (const ospf::SpfNextHop& hop : route->second->next_hops) {
      if (hop.address == 0 || hop.address == e.next_hop) continue;
      if (auto label = inputs.ldp_lib->label_via(fec, hop.address))
        paths.push_back(LspPath{Ipv4Address{hop.address}, hop.interface, *label});
    }
  }
  return out;
}

std::string route_text(const cli::RouteView& r);

// Global table: OSPF first, then BGP (a CE's routes from its PE: eBGP's 20
// beats OSPF's 110), then the statics (distance 1 beats both).
void fill_global(NodeFib& node, const RouterFibInputs& inputs) {
  RoutingTable& table = node.table("");
  for (const ospf::SpfRoute& r : inputs.ospf_routes) {
    std::vector<Via> paths;
    for (const ospf::SpfNextHop& hop : r.next_hops)
      if (hop.address != 0) paths.push_back(Via{Ipv4Address{hop.address}, hop.interface, {}});
    if (paths.empty() || r.next_hops.front().address == 0) continue;  // connected
    const Ipv4Prefix prefix{Ipv4Address{r.prefix}, static_cast<std::uint8_t>(r.prefix_length())};
    std::string why = "O " + prefix.to_string() + " [110/" + std::to_string(r.metric()) + "]";
    for (std::size_t i = 0; i < paths.size(); ++i)
      why += (i == 0 ? " via " : ", via ") + paths[i].next_hop.to_string() + ", " + paths[i].interface;
    Via first = std::move(paths.front());
    paths.erase(paths.begin());
    install(table, FibRoute{prefix, std::move(first), std::move(why), std::move(paths)});
  }
  for (const cli::RouteView& r : inputs.global_bgp) {
    if (!r.next_hop) continue;
    const Ipv4Prefix prefix{Ipv4Address{r.address}, r.length};
    if (auto route = resolve_next_hop(table, prefix, Ipv4Address{*r.next_hop}, route_text(r)))
      install(table, std::move(*route));
  }
  for (const config::StaticRoute& s : inputs.config.static_routes) {
    if (!s.vrf.empty()) continue;
    const std::string why = "S " + s.prefix.to_string() +
                            (s.next_hop ? " via " + s.next_hop->to_string() : " is directly connected, " + s.interface);
    if (s.interface == "Null0") {
      install(table, FibRoute{s.prefix, Discard{}, why});
    } else if (s.next_hop) {
      if (auto route = resolve_next_hop(table, s.prefix, *s.next_hop, why)) install(table, std::move(*route));
    } else if (!s.interface.empty()) {
      install(table, FibRoute{s.prefix, Attached{s.interface}, why});
    }
  }
}

// The VPN label `route` was advertised with, from the best paths the table was
// built from (as `show ip cef vrf ... detail` finds it).
std::optional<std::uint32_t> vpn_label_of(const cli::RouteView& route, const std::vector<vpn::VpnRoute>& known) {
  for (const vpn::VpnRoute& k : known)
    if (route.next_hop && k.next_hop == *route.next_hop && k.prefix.address == route.address &&
        k.prefix.length == route.length)
      return k.label;
  return std::nullopt;
}

std::string route_text(const cli::RouteView& r) {
  std::string text(1, r.code);
  text += " " + Ipv4Prefix{Ipv4Address{r.address}, r.length}.to_string();
  if (r.distance) text += " [" + std::to_string(*r.distance) + "/" + std::to_string(r.metric.value_or(0)) + "]";
  if (r.next_hop) text += " via " + Ipv4Address{*r.next_hop}.to_string();
  else if (!r.interface.empty()) text += " is directly connected, " + r.interface;
  return text;
}

// A remote PE's route: its VPN label under the LDP label toward it, one path
// per equal-cost LSP to the PE's loopback (`paths`), or the resolver's one LSP.
FibRoute vpn_route(const Ipv4Prefix& prefix, std::uint32_t vpn_label, const vpn::LspEntry& lsp,
                   const std::vector<LspPath>* paths, std::string why) {
  std::vector<LspPath> one;
  if (!paths || paths->empty()) {
    one.push_back(LspPath{Ipv4Address{lsp.next_hop}, lsp.interface, lsp.out_label.value_or(ldp::kImplicitNullLabel)});
    paths = &one;
  }
  why += ", VPN label " + std::to_string(vpn_label) + ", LSP label";
  std::vector<Via> vias;
  for (const LspPath& p : *paths) {
    std::vector<MplsLabel> push;
    if (!p.pop()) push.push_back(p.out_label);
    push.push_back(vpn_label);
    why += (vias.empty() ? " " : ", ") + label_text(p.pop() ? std::nullopt : std::optional<std::uint32_t>(p.out_label));
    if (paths->size() > 1) why += " (via " + p.next_hop.to_string() + ")";
    vias.push_back(Via{p.next_hop, p.interface, std::move(push)});
  }
  Via first = std::move(vias.front());
  vias.erase(vias.begin());
  return FibRoute{prefix, std::move(first), std::move(why), std::move(vias)};
}

void fill_vrf(NodeFib& node, const RouterFibInputs& inputs, const cli::RouteTableView& view,
              const std::vector<vpn::VpnRoute>& known, const LspPaths& lsps) {
  RoutingTable& table = node.table(view.vrf);
  for (const cli::RouteView& r : view.routes) {
    if (r.code == 'C') continue;  // dataplane_from_lab put the interfaces' routes in
    const Ipv4Prefix prefix{Ipv4Address{r.address}, r.length};
    std::string why = route_text(r);
    if (r.interface == "Null0") {
      install(table, FibRoute{prefix, Discard{}, why});
    } else if (r.code == 'B' && r.next_hop && r.distance == vpn::kEbgpDistance) {
      // From a CE of this VRF (PE-CE eBGP): to the CE, as a static next hop.
      if (auto route = resolve_next_hop(table, prefix, Ipv4Address{*r.next_hop}, why)) install(table, std::move(*route));
    } else if (r.code == 'B' && r.next_hop) {
      const auto label = vpn_label_of(r, known);
      const vpn::LspEntry* lsp = inputs.resolver.lsp(*r.next_hop);
      if (!label || !lsp) continue;
      auto paths = lsps.find(ldp::Fec::of(*r.next_hop));
      install(table, vpn_route(prefix, *label, *lsp, paths == lsps.end() ? nullptr : &paths->second, why));
    } else if (r.code == 'B') {
      // Leaked from another VRF of this PE: look it up where the interface is.
      const FibInterface* from = node.interface(r.interface);
      if (!from) continue;
      install(table, FibRoute{prefix, ViaVrf{from->vrf}, why});
    } else if (r.next_hop) {
      if (auto route = resolve_next_hop(table, prefix, Ipv4Address{*r.next_hop}, why)) install(table, std::move(*route));
    } else if (!r.interface.empty()) {
      install(table, FibRoute{prefix, Attached{r.interface}, why});
    }
  }
}

void fill_lfib(NodeFib& node, const RouterFibInputs& inputs, const LspPaths& lsps) {
  if (inputs.ldp_lfib) {
    for (const auto& [fec, e] : *inputs.ldp_lfib) {
      auto paths = lsps.find(fec);
      if (paths == lsps.end() || paths->second.empty()) continue;
      std::string why = "LDP: FEC " + fec.str() + ", out label";
      std::vector<LabelAction> actions;
      for (const LspPath& p : paths->second) {
        why += std::string(actions.empty() ? " " : ", ") +
               (p.pop() ? std::string("implicit null") : std::to_string(p.out_label)) + " from " +
               p.next_hop.to_string();
        actions.push_back(p.pop() ? LabelAction{Pop{p.next_hop, p.interface}}
                                  : LabelAction{Swap{p.out_label, p.next_hop, p.interface}});
      }
      LabelAction first = std::move(actions.front());
      actions.erase(actions.begin());
      node.lfib().add(LfibEntry{e.in_label, std::move(first), std::move(why), std::move(actions)});
    }
  }
  for (const vpn::LabelAllocator::Entry& e : inputs.labels.ledger()) {
    if (e.owner.rfind(kVrfLabelOwner, 0) != 0) continue;
    // A per-prefix ("vrf:NAME:PREFIX") or per-CE ("vrf:NAME:ce:NH") owner is
    // not a VRF name: the exported route that holds the label names its VRF.
    // Popping then looking up in that VRF delivers what IOS's per-prefix
    // entry would (the prefix is in that VRF's table).
    std::string vrf = e.owner.substr(kVrfLabelOwner.size());
    std::string mode = "per-VRF";
    for (const vpn::ExportedRoute& x : inputs.exported)
      if (x.label_owner == e.owner && x.vrf != vrf) {
        mode = "per-prefix/per-CE, " + e.owner;
        vrf = x.vrf;
        break;
      }
    node.lfib().add(LfibEntry{e.label, PopAndLookup{vrf}, "VPN label of vrf " + vrf + " (" + mode + ")"});
  }
}

}  // namespace

void fill_node(NodeFib& node, const RouterFibInputs& inputs) {
  const LspPaths lsps = lsp_paths(inputs);
  fill_global(node, inputs);
  if (!inputs.config.vrfs.empty()) {
    for (const cli::RouteTableView& view :
         vpn::vrf_route_tables(inputs.config, inputs.known, core::Duration::zero(), inputs.vrf_igp))
      fill_vrf(node, inputs, view, inputs.known, lsps);
  }
  fill_lfib(node, inputs, lsps);
}

void fill_node(NodeFib& node, const SimRouter& router) {
  const RouterFibInputs inputs{
      .config = router.config,
      .ospf_routes = router.ospf_routes(),
      .global_bgp = router.global_bgp_routes(),
      .known = router.speaker && !router.config.vrfs.empty()
                   ? daemon::best_vpn_routes(*router.speaker, router.node->clock().now())
                   : std::vector<vpn::VpnRoute>{},
      .vrf_igp = router.config.vrfs.empty() ? vpn::VrfIgpRoutes{} : router.vrf_igp_routes(),
      .resolver = router.resolver,
      .ldp_lfib = router.ldp ? &router.ldp->lfib() : nullptr,
      .ldp_lib = router.ldp ? &router.ldp->instance().lib() : nullptr,
      .labels = router.labels,
      .exported = router.exported,
  };
  fill_node(node, inputs);
}

NodeFib node_from_config(const std::string& name, const config::Config& config,
                         const std::set<std::string, std::less<>>& down) {
  NodeFib node(name);
  node.table("");  // a global table even without addresses in it
  for (const config::Interface& i : config.interfaces) {
    if (i.shutdown || down.contains(i.name)) continue;
    FibInterface fi{i.name, {}, i.vrf};
    for (const config::InterfaceAddress& a : i.addresses) fi.addresses.push_back(a.prefix);
    node.add_interface(std::move(fi));
  }
  return node;
}

Dataplane build_dataplane(const LabSim& lab) {
  Dataplane dataplane = dataplane_from_lab(lab.lab());
  for (const auto& [name, router] : lab.routers())
    if (NodeFib* node = dataplane.node(name)) fill_node(*node, *router);
  return dataplane;
}

}  // namespace l3vpn::sim
