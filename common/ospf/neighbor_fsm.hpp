// The OSPFv2 neighbor state machine of RFC 2328 section 10, for one
// neighbor on one interface, with the Database Description exchange of
// sections 10.6 and 10.8 and the request list of 10.9.
//
// Pure: step(event) and the receive_* calls return the actions the edge
// must carry out (send a DD or a Link State Request, start or stop the
// inactivity and retransmission timers, tell the interface its neighbor set
// changed, tell the LSDB an adjacency came up or went down). It reads no
// clock; the link-state database is seen only through the DatabaseView the
// caller passes in (its summary list and a "do I need this LSA" predicate),
// so the LSDB and flooding stay outside.
//
// States and events carry the RFC's names. Left out: NBMA (Start and Attempt
// exist but nothing else of NBMA does), virtual links, Link State Request
// retransmission timing beyond one timer, and the LS retransmission list.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "ospf/codec/packet.hpp"
#include "ospf/interface_fsm.hpp"

namespace l3vpn::ospf {

enum class NeighborState : std::uint8_t { Down, Attempt, Init, TwoWay, ExStart, Exchange, Loading, Full };
const char* to_string(NeighborState s);

// Section 10.2.
enum class NeighborEvent : std::uint8_t {
  HelloReceived,
  Start,
  TwoWayReceived,
  NegotiationDone,
  ExchangeDone,
  BadLSReq,
  LoadingDone,
  AdjOK,
  SeqNumberMismatch,
  OneWayReceived,
  KillNbr,
  InactivityTimer,
  LLDown,
};
const char* to_string(NeighborEvent e);

// Inactivity: RouterDeadInterval (10.3); Retransmit: RxmtInterval for the
// master's DDs and for Link State Requests.
enum class NeighborTimer : std::uint8_t { Inactivity, Retransmit };

struct NeighborConfig {
  NetworkType type = NetworkType::PointToPoint;
  std::uint32_t router_id = 0;           // ours
  std::uint32_t address = 0;             // our interface address
  std::uint32_t neighbor_router_id = 0;
  std::uint32_t neighbor_address = 0;
  std::uint32_t dead_interval = 40;
  std::uint16_t retransmit_interval = 5;
  std::uint16_t mtu = 1500;
  std::uint8_t options = option::E;
  std::uint32_t initial_dd_sequence = 1;  // 10.8: unique, e.g. from the time of day
};

// What the neighbor FSM may see of the link-state database.
struct DatabaseView {
  std::span<const LsaHeader> summary;  // the area's LSA headers (10.3 NegotiationDone)
  // True when the header is newer than our copy or we have none (10.6).
  std::function<bool(const LsaHeader&)> needs;
};

namespace neighbor_action {
struct SendDd {
  DatabaseDescription dd;
  bool operator==(const SendDd&) const = default;
};
struct SendLsRequest {
  LinkStateRequest request;
  bool operator==(const SendLsRequest&) const = default;
};
struct SendHello {  // Attempt (NBMA)
  bool operator==(const SendHello&) const = default;
};
struct StartTimer {
  NeighborTimer timer;
  std::chrono::seconds after;
  bool operator==(const StartTimer&) const = default;
};
struct StopTimer {
  NeighborTimer timer;
  bool operator==(const StopTimer&) const = default;
};
// Every state change, for the log (Cisco's %OSPF-5-ADJCHG) and the CLI.
struct StateChange {
  NeighborState from;
  NeighborState to;
  std::string reason;
  bool operator==(const StateChange&) const = default;
};
// Entered Full: re-originate the router-LSA (and the network-LSA if DR), 12.4.
struct AdjacencyUp {
  bool operator==(const AdjacencyUp&) const = default;
};
// Left Full.
struct AdjacencyDown {
  std::string reason;
  bool operator==(const AdjacencyDown&) const = default;
};
// Entered or left 2-Way-or-higher: the interface's NeighborChange (9.2).
struct InterfaceNeighborChange {
  bool operator==(const InterfaceNeighborChange&) const = default;
};
}  // namespace neighbor_action

using NeighborAction =
    std::variant<neighbor_action::SendDd, neighbor_action::SendLsRequest, neighbor_action::SendHello,
                 neighbor_action::StateChange, neighbor_action::StartTimer, neighbor_action::StopTimer, neighbor_action::AdjacencyUp,
                 neighbor_action::AdjacencyDown, neighbor_action::InterfaceNeighborChange>;

// Section 10.4: always on point-to-point; on broadcast only when either end
// is the DR or the BDR (addresses as in the Hello, 0: none).
bool should_form_adjacency(NetworkType type, std::uint32_t self_address, std::uint32_t neighbor_address,
                           std::uint32_t dr, std::uint32_t bdr);

class NeighborFsm {
 public:
  explicit NeighborFsm(NeighborConfig config);

  // The interface's current DR and BDR, read by the adjacency decision.
  void set_designated_routers(std::uint32_t dr, std::uint32_t bdr) {
    dr_ = dr;
    bdr_ = bdr;
  }

  // NegotiationDone takes the database summary from `db`; the other events
  // do not look at it.
  std::vector<NeighborAction> step(NeighborEvent event, const DatabaseView& db = {});

  // A Database Description from this neighbor (10.6); may raise
  // NegotiationDone, ExchangeDone, SeqNumberMismatch, and 2-WayReceived in Init.
  std::vector<NeighborAction> receive_dd(const DatabaseDescription& dd, const DatabaseView& db);

  // An LSA from a Link State Update: taken off the request list; the last
  // one in Loading raises LoadingDone.
  std::vector<NeighborAction> receive_lsa(const LsaHeader& header);

  // The Retransmit timer fired: the master resends its last DD; in Loading
  // the Link State Request is sent again.
  std::vector<NeighborAction> retransmit();

  NeighborState state() const { return state_; }
  bool is_master() const { return master_; }
  std::uint32_t dd_sequence() const { return dd_sequence_; }
  const std::vector<LsRequest>& request_list() const { return requests_; }
  const NeighborConfig& config() const { return config_; }

 private:
  void set_state(NeighborState s, std::vector<NeighborAction>& out, const std::string& reason);
  void clear_lists();
  void enter_exstart(std::vector<NeighborAction>& out);
  void negotiation_done(const DatabaseView& db, std::vector<NeighborAction>& out);
  void exchange_done(std::vector<NeighborAction>& out);
  void send_dd(std::vector<NeighborAction>& out);
  void send_requests(std::vector<NeighborAction>& out);
  void accept_dd(const DatabaseDescription& dd, const DatabaseView& db, std::vector<NeighborAction>& out);
  void resend_last_dd(std::vector<NeighborAction>& out);
  std::size_t headers_per_dd() const;
  bool adjacency_wanted() const;

  NeighborConfig config_;
  NeighborState state_ = NeighborState::Down;
  std::uint32_t dr_ = 0;
  std::uint32_t bdr_ = 0;
  bool master_ = false;
  std::uint32_t dd_sequence_ = 0;
  bool sequence_started_ = false;  // 10.8: the first ExStart takes initial_dd_sequence
  std::vector<LsaHeader> summary_;             // headers still to describe
  std::vector<LsRequest> requests_;            // 10.9 Link state request list
  std::optional<DatabaseDescription> last_received_;  // duplicate detection
  std::optional<DatabaseDescription> last_sent_;      // retransmission
  bool neighbor_more_ = true;
};

}  // namespace l3vpn::ospf
