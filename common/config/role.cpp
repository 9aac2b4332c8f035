// What each daemon can run. The parser accepts the union of all roles; these
// checks refuse, at the offending line, what the chosen daemon has no code for.
#include <algorithm>

#include "config/parser.hpp"

namespace l3vpn::config {

const char* role_name(Role role) {
  switch (role) {
    case Role::ProviderEdge: return "pe";
    case Role::Provider: return "p";
    case Role::RouteReflector: return "rr";
    case Role::Host: return "host";
    case Role::CustomerEdge: return "ce";
  }
  return "?";
}

namespace {

// "on a P router (role p runs OSPF, LDP and the LFIB only)"
std::string on_role(Role role) {
  switch (role) {
    case Role::Provider: return "on a P router (role p runs OSPF, LDP and the LFIB only)";
    case Role::RouteReflector:
      return "on a route reflector (role rr keeps VPNv4 routes but has no VRF tables)";
    case Role::Host: return "on a host (role host has addresses and static routes only)";
    case Role::CustomerEdge:
      return "on a CE router (role ce runs OSPF or IPv4 unicast BGP in its global table only)";
    case Role::ProviderEdge: break;
  }
  return "on a PE router";
}

class RoleChecker {
 public:
  RoleChecker(const Config& config, Role role) : c_(config), role_(role) {}

  std::vector<Diagnostic> run() {
    bool vrfs_allowed = role_ == Role::ProviderEdge;
    // A CE may speak eBGP to its PE (PE-CE BGP), IPv4 unicast only; it need not.
    bool bgp_allowed = role_ == Role::ProviderEdge || role_ == Role::RouteReflector || role_ == Role::CustomerEdge;
    bool bgp_required = role_ == Role::ProviderEdge || role_ == Role::RouteReflector;
    bool ospf_allowed = role_ != Role::Host;
    bool mpls_allowed = role_ != Role::Host && role_ != Role::CustomerEdge;
    if (!vrfs_allowed) {
      for (const auto& vrf : c_.vrfs) refuse(vrf.where, "VRF '" + vrf.name + "'");
      for (const auto& itf : c_.interfaces)
        if (!itf.vrf.empty())
          refuse(itf.vrf_where, "'vrf forwarding " + itf.vrf + "' on " + itf.name);
      for (const auto& r : c_.static_routes)
        if (!r.vrf.empty()) refuse(r.where, "'ip route vrf " + r.vrf + "'");
      if (c_.bgp && bgp_allowed)
        for (const auto& f : c_.bgp->families)
          if (f.kind == BgpAddressFamily::Kind::Ipv4Vrf)
            refuse(f.where, "'address-family ipv4 vrf " + f.vrf + "'");
    }
    for (const auto& p : c_.ospf) {
      if (!ospf_allowed) refuse(p.where, "router ospf " + std::to_string(p.id));
      else if (!vrfs_allowed && !p.vrf.empty())
        refuse(p.where, "router ospf " + std::to_string(p.id) + " vrf " + p.vrf);
    }
    if (!ospf_allowed)
      for (const auto& itf : c_.interfaces)
        if (itf.ospf.process) refuse(itf.ospf_where, "'ip ospf' on " + itf.name);
    if (c_.bgp && !bgp_allowed) refuse(c_.bgp->where, "router bgp " + std::to_string(c_.bgp->asn));
    if (c_.bgp && role_ == Role::CustomerEdge)
      for (const auto& f : c_.bgp->families)
        if (f.kind == BgpAddressFamily::Kind::Vpnv4) refuse(f.where, "'address-family vpnv4'");
    if (!c_.bgp && bgp_required)
      out_.push_back(Diagnostic{c_.where, std::string("role ") + role_name(role_) +
                                              " needs 'router bgp': " +
                                              (role_ == Role::ProviderEdge
                                                   ? "a PE without BGP cannot exchange VPNv4 routes"
                                                   : "a route reflector without BGP reflects nothing")});
    if (!mpls_allowed) {
      for (const auto& itf : c_.interfaces)
        if (itf.mpls_ip) refuse(itf.where, "'mpls ip' on " + itf.name);
      const Mpls& m = c_.mpls;
      if (!m.ldp_router_id_interface.empty()) refuse(m.ldp_router_id_where, "'mpls ldp router-id'");
      if (m.label_range_min || m.ldp_hello_interval || m.ldp_hello_holdtime || !m.ldp_passwords.empty())
        refuse(c_.where, "MPLS (label range, LDP discovery or neighbor settings)");
    }
    std::stable_sort(out_.begin(), out_.end(), [](const Diagnostic& a, const Diagnostic& b) {
      return a.where.line < b.where.line;
    });
    return std::move(out_);
  }

 private:
  const Config& c_;
  Role role_;
  std::vector<Diagnostic> out_;

  void refuse(const SourceLocation& where, const std::string& what) {
    out_.push_back(Diagnostic{where, what + " cannot be configured " + on_role(role_)});
  }
};

}  // namespace

std::vector<Diagnostic> check_role(const Config& config, Role role) {
  return RoleChecker(config, role).run();
}

}  // namespace l3vpn::config
