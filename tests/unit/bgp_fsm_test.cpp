// The RFC 4271 FSM replayed event by event: each scenario is the life of one
// session between R3 (AS 65103, 3.3.3.3) and R2 (2.2.2.2) of the seed lab.
#include <doctest/doctest.h>

#include "bgp/session/collision.hpp"
#include "bgp/session/fsm.hpp"

using namespace l3vpn::bgp;
using namespace std::chrono_literals;

namespace {

SessionConfig r3_to_r2() {
  SessionConfig c;
  c.local_as = 65103;
  c.router_id = 0x03030303;
  c.peer_as = 65103;
  c.families = {kVpnv4Unicast};
  return c;
}

Open r2_open(std::uint16_t hold = 180, std::vector<AfiSafi> families = {kVpnv4Unicast, kIpv4Unicast}) {
  return make_open(65103, hold, 0x02020202, std::move(families));
}

template <class A>
const A* find(const std::vector<SessionAction>& actions) {
  for (const auto& a : actions)
    if (const A* x = std::get_if<A>(&a)) return x;
  return nullptr;
}

std::vector<MessageType> sent(const std::vector<SessionAction>& actions) {
  std::vector<MessageType> types;
  for (const auto& a : actions)
    if (const auto* s = std::get_if<action::Send>(&a)) types.push_back(s->type);
  return types;
}

std::optional<std::chrono::seconds> started(const std::vector<SessionAction>& actions, SessionTimer t) {
  for (const auto& a : actions)
    if (const auto* s = std::get_if<action::StartTimer>(&a); s && s->timer == t) return s->after;
  return std::nullopt;
}

SessionInput open_event(Open open) { return SessionInput{SessionEvent::BgpOpen, std::move(open), {}, {}}; }

// Drives a fresh FSM to Established.
SessionFsm established(SessionConfig config = r3_to_r2(), Open peer = r2_open()) {
  SessionFsm fsm(std::move(config));
  fsm.step(SessionEvent::ManualStart);
  fsm.step(SessionEvent::TcpCrAcked);
  fsm.step(open_event(std::move(peer)));
  fsm.step(SessionEvent::KeepAliveMsg);
  REQUIRE(fsm.state() == SessionState::Established);
  return fsm;
}

}  // namespace

TEST_CASE("an active session comes up: Idle, Connect, OpenSent, OpenConfirm, Established") {
  SessionFsm fsm(r3_to_r2());

  auto a = fsm.step(SessionEvent::ManualStart);
  CHECK(fsm.state() == SessionState::Connect);
  CHECK(find<action::Connect>(a));
  CHECK(started(a, SessionTimer::ConnectRetry) == 120s);

  a = fsm.step(SessionEvent::TcpCrAcked);
  CHECK(fsm.state() == SessionState::OpenSent);
  CHECK(sent(a) == std::vector{MessageType::Open});
  CHECK(started(a, SessionTimer::Hold) == 240s);  // large hold time until the OPEN arrives

  a = fsm.step(open_event(r2_open(90)));
  CHECK(fsm.state() == SessionState::OpenConfirm);
  CHECK(sent(a) == std::vector{MessageType::Keepalive});
  CHECK(started(a, SessionTimer::Hold) == 90s);       // the smaller of 180 and 90
  CHECK(started(a, SessionTimer::Keepalive) == 30s);  // a third of it

  a = fsm.step(SessionEvent::KeepAliveMsg);
  CHECK(fsm.state() == SessionState::Established);
  const auto* up = find<action::Established>(a);
  REQUIRE(up);
  CHECK(up->session.peer_router_id == 0x02020202u);
  CHECK(up->session.families == std::vector{kVpnv4Unicast});  // only what both sides announced
  CHECK(up->session.four_octet_as);
  CHECK(up->session.route_refresh);
}

TEST_CASE("a passive session waits in Active for the peer's connection") {
  SessionConfig c = r3_to_r2();
  c.passive = true;
  SessionFsm fsm(c);
  auto a = fsm.step(SessionEvent::ManualStart);
  CHECK(fsm.state() == SessionState::Active);
  CHECK(find<action::Listen>(a));
  CHECK_FALSE(find<action::Connect>(a));
  a = fsm.step(SessionEvent::TcpConnectionConfirmed);
  CHECK(fsm.state() == SessionState::OpenSent);
}

TEST_CASE("a failed connect falls back to Active and retries when ConnectRetry fires") {
  SessionFsm fsm(r3_to_r2());
  fsm.step(SessionEvent::ManualStart);
  fsm.step(SessionEvent::TcpConnectionFails);
  CHECK(fsm.state() == SessionState::Active);
  auto a = fsm.step(SessionEvent::ConnectRetryTimerExpires);
  CHECK(fsm.state() == SessionState::Connect);
  CHECK(find<action::Connect>(a));
  CHECK(started(a, SessionTimer::ConnectRetry) == 120s);
}

TEST_CASE("an OPEN from the wrong AS is answered with Bad Peer AS") {
  SessionFsm fsm(r3_to_r2());
  fsm.step(SessionEvent::ManualStart);
  fsm.step(SessionEvent::TcpCrAcked);
  auto a = fsm.step(open_event(make_open(65001, 180, 0x02020202, {kVpnv4Unicast})));
  CHECK(fsm.state() == SessionState::Idle);
  const auto* s = find<action::Send>(a);
  REQUIRE(s);
  CHECK(s->type == MessageType::Notification);
  CHECK(s->message[19] == 2);  // OPEN Message Error
  CHECK(s->message[20] == 2);  // Bad Peer AS
  CHECK(find<action::Disconnect>(a));
  CHECK_FALSE(find<action::Down>(a));  // it never came up
  CHECK(fsm.connect_retry_counter() == 1);
}

TEST_CASE("an iBGP peer using our own router ID is refused") {
  SessionFsm fsm(r3_to_r2());
  fsm.step(SessionEvent::ManualStart);
  fsm.step(SessionEvent::TcpCrAcked);
  auto a = fsm.step(open_event(make_open(65103, 180, 0x03030303, {kVpnv4Unicast})));
  const auto* s = find<action::Send>(a);
  REQUIRE(s);
  CHECK(s->message[20] == open_subcode::BadBgpIdentifier);
}

TEST_CASE("keepalives flow, and silence past the hold time tears the session down") {
  SessionFsm fsm = established();
  auto a = fsm.step(SessionEvent::KeepaliveTimerExpires);
  CHECK(sent(a) == std::vector{MessageType::Keepalive});
  CHECK(started(a, SessionTimer::Keepalive) == 60s);

  a = fsm.step(SessionEvent::UpdateMsg);
  CHECK(started(a, SessionTimer::Hold) == 180s);  // an UPDATE restarts the hold timer

  a = fsm.step(SessionEvent::HoldTimerExpires);
  CHECK(fsm.state() == SessionState::Idle);
  CHECK(sent(a) == std::vector{MessageType::Notification});
  CHECK(std::get<action::Send>(a.front()).message[19] == 4);  // Hold Timer Expired
  const auto* down = find<action::Down>(a);
  REQUIRE(down);
  CHECK(down->reason == "hold timer expired");
  CHECK_FALSE(fsm.negotiated().has_value());
}

TEST_CASE("a hold time of zero means no keepalives at all") {
  SessionFsm fsm(r3_to_r2());
  fsm.step(SessionEvent::ManualStart);
  fsm.step(SessionEvent::TcpCrAcked);
  auto a = fsm.step(open_event(r2_open(0)));
  CHECK_FALSE(started(a, SessionTimer::Keepalive).has_value());
  CHECK_FALSE(started(a, SessionTimer::Hold).has_value());
}

TEST_CASE("neighbor shutdown sends Cease and the peer's routes go") {
  SessionFsm fsm = established();
  auto a = fsm.step(SessionEvent::ManualStop);
  CHECK(fsm.state() == SessionState::Idle);
  REQUIRE(sent(a) == std::vector{MessageType::Notification});
  CHECK(std::get<action::Send>(a.front()).message[19] == 6);  // Cease
  CHECK(find<action::Down>(a));
  CHECK(fsm.connect_retry_counter() == 0);
  CHECK(fsm.step(SessionEvent::ManualStop).empty());  // ignored in Idle
}

TEST_CASE("a malformed UPDATE resets the session with the decoder's NOTIFICATION") {
  SessionFsm fsm = established();
  DecodeError e{ErrorCode::UpdateMessage, update_subcode::MalformedAttributeList, {}, "overrun"};
  auto a = fsm.step(SessionInput{SessionEvent::UpdateMsgErr, {}, {}, e});
  CHECK(fsm.state() == SessionState::Idle);
  const auto* s = find<action::Send>(a);
  REQUIRE(s);
  CHECK(s->message[19] == 3);
  CHECK(s->message[20] == 1);
}

TEST_CASE("an UPDATE before the session is up is an FSM error") {
  SessionFsm fsm(r3_to_r2());
  fsm.step(SessionEvent::ManualStart);
  fsm.step(SessionEvent::TcpCrAcked);
  auto a = fsm.step(SessionEvent::UpdateMsg);
  CHECK(fsm.state() == SessionState::Idle);
  const auto* s = find<action::Send>(a);
  REQUIRE(s);
  CHECK(s->message[19] == 5);  // Finite State Machine Error
}

TEST_CASE("a NOTIFICATION from the peer closes without answering") {
  SessionFsm fsm = established();
  auto a = fsm.step(SessionInput{SessionEvent::NotifMsg, {}, Notification{ErrorCode::Cease, 2, {}}, {}});
  CHECK(fsm.state() == SessionState::Idle);
  CHECK(sent(a).empty());
  const auto* down = find<action::Down>(a);
  REQUIRE(down);
  CHECK(down->reason == "NOTIFICATION received: code 6 subcode 2");
}

TEST_CASE("collision: the connection initiated by the higher identifier survives") {
  // R3 (3.3.3.3) and R2 (2.2.2.2) connect at once: R3 keeps the one it initiated.
  CHECK(connection_to_close(0x03030303, 0x02020202) == ConnectionOrigin::Accepted);
  CHECK(connection_to_close(0x02020202, 0x03030303) == ConnectionOrigin::Initiated);
  SessionFsm fsm(r3_to_r2());
  fsm.step(SessionEvent::ManualStart);
  fsm.step(SessionEvent::TcpCrAcked);
  auto a = fsm.step(SessionEvent::OpenCollisionDump);
  CHECK(fsm.state() == SessionState::Idle);
  CHECK(std::get<action::Send>(a.front()).message[19] == 6);
}

TEST_CASE("extended messages only when both sides announce them (RFC 8654)") {
  Open peer = r2_open();
  peer.capabilities.extended_message = true;
  SessionFsm plain = established(r3_to_r2(), peer);
  CHECK_FALSE(plain.negotiated()->extended_message);
  SessionConfig c = r3_to_r2();
  c.extended_message = true;
  SessionFsm both = established(c, peer);
  CHECK(both.negotiated()->extended_message);
}
