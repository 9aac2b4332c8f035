// LDP instances on the in-process network, the line PE1 - P1 - P2 - PE2
// (sim::LdpLine): loopbacks 1.1.1.1, 2.2.2.2, 3.3.3.3, 4.4.4.4 as LSR IDs
// and transport addresses; links 10.0.1.0/24, 10.0.2.0/24, 10.0.3.0/24.
//
// Sessions: discovery makes them, the higher transport address connects
// (RFC 5036 section 2.5.2), both ends reach OPERATIONAL with the smaller
// keepalive proposal; a peer that goes silent is dropped by the hold timer.
#include <doctest/doctest.h>

#include <algorithm>

#include "sim/ldp_line.hpp"

using namespace l3vpn;
using namespace std::chrono_literals;

namespace {

constexpr std::uint32_t kPE1 = 0x01010101, kP1 = 0x02020202, kP2 = 0x03030303, kPE2 = 0x04040404;

sim::LdpLineOptions line(std::uint16_t keepalive = 180) {
  sim::LdpLineOptions o;
  o.names = {"PE1", "P1", "P2", "PE2"};
  o.keepalive_time = keepalive;
  return o;
}

std::optional<ldp::Instance::SessionView> session(sim::LdpNode& node, std::uint32_t peer) {
  for (auto& s : node.instance().sessions())
    if (s.peer.lsr_id == peer) return s;
  return std::nullopt;
}

bool has_line(const sim::LdpNode& node, const std::string& text) {
  return std::any_of(node.log().begin(), node.log().end(),
                     [&](const std::string& l) { return l.find(text) != std::string::npos; });
}

}  // namespace

TEST_CASE("sessions come up on the three links; the higher transport address connects") {
  sim::LdpLine lab(line());
  lab.start();
  lab.network.advance(1s);

  // Each link: one session, OPERATIONAL on both ends.
  const std::pair<const char*, const char*> links[] = {{"PE1", "P1"}, {"P1", "P2"}, {"P2", "PE2"}};
  for (auto [left, right] : links) {
    CAPTURE(left);
    const std::uint32_t left_id = lab[left].instance().config().local.lsr_id;
    const std::uint32_t right_id = lab[right].instance().config().local.lsr_id;
    auto l = session(lab[left], right_id);
    auto r = session(lab[right], left_id);
    REQUIRE(l);
    REQUIRE(r);
    CHECK(l->state == ldp::SessionState::Operational);
    CHECK(r->state == ldp::SessionState::Operational);
    // The right router has the higher loopback on this line: it is active and it connected.
    CHECK(r->role == ldp::SessionRole::Active);
    CHECK(l->role == ldp::SessionRole::Passive);
    const auto& rc = lab[right].connects();
    CHECK(std::any_of(rc.begin(), rc.end(), [&](const auto& c) { return c.lsr_id == left_id && c.peer_address == left_id; }));
    const auto& lc = lab[left].connects();
    CHECK(std::none_of(lc.begin(), lc.end(), [&](const auto& c) { return c.lsr_id == right_id; }));
    // Negotiated: both proposed 180 s; KeepAlives every 60 s.
    REQUIRE(l->negotiated);
    CHECK(l->negotiated->keepalive_time == 180);
    CHECK(l->negotiated->keepalive_interval == 60);
    CHECK(l->negotiated->max_pdu_length == 4096);
    CHECK(l->peer_transport_address == right_id);
  }
  // P1 has two sessions, one per neighbor, each on its own interface.
  auto sessions = lab["P1"].instance().sessions();
  REQUIRE(sessions.size() == 2);
  CHECK(sessions[0].peer.lsr_id == kPE1);
  CHECK(sessions[0].interfaces == std::vector<std::string>{"Gi0/0"});
  CHECK(sessions[1].peer.lsr_id == kP2);
  CHECK(sessions[1].interfaces == std::vector<std::string>{"Gi0/1"});
  CHECK(has_line(lab["P1"], "%LDP-5-NBRCHG: LDP Neighbor 1.1.1.1:0 (1) is UP"));
  CHECK(has_line(lab["P1"], "LDP Neighbor 3.3.3.3:0 (2) is UP"));
  // The peer's addresses, from its Address message: P2's loopback and both links.
  CHECK(sessions[1].peer_addresses ==
        std::vector<std::uint32_t>{0x03030303, 0x0A000202, 0x0A000301});
  CHECK(lab["PE2"].instance().error_counters().empty());
}

TEST_CASE("a 30 s keepalive time: KeepAlives every 10 s keep an idle session up") {
  sim::LdpLineOptions two;
  two.names = {"A", "B"};
  two.keepalive_time = 30;
  sim::LdpLine pair(two);
  pair.start();
  pair.network.advance(1s);
  auto a = session(pair.at(0), 0x02020202);
  REQUIRE(a);
  REQUIRE(a->negotiated);
  CHECK(a->negotiated->keepalive_time == 30);
  CHECK(a->negotiated->keepalive_interval == 10);
  const auto received_before = a->messages_received;
  // Ten minutes of nothing but Hellos and KeepAlives: still up, about one KeepAlive per 10 s.
  pair.network.advance(600s);
  a = session(pair.at(0), 0x02020202);
  REQUIRE(a);
  CHECK(a->state == ldp::SessionState::Operational);
  CHECK(a->messages_received - received_before >= 59);
  CHECK(a->messages_received - received_before <= 61);
}

TEST_CASE("a peer that stops sending on its session is dropped when the hold time runs out") {
  sim::LdpLineOptions two;
  two.names = {"A", "B"};
  two.keepalive_time = 30;
  sim::LdpLine pair(two);
  pair.start();
  pair.network.advance(1s);
  REQUIRE(session(pair.at(0), 0x02020202)->state == ldp::SessionState::Operational);

  // B's session goes quiet (its Hellos go on, so the adjacency stays).
  pair.at(1).set_session_silent(true);
  pair.network.advance(28s);  // t = 29 s: B's last PDU was at about 5 ms
  CHECK(session(pair.at(0), 0x02020202)->state == ldp::SessionState::Operational);
  pair.network.advance(2s);  // t = 31 s
  // 30 s after B's last PDU, A's hold timer expired: Notification, close.
  CHECK(has_line(pair.at(0), "LDP Neighbor 2.2.2.2:0 (1) is DOWN (KeepAlive hold timer expired)"));
  CHECK(session(pair.at(0), 0x02020202)->state != ldp::SessionState::Operational);
  CHECK(pair.at(0).instance().discovery().adjacency_count(0x02020202) == 1);  // Hellos still come

  // B speaks again: as the active side it reconnects after its fixed back-off.
  pair.at(1).set_session_silent(false);
  pair.network.advance(60s);
  CHECK(session(pair.at(0), 0x02020202)->state == ldp::SessionState::Operational);
  CHECK(session(pair.at(1), 0x01010101)->state == ldp::SessionState::Operational);
  CHECK(pair.at(1).connects().size() >= 2);
}
