#include "daemon/kernel_views.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <set>

#include "kernel/from_config.hpp"

namespace l3vpn::daemon {

namespace {

using kernel::ActualState;

bool is_separator(char c) { return c == ',' || std::isspace(static_cast<unsigned char>(c)) != 0; }

// The text with comments removed (each '#' up to its line's end).
std::string without_comments(std::string_view text) {
  std::string out;
  bool comment = false;
  for (char c : text) {
    if (c == '\n') comment = false;
    else if (c == '#') comment = true;
    if (!comment) out += c;
  }
  return out;
}

const kernel::Ipv4Route* kernel_route(const ActualState& actual, const kernel::RouteKey& key) {
  for (const auto& r : actual.routes)
    if (r.key() == key) return &r;
  return nullptr;
}

const kernel::MplsRoute* kernel_mpls_route(const ActualState& actual, kernel::MplsLabel label) {
  for (const auto& r : actual.mpls_routes)
    if (r.in_label == label) return &r;
  return nullptr;
}

std::string with_protocol(std::string text, std::uint8_t protocol) {
  return text + " proto " + protocol_name(protocol);
}

struct Classify {
  const ActualState& actual;
  DriftEntry operator()(const kernel::CreateVrf& o) const {
    return {DriftEntry::Kind::Missing, "vrf device " + o.device.name + " table " + std::to_string(o.device.table), ""};
  }
  DriftEntry operator()(const kernel::CreateDummy& o) const {
    return {DriftEntry::Kind::Missing, "dummy device " + o.name, ""};
  }
  DriftEntry operator()(const kernel::SetUp& o) const {
    return {DriftEntry::Kind::Different, "device " + o.interface + " up", "device " + o.interface + " down"};
  }
  DriftEntry operator()(const kernel::SetDown& o) const {
    return {DriftEntry::Kind::Different, "device " + o.interface + " down (shutdown)",
            "device " + o.interface + " up"};
  }
  DriftEntry operator()(const kernel::SetMaster& o) const {
    const kernel::KernelLink* link = actual.link(o.interface);
    if (!link && !o.master.empty())  // the interface itself is not there: nothing to enslave yet
      return {DriftEntry::Kind::Missing, "interface " + o.interface + " (master " + o.master + ")", ""};
    const std::string now = link && !link->master.empty() ? "master " + link->master : "no master";
    return {o.master.empty() ? DriftEntry::Kind::Extra : DriftEntry::Kind::Different,
            o.master.empty() ? "" : o.interface + " master " + o.master, o.interface + " " + now};
  }
  DriftEntry operator()(const kernel::AddAddress& o) const {
    return {DriftEntry::Kind::Missing, "address " + o.address.address.to_string() + " on " + o.address.interface, ""};
  }
  DriftEntry operator()(const kernel::DeleteAddress& o) const {
    return {DriftEntry::Kind::Extra, "", "address " + o.address.address.to_string() + " on " + o.address.interface};
  }
  DriftEntry operator()(const kernel::WriteSysctl& o) const {
    return {DriftEntry::Kind::Different, "sysctl " + o.path + " = " + o.value, "sysctl " + o.path + " differs"};
  }
  DriftEntry operator()(const kernel::ReplaceRoute& o) const {
    if (const auto* now = kernel_route(actual, o.route.key()))
      return {DriftEntry::Kind::Different, kernel::describe(o.route), with_protocol(kernel::describe(*now), now->protocol)};
    return {DriftEntry::Kind::Missing, kernel::describe(o.route), ""};
  }
  DriftEntry operator()(const kernel::DeleteRoute& o) const {
    return {DriftEntry::Kind::Extra, "", with_protocol(kernel::describe(o.route), o.route.protocol)};
  }
  DriftEntry operator()(const kernel::ReplaceMplsRoute& o) const {
    if (const auto* now = kernel_mpls_route(actual, o.route.in_label))
      return {DriftEntry::Kind::Different, kernel::describe(o.route), with_protocol(kernel::describe(*now), now->protocol)};
    return {DriftEntry::Kind::Missing, kernel::describe(o.route), ""};
  }
  DriftEntry operator()(const kernel::DeleteMplsRoute& o) const {
    return {DriftEntry::Kind::Extra, "", with_protocol(kernel::describe(o.route), o.route.protocol)};
  }
  DriftEntry operator()(const kernel::DeleteLink& o) const {
    return {DriftEntry::Kind::Extra, "", "device " + o.name + " (" + kernel::kManagedAlias + ")"};
  }
};

// "10.0.0.0/24" sorts before "10.0.0.0/25" and "9.0.0.0/8" before "10.0.0.0/8".
bool prefix_less(const kernel::Ipv4Route* a, const kernel::Ipv4Route* b) {
  const auto ka = std::make_pair(a->prefix.address.value, a->prefix.length);
  const auto kb = std::make_pair(b->prefix.address.value, b->prefix.length);
  if (ka != kb) return ka < kb;
  return a->metric < b->metric;
}

std::string pad(std::string text, std::size_t width) {
  if (text.size() < width) text.resize(width, ' ');
  return text;
}

}  // namespace

InterfaceMapParse parse_interface_map(std::string_view text) {
  InterfaceMapParse out;
  const std::string clean = without_comments(text);
  std::set<std::string, std::less<>> linux_names;
  std::size_t i = 0;
  while (i < clean.size()) {
    while (i < clean.size() && is_separator(clean[i])) ++i;
    const std::size_t start = i;
    while (i < clean.size() && !is_separator(clean[i])) ++i;
    if (start == i) break;
    const std::string pair = clean.substr(start, i - start);
    const std::size_t eq = pair.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == pair.size() || pair.find('=', eq + 1) != std::string::npos) {
      out.error = "interface map: '" + pair + "' is not CONFIG=LINUX";
      return out;
    }
    std::string config_name = pair.substr(0, eq), linux_name = pair.substr(eq + 1);
    if (!kernel::valid_linux_name(linux_name)) {
      out.error = "interface map: '" + linux_name + "' is not a Linux interface name (1-15 bytes, no '/' or ':')";
      return out;
    }
    if (out.map.contains(config_name)) {
      out.error = "interface map: " + config_name + " is mapped twice";
      return out;
    }
    if (!linux_names.insert(linux_name).second) {
      out.error = "interface map: " + linux_name + " is the Linux name of two interfaces";
      return out;
    }
    out.map.emplace(std::move(config_name), std::move(linux_name));
  }
  return out;
}

std::string config_interface_name(const InterfaceMap& map, std::string_view linux_name) {
  for (const auto& [config_name, linux] : map)
    if (linux == linux_name) return config_name;
  // from_config's default for loopbacks: LoopbackN is "loopN".
  if (linux_name.starts_with("loop") && linux_name.size() > 4 &&
      std::all_of(linux_name.begin() + 4, linux_name.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return "Loopback" + std::string(linux_name.substr(4));
  return std::string(linux_name);
}

std::vector<DriftEntry> drift_entries(const kernel::Plan& plan, const ActualState& actual) {
  std::vector<DriftEntry> out;
  for (const kernel::Operation& op : plan.operations) {
    // Bringing up a device the plan creates is part of creating it.
    if (const auto* up = std::get_if<kernel::SetUp>(&op); up && !actual.link(up->interface)) continue;
    out.push_back(std::visit(Classify{actual}, op));
  }
  for (const kernel::PlanProblem& p : plan.problems)
    out.push_back({DriftEntry::Kind::Problem, std::string(kernel::to_string(p.kind)), p.detail});
  return out;
}

std::string format_drift(const std::vector<DriftEntry>& entries) {
  if (entries.empty()) return "No drift\n";
  std::size_t missing = 0, extra = 0, different = 0, problems = 0;
  std::string text;
  for (const DriftEntry& e : entries) {
    switch (e.kind) {
      case DriftEntry::Kind::Missing:
        ++missing;
        text += "Missing    " + e.desired + "\n";
        break;
      case DriftEntry::Kind::Extra:
        ++extra;
        text += "Extra      " + e.kernel + "\n";
        break;
      case DriftEntry::Kind::Different:
        ++different;
        text += "Different  " + e.desired + "\n           kernel: " + e.kernel + "\n";
        break;
      case DriftEntry::Kind::Problem:
        ++problems;
        text += "Problem    " + e.desired + ": " + e.kernel + "\n";
        break;
    }
  }
  text += std::to_string(entries.size()) + " difference(s): " + std::to_string(missing) + " missing, " +
          std::to_string(extra) + " extra, " + std::to_string(different) + " different, " +
          std::to_string(problems) + " problem(s)\n";
  return text;
}

std::string protocol_name(std::uint8_t protocol) {
  switch (protocol) {
    case kernel::kRouteProtocol: return "l3vpn";
    case 0: return "unspec";
    case 1: return "redirect";
    case 2: return "kernel";
    case 3: return "boot";
    case 4: return "static";
    default: return std::to_string(protocol);
  }
}

std::uint32_t kernel_vrf_table(const ActualState& actual, std::string_view vrf) {
  for (const auto& link : actual.links)
    if (link.kind == "vrf" && link.name == vrf) return link.vrf_table;
  return 0;
}

std::string format_kernel_routes(const ActualState& actual, std::uint32_t table, const std::string& title) {
  std::vector<const kernel::Ipv4Route*> routes;
  for (const auto& r : actual.routes)
    if (r.table == table) routes.push_back(&r);
  std::sort(routes.begin(), routes.end(), prefix_less);
  std::string text = "Kernel routes, " + title + ": " + std::to_string(routes.size()) + "\n";
  const std::string table_prefix = "table " + std::to_string(table) + " ";
  for (const auto* r : routes) {
    std::string line = kernel::describe(*r);
    if (line.starts_with(table_prefix)) line.erase(0, table_prefix.size());
    text += "  " + with_protocol(line, r->protocol) + "\n";
  }
  return text;
}

std::string format_kernel_mpls(const ActualState& actual) {
  if (!actual.mpls_available) return "MPLS is not available in this kernel (no /proc/sys/net/mpls)\n";
  std::vector<const kernel::MplsRoute*> routes;
  for (const auto& r : actual.mpls_routes) routes.push_back(&r);
  std::sort(routes.begin(), routes.end(), [](auto* a, auto* b) { return a->in_label < b->in_label; });
  std::string text = "Kernel MPLS routes: " + std::to_string(routes.size()) + "\n";
  text += "Local  Outgoing        Next Hop         Interface        Proto\n";
  for (const auto* r : routes) {
    // ECMP: one line per path, the local label on the first only (as IOS).
    bool first = true;
    for (const kernel::MplsNextHop& hop : r->paths()) {
      std::string outgoing;
      for (auto label : hop.out_labels) outgoing += (outgoing.empty() ? "" : "/") + std::to_string(label);
      if (outgoing.empty()) outgoing = hop.via ? "Pop Label" : "Pop, lookup";
      text += pad(first ? std::to_string(r->in_label) : std::string(), 7) + pad(outgoing, 16) +
              pad(hop.via ? hop.via->to_string() : "-", 17) + pad(hop.interface, 17) + protocol_name(r->protocol) + "\n";
      first = false;
    }
  }
  return text;
}

}  // namespace l3vpn::daemon
