#include "ldp/session_fsm.hpp"

#include <algorithm>

namespace l3vpn::ldp {
namespace {

using std::chrono::seconds;

std::string hex(std::uint32_t v) {
  static const char* digits = "0123456789abcdef";
  std::string s = "0x";
  for (int shift = 28; shift >= 0; shift -= 4) s += digits[(v >> shift) & 0xF];
  return s;
}

}  // namespace

const char* to_string(SessionState s) {
  switch (s) {
    case SessionState::NonExistent: return "NON EXISTENT";
    case SessionState::Initialized: return "INITIALIZED";
    case SessionState::OpenRec: return "OPENREC";
    case SessionState::OpenSent: return "OPENSENT";
    case SessionState::Operational: return "OPERATIONAL";
  }
  return "?";
}

const char* to_string(SessionRole r) { return r == SessionRole::Active ? "active" : "passive"; }

SessionRole role_for(std::uint32_t local_transport_address, std::uint32_t peer_transport_address) {
  return local_transport_address > peer_transport_address ? SessionRole::Active : SessionRole::Passive;
}

const char* to_string(SessionEvent e) {
  switch (e) {
    case SessionEvent::TcpConnected: return "TCP connected";
    case SessionEvent::InitializationReceived: return "Initialization received";
    case SessionEvent::KeepAliveReceived: return "KeepAlive received";
    case SessionEvent::OtherMessageReceived: return "message received";
    case SessionEvent::NotificationReceived: return "Notification received";
    case SessionEvent::KeepAliveTimerExpired: return "KeepAlive timer expired";
    case SessionEvent::HoldTimerExpired: return "hold timer expired";
    case SessionEvent::TcpClosed: return "TCP closed";
    case SessionEvent::Shutdown: return "shutdown";
  }
  return "?";
}

SessionInput SessionInput::of(SessionEvent e) {
  SessionInput in;
  in.event = e;
  return in;
}

SessionInput SessionInput::received(const Initialization& m) {
  SessionInput in = of(SessionEvent::InitializationReceived);
  in.initialization = m;
  in.message_id = m.id;
  in.message_type = static_cast<std::uint16_t>(MessageType::Initialization);
  return in;
}

SessionInput SessionInput::received(const Notification& m) {
  SessionInput in = of(SessionEvent::NotificationReceived);
  in.notification = m;
  in.message_id = m.id;
  in.message_type = static_cast<std::uint16_t>(MessageType::Notification);
  return in;
}

SessionInput SessionInput::received_other(std::uint32_t id, MessageType type) {
  SessionInput in = of(SessionEvent::OtherMessageReceived);
  in.message_id = id;
  in.message_type = static_cast<std::uint16_t>(type);
  return in;
}

SessionFsm::SessionFsm(SessionConfig config)
    : config_(config),
      role_(role_for(config.local_transport_address, config.peer_transport_address)) {}

Initialization SessionFsm::initialization() const {
  Initialization m;
  m.keepalive_time = config_.keepalive_time;
  m.max_pdu_length = config_.max_pdu_length;
  m.receiver = config_.peer;
  return m;
}

std::optional<StatusCode> SessionFsm::check(const Initialization& m) const {
  if (m.protocol_version != kProtocolVersion) return StatusCode::BadProtocolVersion;
  if (m.keepalive_time == 0) return StatusCode::SessionRejectedBadKeepAliveTime;
  // Section 2.5.3: an Initialization that matches no Hello adjacency of ours.
  if (m.receiver != config_.local) return StatusCode::SessionRejectedNoHello;
  if (m.effective_max_pdu_length() < config_.min_peer_max_pdu_length)
    return StatusCode::SessionRejectedMaxPduLength;
  return std::nullopt;
}

void SessionFsm::open_timers(std::vector<SessionAction>& out) const {
  out.push_back(session_action::StartTimer{SessionTimer::KeepAlive, seconds(negotiated_->keepalive_interval)});
  out.push_back(session_action::StartTimer{SessionTimer::Hold, seconds(negotiated_->keepalive_time)});
}

// Every way back to NON EXISTENT stops the timers and closes the connection;
// leaving OPERATIONAL tells the LIB.
void SessionFsm::close(std::vector<SessionAction>& out, std::string reason) {
  if (state_ == SessionState::Operational) out.push_back(session_action::Down{std::move(reason)});
  out.push_back(session_action::StopTimer{SessionTimer::KeepAlive});
  out.push_back(session_action::StopTimer{SessionTimer::Hold});
  out.push_back(session_action::CloseConnection{});
  negotiated_.reset();
  state_ = SessionState::NonExistent;
}

void SessionFsm::notify_and_close(std::vector<SessionAction>& out, StatusCode status,
                                  std::string reason, std::uint32_t message_id,
                                  std::uint16_t message_type) {
  Notification n;
  n.status_code = static_cast<std::uint32_t>(status);
  n.fatal = is_fatal(status);
  n.message_id = message_id;
  n.message_type = message_type;
  out.push_back(session_action::SendNotification{n});
  close(out, std::move(reason));
}

void SessionFsm::on_initialization(const Initialization& m, std::vector<SessionAction>& out) {
  if (auto status = check(m)) {
    notify_and_close(out, *status, "Initialization rejected: status " + hex(static_cast<std::uint32_t>(*status)),
                     m.id, static_cast<std::uint16_t>(MessageType::Initialization));
    return;
  }
  NegotiatedSession n;
  n.peer = config_.peer;
  n.keepalive_time = std::min(config_.keepalive_time, m.keepalive_time);
  n.keepalive_interval = static_cast<std::uint16_t>(std::max(1, n.keepalive_time / 3));
  Initialization ours = initialization();
  n.max_pdu_length = std::min(ours.effective_max_pdu_length(), m.effective_max_pdu_length());
  negotiated_ = n;

  // INITIALIZED (passive): answer with our Initialization; both roles then send a KeepAlive.
  if (state_ == SessionState::Initialized) out.push_back(session_action::SendInitialization{ours});
  out.push_back(session_action::SendKeepAlive{});
  open_timers(out);
  state_ = SessionState::OpenRec;
}

std::vector<SessionAction> SessionFsm::step(const SessionInput& in) {
  std::vector<SessionAction> out;
  const SessionEvent e = in.event;

  // Events with the same answer in every state but NON EXISTENT.
  if (state_ != SessionState::NonExistent) {
    switch (e) {
      case SessionEvent::TcpClosed:
        close(out, "TCP connection closed");
        return out;
      case SessionEvent::Shutdown:
        notify_and_close(out, StatusCode::Shutdown, "shut down");
        return out;
      case SessionEvent::HoldTimerExpired:
        notify_and_close(out, StatusCode::KeepAliveTimerExpired, "KeepAlive hold timer expired");
        return out;
      case SessionEvent::NotificationReceived: {
        const bool fatal = !in.notification || in.notification->fatal;
        if (fatal) {
          close(out, in.notification ? "Notification received: status " + hex(in.notification->status_code)
                                     : "Notification received");
          return out;
        }
        // Advisory (section 3.5.1.1): any PDU received restarts the hold timer.
        const std::uint16_t hold = negotiated_ ? negotiated_->keepalive_time : config_.keepalive_time;
        out.push_back(session_action::StartTimer{SessionTimer::Hold, seconds(hold)});
        return out;
      }
      default:
        break;
    }
  }

  switch (state_) {
    case SessionState::NonExistent:
      if (e == SessionEvent::TcpConnected) {
        state_ = SessionState::Initialized;
        out.push_back(session_action::StartTimer{SessionTimer::Hold, seconds(config_.keepalive_time)});
        if (role_ == SessionRole::Active) {
          out.push_back(session_action::SendInitialization{initialization()});
          state_ = SessionState::OpenSent;
        }
      }
      // everything else: no session, nothing to do
      return out;

    case SessionState::Initialized:  // passive: waiting for the peer's Initialization
    case SessionState::OpenSent:     // active: our Initialization is out
      if (e == SessionEvent::InitializationReceived && in.initialization) {
        on_initialization(*in.initialization, out);
        return out;
      }
      break;

    case SessionState::OpenRec:
      if (e == SessionEvent::KeepAliveReceived) {
        out.push_back(session_action::StartTimer{SessionTimer::Hold, seconds(negotiated_->keepalive_time)});
        state_ = SessionState::Operational;
        out.push_back(session_action::Operational{*negotiated_});
        return out;
      }
      if (e == SessionEvent::KeepAliveTimerExpired) {
        out.push_back(session_action::SendKeepAlive{});
        out.push_back(session_action::StartTimer{SessionTimer::KeepAlive, seconds(negotiated_->keepalive_interval)});
        return out;
      }
      break;

    case SessionState::Operational:
      if (e == SessionEvent::KeepAliveReceived || e == SessionEvent::OtherMessageReceived) {
        out.push_back(session_action::StartTimer{SessionTimer::Hold, seconds(negotiated_->keepalive_time)});
        return out;
      }
      if (e == SessionEvent::KeepAliveTimerExpired) {
        out.push_back(session_action::SendKeepAlive{});
        out.push_back(session_action::StartTimer{SessionTimer::KeepAlive, seconds(negotiated_->keepalive_interval)});
        return out;
      }
      break;
  }

  // Section 2.5.4: any other message before OPERATIONAL is answered with a
  // NAK and the session closes; a stray timer or connect event likewise.
  notify_and_close(out, StatusCode::Shutdown,
                   std::string(to_string(e)) + " in " + to_string(state_), in.message_id,
                   in.message_type);
  return out;
}

}  // namespace l3vpn::ldp
