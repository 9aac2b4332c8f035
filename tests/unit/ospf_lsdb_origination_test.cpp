// Our router-LSA (RFC 2328 12.4.1) built from the interfaces' states, and
// the sequence numbers and LSRefreshTime of self-originated LSAs (12.4).
#include <doctest/doctest.h>

#include "ospf/origination.hpp"
#include "ospf_lsdb_fixtures.hpp"

using namespace lsdb_lab;

namespace {

RouterLink rl(RouterLinkType type, std::uint32_t id, std::uint32_t data, std::uint16_t metric) {
  return RouterLink{id, data, type, metric, {}};
}

}  // namespace

TEST_CASE("lsdb origination: R3's router-LSA from its interfaces") {
  const Lsa lsa = r3_router_lsa();
  CHECK(lsa.header.age == 0);
  CHECK(lsa.header.type == ls_type::Router);
  CHECK(lsa.header.link_state_id == kR3);
  CHECK(lsa.header.advertising_router == kR3);
  CHECK(lsa.header.sequence == 0x80000001);
  CHECK(lsa.header.length == 24 + 3 * 12);
  const auto& body = std::get<RouterLsa>(lsa.body);
  const std::vector<RouterLink> expected{
      rl(RouterLinkType::Stub, kR3Loopback, 0xFFFFFFFF, 1),          // Loopback0 3.3.3.3/32
      rl(RouterLinkType::PointToPoint, kR1, kR3Link, 1),             // to R1, data 192.168.13.3
      rl(RouterLinkType::Stub, 0xC0A80D00, kMask24, 1),              // 192.168.13.0/24
  };
  CHECK(body.links == expected);

  // The checksum the codec computed verifies, and the LSA decodes back.
  const auto bytes = encode_lsa(lsa);
  CHECK(verify_lsa_checksum(bytes));
  CHECK(static_cast<std::uint16_t>((bytes[16] << 8) | bytes[17]) == lsa.header.checksum);
  auto decoded = decode_lsa(bytes);
  REQUIRE(std::holds_alternative<Lsa>(decoded));
  CHECK(std::get<Lsa>(decoded) == lsa);
}

TEST_CASE("lsdb origination: interface states decide the links (12.4.1)") {
  RouterLsaInterface p2p;
  p2p.state = InterfaceState::PointToPoint;
  p2p.type = NetworkType::PointToPoint;
  p2p.address = kR3Link;
  p2p.mask = kMask24;
  p2p.cost = 10;
  RouterLsaInterface down = p2p;
  down.state = InterfaceState::Down;
  RouterLsaInterface lan;
  lan.type = NetworkType::Broadcast;
  lan.state = InterfaceState::DrOther;
  lan.address = 0x0A000002;
  lan.mask = kMask24;
  lan.cost = 1;
  lan.dr = 0x0A000001;
  lan.dr_adjacency_full = true;
  RouterLsaInterface waiting = lan;
  waiting.state = InterfaceState::Waiting;
  waiting.address = 0x0A010002;
  RouterLsaInterface lonely_dr = lan;  // DR with no full adjacency
  lonely_dr.state = InterfaceState::Dr;
  lonely_dr.address = 0x0A020001;
  lonely_dr.dr = 0x0A020001;
  lonely_dr.dr_adjacency_full = false;

  RouterLsaInput in;
  in.router_id = kR3;
  in.interfaces = {p2p, down, lan, waiting, lonely_dr};
  const std::vector<RouterLink> expected{
      rl(RouterLinkType::Stub, 0xC0A80D00, kMask24, 10),       // p2p, neighbor not Full: stub only
      rl(RouterLinkType::Transit, 0x0A000001, 0x0A000002, 1),  // full with the DR: transit
      rl(RouterLinkType::Stub, 0x0A010000, kMask24, 1),        // Waiting: stub
      rl(RouterLinkType::Stub, 0x0A020000, kMask24, 1),        // DR alone: stub
  };
  CHECK(build_router_lsa_body(in).links == expected);
}

TEST_CASE("lsdb origination: sequence numbers, MinLSInterval and the refresh at LSRefreshTime") {
  SelfOriginatedLsa r3(ls_type::Router, kR3, kR3);
  CHECK_FALSE(r3.refresh_at());
  CHECK(r3.may_originate(kT0));
  const Lsa first = *r3.originate(r3_router_lsa().body, kT0);
  CHECK(first == r3_router_lsa());
  CHECK_FALSE(r3.may_originate(kT0 + 4s));
  CHECK(r3.may_originate(kT0 + 5s));
  CHECK_FALSE(r3.refresh_due(kT0 + 1799s));
  CHECK(r3.refresh_due(kT0 + 1800s));
  CHECK(*r3.refresh_at() == kT0 + 1800s);

  const Lsa refreshed = *r3.refresh(kT0 + 1800s);
  CHECK(refreshed.header.sequence == 0x80000002);
  CHECK(refreshed.body == first.body);
  CHECK(refreshed.header.checksum != first.header.checksum);
  CHECK(verify_lsa_checksum(encode_lsa(refreshed)));
  CHECK(compare_instances(refreshed.header, first.header) == LsaRecency::Newer);
  CHECK_FALSE(r3.refresh_due(kT0 + 3599s));
  CHECK(r3.refresh_due(kT0 + 3600s));

  // The sequence space ends at MaxSequenceNumber: flush, then start again.
  r3.adopt_sequence(kMaxSequenceNumber - 1);
  CHECK(r3.originate(first.body, kT0 + 4000s)->header.sequence == kMaxSequenceNumber);
  CHECK_FALSE(r3.originate(first.body, kT0 + 4010s));
  r3.restart_sequence();
  CHECK(r3.originate(first.body, kT0 + 4020s)->header.sequence == kInitialSequenceNumber);
}
