// One PeerSession on a manual clock, its transport a recorder: what R3 sends
// to R2 and when, as R2's messages come in or do not.
#include <doctest/doctest.h>

#include "bgp/codec/message.hpp"
#include "bgp/codec/open.hpp"
#include "bgp/speaker/peer_session.hpp"
#include "core/manual_clock.hpp"

using namespace l3vpn;
using namespace l3vpn::bgp;
using namespace std::chrono_literals;

namespace {

class RecordingTransport final : public PeerTransport {
 public:
  void connect() override { ++connects; }
  bool send(std::vector<std::uint8_t> message) override {
    sent.push_back(static_cast<MessageType>(message[18]));
    last = std::move(message);
    return true;
  }
  void disconnect() override { ++disconnects; }

  int connects = 0;
  int disconnects = 0;
  std::vector<MessageType> sent;
  std::vector<std::uint8_t> last;
};

struct R3SessionToR2 {
  core::ManualClock clock;
  core::ManualTimerService timers{clock};
  RecordingTransport transport;
  std::vector<std::string> downs;
  std::vector<NegotiatedSession> ups;
  std::vector<Update> updates;
  PeerSession session;

  explicit R3SessionToR2(std::vector<AfiSafi> families = {kVpnv4Unicast})
      : session(config(std::move(families)), timers, clock, "R2/", transport, events()) {}

  static SessionConfig config(std::vector<AfiSafi> families) {
    SessionConfig c;
    c.local_as = 65103;
    c.router_id = 0x03030303;
    c.peer_as = 65103;
    c.families = std::move(families);
    return c;
  }

  PeerEvents events() {
    PeerEvents e;
    e.established = [this](const NegotiatedSession& s) { ups.push_back(s); };
    e.down = [this](const std::string& reason) { downs.push_back(reason); };
    e.update = [this](const Update& u) { updates.push_back(u); };
    return e;
  }

  void bring_up(std::vector<AfiSafi> r2_families = {kVpnv4Unicast, kIpv4Unicast}) {
    session.start();
    session.connected();
    session.received(encode_open(make_open(65103, 180, 0x02020202, std::move(r2_families))));
    session.received(encode_keepalive());
  }
};

}  // namespace

TEST_CASE("R2 falls silent: R3 keeps sending keepalives, then the hold timer ends the session") {
  R3SessionToR2 r3;
  r3.bring_up();
  REQUIRE(r3.session.state() == SessionState::Established);
  REQUIRE(r3.ups.size() == 1);
  r3.transport.sent.clear();

  r3.timers.advance(179s);  // keepalives at 60 and 120 s (a third of 180), then 179 s of silence
  CHECK(r3.transport.sent == std::vector{MessageType::Keepalive, MessageType::Keepalive});
  CHECK(r3.session.state() == SessionState::Established);

  r3.timers.advance(1s);  // 180 s since R2's last message
  CHECK(r3.session.state() == SessionState::Idle);
  CHECK(r3.transport.sent.back() == MessageType::Notification);
  CHECK(r3.transport.last[19] == 4);  // Hold Timer Expired
  REQUIRE(r3.downs.size() == 1);
  CHECK(r3.downs[0] == "hold timer expired");

  // IdleHoldTimer: the session tries again by itself after 5 s
  int connects = r3.transport.connects;
  r3.timers.advance(5s);
  CHECK(r3.transport.connects == connects + 1);
  CHECK(r3.session.state() == SessionState::Connect);
}

TEST_CASE("a keepalive from R2 restarts R3's hold timer") {
  R3SessionToR2 r3;
  r3.bring_up();
  r3.timers.advance(170s);
  r3.session.received(encode_keepalive());
  r3.timers.advance(170s);
  CHECK(r3.session.state() == SessionState::Established);
  r3.timers.advance(10s);
  CHECK(r3.session.state() == SessionState::Idle);
}

TEST_CASE("capability mismatch: a peer without VPNv4 never gets VPNv4") {
  R3SessionToR2 r3;
  r3.bring_up({kIpv4Unicast});
  REQUIRE(r3.ups.size() == 1);
  CHECK(r3.ups[0].families.empty());  // R3 offered VPNv4 only, R2 IPv4 only
}

TEST_CASE("bytes split anywhere still make whole messages; a bad marker resets the session") {
  R3SessionToR2 r3;
  r3.session.start();
  r3.session.connected();
  std::vector<std::uint8_t> stream = encode_open(make_open(65103, 180, 0x02020202, {kVpnv4Unicast}));
  auto keepalive = encode_keepalive();
  stream.insert(stream.end(), keepalive.begin(), keepalive.end());
  for (std::size_t i = 0; i < stream.size(); i += 7)
    r3.session.received(std::span(stream).subspan(i, std::min<std::size_t>(7, stream.size() - i)));
  CHECK(r3.session.state() == SessionState::Established);
  CHECK(r3.session.counters().messages_received == 2);

  auto bad = encode_keepalive();
  bad[0] = 0x00;
  r3.session.received(bad);
  CHECK(r3.session.state() == SessionState::Idle);
  CHECK(r3.transport.last[19] == 1);  // Message Header Error
  CHECK(r3.transport.last[20] == 1);  // Connection Not Synchronized
}

TEST_CASE("a treat-as-withdraw UPDATE reaches the RIB as withdrawals, the session stays up") {
  R3SessionToR2 r3;
  r3.bring_up();
  Update u;
  u.attributes.origin = Origin::Igp;  // no AS_PATH: missing well-known attribute
  VpnNlri nlri{{16}, WireRouteDistinguisher{(std::uint64_t{65103} << 32) | 402}, Prefix4{0, 0}};
  u.mp_reach = MpReach{kVpnv4Unicast, 0x02020202, {}, {nlri}};
  r3.session.received(encode_update(u));
  CHECK(r3.session.state() == SessionState::Established);
  REQUIRE(r3.updates.size() == 1);
  CHECK_FALSE(r3.updates[0].mp_reach.has_value());
  REQUIRE(r3.updates[0].mp_unreach.has_value());
  CHECK(r3.updates[0].mp_unreach->vpn.size() == 1);
  CHECK(r3.session.counters().treat_as_withdraw == 1);
}

TEST_CASE("R2 unreachable at first: after the failed attempt, an IGP route to it makes R3 connect again at once") {
  R3SessionToR2 r3;
  r3.session.start();
  REQUIRE(r3.transport.connects == 1);
  r3.session.connect_failed();  // no route to R2's loopback yet
  REQUIRE(r3.session.state() == SessionState::Active);
  r3.timers.advance(30s);
  CHECK(r3.transport.connects == 1);  // ConnectRetry (120 s) still running
  r3.session.retry_connect();          // OSPF now has 2.2.2.2
  CHECK(r3.transport.connects == 2);
  CHECK(r3.session.state() == SessionState::Connect);
  r3.session.retry_connect();          // already connecting: nothing more
  CHECK(r3.transport.connects == 2);
}
