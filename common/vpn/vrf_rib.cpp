#include "vpn/vrf_rib.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "vpn/route_map_eval.hpp"
#include "vpn/vrf_bgp_table.hpp"

namespace l3vpn::vpn {
namespace {

constexpr std::uint32_t kConnectedDistance = 0;
constexpr std::uint32_t kStaticDistance = 1;
constexpr std::uint32_t kIbgpDistance = 200;

bgp::Prefix4 network_of(const config::Ipv4Prefix& p) {
  config::Ipv4Prefix n = p.network();
  return bgp::Prefix4{n.address.value, n.length};
}

struct Candidate {
  std::uint32_t distance = 0;
  std::uint32_t metric = 0;
  bool local = false;  // this PE's own route: preferred on a tie (IOS weight)
  std::uint32_t next_hop = 0;
  cli::RouteView view;
};

bool better(const Candidate& a, const Candidate& b) {
  return std::tuple(a.distance, a.metric, !a.local, a.next_hop) < std::tuple(b.distance, b.metric, !b.local, b.next_hop);
}

class Table {
 public:
  void offer(const bgp::Prefix4& p, Candidate c) {
    c.view.address = p.address;
    c.view.length = p.length;
    c.view.candidate_default = p.length == 0;
    auto [it, fresh] = routes_.emplace(p, c);
    if (!fresh && better(c, it->second)) it->second = std::move(c);
  }
  const std::map<bgp::Prefix4, Candidate>& routes() const { return routes_; }

 private:
  std::map<bgp::Prefix4, Candidate> routes_;
};

std::uint8_t classful_length(std::uint32_t address) {
  if (address < 0x80000000u) return 8;
  if (address < 0xC0000000u) return 16;
  if (address < 0xE0000000u) return 24;
  return 32;
}

std::uint32_t major_of(std::uint32_t address) {
  std::uint8_t l = classful_length(address);
  return l == 32 ? address : address & (~std::uint32_t{0} << (32 - l));
}

// IOS's hash of an address: the XOR of its octets.
std::uint32_t nethash(std::uint32_t a) { return (a ^ (a >> 8) ^ (a >> 16) ^ (a >> 24)) & 0xFF; }

void order(std::vector<cli::RouteView>& routes) {
  std::set<std::uint32_t> local_majors;
  for (const auto& r : routes)
    if (r.code == 'C' || r.code == 'S') local_majors.insert(major_of(r.address));
  auto key = [&](const cli::RouteView& r) {
    std::uint32_t major = major_of(r.address);
    return std::tuple(r.length == 0, !local_majors.contains(major), major, nethash(r.address), r.address, r.length);
  };
  std::sort(routes.begin(), routes.end(), [&](const auto& a, const auto& b) { return key(a) < key(b); });
}

void connected(const config::Config& config, const config::Vrf& vrf, Table& table) {
  for (const auto& itf : config.interfaces) {
    if (itf.vrf != vrf.name || itf.shutdown) continue;
    for (const auto& a : itf.addresses) {
      Candidate c;
      c.distance = kConnectedDistance;
      c.local = true;
      c.view.code = 'C';
      c.view.interface = itf.name;
      table.offer(network_of(a.prefix), std::move(c));
    }
  }
}

void statics(const config::Config& config, const config::Vrf& vrf, Table& table) {
  for (const auto& route : config.static_routes) {
    if (route.vrf != vrf.name) continue;
    Candidate c;
    c.distance = route.distance.value_or(kStaticDistance);
    c.local = true;
    c.view.code = 'S';
    if (route.next_hop) {
      c.next_hop = route.next_hop->value;
      c.view.distance = c.distance;
      c.view.metric = 0;
      c.view.next_hop = route.next_hop->value;
    }
    c.view.interface = route.interface;  // "via NH, IF", or "is directly connected, IF"
    table.offer(network_of(route.prefix), std::move(c));
  }
}

// The IGP's routes as daemon/ospf_views makes them (code, distance, metric,
// next hops): OSPF's 110 loses to connected and static, beats iBGP's 200.
void igp_routes(const std::vector<cli::RouteView>& igp, Table& table) {
  for (const cli::RouteView& r : igp) {
    Candidate c;
    c.distance = r.distance.value_or(0);
    c.metric = r.metric.value_or(0);
    c.next_hop = r.next_hop.value_or(0);
    c.view = r;
    table.offer(bgp::Prefix4{r.address, r.length}, std::move(c));
  }
}

}  // namespace

bool imports(const config::Vrf& vrf, const bgp::PathAttributes& attributes) {
  for (const auto& rt : vrf.import_targets) {
    bgp::ExtendedCommunity wanted = to_extended_community(rt);
    for (const auto& ec : attributes.extended_communities)
      if (ec.is_route_target() && ec == wanted) return true;
  }
  return false;
}

std::optional<bgp::PathAttributes> import_into(const config::Config& config, const config::Vrf& vrf,
                                               const bgp::Prefix4& prefix, const bgp::PathAttributes& attributes) {
  if (!imports(vrf, attributes)) return std::nullopt;
  bgp::PathAttributes imported = attributes;
  if (vrf.import_map.empty()) return imported;
  const config::RouteMap* map = find_route_map(config, vrf.import_map);
  if (!map) return imported;  // validation refuses it; the RT match alone decides
  if (!apply_route_map(config, *map, prefix, imported).permitted) return std::nullopt;
  return imported;
}

namespace {

const config::Vrf* vrf_of_rd(const config::Config& config, const bgp::WireRouteDistinguisher& rd) {
  for (const auto& vrf : config.vrfs)
    if (vrf.rd && to_wire(*vrf.rd) == rd) return &vrf;
  return nullptr;
}

// How a route of this PE leaked from `source` shows: its connected interface,
// or its static next hop / interface there; else via the PE's own next hop.
void leaked_view(const config::Config& config, const config::Vrf* source, const VpnRoute& route, Candidate& c) {
  if (source) {
    for (const auto& itf : config.interfaces) {
      if (itf.vrf != source->name || itf.shutdown) continue;
      for (const auto& a : itf.addresses)
        if (network_of(a.prefix) == route.prefix) {
          c.view.interface = itf.name;  // "is directly connected, AGE, IF"
          return;
        }
    }
    for (const auto& s : config.static_routes) {
      if (s.vrf != source->name || network_of(s.prefix) != route.prefix) continue;
      if (s.next_hop) {
        c.next_hop = s.next_hop->value;
        c.view.distance = c.distance;
        c.view.metric = c.metric;
        c.view.next_hop = s.next_hop->value;
      }
      c.view.interface = s.interface;
      return;
    }
  }
  c.view.distance = c.distance;
  c.view.metric = c.metric;
  c.view.next_hop = route.next_hop;
}

void bgp_routes(const config::Config& config, const config::Vrf& vrf, const std::vector<VpnRoute>& known,
                core::Duration default_age, Table& table) {
  // The VRF's BGP best path per prefix first (the same choice as
  // `show ip bgp vpnv4 vrf`), then that one against connected and static.
  std::map<bgp::Prefix4, VpnRoute> best;
  for (const VpnRoute& route : known) {
    const config::Vrf* source = route.from_self ? vrf_of_rd(config, route.rd) : nullptr;
    if (source == &vrf) continue;  // never back into its own VRF: the original is there
    auto imported = import_into(config, vrf, route.prefix, route.attributes);
    if (!imported) continue;
    VpnRoute candidate = route;
    candidate.attributes = std::move(*imported);
    auto [it, fresh] = best.emplace(route.prefix, candidate);
    if (!fresh && vrf_best_first(candidate, it->second)) it->second = std::move(candidate);
  }
  for (const auto& [prefix, route] : best) {
    const config::Vrf* source = route.from_self ? vrf_of_rd(config, route.rd) : nullptr;
    Candidate c;
    c.distance = kIbgpDistance;
    c.metric = route.attributes.med.value_or(0);  // an import map's set metric shows here
    c.local = route.from_self;
    c.next_hop = route.next_hop;
    c.view.code = 'B';
    c.view.age = route.age.value_or(default_age);
    if (route.from_self) {
      leaked_view(config, source, route, c);
    } else {
      c.view.distance = c.distance;
      c.view.metric = c.metric;
      c.view.next_hop = route.next_hop;
    }
    table.offer(route.prefix, std::move(c));
  }
}

}  // namespace

std::vector<VpnRoute> as_vpn_routes(const std::vector<ExportedRoute>& exports, std::uint32_t next_hop,
                                    bool from_self) {
  std::vector<VpnRoute> out;
  out.reserve(exports.size());
  for (const auto& e : exports) {
    VpnRoute r;
    r.rd = e.rd;
    r.prefix = e.prefix;
    r.attributes = e.attributes;
    r.next_hop = next_hop;
    r.label = e.label;
    r.from_self = from_self;
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<cli::RouteTableView> vrf_route_tables(const config::Config& config, const std::vector<VpnRoute>& known,
                                                  core::Duration default_age, const VrfIgpRoutes& igp) {
  std::vector<cli::RouteTableView> tables;
  for (const auto& vrf : config.vrfs) {
    Table table;
    connected(config, vrf, table);
    statics(config, vrf, table);
    if (auto it = igp.find(vrf.name); it != igp.end()) igp_routes(it->second, table);
    bgp_routes(config, vrf, known, default_age, table);
    cli::RouteTableView view;
    view.vrf = vrf.name;
    for (const auto& [prefix, c] : table.routes()) {
      view.routes.push_back(c.view);
      if (prefix.length == 0)
        view.gateway = cli::GatewayOfLastResort{c.view.next_hop.value_or(0), 0};
    }
    order(view.routes);
    tables.push_back(std::move(view));
  }
  return tables;
}

cli::RouteTableView global_route_table(const config::Config& config, const std::vector<cli::RouteView>& igp) {
  const config::Vrf global;  // the name "" is the global table's
  Table table;
  connected(config, global, table);
  statics(config, global, table);
  igp_routes(igp, table);
  cli::RouteTableView view;
  for (const auto& [prefix, c] : table.routes()) {
    view.routes.push_back(c.view);
    if (prefix.length == 0) view.gateway = cli::GatewayOfLastResort{c.view.next_hop.value_or(0), 0};
  }
  order(view.routes);
  return view;
}

const cli::RouteTableView* find_table(const std::vector<cli::RouteTableView>& tables, std::string_view vrf) {
  for (const auto& t : tables)
    if (t.vrf == vrf) return &t;
  return nullptr;
}

}  // namespace l3vpn::vpn
