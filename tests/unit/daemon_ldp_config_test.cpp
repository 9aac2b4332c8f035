// Config -> ldp::InstanceConfig as IOS reads it (lab configs and small ones),
// and OSPF routes -> the IGP table LDP binds labels for.
#include <doctest/doctest.h>

#include <string>

#include "config_fixtures.hpp"
#include "config/parser.hpp"
#include "daemon/ldp_config.hpp"

using namespace l3vpn;

namespace {

constexpr auto parse_text = config_fixtures::parse_ok;
constexpr auto lab = config_fixtures::lab_config;

std::uint32_t ip(const char* text) { return config::Ipv4Address::parse(text)->value; }

ospf::SpfRoute route(const char* prefix, std::uint32_t mask, std::vector<ospf::SpfNextHop> hops) {
  ospf::SpfRoute r;
  r.prefix = ip(prefix);
  r.mask = mask;
  r.next_hops = std::move(hops);
  return r;
}

}  // namespace

TEST_CASE("R1 of the inter-VRF lab: LSR ID from mpls ldp router-id Loopback0, three mpls ip links") {
  auto c = daemon::ldp_instance_config(lab("inter-vrf-leaking/R1.conf"));
  REQUIRE(c.has_value());
  CHECK(c->local == ldp::LdpId{ip("1.1.1.1"), 0});  // not the OSPF router-id 11.11.11.11
  CHECK(c->transport_address == ip("1.1.1.1"));
  CHECK(c->interfaces == std::vector<std::string>{"GigabitEthernet0/2", "GigabitEthernet0/3", "GigabitEthernet0/4"});
  CHECK(c->local_addresses ==
        std::vector<std::uint32_t>{ip("1.1.1.1"), ip("192.168.12.1"), ip("192.168.13.1"), ip("192.168.14.1")});
  CHECK(c->hello_interval == 5);
  CHECK(c->hello_hold_time == 15);
  CHECK(c->passwords.empty());
}

TEST_CASE("R2 of the inter-VRF lab: no mpls ldp router-id, so the highest global loopback; VRF addresses stay out") {
  auto c = daemon::ldp_instance_config(lab("inter-vrf-leaking/R2.conf"));
  REQUIRE(c.has_value());
  CHECK(c->local.lsr_id == ip("2.2.2.2"));  // Loopback30 (10.10.30.133) is in VRF Serveurs
  CHECK(c->interfaces == std::vector<std::string>{"GigabitEthernet0/0"});
  CHECK(c->local_addresses == std::vector<std::uint32_t>{ip("2.2.2.2"), ip("192.168.12.2")});
}

TEST_CASE("P1 of the rr-core lab: eth1 and eth2 run LDP, eth3 (to the RR) does not") {
  auto c = daemon::ldp_instance_config(lab("rr-core/P1.conf"));
  REQUIRE(c.has_value());
  CHECK(c->local.lsr_id == ip("10.255.0.1"));
  CHECK(c->interfaces == std::vector<std::string>{"eth1", "eth2"});
}

TEST_CASE("hello timers, passwords, shut interfaces and the fallback to the highest address") {
  auto c = daemon::ldp_instance_config(parse_text(
      "interface eth1\n ip address 10.0.1.1 255.255.255.0\n mpls ip\n"
      "interface eth2\n ip address 10.0.2.1 255.255.255.0\n mpls ip\n shutdown\n"
      "interface eth3\n mpls ip\n"
      "mpls ldp discovery hello interval 2\n"
      "mpls ldp discovery hello holdtime 7\n"
      "mpls ldp neighbor 3.3.3.3 password s3cret\n"));
  REQUIRE(c.has_value());
  CHECK(c->local.lsr_id == ip("10.0.1.1"));
  CHECK(c->interfaces == std::vector<std::string>{"eth1"});
  CHECK(c->hello_interval == 2);
  CHECK(c->hello_hold_time == 7);
  CHECK(c->passwords == std::map<std::uint32_t, std::string>{{ip("3.3.3.3"), "s3cret"}});
  CHECK_FALSE(daemon::ldp_instance_config(parse_text("interface eth1\n mpls ip\n")).has_value());
}

TEST_CASE("IGP table for LDP: OSPF routes with a next hop, our loopbacks and connected subnets local") {
  const std::uint32_t host = 0xFFFFFFFFu;
  std::vector<ospf::SpfRoute> routes = {
      route("1.1.1.1", host, {{0, "Loopback0"}}),                  // ours: from the local list instead
      route("2.2.2.2", host, {{ip("10.0.12.2"), "eth1"}}),
      route("3.3.3.3", host, {{ip("10.0.13.3"), "eth2"}, {ip("10.0.12.2"), "eth1"}}),
      route("10.0.12.0", 0xFFFFFF00u, {{0, "eth1"}}),             // our link: local (a FEC if selected)
      route("10.0.12.7", host, {{0, "eth1"}}),                     // a link's /32: not ours to bind
      route("4.4.4.4", host, {}),                                  // unreachable
  };
  auto igp = daemon::ldp_igp_routes(routes, {ip("1.1.1.1")});
  REQUIRE(igp.size() == 4);
  CHECK(igp[0].fec == ldp::Fec::of(ip("1.1.1.1")));
  CHECK(igp[0].local);
  CHECK(igp[1].fec == ldp::Fec::of(ip("2.2.2.2")));
  CHECK_FALSE(igp[1].local);
  CHECK(igp[1].next_hop == ip("10.0.12.2"));
  CHECK(igp[1].interface == "eth1");
  CHECK(igp[2].next_hop == ip("10.0.13.3"));  // the first of the sorted next hops
  CHECK(igp[3].fec == ldp::Fec::of(ip("10.0.12.0"), 24));
  CHECK(igp[3].local);  // implicit null when the selection makes it a FEC
}

TEST_CASE("local loopbacks: global, not shut, /32 only") {
  auto c = parse_text(
      "interface Loopback0\n ip address 1.1.1.1 255.255.255.255\n"
      "interface Loopback1\n ip address 9.9.9.9 255.255.255.255\n shutdown\n"
      "interface Loopback2\n ip address 10.5.0.1 255.255.255.0\n"
      "interface eth1\n ip address 10.0.0.1 255.255.255.255\n");
  CHECK(daemon::local_loopback_addresses(c) == std::vector<std::uint32_t>{ip("1.1.1.1")});
}
