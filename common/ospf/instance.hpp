// One OSPFv2 process (RFC 2328): the glue that ties the pure pieces of
// common/ospf together - per interface an InterfaceFsm, per neighbor a
// NeighborFsm, Hello processing, the DD/LSR/LSU/LSAck exchange, flooding with
// per-neighbor retransmission lists, the area link-state databases and the
// AS-scope one for type-5 LSAs, our own router-, network-, summary- (as an
// ABR) and AS-external-LSAs (as an ASBR), aging, refresh, and the routing
// table merged over the areas (16.x).
//
// Pure: every entry point takes `now` and returns actions (send a packet,
// start/stop a named timer, the routes changed, a log line). It never reads
// the clock and owns no socket; the edge (a daemon's raw socket, or
// sim::OspfNode on the in-process network) carries the actions out and feeds
// back received packets and timer expiries by name.
//
// Threads: none; not thread-safe; not re-entrant (the edge must not call in
// from inside the handling of an action - schedule it instead).
// Limits: broadcast and point-to-point interfaces only (no NBMA, P2MP,
// virtual links), no stub/NSSA areas, no summary ranges, TOS 0 only.
// Failure: bad input never throws; every dropped packet is counted by reason
// (drop_counters()) and logged at debug level.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "core/clock.hpp"
#include "core/log.hpp"
#include "ospf/codec/auth.hpp"
#include "ospf/codec/packet.hpp"
#include "ospf/interface_fsm.hpp"
#include "ospf/lsdb.hpp"
#include "ospf/neighbor_fsm.hpp"
#include "ospf/spf.hpp"

namespace l3vpn::ospf {

struct InstanceInterface {
  std::string name;                      // "GigabitEthernet0/0", "eth1", "Loopback0"
  std::uint32_t address = 0, mask = 0;   // host order
  std::uint32_t area_id = 0;
  NetworkType type = NetworkType::Broadcast;
  bool loopback = false;                 // advertised as a /32 stub, no packets
  bool passive = false;                  // prefix advertised, no hellos
  std::uint16_t cost = 1;                // IOS: 1 for loopback/Gig; callers compute
  std::uint8_t priority = 1;
  std::uint16_t hello_interval = 10;
  std::uint32_t dead_interval = 40;
  std::uint16_t retransmit_interval = 5;
  std::uint16_t mtu = 1500;
  AuthConfig auth = null_auth();
};

struct ExternalRoute {  // redistributed into OSPF (type-5 LSA)
  std::uint32_t prefix = 0, mask = 0;
  std::uint32_t metric = 20;
  bool type2 = true;
  std::uint32_t forwarding_address = 0;
  std::uint32_t tag = 0;
  bool operator==(const ExternalRoute&) const = default;
};

// A network the router announces in a summary-LSA (type 3) into each of its
// areas although no area of its own holds it: a PE's VPN routes that came
// from the same OSPF domain at another site (RFC 4577 4.2.3 and 4.2.8.1: the
// PE is an area border router of the MPLS VPN "super backbone"). The router
// then sets the B bit in its router-LSAs, so that the CEs use the summaries.
struct SummaryRoute {
  std::uint32_t prefix = 0, mask = 0;
  std::uint32_t metric = 0;
  bool operator==(const SummaryRoute&) const = default;
};

struct InstanceConfig {
  std::uint32_t router_id = 0;
  std::vector<InstanceInterface> interfaces;
  std::vector<ExternalRoute> externals;  // includes 0.0.0.0/0 for default-information originate
  std::vector<SummaryRoute> summaries;   // RFC 4577 (PE-CE); empty elsewhere
};

namespace instance_action {
// OSPF packet bytes (signed), no IP header; destination 224.0.0.5, 224.0.0.6
// or a neighbor's address.
struct Send {
  std::string interface;
  std::uint32_t destination = 0;
  std::vector<std::uint8_t> packet;
};
// Unique names: "ospf hello eth1", "ospf wait eth1", "ospf inactivity eth1 2.2.2.2",
// "ospf dd-rxmt eth1 2.2.2.2", "ospf rxmt eth1 2.2.2.2", "ospf spf", "ospf age",
// "ospf originate". Starting a running name restarts it.
struct StartTimer {
  std::string name;
  core::Duration after{};
};
struct StopTimer {
  std::string name;
};
struct RoutesChanged {};  // routes() has changed
// e.g. "%OSPF-5-ADJCHG: Process 1, Nbr 2.2.2.2 on eth1 from LOADING to FULL, Loading Done"
struct Log {
  core::LogLevel level = core::LogLevel::Info;
  std::string text;
};
}  // namespace instance_action

using InstanceAction = std::variant<instance_action::Send, instance_action::StartTimer, instance_action::StopTimer,
                                    instance_action::RoutesChanged, instance_action::Log>;

// Delays of the process (not in the RFC's appendix B).
inline constexpr std::chrono::milliseconds kSpfDelay{200};
inline constexpr std::chrono::seconds kAgeTick{1};

class Instance {
 public:
  Instance(std::uint32_t process_id, InstanceConfig config);
  ~Instance();
  Instance(const Instance&) = delete;
  Instance& operator=(const Instance&) = delete;

  std::vector<InstanceAction> start(core::TimePoint now);
  std::vector<InstanceAction> packet_received(const std::string& interface, std::uint32_t source,
                                              std::uint32_t destination, std::span<const std::uint8_t> packet,
                                              core::TimePoint now);
  std::vector<InstanceAction> timer_expired(const std::string& name, core::TimePoint now);
  std::vector<InstanceAction> interface_link(const std::string& interface, bool up, core::TimePoint now);
  std::vector<InstanceAction> set_external_routes(std::vector<ExternalRoute> externals, core::TimePoint now);
  // Both kinds of redistributed routes at once (a PE's VPN routes).
  std::vector<InstanceAction> set_redistributed_routes(std::vector<ExternalRoute> externals,
                                                       std::vector<SummaryRoute> summaries, core::TimePoint now);

  // Views, for show commands and tests.
  std::uint32_t process_id() const;
  std::uint32_t router_id() const;
  // The merged routing table over all areas, intra over inter over external
  // (RFC 2328 16.x), sorted by (prefix, mask).
  const std::vector<SpfRoute>& routes() const;
  // When the route of (prefix, mask) appeared or last changed; nothing when
  // there is no such route.
  std::optional<core::TimePoint> route_since(std::uint32_t prefix, std::uint32_t mask) const;

  struct NeighborView {
    std::uint32_t router_id = 0, address = 0;
    std::string interface;
    std::uint32_t area_id = 0;
    NeighborState state = NeighborState::Down;
    std::uint8_t priority = 0;
    std::uint32_t dr = 0, bdr = 0;  // as the neighbor's last hello declared them (addresses)
    std::optional<core::TimePoint> dead_at;
    core::TimePoint state_since{};
  };
  std::vector<NeighborView> neighbors() const;

  struct InterfaceView {
    std::string name;
    std::uint32_t address = 0, mask = 0, area_id = 0;
    NetworkType type = NetworkType::Broadcast;
    bool loopback = false, passive = false;
    InterfaceState state = InterfaceState::Down;
    std::uint16_t cost = 1;
    std::uint8_t priority = 1;
    std::uint32_t dr_router_id = 0, dr_address = 0, bdr_router_id = 0, bdr_address = 0;
    std::uint16_t hello_interval = 10;
    std::uint32_t dead_interval = 40;
    std::uint16_t retransmit_interval = 5;
    std::size_t neighbor_count = 0, adjacent_count = 0;
    std::optional<core::TimePoint> next_hello_at;
    std::uint16_t au_type = 0;
  };
  std::vector<InterfaceView> interfaces() const;

  std::vector<std::uint32_t> areas() const;
  // The area's LSDB (nullptr: not an area of ours); type-5 LSAs live in the
  // AS-scope external_lsdb().
  const Lsdb* lsdb(std::uint32_t area_id) const;
  const Lsdb& external_lsdb() const;
  bool is_area_border_router() const;
  bool is_as_boundary_router() const;
  // Reason text -> count (codec OspfDropReason, HelloDropReason, auth, wrong
  // area, unknown neighbor...).
  std::map<std::string, std::uint64_t> drop_counters() const;

  struct State;  // the process's state, defined in instance_state.hpp

 private:
  std::unique_ptr<State> state_;
};

// "1.2.3.4".
std::string dotted(std::uint32_t address);

}  // namespace l3vpn::ospf
