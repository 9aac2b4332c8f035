// One BGP neighbor at work: the RFC 4271 FSM, its timers, message framing and
// decoding, counters. The transport and the routing side are interfaces and
// callbacks, so the same code runs over Asio TCP in a daemon and over netsim
// streams in the simulator and the scenario tests.
//
// Events in: start()/stop() (configuration), connected()/accepted()/
// connect_failed()/closed() (transport), received(bytes), timer expiry
// through the TimerService. Out: PeerTransport calls and PeerEvents.
// RFC 7606 is applied here: a treat-as-withdraw UPDATE reaches the routing
// side as withdrawals of all its NLRI; a session-reset one ends the session
// with its NOTIFICATION.
//
// After any failure the session restarts by itself after `idle_hold`
// (RFC 4271 section 8.1.1's IdleHoldTimer, AutomaticStart); after stop() it
// stays down. Single-threaded: call everything from the timer service's thread.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "bgp/codec/update.hpp"
#include "bgp/session/fsm.hpp"
#include "bgp/transport/message_framer.hpp"
#include "core/clock.hpp"

namespace l3vpn::bgp {

class PeerSession;

// The connection side of one peer. The transport reports back to the
// session it is attached to (connected, received, closed...).
class PeerTransport {
 public:
  virtual ~PeerTransport() = default;
  void attach(PeerSession& session) { session_ = &session; }
  // Try an outgoing connection; answer later with connected() or connect_failed().
  virtual void connect() = 0;
  // Queue a whole message; false when the connection cannot take it.
  virtual bool send(std::vector<std::uint8_t> message) = 0;
  virtual void disconnect() = 0;

 protected:
  PeerSession* session_ = nullptr;
};

struct PeerEvents {
  std::function<void(const NegotiatedSession&)> established;
  std::function<void(const std::string& reason)> down;
  std::function<void(const Update&)> update;  // Established only, RFC 7606 applied
  std::function<void(const RouteRefresh&)> route_refresh;
};

struct PeerCounters {
  std::uint64_t messages_received = 0;
  std::uint64_t messages_sent = 0;
  std::uint64_t updates_received = 0;
  std::uint64_t updates_sent = 0;
  std::uint64_t opens_received = 0;
  std::uint64_t opens_sent = 0;
  std::uint64_t notifications_received = 0;
  std::uint64_t notifications_sent = 0;
  std::uint64_t keepalives_received = 0;
  std::uint64_t keepalives_sent = 0;
  std::uint64_t route_refresh_received = 0;
  std::uint64_t route_refresh_sent = 0;
  std::uint64_t established = 0;  // times the session came up
  std::uint64_t dropped = 0;      // times it went down from Established or OpenConfirm
  std::uint64_t treat_as_withdraw = 0;
  std::uint64_t attributes_discarded = 0;
};

class PeerSession {
 public:
  PeerSession(SessionConfig config, core::TimerService& timers, const core::Clock& clock,
              std::string timer_prefix, PeerTransport& transport, PeerEvents events,
              core::Duration idle_hold = std::chrono::seconds(5));
  ~PeerSession();
  PeerSession(const PeerSession&) = delete;
  PeerSession& operator=(const PeerSession&) = delete;

  void start();  // ManualStart, or the passive variant when the config says so
  void stop();   // ManualStop: `neighbor X shutdown`, or the neighbor removed
  void connected();       // our connection attempt succeeded
  void accepted();        // the peer's connection was accepted for this session
  void connect_failed();
  // A new route toward the peer appeared (an IGP change): in Active, waiting
  // out ConnectRetry after a failed attempt, try again now, as the timer's
  // expiry would (event 9), instead of up to 120 s later. Elsewhere nothing.
  void retry_connect();
  void closed();          // the connection went away
  void received(std::span<const std::uint8_t> bytes);
  // The transport framed the stream itself and found a bad header: the same
  // as received() meeting it (the NOTIFICATION goes out, the session ends).
  void framing_error(const DecodeError& error);
  // The peer connected to us. The session takes the connection unless it is
  // Established or administratively down (then false: close it). Whatever
  // connection it had is dropped first; `adopt` then installs the new one in
  // the transport, before the OPEN goes out on it. Collision resolution
  // (which connection survives) is the speaker's, before calling this.
  bool take_incoming(const std::function<void()>& adopt);

  // Established only; false otherwise or when the transport refuses it.
  bool send_update(const Update& update);
  bool send_route_refresh(const RouteRefresh& refresh);

  SessionState state() const { return fsm_.state(); }
  const std::optional<NegotiatedSession>& negotiated() const { return fsm_.negotiated(); }
  const PeerCounters& counters() const { return counters_; }
  const std::string& last_error() const { return last_error_; }
  // Why the session last went down (kept once it is up again); empty: never.
  const std::string& last_reset() const { return last_reset_; }
  // When the session last came up or went down; nothing if it never came up.
  std::optional<core::TimePoint> last_change() const { return last_change_; }
  bool admin_down() const { return admin_down_; }
  const SessionConfig& config() const { return fsm_.config(); }

 private:
  void step(const SessionInput& input);
  void step(SessionEvent event) { step(SessionInput{event, {}, {}, {}}); }
  void execute(const SessionAction& action);
  void handle(const FramedMessage& message);
  void count_received(MessageType type);
  void handle_update(std::span<const std::uint8_t> body);
  std::string timer_name(SessionTimer timer) const;
  void send_message(std::vector<std::uint8_t> message, MessageType type);

  SessionFsm fsm_;
  core::TimerService& timers_;
  const core::Clock& clock_;
  std::string prefix_;
  PeerTransport& transport_;
  PeerEvents events_;
  core::Duration idle_hold_;
  MessageFramer framer_;
  PeerCounters counters_;
  std::string last_error_;
  std::string last_reset_;
  std::optional<core::TimePoint> last_change_;
  bool admin_down_ = true;
};

}  // namespace l3vpn::bgp
