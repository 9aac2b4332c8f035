// The flooding decisions of RFC 2328 section 13 for one LSA received in a
// Link State Update from neighbor N on interface I: the checks of steps 1-4,
// the comparison with the database copy (13.1), the choice of interfaces and
// neighbors to flood to (13.3), the acknowledgement (13.5, table 19), the
// MinLSArrival limit and self-originated LSAs (13.4).
//
// Pure: receive_lsa() reads the database and the interfaces' state and
// returns actions; it changes nothing. The caller carries them out in order
// (install into the Lsdb, add to retransmission lists and send, ack...).
// Out of scope: NBMA, point-to-multipoint, virtual links, AS-external-LSAs
// in stub areas (type 5 is accepted), and the LS retransmission lists
// themselves (the caller says whether the instance is on the sender's).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "core/clock.hpp"
#include "ospf/interface_fsm.hpp"
#include "ospf/lsdb.hpp"
#include "ospf/neighbor_fsm.hpp"

namespace l3vpn::ospf {

inline constexpr std::uint32_t kAllSpfRouters = 0xE0000005;  // 224.0.0.5
inline constexpr std::uint32_t kAllDRouters = 0xE0000006;    // 224.0.0.6

// A neighbor as flooding sees it.
struct FloodNeighbor {
  std::uint32_t router_id = 0;
  std::uint32_t address = 0;
  NeighborState state = NeighborState::Down;
  // This LSA's entry on the neighbor's link state request list, if any (13.3 1b).
  std::optional<LsaHeader> requested;
};

// One of the area's interfaces.
struct FloodInterface {
  std::uint32_t id = 0;  // the caller's name for it (ifindex)
  NetworkType type = NetworkType::PointToPoint;
  InterfaceState state = InterfaceState::Down;
  std::uint32_t address = 0;
  std::uint32_t dr = 0;   // addresses, 0: none
  std::uint32_t bdr = 0;
  std::vector<FloodNeighbor> neighbors;
};

struct FloodContext {
  std::uint32_t router_id = 0;                  // ours
  std::span<const FloodInterface> interfaces;   // the area's interfaces
};

struct ReceivedLsa {
  Lsa lsa;
  std::uint32_t interface_id = 0;      // where it arrived
  std::uint32_t neighbor_router_id = 0;  // who sent it
  bool on_sender_retransmission_list = false;  // step 7: our instance is on N's list
};

namespace flood_action {
// Step 1-3 or 5a: the LSA is dropped (with a reason, for the log).
struct Discard {
  std::string reason;
  bool operator==(const Discard&) const = default;
};
// 13.3 1b: take the request-list entry off that neighbor's list.
struct RemoveFromRequestList {
  std::uint32_t interface_id = 0;
  std::uint32_t neighbor_router_id = 0;
  bool operator==(const RemoveFromRequestList&) const = default;
};
// 13.3: put the LSA on these neighbors' retransmission lists and, when
// `send` is set, send it out the interface to `destination` (a multicast
// group or, on point-to-point, the neighbor's address). When `send` is not
// set the interface is left to the DR (13.3 steps 3-4).
struct Flood {
  std::uint32_t interface_id = 0;
  std::vector<std::uint32_t> neighbors;  // router IDs
  bool send = true;
  std::uint32_t destination = kAllSpfRouters;
  bool operator==(const Flood&) const = default;
};
// 13 step 5d: install the received LSA (before flooding, or in any order:
// flooding does not depend on the database). Removing the old copy from
// the retransmission lists (5c) is the caller's.
struct Install {
  Lsa lsa;
  bool operator==(const Install&) const = default;
};
enum class AckKind : std::uint8_t { Delayed, Direct };
struct Ack {
  AckKind kind = AckKind::Delayed;
  std::uint32_t interface_id = 0;
  std::uint32_t neighbor_router_id = 0;  // direct acks go to this neighbor
  LsaHeader header;
  bool operator==(const Ack&) const = default;
};
// Step 7: the received instance acknowledges ours: remove it from the
// sender's retransmission list.
struct ImpliedAck {
  std::uint32_t neighbor_router_id = 0;
  bool operator==(const ImpliedAck&) const = default;
};
// Step 6: the neighbor sent an instance we have on its request list: BadLSReq.
struct BadLsRequest {
  std::uint32_t neighbor_router_id = 0;
  bool operator==(const BadLsRequest&) const = default;
};
// Step 8: our copy is more recent: send it back to the sender directly
// (and note_sent_back() it in the Lsdb).
struct SendNewerBack {
  std::uint32_t interface_id = 0;
  std::uint32_t neighbor_router_id = 0;
  Lsa lsa;  // our copy, current age
  bool operator==(const SendNewerBack&) const = default;
};
// 13.4: a newer instance of one of our own LSAs came back. Originate a new
// instance with `sequence` (received + 1); when the received one was at
// MaxSequenceNumber it must first be flushed (12.1.6), `flush_first`.
struct Reoriginate {
  LsaKey key;
  std::uint32_t sequence = kInitialSequenceNumber;
  bool flush_first = false;
  bool operator==(const Reoriginate&) const = default;
};
// 13.4: one of "our" LSAs we no longer originate: premature aging (14.1).
struct FlushSelfOriginated {
  LsaKey key;
  bool operator==(const FlushSelfOriginated&) const = default;
};
}  // namespace flood_action

using FloodAction = std::variant<flood_action::Discard, flood_action::RemoveFromRequestList, flood_action::Flood,
                                 flood_action::Install, flood_action::Ack, flood_action::ImpliedAck,
                                 flood_action::BadLsRequest, flood_action::SendNewerBack,
                                 flood_action::Reoriginate, flood_action::FlushSelfOriginated>;

// Section 13 for one received LSA. `on_sender_request_list`: the sender's
// request list holds this LSA (step 6). Self-origination (13.4): advertised
// by our router ID, or a network-LSA whose Link State ID is one of our
// interface addresses; re-originated when we still hold a copy, flushed
// when we hold none (we no longer originate it).
std::vector<FloodAction> receive_lsa(const ReceivedLsa& received, const FloodContext& context, const Lsdb& lsdb,
                                     core::TimePoint now, bool on_sender_request_list = false);

// 13.3 alone: where an LSA goes (used for our own originations and flushes,
// `from` = nullopt, and by receive_lsa()). Returns one Flood per interface
// with at least one neighbor to add; RemoveFromRequestList actions first.
std::vector<FloodAction> flood_decisions(const Lsa& lsa, const FloodContext& context,
                                         std::optional<std::uint32_t> from_interface,
                                         std::optional<std::uint32_t> from_neighbor);

bool is_self_originated(const LsaHeader& h, const FloodContext& context);

}  // namespace l3vpn::ospf
