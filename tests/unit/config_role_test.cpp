// Role checks: what each daemon refuses, located at the offending line.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "config/parser.hpp"

using namespace l3vpn::config;

namespace {

std::vector<std::string> role_errors(const std::string& text, Role role) {
  auto result = parse_config(text, "r.conf");
  for (const auto& e : result.errors) MESSAGE(e.to_string());
  REQUIRE(result.ok());
  std::vector<std::string> out;
  for (const auto& d : check_role(result.config, role)) out.push_back(d.to_string());
  return out;
}

const char* const kPe =
    "ip vrf Technique\n"                      // 1
    " rd 65103:103\n"                         // 2
    "interface Loopback0\n"                   // 3
    " ip address 3.3.3.3 255.255.255.255\n"   // 4
    "interface Loopback10\n"                  // 5
    " ip vrf forwarding Technique\n"          // 6
    " ip address 10.10.10.1 255.255.255.255\n"// 7
    "router ospf 10 vrf Technique\n"          // 8
    "router bgp 65103\n"                      // 9
    " address-family ipv4 vrf Technique\n"    // 10
    "ip route vrf Technique 0.0.0.0 0.0.0.0 10.10.10.2\n";  // 11

const char* const kP =
    "hostname P1\n"
    "interface Loopback0\n"
    " ip address 1.1.1.1 255.255.255.255\n"
    " ip ospf 1 area 0\n"
    "interface eth1\n"
    " ip address 10.0.0.1 255.255.255.252\n"
    " mpls ip\n"
    "router ospf 1\n"
    "mpls ldp router-id Loopback0 force\n";

}  // namespace

TEST_CASE("role names") {
  CHECK(std::string(role_name(Role::ProviderEdge)) == "pe");
  CHECK(std::string(role_name(Role::Provider)) == "p");
  CHECK(std::string(role_name(Role::RouteReflector)) == "rr");
  CHECK(std::string(role_name(Role::Host)) == "host");
}

TEST_CASE("a PE accepts VRFs, OSPF in VRFs and BGP") {
  CHECK(role_errors(kPe, Role::ProviderEdge).empty());
}

TEST_CASE("a PE without router bgp is refused") {
  std::vector<std::string> expected = {
      "r.conf:0:0: error: role pe needs 'router bgp': a PE without BGP cannot exchange VPNv4 routes"};
  CHECK(role_errors(kP, Role::ProviderEdge) == expected);
}

TEST_CASE("a P router refuses VRFs, VRF interfaces, BGP, OSPF in a VRF and VRF routes") {
  std::string p = "P router (role p runs OSPF, LDP and the LFIB only)";
  std::vector<std::string> expected = {
      "r.conf:1:8: error: VRF 'Technique' cannot be configured on a " + p,
      "r.conf:6:20: error: 'vrf forwarding Technique' on Loopback10 cannot be configured on a " + p,
      "r.conf:8:13: error: router ospf 10 vrf Technique cannot be configured on a " + p,
      "r.conf:9:12: error: router bgp 65103 cannot be configured on a " + p,
      "r.conf:11:1: error: 'ip route vrf Technique' cannot be configured on a " + p,
  };
  CHECK(role_errors(kPe, Role::Provider) == expected);
  CHECK(role_errors(kP, Role::Provider).empty());
}

TEST_CASE("a route reflector needs BGP and refuses VRFs") {
  std::string rr = "route reflector (role rr keeps VPNv4 routes but has no VRF tables)";
  std::vector<std::string> expected = {
      "r.conf:1:8: error: VRF 'Technique' cannot be configured on a " + rr,
      "r.conf:6:20: error: 'vrf forwarding Technique' on Loopback10 cannot be configured on a " + rr,
      "r.conf:8:13: error: router ospf 10 vrf Technique cannot be configured on a " + rr,
      "r.conf:10:26: error: 'address-family ipv4 vrf Technique' cannot be configured on a " + rr,
      "r.conf:11:1: error: 'ip route vrf Technique' cannot be configured on a " + rr,
  };
  CHECK(role_errors(kPe, Role::RouteReflector) == expected);
  std::vector<std::string> no_bgp = {
      "r.conf:0:0: error: role rr needs 'router bgp': a route reflector without BGP reflects nothing"};
  CHECK(role_errors(kP, Role::RouteReflector) == no_bgp);
  CHECK(role_errors("router bgp 1\n neighbor 2.2.2.2 remote-as 1\n address-family vpnv4\n"
                    "  neighbor 2.2.2.2 activate\n  neighbor 2.2.2.2 route-reflector-client\n",
                    Role::RouteReflector)
            .empty());
}

TEST_CASE("a host has addresses and static routes only") {
  std::string host = "host (role host has addresses and static routes only)";
  std::vector<std::string> expected = {
      "r.conf:2:11: error: 'mpls ip' on eth1 cannot be configured on a " + host,
  };
  CHECK(role_errors("interface Lo0\n"
                    "interface eth1\n"
                    " ip address 10.0.0.2 255.255.255.0\n"
                    " mpls ip\n"
                    "ip route 0.0.0.0 0.0.0.0 10.0.0.1\n",
                    Role::Host) == expected);
  auto p_as_host = role_errors(kP, Role::Host);
  std::vector<std::string> p_expected = {
      "r.conf:4:10: error: 'ip ospf' on Loopback0 cannot be configured on a " + host,
      "r.conf:5:11: error: 'mpls ip' on eth1 cannot be configured on a " + host,
      "r.conf:8:13: error: router ospf 1 cannot be configured on a " + host,
      "r.conf:9:20: error: 'mpls ldp router-id' cannot be configured on a " + host,
  };
  CHECK(p_as_host == p_expected);
  CHECK(role_errors("interface eth0\n ip address 10.0.0.2 255.255.255.0\n"
                    "ip route 0.0.0.0 0.0.0.0 10.0.0.1\n",
                    Role::Host)
            .empty());
  auto pe_as_host = role_errors(kPe, Role::Host);
  REQUIRE(pe_as_host.size() == 5);
  CHECK(pe_as_host[0] == "r.conf:1:8: error: VRF 'Technique' cannot be configured on a " + host);
  CHECK(pe_as_host[3] == "r.conf:9:12: error: router bgp 65103 cannot be configured on a " + host);
}
