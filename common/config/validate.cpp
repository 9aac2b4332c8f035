// Cross-reference checks: every name a line uses must be defined somewhere in
// the file (IOS is order-sensitive; a config file is read as a whole, so a
// reference to an object defined further down is fine).
#include <algorithm>
#include <set>

#include "config/parse_context.hpp"

namespace l3vpn::config::detail {

namespace {

class Validator {
 public:
  explicit Validator(const Config& config) : c_(config) {
    for (const auto& m : c_.route_maps) route_maps_.insert(m.name);
    for (const auto& l : c_.prefix_lists) prefix_lists_.insert(l.name);
    for (const auto& l : c_.extcommunity_lists) extcommunity_lists_.insert(l.name);
  }

  std::vector<Diagnostic> run() {
    vrfs();
    interfaces();
    addresses();
    ospf();
    bgp();
    static_routes();
    route_maps();
    for (const auto& m : c_.mpls.label_modes)  // "mpls label mode vrf V ...": V must exist
      if (!c_.find_vrf(m.vrf)) report(m.where, "VRF '" + m.vrf + "' is not defined");
    if (const auto& a = c_.mpls.ldp_label_allocation;  // "allocate global prefix-list NAME": NAME must exist
        a && a->kind == LdpLabelAllocation::Kind::PrefixList && !prefix_lists_.count(a->prefix_list))
      report(a->where, "prefix-list '" + a->prefix_list + "' is not defined");
    if (!c_.mpls.ldp_router_id_interface.empty() &&
        !c_.find_interface(c_.mpls.ldp_router_id_interface))
      report(c_.mpls.ldp_router_id_where,
             "interface '" + c_.mpls.ldp_router_id_interface + "' is not defined");
    return std::move(out_);
  }

 private:
  const Config& c_;
  std::set<std::string> route_maps_, prefix_lists_, extcommunity_lists_;
  std::set<std::string> vrfs_without_rd_reported_;
  std::vector<Diagnostic> out_;

  void report(const SourceLocation& where, std::string message) {
    out_.push_back(Diagnostic{where, std::move(message)});
  }

  void route_map_ref(const std::string& name, const SourceLocation& where) {
    if (!name.empty() && !route_maps_.count(name))
      report(where, "route-map '" + name + "' is not defined");
  }

  // A VRF named by `where`'s line: it must exist, and a PE running BGP exports
  // its routes as VPNv4, which needs the VRF's RD.
  void vrf_ref(const std::string& name, const SourceLocation& where) {
    const Vrf* vrf = c_.find_vrf(name);
    if (!vrf) {
      report(where, "VRF '" + name + "' is not defined");
      return;
    }
    if (!vrf->rd && c_.bgp && vrfs_without_rd_reported_.insert(name).second)
      report(where, "VRF '" + name + "' has no rd: router bgp " + std::to_string(c_.bgp->asn) +
                        " needs a route distinguisher to carry its routes");
  }

  void vrfs() {
    for (std::size_t i = 0; i < c_.vrfs.size(); ++i) {
      const Vrf& vrf = c_.vrfs[i];
      route_map_ref(vrf.import_map, vrf.import_map_where);
      route_map_ref(vrf.export_map, vrf.export_map_where);
      kernel_source(vrf);
      if (!vrf.rd) continue;
      for (std::size_t j = 0; j < i; ++j)
        if (c_.vrfs[j].rd == vrf.rd)
          report(vrf.rd_where, "rd " + vrf.rd->to_string() + " is already used by VRF '" +
                                   c_.vrfs[j].name + "'");
    }
  }

  // "kernel source-interface IF": IF must exist, be in this VRF and have an
  // address (the kernel refuses a src that is not local to the table).
  void kernel_source(const Vrf& vrf) {
    const std::string& name = vrf.kernel_source_interface;
    if (name.empty()) return;
    const Interface* itf = c_.find_interface(name);
    if (!itf)
      report(vrf.kernel_source_where, "interface '" + name + "' is not defined");
    else if (itf->vrf != vrf.name)
      report(vrf.kernel_source_where, "interface '" + name + "' is not in VRF '" + vrf.name + "' (" +
                                          (itf->vrf.empty() ? std::string("global table") : "VRF '" + itf->vrf + "'") +
                                          "): its address is no source in this VRF");
    else if (itf->addresses.empty())
      report(vrf.kernel_source_where, "interface '" + name + "' has no IPv4 address to use as source");
  }

  void interfaces() {
    // IOS refuses "address-family ipv4 vrf V" when V has no RD: check those
    // first so the message lands on that line rather than on an interface.
    if (c_.bgp)
      for (const auto& f : c_.bgp->families)
        if (f.kind == BgpAddressFamily::Kind::Ipv4Vrf) {
          vrf_ref(f.vrf, f.where);
          const Vrf* vrf = c_.find_vrf(f.vrf);
          if (vrf && vrf->syntax == Vrf::Syntax::VrfDefinition && !vrf->ipv4_family)
            report(f.where, "VRF '" + f.vrf + "' has no ipv4 address family: add 'address-family "
                            "ipv4' under 'vrf definition " + f.vrf + "'");
        }
    for (const auto& itf : c_.interfaces)
      if (!itf.vrf.empty()) vrf_ref(itf.vrf, itf.vrf_where);
  }

  void addresses() {
    struct Seen {
      const Interface* itf;
      const InterfaceAddress* address;
    };
    std::vector<Seen> seen;
    for (const auto& itf : c_.interfaces) {
      for (const auto& a : itf.addresses) {
        for (const auto& s : seen) {
          if (s.itf->vrf != itf.vrf || !s.address->prefix.overlaps(a.prefix)) continue;
          report(a.where, "address " + a.prefix.to_string() + " overlaps " +
                              s.address->prefix.to_string() + " on " + s.itf->name + " in " +
                              (itf.vrf.empty() ? std::string("the global table")
                                               : "VRF '" + itf.vrf + "'"));
          break;
        }
        seen.push_back({&itf, &a});
      }
    }
  }

  void ospf() {
    for (const auto& p : c_.ospf) {
      if (!p.vrf.empty()) vrf_ref(p.vrf, p.where);
      for (const auto& r : p.redistribute) route_map_ref(r.route_map, r.where);
    }
    for (const auto& itf : c_.interfaces) {
      if (!itf.ospf.process) continue;
      auto p = std::find_if(c_.ospf.begin(), c_.ospf.end(),
                            [&](const OspfProcess& x) { return x.id == *itf.ospf.process; });
      if (p == c_.ospf.end() || p->vrf == itf.vrf) continue;
      auto table = [](const std::string& vrf) {
        return vrf.empty() ? std::string("the global table") : "VRF '" + vrf + "'";
      };
      report(itf.ospf_where, "interface " + itf.name + " is in " + table(itf.vrf) +
                                 " but OSPF process " + std::to_string(p->id) + " runs in " +
                                 table(p->vrf));
    }
  }

  void sessions(const std::vector<BgpNeighbor>& neighbors) {
    auto group = [&](const std::string& name) -> const BgpNeighbor* {
      for (const auto& n : neighbors)
        if (n.is_peer_group && n.id == name) return &n;
      return nullptr;
    };
    for (const auto& n : neighbors) {
      if (!n.address && !n.is_peer_group) {
        report(n.where, "neighbor '" + n.id + "' is neither an IPv4 address nor a peer-group");
        continue;
      }
      const BgpNeighbor* g = n.peer_group.empty() ? nullptr : group(n.peer_group);
      if (!n.peer_group.empty() && !g)
        report(n.peer_group_where, "peer-group '" + n.peer_group + "' is not defined");
      if (!n.is_peer_group && !n.remote_as && !(g && g->remote_as) && n.peer_group.empty())
        report(n.where, "neighbor " + n.id + " has no remote-as");
      if (!n.update_source.empty() && !c_.find_interface(n.update_source))
        report(n.update_source_where,
               "update-source interface '" + n.update_source + "' is not defined");
    }
  }

  void bgp() {
    if (!c_.bgp) return;
    const BgpRouter& bgp = *c_.bgp;
    sessions(bgp.neighbors);
    for (const auto& f : bgp.families) {
      sessions(f.vrf_neighbors);
      const bool vrf_family = f.kind == BgpAddressFamily::Kind::Ipv4Vrf;
      const auto& defined = vrf_family ? f.vrf_neighbors : bgp.neighbors;
      for (const auto& a : f.neighbors) {
        bool found = std::any_of(defined.begin(), defined.end(),
                                 [&](const BgpNeighbor& n) { return n.id == a.id; });
        if (!found)
          report(a.where, "neighbor " + a.id + " is not defined " +
                              (vrf_family ? "in address-family ipv4 vrf " + f.vrf
                                          : std::string("under router bgp")));
        route_map_ref(a.route_map_in, a.route_map_in_where);
        route_map_ref(a.route_map_out, a.route_map_out_where);
      }
      for (const auto& r : f.redistribute) route_map_ref(r.route_map, r.where);
      for (const auto& n : f.networks) route_map_ref(n.route_map, n.where);
    }
  }

  void static_routes() {
    for (const auto& r : c_.static_routes)
      if (!r.vrf.empty()) vrf_ref(r.vrf, r.where);
  }

  void route_maps() {
    for (const auto& m : c_.route_maps) {
      for (const auto& e : m.entries) {
        for (const auto& name : e.match_prefix_lists)
          if (!prefix_lists_.count(name))
            report(e.match_prefix_lists_where, "prefix-list '" + name + "' is not defined");
        for (const auto& name : e.match_extcommunities)
          if (!extcommunity_lists_.count(name))
            report(e.match_extcommunities_where,
                   "extcommunity-list '" + name + "' is not defined");
      }
    }
  }
};

}  // namespace

std::vector<Diagnostic> validate(const Config& config) { return Validator(config).run(); }

}  // namespace l3vpn::config::detail
