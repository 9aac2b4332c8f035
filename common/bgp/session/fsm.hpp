// The BGP finite state machine of RFC 4271 section 8, for one connection.
//
// Pure: step(event) returns the actions the edge must carry out (send a
// message, open or drop the TCP connection, start or stop a timer, tell the
// RIB the session is up or down). It reads no clock and owns no socket, so a
// test drives it with events and checks the actions, and a manual clock
// decides when the timer events come.
//
// Events and states carry the RFC's names (section 8.1). Optional session
// attributes left out: DelayOpen, DampPeerOscillations, IdleHoldTimer
// (AutomaticStart after ConnectRetry is the daemon's job), SendNOTIFICATION-
// withoutOPEN. Collision detection between two connections to the same peer
// is in collision.hpp: it compares BGP identifiers across FSMs.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "bgp/codec/message.hpp"
#include "bgp/codec/open.hpp"

namespace l3vpn::bgp {

enum class SessionState { Idle, Connect, Active, OpenSent, OpenConfirm, Established };
const char* to_string(SessionState s);

// RFC 4271 section 8.1, with the numbers the RFC gives them.
enum class SessionEvent {
  ManualStart = 1,
  ManualStop = 2,
  AutomaticStart = 3,
  ManualStartWithPassiveTcpEstablishment = 4,
  AutomaticStartWithPassiveTcpEstablishment = 5,
  ConnectRetryTimerExpires = 9,
  HoldTimerExpires = 10,
  KeepaliveTimerExpires = 11,
  TcpCrAcked = 16,               // our connection attempt succeeded
  TcpConnectionConfirmed = 17,   // the peer's connection was accepted
  TcpConnectionFails = 18,
  BgpOpen = 19,
  BgpHeaderErr = 21,
  BgpOpenMsgErr = 22,
  OpenCollisionDump = 23,
  NotifMsgVerErr = 24,
  NotifMsg = 25,
  KeepAliveMsg = 26,
  UpdateMsg = 27,
  UpdateMsgErr = 28,
};

enum class SessionTimer { ConnectRetry, Hold, Keepalive };

struct SessionConfig {
  std::uint32_t local_as = 0;
  std::uint32_t router_id = 0;
  std::uint32_t peer_as = 0;
  std::vector<AfiSafi> families{kVpnv4Unicast};
  std::uint16_t hold_time = 180;  // Cisco's default; 0 means no keepalives
  std::uint16_t keepalive = 60;
  std::uint16_t connect_retry = 120;  // RFC 4271 section 10 suggests 120 s
  bool passive = false;
  bool extended_message = false;  // announce RFC 8654 (used only when both sides do)
};

// What both sides agreed in their OPENs.
struct NegotiatedSession {
  std::uint32_t peer_as = 0;
  std::uint32_t peer_router_id = 0;
  std::uint16_t hold_time = 0;
  std::uint16_t keepalive = 0;
  std::vector<AfiSafi> families;  // advertised by both; a VPNv4 route goes only where this has it
  bool four_octet_as = false;
  bool route_refresh = false;
  bool extended_message = false;
  bool operator==(const NegotiatedSession&) const = default;
};

namespace action {
struct Connect {};      // initiate a TCP connection to the peer
struct Listen {};       // accept the peer's connection (passive)
struct Disconnect {};   // drop the TCP connection
struct Send {
  std::vector<std::uint8_t> message;
  MessageType type;
};
struct StartTimer {
  SessionTimer timer;
  std::chrono::seconds after;
};
struct StopTimer {
  SessionTimer timer;
};
struct Established {
  NegotiatedSession session;
};
struct Down {  // leaving Established or OpenConfirm: the RIB drops the peer's routes
  std::string reason;
};
}  // namespace action

using SessionAction = std::variant<action::Connect, action::Listen, action::Disconnect, action::Send,
                                   action::StartTimer, action::StopTimer, action::Established,
                                   action::Down>;

struct SessionInput {
  SessionEvent event;
  std::optional<Open> open;                // with BgpOpen
  std::optional<Notification> notification;  // with NotifMsg
  std::optional<DecodeError> error;         // with BgpHeaderErr, BgpOpenMsgErr, UpdateMsgErr
};

class SessionFsm {
 public:
  explicit SessionFsm(SessionConfig config) : config_(std::move(config)) {}

  std::vector<SessionAction> step(const SessionInput& input);
  std::vector<SessionAction> step(SessionEvent event) { return step(SessionInput{event, {}, {}, {}}); }

  SessionState state() const { return state_; }
  const std::optional<NegotiatedSession>& negotiated() const { return negotiated_; }
  std::uint32_t connect_retry_counter() const { return connect_retry_counter_; }
  const SessionConfig& config() const { return config_; }

 private:
  void start(bool passive, std::vector<SessionAction>& out);
  void send_open(std::vector<SessionAction>& out) const;
  void to_idle(std::vector<SessionAction>& out, std::string reason, bool count_retry = true);
  void notify_and_idle(std::vector<SessionAction>& out, const Notification& n, std::string reason);
  std::optional<DecodeError> check_open(const Open& open) const;
  void accept_open(const Open& open, std::vector<SessionAction>& out);

  SessionConfig config_;
  SessionState state_ = SessionState::Idle;
  std::uint32_t connect_retry_counter_ = 0;
  std::optional<NegotiatedSession> negotiated_;
};

}  // namespace l3vpn::bgp
