#include "kernel/reconcile.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace l3vpn::kernel {

namespace {

bool managed(const KernelLink& link) { return link.alias == kManagedAlias; }

template <typename Op>
void push(Plan& plan, Op op) { plan.operations.emplace_back(std::move(op)); }

// Step 1. Returns the names of devices deleted and created again, whose
// enslaved interfaces and addresses the kernel drops with them.
std::set<std::string> plan_devices(const DesiredState& desired, const ActualState& actual,
                                   Plan& plan) {
  std::set<std::string> recreated;
  auto ensure = [&](const std::string& name, const std::string& kind, std::uint32_t table,
                    const Operation& create) {
    const KernelLink* link = actual.link(name);
    if (link == nullptr) {
      plan.operations.push_back(create);
      push(plan, SetUp{name});
      return;
    }
    const bool right_shape = link->kind == kind && (kind != "vrf" || link->vrf_table == table);
    if (right_shape) {
      if (!link->up) push(plan, SetUp{name});
      return;
    }
    if (!managed(*link)) {
      plan.problems.push_back({PlanProblem::Kind::ForeignDeviceName,
                               "device " + name + " exists (kind '" + link->kind +
                                   "') and was not created by l3vpn"});
      return;
    }
    // A VRF's table cannot be changed in place: the device is made again.
    push(plan, DeleteLink{name});
    plan.operations.push_back(create);
    push(plan, SetUp{name});
    recreated.insert(name);
  };
  for (const auto& vrf : desired.vrfs) ensure(vrf.name, "vrf", vrf.table, CreateVrf{vrf});
  for (const auto& dummy : desired.dummies) ensure(dummy.name, "dummy", 0, CreateDummy{dummy.name});
  return recreated;
}

// Step 1b. Only interfaces that exist: a missing one is the link monitor's
// business, not a reason to create anything.
void plan_admin_state(const DesiredState& desired, const ActualState& actual, Plan& plan) {
  const std::set<std::string> down(desired.admin_down.begin(), desired.admin_down.end());
  for (const auto& name : down) {
    const KernelLink* link = actual.link(name);
    if (link != nullptr && link->up) push(plan, SetDown{name});
  }
  for (const auto& name : std::set<std::string>(desired.admin_up.begin(), desired.admin_up.end())) {
    const KernelLink* link = actual.link(name);
    if (link != nullptr && !link->up && !down.contains(name)) push(plan, SetUp{name});
  }
}

std::set<std::string> stale_devices(const DesiredState& desired, const ActualState& actual) {
  std::set<std::string> wanted;
  for (const auto& vrf : desired.vrfs) wanted.insert(vrf.name);
  for (const auto& dummy : desired.dummies) wanted.insert(dummy.name);
  std::set<std::string> stale;
  for (const auto& link : actual.links) {
    if (managed(link) && (link.kind == "vrf" || link.kind == "dummy") && !wanted.contains(link.name)) {
      stale.insert(link.name);
    }
  }
  return stale;
}

// Step 2.
void plan_masters(const DesiredState& desired, const ActualState& actual,
                  const std::set<std::string>& recreated, const std::set<std::string>& stale,
                  Plan& plan) {
  std::map<std::string, std::string> wanted;  // interface -> VRF
  for (const auto& e : desired.enslavements) wanted[e.interface] = e.vrf;
  for (const auto& d : desired.dummies) {
    if (!d.vrf.empty()) wanted[d.name] = d.vrf;
  }
  auto current_master = [&](const std::string& name) -> std::string {
    if (recreated.contains(name)) return "";
    const KernelLink* link = actual.link(name);
    if (link == nullptr || recreated.contains(link->master)) return "";
    return link->master;
  };
  for (const auto& [interface, vrf] : wanted) {
    if (current_master(interface) != vrf) push(plan, SetMaster{interface, vrf});
  }
  // Interfaces left in one of our VRFs that the config no longer puts there.
  std::set<std::string> our_vrfs;
  for (const auto& vrf : desired.vrfs) our_vrfs.insert(vrf.name);
  for (const auto& link : actual.links) {
    if (link.kind == "vrf" && managed(link)) our_vrfs.insert(link.name);
  }
  for (const auto& link : actual.links) {
    if (wanted.contains(link.name) || stale.contains(link.name)) continue;
    const std::string master = current_master(link.name);
    if (!master.empty() && our_vrfs.contains(master) && !stale.contains(master)) {
      push(plan, SetMaster{link.name, ""});
    }
  }
}

// Step 3.
void plan_addresses(const DesiredState& desired, const ActualState& actual,
                    const std::set<std::string>& recreated, Plan& plan) {
  std::set<std::string> owned;  // interfaces whose IPv4 addresses the config decides
  for (const auto& d : desired.dummies) owned.insert(d.name);
  for (const auto& e : desired.enslavements) owned.insert(e.interface);
  for (const auto& a : desired.addresses) owned.insert(a.interface);
  std::set<InterfaceAddress> have;
  for (const auto& a : actual.addresses) {
    if (!recreated.contains(a.interface)) have.insert(a);
  }
  std::set<InterfaceAddress> want(desired.addresses.begin(), desired.addresses.end());
  for (const auto& a : want) {
    if (!have.contains(a)) push(plan, AddAddress{a});
  }
  for (const auto& a : have) {
    if (owned.contains(a.interface) && !want.contains(a)) push(plan, DeleteAddress{a});
  }
}

bool wants_mpls(const DesiredState& desired) {
  return desired.platform_labels.has_value() || !desired.mpls_input_interfaces.empty() ||
         !desired.mpls_routes.empty();
}

// Step 4.
void plan_sysctls(const DesiredState& desired, const ActualState& actual, Plan& plan) {
  if (desired.platform_labels && desired.platform_labels != actual.platform_labels) {
    push(plan, WriteSysctl{"net/mpls/platform_labels", std::to_string(*desired.platform_labels)});
  }
  const std::set<std::string> on(actual.mpls_input_interfaces.begin(),
                                 actual.mpls_input_interfaces.end());
  for (const auto& interface : std::set<std::string>(desired.mpls_input_interfaces.begin(),
                                                     desired.mpls_input_interfaces.end())) {
    if (!on.contains(interface)) push(plan, WriteSysctl{"net/mpls/conf/" + interface + "/input", "1"});
  }
}

// Step 5.
void plan_routes(const DesiredState& desired, const ActualState& actual, Plan& plan) {
  std::map<RouteKey, const Ipv4Route*> ours;
  std::map<RouteKey, const Ipv4Route*> theirs;
  for (const auto& route : actual.routes) {
    (route.protocol == kRouteProtocol ? ours : theirs)[route.key()] = &route;
  }
  std::set<RouteKey> wanted;
  std::vector<Operation> deletes;
  for (Ipv4Route route : desired.routes) {
    route.protocol = kRouteProtocol;
    route.prefix = route.prefix.network();
    if (!wanted.insert(route.key()).second) continue;  // first of a key wins
    if (auto it = ours.find(route.key()); it != ours.end()) {
      if (!it->second->same_forwarding(route)) push(plan, ReplaceRoute{route});
      continue;
    }
    if (auto it = theirs.find(route.key()); it != theirs.end()) {
      plan.problems.push_back({PlanProblem::Kind::ForeignRouteHoldsKey,
                               describe(route) + ": held by protocol " +
                                   std::to_string(it->second->protocol) + " (" +
                                   describe(*it->second) + ")"});
      continue;
    }
    push(plan, ReplaceRoute{route});
  }
  for (const auto& [key, route] : ours) {
    if (!wanted.contains(key)) push(plan, DeleteRoute{*route});
  }
}

// Step 6.
void plan_mpls_routes(const DesiredState& desired, const ActualState& actual, Plan& plan) {
  std::map<MplsLabel, const MplsRoute*> ours;
  std::map<MplsLabel, const MplsRoute*> theirs;
  for (const auto& route : actual.mpls_routes) {
    (route.protocol == kRouteProtocol ? ours : theirs)[route.in_label] = &route;
  }
  const std::uint32_t platform_labels =
      desired.platform_labels.value_or(actual.platform_labels.value_or(0));
  std::set<MplsLabel> wanted;
  for (MplsRoute route : desired.mpls_routes) {
    route.protocol = kRouteProtocol;
    const bool labels_ok =
        std::all_of(route.out_labels.begin(), route.out_labels.end(),
                    [](MplsLabel l) { return l <= kMaxLabel && l != kImplicitNull; });
    if (route.in_label >= platform_labels || route.in_label <= 15 || !labels_ok) {
      plan.problems.push_back({PlanProblem::Kind::LabelOutOfRange,
                               describe(route) + ": labels must be 16.." +
                                   std::to_string(platform_labels == 0 ? 0 : platform_labels - 1) +
                                   " in, 0.." + std::to_string(kMaxLabel) + " but 3 out"});
      continue;
    }
    if (!wanted.insert(route.in_label).second) continue;
    if (auto it = ours.find(route.in_label); it != ours.end()) {
      if (!it->second->same_forwarding(route)) push(plan, ReplaceMplsRoute{route});
      continue;
    }
    if (auto it = theirs.find(route.in_label); it != theirs.end()) {
      plan.problems.push_back({PlanProblem::Kind::ForeignMplsRoute,
                               describe(route) + ": held by protocol " +
                                   std::to_string(it->second->protocol)});
      continue;
    }
    push(plan, ReplaceMplsRoute{route});
  }
  for (const auto& [label, route] : ours) {
    if (!wanted.contains(label)) push(plan, DeleteMplsRoute{*route});
  }
}

}  // namespace

Plan plan_reconcile(const DesiredState& desired, const ActualState& actual) {
  Plan plan;
  const auto recreated = plan_devices(desired, actual, plan);
  plan_admin_state(desired, actual, plan);
  if (desired.ip_forward && actual.ip_forward != true) {
    push(plan, WriteSysctl{"net/ipv4/ip_forward", "1"});
  }
  const auto stale = stale_devices(desired, actual);
  plan_masters(desired, actual, recreated, stale, plan);
  plan_addresses(desired, actual, recreated, plan);
  if (wants_mpls(desired) && !actual.mpls_available) {
    plan.problems.push_back(
        {PlanProblem::Kind::MplsUnavailable,
         std::to_string(desired.mpls_routes.size()) +
             " MPLS routes and the MPLS sysctls not installed: no /proc/sys/net/mpls "
             "(modprobe mpls_router mpls_iptunnel)"});
  } else {
    plan_sysctls(desired, actual, plan);
  }
  plan_routes(desired, actual, plan);
  if (actual.mpls_available) plan_mpls_routes(desired, actual, plan);
  for (const auto& name : stale) push(plan, DeleteLink{name});
  return plan;
}

Plan plan_cleanup(const ActualState& actual) {
  Plan plan;
  for (const auto& route : actual.mpls_routes) {
    if (route.protocol == kRouteProtocol) push(plan, DeleteMplsRoute{route});
  }
  for (const auto& route : actual.routes) {
    if (route.protocol == kRouteProtocol) push(plan, DeleteRoute{route});
  }
  for (const auto& link : actual.links) {
    if (managed(link) && (link.kind == "vrf" || link.kind == "dummy")) push(plan, DeleteLink{link.name});
  }
  return plan;
}

std::string describe(const Operation& operation) {
  struct Describe {
    std::string operator()(const CreateVrf& o) const {
      return "create vrf " + o.device.name + " table " + std::to_string(o.device.table);
    }
    std::string operator()(const CreateDummy& o) const { return "create dummy " + o.name; }
    std::string operator()(const SetUp& o) const { return "set " + o.interface + " up"; }
    std::string operator()(const SetDown& o) const { return "set " + o.interface + " down"; }
    std::string operator()(const SetMaster& o) const {
      return o.master.empty() ? "set " + o.interface + " nomaster"
                              : "set " + o.interface + " master " + o.master;
    }
    std::string operator()(const AddAddress& o) const {
      return "add address " + o.address.address.to_string() + " dev " + o.address.interface;
    }
    std::string operator()(const DeleteAddress& o) const {
      return "delete address " + o.address.address.to_string() + " dev " + o.address.interface;
    }
    std::string operator()(const WriteSysctl& o) const { return "sysctl " + o.path + " = " + o.value; }
    std::string operator()(const ReplaceRoute& o) const { return "replace route " + describe(o.route); }
    std::string operator()(const DeleteRoute& o) const { return "delete route " + describe(o.route); }
    std::string operator()(const ReplaceMplsRoute& o) const { return "replace " + describe(o.route); }
    std::string operator()(const DeleteMplsRoute& o) const { return "delete " + describe(o.route); }
    std::string operator()(const DeleteLink& o) const { return "delete link " + o.name; }
  };
  return std::visit(Describe{}, operation);
}

const char* to_string(PlanProblem::Kind kind) {
  switch (kind) {
    case PlanProblem::Kind::ForeignRouteHoldsKey: return "foreign-route-holds-key";
    case PlanProblem::Kind::ForeignMplsRoute: return "foreign-mpls-route";
    case PlanProblem::Kind::ForeignDeviceName: return "foreign-device-name";
    case PlanProblem::Kind::MplsUnavailable: return "mpls-unavailable";
    case PlanProblem::Kind::LabelOutOfRange: return "label-out-of-range";
  }
  return "unknown";
}

}  // namespace l3vpn::kernel
