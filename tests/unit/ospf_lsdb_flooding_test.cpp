// The flooding decisions of RFC 2328 section 13 as R1 11.11.11.11 makes
// them: R3's router-LSA arriving on the point-to-point link to R3 and
// flooded on to R2; the comparisons with the database copy (older, same,
// MinLSArrival); a broadcast segment's DR, BDR and DR Other rules (13.3);
// the acknowledgement table 19 (13.5); and self-originated LSAs (13.4).
#include <doctest/doctest.h>

#include "ospf/flooding.hpp"
#include "ospf_lsdb_fixtures.hpp"

using namespace lsdb_lab;
using namespace l3vpn::ospf::flood_action;

namespace {

constexpr std::uint32_t kGi2 = 2, kGi3 = 3;  // R1's interfaces to R2 and R3

FloodNeighbor neighbor(std::uint32_t rid, std::uint32_t address, NeighborState state = NeighborState::Full) {
  FloodNeighbor n;
  n.router_id = rid;
  n.address = address;
  n.state = state;
  n.requested = std::nullopt;
  return n;
}

FloodInterface p2p(std::uint32_t id, std::uint32_t address, FloodNeighbor n) {
  FloodInterface i;
  i.id = id;
  i.type = NetworkType::PointToPoint;
  i.state = InterfaceState::PointToPoint;
  i.address = address;
  i.neighbors = {n};
  return i;
}

std::vector<FloodInterface> r1_interfaces() {
  return {p2p(kGi2, kR1Link12, neighbor(kR2, kR2Link)), p2p(kGi3, kR1Link13, neighbor(kR3, kR3Link))};
}

ReceivedLsa from_r3(Lsa lsa) {
  ReceivedLsa r;
  r.lsa = std::move(lsa);
  r.interface_id = kGi3;
  r.neighbor_router_id = kR3;
  r.on_sender_retransmission_list = false;
  return r;
}

template <class A>
std::vector<A> all_of(const std::vector<FloodAction>& actions) {
  std::vector<A> out;
  for (const auto& a : actions)
    if (const auto* x = std::get_if<A>(&a)) out.push_back(*x);
  return out;
}

}  // namespace

TEST_CASE("lsdb flooding: a new LSA on a point-to-point link is installed, flooded to the other neighbors, acked late") {
  const auto ifaces = r1_interfaces();
  const FloodContext ctx{kR1, ifaces};
  Lsdb db;
  const Lsa lsa = r3_router_lsa(0x80000002, 1);
  const auto actions = receive_lsa(from_r3(lsa), ctx, db, kT0);
  const std::vector<FloodAction> expected{
      Flood{kGi2, {kR2}, true, kAllSpfRouters},          // not back to Gi0/3 (13.3 1c)
      Install{lsa},
      Ack{AckKind::Delayed, kGi3, kR3, lsa.header},      // table 19: not flooded back
  };
  CHECK(actions == expected);
}

TEST_CASE("lsdb flooding: steps 1-4, bad checksum, unknown type, MaxAge without a copy, neighbor state") {
  const auto ifaces = r1_interfaces();
  const FloodContext ctx{kR1, ifaces};
  Lsdb db;

  Lsa bad = r3_router_lsa(0x80000002);
  bad.header.checksum ^= 0x0101;
  auto actions = receive_lsa(from_r3(bad), ctx, db, kT0);
  REQUIRE(actions.size() == 1);
  CHECK(std::get<Discard>(actions[0]).reason == "bad LSA checksum");

  const Lsa opaque = finish_lsa(10, 0x01000001, kR3, 0x42, kInitialSequenceNumber, RawLsa{{0, 1, 0, 4, 0, 0, 0, 1}});
  actions = receive_lsa(from_r3(opaque), ctx, db, kT0);
  REQUIRE(actions.size() == 1);
  CHECK(std::get<Discard>(actions[0]).reason == "unknown LS type 10");

  const Lsa aged = r3_router_lsa(0x80000002, kMaxAge);
  actions = receive_lsa(from_r3(aged), ctx, db, kT0);
  CHECK(actions == std::vector<FloodAction>{Ack{AckKind::Direct, kGi3, kR3, aged.header}});

  // With a neighbor in Exchange, the MaxAge LSA is flooded like any other.
  auto exchanging = ifaces;
  exchanging[0].neighbors[0].state = NeighborState::Exchange;
  actions = receive_lsa(from_r3(aged), FloodContext{kR1, exchanging}, db, kT0);
  CHECK(all_of<Install>(actions).size() == 1);
  CHECK(all_of<Flood>(actions) == std::vector<Flood>{Flood{kGi2, {kR2}, true, kAllSpfRouters}});

  auto down = ifaces;
  down[1].neighbors[0].state = NeighborState::TwoWay;
  actions = receive_lsa(from_r3(r3_router_lsa()), FloodContext{kR1, down}, db, kT0);
  CHECK(std::holds_alternative<Discard>(actions.at(0)));
}

TEST_CASE("lsdb flooding: database copy older, same, newer; MinLSArrival") {
  const auto ifaces = r1_interfaces();
  const FloodContext ctx{kR1, ifaces};
  Lsdb db;
  db.install(r3_router_lsa(0x80000003, 1), kT0);

  SUBCASE("same instance, not on the retransmission list: direct ack") {
    const Lsa same = r3_router_lsa(0x80000003, 30);
    CHECK(receive_lsa(from_r3(same), ctx, db, kT0 + 5s) ==
          std::vector<FloodAction>{Ack{AckKind::Direct, kGi3, kR3, same.header}});
  }
  SUBCASE("same instance on the retransmission list: implied ack, nothing sent") {
    auto r = from_r3(r3_router_lsa(0x80000003, 30));
    r.on_sender_retransmission_list = true;
    CHECK(receive_lsa(r, ctx, db, kT0 + 5s) == std::vector<FloodAction>{ImpliedAck{kR3}});
  }
  SUBCASE("on the sender's request list: BadLSReq") {
    CHECK(receive_lsa(from_r3(r3_router_lsa(0x80000003)), ctx, db, kT0 + 5s, true) ==
          std::vector<FloodAction>{BadLsRequest{kR3}});
  }
  SUBCASE("older than ours: ours goes back, at most once per MinLSArrival") {
    auto actions = receive_lsa(from_r3(r3_router_lsa(0x80000002)), ctx, db, kT0 + 5s);
    REQUIRE(actions.size() == 1);
    const auto& back = std::get<SendNewerBack>(actions[0]);
    CHECK(back.interface_id == kGi3);
    CHECK(back.neighbor_router_id == kR3);
    CHECK(back.lsa.header.sequence == 0x80000003);
    CHECK(back.lsa.header.age == 6);
    db.note_sent_back(LsaKey{ls_type::Router, kR3, kR3}, kT0 + 5s);
    actions = receive_lsa(from_r3(r3_router_lsa(0x80000002)), ctx, db, kT0 + 5s + 500ms);
    CHECK(std::holds_alternative<Discard>(actions.at(0)));
    actions = receive_lsa(from_r3(r3_router_lsa(0x80000002)), ctx, db, kT0 + 6s);
    CHECK(std::holds_alternative<SendNewerBack>(actions.at(0)));
  }
  SUBCASE("newer, but the copy arrived less than MinLSArrival ago: dropped without ack") {
    auto actions = receive_lsa(from_r3(r3_router_lsa(0x80000004)), ctx, db, kT0 + 999ms);
    REQUIRE(actions.size() == 1);
    CHECK(std::get<Discard>(actions[0]).reason.starts_with("MinLSArrival"));
    actions = receive_lsa(from_r3(r3_router_lsa(0x80000004)), ctx, db, kT0 + 1s);
    CHECK(all_of<Install>(actions).size() == 1);
    CHECK(all_of<Ack>(actions).size() == 1);
  }
}

TEST_CASE("lsdb flooding: a neighbor still loading takes the LSA off its request list (13.3 1b)") {
  auto ifaces = r1_interfaces();
  ifaces[0].neighbors[0].state = NeighborState::Loading;
  const Lsa lsa = r3_router_lsa(0x80000002);
  ifaces[0].neighbors[0].requested = lsa.header;  // R2 asked us for this very instance
  Lsdb db;
  auto actions = receive_lsa(from_r3(lsa), FloodContext{kR1, ifaces}, db, kT0);
  CHECK(all_of<RemoveFromRequestList>(actions) == std::vector<RemoveFromRequestList>{{kGi2, kR2}});
  CHECK(all_of<Flood>(actions).empty());  // same instance: R2 is not sent it

  ifaces[0].neighbors[0].requested->sequence = 0x80000001;  // R2 asked for an older one
  actions = receive_lsa(from_r3(lsa), FloodContext{kR1, ifaces}, db, kT0);
  CHECK(all_of<RemoveFromRequestList>(actions).size() == 1);
  CHECK(all_of<Flood>(actions) == std::vector<Flood>{Flood{kGi2, {kR2}, true, kAllSpfRouters}});

  ifaces[0].neighbors[0].requested->sequence = 0x80000009;  // R2 wants a newer one
  actions = receive_lsa(from_r3(lsa), FloodContext{kR1, ifaces}, db, kT0);
  CHECK(all_of<RemoveFromRequestList>(actions).empty());
  CHECK(all_of<Flood>(actions).empty());
}

namespace {

// A broadcast segment 10.0.0.0/24: D 10.0.0.1 (DR), B 10.0.0.4 (BDR),
// O1 10.0.0.2 and O2 10.0.0.3 (DR Others). Each router's view of it.
constexpr std::uint32_t kLan = 5;
constexpr std::uint32_t kD = 0x01010101, kB = 0x04040404, kO1 = 0x02020202, kO2 = 0x03030303;
constexpr std::uint32_t kDAddr = 0x0A000001, kO1Addr = 0x0A000002, kO2Addr = 0x0A000003, kBAddr = 0x0A000004;

FloodInterface lan(InterfaceState state, std::uint32_t address, std::vector<FloodNeighbor> neighbors) {
  FloodInterface i;
  i.id = kLan;
  i.type = NetworkType::Broadcast;
  i.state = state;
  i.address = address;
  i.dr = kDAddr;
  i.bdr = kBAddr;
  i.neighbors = std::move(neighbors);
  return i;
}

Lsa lsa_of(std::uint32_t router) {
  return finish_lsa(ls_type::Router, router, router, 0x02, 0x80000002, RouterLsa{0, {}, 0});
}

ReceivedLsa on_lan(std::uint32_t from, const Lsa& lsa) {
  ReceivedLsa r;
  r.lsa = lsa;
  r.interface_id = kLan;
  r.neighbor_router_id = from;
  r.on_sender_retransmission_list = false;
  return r;
}

}  // namespace

TEST_CASE("lsdb flooding: broadcast, the DR floods a DR Other's LSA back to AllSPFRouters, no ack") {
  const std::vector<FloodInterface> ifaces{
      lan(InterfaceState::Dr, kDAddr,
          {neighbor(kO1, kO1Addr), neighbor(kO2, kO2Addr), neighbor(kB, kBAddr)})};
  Lsdb db;
  const Lsa lsa = lsa_of(kO1);
  const auto actions = receive_lsa(on_lan(kO1, lsa), FloodContext{kD, ifaces}, db, kT0);
  const std::vector<FloodAction> expected{Flood{kLan, {kO2, kB}, true, kAllSpfRouters}, Install{lsa}};
  CHECK(actions == expected);  // flooded back out the receiving interface: no ack (table 19)
}

TEST_CASE("lsdb flooding: broadcast, the BDR leaves it to the DR; acks only what came from the DR") {
  const std::vector<FloodInterface> ifaces{
      lan(InterfaceState::Backup, kBAddr,
          {neighbor(kD, kDAddr), neighbor(kO1, kO1Addr), neighbor(kO2, kO2Addr)})};
  Lsdb db;
  const Lsa lsa = lsa_of(kO1);
  auto actions = receive_lsa(on_lan(kO1, lsa), FloodContext{kB, ifaces}, db, kT0);
  const std::vector<FloodAction> expected{Flood{kLan, {kD, kO2}, false, kAllSpfRouters}, Install{lsa}};
  CHECK(actions == expected);  // 13.3 step 4; table 19: Backup, not from the DR: no ack

  const Lsa from_dr = lsa_of(kO2);
  actions = receive_lsa(on_lan(kD, from_dr), FloodContext{kB, ifaces}, db, kT0);
  CHECK(all_of<Ack>(actions) == std::vector<Ack>{Ack{AckKind::Delayed, kLan, kD, from_dr.header}});
}

TEST_CASE("lsdb flooding: broadcast, a DR Other does not flood the DR's LSA back onto the segment") {
  // O1: adjacent to the DR and the BDR on the LAN, and to R2 over a point-to-point link.
  const std::vector<FloodInterface> ifaces{
      lan(InterfaceState::DrOther, kO1Addr,
          {neighbor(kD, kDAddr), neighbor(kB, kBAddr), neighbor(kO2, kO2Addr, NeighborState::TwoWay)}),
      p2p(kGi2, kR1Link12, neighbor(kR2, kR2Link))};
  Lsdb db;
  const Lsa lsa = lsa_of(kO2);
  const auto actions = receive_lsa(on_lan(kD, lsa), FloodContext{kO1, ifaces}, db, kT0);
  const std::vector<FloodAction> expected{
      Flood{kLan, {kB}, false, kAllDRouters},  // 13.3 step 3: from the DR, not sent
      Flood{kGi2, {kR2}, true, kAllSpfRouters},
      Install{lsa},
      Ack{AckKind::Delayed, kLan, kD, lsa.header},
  };
  CHECK(actions == expected);

  // Its own LSA, originated: to AllDRouters on the segment.
  const auto own = flood_decisions(lsa_of(kO1), FloodContext{kO1, ifaces}, std::nullopt, std::nullopt);
  CHECK(all_of<Flood>(own) == std::vector<Flood>{Flood{kLan, {kD, kB}, true, kAllDRouters},
                                                 Flood{kGi2, {kR2}, true, kAllSpfRouters}});
}

TEST_CASE("lsdb flooding: a newer instance of our own LSA comes back (13.4)") {
  const auto ifaces = r1_interfaces();
  const FloodContext ctx{kR1, ifaces};
  Lsdb db;
  SelfOriginatedLsa ours(ls_type::Router, kR1, kR1);
  RouterLsaInput in;
  in.router_id = kR1;
  const Lsa first = *ours.originate(build_router_lsa_body(in), kT0);
  db.install(first, kT0, /*received_by_flooding=*/false);

  // Left over from before a restart: sequence 0x80000005.
  const Lsa stale = finish_lsa(ls_type::Router, kR1, kR1, 0x02, 0x80000005, RouterLsa{0, {}, 0});
  auto actions = receive_lsa(from_r3(stale), ctx, db, kT0 + 100ms);
  CHECK(all_of<Install>(actions).size() == 1);
  const auto re = all_of<Reoriginate>(actions);
  REQUIRE(re.size() == 1);
  CHECK(re[0] == Reoriginate{LsaKey{ls_type::Router, kR1, kR1}, 0x80000006, false});

  ours.adopt_sequence(stale.header.sequence);
  const Lsa again = *ours.originate(build_router_lsa_body(in), kT0 + 5s);
  CHECK(again.header.sequence == 0x80000006);
  CHECK(compare_instances(again.header, stale.header) == LsaRecency::Newer);

  // One we do not have (no longer originate): flushed.
  const Lsa gone = finish_lsa(ls_type::SummaryNetwork, 0x0A000000, kR1, 0x02, 0x80000003, SummaryLsa{0xFF000000, 1, {}, 0});
  actions = receive_lsa(from_r3(gone), ctx, db, kT0);
  CHECK(all_of<FlushSelfOriginated>(actions) ==
        std::vector<FlushSelfOriginated>{{LsaKey{ls_type::SummaryNetwork, 0x0A000000, kR1}}});

  // At MaxSequenceNumber: flush first, then start again.
  const Lsa at_max = finish_lsa(ls_type::Router, kR1, kR1, 0x02, kMaxSequenceNumber, RouterLsa{0, {}, 0});
  actions = receive_lsa(from_r3(at_max), ctx, db, kT0);
  CHECK(all_of<Reoriginate>(actions) ==
        std::vector<Reoriginate>{{LsaKey{ls_type::Router, kR1, kR1}, kInitialSequenceNumber, true}});
}
