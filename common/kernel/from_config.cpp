#include "kernel/from_config.hpp"

#include <algorithm>
#include <cctype>
#include <set>

namespace l3vpn::kernel {

namespace {

constexpr std::uint32_t kIosDefaultLabelMax = 100000;  // as vpn::LabelAllocator

// The Linux name of config interface `name`, or "" (and an error) when none.
std::string linux_name(std::string_view name, const KernelNames& names, Translation& out) {
  if (auto it = names.interfaces.find(name); it != names.interfaces.end()) {
    if (!valid_linux_name(it->second)) {
      out.errors.push_back("interface " + std::string(name) + ": '" + it->second + "' is not a Linux name");
      return "";
    }
    return it->second;
  }
  constexpr std::string_view kLoopback = "Loopback";
  if (name.starts_with(kLoopback) && name.size() > kLoopback.size()) {
    return "loop" + std::string(name.substr(kLoopback.size()));
  }
  if (valid_linux_name(name)) return std::string(name);
  out.errors.push_back("interface " + std::string(name) + " has no Linux name (add it to the interface map)");
  return "";
}

std::vector<MplsLabel> pushed(const std::vector<sim::MplsLabel>& labels) {
  std::vector<MplsLabel> out;
  for (auto label : labels) {
    if (label != kImplicitNull) out.push_back(label);
  }
  return out;
}

}  // namespace

bool valid_linux_name(std::string_view name) {
  if (name.empty() || name.size() > 15 || name == "." || name == "..") return false;
  return std::none_of(name.begin(), name.end(), [](char c) {
    return c == '/' || c == ':' || std::isspace(static_cast<unsigned char>(c)) != 0;
  });
}

Translation desired_from_config(const config::Config& config, const KernelNames& names) {
  Translation out;
  DesiredState& state = out.state;
  std::set<std::uint32_t> used;
  for (const auto& [vrf, table] : names.vrf_tables) used.insert(table);
  std::uint32_t next = names.first_vrf_table;
  for (const auto& vrf : config.vrfs) {
    if (!valid_linux_name(vrf.name)) {
      out.errors.push_back("vrf " + vrf.name + ": not usable as a Linux device name (15 bytes, no '/')");
      continue;
    }
    std::uint32_t table = 0;
    if (auto it = names.vrf_tables.find(vrf.name); it != names.vrf_tables.end()) {
      table = it->second;
    } else {
      while (used.contains(next) || next == kMainTable || next == kLocalTable || next == 253) ++next;
      table = next++;
      used.insert(table);
    }
    state.vrfs.push_back({vrf.name, table});
    if (const config::Interface* source = config.find_interface(vrf.kernel_source_interface);
        source && source->vrf == vrf.name && !source->addresses.empty())
      out.vrf_sources[vrf.name] = source->addresses.front().prefix.address;  // validate.cpp reports the rest
  }
  bool any_mpls = false;
  for (const auto& interface : config.interfaces) {
    const std::string name = linux_name(interface.name, names, out);
    if (name.empty()) continue;
    if (interface.is_loopback()) {
      state.dummies.push_back({name, interface.vrf});
    } else if (!interface.vrf.empty()) {
      state.enslavements.push_back({name, interface.vrf});
    }
    for (const auto& address : interface.addresses) state.addresses.push_back({name, address.prefix});
    if (interface.shutdown) {
      state.admin_down.push_back(name);
    } else {
      state.admin_up.push_back(name);
    }
    if (interface.mpls_ip) {
      state.mpls_input_interfaces.push_back(name);
      any_mpls = true;
    }
  }
  state.ip_forward = true;  // every node that runs a daemon routes
  if (any_mpls || !config.vrfs.empty() || config.mpls.label_range_max) {
    state.platform_labels = config.mpls.label_range_max.value_or(kIosDefaultLabelMax) + 1;
  }
  return out;
}

void add_fib_routes(const sim::NodeFib& fib, const KernelNames& names, Translation& out) {
  std::map<std::string, std::uint32_t, std::less<>> tables{{"", kMainTable}};
  for (const auto& vrf : out.state.vrfs) tables[vrf.name] = vrf.table;
  auto vrf_device = [&](const std::string& vrf, const std::string& what) -> std::string {
    if (vrf.empty() || !tables.contains(vrf)) {
      out.errors.push_back(what + ": " + sim::table_name(vrf) + " has no VRF device");
      return "";
    }
    return vrf;
  };
  for (const auto& [vrf, table] : fib.tables()) {
    auto id = tables.find(vrf);
    if (id == tables.end()) {
      out.errors.push_back(sim::table_name(vrf) + ": no VRF device for its table");
      continue;
    }
    for (const sim::FibRoute* fib_route : table.routes()) {
      Ipv4Route route;
      route.table = id->second;
      route.prefix = fib_route->prefix.network();
      const std::string what = sim::table_name(vrf) + " " + route.prefix.to_string();
      if (const auto* via = std::get_if<sim::Via>(&fib_route->action)) {
        std::vector<const sim::Via*> paths{via};  // ECMP: every equal-cost path
        for (const sim::Via& more : fib_route->more_paths) paths.push_back(&more);
        for (const sim::Via* path : paths) {
          const std::string dev = linux_name(path->interface, names, out);
          if (!dev.empty()) route.next_hops.push_back({path->next_hop, dev, pushed(path->push)});
        }
        if (route.next_hops.empty()) continue;
      } else if (const auto* leak = std::get_if<sim::ViaVrf>(&fib_route->action)) {
        const std::string dev = vrf_device(leak->vrf, what);
        if (dev.empty()) continue;
        route.next_hops.push_back({std::nullopt, dev, {}});
      } else if (std::holds_alternative<sim::Discard>(fib_route->action)) {
        route.type = RouteType::Blackhole;
      } else {
        continue;  // Receive, Attached: the kernel's own routes
      }
      if (auto source = out.vrf_sources.find(vrf); source != out.vrf_sources.end() && route.type == RouteType::Unicast)
        route.source = source->second;
      out.state.routes.push_back(std::move(route));
    }
  }
  // Isolation: whatever the VRF's own routes, a miss ends in its table.
  for (const auto& vrf : out.state.vrfs) {
    Ipv4Route unreachable;
    unreachable.table = vrf.table;
    unreachable.prefix = Ipv4Prefix{};
    unreachable.metric = kVrfUnreachableMetric;
    unreachable.type = RouteType::Unreachable;
    out.state.routes.push_back(std::move(unreachable));
  }
  for (const auto& [label, entry] : fib.lfib().entries()) {
    MplsRoute route;
    route.in_label = label;
    const std::string what = "label " + std::to_string(label);
    std::vector<MplsNextHop> paths;  // ECMP: one per equal-cost path
    std::vector<const sim::LabelAction*> actions{&entry.action};
    for (const sim::LabelAction& more : entry.more_paths) actions.push_back(&more);
    for (const sim::LabelAction* action : actions) {
      MplsNextHop hop;
      if (const auto* swap = std::get_if<sim::Swap>(action)) {
        if (swap->out_label != kImplicitNull) hop.out_labels = {swap->out_label};
        hop.via = swap->next_hop;
        hop.interface = linux_name(swap->interface, names, out);
      } else if (const auto* pop = std::get_if<sim::Pop>(action)) {
        hop.via = pop->next_hop;
        hop.interface = linux_name(pop->interface, names, out);
      } else if (const auto* lookup = std::get_if<sim::PopAndLookup>(action)) {
        hop.interface = vrf_device(lookup->vrf, what);
      } else if (const auto* ce = std::get_if<sim::PopToNextHop>(action)) {
        hop.via = ce->next_hop;
        hop.interface = linux_name(ce->interface, names, out);
      }
      if (!hop.interface.empty()) paths.push_back(std::move(hop));
    }
    if (paths.empty()) continue;
    route.set_paths(std::move(paths));
    out.state.mpls_routes.push_back(std::move(route));
  }
}

}  // namespace l3vpn::kernel
