// The LDP session state machine of RFC 5036 section 2.5.4, for one session
// (one TCP connection to one peer LSR).
//
// Pure: step(input) returns the actions the edge carries out (send an
// Initialization, KeepAlive or Notification, start or stop a timer, close the
// connection, tell the LIB the session is operational or down). It reads no
// clock and owns no socket; a test drives it with events and a manual clock.
//
// States carry the RFC's names. The role is fixed by the transport addresses
// (section 2.5.2): the LSR with the higher address is active and sends the
// first Initialization; the passive LSR waits for it. Messages in the actions
// have id 0: the edge numbers them as it packs them into PDUs.
//
// Timers (section 2.5.6): Hold is the session KeepAlive hold timer, restarted
// by every PDU received, set to our proposed keepalive time until the
// Initializations are exchanged and to the negotiated one (the smaller
// proposal) after; KeepAlive says when to send the next KeepAlive (a third of
// the negotiated time, as IOS does).
//
// Left out: the exponential backoff of the active LSR after a rejected
// session (section 2.5.3; the edge decides when to connect again), Downstream
// on Demand (a DoD proposal is answered with Downstream Unsolicited, as the
// section's rule says for non-ATM, non-FR links), Label Range checks.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "ldp/codec/messages.hpp"

namespace l3vpn::ldp {

enum class SessionState { NonExistent, Initialized, OpenRec, OpenSent, Operational };
const char* to_string(SessionState s);

enum class SessionRole { Active, Passive };
const char* to_string(SessionRole r);
// Section 2.5.2: the higher transport address plays the active role.
SessionRole role_for(std::uint32_t local_transport_address, std::uint32_t peer_transport_address);

enum class SessionEvent {
  TcpConnected,            // the session's TCP connection is up (either side opened it)
  InitializationReceived,  // with SessionInput::initialization
  KeepAliveReceived,
  OtherMessageReceived,    // Address, Label...; message_id/message_type say which
  NotificationReceived,    // with SessionInput::notification
  KeepAliveTimerExpired,   // time to send a KeepAlive
  HoldTimerExpired,        // nothing heard from the peer for the hold time
  TcpClosed,
  Shutdown,                // local decision (config, adjacency lost)
};
const char* to_string(SessionEvent e);

enum class SessionTimer { KeepAlive, Hold };

struct SessionConfig {
  LdpId local;
  LdpId peer;                              // from the Hello adjacency
  std::uint32_t local_transport_address = 0;
  std::uint32_t peer_transport_address = 0;
  std::uint16_t keepalive_time = 180;      // proposed; IOS's default holdtime
  std::uint16_t max_pdu_length = 0;        // proposed; 255 or less: 4096
  // The smallest max PDU length we accept from the peer (section 3.5.3);
  // a smaller proposal is Session Rejected/Parameters Max PDU Length.
  std::uint16_t min_peer_max_pdu_length = 256;
};

// What the Initializations agreed.
struct NegotiatedSession {
  LdpId peer;
  std::uint16_t keepalive_time = 0;      // the hold time: the smaller proposal
  std::uint16_t keepalive_interval = 0;  // a third of it, at least 1 s
  std::uint16_t max_pdu_length = 0;      // the smaller effective proposal
  bool operator==(const NegotiatedSession&) const = default;
};

namespace session_action {
struct SendInitialization {
  Initialization message;
};
struct SendKeepAlive {};
struct SendNotification {
  Notification message;
};
struct StartTimer {
  SessionTimer timer = SessionTimer::Hold;
  std::chrono::seconds after{0};
};
struct StopTimer {
  SessionTimer timer = SessionTimer::Hold;
};
struct CloseConnection {};
struct Operational {  // the LIB sends the peer its addresses and mappings
  NegotiatedSession session;
};
struct Down {  // leaving Operational: the LIB forgets the peer's labels
  std::string reason;
};
}  // namespace session_action

using SessionAction =
    std::variant<session_action::SendInitialization, session_action::SendKeepAlive,
                 session_action::SendNotification, session_action::StartTimer,
                 session_action::StopTimer, session_action::CloseConnection,
                 session_action::Operational, session_action::Down>;

struct SessionInput {
  SessionEvent event = SessionEvent::TcpConnected;
  std::optional<Initialization> initialization;  // with InitializationReceived
  std::optional<Notification> notification;      // with NotificationReceived
  std::uint32_t message_id = 0;                  // with OtherMessageReceived
  std::uint16_t message_type = 0;                // with OtherMessageReceived

  static SessionInput of(SessionEvent e);
  static SessionInput received(const Initialization& m);
  static SessionInput received(const Notification& m);
  static SessionInput received_other(std::uint32_t id, MessageType type);
};

class SessionFsm {
 public:
  explicit SessionFsm(SessionConfig config);

  std::vector<SessionAction> step(const SessionInput& input);
  std::vector<SessionAction> step(SessionEvent event) { return step(SessionInput::of(event)); }

  SessionState state() const { return state_; }
  SessionRole role() const { return role_; }
  const std::optional<NegotiatedSession>& negotiated() const { return negotiated_; }
  const SessionConfig& config() const { return config_; }

  // The Initialization this LSR proposes.
  Initialization initialization() const;
  // Section 2.5.3: the status that rejects `m`, or nothing when acceptable.
  std::optional<StatusCode> check(const Initialization& m) const;

 private:
  void on_initialization(const Initialization& m, std::vector<SessionAction>& out);
  void open_timers(std::vector<SessionAction>& out) const;
  void notify_and_close(std::vector<SessionAction>& out, StatusCode status, std::string reason,
                        std::uint32_t message_id = 0, std::uint16_t message_type = 0);
  void close(std::vector<SessionAction>& out, std::string reason);

  SessionConfig config_;
  SessionRole role_;
  SessionState state_ = SessionState::NonExistent;
  std::optional<NegotiatedSession> negotiated_;
};

}  // namespace l3vpn::ldp
