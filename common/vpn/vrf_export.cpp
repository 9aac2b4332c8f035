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

// Interface `itf` runs OSPF process `process`: `ip ospf N area A` on it, or a
// `network W A area X` of that process covering its address.
bool in_ospf_process(const config::Config& config, const config::Interface& itf, std::uint32_t process) {
  if (itf.ospf.process == process) return true;
  for (const auto& ospf : config.ospf) {
    if (ospf.id != process) continue;
    for (const auto& statement : ospf.networks)
      for (const auto& a : itf.addresses)
        if ((a.prefix.address.value & ~statement.wildcard.value) == (statement.address.value & ~statement.wildcard.value))
          return true;
  }
  return false;
}

struct Candidate {
  int rank;  // administrative distance order: lower wins
  std::string source;
  std::uint32_t med;
  bgp::Origin origin;
  std::optional<std::uint32_t> ce;  // the CE next hop of a static route: its own per-ce label
};

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

void redistribute(const config::Config& config, const config::BgpAddressFamily& af, VrfTable& table) {
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
        // would, with MED 0 whatever the metric (the seed's [200/0] entries).
        for (const auto& itf : config.interfaces)
          if (itf.vrf == af.vrf && !itf.shutdown && r.process && in_ospf_process(config, itf, *r.process))
            for (const auto& a : itf.addresses)
              table.offer(network_of(a.prefix),
                          {110, "ospf " + std::to_string(*r.process), 0, bgp::Origin::Incomplete, std::nullopt});
        break;
      case Redistribution::Source::Bgp:
        break;  // BGP into BGP: nothing to export
    }
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

std::vector<ExportedRoute> vrf_exports(const config::Config& config, LabelAllocator& labels, core::TimePoint now) {
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
    redistribute(config, af, table);
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
      r.attributes.as_path = std::vector<bgp::AsPathSegment>{};
      r.attributes.med = c.med;
      for (const auto& rt : vrf->export_targets) r.attributes.extended_communities.push_back(to_extended_community(rt));
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
