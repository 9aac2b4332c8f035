#include "bgp/speaker/peer_session.hpp"

#include "bgp/codec/open.hpp"

namespace l3vpn::bgp {
namespace {

// RFC 7606 section 2: treat-as-withdraw turns every NLRI of the UPDATE into
// a withdrawal, and keeps nothing of its attributes.
Update as_withdrawal(const Update& u) {
  Update w;
  w.withdrawn = u.withdrawn;
  w.withdrawn.insert(w.withdrawn.end(), u.nlri.begin(), u.nlri.end());
  if (u.mp_unreach) w.mp_unreach = u.mp_unreach;
  if (u.mp_reach) {
    if (!w.mp_unreach) w.mp_unreach = MpUnreach{u.mp_reach->family, {}, {}};
    if (w.mp_unreach->family == u.mp_reach->family) {
      auto& into = *w.mp_unreach;
      into.ipv4.insert(into.ipv4.end(), u.mp_reach->ipv4.begin(), u.mp_reach->ipv4.end());
      into.vpn.insert(into.vpn.end(), u.mp_reach->vpn.begin(), u.mp_reach->vpn.end());
    }
  }
  return w;
}

}  // namespace

PeerSession::PeerSession(SessionConfig config, core::TimerService& timers, const core::Clock& clock,
                         std::string timer_prefix, PeerTransport& transport, PeerEvents events,
                         core::Duration idle_hold)
    : fsm_(std::move(config)),
      timers_(timers),
      clock_(clock),
      prefix_(std::move(timer_prefix)),
      transport_(transport),
      events_(std::move(events)),
      idle_hold_(idle_hold) {
  transport_.attach(*this);
}

PeerSession::~PeerSession() {
  for (auto t : {SessionTimer::ConnectRetry, SessionTimer::Hold, SessionTimer::Keepalive})
    timers_.cancel(timer_name(t));
  timers_.cancel(prefix_ + "idle-hold");
}

std::string PeerSession::timer_name(SessionTimer timer) const {
  switch (timer) {
    case SessionTimer::ConnectRetry: return prefix_ + "connect-retry";
    case SessionTimer::Hold: return prefix_ + "hold";
    case SessionTimer::Keepalive: return prefix_ + "keepalive";
  }
  return prefix_ + "?";
}

void PeerSession::start() {
  admin_down_ = false;
  step(fsm_.config().passive ? SessionEvent::ManualStartWithPassiveTcpEstablishment : SessionEvent::ManualStart);
}

void PeerSession::stop() {
  admin_down_ = true;
  timers_.cancel(prefix_ + "idle-hold");
  step(SessionEvent::ManualStop);
}

bool PeerSession::take_incoming(const std::function<void()>& adopt) {
  if (admin_down_ || fsm_.state() == SessionState::Established) return false;
  switch (fsm_.state()) {
    case SessionState::Idle:  // waiting to restart: start now, passively
      timers_.cancel(prefix_ + "idle-hold");
      step(SessionEvent::AutomaticStartWithPassiveTcpEstablishment);
      break;
    case SessionState::Connect:  // our attempt is still pending: abandon it
      transport_.disconnect();
      break;
    case SessionState::OpenSent:
    case SessionState::OpenConfirm: {
      // The speaker chose the peer's connection over ours (RFC 4271 6.8):
      // ours goes without a trace of the FSM it had.
      transport_.disconnect();
      for (auto t : {SessionTimer::ConnectRetry, SessionTimer::Hold, SessionTimer::Keepalive})
        timers_.cancel(timer_name(t));
      SessionConfig config = fsm_.config();
      fsm_ = SessionFsm(config);
      step(SessionEvent::AutomaticStartWithPassiveTcpEstablishment);
      break;
    }
    default:
      break;
  }
  framer_ = MessageFramer();
  adopt();
  step(SessionEvent::TcpConnectionConfirmed);
  return true;
}

void PeerSession::connected() { step(SessionEvent::TcpCrAcked); }
void PeerSession::accepted() { step(SessionEvent::TcpConnectionConfirmed); }
void PeerSession::connect_failed() { step(SessionEvent::TcpConnectionFails); }
void PeerSession::closed() { step(SessionEvent::TcpConnectionFails); }
void PeerSession::retry_connect() {
  if (fsm_.state() == SessionState::Active) step(SessionEvent::ConnectRetryTimerExpires);
}

void PeerSession::step(const SessionInput& input) {
  SessionState before = fsm_.state();
  for (const SessionAction& action : fsm_.step(input)) execute(action);
  // IdleHoldTimer: a session that fell back to Idle on its own tries again.
  if (fsm_.state() == SessionState::Idle && before != SessionState::Idle && !admin_down_) {
    timers_.start(prefix_ + "idle-hold", idle_hold_, [this] {
      if (!admin_down_) step(SessionEvent::AutomaticStart);
    });
  }
}

void PeerSession::send_message(std::vector<std::uint8_t> message, MessageType type) {
  if (transport_.send(std::move(message))) {
    ++counters_.messages_sent;
    switch (type) {
      case MessageType::Open: ++counters_.opens_sent; break;
      case MessageType::Update: ++counters_.updates_sent; break;
      case MessageType::Notification: ++counters_.notifications_sent; break;
      case MessageType::Keepalive: ++counters_.keepalives_sent; break;
      case MessageType::RouteRefresh: ++counters_.route_refresh_sent; break;
    }
  }
}

void PeerSession::execute(const SessionAction& action) {
  if (std::holds_alternative<action::Connect>(action)) {
    framer_ = MessageFramer();
    transport_.connect();
  } else if (std::holds_alternative<action::Disconnect>(action)) {
    transport_.disconnect();
    framer_ = MessageFramer();
  } else if (const auto* send = std::get_if<action::Send>(&action)) {
    send_message(send->message, send->type);
  } else if (const auto* start = std::get_if<action::StartTimer>(&action)) {
    SessionTimer timer = start->timer;
    SessionEvent event = timer == SessionTimer::ConnectRetry ? SessionEvent::ConnectRetryTimerExpires
                         : timer == SessionTimer::Hold       ? SessionEvent::HoldTimerExpires
                                                             : SessionEvent::KeepaliveTimerExpires;
    timers_.start(timer_name(timer), start->after, [this, event] { step(event); });
  } else if (const auto* stop_timer = std::get_if<action::StopTimer>(&action)) {
    timers_.cancel(timer_name(stop_timer->timer));
  } else if (const auto* up = std::get_if<action::Established>(&action)) {
    ++counters_.established;
    last_change_ = clock_.now();
    last_error_.clear();
    if (events_.established) events_.established(up->session);
  } else if (const auto* down = std::get_if<action::Down>(&action)) {
    ++counters_.dropped;
    last_change_ = clock_.now();
    last_error_ = down->reason;
    last_reset_ = down->reason;
    if (events_.down) events_.down(down->reason);
  }
  // Listen: the speaker's listener is always open; an accepted connection
  // is matched to this session by the peer's address.
}

void PeerSession::received(std::span<const std::uint8_t> bytes) {
  framer_.append(bytes);
  while (true) {
    auto next = framer_.next();
    if (!next) return;
    if (failed(*next)) {
      const DecodeError& e = std::get<DecodeError>(*next);
      last_error_ = e.reason;
      step(SessionInput{SessionEvent::BgpHeaderErr, {}, {}, e});
      return;
    }
    ++counters_.messages_received;
    count_received(std::get<FramedMessage>(*next).header.type);
    handle(std::get<FramedMessage>(*next));
    if (fsm_.state() == SessionState::Idle) return;  // the session ended on this message
  }
}

void PeerSession::framing_error(const DecodeError& error) {
  last_error_ = error.reason;
  step(SessionInput{SessionEvent::BgpHeaderErr, {}, {}, error});
}

void PeerSession::count_received(MessageType type) {
  switch (type) {
    case MessageType::Open: ++counters_.opens_received; break;
    case MessageType::Update: break;  // counted where it is handled
    case MessageType::Notification: ++counters_.notifications_received; break;
    case MessageType::Keepalive: ++counters_.keepalives_received; break;
    case MessageType::RouteRefresh: ++counters_.route_refresh_received; break;
  }
}

void PeerSession::handle(const FramedMessage& message) {
  std::span<const std::uint8_t> body(message.bytes.data() + kHeaderLength, message.bytes.size() - kHeaderLength);
  switch (message.header.type) {
    case MessageType::Open: {
      auto open = decode_open(body);
      if (failed(open)) {
        last_error_ = std::get<DecodeError>(open).reason;
        step(SessionInput{SessionEvent::BgpOpenMsgErr, {}, {}, std::get<DecodeError>(open)});
        return;
      }
      step(SessionInput{SessionEvent::BgpOpen, std::get<Open>(open), {}, {}});
      return;
    }
    case MessageType::Keepalive:
      step(SessionEvent::KeepAliveMsg);
      return;
    case MessageType::Notification: {
      auto n = decode_notification(body);
      std::optional<Notification> notification;
      if (!failed(n)) notification = std::get<Notification>(n);
      step(SessionInput{SessionEvent::NotifMsg, {}, notification, {}});
      return;
    }
    case MessageType::Update:
      handle_update(body);
      return;
    case MessageType::RouteRefresh: {
      if (fsm_.state() != SessionState::Established) return;
      auto rr = decode_route_refresh(body);
      if (failed(rr)) {
        step(SessionInput{SessionEvent::UpdateMsgErr, {}, {}, std::get<DecodeError>(rr)});
        return;
      }
      if (events_.route_refresh) events_.route_refresh(std::get<RouteRefresh>(rr));
      return;
    }
  }
}

void PeerSession::handle_update(std::span<const std::uint8_t> body) {
  if (fsm_.state() != SessionState::Established) {
    step(SessionEvent::UpdateMsg);  // an FSM error before Established
    return;
  }
  ++counters_.updates_received;
  SessionCodecOptions options{fsm_.negotiated()->four_octet_as};
  UpdateDecodeResult result = decode_update(body, options);
  if (result.action == ErrorAction::SessionReset) {
    last_error_ = result.error ? result.error->reason : "malformed UPDATE";
    step(SessionInput{SessionEvent::UpdateMsgErr, {}, {}, result.error});
    return;
  }
  step(SessionEvent::UpdateMsg);  // restarts the hold timer
  if (result.action == ErrorAction::TreatAsWithdraw) {
    ++counters_.treat_as_withdraw;
    last_error_ = result.reasons.empty() ? "treat-as-withdraw" : result.reasons.front();
    if (events_.update) events_.update(as_withdrawal(result.update));
    return;
  }
  if (result.action == ErrorAction::AttributeDiscard) ++counters_.attributes_discarded;
  if (events_.update) events_.update(result.update);
}

bool PeerSession::send_update(const Update& update) {
  if (fsm_.state() != SessionState::Established) return false;
  SessionCodecOptions options{fsm_.negotiated()->four_octet_as};
  std::vector<std::uint8_t> wire = encode_update(update, options);
  std::size_t max = fsm_.negotiated()->extended_message ? kMaxExtendedMessageLength : kMaxMessageLength;
  if (wire.size() > max) return false;  // the packer keeps within the limit; never send a bad length
  std::size_t before = counters_.messages_sent;
  send_message(std::move(wire), MessageType::Update);
  return counters_.messages_sent != before;
}

bool PeerSession::send_route_refresh(const RouteRefresh& refresh) {
  if (fsm_.state() != SessionState::Established || !fsm_.negotiated()->route_refresh) return false;
  std::size_t before = counters_.messages_sent;
  send_message(encode_route_refresh(refresh), MessageType::RouteRefresh);
  return counters_.messages_sent != before;
}

}  // namespace l3vpn::bgp
