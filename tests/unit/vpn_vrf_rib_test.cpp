// The VRF tables of the seed lab's PEs, computed from their configs and the
// VPNv4 routes every PE exports (vpn::vrf_exports), against the seed's
// `show ip route vrf` outputs. Ages are not compared (the seed's are wall-clock
// times of a running lab); lines are compared as sets and also in order (the
// order the RIB derives, cf. vrf_rib.hpp, reproduces the seed's).
#include <doctest/doctest.h>

#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "config/parser.hpp"
#include "seed_tables.hpp"
#include "vpn/label_allocator.hpp"
#include "vpn/vrf_rib.hpp"

using namespace l3vpn;
using namespace std::chrono_literals;
using namespace seed_tables;

namespace {

constexpr std::uint32_t ip(std::uint32_t a, std::uint32_t b, std::uint32_t c, std::uint32_t d) {
  return a << 24 | b << 16 | c << 8 | d;
}

std::vector<std::string> rendered(const std::vector<cli::RouteTableView>& tables, const std::string& vrf) {
  const cli::RouteTableView* t = vpn::find_table(tables, vrf);
  REQUIRE(t != nullptr);
  cli::CommandResult r = cli::show_ip_route_vrf(*t, false);
  REQUIRE(r.ok);
  return body_lines(r.output);
}

}  // namespace

TEST_CASE("vrf rib: R3's Technique, Commercial and Serveurs are the seed's; Internet does not exist") {
  auto tables = vpn::vrf_route_tables(load("R3"), known_at("R3"), 1h);
  CHECK(tables.size() == 3);
  SUBCASE("Technique") { check_against_seed(rendered(tables, "Technique"), kR3Technique); }
  SUBCASE("Commercial") { check_against_seed(rendered(tables, "Commercial"), kR3Commercial); }
  SUBCASE("Serveurs") { check_against_seed(rendered(tables, "Serveurs"), kR3Serveurs); }
  SUBCASE("Internet") {
    CHECK(vpn::find_table(tables, "Internet") == nullptr);
    CHECK(cli::show_ip_route_vrf_missing("Internet").output == "% IP routing table Internet does not exist\n");
  }
}

TEST_CASE("vrf rib: R2's Serveurs and Internet are the seed's; Technique and Commercial do not exist") {
  auto tables = vpn::vrf_route_tables(load("R2"), known_at("R2"), 30s);
  CHECK(tables.size() == 2);
  check_against_seed(rendered(tables, "Serveurs"), kR2Serveurs);
  check_against_seed(rendered(tables, "Internet"), kR2Internet);
  CHECK(vpn::find_table(tables, "Technique") == nullptr);
  CHECK(vpn::find_table(tables, "Commercial") == nullptr);
}

TEST_CASE("vrf rib: R4's Technique, Commercial and Serveurs are the seed's") {
  auto tables = vpn::vrf_route_tables(load("R4"), known_at("R4"), 1h);
  check_against_seed(rendered(tables, "Technique"), kR4Technique);
  check_against_seed(rendered(tables, "Commercial"), kR4Commercial);
  check_against_seed(rendered(tables, "Serveurs"), kR4Serveurs);
  CHECK(vpn::find_table(tables, "Internet") == nullptr);
}

TEST_CASE("vrf rib: route views carry the seed's fields (AD, metric, next hop, interface, age)") {
  std::vector<vpn::VpnRoute> known = known_at("R3");
  for (auto& r : known)
    if (r.prefix.length == 0) r.age = 1h + 34min + 2s;  // R3's default: 01:34:02
  auto tables = vpn::vrf_route_tables(load("R3"), known, 5min);
  const cli::RouteTableView* t = vpn::find_table(tables, "Technique");
  REQUIRE(t != nullptr);
  REQUIRE(t->gateway.has_value());
  CHECK(t->gateway->address == ip(2, 2, 2, 2));
  CHECK(t->gateway->network == 0u);
  REQUIRE(t->routes.size() == 8);
  const cli::RouteView& d = t->routes.back();
  CHECK(d.code == 'B');
  CHECK(d.candidate_default);
  CHECK(d.distance == 200u);
  CHECK(d.metric == 33u);
  CHECK(d.next_hop == ip(2, 2, 2, 2));
  CHECK(d.age == std::optional<core::Duration>(1h + 34min + 2s));
  const cli::RouteView& c = t->routes.front();  // C 10.10.10.1/32
  CHECK(c.code == 'C');
  CHECK(c.address == ip(10, 10, 10, 1));
  CHECK(!c.age.has_value());
  CHECK(!c.next_hop.has_value());
  const cli::RouteView& leaked = t->routes[1];  // B 10.10.20.1/32 from Commercial
  CHECK(leaked.code == 'B');
  CHECK(leaked.interface == "Loopback20");
  CHECK(!leaked.next_hop.has_value());
  CHECK(leaked.age == std::optional<core::Duration>(5min));
  std::string text = cli::show_ip_route_vrf(*t, false).output;
  CHECK(text.find("B       10.10.20.1/32 is directly connected, 00:05:00, Loopback20\n") != std::string::npos);
  CHECK(text.find("B*   0.0.0.0/0 [200/33] via 2.2.2.2, 01:34:02\n") != std::string::npos);
}

TEST_CASE("vrf rib: best route per prefix by AD then metric; own export never re-imported; statics") {
  auto parsed = config::parse_config(
      "hostname PE\n"
      "ip vrf A\n rd 1:1\n route-target export 1:1\n route-target import 1:1\n route-target import 1:2\n"
      "ip vrf B\n rd 1:2\n route-target export 1:2\n route-target import 1:2\n"
      "interface Loopback1\n ip vrf forwarding A\n ip address 10.1.1.1 255.255.255.0\n"
      "interface GigabitEthernet1/0\n ip vrf forwarding B\n ip address 192.168.5.1 255.255.255.0\n"
      "ip route vrf A 10.9.0.0 255.255.0.0 10.1.1.9 5\n"
      "ip route vrf B 0.0.0.0 0.0.0.0 192.168.5.254\n",
      "pe.conf");
  REQUIRE(parsed.ok());
  auto route = [](std::uint32_t rd_n, std::uint32_t address, std::uint8_t length, std::uint32_t med,
                  std::uint32_t next_hop, std::uint32_t rt, bool self) {
    vpn::VpnRoute r;
    r.rd = bgp::WireRouteDistinguisher{(std::uint64_t{1} << 32) | rd_n};
    r.prefix = bgp::Prefix4{address, length};
    r.attributes.med = med;
    r.attributes.extended_communities = {bgp::ExtendedCommunity::route_target(0, 1, rt)};
    r.next_hop = next_hop;
    r.from_self = self;
    return r;
  };
  std::vector<vpn::VpnRoute> known = {
      route(1, ip(10, 1, 1, 0), 24, 0, ip(1, 1, 1, 1), 1, true),     // A's own: not back into A
      route(9, ip(10, 1, 1, 0), 24, 0, ip(9, 9, 9, 9), 1, false),    // loses to connected (AD 0)
      route(9, ip(10, 9, 0, 0), 16, 0, ip(9, 9, 9, 9), 1, false),    // loses to the static (AD 5)
      route(9, ip(10, 7, 0, 0), 16, 50, ip(9, 9, 9, 9), 1, false),   // loses on metric
      route(8, ip(10, 7, 0, 0), 16, 20, ip(8, 8, 8, 8), 1, false),   // wins on metric
      route(2, ip(192, 168, 5, 0), 24, 0, ip(1, 1, 1, 1), 2, true),  // B's own, leaked into A
      route(7, ip(10, 3, 0, 0), 16, 0, ip(7, 7, 7, 7), 3, false),    // RT 1:3: imported nowhere
  };
  auto tables = vpn::vrf_route_tables(parsed.config, known, 10s);
  REQUIRE(tables.size() == 2);
  const cli::RouteTableView* a = vpn::find_table(tables, "A");
  REQUIRE(a != nullptr);
  CHECK(!a->gateway.has_value());
  std::vector<std::string> lines = body_lines(cli::show_ip_route_vrf(*a, false).output);
  CHECK(lines == std::vector<std::string>{
                     "Gateway of last resort is not set",
                     "     10.0.0.0/8 is variably subnetted, 3 subnets, 2 masks",
                     "S       10.9.0.0/16 [5/0] via 10.1.1.9",  // nethash 3
                     "C       10.1.1.0/24 is directly connected, Loopback1",  // 10
                     "B       10.7.0.0/16 [200/20] via 8.8.8.8",  // 13
                     "B    192.168.5.0/24 is directly connected, GigabitEthernet1/0",
                 });
  const cli::RouteTableView* b = vpn::find_table(tables, "B");
  REQUIRE(b != nullptr);
  REQUIRE(b->gateway.has_value());
  CHECK(b->gateway->address == ip(192, 168, 5, 254));
  lines = body_lines(cli::show_ip_route_vrf(*b, false).output);
  CHECK(lines == std::vector<std::string>{
                     "Gateway of last resort is 192.168.5.254 to network 0.0.0.0",
                     "C    192.168.5.0/24 is directly connected, GigabitEthernet1/0",
                     "S*   0.0.0.0/0 [1/0] via 192.168.5.254",
                 });
}
