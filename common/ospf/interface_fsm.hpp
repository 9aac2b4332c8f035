// The OSPFv2 interface state machine of RFC 2328 section 9, for one
// interface, and the Designated Router election of section 9.4.
//
// Pure: step(event) returns the actions the edge must carry out (start or
// stop the hello and wait timers, send a hello, re-originate the router-LSA,
// originate or flush the network-LSA, run AdjOK? or KillNbr on the
// neighbors). It reads no clock and owns no socket; a test drives it with
// events and a manual clock decides when the timer events come.
//
// Network types: point-to-point and broadcast (NBMA, point-to-multipoint and
// virtual links are left out). Designated routers are named by their
// interface addresses, as in the Hello's DR and BDR fields (A.3.2).
// A passive interface runs the same machine but never sends a hello.
#pragma once

#include <chrono>
#include <cstdint>
#include <span>
#include <variant>
#include <vector>

#include "ospf/codec/packet.hpp"

namespace l3vpn::ospf {

enum class NetworkType : std::uint8_t { PointToPoint, Broadcast };

enum class InterfaceState : std::uint8_t { Down, Loopback, Waiting, PointToPoint, DrOther, Backup, Dr };
const char* to_string(InterfaceState s);

// Section 9.2. HelloTimer is not in the RFC's list: it is the expiry of the
// Hello timer of section 9.5, which sends a hello and restarts itself.
enum class InterfaceEvent : std::uint8_t {
  InterfaceUp,
  WaitTimer,
  BackupSeen,
  NeighborChange,
  LoopInd,
  UnloopInd,
  InterfaceDown,
  HelloTimer,
};
const char* to_string(InterfaceEvent e);

enum class InterfaceTimer : std::uint8_t { Hello, Wait };

struct InterfaceConfig {
  NetworkType type = NetworkType::Broadcast;
  std::uint32_t router_id = 0;
  std::uint32_t address = 0;  // this interface's IP address
  std::uint32_t mask = 0;
  std::uint32_t area_id = 0;
  std::uint8_t priority = 1;           // Router Priority; 0: never DR or BDR
  std::uint16_t hello_interval = 10;   // seconds
  std::uint32_t dead_interval = 40;    // seconds; also the wait timer
  std::uint16_t retransmit_interval = 5;
  std::uint16_t mtu = 1500;
  std::uint8_t options = option::E;
  bool passive = false;
};

// One router on the segment as the election sees it (section 9.4): the
// calculating router itself or a neighbor in state 2-Way or higher.
struct ElectionCandidate {
  std::uint32_t router_id = 0;
  std::uint32_t address = 0;
  std::uint8_t priority = 0;
  std::uint32_t declared_dr = 0;   // the DR field of its last hello (ours: the interface's DR)
  std::uint32_t declared_bdr = 0;  // the BDR field
};

struct ElectionResult {
  std::uint32_t dr = 0;   // interface address, 0: none
  std::uint32_t bdr = 0;
  bool operator==(const ElectionResult&) const = default;
};

// Section 9.4 steps 1-4: BDR among the eligible routers not declaring
// themselves DR (those declaring themselves BDR first), DR among those
// declaring themselves DR (else the new BDR); the highest priority wins,
// ties go to the highest router ID; steps 2 and 3 are run again when `self`
// changes its own role. An existing DR therefore stays DR (no preemption).
ElectionResult elect_designated_routers(const ElectionCandidate& self,
                                        std::span<const ElectionCandidate> neighbors);

namespace interface_action {
struct StartTimer {
  InterfaceTimer timer;
  std::chrono::seconds after;
  bool operator==(const StartTimer&) const = default;
};
struct StopTimer {
  InterfaceTimer timer;
  bool operator==(const StopTimer&) const = default;
};
struct StateChange {  // for the log and the CLI
  InterfaceState from;
  InterfaceState to;
  bool operator==(const StateChange&) const = default;
};
struct SendHello {  // build it with build_hello() (hello.hpp)
  bool operator==(const SendHello&) const = default;
};
struct OriginateRouterLsa {  // section 12.4: the interface's state changed
  bool operator==(const OriginateRouterLsa&) const = default;
};
struct OriginateNetworkLsa {  // we became DR (12.4.2)
  bool operator==(const OriginateNetworkLsa&) const = default;
};
struct FlushNetworkLsa {  // we are DR no more (12.4.2: premature aging)
  bool operator==(const FlushNetworkLsa&) const = default;
};
struct AdjOkNeighbors {  // 9.4 step 5: AdjOK? on every neighbor in 2-Way or higher
  bool operator==(const AdjOkNeighbors&) const = default;
};
struct KillNeighbors {  // InterfaceDown, LoopInd: KillNbr on every neighbor
  bool operator==(const KillNeighbors&) const = default;
};
}  // namespace interface_action

using InterfaceAction =
    std::variant<interface_action::StartTimer, interface_action::StopTimer, interface_action::StateChange,
                 interface_action::SendHello,
                 interface_action::OriginateRouterLsa, interface_action::OriginateNetworkLsa,
                 interface_action::FlushNetworkLsa, interface_action::AdjOkNeighbors,
                 interface_action::KillNeighbors>;

class InterfaceFsm {
 public:
  explicit InterfaceFsm(InterfaceConfig config) : config_(config) {}

  // `neighbors`: the neighbors in state 2-Way or higher, for the events that
  // run the election (WaitTimer, BackupSeen, NeighborChange).
  std::vector<InterfaceAction> step(InterfaceEvent event,
                                    std::span<const ElectionCandidate> neighbors = {});

  InterfaceState state() const { return state_; }
  std::uint32_t designated_router() const { return dr_; }
  std::uint32_t backup_designated_router() const { return bdr_; }
  const InterfaceConfig& config() const { return config_; }

 private:
  void set_state(InterfaceState s, std::vector<InterfaceAction>& out);
  void elect(std::span<const ElectionCandidate> neighbors, std::vector<InterfaceAction>& out);
  void go_down(InterfaceState to, std::vector<InterfaceAction>& out);

  InterfaceConfig config_;
  InterfaceState state_ = InterfaceState::Down;
  std::uint32_t dr_ = 0;
  std::uint32_t bdr_ = 0;
};

}  // namespace l3vpn::ospf
