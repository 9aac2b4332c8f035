// The routing table calculation of RFC 2328 section 16 over hand-built
// LSA sets. Input: the LSAs of one area (router, network, summary,
// AS-external) and the calculating router's interfaces. Output: the routes,
// compared whole (prefix, cost, type, next hops).
//
// Topologies:
//  - the seed lab backbone (labs/inter-vrf-leaking): R1 11.11.11.11 (P,
//    1.1.1.1/32) point-to-point to R2 22.22.22.22 (2.2.2.2/32,
//    192.168.12.0/24), R3 33.33.33.33 (3.3.3.3/32, 192.168.13.0/24) and R4
//    44.44.44.44 (4.4.4.4/32, 192.168.14.0/24); R1 is .1 on each link,
//    the PE .2/.3/.4; every interface cost 1 (loopbacks too, as IOS);
//  - a broadcast segment 10.0.123.0/24 with three routers, DR 10.0.123.1;
//  - a square A-B-D, A-C-D, all cost 10: two equal paths from A to D.
#include <doctest/doctest.h>

#include "ospf/spf.hpp"

using namespace l3vpn::ospf;

namespace {

constexpr std::uint32_t ip(std::uint32_t a, std::uint32_t b, std::uint32_t c, std::uint32_t d) {
  return (a << 24) | (b << 16) | (c << 8) | d;
}

constexpr std::uint32_t kHost = 0xFFFFFFFF, kSlash24 = 0xFFFFFF00;
constexpr std::uint32_t kR1 = ip(11, 11, 11, 11), kR2 = ip(22, 22, 22, 22), kR3 = ip(33, 33, 33, 33),
                        kR4 = ip(44, 44, 44, 44), kR5 = ip(55, 55, 55, 55);

RouterLink p2p(std::uint32_t neighbor, std::uint32_t own_address, std::uint16_t metric = 1) {
  return RouterLink{neighbor, own_address, RouterLinkType::PointToPoint, metric, {}};
}
RouterLink stub(std::uint32_t prefix, std::uint32_t mask, std::uint16_t metric = 1) {
  return RouterLink{prefix, mask, RouterLinkType::Stub, metric, {}};
}
RouterLink transit(std::uint32_t dr, std::uint32_t own_address, std::uint16_t metric = 1) {
  return RouterLink{dr, own_address, RouterLinkType::Transit, metric, {}};
}

LsaHeader header(std::uint8_t type, std::uint32_t id, std::uint32_t advertising_router) {
  LsaHeader h;
  h.type = type;
  h.link_state_id = id;
  h.advertising_router = advertising_router;
  return h;
}

Lsa router_lsa(std::uint32_t id, std::vector<RouterLink> links, std::uint8_t flags = 0) {
  return Lsa{header(ls_type::Router, id, id), RouterLsa{flags, std::move(links), 0}};
}
Lsa network_lsa(std::uint32_t dr_address, std::uint32_t dr, std::uint32_t mask, std::vector<std::uint32_t> routers) {
  return Lsa{header(ls_type::Network, dr_address, dr), NetworkLsa{mask, std::move(routers)}};
}
Lsa summary_lsa(std::uint8_t type, std::uint32_t id, std::uint32_t abr, std::uint32_t mask, std::uint32_t metric) {
  return Lsa{header(type, id, abr), SummaryLsa{mask, metric, {}, 0}};
}
Lsa external_lsa(std::uint32_t prefix, std::uint32_t asbr, std::uint32_t mask, std::uint32_t metric, bool e2,
                 std::uint32_t forwarding = 0) {
  return Lsa{header(ls_type::AsExternal, prefix, asbr),
             AsExternalLsa{mask, ExternalMetric{e2, 0, metric, forwarding, 0}, {}}};
}

// The seed lab backbone, as each router originates it.
std::vector<Lsa> seed_backbone() {
  return {
      router_lsa(kR1, {p2p(kR2, ip(192, 168, 12, 1)), stub(ip(192, 168, 12, 0), kSlash24),
                       p2p(kR3, ip(192, 168, 13, 1)), stub(ip(192, 168, 13, 0), kSlash24),
                       p2p(kR4, ip(192, 168, 14, 1)), stub(ip(192, 168, 14, 0), kSlash24),
                       stub(ip(1, 1, 1, 1), kHost)}),
      router_lsa(kR2, {stub(ip(2, 2, 2, 2), kHost), p2p(kR1, ip(192, 168, 12, 2)),
                       stub(ip(192, 168, 12, 0), kSlash24)}),
      router_lsa(kR3, {stub(ip(3, 3, 3, 3), kHost), p2p(kR1, ip(192, 168, 13, 3)),
                       stub(ip(192, 168, 13, 0), kSlash24)}),
      router_lsa(kR4, {stub(ip(4, 4, 4, 4), kHost), p2p(kR1, ip(192, 168, 14, 4)),
                       stub(ip(192, 168, 14, 0), kSlash24)}),
  };
}

const std::vector<SpfInterface> kR3Interfaces = {
    SpfInterface{"Loopback0", ip(3, 3, 3, 3), kHost, 1},
    SpfInterface{"GigabitEthernet0/0", ip(192, 168, 13, 3), kSlash24, 1},
};
const std::vector<SpfInterface> kR1Interfaces = {
    SpfInterface{"Loopback0", ip(1, 1, 1, 1), kHost, 1},
    SpfInterface{"GigabitEthernet0/2", ip(192, 168, 12, 1), kSlash24, 1},
    SpfInterface{"GigabitEthernet0/3", ip(192, 168, 13, 1), kSlash24, 1},
    SpfInterface{"GigabitEthernet0/4", ip(192, 168, 14, 1), kSlash24, 1},
};

SpfResult run(std::uint32_t router_id, const std::vector<Lsa>& lsas, const std::vector<SpfInterface>& interfaces,
              std::uint32_t area = 0) {
  SpfInput input;
  input.router_id = router_id;
  input.area_id = area;
  input.interfaces = interfaces;
  input.lsas = lsas;
  return compute_spf(input);
}

const SpfRoute* find(const SpfResult& r, std::uint32_t prefix, std::uint32_t mask) {
  for (const SpfRoute& route : r.routes) {
    if (route.prefix == prefix && route.mask == mask) return &route;
  }
  return nullptr;
}

SpfRoute intra(std::uint32_t prefix, std::uint32_t mask, std::uint32_t cost, std::uint32_t advertising_router,
               std::vector<SpfNextHop> hops) {
  return SpfRoute{prefix, mask, SpfRouteType::IntraArea, 0, cost, 0, advertising_router, std::move(hops)};
}

}  // namespace

TEST_CASE("spf: seed lab backbone seen from R3") {
  const std::vector<Lsa> lsas = seed_backbone();
  const SpfResult r = run(kR3, lsas, kR3Interfaces);
  const SpfNextHop via_r1{ip(192, 168, 13, 1), "GigabitEthernet0/0"};
  const std::vector<SpfRoute> expected = {
      intra(ip(1, 1, 1, 1), kHost, 2, kR1, {via_r1}),
      intra(ip(2, 2, 2, 2), kHost, 3, kR2, {via_r1}),  // R3-R1 1 + R1-R2 1 + loopback 1
      intra(ip(3, 3, 3, 3), kHost, 1, kR3, {SpfNextHop{0, "Loopback0"}}),
      intra(ip(4, 4, 4, 4), kHost, 3, kR4, {via_r1}),
      intra(ip(192, 168, 12, 0), kSlash24, 2, kR1, {via_r1}),
      intra(ip(192, 168, 13, 0), kSlash24, 1, kR3, {SpfNextHop{0, "GigabitEthernet0/0"}}),
      intra(ip(192, 168, 14, 0), kSlash24, 2, kR1, {via_r1}),
  };
  CHECK(r.routes == expected);
  CHECK(r.routes[1].prefix_length() == 32);
  using Reach = std::vector<std::pair<std::uint32_t, std::uint32_t>>;
  CHECK(r.reachable_routers == Reach{{kR1, 1}, {kR2, 2}, {kR3, 0}, {kR4, 2}});
  CHECK(r.routers.empty());  // no ABR or ASBR
}

TEST_CASE("spf: seed lab backbone seen from R1, one next hop per spoke") {
  const std::vector<Lsa> lsas = seed_backbone();
  const SpfResult r = run(kR1, lsas, kR1Interfaces);
  REQUIRE(r.routes.size() == 7);
  CHECK(*find(r, ip(2, 2, 2, 2), kHost) ==
        intra(ip(2, 2, 2, 2), kHost, 2, kR2, {SpfNextHop{ip(192, 168, 12, 2), "GigabitEthernet0/2"}}));
  CHECK(*find(r, ip(4, 4, 4, 4), kHost) ==
        intra(ip(4, 4, 4, 4), kHost, 2, kR4, {SpfNextHop{ip(192, 168, 14, 4), "GigabitEthernet0/4"}}));
  // The link subnet is advertised by both ends at cost 1: ours wins as
  // directly connected (the other end's copy costs 2 + 1).
  CHECK(*find(r, ip(192, 168, 12, 0), kSlash24) ==
        intra(ip(192, 168, 12, 0), kSlash24, 1, kR1, {SpfNextHop{0, "GigabitEthernet0/2"}}));
}

TEST_CASE("spf: no router-LSA of our own gives an empty table") {
  const std::vector<Lsa> lsas = seed_backbone();
  CHECK(run(kR5, lsas, {}).routes.empty());
}

TEST_CASE("spf: broadcast transit network with a DR") {
  // 10.0.123.0/24: R1 .1 (DR), R2 .2, R3 .3; loopbacks on each.
  const std::uint32_t dr = ip(10, 0, 123, 1);
  const std::vector<Lsa> lsas = {
      router_lsa(kR1, {transit(dr, ip(10, 0, 123, 1)), stub(ip(1, 1, 1, 1), kHost)}),
      router_lsa(kR2, {transit(dr, ip(10, 0, 123, 2)), stub(ip(2, 2, 2, 2), kHost)}),
      router_lsa(kR3, {transit(dr, ip(10, 0, 123, 3), 10), stub(ip(3, 3, 3, 3), kHost)}),
      network_lsa(dr, kR1, kSlash24, {kR1, kR2, kR3}),
  };
  const std::vector<SpfInterface> interfaces = {
      SpfInterface{"Loopback0", ip(3, 3, 3, 3), kHost, 1},
      SpfInterface{"GigabitEthernet0/1", ip(10, 0, 123, 3), kSlash24, 10},
  };
  const SpfResult r = run(kR3, lsas, interfaces);
  const std::vector<SpfRoute> expected = {
      intra(ip(1, 1, 1, 1), kHost, 11, kR1, {SpfNextHop{ip(10, 0, 123, 1), "GigabitEthernet0/1"}}),
      intra(ip(2, 2, 2, 2), kHost, 11, kR2, {SpfNextHop{ip(10, 0, 123, 2), "GigabitEthernet0/1"}}),
      intra(ip(3, 3, 3, 3), kHost, 1, kR3, {SpfNextHop{0, "Loopback0"}}),
      intra(ip(10, 0, 123, 0), kSlash24, 10, kR1, {SpfNextHop{0, "GigabitEthernet0/1"}}),
  };
  CHECK(r.routes == expected);

  // From R1 the network's cost out of R1 is 1, and R3 is reached at .3.
  const std::vector<SpfInterface> r1_interfaces = {SpfInterface{"Gi0/0", ip(10, 0, 123, 1), kSlash24, 1}};
  const SpfResult from_r1 = run(kR1, lsas, r1_interfaces);
  CHECK(*find(from_r1, ip(3, 3, 3, 3), kHost) ==
        intra(ip(3, 3, 3, 3), kHost, 2, kR3, {SpfNextHop{ip(10, 0, 123, 3), "Gi0/0"}}));
}

TEST_CASE("spf: a router missing from the network-LSA is not reached through it") {
  const std::uint32_t dr = ip(10, 0, 123, 1);
  const std::vector<Lsa> lsas = {
      router_lsa(kR1, {transit(dr, ip(10, 0, 123, 1))}),
      router_lsa(kR2, {transit(dr, ip(10, 0, 123, 2)), stub(ip(2, 2, 2, 2), kHost)}),
      network_lsa(dr, kR1, kSlash24, {kR1}),  // R2 not (yet) adjacent with the DR
  };
  const SpfResult r = run(kR1, lsas, {SpfInterface{"Gi0/0", ip(10, 0, 123, 1), kSlash24, 1}});
  CHECK(find(r, ip(2, 2, 2, 2), kHost) == nullptr);
  CHECK(find(r, ip(10, 0, 123, 0), kSlash24) != nullptr);
}

TEST_CASE("spf: equal-cost paths keep both next hops") {
  // A(R1) -10- B(R2) -10- D(R4), A -10- C(R3) -10- D, D has 4.4.4.4/32.
  const std::vector<Lsa> lsas = {
      router_lsa(kR1, {p2p(kR2, ip(10, 0, 12, 1), 10), p2p(kR3, ip(10, 0, 13, 1), 10)}),
      router_lsa(kR2, {p2p(kR1, ip(10, 0, 12, 2), 10), p2p(kR4, ip(10, 0, 24, 2), 10)}),
      router_lsa(kR3, {p2p(kR1, ip(10, 0, 13, 3), 10), p2p(kR4, ip(10, 0, 34, 3), 10)}),
      router_lsa(kR4, {p2p(kR2, ip(10, 0, 24, 4), 10), p2p(kR3, ip(10, 0, 34, 4), 10), stub(ip(4, 4, 4, 4), kHost)}),
  };
  const std::vector<SpfInterface> interfaces = {
      SpfInterface{"eth1", ip(10, 0, 12, 1), kSlash24, 10},
      SpfInterface{"eth2", ip(10, 0, 13, 1), kSlash24, 10},
  };
  const SpfResult r = run(kR1, lsas, interfaces);
  const std::vector<SpfNextHop> both = {SpfNextHop{ip(10, 0, 12, 2), "eth1"}, SpfNextHop{ip(10, 0, 13, 3), "eth2"}};
  CHECK(*find(r, ip(4, 4, 4, 4), kHost) == intra(ip(4, 4, 4, 4), kHost, 21, kR4, both));

  SUBCASE("max_paths 1 keeps the first in order") {
    SpfInput input;
    input.router_id = kR1;
    input.interfaces = interfaces;
    input.lsas = lsas;
    input.max_paths = 1;
    const SpfResult one = compute_spf(input);
    CHECK(find(one, ip(4, 4, 4, 4), kHost)->next_hops == std::vector<SpfNextHop>{both[0]});
  }
  SUBCASE("a cheaper side wins alone") {
    std::vector<Lsa> cheaper = lsas;
    std::get<RouterLsa>(cheaper[0].body).links[1].metric = 5;
    const SpfResult r2 = run(kR1, cheaper, interfaces);
    CHECK(*find(r2, ip(4, 4, 4, 4), kHost) == intra(ip(4, 4, 4, 4), kHost, 16, kR4, {both[1]}));
  }
}

TEST_CASE("spf: a one-way link is not used (bidirectional check)") {
  // R2 claims a link to R3 but R3 does not link back: R3 and its loopback
  // are unreachable, so are the stubs behind it.
  std::vector<Lsa> lsas = {
      router_lsa(kR1, {p2p(kR2, ip(10, 0, 12, 1))}),
      router_lsa(kR2, {p2p(kR1, ip(10, 0, 12, 2)), p2p(kR3, ip(10, 0, 23, 2))}),
      router_lsa(kR3, {stub(ip(3, 3, 3, 3), kHost), stub(ip(10, 0, 23, 0), kSlash24)}),
  };
  const std::vector<SpfInterface> interfaces = {SpfInterface{"eth1", ip(10, 0, 12, 1), kSlash24, 1}};
  const SpfResult r = run(kR1, lsas, interfaces);
  CHECK(find(r, ip(3, 3, 3, 3), kHost) == nullptr);
  CHECK(find(r, ip(10, 0, 23, 0), kSlash24) == nullptr);
  using Reach = std::vector<std::pair<std::uint32_t, std::uint32_t>>;
  CHECK(r.reachable_routers == Reach{{kR1, 0}, {kR2, 1}});

  // Once R3 links back, everything behind it appears.
  std::get<RouterLsa>(lsas[2].body).links.push_back(p2p(kR2, ip(10, 0, 23, 3)));
  const SpfResult fixed = run(kR1, lsas, interfaces);
  CHECK(*find(fixed, ip(3, 3, 3, 3), kHost) ==
        intra(ip(3, 3, 3, 3), kHost, 3, kR3, {SpfNextHop{ip(10, 0, 12, 2), "eth1"}}));
}

TEST_CASE("spf: MaxAge and older instances are ignored") {
  std::vector<Lsa> lsas = seed_backbone();
  Lsa old_r2 = router_lsa(kR2, {p2p(kR1, ip(192, 168, 12, 2)), stub(ip(99, 0, 0, 0), 0xFF000000)});
  old_r2.header.sequence = 0x80000000;  // older than the 0x80000001 in the set
  lsas.push_back(old_r2);
  const SpfResult r = run(kR3, lsas, kR3Interfaces);
  CHECK(find(r, ip(99, 0, 0, 0), 0xFF000000) == nullptr);
  CHECK(find(r, ip(2, 2, 2, 2), kHost) != nullptr);

  lsas = seed_backbone();
  lsas[1].header.age = 3600;  // R2's router-LSA being flushed
  const SpfResult flushed = run(kR3, lsas, kR3Interfaces);
  CHECK(find(flushed, ip(2, 2, 2, 2), kHost) == nullptr);
}

TEST_CASE("spf: inter-area routes from summary-LSAs") {
  // R1 is an ABR (B bit); R4 is a second ABR that R3 cannot reach.
  std::vector<Lsa> lsas = seed_backbone();
  std::get<RouterLsa>(lsas[0].body).flags = router_flag::B;
  lsas.push_back(summary_lsa(ls_type::SummaryNetwork, ip(172, 16, 0, 0), kR1, 0xFFFF0000, 20));
  lsas.push_back(summary_lsa(ls_type::SummaryNetwork, ip(172, 17, 0, 0), kR5, 0xFFFF0000, 5));   // ABR not in the area
  lsas.push_back(summary_lsa(ls_type::SummaryNetwork, ip(172, 18, 0, 0), kR3, 0xFFFF0000, 5));   // our own
  lsas.push_back(summary_lsa(ls_type::SummaryNetwork, ip(172, 19, 0, 0), kR1, 0xFFFF0000, kSpfLsInfinity));
  lsas.push_back(summary_lsa(ls_type::SummaryNetwork, ip(2, 2, 2, 2), kR1, kHost, 1));  // intra-area wins
  const SpfResult r = run(kR3, lsas, kR3Interfaces);

  const SpfNextHop via_r1{ip(192, 168, 13, 1), "GigabitEthernet0/0"};
  CHECK(*find(r, ip(172, 16, 0, 0), 0xFFFF0000) ==
        SpfRoute{ip(172, 16, 0, 0), 0xFFFF0000, SpfRouteType::InterArea, 0, 21, 0, kR1, {via_r1}});
  CHECK(find(r, ip(172, 17, 0, 0), 0xFFFF0000) == nullptr);
  CHECK(find(r, ip(172, 18, 0, 0), 0xFFFF0000) == nullptr);
  CHECK(find(r, ip(172, 19, 0, 0), 0xFFFF0000) == nullptr);
  CHECK(find(r, ip(2, 2, 2, 2), kHost)->type == SpfRouteType::IntraArea);
  REQUIRE(r.routers.size() == 1);
  CHECK(r.routers[0] == SpfRouterRoute{kR1, router_flag::B, SpfRouteType::IntraArea, 0, 1, {via_r1}});

  SUBCASE("an ABR computing a non-backbone area ignores that area's summaries") {
    std::vector<Lsa> own = lsas;
    std::get<RouterLsa>(own[2].body).flags = router_flag::B;  // R3 an ABR too
    CHECK(find(run(kR3, own, kR3Interfaces, 1), ip(172, 16, 0, 0), 0xFFFF0000) == nullptr);
    CHECK(find(run(kR3, own, kR3Interfaces, 0), ip(172, 16, 0, 0), 0xFFFF0000) != nullptr);
  }
}

TEST_CASE("spf: AS-external routes, E1 and E2") {
  // R2 is an ASBR (E bit) redistributing 8.8.8.0/24 (E2 20), 9.9.9.0/24
  // (E1 20) and 7.7.7.0/24 with a forwarding address on R1-R4's link.
  std::vector<Lsa> lsas = seed_backbone();
  std::get<RouterLsa>(lsas[1].body).flags = router_flag::E;
  lsas.push_back(external_lsa(ip(8, 8, 8, 0), kR2, kSlash24, 20, true));
  lsas.push_back(external_lsa(ip(9, 9, 9, 0), kR2, kSlash24, 20, false));
  lsas.push_back(external_lsa(ip(7, 7, 7, 0), kR2, kSlash24, 30, false, ip(192, 168, 14, 4)));
  lsas.push_back(external_lsa(ip(6, 6, 6, 0), kR4, kSlash24, 30, true));  // R4 has no E bit
  lsas.push_back(external_lsa(ip(5, 5, 5, 0), kR2, kSlash24, 30, true, ip(10, 99, 0, 1)));  // unreachable fwd
  lsas.push_back(external_lsa(ip(3, 3, 3, 3), kR2, kHost, 1, false));  // intra-area wins
  const SpfResult r = run(kR3, lsas, kR3Interfaces);

  const SpfNextHop via_r1{ip(192, 168, 13, 1), "GigabitEthernet0/0"};
  const SpfRoute e2{ip(8, 8, 8, 0), kSlash24, SpfRouteType::ExternalType2, 0, 2, 20, kR2, {via_r1}};
  CHECK(*find(r, ip(8, 8, 8, 0), kSlash24) == e2);
  CHECK(e2.metric() == 20);
  const SpfRoute e1{ip(9, 9, 9, 0), kSlash24, SpfRouteType::ExternalType1, 0, 22, 0, kR2, {via_r1}};
  CHECK(*find(r, ip(9, 9, 9, 0), kSlash24) == e1);
  CHECK(e1.metric() == 22);
  // Forwarding address 192.168.14.4: cost of 192.168.14.0/24 (2) + 30.
  CHECK(*find(r, ip(7, 7, 7, 0), kSlash24) ==
        SpfRoute{ip(7, 7, 7, 0), kSlash24, SpfRouteType::ExternalType1, 0, 32, 0, kR2, {via_r1}});
  CHECK(find(r, ip(6, 6, 6, 0), kSlash24) == nullptr);
  CHECK(find(r, ip(5, 5, 5, 0), kSlash24) == nullptr);
  CHECK(find(r, ip(3, 3, 3, 3), kHost)->type == SpfRouteType::IntraArea);

  SUBCASE("E1 beats E2 for the same prefix, whatever the costs") {
    std::get<RouterLsa>(lsas[3].body).flags = router_flag::E;  // R4 becomes an ASBR too
    lsas.push_back(external_lsa(ip(8, 8, 8, 0), kR4, kSlash24, 1000, false));
    const SpfResult both = run(kR3, lsas, kR3Interfaces);
    CHECK(find(both, ip(8, 8, 8, 0), kSlash24)->type == SpfRouteType::ExternalType1);
    CHECK(find(both, ip(8, 8, 8, 0), kSlash24)->cost == 1002);
    CHECK(find(both, ip(6, 6, 6, 0), kSlash24)->metric() == 30);
  }
  SUBCASE("forwarding address on our own subnet: next hop is that address") {
    lsas.push_back(external_lsa(ip(4, 0, 0, 0), kR2, 0xFF000000, 5, true, ip(192, 168, 13, 1)));
    const SpfResult fwd = run(kR3, lsas, kR3Interfaces);
    CHECK(find(fwd, ip(4, 0, 0, 0), 0xFF000000)->next_hops == std::vector<SpfNextHop>{via_r1});
    CHECK(find(fwd, ip(4, 0, 0, 0), 0xFF000000)->cost == 1);
  }
}

TEST_CASE("spf: an ASBR in another area through a type-4 summary") {
  std::vector<Lsa> lsas = seed_backbone();
  std::get<RouterLsa>(lsas[0].body).flags = router_flag::B;
  lsas.push_back(summary_lsa(ls_type::SummaryAsbr, kR5, kR1, 0, 10));
  lsas.push_back(external_lsa(ip(8, 8, 8, 0), kR5, kSlash24, 20, false));
  const SpfResult r = run(kR3, lsas, kR3Interfaces);
  const SpfNextHop via_r1{ip(192, 168, 13, 1), "GigabitEthernet0/0"};
  REQUIRE(r.routers.size() == 2);
  CHECK(r.routers[1] == SpfRouterRoute{kR5, router_flag::E, SpfRouteType::InterArea, 0, 11, {via_r1}});
  CHECK(*find(r, ip(8, 8, 8, 0), kSlash24) ==
        SpfRoute{ip(8, 8, 8, 0), kSlash24, SpfRouteType::ExternalType1, 0, 31, 0, kR5, {via_r1}});
}

TEST_CASE("spf: the result is sorted and independent of input order") {
  std::vector<Lsa> lsas = seed_backbone();
  std::get<RouterLsa>(lsas[1].body).flags = router_flag::E;
  lsas.push_back(external_lsa(ip(8, 8, 8, 0), kR2, kSlash24, 20, true));
  const SpfResult a = run(kR3, lsas, kR3Interfaces);
  std::vector<Lsa> reversed(lsas.rbegin(), lsas.rend());
  const SpfResult b = run(kR3, reversed, kR3Interfaces);
  CHECK(a.routes == b.routes);
  CHECK(a.routers == b.routers);
  for (std::size_t i = 1; i < a.routes.size(); ++i) {
    CHECK(std::pair{a.routes[i - 1].prefix, a.routes[i - 1].mask} < std::pair{a.routes[i].prefix, a.routes[i].mask});
  }
  CHECK(std::string(to_string(SpfRouteType::ExternalType2)) == "external-2");
}

TEST_CASE("spf: two parallel point-to-point links to one neighbor give two next hops") {
  const std::vector<Lsa> lsas = {
      router_lsa(kR1, {p2p(kR2, ip(10, 0, 1, 1)), p2p(kR2, ip(10, 0, 2, 1))}),
      router_lsa(kR2, {p2p(kR1, ip(10, 0, 1, 2)), p2p(kR1, ip(10, 0, 2, 2)), stub(ip(2, 2, 2, 2), kHost)}),
  };
  const std::vector<SpfInterface> interfaces = {
      SpfInterface{"eth1", ip(10, 0, 1, 1), kSlash24, 1},
      SpfInterface{"eth2", ip(10, 0, 2, 1), kSlash24, 1},
  };
  const SpfResult r = run(kR1, lsas, interfaces);
  // Each neighbor address is the one on the outgoing interface's subnet.
  CHECK(find(r, ip(2, 2, 2, 2), kHost)->next_hops ==
        std::vector<SpfNextHop>{SpfNextHop{ip(10, 0, 1, 2), "eth1"}, SpfNextHop{ip(10, 0, 2, 2), "eth2"}});
}
