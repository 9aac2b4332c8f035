// The packet walk behind `l3vpnctl sim --matrix/--explain`: an ICMP echo is
// injected at one endpoint (node, VRF, source address), moved hop by hop
// through the Dataplane's tables, and must reach the other endpoint; then the
// echo reply makes the way back. Both must arrive for the pair to be
// reachable.
//
// At each node:
//   a labelled packet   LFIB lookup on the top label (label 0, IPv4 explicit
//                       null, pops without an entry, RFC 3032 2.1);
//   an IP packet        lookup in the table of the VRF of the interface it
//                       arrived on (at the source: the endpoint's VRF).
// Via pushes its labels; forwarding to a next hop finds the neighbor on the
// outgoing interface's segment that owns the next hop address (Attached:
// the destination address itself). Where a route or label has equal-cost
// paths, the packet takes the one flow_hash(source, destination) picks
// (fib.hpp). The packet is delivered when it meets a
// Receive route on the destination endpoint's node, in the endpoint's table;
// a Receive anywhere else is a failure (the wrong box answered).
//
// Limits: TTL 64, decremented each time a node forwards (IP or MPLS, uniform
// model), stops forwarding loops; at most 8 chained ViaVrf lookups in one
// node. Every way the packet can die is a DropReason with a message that
// names the node and the table or label ("R3 vrf Serveurs: no route to
// 10.10.20.1"). Pure: no I/O, no clock; single-threaded over a const Dataplane.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/fib.hpp"

namespace l3vpn::sim {

// Where a ping starts or must arrive: a reachability endpoint of the lab.
struct Endpoint {
  std::string node;
  std::string vrf;  // "" is the global table (a host, or a global address)
  Ipv4Address address;
};

enum class DropReason {
  UnknownNode,          // the source node, or a link's far end, is not in the dataplane
  UnknownTable,         // no table for that VRF on that node
  NoRoute,              // no route covers the destination
  Discarded,            // a Null0 route
  NoLfibEntry,          // a label the node has no entry for
  InvalidLabel,         // a label above 2^20-1 to push or swap to, or implicit null swapped in
  LabelsBelowVpnLabel,  // a pop-and-lookup label that was not the bottom of the stack
  UnknownInterface,     // an outgoing interface the node does not have
  NoNeighbor,           // nobody on the outgoing link owns the next hop (ARP fails)
  LeakLoop,             // ViaVrf lookups chained too deep in one node
  TtlExpired,           // forwarding loop (or a path longer than 63 hops)
  ReceivedElsewhere,    // a Receive route on another node or in another table
};
const char* to_string(DropReason reason);

struct Drop {
  DropReason reason = DropReason::NoRoute;
  std::string node;     // where the packet died
  std::string message;  // "R3 vrf Serveurs: no route to 10.10.20.1"
};

// One lookup of the walk, as --explain shows it.
struct WalkStep {
  std::string node;
  std::string arrived_on;  // the interface the packet came in on; empty at the source
  std::string lookup;      // "vrf Technique", "global", "label 17"
  std::string matched;     // the route's prefix or the label; empty when nothing matched
  std::string why;         // the matched entry's why
  std::string action;      // what the node did: "push [17, 20], to 192.168.13.1 out Gi0/0 (R1)"
  std::vector<MplsLabel> labels;  // the stack after the action, top first
  int ttl = 0;                    // the TTL when the lookup was made
};

struct Walk {
  Ipv4Address source;
  Ipv4Address destination;
  std::vector<WalkStep> steps;
  std::optional<Drop> drop;  // nothing: delivered
  bool delivered() const { return !drop.has_value(); }
};

inline constexpr int kInitialTtl = 64;
inline constexpr int kMaxChainedVrfLookups = 8;

// One packet from `from` (its address as the source) to `to.address`, which
// must be received on `to.node` in `to.vrf`.
Walk walk_packet(const Dataplane& dataplane, const Endpoint& from, const Endpoint& to);

// An ICMP echo and its reply.
struct PingResult {
  Walk echo;
  std::optional<Walk> reply;  // only when the echo arrived
  bool ok() const { return echo.delivered() && reply && reply->delivered(); }
  // The drop that failed the ping, when it failed.
  const Drop* failure() const;
};

PingResult ping(const Dataplane& dataplane, const Endpoint& from, const Endpoint& to);

}  // namespace l3vpn::sim
