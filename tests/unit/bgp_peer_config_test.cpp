// What the BGP speaker runs, read from the lab configs as IOS would read them.
#include <doctest/doctest.h>

#include "bgp/peer_config.hpp"
#include "config/parser.hpp"

using namespace l3vpn;

namespace {

bgp::BgpInstanceConfig instance_of(const std::string& path) {
  auto parsed = config::parse_config_file(std::string(L3VPN_SOURCE_DIR) + "/" + path);
  REQUIRE(parsed.ok());
  auto instance = bgp::bgp_instance_config(parsed.config);
  REQUIRE(instance.has_value());
  return *instance;
}

bgp::BgpInstanceConfig instance_of_text(const std::string& text) {
  auto parsed = config::parse_config(text, "test.conf");
  INFO((parsed.errors.empty() ? std::string() : parsed.errors.front().to_string()));
  REQUIRE(parsed.ok());
  auto instance = bgp::bgp_instance_config(parsed.config);
  REQUIRE(instance.has_value());
  return *instance;
}

constexpr std::uint32_t ip(int a, int b, int c, int d) {
  return static_cast<std::uint32_t>((a << 24) | (b << 16) | (c << 8) | d);
}

}  // namespace

TEST_CASE("R3 of the seed: router ID from Loopback0, two VPNv4 peers sourced from it") {
  auto r3 = instance_of("labs/inter-vrf-leaking/R3.conf");
  CHECK(r3.asn == 65103);
  CHECK(r3.router_id == ip(3, 3, 3, 3));  // Loopback10 (10.10.10.1) is in a VRF: not a candidate
  CHECK(r3.cluster_id == r3.router_id);
  REQUIRE(r3.peers.size() == 2);
  const auto& r2 = r3.peers[0];
  CHECK(r2.address == ip(2, 2, 2, 2));
  CHECK(r2.remote_as == 65103);
  CHECK_FALSE(r3.ebgp(r2));
  CHECK(r2.local_address == ip(3, 3, 3, 3));
  // no "no bgp default ipv4-unicast": IPv4 unicast is on as well as VPNv4
  CHECK(r2.families == std::vector{bgp::kIpv4Unicast, bgp::kVpnv4Unicast});
  CHECK(r2.send_extended_community);
  CHECK_FALSE(r2.route_reflector_client);
  CHECK(r2.hold_time == 180);
  CHECK(r2.keepalive == 60);
}

TEST_CASE("RR1: peer-group members inherit remote-as, update-source and reflection") {
  auto rr = instance_of("labs/rr-core/RR1.conf");
  CHECK(rr.router_id == ip(10, 255, 0, 10));
  CHECK(rr.cluster_id == ip(10, 255, 0, 10));
  REQUIRE(rr.peers.size() == 2);  // RR-CLIENTS itself is not a peer
  for (const auto& pe : rr.peers) {
    CHECK(pe.remote_as == 65000);
    CHECK(pe.update_source == "Loopback0");
    CHECK(pe.local_address == ip(10, 255, 0, 10));
    CHECK(pe.families == std::vector{bgp::kVpnv4Unicast});  // no bgp default ipv4-unicast
    CHECK(pe.route_reflector_client);
    CHECK(pe.send_extended_community);
  }
  CHECK(rr.peers[0].description == "PE1");
}

TEST_CASE("own lines win over the group's; timers, password, shutdown and CE neighbors") {
  auto bgp = instance_of_text(
      "ip vrf CUST\n rd 65000:1\n!\n"
      "interface Loopback0\n ip address 1.1.1.1 255.255.255.255\n!\n"
      "interface Loopback7\n ip address 7.7.7.7 255.255.255.255\n!\n"
      "interface eth1\n ip vrf forwarding CUST\n ip address 172.16.1.1 255.255.255.252\n!\n"
      "router bgp 65000\n"
      " timers bgp 10 30\n"
      " neighbor G peer-group\n"
      " neighbor G remote-as 65000\n"
      " neighbor G password s3cret\n"
      " neighbor G timers 5 15\n"
      " neighbor 2.2.2.2 peer-group G\n"
      " neighbor 2.2.2.2 timers 20 60\n"
      " neighbor 3.3.3.3 peer-group G\n"
      " neighbor 3.3.3.3 shutdown\n"
      " neighbor 4.4.4.4 remote-as 65001\n"
      " address-family vpnv4\n"
      "  neighbor G activate\n"
      "  neighbor 2.2.2.2 next-hop-self\n"
      " exit-address-family\n"
      " address-family ipv4 vrf CUST\n"
      "  neighbor 172.16.1.2 remote-as 65501\n"
      "  neighbor 172.16.1.2 activate\n"
      " exit-address-family\n");
  CHECK(bgp.router_id == ip(7, 7, 7, 7));  // the highest loopback
  REQUIRE(bgp.peers.size() == 4);
  const auto& p2 = bgp.peers[0];
  CHECK(p2.password == "s3cret");
  CHECK(p2.keepalive == 20);
  CHECK(p2.hold_time == 60);
  CHECK(p2.next_hop_self);
  CHECK(p2.families == std::vector{bgp::kIpv4Unicast, bgp::kVpnv4Unicast});
  const auto& p3 = bgp.peers[1];
  CHECK(p3.shutdown);
  CHECK(p3.keepalive == 5);  // the group's timers over `timers bgp`
  CHECK_FALSE(p3.next_hop_self);
  const auto& p4 = bgp.peers[2];
  CHECK(bgp.ebgp(p4));
  CHECK(p4.keepalive == 10);
  CHECK(p4.families == std::vector{bgp::kIpv4Unicast});  // never activated for VPNv4
  const auto& ce = bgp.peers[3];
  CHECK(ce.vrf == "CUST");
  CHECK(ce.remote_as == 65501);
  CHECK(ce.families == std::vector{bgp::kIpv4Unicast});
}

TEST_CASE("transport connection-mode passive: the neighbor's own, or inherited from its peer group") {
  auto bgp = instance_of_text(
      "interface Loopback0\n ip address 1.1.1.1 255.255.255.255\n!\n"
      "router bgp 65000\n"
      " neighbor PASSIVE peer-group\n"
      " neighbor PASSIVE remote-as 65000\n"
      " neighbor PASSIVE transport connection-mode passive\n"
      " neighbor ACTIVE peer-group\n"
      " neighbor ACTIVE remote-as 65000\n"
      " neighbor 2.2.2.2 peer-group PASSIVE\n"                     // from the group
      " neighbor 3.3.3.3 peer-group ACTIVE\n"                      // neither says passive
      " neighbor 4.4.4.4 peer-group ACTIVE\n"
      " neighbor 4.4.4.4 transport connection-mode passive\n"      // its own line
      " neighbor 5.5.5.5 remote-as 65000\n"                        // no group, default active
      " neighbor 6.6.6.6 remote-as 65000\n"
      " neighbor 6.6.6.6 update-source Loopback0\n"
      " neighbor 6.6.6.6 transport connection-mode passive\n");
  REQUIRE(bgp.peers.size() == 5);  // the groups are not peers
  CHECK(bgp.peers[0].address == ip(2, 2, 2, 2));
  CHECK(bgp.peers[0].passive);
  CHECK(bgp.peers[1].address == ip(3, 3, 3, 3));
  CHECK_FALSE(bgp.peers[1].passive);
  CHECK(bgp.peers[2].address == ip(4, 4, 4, 4));
  CHECK(bgp.peers[2].passive);
  CHECK(bgp.peers[3].address == ip(5, 5, 5, 5));
  CHECK_FALSE(bgp.peers[3].passive);
  CHECK(bgp.peers[4].address == ip(6, 6, 6, 6));
  CHECK(bgp.peers[4].passive);
  CHECK(bgp.peers[4].local_address == ip(1, 1, 1, 1));

  // The seed's R3 never asks for it.
  for (const auto& peer : instance_of("labs/inter-vrf-leaking/R3.conf").peers) CHECK_FALSE(peer.passive);
}

TEST_CASE("no router bgp, no BGP instance") {
  auto parsed = config::parse_config("hostname P\n", "p.conf");
  CHECK_FALSE(bgp::bgp_instance_config(parsed.config).has_value());
}
