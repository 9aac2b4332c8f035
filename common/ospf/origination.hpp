// Our own LSAs (RFC 2328 section 12.4): the router-LSA built from the
// interfaces' states (12.4.1), and the sequence numbers and refresh timing
// of any self-originated LSA (12.1.6, 12.4: LSRefreshTime, MinLSInterval).
//
// Pure: the interfaces' states and `now` are passed in. Out of scope:
// network-LSAs (12.4.2), summary and AS-external LSAs, virtual links, NBMA
// and point-to-multipoint, unnumbered point-to-point links.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/clock.hpp"
#include "ospf/codec/lsa.hpp"
#include "ospf/interface_fsm.hpp"
#include "ospf/lsdb.hpp"

namespace l3vpn::ospf {

// One interface of the area as 12.4.1 sees it.
struct RouterLsaInterface {
  InterfaceState state = InterfaceState::Down;
  NetworkType type = NetworkType::PointToPoint;
  bool loopback = false;     // a loopback interface: a /32 stub (12.4.1.4 host route)
  std::uint32_t address = 0;
  std::uint32_t mask = 0;
  std::uint16_t cost = 1;
  // Point-to-point: the neighbor's router ID when it is Full, 0 otherwise.
  std::uint32_t full_neighbor_router_id = 0;
  // Broadcast: the DR's address (0: none), and whether the transit link
  // condition of 12.4.1.2 holds (we are fully adjacent to the DR, or we are
  // the DR and fully adjacent to at least one other router).
  std::uint32_t dr = 0;
  bool dr_adjacency_full = false;
};

struct RouterLsaInput {
  std::uint32_t router_id = 0;
  std::uint8_t options = 0x02;  // option::E
  std::uint8_t flags = 0;       // router_flag bits
  std::vector<RouterLsaInterface> interfaces;
};

// The links of 12.4.1, in interface order: point-to-point → type 1 to the
// Full neighbor (data: our address) then a type 3 stub for the subnet;
// loopback (or an interface in state Loopback) → stub host route (address,
// 255.255.255.255); broadcast with a DR and the transit condition → type 2
// to the DR's address (data: our address), else (Waiting included) a stub
// for the subnet; Down → nothing.
RouterLsa build_router_lsa_body(const RouterLsaInput& input);

// A whole LSA of ours: header fields filled in (age 0, the given sequence,
// length), checksum computed with the codec.
Lsa finish_lsa(std::uint8_t type, std::uint32_t link_state_id, std::uint32_t advertising_router,
               std::uint8_t options, std::uint32_t sequence, LsaBody body);

// The sequence numbers and refresh timing of one self-originated LSA.
class SelfOriginatedLsa {
 public:
  SelfOriginatedLsa(std::uint8_t type, std::uint32_t link_state_id, std::uint32_t advertising_router,
                    std::uint8_t options = 0x02)
      : type_(type), link_state_id_(link_state_id), advertising_router_(advertising_router), options_(options) {}

  // The next instance with this body: InitialSequenceNumber the first time,
  // then one more than the last (or than a newer instance seen, 13.4).
  // nullopt when the sequence space is exhausted (MaxSequenceNumber reached:
  // flush first, 12.1.6) — then call restart_sequence() after the flush.
  std::optional<Lsa> originate(LsaBody body, core::TimePoint now);
  // The same body again with the next sequence number (LSRefreshTime, 12.4).
  std::optional<Lsa> refresh(core::TimePoint now);

  // 12.4: the last instance is LSRefreshTime (1800 s) old.
  bool refresh_due(core::TimePoint now) const;
  std::optional<core::TimePoint> refresh_at() const;
  // 12.4: MinLSInterval (5 s) since the last origination.
  bool may_originate(core::TimePoint now) const;

  // 13.4: a newer instance of ours (sequence `seq`) came back; the next
  // origination goes above it.
  void adopt_sequence(std::uint32_t seq);
  void restart_sequence() {
    next_sequence_ = kInitialSequenceNumber;
    exhausted_ = false;
  }

  const std::optional<Lsa>& last() const { return last_; }
  std::uint32_t next_sequence() const { return next_sequence_; }

 private:
  std::uint8_t type_;
  std::uint32_t link_state_id_;
  std::uint32_t advertising_router_;
  std::uint8_t options_;
  std::uint32_t next_sequence_ = kInitialSequenceNumber;
  bool exhausted_ = false;
  std::optional<Lsa> last_;
  std::optional<core::TimePoint> originated_at_;
};

}  // namespace l3vpn::ospf
