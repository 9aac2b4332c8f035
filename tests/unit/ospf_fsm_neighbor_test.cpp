// The OSPFv2 neighbor state machine (RFC 2328 section 10) event by event:
// R1 11.11.11.11's neighbor R3 33.33.33.33 on the seed lab's point-to-point
// link, and DR Other pairs on a broadcast segment. The Database Description
// packets are the ones section 10.8 says each side sends.
#include <doctest/doctest.h>

#include <algorithm>

#include "ospf/neighbor_fsm.hpp"

using namespace l3vpn::ospf;
using namespace std::chrono_literals;

namespace {

constexpr std::uint32_t kR1 = 0x0B0B0B0B, kR3 = 0x21212121;
constexpr std::uint32_t kR1Link = 0xC0A80D01, kR3Link = 0xC0A80D03;
constexpr std::uint32_t kR3Sequence = 0x5000;

NeighborConfig r1_to_r3(NetworkType type = NetworkType::PointToPoint) {
  NeighborConfig c;
  c.type = type;
  c.router_id = kR1;
  c.address = kR1Link;
  c.neighbor_router_id = kR3;
  c.neighbor_address = kR3Link;
  c.initial_dd_sequence = 0x100;
  return c;
}

LsaHeader router_lsa(std::uint32_t id) { return LsaHeader{1, option::E, ls_type::Router, id, id, 0x80000001, 0, 36}; }

const std::vector<LsaHeader> kR1Database{router_lsa(kR1)};

DatabaseView r1_db() {
  return DatabaseView{kR1Database, [](const LsaHeader& h) { return h.advertising_router != kR1; }};
}

template <class A>
std::vector<A> all_of(const std::vector<NeighborAction>& actions) {
  std::vector<A> found;
  for (const auto& a : actions)
    if (const A* x = std::get_if<A>(&a)) found.push_back(*x);
  return found;
}

template <class A>
bool has(const std::vector<NeighborAction>& actions, const A& a) {
  return std::find(actions.begin(), actions.end(), NeighborAction{a}) != actions.end();
}

DatabaseDescription dd(std::uint8_t flags, std::uint32_t seq, std::vector<LsaHeader> headers = {}) {
  return DatabaseDescription{1500, option::E, flags, seq, std::move(headers)};
}

// R1 brought to ExStart by R3's hellos.
NeighborFsm r1_in_exstart() {
  NeighborFsm fsm(r1_to_r3());
  fsm.step(NeighborEvent::HelloReceived);
  fsm.step(NeighborEvent::TwoWayReceived);
  REQUIRE(fsm.state() == NeighborState::ExStart);
  return fsm;
}

// R1 as slave in Exchange, having answered R3's first DD.
NeighborFsm r1_in_exchange() {
  NeighborFsm fsm = r1_in_exstart();
  fsm.receive_dd(dd(dd_flag::I | dd_flag::M | dd_flag::MS, kR3Sequence), r1_db());
  REQUIRE(fsm.state() == NeighborState::Exchange);
  return fsm;
}

}  // namespace

TEST_CASE("ospf neighbor fsm: adjacency decision of 10.4") {
  CHECK(should_form_adjacency(NetworkType::PointToPoint, 1, 2, 0, 0));
  CHECK_FALSE(should_form_adjacency(NetworkType::Broadcast, 1, 2, 3, 4));
  CHECK(should_form_adjacency(NetworkType::Broadcast, 1, 2, 1, 4));  // we are DR
  CHECK(should_form_adjacency(NetworkType::Broadcast, 1, 2, 3, 2));  // neighbor is BDR
  CHECK_FALSE(should_form_adjacency(NetworkType::Broadcast, 1, 2, 0, 0));
}

TEST_CASE("ospf neighbor fsm: a hello makes Init, with the inactivity timer at the dead interval") {
  NeighborFsm fsm(r1_to_r3());
  auto out = fsm.step(NeighborEvent::HelloReceived);
  CHECK(fsm.state() == NeighborState::Init);
  CHECK(has(out, neighbor_action::StartTimer{NeighborTimer::Inactivity, 40s}));
  CHECK(fsm.step(NeighborEvent::OneWayReceived).empty());  // nothing in Init
}

TEST_CASE("ospf neighbor fsm: point-to-point goes from Init to ExStart, master until told otherwise") {
  NeighborFsm fsm(r1_to_r3());
  fsm.step(NeighborEvent::HelloReceived);
  auto out = fsm.step(NeighborEvent::TwoWayReceived);
  CHECK(fsm.state() == NeighborState::ExStart);
  CHECK(has(out, neighbor_action::InterfaceNeighborChange{}));
  CHECK(has(out, neighbor_action::SendDd{dd(dd_flag::I | dd_flag::M | dd_flag::MS, 0x100)}));
  CHECK(has(out, neighbor_action::StartTimer{NeighborTimer::Retransmit, 5s}));
  CHECK(fsm.is_master());
}

TEST_CASE("ospf neighbor fsm: two DR Others stay in 2-Way until AdjOK? says otherwise") {
  NeighborConfig c = r1_to_r3(NetworkType::Broadcast);
  NeighborFsm fsm(c);
  fsm.set_designated_routers(0x0A000001, 0x0A000002);  // someone else is DR and BDR
  fsm.step(NeighborEvent::HelloReceived);
  auto out = fsm.step(NeighborEvent::TwoWayReceived);
  CHECK(fsm.state() == NeighborState::TwoWay);
  CHECK(all_of<neighbor_action::SendDd>(out).empty());
  CHECK(has(out, neighbor_action::InterfaceNeighborChange{}));
  CHECK(fsm.step(NeighborEvent::AdjOK).empty());
  // The neighbor becomes DR: AdjOK? starts the adjacency...
  fsm.set_designated_routers(kR3Link, 0x0A000002);
  fsm.step(NeighborEvent::AdjOK);
  CHECK(fsm.state() == NeighborState::ExStart);
  // ... and when neither end is DR or BDR any more, AdjOK? takes it back to 2-Way.
  fsm.set_designated_routers(0x0A000001, 0x0A000002);
  out = fsm.step(NeighborEvent::AdjOK);
  CHECK(fsm.state() == NeighborState::TwoWay);
  CHECK(has(out, neighbor_action::StopTimer{NeighborTimer::Retransmit}));
}

TEST_CASE("ospf neighbor fsm: R3's higher router ID makes it master; R1 answers as slave") {
  NeighborFsm fsm = r1_in_exstart();
  // R3's initial DD: I, M, MS, its sequence number.
  auto out = fsm.receive_dd(dd(dd_flag::I | dd_flag::M | dd_flag::MS, kR3Sequence), r1_db());
  CHECK(fsm.state() == NeighborState::Exchange);
  CHECK_FALSE(fsm.is_master());
  CHECK(fsm.dd_sequence() == kR3Sequence);
  // The slave's answer: R3's sequence number, MS clear, R1's whole database (fits one packet).
  CHECK(all_of<neighbor_action::SendDd>(out) ==
        std::vector{neighbor_action::SendDd{dd(0, kR3Sequence, kR1Database)}});
  CHECK(has(out, neighbor_action::StopTimer{NeighborTimer::Retransmit}));

  // R3's next DD (sequence + 1) describes its router-LSA, which R1 needs; no more.
  out = fsm.receive_dd(dd(dd_flag::MS, kR3Sequence + 1, {router_lsa(kR3)}), r1_db());
  CHECK(all_of<neighbor_action::SendDd>(out) == std::vector{neighbor_action::SendDd{dd(0, kR3Sequence + 1)}});
  CHECK(fsm.state() == NeighborState::Loading);
  CHECK(fsm.request_list() == std::vector{LsRequest{ls_type::Router, kR3, kR3}});
  CHECK(all_of<neighbor_action::SendLsRequest>(out).size() == 1);

  // The LSA arrives: LoadingDone, Full.
  out = fsm.receive_lsa(router_lsa(kR3));
  CHECK(fsm.state() == NeighborState::Full);
  CHECK(has(out, neighbor_action::AdjacencyUp{}));
  CHECK(has(out, neighbor_action::StateChange{NeighborState::Loading, NeighborState::Full, ""}));
}

TEST_CASE("ospf neighbor fsm: with the lower router ID's reply, R3 is master") {
  NeighborConfig c = r1_to_r3();
  std::swap(c.router_id, c.neighbor_router_id);
  std::swap(c.address, c.neighbor_address);
  c.initial_dd_sequence = kR3Sequence;
  NeighborFsm r3(c);
  r3.step(NeighborEvent::HelloReceived);
  r3.step(NeighborEvent::TwoWayReceived);
  DatabaseView empty{{}, [](const LsaHeader&) { return true; }};
  // R1's own initial DD is ignored: R1 is not the master.
  CHECK(r3.receive_dd(dd(dd_flag::I | dd_flag::M | dd_flag::MS, 0x100), empty).empty());
  CHECK(r3.state() == NeighborState::ExStart);
  // R1's slave reply with R3's sequence number: negotiation done, R3 master.
  auto out = r3.receive_dd(dd(0, kR3Sequence, kR1Database), empty);
  CHECK(r3.state() == NeighborState::Exchange);
  CHECK(r3.is_master());
  CHECK(r3.dd_sequence() == kR3Sequence + 1);
  CHECK(all_of<neighbor_action::SendDd>(out) == std::vector{neighbor_action::SendDd{dd(dd_flag::MS, kR3Sequence + 1)}});
  CHECK(r3.request_list().size() == 1);
  // R1's echo of sequence + 1, nothing more: ExchangeDone, Loading.
  out = r3.receive_dd(dd(0, kR3Sequence + 1), empty);
  CHECK(r3.state() == NeighborState::Loading);
  // The master retransmits nothing in Loading but the request.
  out = r3.retransmit();
  CHECK(all_of<neighbor_action::SendLsRequest>(out).size() == 1);
}

TEST_CASE("ospf neighbor fsm: the slave answers a duplicate DD with its last one") {
  NeighborFsm fsm = r1_in_exchange();
  auto out = fsm.receive_dd(dd(dd_flag::I | dd_flag::M | dd_flag::MS, kR3Sequence), r1_db());
  CHECK(all_of<neighbor_action::SendDd>(out) == std::vector{neighbor_action::SendDd{dd(0, kR3Sequence, kR1Database)}});
  CHECK(fsm.state() == NeighborState::Exchange);
}

TEST_CASE("ospf neighbor fsm: a DD out of sequence is SeqNumberMismatch, back to ExStart") {
  NeighborFsm fsm = r1_in_exchange();
  auto out = fsm.receive_dd(dd(dd_flag::MS, kR3Sequence + 7), r1_db());
  CHECK(fsm.state() == NeighborState::ExStart);
  CHECK(fsm.is_master());
  CHECK(fsm.dd_sequence() == kR3Sequence + 1);  // incremented from the last one used
  CHECK(has(out, neighbor_action::StateChange{NeighborState::Exchange, NeighborState::ExStart,
                                              "SeqNumberMismatch"}));
  CHECK(all_of<neighbor_action::SendDd>(out).back().dd.flags == (dd_flag::I | dd_flag::M | dd_flag::MS));
}

TEST_CASE("ospf neighbor fsm: the MS bit must match the negotiated roles") {
  NeighborFsm fsm = r1_in_exchange();
  fsm.receive_dd(dd(0, kR3Sequence + 1), r1_db());  // R3 claims slave now
  CHECK(fsm.state() == NeighborState::ExStart);
}

TEST_CASE("ospf neighbor fsm: a DD with a larger MTU than ours is dropped") {
  NeighborFsm fsm = r1_in_exstart();
  DatabaseDescription big = dd(dd_flag::I | dd_flag::M | dd_flag::MS, kR3Sequence);
  big.interface_mtu = 9000;
  CHECK(fsm.receive_dd(big, r1_db()).empty());
  CHECK(fsm.state() == NeighborState::ExStart);
}

TEST_CASE("ospf neighbor fsm: leaving Full") {
  auto full = [] {
    NeighborFsm fsm = r1_in_exchange();
    fsm.receive_dd(dd(dd_flag::MS, kR3Sequence + 1), r1_db());
    REQUIRE(fsm.state() == NeighborState::Full);
    return fsm;
  };
  SUBCASE("1-WayReceived: Init, adjacency down, the interface told") {
    NeighborFsm fsm = full();
    auto out = fsm.step(NeighborEvent::OneWayReceived);
    CHECK(fsm.state() == NeighborState::Init);
    CHECK(has(out, neighbor_action::AdjacencyDown{"1-WayReceived"}));
    CHECK(has(out, neighbor_action::InterfaceNeighborChange{}));
  }
  SUBCASE("InactivityTimer: Down") {
    NeighborFsm fsm = full();
    auto out = fsm.step(NeighborEvent::InactivityTimer);
    CHECK(fsm.state() == NeighborState::Down);
    CHECK(has(out, neighbor_action::AdjacencyDown{"InactivityTimer"}));
    CHECK(fsm.request_list().empty());
  }
  SUBCASE("BadLSReq: ExStart again") {
    NeighborFsm fsm = full();
    auto out = fsm.step(NeighborEvent::BadLSReq);
    CHECK(fsm.state() == NeighborState::ExStart);
    CHECK(has(out, neighbor_action::AdjacencyDown{"BadLSReq"}));
    CHECK_FALSE(has(out, neighbor_action::InterfaceNeighborChange{}));
  }
  SUBCASE("a duplicate of the master's last DD is answered again by the slave in Full") {
    NeighborFsm fsm = full();
    auto out = fsm.receive_dd(dd(dd_flag::MS, kR3Sequence + 1), r1_db());
    CHECK(all_of<neighbor_action::SendDd>(out).size() == 1);
    CHECK(fsm.state() == NeighborState::Full);
  }
}

TEST_CASE("ospf neighbor fsm: Start on NBMA sends a hello and goes to Attempt") {
  NeighborFsm fsm(r1_to_r3(NetworkType::Broadcast));
  auto out = fsm.step(NeighborEvent::Start);
  CHECK(fsm.state() == NeighborState::Attempt);
  CHECK(has(out, neighbor_action::SendHello{}));
  fsm.step(NeighborEvent::HelloReceived);
  CHECK(fsm.state() == NeighborState::Init);
}
