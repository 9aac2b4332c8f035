#include "ctl/lab_plan.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <map>
#include <set>

#include "kernel/from_config.hpp"

namespace l3vpn::ctl {

namespace {

// IOS interface types and the two letters `show ip interface brief` users know.
struct TypeAbbreviation {
  std::string_view type;
  std::string_view letters;
};
constexpr TypeAbbreviation kTypes[] = {
    {"hundredgige", "hu"}, {"fortygigabitethernet", "fo"}, {"twentyfivegige", "tw"},
    {"tengigabitethernet", "te"}, {"gigabitethernet", "gi"}, {"fastethernet", "fa"},
    {"ethernet", "et"},           {"serial", "se"},          {"port-channel", "po"},
    {"vlan", "vl"},               {"tunnel", "tu"},
};

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Cut to fit and make unique with a hash of what it stands for.
std::string shorten(std::string_view name, std::string_view stands_for, std::size_t limit) {
  const std::string hash = short_hash(stands_for).substr(0, 4);
  const std::size_t keep = limit > hash.size() + 1 ? limit - hash.size() - 1 : 0;
  return std::string(name.substr(0, std::min(keep, name.size()))) + "-" + hash;
}

bool runs_ospf(const config::Config& config, const config::Interface& interface) {
  if (interface.is_loopback() || interface.shutdown) return false;
  for (const config::OspfProcess& process : config.ospf) {
    if (process.vrf != interface.vrf) continue;
    const bool listed_passive = std::find(process.passive_interfaces.begin(), process.passive_interfaces.end(),
                                          interface.name) != process.passive_interfaces.end();
    const bool listed_active = std::find(process.no_passive_interfaces.begin(), process.no_passive_interfaces.end(),
                                         interface.name) != process.no_passive_interfaces.end();
    const bool passive = listed_passive || (process.passive_default && !listed_active);
    bool enabled = interface.ospf.process && *interface.ospf.process == process.id;
    if (!enabled && !interface.addresses.empty()) {
      const config::Ipv4Address primary = interface.addresses.front().prefix.address;
      for (const config::OspfNetworkStatement& n : process.networks) {
        const auto length = config::wildcard_to_length(n.wildcard);
        if (length && config::Ipv4Prefix{n.address, *length}.network().contains(primary)) enabled = true;
      }
    }
    if (enabled) return !passive;
  }
  return false;
}

bool runs_ldp(const config::Interface& interface) { return interface.mpls_ip && !interface.shutdown; }

std::string daemon_for(config::Role kind) {
  switch (kind) {
    case config::Role::ProviderEdge: return "l3vpn-pe";
    case config::Role::Provider: return "l3vpn-p";
    case config::Role::RouteReflector: return "l3vpn-rr";
    case config::Role::CustomerEdge: return "l3vpn-p";  // a CE that only runs OSPF is an IGP router
    case config::Role::Host: return "";
  }
  return "";
}

// Linux names for every interface of one node, unique within the node.
std::vector<std::string> node_interface_names(const config::Config& config) {
  std::vector<std::string> names;
  std::set<std::string> taken;
  for (const config::Interface& interface : config.interfaces) {
    std::string name = linux_interface_name(interface.name);
    if (taken.count(name) != 0) name = shorten(name, interface.name, kMaxLinuxName);
    taken.insert(name);
    names.push_back(name);
  }
  return names;
}

}  // namespace

std::string short_hash(std::string_view text) {
  std::uint32_t h = 2166136261u;
  for (char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 16777619u;
  }
  static const char* const kHex = "0123456789abcdef";
  std::string out(8, '0');
  for (std::size_t i = 0; i < 8; ++i) out[7 - i] = kHex[(h >> (4 * i)) & 0xF];
  return out;
}

std::string linux_interface_name(std::string_view config_name) {
  const std::string low = lower(config_name);
  if (low.rfind("loopback", 0) == 0 && low.size() > 8 &&
      std::all_of(low.begin() + 8, low.end(), is_digit))
    return "loop" + low.substr(8);
  if (kernel::valid_linux_name(config_name)) return std::string(config_name);
  std::size_t digits = 0;
  while (digits < low.size() && !is_digit(low[digits])) ++digits;
  const std::string type = low.substr(0, digits);
  std::string out;
  for (const TypeAbbreviation& t : kTypes)
    if (type == t.type) out = std::string(t.letters);
  if (out.empty()) {  // an unknown type keeps its first two letters
    for (char c : type)
      if (std::isalnum(static_cast<unsigned char>(c)) && out.size() < 2) out += c;
  }
  for (std::size_t i = digits; i < low.size(); ++i) {
    const char c = low[i];
    out += (c == '/' || c == ':' || std::isspace(static_cast<unsigned char>(c))) ? '-' : c;
  }
  if (out.empty()) out = "if";
  if (out.size() > kMaxLinuxName || !kernel::valid_linux_name(out)) out = shorten(out, config_name, kMaxLinuxName);
  return out;
}

std::string namespace_name(std::string_view lab, std::string_view node) {
  std::string name = "l3v-" + std::string(lab) + "-" + std::string(node);
  if (name.size() <= kMaxNamespaceName) return name;
  // "l3v-" + 8 hex + "-" leaves the rest for as much of the node name as fits.
  const std::string head = "l3v-" + short_hash(std::string(lab) + "/" + std::string(node)) + "-";
  return head + std::string(node.substr(0, kMaxNamespaceName - head.size()));
}

std::string default_run_dir(std::string_view lab, const char* run_dir_env, const char* xdg_runtime_dir) {
  if (run_dir_env != nullptr && *run_dir_env != '\0') return std::string(run_dir_env) + "/" + std::string(lab);
  if (xdg_runtime_dir != nullptr && *xdg_runtime_dir != '\0')
    return std::string(xdg_runtime_dir) + "/l3vpn-lab/" + std::string(lab);
  return "/run/l3vpn-lab/" + std::string(lab);
}

const PlannedInterface* PlannedNode::find_interface(std::string_view config_name) const {
  for (const PlannedInterface& i : interfaces)
    if (i.config_name == config_name) return &i;
  return nullptr;
}

std::string PlannedNode::interface_map() const {
  std::string out;
  for (const PlannedInterface& i : interfaces) {
    if (!out.empty()) out += ',';
    out += i.config_name + "=" + i.linux_name;
  }
  return out;
}

const PlannedNode* LabPlan::find_node(std::string_view name) const {
  for (const PlannedNode& n : nodes)
    if (n.name == name) return &n;
  return nullptr;
}

LabPlanResult plan_lab(const config::Lab& lab, const std::string& run_dir) {
  LabPlanResult result;
  LabPlan& plan = result.plan;
  plan.lab = lab.name;
  plan.directory = lab.directory;
  plan.run_dir = run_dir;
  if (lab.name.empty()) result.errors.push_back("lab.yaml has no name: namespaces are named after it");

  std::set<std::string> namespaces;
  for (const config::LabNode& node : lab.nodes) {
    PlannedNode p;
    p.name = node.name;
    p.kind = node.kind;
    p.config_path = node.config_path;
    p.netns = namespace_name(lab.name, node.name);
    if (!namespaces.insert(p.netns).second)
      result.errors.push_back("node " + node.name + ": namespace name " + p.netns + " is taken by another node");
    if (node.kind != config::Role::Host) {
      p.program = NodeProgram::Daemon;
      p.daemon = daemon_for(node.kind);
      p.socket_path = run_dir + "/" + node.name + ".sock";
      p.log_path = run_dir + "/" + node.name + ".log";
      if (p.socket_path.size() >= 108)
        result.errors.push_back("node " + node.name + ": control socket path longer than 107 bytes: " + p.socket_path +
                                " (set L3VPN_LAB_RUN_DIR to a shorter folder)");
    }
    if (node.kind == config::Role::CustomerEdge && node.config.bgp)
      result.errors.push_back("node " + node.name +
                              ": a CE running BGP needs FRR's bgpd (our daemons run BGP only as pe or rr); "
                              "`lab up` cannot start it (the simulator and tests/interop/bgp_pe_ce.sh can)");
    const std::vector<std::string> names = node_interface_names(node.config);
    for (std::size_t i = 0; i < node.config.interfaces.size(); ++i) {
      const config::Interface& interface = node.config.interfaces[i];
      PlannedInterface planned;
      planned.config_name = interface.name;
      planned.linux_name = names[i];
      planned.vrf = interface.vrf;
      planned.loopback = interface.is_loopback();
      planned.shutdown = interface.shutdown;
      for (const config::InterfaceAddress& a : interface.addresses) planned.addresses.push_back(a.prefix);
      p.interfaces.push_back(std::move(planned));
    }
    std::set<std::string> linux_names;
    for (const PlannedInterface& i : p.interfaces)
      if (!linux_names.insert(i.linux_name).second)
        result.errors.push_back("node " + node.name + ": two interfaces map to the Linux name " + i.linux_name);
    for (const config::StaticRoute& route : node.config.static_routes) {
      if (!route.vrf.empty()) continue;  // hosts have no VRF; routers route with their daemon
      PlannedRoute r;
      r.prefix = route.prefix.network();
      if (route.next_hop) r.via = route.next_hop->to_string();
      if (lower(route.interface) == "null0") {
        r.blackhole = true;
      } else if (!route.interface.empty()) {
        const PlannedInterface* out = p.find_interface(route.interface);
        r.device = out != nullptr ? out->linux_name : linux_interface_name(route.interface);
      }
      p.routes.push_back(std::move(r));
    }
    p.converge.bgp = node.config.bgp.has_value() && !node.config.bgp->neighbors.empty();
    plan.nodes.push_back(std::move(p));
  }

  // Links: a veth pair each, and what the two ends must agree on to converge.
  std::map<std::string, std::set<std::string>> ldp_peers;  // node -> peers over mpls links
  for (const config::LabLink& link : lab.links) {
    const config::LabNode* a = lab.find_node(link.a.node);
    const config::LabNode* b = lab.find_node(link.b.node);
    PlannedNode* pa = nullptr;
    PlannedNode* pb = nullptr;
    for (PlannedNode& n : plan.nodes) {
      if (n.name == link.a.node) pa = &n;
      if (n.name == link.b.node) pb = &n;
    }
    const config::Interface* ia = a != nullptr ? a->config.find_interface(link.a.interface) : nullptr;
    const config::Interface* ib = b != nullptr ? b->config.find_interface(link.b.interface) : nullptr;
    if (pa == nullptr || pb == nullptr || ia == nullptr || ib == nullptr) {
      result.errors.push_back("link " + link.a.node + ":" + link.a.interface + " - " + link.b.node + ":" +
                              link.b.interface + ": an end names no node or no interface of its config");
      continue;
    }
    PlannedInterface* la = nullptr;
    PlannedInterface* lb = nullptr;
    for (PlannedInterface& i : pa->interfaces)
      if (i.config_name == link.a.interface) la = &i;
    for (PlannedInterface& i : pb->interfaces)
      if (i.config_name == link.b.interface) lb = &i;
    if (la->linked || lb->linked) {
      result.errors.push_back("link " + link.a.node + ":" + link.a.interface + " - " + link.b.node + ":" +
                              link.b.interface + ": an interface is already on another link");
      continue;
    }
    la->linked = lb->linked = true;
    plan.veths.push_back({pa->name, pa->netns, la->linux_name, pb->name, pb->netns, lb->linux_name});
    if (pa->program == NodeProgram::Daemon && pb->program == NodeProgram::Daemon) {
      if (runs_ospf(a->config, *ia) && runs_ospf(b->config, *ib)) {
        pa->converge.ospf_interfaces.push_back(ia->name);
        pb->converge.ospf_interfaces.push_back(ib->name);
      }
      if (runs_ldp(*ia) && runs_ldp(*ib)) {
        ldp_peers[pa->name].insert(pb->name);
        ldp_peers[pb->name].insert(pa->name);
      }
    }
  }
  for (PlannedNode& n : plan.nodes) n.converge.ldp_peers = ldp_peers[n.name].size();
  return result;
}

}  // namespace l3vpn::ctl
