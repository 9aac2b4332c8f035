// The in-memory dataplane of the lab simulator: per node, one IPv4 routing
// table per VRF ("" is the global table), an LFIB, and the interfaces; for the
// lab, the links that join interfaces. The protocols fill it (VRF tables from
// vpn::vrf_rib, the global table from OSPF, the LFIB from LDP, VPN labels from
// BGP); the packet walk (packet_walk.hpp) reads it. Nothing here forwards.
//
// Routes (longest-prefix match, one entry per prefix: adding a prefix again
// replaces it):
//   Receive   the address is one of this node's own, in this table
//   Attached  a connected subnet out an interface: the packet goes to the
//             neighbor on that link that owns the destination address
//   Via       next hop + interface, with labels to push (outermost first:
//             [transport label, VPN label] for a VPN route to a remote PE;
//             empty for plain IP; implicit null (3) in the list pushes nothing)
//   ViaVrf    same-PE leak: look the destination up in another VRF's table
//             (IOS: "B P is directly connected, Loopback20" in the importing VRF)
//   Discard   Null0
// LFIB entries (per in label):
//   Swap          out label, to a next hop
//   Pop           penultimate hop popping (the downstream gave implicit null)
//   PopAndLookup  a per-VRF VPN label: pop, then an IP lookup in that VRF
//   PopToNextHop  a per-prefix / per-CE VPN label: pop, send to the CE
// Every entry keeps a short `why` for `l3vpnctl sim --explain`.
//
// ECMP: a Via route or a Swap/Pop LFIB entry may have further equal-cost
// paths (`more_paths`, after the one in `action`): an OSPF route with several
// next hops, an LDP FEC reached through several neighbours (each path with
// that neighbour's label), a VPN route whose BGP next hop is such a FEC (the
// same VPN label under each path's transport label). A packet takes one of
// them, chosen by a hash of its source and destination (path_for), so one
// flow always takes the same path and the walk stays explainable.
//
// Single-threaded value types; no I/O. Bad data (a link naming an unknown
// node, a next hop nobody owns) is not rejected here: the walk reports it as a
// drop reason where the packet meets it.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "config/address.hpp"
#include "config/lab.hpp"

namespace l3vpn::sim {

using config::Ipv4Address;
using config::Ipv4Prefix;

using MplsLabel = std::uint32_t;
inline constexpr MplsLabel kIpv4ExplicitNull = 0;  // RFC 3032 2.1: pop, then IPv4
inline constexpr MplsLabel kImplicitNull = 3;      // never on the wire: "push nothing"
inline constexpr MplsLabel kMaxLabel = (1u << 20) - 1;

// ------------------------------------------------------------ routing tables
struct Receive {
  bool operator==(const Receive&) const = default;
};
struct Attached {
  std::string interface;
  bool operator==(const Attached&) const = default;
};
struct Via {
  Ipv4Address next_hop;
  std::string interface;
  std::vector<MplsLabel> push;  // outermost first
  bool operator==(const Via&) const = default;
};
struct ViaVrf {
  std::string vrf;  // "" is the global table
  bool operator==(const ViaVrf&) const = default;
};
struct Discard {
  bool operator==(const Discard&) const = default;
};
using RouteAction = std::variant<Receive, Attached, Via, ViaVrf, Discard>;

struct FibRoute {
  Ipv4Prefix prefix;  // host bits are cleared when added
  RouteAction action = Receive{};
  std::string why;    // "B 10.10.30.0/24 [200/0] via 2.2.2.2, RT 65103:1111, VPN label 20"
  // Equal-cost paths after `action` (a Via): ECMP. Empty for one path.
  std::vector<Via> more_paths = {};

  std::size_t path_count() const { return 1 + more_paths.size(); }
  // The path a packet of flow `flow` (flow_hash) takes: `action` itself, or
  // one of the equal-cost paths.
  RouteAction path_for(std::uint32_t flow) const;
};

class RoutingTable {
 public:
  // Adds or replaces the route of `route.prefix`.
  void add(FibRoute route);
  bool remove(const Ipv4Prefix& prefix);
  // Longest match for `destination`; nullptr when no route covers it.
  const FibRoute* lookup(Ipv4Address destination) const;
  // The route of exactly `prefix`.
  const FibRoute* find(const Ipv4Prefix& prefix) const;
  std::size_t size() const { return routes_.size(); }
  // Every route, longest prefixes first (the lookup order).
  std::vector<const FibRoute*> routes() const;

 private:
  // Keyed by (length, network) so a lookup probes lengths 32 down to 0.
  std::map<std::pair<std::uint8_t, std::uint32_t>, FibRoute> routes_;
};

// ------------------------------------------------------------------ the LFIB
struct Swap {
  MplsLabel out_label = 0;
  Ipv4Address next_hop;
  std::string interface;
  bool operator==(const Swap&) const = default;
};
struct Pop {
  Ipv4Address next_hop;
  std::string interface;
  bool operator==(const Pop&) const = default;
};
struct PopAndLookup {
  std::string vrf;
  bool operator==(const PopAndLookup&) const = default;
};
struct PopToNextHop {
  std::string vrf;  // the VRF the label was allocated for (for --explain)
  Ipv4Address next_hop;
  std::string interface;
  bool operator==(const PopToNextHop&) const = default;
};
using LabelAction = std::variant<Swap, Pop, PopAndLookup, PopToNextHop>;

struct LfibEntry {
  MplsLabel in_label = 0;
  LabelAction action = PopAndLookup{};
  std::string why;  // "LDP: FEC 2.2.2.2/32, out label 17 from 1.1.1.1"
  // Equal-cost paths after `action` (Swap or Pop, each with its own
  // neighbour's label): ECMP. Empty for one path.
  std::vector<LabelAction> more_paths = {};

  std::size_t path_count() const { return 1 + more_paths.size(); }
  const LabelAction& path_for(std::uint32_t flow) const;
};

// The flow hash ECMP chooses a path with: deterministic (no seed), mixes
// both addresses so the echo and its reply may take different paths, as
// they may on real routers.
std::uint32_t flow_hash(Ipv4Address source, Ipv4Address destination);

class Lfib {
 public:
  void add(LfibEntry entry);  // adds or replaces the entry of entry.in_label
  bool remove(MplsLabel in_label);
  const LfibEntry* lookup(MplsLabel in_label) const;
  std::size_t size() const { return entries_.size(); }
  const std::map<MplsLabel, LfibEntry>& entries() const { return entries_; }

 private:
  std::map<MplsLabel, LfibEntry> entries_;
};

// ------------------------------------------------------------------- a node
struct FibInterface {
  std::string name;
  std::vector<Ipv4Prefix> addresses;  // address with its length, primary first
  std::string vrf;                    // "" is the global table
};

class NodeFib {
 public:
  explicit NodeFib(std::string name) : name_(std::move(name)) {}

  const std::string& name() const { return name_; }

  // Records the interface and installs its connected routes in its VRF's
  // table: Receive for each address (/32) and Attached for each subnet
  // shorter than /32 (a loopback's /32 has no neighbors). Replaces an
  // interface of the same name (its old routes stay: remove them if needed).
  void add_interface(FibInterface interface);
  const FibInterface* interface(std::string_view name) const;
  const std::map<std::string, FibInterface, std::less<>>& interfaces() const { return interfaces_; }

  // The table of `vrf`, created empty when missing.
  RoutingTable& table(const std::string& vrf) { return tables_[vrf]; }
  // nullptr when this node has no such table.
  const RoutingTable* find_table(std::string_view vrf) const;
  const std::map<std::string, RoutingTable, std::less<>>& tables() const { return tables_; }

  Lfib& lfib() { return lfib_; }
  const Lfib& lfib() const { return lfib_; }

 private:
  std::string name_;
  std::map<std::string, FibInterface, std::less<>> interfaces_;
  std::map<std::string, RoutingTable, std::less<>> tables_;
  Lfib lfib_;
};

// ------------------------------------------------------------------ the lab
struct LinkEnd {
  std::string node;
  std::string interface;
  auto operator<=>(const LinkEnd&) const = default;
};

class Dataplane {
 public:
  // The node named `name`, created empty when missing.
  NodeFib& add_node(const std::string& name);
  NodeFib* node(std::string_view name);
  const NodeFib* node(std::string_view name) const;
  const std::map<std::string, NodeFib, std::less<>>& nodes() const { return nodes_; }

  // Joins interfaces on one segment: two for a point-to-point link, more for a
  // LAN. An end already on a segment brings that segment's members along.
  void connect(const std::vector<LinkEnd>& ends);
  // The interface on the same segment as `from` (not `from` itself) that holds
  // `address`, when there is one (ARP resolution, in effect).
  std::optional<LinkEnd> neighbor_owning(const LinkEnd& from, Ipv4Address address) const;
  // Every other end on `from`'s segment.
  std::vector<LinkEnd> segment_of(const LinkEnd& from) const;

 private:
  std::map<std::string, NodeFib, std::less<>> nodes_;
  std::vector<std::vector<LinkEnd>> segments_;
  std::map<LinkEnd, std::size_t> segment_index_;
};

// A dataplane with the lab's nodes, their interfaces that are not shut down
// (with their connected routes) and the links of lab.yaml. Every other route
// and label is for the protocols to add.
Dataplane dataplane_from_lab(const config::Lab& lab);

// "global" or "vrf NAME", for messages.
std::string table_name(std::string_view vrf);
// "push [17, 20] to 192.168.13.1 out Gi0/0", "lookup in vrf Technique", ...
std::string describe(const RouteAction& action);
std::string describe(const LabelAction& action);
// Every path of an entry: describe(action) alone for one path, else
// "2 equal-cost paths: push [17, 20], to ... out Gi0/0 | push [18, 20], to ...".
std::string describe_paths(const FibRoute& route);
std::string describe_paths(const LfibEntry& entry);

}  // namespace l3vpn::sim
