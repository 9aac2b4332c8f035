// "show ip route vrf NAME" in IOS's format, over views holding exactly the
// routes and ages of the seed lab (R3's Technique/Commercial/Serveurs, R2's
// Serveurs/Internet). The golden strings use the R4/R2 form (blank lines around
// "Gateway of last resort"), not the seed's R3 form, which drops them.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "cli/show_ip_route.hpp"

using namespace l3vpn::cli;
using namespace std::chrono_literals;

namespace {

constexpr std::uint32_t ip(std::uint32_t a, std::uint32_t b, std::uint32_t c, std::uint32_t d) {
  return a << 24 | b << 16 | c << 8 | d;
}

l3vpn::core::Duration age(int h, int m, int s) {
  return std::chrono::hours(h) + std::chrono::minutes(m) + std::chrono::seconds(s);
}

RouteView connected(std::uint32_t address, std::uint8_t length, std::string interface) {
  RouteView r;
  r.code = 'C';
  r.address = address;
  r.length = length;
  r.interface = std::move(interface);
  return r;
}

// A route leaked from another VRF of the same PE: BGP, directly connected.
RouteView leaked(std::uint32_t address, std::uint8_t length, l3vpn::core::Duration a, std::string interface) {
  RouteView r = connected(address, length, std::move(interface));
  r.code = 'B';
  r.age = a;
  return r;
}

RouteView bgp(std::uint32_t address, std::uint8_t length, std::uint32_t metric, std::uint32_t next_hop,
              l3vpn::core::Duration a) {
  RouteView r;
  r.code = 'B';
  r.address = address;
  r.length = length;
  r.distance = 200;
  r.metric = metric;
  r.next_hop = next_hop;
  r.age = a;
  return r;
}

RouteView bgp_default(l3vpn::core::Duration a) {
  RouteView r = bgp(0, 0, 33, ip(2, 2, 2, 2), a);
  r.candidate_default = true;
  return r;
}

const std::string kHeaderCodes =
    "Codes: C - connected, S - static, R - RIP, M - mobile, B - BGP\n"
    "       D - EIGRP, EX - EIGRP external, O - OSPF, IA - OSPF inter area\n"
    "       N1 - OSPF NSSA external type 1, N2 - OSPF NSSA external type 2\n"
    "       E1 - OSPF external type 1, E2 - OSPF external type 2\n"
    "       i - IS-IS, su - IS-IS summary, L1 - IS-IS level-1, L2 - IS-IS level-2\n"
    "       ia - IS-IS inter area, * - candidate default, U - per-user static route\n"
    "       o - ODR, P - periodic downloaded static route\n";

std::string header(const std::string& vrf, const std::string& gateway) {
  return "\nRouting Table: " + vrf + "\n" + kHeaderCodes + "\n" + gateway + "\n\n";
}

const std::uint32_t kR2 = ip(2, 2, 2, 2);
const std::uint32_t kR3 = ip(3, 3, 3, 3);
const std::uint32_t kR4 = ip(4, 4, 4, 4);

RouteTableView r3_technique() {
  RouteTableView v;
  v.vrf = "Technique";
  v.gateway = GatewayOfLastResort{kR2, 0};
  v.routes = {
      connected(ip(10, 10, 10, 1), 32, "Loopback10"),
      leaked(ip(10, 10, 20, 1), 32, age(1, 16, 46), "Loopback20"),
      bgp(ip(10, 10, 30, 0), 24, 30, kR2, age(1, 1, 16)),
      leaked(ip(10, 10, 30, 1), 32, age(1, 16, 16), "Loopback30"),
      bgp(ip(10, 10, 30, 254), 32, 0, kR4, age(1, 10, 46)),
      bgp(ip(10, 10, 20, 254), 32, 0, kR4, age(1, 10, 46)),
      bgp(ip(10, 10, 10, 254), 32, 0, kR4, age(1, 10, 46)),
      bgp_default(age(1, 34, 2)),
  };
  return v;
}

}  // namespace

TEST_CASE("show ip route vrf: R3 Technique (variably subnetted, default route)") {
  const CommandResult r = show_ip_route_vrf(r3_technique(), false);
  CHECK(r.ok);
  CHECK(r.output == header("Technique", "Gateway of last resort is 2.2.2.2 to network 0.0.0.0") +
                        "     10.0.0.0/8 is variably subnetted, 7 subnets, 2 masks\n"
                        "C       10.10.10.1/32 is directly connected, Loopback10\n"
                        "B       10.10.20.1/32 is directly connected, 01:16:46, Loopback20\n"
                        "B       10.10.30.0/24 [200/30] via 2.2.2.2, 01:01:16\n"
                        "B       10.10.30.1/32 is directly connected, 01:16:16, Loopback30\n"
                        "B       10.10.30.254/32 [200/0] via 4.4.4.4, 01:10:46\n"
                        "B       10.10.20.254/32 [200/0] via 4.4.4.4, 01:10:46\n"
                        "B       10.10.10.254/32 [200/0] via 4.4.4.4, 01:10:46\n"
                        "B*   0.0.0.0/0 [200/33] via 2.2.2.2, 01:34:02\n");
}

TEST_CASE("show ip route vrf: the default route prints last whatever its place in the view") {
  RouteTableView v = r3_technique();
  std::rotate(v.routes.begin(), v.routes.end() - 1, v.routes.end());  // default first
  CHECK(show_ip_route_vrf(v, false).output == show_ip_route_vrf(r3_technique(), false).output);
}

TEST_CASE("show ip route vrf: R3 Commercial (one mask: subnetted, no /len on routes)") {
  RouteTableView v;
  v.vrf = "Commercial";
  v.gateway = GatewayOfLastResort{kR2, 0};
  v.routes = {
      leaked(ip(10, 10, 10, 1), 32, age(1, 17, 38), "Loopback10"),
      connected(ip(10, 10, 20, 1), 32, "Loopback20"),
      bgp(ip(10, 10, 20, 254), 32, 0, kR4, age(1, 10, 53)),
      bgp(ip(10, 10, 10, 254), 32, 0, kR4, age(1, 10, 53)),
      bgp_default(age(1, 34, 9)),
  };
  CHECK(show_ip_route_vrf(v, false).output ==
        header("Commercial", "Gateway of last resort is 2.2.2.2 to network 0.0.0.0") +
            "     10.0.0.0/32 is subnetted, 4 subnets\n"
            "B       10.10.10.1 is directly connected, 01:17:38, Loopback10\n"
            "C       10.10.20.1 is directly connected, Loopback20\n"
            "B       10.10.20.254 [200/0] via 4.4.4.4, 01:10:53\n"
            "B       10.10.10.254 [200/0] via 4.4.4.4, 01:10:53\n"
            "B*   0.0.0.0/0 [200/33] via 2.2.2.2, 01:34:09\n");
}

TEST_CASE("show ip route vrf: R3 Serveurs (no gateway of last resort)") {
  RouteTableView v;
  v.vrf = "Serveurs";
  v.routes = {
      leaked(ip(10, 10, 10, 1), 32, age(1, 17, 45), "Loopback10"),
      bgp(ip(10, 10, 30, 0), 24, 30, kR2, age(1, 1, 30)),
      connected(ip(10, 10, 30, 1), 32, "Loopback30"),
      bgp(ip(10, 10, 30, 254), 32, 0, kR4, age(1, 11, 0)),
      bgp(ip(10, 10, 10, 254), 32, 0, kR4, age(1, 11, 0)),
  };
  CHECK(show_ip_route_vrf(v, false).output ==
        header("Serveurs", "Gateway of last resort is not set") +
            "     10.0.0.0/8 is variably subnetted, 5 subnets, 2 masks\n"
            "B       10.10.10.1/32 is directly connected, 01:17:45, Loopback10\n"
            "B       10.10.30.0/24 [200/30] via 2.2.2.2, 01:01:30\n"
            "C       10.10.30.1/32 is directly connected, Loopback30\n"
            "B       10.10.30.254/32 [200/0] via 4.4.4.4, 01:11:00\n"
            "B       10.10.10.254/32 [200/0] via 4.4.4.4, 01:11:00\n");
}

TEST_CASE("show ip route vrf: R2 Serveurs") {
  RouteTableView v;
  v.vrf = "Serveurs";
  v.routes = {
      bgp(ip(10, 10, 10, 1), 32, 0, kR3, 30s),
      connected(ip(10, 10, 30, 0), 24, "Loopback30"),
      bgp(ip(10, 10, 30, 1), 32, 0, kR3, 30s),
      bgp(ip(10, 10, 30, 254), 32, 0, kR4, 15s),
      bgp(ip(10, 10, 10, 254), 32, 0, kR4, 15s),
  };
  CHECK(show_ip_route_vrf(v, false).output ==
        header("Serveurs", "Gateway of last resort is not set") +
            "     10.0.0.0/8 is variably subnetted, 5 subnets, 2 masks\n"
            "B       10.10.10.1/32 [200/0] via 3.3.3.3, 00:00:30\n"
            "C       10.10.30.0/24 is directly connected, Loopback30\n"
            "B       10.10.30.1/32 [200/0] via 3.3.3.3, 00:00:30\n"
            "B       10.10.30.254/32 [200/0] via 4.4.4.4, 00:00:15\n"
            "B       10.10.10.254/32 [200/0] via 4.4.4.4, 00:00:15\n");
}

namespace {

RouteTableView r2_internet() {
  RouteView static_default;
  static_default.code = 'S';
  static_default.candidate_default = true;
  static_default.distance = 1;
  static_default.metric = 0;
  static_default.next_hop = ip(172, 33, 33, 2);
  RouteTableView v;
  v.vrf = "Internet";
  v.gateway = GatewayOfLastResort{ip(172, 33, 33, 2), 0};
  v.routes = {
      connected(ip(172, 33, 33, 0), 30, "GigabitEthernet1/0"),
      bgp(ip(10, 10, 10, 1), 32, 0, kR3, age(1, 50, 20)),
      bgp(ip(10, 10, 20, 1), 32, 0, kR3, age(1, 49, 35)),
      bgp(ip(10, 10, 20, 254), 32, 0, kR4, age(1, 43, 35)),
      bgp(ip(10, 10, 10, 254), 32, 0, kR4, age(1, 43, 35)),
      static_default,
  };
  return v;
}

}  // namespace

TEST_CASE("show ip route vrf: R2 Internet (two major networks in view order, static default)") {
  CHECK(show_ip_route_vrf(r2_internet(), false).output ==
        header("Internet", "Gateway of last resort is 172.33.33.2 to network 0.0.0.0") +
            "     172.33.0.0/30 is subnetted, 1 subnets\n"
            "C       172.33.33.0 is directly connected, GigabitEthernet1/0\n"
            "     10.0.0.0/32 is subnetted, 4 subnets\n"
            "B       10.10.10.1 [200/0] via 3.3.3.3, 01:50:20\n"
            "B       10.10.20.1 [200/0] via 3.3.3.3, 01:49:35\n"
            "B       10.10.20.254 [200/0] via 4.4.4.4, 01:43:35\n"
            "B       10.10.10.254 [200/0] via 4.4.4.4, 01:43:35\n"
            "S*   0.0.0.0/0 [1/0] via 172.33.33.2\n");
}

TEST_CASE("show ip route vrf: a classful network alone and a supernet print at top level") {
  RouteTableView v;
  v.vrf = "X";
  RouteView ospf = bgp(ip(192, 168, 1, 0), 24, 2, ip(10, 0, 0, 2), 10s);
  ospf.code = 'O';
  ospf.sub_code = "IA";
  ospf.distance = 110;
  ospf.interface = "FastEthernet0/0";
  RouteView super = bgp(ip(172, 16, 0, 0), 12, 0, kR2, 5s);
  v.routes = {ospf, super};
  CHECK(show_ip_route_vrf(v, false).output ==
        header("X", "Gateway of last resort is not set") +
            "O IA 192.168.1.0/24 [110/2] via 10.0.0.2, 00:00:10, FastEthernet0/0\n"
            "B    172.16.0.0/12 [200/0] via 2.2.2.2, 00:00:05\n");
}

TEST_CASE("show ip route vrf: JSON for R2 Internet") {
  const CommandResult r = show_ip_route_vrf(r2_internet(), true);
  CHECK(r.ok);
  CHECK(r.output ==
        "{\"vrf\":\"Internet\",\"gateway_of_last_resort\":{\"address\":\"172.33.33.2\",\"network\":\"0.0.0.0\"},"
        "\"routes\":["
        "{\"code\":\"C\",\"sub_code\":null,\"candidate_default\":false,\"prefix\":\"172.33.33.0/30\","
        "\"distance\":null,\"metric\":null,\"next_hop\":null,\"interface\":\"GigabitEthernet1/0\","
        "\"age_seconds\":null},"
        "{\"code\":\"B\",\"sub_code\":null,\"candidate_default\":false,\"prefix\":\"10.10.10.1/32\","
        "\"distance\":200,\"metric\":0,\"next_hop\":\"3.3.3.3\",\"interface\":null,\"age_seconds\":6620},"
        "{\"code\":\"B\",\"sub_code\":null,\"candidate_default\":false,\"prefix\":\"10.10.20.1/32\","
        "\"distance\":200,\"metric\":0,\"next_hop\":\"3.3.3.3\",\"interface\":null,\"age_seconds\":6575},"
        "{\"code\":\"B\",\"sub_code\":null,\"candidate_default\":false,\"prefix\":\"10.10.20.254/32\","
        "\"distance\":200,\"metric\":0,\"next_hop\":\"4.4.4.4\",\"interface\":null,\"age_seconds\":6215},"
        "{\"code\":\"B\",\"sub_code\":null,\"candidate_default\":false,\"prefix\":\"10.10.10.254/32\","
        "\"distance\":200,\"metric\":0,\"next_hop\":\"4.4.4.4\",\"interface\":null,\"age_seconds\":6215},"
        "{\"code\":\"S\",\"sub_code\":null,\"candidate_default\":true,\"prefix\":\"0.0.0.0/0\","
        "\"distance\":1,\"metric\":0,\"next_hop\":\"172.33.33.2\",\"interface\":null,\"age_seconds\":null}"
        "]}\n");
}

TEST_CASE("show ip route vrf: unknown VRF") {
  const CommandResult r = show_ip_route_vrf_missing("Internet");
  CHECK_FALSE(r.ok);
  CHECK(r.output == "% IP routing table Internet does not exist\n");
}
