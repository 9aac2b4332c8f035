// The packet walk: one packet through the Dataplane, lookup by lookup (see
// packet_walk.hpp for the rules and the limits).
#include "sim/packet_walk.hpp"

#include <utility>

namespace l3vpn::sim {

const char* to_string(DropReason reason) {
  switch (reason) {
    case DropReason::UnknownNode: return "unknown-node";
    case DropReason::UnknownTable: return "unknown-table";
    case DropReason::NoRoute: return "no-route";
    case DropReason::Discarded: return "discarded";
    case DropReason::NoLfibEntry: return "no-lfib-entry";
    case DropReason::InvalidLabel: return "invalid-label";
    case DropReason::LabelsBelowVpnLabel: return "labels-below-vpn-label";
    case DropReason::UnknownInterface: return "unknown-interface";
    case DropReason::NoNeighbor: return "no-neighbor";
    case DropReason::LeakLoop: return "leak-loop";
    case DropReason::TtlExpired: return "ttl-expired";
    case DropReason::ReceivedElsewhere: return "received-elsewhere";
  }
  return "unknown";
}

const Drop* PingResult::failure() const {
  if (echo.drop) return &*echo.drop;
  if (reply && reply->drop) return &*reply->drop;
  return nullptr;
}

namespace {

// " (one of 2 equal-cost paths)" after the action a flow took, when it had a choice.
std::string path_note(std::size_t paths) {
  return paths > 1 ? " (one of " + std::to_string(paths) + " equal-cost paths)" : std::string();
}

// The state of one packet in flight, and the lookups that move it.
class Walker {
 public:
  Walker(const Dataplane& dataplane, const Endpoint& from, const Endpoint& to)
      : dataplane_(dataplane), to_(to) {
    walk_.source = from.address;
    walk_.destination = to.address;
    node_ = dataplane.node(from.node);
    table_ = from.vrf;
    if (node_ == nullptr) drop(DropReason::UnknownNode, from.node, from.node + ": no such node in the dataplane");
  }

  Walk run() && {
    // Every turn either ends the walk or forwards the packet (which spends
    // TTL), so the loop ends; the per-node work between forwards is bounded
    // by the label stack's depth and kMaxChainedVrfLookups.
    while (!done_) {
      if (labels_.empty())
        ip_lookup();
      else
        label_lookup();
    }
    return std::move(walk_);
  }

 private:
  WalkStep start_step(std::string lookup) const {
    WalkStep s;
    s.node = node_->name();
    s.arrived_on = arrived_on_;
    s.lookup = std::move(lookup);
    s.ttl = ttl_;
    return s;
  }

  void record(WalkStep step) {
    step.labels = labels_;
    walk_.steps.push_back(std::move(step));
  }

  void drop(DropReason reason, std::string node, std::string message) {
    walk_.drop = Drop{reason, std::move(node), std::move(message)};
    done_ = true;
  }

  std::string where() const { return node_->name() + " " + table_name(table_); }

  // An IP packet at node_: lookups in table_, following same-PE leaks.
  void ip_lookup() {
    const Ipv4Address destination = walk_.destination;
    for (int chained = 0;; ++chained) {
      if (chained > kMaxChainedVrfLookups) {
        drop(DropReason::LeakLoop, node_->name(),
             where() + ": more than " + std::to_string(kMaxChainedVrfLookups) + " chained VRF lookups for " +
                 destination.to_string() + " (leak loop)");
        return;
      }
      const RoutingTable* table = node_->find_table(table_);
      WalkStep step = start_step(table_name(table_));
      if (table == nullptr) {
        step.action = "no such table";
        record(std::move(step));
        drop(DropReason::UnknownTable, node_->name(), node_->name() + ": no table " + table_name(table_));
        return;
      }
      const FibRoute* route = table->lookup(destination);
      if (route == nullptr) {
        step.action = "no route";
        record(std::move(step));
        drop(DropReason::NoRoute, node_->name(), where() + ": no route to " + destination.to_string());
        return;
      }
      step.matched = route->prefix.to_string();
      step.why = route->why;
      if (const auto* leak = std::get_if<ViaVrf>(&route->action)) {
        step.action = describe(route->action);
        record(std::move(step));
        table_ = leak->vrf;
        continue;
      }
      on_route(*route, std::move(step));
      return;
    }
  }

  void on_route(const FibRoute& route, WalkStep step) {
    const Ipv4Address destination = walk_.destination;
    if (std::holds_alternative<Receive>(route.action)) {
      if (node_->name() == to_.node && table_ == to_.vrf) {
        step.action = "receive: delivered";
        record(std::move(step));
        done_ = true;
        return;
      }
      step.action = "receive: not the endpoint";
      record(std::move(step));
      drop(DropReason::ReceivedElsewhere, node_->name(),
           where() + ": " + destination.to_string() + " is received here, but the endpoint is " + to_.node + " " +
               table_name(to_.vrf));
      return;
    }
    if (std::holds_alternative<Discard>(route.action)) {
      step.action = describe(route.action);
      record(std::move(step));
      drop(DropReason::Discarded, node_->name(),
           where() + ": " + route.prefix.to_string() + " is Null0, " + destination.to_string() + " discarded");
      return;
    }
    if (const auto* attached = std::get_if<Attached>(&route.action)) {
      step.action = describe(route.action);
      forward(attached->interface, destination, std::move(step));
      return;
    }
    // ECMP: this flow's path among the equal-cost ones.
    const RouteAction path = route.path_for(flow_hash(walk_.source, walk_.destination));
    const auto& via = std::get<Via>(path);
    for (MplsLabel label : via.push) {
      if (label > kMaxLabel) {
        step.action = describe(path);
        record(std::move(step));
        drop(DropReason::InvalidLabel, node_->name(),
             where() + ": route " + route.prefix.to_string() + " pushes " + std::to_string(label) +
                 ", not an MPLS label (above 1048575)");
        return;
      }
      // Implicit null is the downstream's "push nothing" (RFC 3032 2.1).
      if (label != kImplicitNull) labels_.push_back(label);
    }
    step.action = describe(path) + path_note(route.path_count());
    forward(via.interface, via.next_hop, std::move(step));
  }

  // A labelled packet at node_: the top label in the LFIB.
  void label_lookup() {
    const MplsLabel top = labels_.front();
    WalkStep step = start_step("label " + std::to_string(top));
    const LfibEntry* entry = node_->lfib().lookup(top);
    if (entry == nullptr && top == kIpv4ExplicitNull) {
      // RFC 3032 2.1: pop; what is below is another label or an IPv4 packet
      // for the global table.
      labels_.erase(labels_.begin());
      step.matched = "0";
      step.why = "IPv4 explicit null (RFC 3032)";
      step.action = labels_.empty() ? "pop, lookup in global" : "pop";
      record(std::move(step));
      table_.clear();
      return;
    }
    if (entry == nullptr) {
      step.action = "no LFIB entry";
      record(std::move(step));
      drop(DropReason::NoLfibEntry, node_->name(),
           node_->name() + ": no LFIB entry for label " + std::to_string(top));
      return;
    }
    step.matched = std::to_string(top);
    step.why = entry->why;
    // ECMP: this flow's path among the equal-cost ones.
    const LabelAction& action = entry->path_for(flow_hash(walk_.source, walk_.destination));
    step.action = describe(action) + path_note(entry->path_count());
    if (const auto* swap = std::get_if<Swap>(&action)) {
      if (swap->out_label > kMaxLabel || swap->out_label == kImplicitNull) {
        record(std::move(step));
        drop(DropReason::InvalidLabel, node_->name(),
             node_->name() + ": label " + std::to_string(top) + " swaps to " + std::to_string(swap->out_label) +
                 ", not a label to send (implicit null is a pop; labels end at 1048575)");
        return;
      }
      labels_.front() = swap->out_label;
      forward(swap->interface, swap->next_hop, std::move(step));
      return;
    }
    labels_.erase(labels_.begin());
    if (const auto* pop = std::get_if<Pop>(&action)) {
      forward(pop->interface, pop->next_hop, std::move(step));
      return;
    }
    if (!labels_.empty()) {
      // A VPN label is the bottom of the stack; anything under it means the
      // tables disagree about what this label is.
      record(std::move(step));
      drop(DropReason::LabelsBelowVpnLabel, node_->name(),
           node_->name() + ": VPN label " + std::to_string(top) + " popped with " + std::to_string(labels_.size()) +
               " label(s) still below it");
      return;
    }
    if (const auto* lookup = std::get_if<PopAndLookup>(&action)) {
      record(std::move(step));
      table_ = lookup->vrf;
      return;
    }
    const auto& to_ce = std::get<PopToNextHop>(action);
    forward(to_ce.interface, to_ce.next_hop, std::move(step));
  }

  // Sends the packet (labels_ as they are now) out `interface` to the
  // neighbor owning `next_hop`, and makes that neighbor the current node.
  void forward(const std::string& interface, Ipv4Address next_hop, WalkStep step) {
    const std::string here = node_->name();
    if (node_->interface(interface) == nullptr) {
      record(std::move(step));
      drop(DropReason::UnknownInterface, here, here + ": no interface " + interface);
      return;
    }
    if (ttl_ <= 1) {
      record(std::move(step));
      drop(DropReason::TtlExpired, here,
           here + ": TTL expired toward " + walk_.destination.to_string() + " (forwarding loop?)");
      return;
    }
    auto neighbor = dataplane_.neighbor_owning(LinkEnd{here, interface}, next_hop);
    if (!neighbor) {
      record(std::move(step));
      drop(DropReason::NoNeighbor, here,
           here + ": no neighbor owns " + next_hop.to_string() + " on " + interface);
      return;
    }
    const NodeFib* next = dataplane_.node(neighbor->node);
    if (next == nullptr) {
      record(std::move(step));
      drop(DropReason::UnknownNode, here, here + ": the link on " + interface + " leads to " + neighbor->node +
                                               ", not in the dataplane");
      return;
    }
    step.action += " (" + neighbor->node + ")";
    record(std::move(step));
    --ttl_;
    node_ = next;
    arrived_on_ = neighbor->interface;
    if (labels_.empty()) {
      const FibInterface* in = next->interface(neighbor->interface);
      table_ = in != nullptr ? in->vrf : std::string();
    }
  }

  const Dataplane& dataplane_;
  const Endpoint& to_;
  Walk walk_;
  const NodeFib* node_ = nullptr;
  std::string table_;  // the VRF of the next IP lookup
  std::string arrived_on_;
  std::vector<MplsLabel> labels_;  // top first
  int ttl_ = kInitialTtl;
  bool done_ = false;
};

}  // namespace

Walk walk_packet(const Dataplane& dataplane, const Endpoint& from, const Endpoint& to) {
  return Walker(dataplane, from, to).run();
}

PingResult ping(const Dataplane& dataplane, const Endpoint& from, const Endpoint& to) {
  PingResult result;
  result.echo = walk_packet(dataplane, from, to);
  if (result.echo.delivered()) result.reply = walk_packet(dataplane, to, from);
  return result;
}

}  // namespace l3vpn::sim
