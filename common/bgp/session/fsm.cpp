#include "bgp/session/fsm.hpp"

#include <algorithm>

namespace l3vpn::bgp {
namespace {

using std::chrono::seconds;

// RFC 4271 section 8.2.2: a large hold time while the OPEN is awaited.
constexpr std::uint16_t kOpenSentHoldTime = 240;

Notification fsm_error() { return Notification{ErrorCode::FsmError, 0, {}}; }

}  // namespace

const char* to_string(SessionState s) {
  switch (s) {
    case SessionState::Idle: return "Idle";
    case SessionState::Connect: return "Connect";
    case SessionState::Active: return "Active";
    case SessionState::OpenSent: return "OpenSent";
    case SessionState::OpenConfirm: return "OpenConfirm";
    case SessionState::Established: return "Established";
  }
  return "?";
}

void SessionFsm::start(bool passive, std::vector<SessionAction>& out) {
  connect_retry_counter_ = 0;
  out.push_back(action::StartTimer{SessionTimer::ConnectRetry, seconds(config_.connect_retry)});
  if (passive) {
    out.push_back(action::Listen{});
    state_ = SessionState::Active;
  } else {
    out.push_back(action::Connect{});
    state_ = SessionState::Connect;
  }
}

void SessionFsm::send_open(std::vector<SessionAction>& out) const {
  Open open = make_open(config_.local_as, config_.hold_time, config_.router_id, config_.families);
  open.capabilities.extended_message = config_.extended_message;
  out.push_back(action::Send{encode_open(open), MessageType::Open});
}

// Every path back to Idle releases the connection and the timers; leaving a
// session that had come up tells the RIB (RFC 4271 section 8.2.2,
// "releases all BGP resources").
void SessionFsm::to_idle(std::vector<SessionAction>& out, std::string reason, bool count_retry) {
  if (state_ == SessionState::Established || state_ == SessionState::OpenConfirm)
    out.push_back(action::Down{reason});
  out.push_back(action::StopTimer{SessionTimer::ConnectRetry});
  out.push_back(action::StopTimer{SessionTimer::Hold});
  out.push_back(action::StopTimer{SessionTimer::Keepalive});
  out.push_back(action::Disconnect{});
  if (count_retry) ++connect_retry_counter_;
  negotiated_.reset();
  state_ = SessionState::Idle;
}

void SessionFsm::notify_and_idle(std::vector<SessionAction>& out, const Notification& n,
                                 std::string reason) {
  out.push_back(action::Send{encode_notification(n), MessageType::Notification});
  to_idle(out, std::move(reason));
}

std::optional<DecodeError> SessionFsm::check_open(const Open& open) const {
  if (open.asn() != config_.peer_as) {
    std::vector<std::uint8_t> data{static_cast<std::uint8_t>(open.my_as >> 8),
                                   static_cast<std::uint8_t>(open.my_as)};
    return DecodeError{ErrorCode::OpenMessage, open_subcode::BadPeerAs, data,
                       "peer says AS " + std::to_string(open.asn()) + ", configured remote-as " +
                           std::to_string(config_.peer_as)};
  }
  // RFC 6286 section 2.1: within one AS the identifiers must differ.
  if (config_.peer_as == config_.local_as && open.bgp_identifier == config_.router_id)
    return DecodeError{ErrorCode::OpenMessage, open_subcode::BadBgpIdentifier, {},
                       "iBGP peer uses our own router ID"};
  return std::nullopt;
}

void SessionFsm::accept_open(const Open& open, std::vector<SessionAction>& out) {
  NegotiatedSession n;
  n.peer_as = open.asn();
  n.peer_router_id = open.bgp_identifier;
  // RFC 4271 section 4.2: the smaller hold time; keepalive a third of it, or less if configured.
  n.hold_time = std::min(config_.hold_time, open.hold_time);
  n.keepalive = n.hold_time == 0 ? 0
                                 : static_cast<std::uint16_t>(std::min<int>(config_.keepalive, n.hold_time / 3));
  for (const AfiSafi& f : config_.families)
    if (std::find(open.capabilities.multiprotocol.begin(), open.capabilities.multiprotocol.end(), f) !=
        open.capabilities.multiprotocol.end())
      n.families.push_back(f);
  // RFC 4760 section 8: a peer without the multiprotocol capability speaks IPv4 unicast only.
  if (open.capabilities.multiprotocol.empty() &&
      std::find(config_.families.begin(), config_.families.end(), kIpv4Unicast) != config_.families.end())
    n.families.push_back(kIpv4Unicast);
  n.four_octet_as = open.capabilities.four_octet_as.has_value();
  n.route_refresh = open.capabilities.route_refresh;
  n.extended_message = config_.extended_message && open.capabilities.extended_message;
  negotiated_ = n;

  out.push_back(action::StopTimer{SessionTimer::ConnectRetry});
  out.push_back(action::Send{encode_keepalive(), MessageType::Keepalive});
  if (n.hold_time > 0) {
    out.push_back(action::StartTimer{SessionTimer::Keepalive, seconds(n.keepalive)});
    out.push_back(action::StartTimer{SessionTimer::Hold, seconds(n.hold_time)});
  } else {
    out.push_back(action::StopTimer{SessionTimer::Hold});
  }
  state_ = SessionState::OpenConfirm;
}

std::vector<SessionAction> SessionFsm::step(const SessionInput& in) {
  std::vector<SessionAction> out;
  const SessionEvent e = in.event;
  bool start_event = e == SessionEvent::ManualStart || e == SessionEvent::AutomaticStart;
  bool passive_start = e == SessionEvent::ManualStartWithPassiveTcpEstablishment ||
                       e == SessionEvent::AutomaticStartWithPassiveTcpEstablishment;
  bool connected = e == SessionEvent::TcpCrAcked || e == SessionEvent::TcpConnectionConfirmed;

  if (e == SessionEvent::ManualStop) {
    if (state_ == SessionState::Idle) return out;  // section 8.2.2: ignored in Idle
    if (state_ >= SessionState::OpenSent)  // Cease, administrative shutdown (RFC 4486 subcode 2)
      out.push_back(action::Send{encode_notification(Notification{ErrorCode::Cease, 2, {}}),
                                 MessageType::Notification});
    to_idle(out, "administratively stopped", false);
    connect_retry_counter_ = 0;
    return out;
  }

  switch (state_) {
    case SessionState::Idle:
      if (start_event) start(config_.passive, out);
      else if (passive_start) start(true, out);
      // every other event is ignored in Idle
      return out;

    case SessionState::Connect:
    case SessionState::Active:
      if (start_event || passive_start) return out;
      if (e == SessionEvent::ConnectRetryTimerExpires) {
        out.push_back(action::Disconnect{});
        out.push_back(action::StartTimer{SessionTimer::ConnectRetry, seconds(config_.connect_retry)});
        if (config_.passive) {
          out.push_back(action::Listen{});
          state_ = SessionState::Active;
        } else {
          out.push_back(action::Connect{});
          state_ = SessionState::Connect;
        }
        return out;
      }
      if (connected) {
        out.push_back(action::StopTimer{SessionTimer::ConnectRetry});
        send_open(out);
        out.push_back(action::StartTimer{SessionTimer::Hold, seconds(kOpenSentHoldTime)});
        state_ = SessionState::OpenSent;
        return out;
      }
      if (e == SessionEvent::TcpConnectionFails) {
        if (state_ == SessionState::Connect) {
          // section 8.2.2: keep trying when the ConnectRetry timer fires, listening meanwhile
          out.push_back(action::Disconnect{});
          out.push_back(action::Listen{});
          state_ = SessionState::Active;
          return out;
        }
        to_idle(out, "TCP connection failed");
        return out;
      }
      if (e == SessionEvent::BgpHeaderErr || e == SessionEvent::BgpOpenMsgErr) {
        if (in.error) out.push_back(action::Send{encode_notification(to_notification(*in.error)), MessageType::Notification});
        to_idle(out, in.error ? in.error->reason : "malformed message");
        return out;
      }
      to_idle(out, "unexpected event in " + std::string(to_string(state_)));
      return out;

    case SessionState::OpenSent:
      if (start_event || passive_start) return out;
      if (e == SessionEvent::BgpOpen && in.open) {
        if (auto error = check_open(*in.open)) {
          notify_and_idle(out, to_notification(*error), error->reason);
          return out;
        }
        accept_open(*in.open, out);
        return out;
      }
      if (e == SessionEvent::TcpConnectionFails) {
        // section 8.2.2: close, restart ConnectRetry, and listen again
        out.push_back(action::Disconnect{});
        out.push_back(action::StopTimer{SessionTimer::Hold});
        out.push_back(action::StartTimer{SessionTimer::ConnectRetry, seconds(config_.connect_retry)});
        out.push_back(action::Listen{});
        state_ = SessionState::Active;
        return out;
      }
      break;

    case SessionState::OpenConfirm:
      if (start_event || passive_start) return out;
      if (e == SessionEvent::KeepAliveMsg) {
        out.push_back(action::StartTimer{SessionTimer::Hold, seconds(negotiated_->hold_time)});
        if (negotiated_->hold_time == 0) out.back() = action::StopTimer{SessionTimer::Hold};
        state_ = SessionState::Established;
        out.push_back(action::Established{*negotiated_});
        return out;
      }
      if (e == SessionEvent::KeepaliveTimerExpires) {
        out.push_back(action::Send{encode_keepalive(), MessageType::Keepalive});
        out.push_back(action::StartTimer{SessionTimer::Keepalive, seconds(negotiated_->keepalive)});
        return out;
      }
      break;

    case SessionState::Established:
      if (start_event || passive_start) return out;
      if (e == SessionEvent::KeepAliveMsg || e == SessionEvent::UpdateMsg) {
        // section 8.2.2: every KEEPALIVE or UPDATE restarts the hold timer
        if (negotiated_->hold_time > 0)
          out.push_back(action::StartTimer{SessionTimer::Hold, seconds(negotiated_->hold_time)});
        return out;
      }
      if (e == SessionEvent::KeepaliveTimerExpires) {
        out.push_back(action::Send{encode_keepalive(), MessageType::Keepalive});
        out.push_back(action::StartTimer{SessionTimer::Keepalive, seconds(negotiated_->keepalive)});
        return out;
      }
      if (e == SessionEvent::UpdateMsgErr) {
        if (in.error) notify_and_idle(out, to_notification(*in.error), in.error->reason);
        else notify_and_idle(out, Notification{ErrorCode::UpdateMessage, 0, {}}, "malformed UPDATE");
        return out;
      }
      break;
  }

  // Events shared by OpenSent, OpenConfirm and Established.
  switch (e) {
    case SessionEvent::HoldTimerExpires:
      notify_and_idle(out, Notification{ErrorCode::HoldTimerExpired, 0, {}}, "hold timer expired");
      return out;
    case SessionEvent::TcpConnectionFails:
      to_idle(out, "TCP connection closed");
      return out;
    case SessionEvent::NotifMsg:
    case SessionEvent::NotifMsgVerErr:
      to_idle(out, in.notification ? "NOTIFICATION received: code " +
                                         std::to_string(static_cast<int>(in.notification->code)) +
                                         " subcode " + std::to_string(in.notification->subcode)
                                   : "NOTIFICATION received");
      return out;
    case SessionEvent::BgpHeaderErr:
    case SessionEvent::BgpOpenMsgErr:
      if (in.error) notify_and_idle(out, to_notification(*in.error), in.error->reason);
      else to_idle(out, "malformed message");
      return out;
    case SessionEvent::OpenCollisionDump:  // section 6.8: Cease, connection collision resolution
      notify_and_idle(out, Notification{ErrorCode::Cease, 7, {}}, "connection collision");
      return out;
    default:
      notify_and_idle(out, fsm_error(), "unexpected event in " + std::string(to_string(state_)));
      return out;
  }
}

}  // namespace l3vpn::bgp
