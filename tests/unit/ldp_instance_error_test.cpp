// What an LDP instance does with bad or unwelcome input, and TCP MD5:
// - passwords ("mpls ldp neighbor X password P") travel in the Connect; a
//   mismatch keeps the session from coming up (the SYN is dropped);
// - a malformed session PDU is answered with the status the codec names
//   (RFC 5036 section 3.5.1.1): advisory ones leave the session up, fatal
//   ones close it; both are counted by status text;
// - a broken Hello or a connection nobody expects is dropped, never thrown.
// Scenarios on the line PE1 - P1 - P2 - PE2 (1.1.1.1 .. 4.4.4.4) or a pair A - B.
#include <doctest/doctest.h>

#include <algorithm>

#include "ldp/pdu_packer.hpp"
#include "ldp_codec_fixtures.hpp"
#include "sim/ldp_line.hpp"

using namespace l3vpn;
using namespace std::chrono_literals;
namespace fx = ldp_fixtures;

namespace {

constexpr std::uint32_t kA = 0x01010101, kB = 0x02020202;

sim::LdpLineOptions pair_with_passwords(std::string at_a, std::string at_b) {
  sim::LdpLineOptions o;
  o.names = {"A", "B"};
  if (!at_a.empty()) o.passwords["A"][kB] = at_a;
  if (!at_b.empty()) o.passwords["B"][kA] = at_b;
  return o;
}

ldp::SessionState state(sim::LdpNode& node, std::uint32_t peer) {
  for (auto& s : node.instance().sessions())
    if (s.peer.lsr_id == peer) return s.state;
  return ldp::SessionState::NonExistent;
}

std::vector<ldp::Notification> notifications_sent(const sim::LdpNode& node) {
  std::vector<ldp::Notification> out;
  for (const auto& e : node.trace())
    if (const auto* n = std::get_if<ldp::Notification>(&e.message); n && e.sent) out.push_back(*n);
  return out;
}

// A pair A - B up, B's trace on; A (1.1.1.1) is the passive side.
struct Pair {
  sim::LdpLine lab{pair_with_passwords("", "")};
  Pair() {
    lab.install_igp();
    lab.start();
    lab.network.advance(1s);
    lab.at(1).set_trace(true);
  }
};

}  // namespace

TEST_CASE("MD5: the password configured for the peer goes into the Connect and the session comes up") {
  sim::LdpLine lab(pair_with_passwords("s3cret", "s3cret"));
  lab.start();
  lab.network.advance(1s);
  const auto& connects = lab.at(1).connects();  // B, 2.2.2.2, is active
  REQUIRE(connects.size() == 1);
  CHECK(connects[0].password == "s3cret");
  CHECK(connects[0].local_address == kB);
  CHECK(connects[0].peer_address == kA);
  CHECK(state(lab.at(0), kB) == ldp::SessionState::Operational);
  // The passive side knows which key to put on its listening socket.
  CHECK(lab.at(0).instance().md5_keys() == std::map<std::uint32_t, std::string>{{kB, "s3cret"}});
}

TEST_CASE("MD5: different passwords keep the session down; B keeps retrying every 15 s") {
  sim::LdpLine lab(pair_with_passwords("one", "two"));
  lab.start();
  lab.network.advance(40s);
  CHECK(state(lab.at(0), kB) != ldp::SessionState::Operational);
  CHECK(state(lab.at(1), kA) != ldp::SessionState::Operational);
  CHECK(lab.at(1).connects().size() == 3);  // t = 0, 15, 30 s
  CHECK(lab.at(1).connects().back().password == "two");
  // Discovery is not affected: the adjacency is there.
  CHECK(lab.at(1).instance().discovery().adjacency_count(kA) == 1);
}

TEST_CASE("an unknown TLV with the U bit clear: Unknown TLV notification, the message dropped, the session stays") {
  Pair p;
  // A sends B a Label Mapping for 9.9.9.9/32 carrying TLV 0x0f00 with U clear.
  const auto mapping = fx::message(0x0400, 77, fx::cat({fx::fec(fx::prefix_element(0x09090909, 32)), fx::label(500),
                                                       fx::tlv(0x0F00, {})}));
  REQUIRE(p.lab.at(0).send_raw(kB, fx::pdu(mapping, kA)));
  p.lab.network.advance(100ms);

  auto sent = notifications_sent(p.lab.at(1));
  REQUIRE(sent.size() == 1);
  CHECK(sent[0].status_code == static_cast<std::uint32_t>(ldp::StatusCode::UnknownTlv));
  CHECK(!sent[0].fatal);
  CHECK(sent[0].message_id == 77);
  CHECK(sent[0].message_type == 0x0400);
  CHECK(p.lab.at(1).instance().error_counters().at("Unknown TLV") == 1);
  CHECK(!p.lab.at(1).instance().lib().remote_label(ldp::Fec::of(0x09090909), ldp::LdpId{kA, 0}));
  CHECK(state(p.lab.at(1), kA) == ldp::SessionState::Operational);
  CHECK(state(p.lab.at(0), kB) == ldp::SessionState::Operational);
}

TEST_CASE("a message longer than its PDU: fatal Bad Message Length, the session closes, then comes back") {
  Pair p;
  // A KeepAlive whose length says 40 bytes, in a PDU that holds 8.
  REQUIRE(p.lab.at(0).send_raw(kB, fx::pdu(fx::message_raw(0x0201, 40, 5, {}), kA)));
  p.lab.network.advance(100ms);

  auto sent = notifications_sent(p.lab.at(1));
  REQUIRE(sent.size() == 1);
  CHECK(sent[0].status_code == static_cast<std::uint32_t>(ldp::StatusCode::BadMessageLength));
  CHECK(sent[0].fatal);
  CHECK(p.lab.at(1).instance().error_counters().at("Bad Message Length") == 1);
  CHECK(state(p.lab.at(1), kA) == ldp::SessionState::NonExistent);
  CHECK(state(p.lab.at(0), kB) == ldp::SessionState::NonExistent);
  CHECK(p.lab.at(0).lfib().empty());  // B's labels went with the session

  // B, the active side, reconnects after its back-off; bindings return.
  p.lab.network.advance(16s);
  CHECK(state(p.lab.at(1), kA) == ldp::SessionState::Operational);
  CHECK(p.lab.at(0).lfib().size() == 1);
}

TEST_CASE("a PDU from another LDP identifier on the session: Bad LDP Identifier, fatal") {
  Pair p;
  REQUIRE(p.lab.at(0).send_raw(kB, fx::pdu(fx::message(0x0201, 6, {}), 0x09090909)));
  p.lab.network.advance(100ms);
  auto sent = notifications_sent(p.lab.at(1));
  REQUIRE(sent.size() == 1);
  CHECK(sent[0].status_code == static_cast<std::uint32_t>(ldp::StatusCode::BadLdpIdentifier));
  CHECK(p.lab.at(1).instance().error_counters().at("Bad LDP Identifier") == 1);
  CHECK(state(p.lab.at(1), kA) == ldp::SessionState::NonExistent);
}

TEST_CASE("the instance alone: a broken Hello is counted, an unknown connection refused, a stray PDU dropped") {
  vpn::LabelAllocator labels;
  ldp::InstanceConfig c;
  c.local = ldp::LdpId{kA, 0};
  c.transport_address = kA;
  c.interfaces = {"Gi0/1"};
  ldp::Instance instance(c, labels);
  const core::TimePoint t0{};
  auto started = instance.start(t0);
  // The first Hello goes out at once, and its timer is set for 5 s.
  REQUIRE(started.size() == 2);
  const auto* hello = std::get_if<ldp::instance_action::SendHello>(&started[0]);
  REQUIRE(hello);
  CHECK(hello->interface == "Gi0/1");
  auto decoded = ldp::decode_pdu(hello->pdu);
  REQUIRE(!ldp::failed(decoded));
  CHECK(std::get<ldp::DecodedPdu>(decoded).pdu.ldp_id == c.local);
  const auto* timer = std::get_if<ldp::instance_action::StartTimer>(&started[1]);
  REQUIRE(timer);
  CHECK(timer->name == "ldp hello Gi0/1");
  CHECK(timer->after == std::chrono::seconds(5));

  // A Hello PDU cut short: nothing happens but a count.
  const auto good = fx::pdu(fx::message(0x0100, 1, fx::common_hello(15)), kB);
  const std::vector<std::uint8_t> cut(good.begin(), good.begin() + 12);
  CHECK(instance.hello_received("Gi0/1", 0x0A000102, cut, t0).empty());
  CHECK(instance.error_counters().at("Bad PDU Length") == 1);
  CHECK(instance.discovery().adjacencies().empty());

  // Nobody is known at 2.2.2.2 yet: its connection is refused.
  CHECK(!instance.accept_from(kB));
  // The whole Hello: an adjacency, a session; B has the higher address so A waits for it.
  auto actions = instance.hello_received("Gi0/1", 0x0A000102, good, t0);
  CHECK(std::none_of(actions.begin(), actions.end(), [](const ldp::InstanceAction& a) {
    return std::holds_alternative<ldp::instance_action::Connect>(a);
  }));
  // No Transport Address TLV in that Hello: the source address is B's transport address.
  CHECK(instance.accept_from(0x0A000102) == kB);
  CHECK(!instance.accept_from(kB));
  REQUIRE(instance.sessions().size() == 1);
  CHECK(instance.sessions()[0].role == ldp::SessionRole::Passive);

  // A PDU for an LSR without a connection is dropped and counted.
  CHECK(instance.pdu_received(0x07070707, good, t0).empty());
  CHECK(instance.error_counters().at("PDU without a session") == 1);
  // A timer name nobody started: nothing.
  CHECK(instance.timer_expired("ldp hold 9.9.9.9", t0).empty());
}

TEST_CASE("PDU packing: a thousand mappings in PDUs within the max PDU length, numbered in order") {
  std::vector<ldp::Message> messages;
  for (std::uint32_t i = 0; i < 1000; ++i) {
    ldp::LabelMessage m;
    m.fec = {ldp::PrefixFec{0x0A000000 + i, 32}};
    m.label = 16 + i;
    messages.push_back(m);
  }
  std::uint32_t next_id = 41;
  const auto pdus = ldp::pack_pdus(ldp::LdpId{kA, 0}, messages, 4096, next_id);
  CHECK(next_id == 1041);
  CHECK(pdus.size() == 7);  // 24 bytes a mapping: 170 per PDU
  std::uint32_t expect_id = 41;
  for (const auto& bytes : pdus) {
    CHECK(bytes.size() <= 4 + 4096);
    auto d = ldp::decode_pdu(bytes);
    REQUIRE(!ldp::failed(d));
    for (const auto& m : std::get<ldp::DecodedPdu>(d).pdu.messages) {
      CHECK(ldp::id_of(m) == expect_id);
      const auto& mapping = std::get<ldp::LabelMessage>(m);
      CHECK(mapping.label == 16 + (expect_id - 41));
      ++expect_id;
    }
  }
  CHECK(expect_id == 1041);
}
