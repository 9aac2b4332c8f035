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

// The way to `next_hop` in `table`, as a static route's next hop is resolved:
// out the interface of the connected subnet, or recursively along the route
// that covers it. Nothing when no usable route covers it.
std::optional<Via> resolve_next_hop(const RoutingTable& table, Ipv4Address next_hop) {
  const FibRoute* covering = table.lookup(next_hop);
  if (!covering) return std::nullopt;
  if (const auto* attached = std::get_if<Attached>(&covering->action))
    return Via{next_hop, attached->interface, {}};
  if (const auto* via = std::get_if<Via>(&covering->action)) return *via;
  return std::nullopt;  // our own address, a discard, or another VRF: not a next hop
}

std::string route_text(const cli::RouteView& r);

// Global table: OSPF first, then BGP (a CE's routes from its PE: eBGP's 20
// beats OSPF's 110), then the statics (distance 1 beats both).
void fill_global(NodeFib& node, const RouterFibInputs& inputs) {
  RoutingTable& table = node.table("");
  for (const ospf::SpfRoute& r : inputs.ospf_routes) {
    if (r.next_hops.empty() || r.next_hops.front().address == 0) continue;  // connected
    const ospf::SpfNextHop& hop = r.next_hops.front();
    const Ipv4Prefix prefix{Ipv4Address{r.prefix}, static_cast<std::uint8_t>(r.prefix_length())};
    const Ipv4Address next_hop{hop.address};
    install(table, FibRoute{prefix, Via{next_hop, hop.interface, {}},
                            "O " + prefix.to_string() + " [110/" + std::to_string(r.metric()) + "] via " +
                                next_hop.to_string() + ", " + hop.interface});
  }
  for (const cli::RouteView& r : inputs.global_bgp) {
    if (!r.next_hop) continue;
    const Ipv4Prefix prefix{Ipv4Address{r.address}, r.length};
    if (auto via = resolve_next_hop(table, Ipv4Address{*r.next_hop})) install(table, FibRoute{prefix, *via, route_text(r)});
  }
  for (const config::StaticRoute& s : inputs.config.static_routes) {
    if (!s.vrf.empty()) continue;
    const std::string why = "S " + s.prefix.to_string() +
                            (s.next_hop ? " via " + s.next_hop->to_string() : " is directly connected, " + s.interface);
    if (s.interface == "Null0") {
      install(table, FibRoute{s.prefix, Discard{}, why});
    } else if (s.next_hop) {
      if (auto via = resolve_next_hop(table, *s.next_hop)) install(table, FibRoute{s.prefix, *via, why});
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

void fill_vrf(NodeFib& node, const RouterFibInputs& inputs, const cli::RouteTableView& view,
              const std::vector<vpn::VpnRoute>& known) {
  RoutingTable& table = node.table(view.vrf);
  for (const cli::RouteView& r : view.routes) {
    if (r.code == 'C') continue;  // dataplane_from_lab put the interfaces' routes in
    const Ipv4Prefix prefix{Ipv4Address{r.address}, r.length};
    std::string why = route_text(r);
    if (r.interface == "Null0") {
      install(table, FibRoute{prefix, Discard{}, why});
    } else if (r.code == 'B' && r.next_hop && r.distance == vpn::kEbgpDistance) {
      // From a CE of this VRF (PE-CE eBGP): to the CE, as a static next hop.
      if (auto via = resolve_next_hop(table, Ipv4Address{*r.next_hop})) install(table, FibRoute{prefix, *via, why});
    } else if (r.code == 'B' && r.next_hop) {
      // A remote PE's route: its VPN label under the LDP label toward it.
      const auto label = vpn_label_of(r, known);
      const vpn::LspEntry* lsp = inputs.resolver.lsp(*r.next_hop);
      if (!label || !lsp) continue;
      std::vector<MplsLabel> push;
      if (lsp->out_label) push.push_back(*lsp->out_label);
      push.push_back(*label);
      why += ", VPN label " + std::to_string(*label) + ", LSP label " + label_text(lsp->out_label);
      install(table, FibRoute{prefix, Via{Ipv4Address{lsp->next_hop}, lsp->interface, std::move(push)}, why});
    } else if (r.code == 'B') {
      // Leaked from another VRF of this PE: look it up where the interface is.
      const FibInterface* from = node.interface(r.interface);
      if (!from) continue;
      install(table, FibRoute{prefix, ViaVrf{from->vrf}, why});
    } else if (r.next_hop) {
      if (auto via = resolve_next_hop(table, Ipv4Address{*r.next_hop})) install(table, FibRoute{prefix, *via, why});
    } else if (!r.interface.empty()) {
      install(table, FibRoute{prefix, Attached{r.interface}, why});
    }
  }
}

void fill_lfib(NodeFib& node, const RouterFibInputs& inputs) {
  if (inputs.ldp_lfib) {
    for (const auto& [fec, e] : *inputs.ldp_lfib) {
      const Ipv4Address next_hop{e.next_hop};
      std::string why = "LDP: FEC " + fec.str() + ", out label " +
                        (e.pop() ? std::string("implicit null") : std::to_string(e.out_label)) + " from " +
                        next_hop.to_string();
      LabelAction action = e.pop() ? LabelAction{Pop{next_hop, e.interface}}
                                   : LabelAction{Swap{e.out_label, next_hop, e.interface}};
      node.lfib().add(LfibEntry{e.in_label, std::move(action), std::move(why)});
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
  fill_global(node, inputs);
  if (!inputs.config.vrfs.empty()) {
    for (const cli::RouteTableView& view :
         vpn::vrf_route_tables(inputs.config, inputs.known, core::Duration::zero(), inputs.vrf_igp))
      fill_vrf(node, inputs, view, inputs.known);
  }
  fill_lfib(node, inputs);
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
