#include "vpn/vrf_export.hpp"

#include <map>
#include <set>

#include "vpn/route_map_eval.hpp"

namespace l3vpn::vpn {
namespace {

using config::Redistribution;

bgp::Prefix4 network_of(const config::Ipv4Prefix& p) {
  config::Ipv4Prefix n = p.network();
  return bgp::Prefix4{n.address.value, n.length};
}

// The area in which interface `itf` runs OSPF process `process`: `ip ospf N
// area A` on it, or the first `network W A area X` of that process covering
// its address; nothing when it does not run the process.
std::optional<std::uint32_t> ospf_area_of(const config::Config& config, const config::Interface& itf,
                                          std::uint32_t process) {
  if (itf.ospf.process == process) return itf.ospf.area ? itf.ospf.area->id : 0;
  for (const auto& ospf : config.ospf) {
    if (ospf.id != process) continue;
    for (const auto& statement : ospf.networks)
      for (const auto& a : itf.addresses)
        if ((a.prefix.address.value & ~statement.wildcard.value) == (statement.address.value & ~statement.wildcard.value))
          return statement.area.id;
  }
  return std::nullopt;
}

struct Candidate {
  int rank;  // administrative distance order: lower wins
  std::string source;
  std::uint32_t med;
  bgp::Origin origin;
  std::optional<std::uint32_t> ce;  // the CE next hop of a static route: its own per-ce label
  std::vector<bgp::ExtendedCommunity> extra = {};  // RFC 4577's OSPF communities
  std::vector<bgp::AsPathSegment> as_path = {};    // a CE's route keeps its AS path
};

// `match` of `redistribute ospf`: IOS takes internal routes when none is given.
bool matches(const Redistribution& r, ospf::SpfRouteType type) {
  const bool none = !r.match_internal && !r.match_external1 && !r.match_external2;
  switch (type) {
    case ospf::SpfRouteType::IntraArea:
    case ospf::SpfRouteType::InterArea: return none || r.match_internal;
    case ospf::SpfRouteType::ExternalType1: return r.match_external1;
    case ospf::SpfRouteType::ExternalType2: return r.match_external2;
  }
  return false;
}

std::uint8_t rfc4577_route_type(ospf::SpfRouteType type) {
  switch (type) {
    case ospf::SpfRouteType::IntraArea: return 2;
    case ospf::SpfRouteType::InterArea: return 3;
    case ospf::SpfRouteType::ExternalType1:
    case ospf::SpfRouteType::ExternalType2: return 5;
  }
  return 2;
}

class VrfTable {
 public:
  void offer(bgp::Prefix4 p, Candidate c) {
    auto [it, fresh] = routes_.emplace(p, c);
    if (!fresh && c.rank < it->second.rank) it->second = c;
  }
  const std::map<bgp::Prefix4, Candidate>& routes() const { return routes_; }

 private:
  std::map<bgp::Prefix4, Candidate> routes_;
};

void redistribute(const config::Config& config, const config::BgpAddressFamily& af, const VrfOspfRoutes& ospf,
                  VrfTable& table) {
  for (const Redistribution& r : af.redistribute) {
    std::uint32_t med = r.metric.value_or(0);
    switch (r.source) {
      case Redistribution::Source::Connected:
        for (const auto& itf : config.interfaces)
          if (itf.vrf == af.vrf && !itf.shutdown)
            for (const auto& a : itf.addresses)
              table.offer(network_of(a.prefix), {0, "connected", med, bgp::Origin::Incomplete, std::nullopt});
        break;
      case Redistribution::Source::Static:
        for (const auto& route : config.static_routes) {
          if (route.vrf != af.vrf) continue;
          bgp::Prefix4 p = network_of(route.prefix);
          // IOS exports the default route only with default-information originate.
          if (p.length == 0 && !af.default_information_originate) continue;
          std::optional<std::uint32_t> ce;
          if (route.next_hop) ce = route.next_hop->value;
          table.offer(p, {1, "static", med, bgp::Origin::Incomplete, ce});
        }
        break;
      case Redistribution::Source::Ospf:
        // The OSPF process's own interface networks come along as OSPF routes
        // would, with MED 0 whatever the metric (the seed's [200/0] entries);
        // while the process runs, with its OSPF communities as intra-area
        // networks of the interface's area (the far CE sees them O IA).
        for (const auto& itf : config.interfaces) {
          if (itf.vrf != af.vrf || itf.shutdown || !r.process) continue;
          const std::optional<std::uint32_t> area = ospf_area_of(config, itf, *r.process);
          if (!area) continue;
          Candidate c{110, "ospf " + std::to_string(*r.process), 0, bgp::Origin::Incomplete, std::nullopt};
          if (auto running = ospf.find(*r.process); running != ospf.end())
            c.extra = {ospf_route_type_community(*area, 2, false), ospf_router_id_community(running->second.router_id)};
          for (const auto& a : itf.addresses) table.offer(network_of(a.prefix), c);
        }
        if (r.process)
          if (auto learned = ospf.find(*r.process); learned != ospf.end())
            for (const ospf::SpfRoute& route : learned->second.routes) {
              if (route.next_hops.empty() || route.next_hops.front().address == 0) continue;  // its own networks
              if (!matches(r, route.type)) continue;
              Candidate c{110, "ospf " + std::to_string(*r.process), r.metric.value_or(route.metric()),
                          bgp::Origin::Incomplete, route.next_hops.front().address};
              c.extra = {ospf_route_type_community(route.area_id, rfc4577_route_type(route.type),
                                                   route.type == ospf::SpfRouteType::ExternalType2),
                         ospf_router_id_community(learned->second.router_id)};
              table.offer(bgp::Prefix4{route.prefix, static_cast<std::uint8_t>(route.prefix_length())}, c);
            }
        break;
      case Redistribution::Source::Bgp:
        break;  // BGP into BGP: nothing to export
    }
  }
}

// The VRF speaker's CE-learned best paths: IOS exports its VRF's BGP routes
// without a redistribute line (AD 20 ranks them after static, before OSPF).
void ce_bgp(const config::BgpAddressFamily& af, const VrfCeBgpRoutes& ce, VrfTable& table) {
  auto learned = ce.find(af.vrf);
  if (learned == ce.end()) return;
  for (const CeBgpRoute& route : learned->second) {
    Candidate c{20, "bgp", route.attributes.med.value_or(0), route.attributes.origin.value_or(bgp::Origin::Incomplete),
                route.next_hop};
    c.as_path = route.attributes.as_path.value_or(std::vector<bgp::AsPathSegment>{});
    table.offer(route.prefix, std::move(c));
  }
}

void networks(const config::Config& config, const config::BgpAddressFamily& af, VrfTable& table) {
  for (const auto& statement : af.networks) {
    bgp::Prefix4 p = network_of(statement.prefix);
    bool in_table = false;
    std::optional<std::uint32_t> ce;
    for (const auto& itf : config.interfaces)
      if (itf.vrf == af.vrf && !itf.shutdown)
        for (const auto& a : itf.addresses) in_table |= network_of(a.prefix) == p;
    for (const auto& route : config.static_routes)
      if (route.vrf == af.vrf && network_of(route.prefix) == p) {
        if (!in_table && route.next_hop) ce = route.next_hop->value;  // a connected network has no CE
        in_table = true;
      }
    if (in_table) table.offer(p, {-1, "network", 0, bgp::Origin::Igp, ce});  // network wins over redistribution
  }
}

std::string label_owner(const config::Vrf& vrf, config::VpnLabelMode mode, const bgp::Prefix4& p,
                        const Candidate& c) {
  std::string aggregate = "vrf:" + vrf.name;
  switch (mode) {
    case config::VpnLabelMode::PerVrf:
      return aggregate;
    case config::VpnLabelMode::PerPrefix:
      return aggregate + ":" + config::Ipv4Prefix{config::Ipv4Address{p.address}, p.length}.to_string();
    case config::VpnLabelMode::PerCe:
      return c.ce ? aggregate + ":ce:" + config::Ipv4Address{*c.ce}.to_string() : aggregate;
  }
  return aggregate;
}

// The export map of `vrf` on a route already carrying the export targets.
void apply_export_map(const config::Config& config, const config::Vrf& vrf, const bgp::Prefix4& p,
                      bgp::PathAttributes& attributes) {
  if (vrf.export_map.empty()) return;
  const config::RouteMap* map = find_route_map(config, vrf.export_map);
  if (!map) return;  // validation refuses it; the VRF's export targets stand
  bgp::PathAttributes changed = attributes;
  // Deny or no match: the route goes out as it is (an export map is no filter).
  if (apply_route_map(config, *map, p, changed).permitted) attributes = std::move(changed);
}

}  // namespace

config::VpnLabelMode label_mode_of(const config::Config& config, std::string_view vrf) {
  for (const auto& m : config.mpls.label_modes)
    if (m.vrf == vrf) return m.mode;
  return config.mpls.label_mode_all_vrfs.value_or(config::VpnLabelMode::PerVrf);
}

bgp::WireRouteDistinguisher to_wire(const config::RouteDistinguisher& rd) {
  std::uint64_t type = rd.type;
  if (rd.type == 0)
    return bgp::WireRouteDistinguisher{(type << 48) | (std::uint64_t{rd.administrator & 0xFFFF} << 32) | rd.assigned};
  return bgp::WireRouteDistinguisher{(type << 48) | (std::uint64_t{rd.administrator} << 16) | (rd.assigned & 0xFFFF)};
}

std::optional<config::RouteDistinguisher> from_wire(bgp::WireRouteDistinguisher rd) {
  config::RouteDistinguisher value;
  if (rd.type() > 2) return std::nullopt;
  value.type = static_cast<std::uint8_t>(rd.type());
  if (value.type == 0) {
    value.administrator = static_cast<std::uint32_t>((rd.value >> 32) & 0xFFFF);
    value.assigned = static_cast<std::uint32_t>(rd.value & 0xFFFFFFFF);
  } else {
    value.administrator = static_cast<std::uint32_t>((rd.value >> 16) & 0xFFFFFFFF);
    value.assigned = static_cast<std::uint32_t>(rd.value & 0xFFFF);
  }
  return value;
}

bgp::ExtendedCommunity to_extended_community(const config::RouteTarget& rt) {
  return bgp::ExtendedCommunity::route_target(rt.type, rt.administrator, rt.assigned);
}

bgp::ExtendedCommunity ospf_route_type_community(std::uint32_t area, std::uint8_t route_type, bool metric_type2) {
  bgp::ExtendedCommunity c;
  c.bytes = {0x03, 0x06, static_cast<std::uint8_t>(area >> 24), static_cast<std::uint8_t>(area >> 16),
             static_cast<std::uint8_t>(area >> 8), static_cast<std::uint8_t>(area), route_type,
             static_cast<std::uint8_t>(metric_type2 ? 0x01 : 0x00)};
  return c;
}

bgp::ExtendedCommunity ospf_router_id_community(std::uint32_t router_id) {
  bgp::ExtendedCommunity c;
  c.bytes = {0x01, 0x07, static_cast<std::uint8_t>(router_id >> 24), static_cast<std::uint8_t>(router_id >> 16),
             static_cast<std::uint8_t>(router_id >> 8), static_cast<std::uint8_t>(router_id), 0, 0};
  return c;
}

std::optional<OspfRouteType> ospf_route_type_of(const bgp::ExtendedCommunity& c) {
  if (c.bytes[0] != 0x03 || c.bytes[1] != 0x06) return std::nullopt;
  OspfRouteType t;
  t.area = std::uint32_t{c.bytes[2]} << 24 | std::uint32_t{c.bytes[3]} << 16 | std::uint32_t{c.bytes[4]} << 8 |
           std::uint32_t{c.bytes[5]};
  t.route_type = c.bytes[6];
  t.metric_type2 = (c.bytes[7] & 0x01) != 0;
  return t;
}

std::vector<ExportedRoute> vrf_exports(const config::Config& config, LabelAllocator& labels, core::TimePoint now,
                                       const VrfOspfRoutes& ospf, const VrfCeBgpRoutes& ce) {
  std::vector<ExportedRoute> out;
  std::set<std::string> used;
  auto release_unused = [&] {
    for (const auto& e : labels.ledger())
      if (e.owner.rfind("vrf:", 0) == 0 && !used.contains(e.owner)) labels.release(e.owner, now);
  };
  if (!config.bgp) {
    release_unused();
    return out;
  }
  for (const auto& af : config.bgp->families) {
    if (af.kind != config::BgpAddressFamily::Kind::Ipv4Vrf) continue;
    const config::Vrf* vrf = config.find_vrf(af.vrf);
    if (!vrf || !vrf->rd) continue;  // validation refuses it; nothing to export without an RD
    VrfTable table;
    redistribute(config, af, ospf, table);
    ce_bgp(af, ce, table);
    networks(config, af, table);
    // No label (no pop entry) for a VRF that exports nothing.
    const config::VpnLabelMode mode = label_mode_of(config, vrf->name);
    for (const auto& [prefix, c] : table.routes()) {
      std::string owner = label_owner(*vrf, mode, prefix, c);
      auto label = labels.allocate(owner, now);
      if (!label) continue;  // the range is full: the route cannot be exported
      used.insert(owner);
      ExportedRoute r;
      r.vrf = vrf->name;
      r.rd = to_wire(*vrf->rd);
      r.prefix = prefix;
      r.attributes.origin = c.origin;
      r.attributes.as_path = c.as_path;
      r.attributes.med = c.med;
      for (const auto& rt : vrf->export_targets) r.attributes.extended_communities.push_back(to_extended_community(rt));
      r.attributes.extended_communities.insert(r.attributes.extended_communities.end(), c.extra.begin(), c.extra.end());
      apply_export_map(config, *vrf, prefix, r.attributes);
      r.label = *label;
      r.source = c.source;
      r.label_owner = owner;
      out.push_back(std::move(r));
    }
  }
  release_unused();
  return out;
}

}  // namespace l3vpn::vpn
