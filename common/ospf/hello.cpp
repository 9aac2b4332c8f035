#include "ospf/hello.hpp"

#include <algorithm>

namespace l3vpn::ospf {

std::string_view to_string(HelloDropReason reason) {
  switch (reason) {
    case HelloDropReason::NetworkMaskMismatch: return "network-mask-mismatch";
    case HelloDropReason::HelloIntervalMismatch: return "hello-interval-mismatch";
    case HelloDropReason::DeadIntervalMismatch: return "dead-interval-mismatch";
    case HelloDropReason::ExternalOptionMismatch: return "external-option-mismatch";
    case HelloDropReason::OwnRouterId: return "own-router-id";
  }
  return "?";
}

HelloResult process_hello(const InterfaceConfig& iface, InterfaceState state, const Hello& hello,
                          std::uint32_t source, std::uint32_t router_id,
                          const std::optional<PreviousHello>& previous) {
  if (router_id == iface.router_id) return HelloDropReason::OwnRouterId;
  if (iface.type != NetworkType::PointToPoint && hello.network_mask != iface.mask)
    return HelloDropReason::NetworkMaskMismatch;
  if (hello.hello_interval != iface.hello_interval) return HelloDropReason::HelloIntervalMismatch;
  if (hello.router_dead_interval != iface.dead_interval) return HelloDropReason::DeadIntervalMismatch;
  if ((hello.options & option::E) != (iface.options & option::E))
    return HelloDropReason::ExternalOptionMismatch;

  HelloOutcome out;
  out.priority = hello.router_priority;
  out.designated_router = hello.designated_router;
  out.backup_designated_router = hello.backup_designated_router;
  out.neighbor_events.push_back(NeighborEvent::HelloReceived);

  bool lists_us = std::find(hello.neighbors.begin(), hello.neighbors.end(), iface.router_id) !=
                  hello.neighbors.end();
  if (!lists_us) {
    out.neighbor_events.push_back(NeighborEvent::OneWayReceived);
    return out;  // processing stops here
  }
  out.neighbor_events.push_back(NeighborEvent::TwoWayReceived);
  if (iface.type == NetworkType::PointToPoint) return out;

  PreviousHello before = previous.value_or(PreviousHello{});
  bool neighbor_change = previous.has_value() && before.priority != hello.router_priority;
  bool backup_seen = false;

  bool declares_dr = hello.designated_router == source;
  bool declared_dr = before.designated_router == source;
  bool declares_bdr = hello.backup_designated_router == source;
  bool declared_bdr = before.backup_designated_router == source;
  if (declares_dr && hello.backup_designated_router == 0 && state == InterfaceState::Waiting)
    backup_seen = true;
  else if (declares_dr != declared_dr)
    neighbor_change = true;
  if (declares_bdr && state == InterfaceState::Waiting)
    backup_seen = true;
  else if (declares_bdr != declared_bdr)
    neighbor_change = true;

  if (backup_seen) out.interface_events.push_back(InterfaceEvent::BackupSeen);
  if (neighbor_change) out.interface_events.push_back(InterfaceEvent::NeighborChange);
  return out;
}

Hello build_hello(const InterfaceConfig& iface, std::uint32_t dr, std::uint32_t bdr,
                  std::span<const std::uint32_t> neighbor_router_ids) {
  Hello h;
  h.network_mask = iface.mask;
  h.hello_interval = iface.hello_interval;
  h.options = iface.options;
  h.router_priority = iface.priority;
  h.router_dead_interval = iface.dead_interval;
  h.designated_router = dr;
  h.backup_designated_router = bdr;
  h.neighbors.assign(neighbor_router_ids.begin(), neighbor_router_ids.end());
  return h;
}

}  // namespace l3vpn::ospf
