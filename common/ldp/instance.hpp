// One LDP instance (RFC 5036) as a router runs it: basic discovery on the
// "mpls ip" interfaces, one session per peer LSR, the LIB fed by the IGP.
//
// Pure glue over the tested pieces: Discovery (Hellos, adjacencies), one
// SessionFsm per peer LSR, the Lib, and the codec. Every entry point takes an
// event (a Hello or a session PDU as bytes, a TCP connection change, a timer
// expiry by name, the IGP table) and returns the actions the edge carries out
// (send a Hello or a PDU, open or close a TCP connection, start or stop a
// named timer, change the LFIB, log). It reads no clock and owns no socket:
// `now` only stamps the views.
//
// The edge's part: it listens on transport_address:646 and asks accept_from
// which peer an incoming connection belongs to; it frames the TCP stream by
// the PDU length (4 + length) and hands over whole PDUs; it runs the named
// timers and calls timer_expired with the name; it reports a failed Connect
// as connection_closed. A Close for a connection already gone is harmless.
//
// Message IDs: one counter per instance numbers every message sent (Hellos
// included). Messages to one peer produced by one event are packed into as
// few PDUs as the negotiated max PDU length allows, in order.
//
// Bad input never throws: a malformed Hello is counted and dropped; a
// malformed session PDU is answered with the Notification the codec names
// and, when fatal (section 3.5.1.1), the session closes. error_counters()
// counts both by status text.
//
// Left out: targeted Hellos, Downstream on Demand, exponential back-off
// (section 2.5.3): the active side retries a fixed kReconnectDelay after a
// session falls while an adjacency remains. Not thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "core/clock.hpp"
#include "core/log.hpp"
#include "ldp/codec/pdu.hpp"
#include "ldp/discovery.hpp"
#include "ldp/fec_selection.hpp"
#include "ldp/lib.hpp"
#include "ldp/session_fsm.hpp"
#include "ldp/status_text.hpp"
#include "vpn/label_allocator.hpp"

namespace l3vpn::ldp {

inline constexpr std::uint16_t kLdpPort = 646;
inline constexpr std::uint32_t kAllRoutersGroup = 0xE0000002;  // 224.0.0.2
inline constexpr std::chrono::seconds kReconnectDelay{15};

struct InstanceConfig {
  LdpId local;                                // LSR ID, label space 0
  std::uint32_t transport_address = 0;        // IOS: the router ID (loopback)
  std::uint16_t hello_interval = kDefaultHelloInterval;
  std::uint16_t hello_hold_time = kDefaultLinkHelloHoldTime;
  std::uint16_t keepalive_time = 180;         // session hold time proposed
  std::uint16_t max_pdu_length = 0;           // proposed; 255 or less: 4096
  std::vector<std::string> interfaces;        // "mpls ip" interfaces
  std::vector<std::uint32_t> local_addresses; // every interface address, for the Address message
  std::map<std::uint32_t, std::string> passwords;  // LSR ID -> MD5 password
  FecSelection fecs;                               // which IGP prefixes get local labels
};

namespace instance_action {
struct SendHello {  // UDP 646 to 224.0.0.2 out of `interface`
  std::string interface;
  std::vector<std::uint8_t> pdu;
};
struct Connect {  // we are active: open TCP peer_address:646 from local_address
  std::uint32_t lsr_id = 0;
  std::uint32_t local_address = 0, peer_address = 0;
  std::string password;  // empty: no TCP MD5 signature
};
struct SendPdu {  // on that peer's TCP connection
  std::uint32_t lsr_id = 0;
  std::vector<std::uint8_t> pdu;
};
struct Close {
  std::uint32_t lsr_id = 0;
};
struct StartTimer {
  std::string name;
  core::Duration after{};
};
struct StopTimer {
  std::string name;
};
struct LfibChanged {
  LfibChange change;
};
struct Log {  // "%LDP-5-NBRCHG: LDP Neighbor 3.3.3.3:0 (1) is UP"
  core::LogLevel level = core::LogLevel::Info;
  std::string text;
};
}  // namespace instance_action

using InstanceAction =
    std::variant<instance_action::SendHello, instance_action::Connect, instance_action::SendPdu,
                 instance_action::Close, instance_action::StartTimer, instance_action::StopTimer,
                 instance_action::LfibChanged, instance_action::Log>;

class Instance {
 public:
  Instance(InstanceConfig config, vpn::LabelAllocator& labels);
  ~Instance();
  Instance(const Instance&) = delete;
  Instance& operator=(const Instance&) = delete;

  // Enables discovery on the configured interfaces (first Hellos at once).
  std::vector<InstanceAction> start(core::TimePoint now);
  // A UDP datagram to port 646 received on `interface` from `source`.
  std::vector<InstanceAction> hello_received(const std::string& interface, std::uint32_t source,
                                             std::span<const std::uint8_t> pdu, core::TimePoint now);
  // An incoming connection from `peer_address`: the LSR ID it belongs to (a
  // known adjacency whose transport address it is, we are passive, and the
  // session has no connection yet), or nothing: close it.
  std::optional<std::uint32_t> accept_from(std::uint32_t peer_address) const;
  std::vector<InstanceAction> connection_up(std::uint32_t lsr_id, core::TimePoint now);
  // One whole PDU from that peer's connection.
  std::vector<InstanceAction> pdu_received(std::uint32_t lsr_id, std::span<const std::uint8_t> pdu,
                                           core::TimePoint now);
  // The connection fell (or a Connect failed).
  std::vector<InstanceAction> connection_closed(std::uint32_t lsr_id, core::TimePoint now);
  std::vector<InstanceAction> timer_expired(const std::string& name, core::TimePoint now);
  // The whole IGP table (every prefix with its first next hop; this router's
  // loopbacks and connected subnets flagged local). The prefixes config().fecs
  // selects are diffed into the LIB: a FEC that leaves is withdrawn from every
  // peer and its LFIB entry removed; one that arrives is advertised.
  std::vector<InstanceAction> set_igp_routes(std::vector<IgpRoute> routes, core::TimePoint now);
  // A new selection (a reload changed "mpls ldp label" or its prefix-list):
  // the same diff over the IGP table already given; sessions stay up.
  std::vector<InstanceAction> set_fec_selection(FecSelection fecs, core::TimePoint now);

  // Views: show mpls ldp neighbor / discovery / bindings, show mpls forwarding-table.
  const InstanceConfig& config() const { return config_; }
  const Discovery& discovery() const { return discovery_; }
  struct SessionView {
    LdpId peer;
    std::uint32_t peer_transport_address = 0;
    SessionState state = SessionState::NonExistent;
    SessionRole role = SessionRole::Passive;
    std::optional<NegotiatedSession> negotiated;
    core::TimePoint state_since{};
    std::uint64_t messages_sent = 0, messages_received = 0;
    std::vector<std::uint32_t> peer_addresses;  // from its Address messages
    std::vector<std::string> interfaces;        // of its adjacencies
  };
  std::vector<SessionView> sessions() const;  // by LSR ID
  const Lib& lib() const { return lib_; }
  // Malformed or refused input by status text ("Bad PDU Length": 1).
  std::map<std::string, std::uint64_t> error_counters() const { return errors_; }
  // Peer transport address -> MD5 password, for the listening socket's keys.
  std::map<std::uint32_t, std::string> md5_keys() const;
  // Timer names for one peer's session ("ldp keepalive 3.3.3.3" ...).
  static std::string keepalive_timer_name(std::uint32_t lsr_id);
  static std::string hold_timer_name(std::uint32_t lsr_id);
  static std::string reconnect_timer_name(std::uint32_t lsr_id);

 private:
  struct Peer;
  class Batch;  // the actions of one event, with per-peer messages waiting to be packed

  void run_discovery(std::vector<DiscoveryAction> actions, Batch& batch);
  void adjacency_up(const Adjacency& a, bool first_for_lsr, Batch& batch);
  void adjacency_down(const Adjacency& a, bool last_for_lsr, const std::string& reason, Batch& batch);
  void step(Peer& peer, const SessionInput& input, Batch& batch);
  void run_lib(LibOutput out, Batch& batch);
  void select_fecs(Batch& batch);
  void receive(Peer& peer, Message m, Batch& batch);
  void maybe_connect(Peer& peer, Batch& batch);
  void count_error(StatusCode status);
  Peer* find_peer(std::uint32_t lsr_id);
  const Adjacency* adjacency_of(std::uint32_t lsr_id) const;

  InstanceConfig config_;
  Discovery discovery_;
  Lib lib_;
  std::map<std::uint32_t, std::unique_ptr<Peer>> peers_;  // by LSR ID
  std::map<std::string, DiscoveryTimer> discovery_timers_;  // running, by name
  std::map<Fec, IgpRoute> igp_all_;  // as set_igp_routes gave it
  std::map<Fec, IgpRoute> igp_;      // the FECs config_.fecs selects: what the LIB has
  std::map<std::string, std::uint64_t> errors_;
  std::uint32_t next_message_id_ = 1;
  std::uint32_t next_session_number_ = 1;  // the "(1)" of IOS's NBRCHG lines
};

}  // namespace l3vpn::ldp
