// Hello packets of RFC 2328 section 10.5 (receiving) and 9.5 (sending).
//
// process_hello() runs the checks a received Hello must pass against the
// receiving interface and turns it into the events to run: the neighbor's
// (HelloReceived, then 2-WayReceived or 1-WayReceived) and the interface's
// (BackupSeen, NeighborChange). The caller finds or creates the neighbor
// (by source address on broadcast, by router ID on point-to-point), stores
// the priority, DR and BDR the outcome carries, and steps both FSMs.
// build_hello() is the Hello the interface sends. Pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <variant>
#include <vector>

#include "ospf/codec/packet.hpp"
#include "ospf/interface_fsm.hpp"
#include "ospf/neighbor_fsm.hpp"

namespace l3vpn::ospf {

// Why a Hello is dropped (10.5), on top of the codec's OspfDropReason.
enum class HelloDropReason : std::uint8_t {
  NetworkMaskMismatch,    // broadcast only; point-to-point ignores the mask
  HelloIntervalMismatch,
  DeadIntervalMismatch,
  ExternalOptionMismatch, // E-bit differs from the area's (stub vs not)
  OwnRouterId,            // our own Hello looped back, or a duplicate router ID
};
std::string_view to_string(HelloDropReason reason);

// What the neighbor said last time (nullopt: a new neighbor).
struct PreviousHello {
  std::uint8_t priority = 0;
  std::uint32_t designated_router = 0;
  std::uint32_t backup_designated_router = 0;
};

struct HelloOutcome {
  std::vector<NeighborEvent> neighbor_events;    // in order
  std::vector<InterfaceEvent> interface_events;  // after the neighbor's
  // To store in the neighbor structure.
  std::uint8_t priority = 0;
  std::uint32_t designated_router = 0;
  std::uint32_t backup_designated_router = 0;
};

using HelloResult = std::variant<HelloOutcome, HelloDropReason>;

// `source` is the packet's IP source address (the neighbor's interface
// address), `router_id` the packet header's Router ID.
HelloResult process_hello(const InterfaceConfig& iface, InterfaceState state, const Hello& hello,
                          std::uint32_t source, std::uint32_t router_id,
                          const std::optional<PreviousHello>& previous);

// Section 9.5: our parameters, the interface's DR and BDR, and the router
// IDs of the neighbors heard from recently (state Init or higher).
Hello build_hello(const InterfaceConfig& iface, std::uint32_t dr, std::uint32_t bdr,
                  std::span<const std::uint32_t> neighbor_router_ids);

}  // namespace l3vpn::ospf
