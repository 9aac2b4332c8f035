// The simulator's tables: longest-prefix match, the LFIB, interfaces and
// segments (see fib.hpp).
#include "sim/fib.hpp"

#include <algorithm>

namespace l3vpn::sim {

namespace {

std::uint32_t masked(Ipv4Address address, std::uint8_t length) {
  return length == 0 ? 0u : address.value & config::length_to_mask(length).value;
}

std::string join_labels(const std::vector<MplsLabel>& labels) {
  std::string out = "[";
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (i != 0) out += ", ";
    out += labels[i] == kImplicitNull ? std::string("imp-null") : std::to_string(labels[i]);
  }
  return out + "]";
}

}  // namespace

// ------------------------------------------------------------ routing tables

void RoutingTable::add(FibRoute route) {
  std::uint8_t length = std::min<std::uint8_t>(route.prefix.length, 32);
  route.prefix = Ipv4Prefix{Ipv4Address{masked(route.prefix.address, length)}, length};
  auto key = std::make_pair(length, route.prefix.address.value);
  routes_.insert_or_assign(key, std::move(route));
}

bool RoutingTable::remove(const Ipv4Prefix& prefix) {
  std::uint8_t length = std::min<std::uint8_t>(prefix.length, 32);
  return routes_.erase({length, masked(prefix.address, length)}) != 0;
}

const FibRoute* RoutingTable::lookup(Ipv4Address destination) const {
  for (int length = 32; length >= 0; --length) {
    auto l = static_cast<std::uint8_t>(length);
    auto it = routes_.find({l, masked(destination, l)});
    if (it != routes_.end()) return &it->second;
  }
  return nullptr;
}

const FibRoute* RoutingTable::find(const Ipv4Prefix& prefix) const {
  std::uint8_t length = std::min<std::uint8_t>(prefix.length, 32);
  auto it = routes_.find({length, masked(prefix.address, length)});
  return it == routes_.end() ? nullptr : &it->second;
}

std::vector<const FibRoute*> RoutingTable::routes() const {
  std::vector<const FibRoute*> out;
  out.reserve(routes_.size());
  for (auto it = routes_.rbegin(); it != routes_.rend(); ++it) out.push_back(&it->second);
  return out;
}

RouteAction FibRoute::path_for(std::uint32_t flow) const {
  const std::size_t index = flow % path_count();
  if (index == 0) return action;
  return more_paths[index - 1];
}

// ------------------------------------------------------------------ the LFIB

const LabelAction& LfibEntry::path_for(std::uint32_t flow) const {
  const std::size_t index = flow % path_count();
  return index == 0 ? action : more_paths[index - 1];
}

std::uint32_t flow_hash(Ipv4Address source, Ipv4Address destination) {
  // A 64-bit multiply-xorshift of both addresses: any fixed mix would do;
  // this one spreads neighbouring addresses over the paths.
  std::uint64_t x = (std::uint64_t{source.value} << 32) | destination.value;
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  return static_cast<std::uint32_t>(x >> 16);
}

void Lfib::add(LfibEntry entry) {
  MplsLabel label = entry.in_label;
  entries_.insert_or_assign(label, std::move(entry));
}

bool Lfib::remove(MplsLabel in_label) { return entries_.erase(in_label) != 0; }

const LfibEntry* Lfib::lookup(MplsLabel in_label) const {
  auto it = entries_.find(in_label);
  return it == entries_.end() ? nullptr : &it->second;
}

// ------------------------------------------------------------------- a node

void NodeFib::add_interface(FibInterface interface) {
  RoutingTable& t = table(interface.vrf);
  for (const Ipv4Prefix& address : interface.addresses) {
    t.add(FibRoute{Ipv4Prefix{address.address, 32}, Receive{},
                   "L " + address.address.to_string() + "/32 is directly connected, " + interface.name});
    if (address.length < 32) {
      Ipv4Prefix subnet = address.network();
      t.add(FibRoute{subnet, Attached{interface.name},
                     "C " + subnet.to_string() + " is directly connected, " + interface.name});
    }
  }
  std::string name = interface.name;
  interfaces_.insert_or_assign(std::move(name), std::move(interface));
}

const FibInterface* NodeFib::interface(std::string_view name) const {
  auto it = interfaces_.find(name);
  return it == interfaces_.end() ? nullptr : &it->second;
}

const RoutingTable* NodeFib::find_table(std::string_view vrf) const {
  auto it = tables_.find(vrf);
  return it == tables_.end() ? nullptr : &it->second;
}

// ------------------------------------------------------------------ the lab

NodeFib& Dataplane::add_node(const std::string& name) {
  auto it = nodes_.find(name);
  if (it == nodes_.end()) it = nodes_.emplace(name, NodeFib(name)).first;
  return it->second;
}

NodeFib* Dataplane::node(std::string_view name) {
  auto it = nodes_.find(name);
  return it == nodes_.end() ? nullptr : &it->second;
}

const NodeFib* Dataplane::node(std::string_view name) const {
  auto it = nodes_.find(name);
  return it == nodes_.end() ? nullptr : &it->second;
}

void Dataplane::connect(const std::vector<LinkEnd>& ends) {
  // Merge every segment an end already belongs to into the first one found,
  // so connect({a, b}) then connect({b, c}) makes one LAN of a, b and c.
  std::optional<std::size_t> target;
  for (const LinkEnd& end : ends) {
    auto it = segment_index_.find(end);
    if (it == segment_index_.end()) continue;
    if (!target) {
      target = it->second;
      continue;
    }
    if (it->second == *target) continue;
    std::vector<LinkEnd> moved = std::move(segments_[it->second]);
    segments_[it->second].clear();
    for (const LinkEnd& m : moved) {
      segment_index_[m] = *target;
      segments_[*target].push_back(m);
    }
  }
  if (!target) {
    target = segments_.size();
    segments_.emplace_back();
  }
  for (const LinkEnd& end : ends) {
    if (segment_index_.count(end) != 0) continue;
    segment_index_[end] = *target;
    segments_[*target].push_back(end);
  }
}

std::vector<LinkEnd> Dataplane::segment_of(const LinkEnd& from) const {
  std::vector<LinkEnd> out;
  auto it = segment_index_.find(from);
  if (it == segment_index_.end()) return out;
  for (const LinkEnd& end : segments_[it->second])
    if (end != from) out.push_back(end);
  return out;
}

std::optional<LinkEnd> Dataplane::neighbor_owning(const LinkEnd& from, Ipv4Address address) const {
  for (const LinkEnd& end : segment_of(from)) {
    const NodeFib* n = node(end.node);
    const FibInterface* i = n ? n->interface(end.interface) : nullptr;
    if (i == nullptr) continue;
    for (const Ipv4Prefix& a : i->addresses)
      if (a.address == address) return end;
  }
  return std::nullopt;
}

Dataplane dataplane_from_lab(const config::Lab& lab) {
  Dataplane d;
  for (const config::LabNode& labnode : lab.nodes) {
    NodeFib& n = d.add_node(labnode.name);
    n.table("");  // every node has a global table, even without addresses in it
    for (const config::Interface& i : labnode.config.interfaces) {
      if (i.shutdown) continue;
      FibInterface fi{i.name, {}, i.vrf};
      for (const config::InterfaceAddress& a : i.addresses) fi.addresses.push_back(a.prefix);
      n.add_interface(std::move(fi));
    }
  }
  for (const config::LabLink& link : lab.links)
    d.connect({LinkEnd{link.a.node, link.a.interface}, LinkEnd{link.b.node, link.b.interface}});
  return d;
}

// ------------------------------------------------------------------ text

std::string table_name(std::string_view vrf) {
  return vrf.empty() ? std::string("global") : "vrf " + std::string(vrf);
}

std::string describe(const RouteAction& action) {
  struct Describe {
    std::string operator()(const Receive&) const { return "receive"; }
    std::string operator()(const Attached& a) const { return "attached, out " + a.interface; }
    std::string operator()(const Via& v) const {
      std::string out;
      if (!v.push.empty()) out = "push " + join_labels(v.push) + ", ";
      return out + "to " + v.next_hop.to_string() + " out " + v.interface;
    }
    std::string operator()(const ViaVrf& v) const { return "lookup in " + table_name(v.vrf); }
    std::string operator()(const Discard&) const { return "discard (Null0)"; }
  };
  return std::visit(Describe{}, action);
}

std::string describe(const LabelAction& action) {
  struct Describe {
    std::string operator()(const Swap& s) const {
      return "swap to " + std::to_string(s.out_label) + ", to " + s.next_hop.to_string() + " out " + s.interface;
    }
    std::string operator()(const Pop& p) const {
      return "pop (implicit null), to " + p.next_hop.to_string() + " out " + p.interface;
    }
    std::string operator()(const PopAndLookup& p) const { return "pop, lookup in " + table_name(p.vrf); }
    std::string operator()(const PopToNextHop& p) const {
      return "pop (" + table_name(p.vrf) + "), to " + p.next_hop.to_string() + " out " + p.interface;
    }
  };
  return std::visit(Describe{}, action);
}

namespace {

template <typename Entry>
std::string describe_all(const Entry& entry) {
  if (entry.more_paths.empty()) return describe(entry.action);
  std::string out = std::to_string(entry.path_count()) + " equal-cost paths: " + describe(entry.action);
  for (const auto& path : entry.more_paths) out += " | " + describe(path);
  return out;
}

}  // namespace

std::string describe_paths(const FibRoute& route) { return describe_all(route); }
std::string describe_paths(const LfibEntry& entry) { return describe_all(entry); }

}  // namespace l3vpn::sim
