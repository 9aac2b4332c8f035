// What the seed's PEs export, computed from their configs: the VPNv4 routes
// the seed's `show ip route vrf` outputs show arriving at the other PEs.
#include <doctest/doctest.h>

#include "config/parser.hpp"
#include "vpn/label_allocator.hpp"
#include "vpn/vrf_export.hpp"

using namespace l3vpn;

namespace {

std::vector<vpn::ExportedRoute> exports_of(const std::string& path, vpn::LabelAllocator& labels) {
  auto parsed = config::parse_config_file(std::string(L3VPN_SOURCE_DIR) + "/" + path);
  REQUIRE(parsed.ok());
  return vpn::vrf_exports(parsed.config, labels, l3vpn::core::TimePoint{});
}

bgp::WireRouteDistinguisher rd(std::uint32_t asn, std::uint32_t n) {
  return bgp::WireRouteDistinguisher{(std::uint64_t{asn} << 32) | n};
}

}  // namespace

TEST_CASE("R2 exports 10.10.30.0/24 from Serveurs with MED 30 and the default route of Internet with MED 33") {
  vpn::LabelAllocator labels;
  auto routes = exports_of("labs/inter-vrf-leaking/R2.conf", labels);
  REQUIRE(routes.size() == 2);  // 172.33.33.0/30 stays home: Internet redistributes static only

  const auto& serveurs = routes[0];
  CHECK(serveurs.vrf == "Serveurs");
  CHECK(serveurs.rd == rd(65103, 302));
  CHECK(serveurs.prefix == bgp::Prefix4{0x0A0A1E00, 24});  // 10.10.30.0/24, R2's Loopback30 network
  CHECK(serveurs.attributes.med == 30u);                   // [200/30] at R3 and R4
  CHECK(serveurs.attributes.origin == bgp::Origin::Incomplete);
  CHECK(serveurs.attributes.extended_communities ==
        std::vector{bgp::ExtendedCommunity::route_target(0, 65103, 3333)});
  CHECK(serveurs.source == "connected");

  const auto& internet = routes[1];
  CHECK(internet.vrf == "Internet");
  CHECK(internet.rd == rd(65103, 402));
  CHECK(internet.prefix == bgp::Prefix4{0, 0});
  CHECK(internet.attributes.med == 33u);  // B* 0.0.0.0/0 [200/33] via 2.2.2.2
  CHECK(internet.source == "static");

  CHECK(serveurs.label != internet.label);  // one label per VRF
  CHECK(labels.find("vrf:Serveurs") == serveurs.label);
  CHECK(labels.ledger().size() == 2);
}

TEST_CASE("R3 exports its VRF loopbacks through redistribute ospf, with MED 0 whatever the metric") {
  vpn::LabelAllocator labels;
  auto routes = exports_of("labs/inter-vrf-leaking/R3.conf", labels);
  REQUIRE(routes.size() == 3);
  for (const auto& r : routes) {
    CAPTURE(r.vrf);
    CHECK(r.prefix.length == 32);
    CHECK(r.attributes.med == 0u);  // B 10.10.10.1/32 [200/0] via 3.3.3.3 at R4
  }
  CHECK(routes[0].vrf == "Technique");
  CHECK(routes[0].prefix == bgp::Prefix4{0x0A0A0A01, 32});
  CHECK(routes[0].source == "ospf 10");
}

TEST_CASE("the default route needs default-information originate; network needs the prefix in the VRF") {
  auto parsed = config::parse_config(
      "ip vrf A\n rd 65000:1\n route-target export 65000:10\n route-target import 65000:10\n!\n"
      "interface eth1\n ip vrf forwarding A\n ip address 172.16.1.1 255.255.255.0\n!\n"
      "router bgp 65000\n address-family ipv4 vrf A\n  redistribute static\n"
      "  network 172.16.1.0 mask 255.255.255.0\n  network 192.0.2.0 mask 255.255.255.0\n exit-address-family\n!\n"
      "ip route vrf A 0.0.0.0 0.0.0.0 172.16.1.2\n"
      "ip route vrf A 10.9.0.0 255.255.0.0 172.16.1.2\n",
      "a.conf");
  REQUIRE(parsed.ok());
  vpn::LabelAllocator labels(2000, 2999);
  auto routes = vpn::vrf_exports(parsed.config, labels, l3vpn::core::TimePoint{});
  REQUIRE(routes.size() == 2);
  CHECK(routes[0].prefix == bgp::Prefix4{0x0A090000, 16});  // the static route, not the default
  CHECK(routes[1].prefix == bgp::Prefix4{0xAC100100, 24});  // network: connected, so exported
  CHECK(routes[1].attributes.origin == bgp::Origin::Igp);
  CHECK(routes[0].label == 2000u);                           // from mpls label range
}
