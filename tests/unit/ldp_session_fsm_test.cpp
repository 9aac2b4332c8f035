// The LDP session FSM (RFC 5036 section 2.5.4) on the seed lab: R1 (P,
// 1.1.1.1) and R3 (PE, 3.3.3.3), transport address = loopback, so R3 is the
// active LSR (section 2.5.2). Timers run on a manual clock.
#include <doctest/doctest.h>

#include <deque>
#include <string>
#include <vector>

#include "core/manual_clock.hpp"
#include "ldp/session_fsm.hpp"

using namespace l3vpn::ldp;
using namespace std::chrono_literals;
namespace sa = session_action;

namespace {

constexpr std::uint32_t kR1 = 0x01010101;
constexpr std::uint32_t kR3 = 0x03030303;

SessionConfig config(std::uint32_t local, std::uint32_t peer, std::uint16_t keepalive = 180) {
  SessionConfig c;
  c.local = LdpId{local, 0};
  c.peer = LdpId{peer, 0};
  c.local_transport_address = local;
  c.peer_transport_address = peer;
  c.keepalive_time = keepalive;
  return c;
}

template <class T>
std::vector<T> all_of(const std::vector<SessionAction>& actions) {
  std::vector<T> out;
  for (const auto& a : actions)
    if (const auto* x = std::get_if<T>(&a)) out.push_back(*x);
  return out;
}

template <class T>
bool has(const std::vector<SessionAction>& actions) {
  return !all_of<T>(actions).empty();
}

// One router's end of the session: runs the FSM's actions, timers on the
// shared manual timer service, sends into `wire` for the other end.
struct End {
  std::string name;
  SessionFsm fsm;
  l3vpn::core::ManualTimerService& timers;
  std::deque<SessionInput>* wire = nullptr;  // toward the peer
  std::vector<SessionAction> log;
  std::vector<Notification> sent_notifications;
  int keepalives_sent = 0;
  bool operational = false;
  bool closed = false;

  void run(const SessionInput& in) { apply(fsm.step(in)); }

  void apply(const std::vector<SessionAction>& actions) {
    for (const auto& a : actions) {
      log.push_back(a);
      if (const auto* s = std::get_if<sa::SendInitialization>(&a)) {
        if (wire) wire->push_back(SessionInput::received(s->message));
      } else if (std::holds_alternative<sa::SendKeepAlive>(a)) {
        ++keepalives_sent;
        if (wire) wire->push_back(SessionInput::of(SessionEvent::KeepAliveReceived));
      } else if (const auto* n = std::get_if<sa::SendNotification>(&a)) {
        sent_notifications.push_back(n->message);
        if (wire) wire->push_back(SessionInput::received(n->message));
      } else if (const auto* t = std::get_if<sa::StartTimer>(&a)) {
        const SessionTimer timer = t->timer;
        timers.start(timer_name(timer), t->after, [this, timer] {
          run(SessionInput::of(timer == SessionTimer::Hold ? SessionEvent::HoldTimerExpired
                                                           : SessionEvent::KeepAliveTimerExpired));
        });
      } else if (const auto* stop = std::get_if<sa::StopTimer>(&a)) {
        timers.cancel(timer_name(stop->timer));
      } else if (std::holds_alternative<sa::Operational>(a)) {
        operational = true;
      } else if (std::holds_alternative<sa::Down>(a)) {
        operational = false;
      } else if (std::holds_alternative<sa::CloseConnection>(a)) {
        closed = true;
      }
    }
  }
  std::string timer_name(SessionTimer t) const {
    return name + (t == SessionTimer::Hold ? " hold" : " keepalive");
  }
};

// Delivers what each end sent until both wires are empty.
void pump(End& a, std::deque<SessionInput>& to_a, End& b, std::deque<SessionInput>& to_b) {
  while (!to_a.empty() || !to_b.empty()) {
    while (!to_b.empty()) {
      SessionInput in = to_b.front();
      to_b.pop_front();
      b.run(in);
    }
    while (!to_a.empty()) {
      SessionInput in = to_a.front();
      to_a.pop_front();
      a.run(in);
    }
  }
}

}  // namespace

TEST_CASE("ldp session: the higher transport address is active (RFC 5036 2.5.2)") {
  CHECK(role_for(kR3, kR1) == SessionRole::Active);
  CHECK(role_for(kR1, kR3) == SessionRole::Passive);
  CHECK(SessionFsm(config(kR1, kR3)).role() == SessionRole::Passive);
  CHECK(SessionFsm(config(kR3, kR1)).role() == SessionRole::Active);
}

TEST_CASE("ldp session: active R3 walks NON EXISTENT -> OPENSENT -> OPENREC -> OPERATIONAL") {
  SessionFsm r3(config(kR3, kR1));
  CHECK(r3.state() == SessionState::NonExistent);

  auto a = r3.step(SessionEvent::TcpConnected);
  CHECK(r3.state() == SessionState::OpenSent);
  auto inits = all_of<sa::SendInitialization>(a);
  REQUIRE(inits.size() == 1);
  CHECK(inits[0].message.receiver == LdpId{kR1, 0});
  CHECK(inits[0].message.keepalive_time == 180);
  auto starts = all_of<sa::StartTimer>(a);
  REQUIRE(starts.size() == 1);
  CHECK(starts[0].timer == SessionTimer::Hold);
  CHECK(starts[0].after == 180s);

  Initialization from_r1;
  from_r1.keepalive_time = 30;  // the smaller proposal wins
  from_r1.receiver = LdpId{kR3, 0};
  a = r3.step(SessionInput::received(from_r1));
  CHECK(r3.state() == SessionState::OpenRec);
  CHECK(has<sa::SendKeepAlive>(a));
  CHECK_FALSE(has<sa::SendInitialization>(a));  // ours went out already
  REQUIRE(r3.negotiated());
  CHECK(r3.negotiated()->keepalive_time == 30);
  CHECK(r3.negotiated()->keepalive_interval == 10);
  CHECK(r3.negotiated()->max_pdu_length == 4096);

  a = r3.step(SessionEvent::KeepAliveReceived);
  CHECK(r3.state() == SessionState::Operational);
  auto up = all_of<sa::Operational>(a);
  REQUIRE(up.size() == 1);
  CHECK(up[0].session.peer == LdpId{kR1, 0});
}

TEST_CASE("ldp session: passive R1 walks NON EXISTENT -> INITIALIZED -> OPENREC -> OPERATIONAL") {
  SessionFsm r1(config(kR1, kR3));
  auto a = r1.step(SessionEvent::TcpConnected);
  CHECK(r1.state() == SessionState::Initialized);
  CHECK_FALSE(has<sa::SendInitialization>(a));  // the passive LSR waits

  Initialization from_r3;
  from_r3.receiver = LdpId{kR1, 0};
  a = r1.step(SessionInput::received(from_r3));
  CHECK(r1.state() == SessionState::OpenRec);
  REQUIRE(a.size() >= 2);
  CHECK(std::holds_alternative<sa::SendInitialization>(a[0]));  // Initialization, then KeepAlive
  CHECK(std::holds_alternative<sa::SendKeepAlive>(a[1]));

  a = r1.step(SessionEvent::KeepAliveReceived);
  CHECK(r1.state() == SessionState::Operational);
  CHECK(has<sa::Operational>(a));
}

TEST_CASE("ldp session: R1 and R3 wired together come up, keep alive, and R1 sees R3 go silent") {
  l3vpn::core::ManualClock clock;
  l3vpn::core::ManualTimerService timers(clock);
  std::deque<SessionInput> to_r1, to_r3;
  End r1{"R1", SessionFsm(config(kR1, kR3)), timers, &to_r3, {}, {}, 0, false, false};
  End r3{"R3", SessionFsm(config(kR3, kR1)), timers, &to_r1, {}, {}, 0, false, false};

  r1.run(SessionInput::of(SessionEvent::TcpConnected));
  r3.run(SessionInput::of(SessionEvent::TcpConnected));
  pump(r1, to_r1, r3, to_r3);
  CHECK(r1.fsm.state() == SessionState::Operational);
  CHECK(r3.fsm.state() == SessionState::Operational);
  CHECK(r1.operational);
  CHECK(r3.operational);

  // KeepAlives every 60 s keep both ends up well past the 180 s hold time.
  for (int i = 0; i < 10; ++i) {
    timers.advance(60s);
    pump(r1, to_r1, r3, to_r3);
  }
  CHECK(r1.fsm.state() == SessionState::Operational);
  CHECK(r3.keepalives_sent >= 10);

  // R3 goes silent: nothing reaches R1 any more.
  r3.wire = nullptr;
  r3.timers.cancel("R3 keepalive");
  r3.timers.cancel("R3 hold");
  timers.advance(179s);
  pump(r1, to_r1, r3, to_r3);
  CHECK(r1.fsm.state() == SessionState::Operational);
  timers.advance(1s);
  CHECK(r1.fsm.state() == SessionState::NonExistent);
  CHECK_FALSE(r1.operational);
  CHECK(r1.closed);
  REQUIRE(r1.sent_notifications.size() == 1);
  CHECK(r1.sent_notifications[0].status_code ==
        static_cast<std::uint32_t>(StatusCode::KeepAliveTimerExpired));
  CHECK(r1.sent_notifications[0].fatal);
  CHECK(has<sa::Down>(r1.log));
  CHECK_FALSE(timers.is_running("R1 hold"));
  CHECK_FALSE(timers.is_running("R1 keepalive"));
}

TEST_CASE("ldp session: an unacceptable Initialization is a Session Rejected notification") {
  struct Case {
    const char* what;
    Initialization init;
    StatusCode status;
  };
  Initialization good;
  good.receiver = LdpId{kR1, 0};
  Initialization wrong_receiver = good;
  wrong_receiver.receiver = LdpId{kR1, 1};
  Initialization wrong_version = good;
  wrong_version.protocol_version = 2;
  Initialization zero_keepalive = good;
  zero_keepalive.keepalive_time = 0;
  Initialization small_pdu = good;
  small_pdu.max_pdu_length = 1000;
  const std::vector<Case> cases = {
      {"receiver is not us", wrong_receiver, StatusCode::SessionRejectedNoHello},
      {"protocol version 2", wrong_version, StatusCode::BadProtocolVersion},
      {"keepalive 0", zero_keepalive, StatusCode::SessionRejectedBadKeepAliveTime},
      {"max PDU 1000 < 1500", small_pdu, StatusCode::SessionRejectedMaxPduLength},
  };
  for (const Case& c : cases) {
    CAPTURE(c.what);
    for (bool active : {false, true}) {
      CAPTURE(active);
      SessionConfig cfg = active ? config(kR1, 0x00000001) : config(kR1, kR3);
      cfg.min_peer_max_pdu_length = 1500;
      SessionFsm fsm(cfg);
      fsm.step(SessionEvent::TcpConnected);
      CHECK(fsm.state() == (active ? SessionState::OpenSent : SessionState::Initialized));
      auto init = c.init;
      init.id = 7;
      auto a = fsm.step(SessionInput::received(init));
      CHECK(fsm.state() == SessionState::NonExistent);
      auto n = all_of<sa::SendNotification>(a);
      REQUIRE(n.size() == 1);
      CHECK(n[0].message.status_code == static_cast<std::uint32_t>(c.status));
      CHECK(n[0].message.fatal);
      CHECK(n[0].message.message_id == 7);
      CHECK(n[0].message.message_type == static_cast<std::uint16_t>(MessageType::Initialization));
      CHECK(has<sa::CloseConnection>(a));
      CHECK_FALSE(has<sa::Down>(a));  // never was operational
      CHECK_FALSE(has<sa::SendKeepAlive>(a));
    }
  }
}

TEST_CASE("ldp session: a label message before OPERATIONAL is a NAK and the session closes") {
  SessionFsm r1(config(kR1, kR3));
  r1.step(SessionEvent::TcpConnected);
  auto a = r1.step(SessionInput::received_other(9, MessageType::LabelMapping));
  CHECK(r1.state() == SessionState::NonExistent);
  auto n = all_of<sa::SendNotification>(a);
  REQUIRE(n.size() == 1);
  CHECK(n[0].message.status_code == static_cast<std::uint32_t>(StatusCode::Shutdown));
  CHECK(n[0].message.message_id == 9);
  CHECK(has<sa::CloseConnection>(a));
}

TEST_CASE("ldp session: Notifications, TCP close and shutdown in OPERATIONAL") {
  auto operational = [] {
    SessionFsm r3(config(kR3, kR1));
    r3.step(SessionEvent::TcpConnected);
    Initialization from_r1;
    from_r1.receiver = LdpId{kR3, 0};
    r3.step(SessionInput::received(from_r1));
    r3.step(SessionEvent::KeepAliveReceived);
    REQUIRE(r3.state() == SessionState::Operational);
    return r3;
  };

  SUBCASE("an advisory Notification restarts the hold timer and keeps the session") {
    SessionFsm r3 = operational();
    Notification n;
    n.status_code = static_cast<std::uint32_t>(StatusCode::UnknownFec);
    n.fatal = false;
    auto a = r3.step(SessionInput::received(n));
    CHECK(r3.state() == SessionState::Operational);
    auto starts = all_of<sa::StartTimer>(a);
    REQUIRE(starts.size() == 1);
    CHECK(starts[0].timer == SessionTimer::Hold);
  }
  SUBCASE("a fatal Notification closes without answering") {
    SessionFsm r3 = operational();
    Notification n;
    n.status_code = static_cast<std::uint32_t>(StatusCode::Shutdown);
    n.fatal = true;
    auto a = r3.step(SessionInput::received(n));
    CHECK(r3.state() == SessionState::NonExistent);
    CHECK(has<sa::Down>(a));
    CHECK_FALSE(has<sa::SendNotification>(a));
    CHECK(has<sa::CloseConnection>(a));
  }
  SUBCASE("TCP closed") {
    SessionFsm r3 = operational();
    auto a = r3.step(SessionEvent::TcpClosed);
    CHECK(r3.state() == SessionState::NonExistent);
    CHECK(has<sa::Down>(a));
    CHECK_FALSE(has<sa::SendNotification>(a));
  }
  SUBCASE("local shutdown sends Shutdown") {
    SessionFsm r3 = operational();
    auto a = r3.step(SessionEvent::Shutdown);
    CHECK(r3.state() == SessionState::NonExistent);
    auto n = all_of<sa::SendNotification>(a);
    REQUIRE(n.size() == 1);
    CHECK(n[0].message.status_code == static_cast<std::uint32_t>(StatusCode::Shutdown));
    CHECK(has<sa::Down>(a));
  }
  SUBCASE("label messages restart the hold timer") {
    SessionFsm r3 = operational();
    auto a = r3.step(SessionInput::received_other(4, MessageType::LabelMapping));
    CHECK(r3.state() == SessionState::Operational);
    CHECK(all_of<sa::StartTimer>(a).size() == 1);
  }
  SUBCASE("events in NON EXISTENT are ignored") {
    SessionFsm r1(config(kR1, kR3));
    CHECK(r1.step(SessionEvent::KeepAliveReceived).empty());
    CHECK(r1.step(SessionEvent::TcpClosed).empty());
    CHECK(r1.state() == SessionState::NonExistent);
  }
}
