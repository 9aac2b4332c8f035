// Malformed configs: each must give one exact diagnostic, located at the word
// that is wrong, and parsing must go on after it.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "config/parser.hpp"

using namespace l3vpn::config;

namespace {

struct Case {
  const char* text;
  const char* expected;
};

std::vector<std::string> diagnostics(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& d : parse_config(text, "t.conf").errors) out.push_back(d.to_string());
  return out;
}

// A minimal BGP preamble the BGP cases build on.
#define BGP "router bgp 65000\n neighbor 1.1.1.1 remote-as 65000\n"

const Case kSyntaxCases[] = {
    {"interface Gi0/0\n ip address 300.1.1.1 255.255.255.0\n",
     "t.conf:2:13: error: invalid IPv4 address '300.1.1.1'"},
    {"interface Gi0/0\n ip address 10.0.0.1 255.0.255.0\n",
     "t.conf:2:22: error: invalid mask '255.0.255.0': ones are not contiguous"},
    {"interface Gi0/0\n ip address 10.0.0.1 255.255.255.256\n",
     "t.conf:2:22: error: invalid mask '255.255.255.256'"},
    {"interface Gi0/0\n ip address 10.0.0.1\n",
     "t.conf:2:22: error: missing argument: ip address expects a mask"},
    {"interface Loopback1\n ip address 10.0.0.0 255.255.255.0\n",
     "t.conf:2:13: error: bad mask /24 for address 10.0.0.0: it is the network address"},
    {"interface Gi0/0\n ip foo\n", "t.conf:2:5: error: unknown command 'ip foo' in interface mode"},
    {"interface Gi0/0\n ip ospf\n", "t.conf:2:10: error: incomplete command 'ip ospf' in interface mode"},
    {"interface Gi0/0\n ip ospf network nbma\n",
     "t.conf:2:18: error: invalid OSPF network type 'nbma': expected point-to-point, broadcast, "
     "non-broadcast or point-to-multipoint"},
    {"interface Gi0/0\n ip ospf cost 0\n",
     "t.conf:2:15: error: invalid OSPF cost '0': expected a number from 1 to 65535"},
    {"interface Gi0/0\n ip ospf 1 zone 0\n", "t.conf:2:12: error: ip ospf 1 expects 'area', got 'zone'"},
    {"interface Gi0/0\n ip ospf 1 area x.y\n",
     "t.conf:2:17: error: invalid OSPF area 'x.y': expected a number or A.B.C.D"},
    {"interface Gi0/0\n shutdown now\n", "t.conf:2:11: error: unexpected 'now' after end of command"},
    {"interface Gi0/0\n ip address 10.0.0.1 255.255.255.0\n ip vrf forwarding A\nip vrf A\n",
     "t.conf:3:2: error: 'ip vrf forwarding' removes the addresses already set on Gi0/0: put it "
     "before 'ip address'"},
    {"interface\n", "t.conf:1:11: error: missing argument: interface expects an interface name"},
    {"hostname R1 bar\n", "t.conf:1:13: error: unexpected 'bar' after end of command"},
    {"frobnicate now\n", "t.conf:1:1: error: unknown command 'frobnicate' in global mode"},
    {"no\n", "t.conf:1:4: error: missing argument: 'no' expects a command"},
    {"ip vrf\n", "t.conf:1:8: error: missing argument: vrf expects a VRF name"},
    {"ip vrf A\n rd x\n",
     "t.conf:2:5: error: 'rd' expects a route distinguisher ASN:NN or A.B.C.D:NN, got 'x'"},
    {"ip vrf A\n rd 65103:4294967296\n",
     "t.conf:2:5: error: 'rd' expects a route distinguisher ASN:NN or A.B.C.D:NN, got "
     "'65103:4294967296'"},
    {"ip vrf A\n rd\n",
     "t.conf:2:5: error: missing argument: rd expects a route distinguisher ASN:NN or A.B.C.D:NN"},
    {"ip vrf A\n rd 1:1\n rd 1:2\n",
     "t.conf:3:5: error: VRF 'A' already has rd 1:1; remove it with 'no rd' first"},
    {"ip vrf A\n route-target import 4200000000:70000\n",
     "t.conf:2:22: error: 'route-target' expects a route target ASN:NN or A.B.C.D:NN, got "
     "'4200000000:70000'"},
    {"ip vrf A\n route-target sideways 1:1\n",
     "t.conf:2:15: error: route-target expects import, export or both, got 'sideways'"},
    {"ip vrf A\n ip address 10.0.0.1 255.0.0.0\n",
     "t.conf:2:2: error: unknown command 'ip' in vrf mode"},
    {"vrf definition V\n address-family ipv6\n",
     "t.conf:2:17: error: unsupported address family 'ipv6': only ipv4 is supported"},
    {"router ospf 0\n",
     "t.conf:1:13: error: invalid OSPF process id '0': expected a number from 1 to 65535"},
    {"router ospf 1\n network 10.0.0.0 0.255.0.255 area 0\n",
     "t.conf:2:19: error: invalid wildcard '0.255.0.255': expected zeros then ones, like 0.0.0.255"},
    {"router ospf 1\n network 10.0.0.0 0.0.0.255 zone 0\n",
     "t.conf:2:29: error: network expects 'area', got 'zone'"},
    {"router ospf 1\n redistribute rip\n",
     "t.conf:2:15: error: redistribute expects connected, static, ospf or bgp, got 'rip'"},
    {"router ospf 1\n redistribute bgp 65103 metric x\n",
     "t.conf:2:32: error: invalid metric 'x': expected a number from 0 to 4294967295"},
    {"router ospf 1\n redistribute connected subnets colour\n",
     "t.conf:2:33: error: unexpected 'colour' after end of command"},
    {"router ospf 1\n passive-interface\n",
     "t.conf:2:20: error: missing argument: passive-interface expects an interface name or default"},
    {"router bgp 0\n",
     "t.conf:1:12: error: invalid AS number '0': expected a number from 1 to 4294967295"},
    {"router bgp 65000\nrouter bgp 65001\n", "t.conf:2:12: error: BGP is already running; AS is 65000"},
    {"router bgp 65000\n bgp router-id 1.2.3\n", "t.conf:2:16: error: invalid IPv4 address '1.2.3'"},
    {"router bgp 65000\n neighbor 1.1.1.1 remote-as\n",
     "t.conf:2:29: error: missing argument: remote-as expects an AS number"},
    {"router bgp 65000\n timers bgp 10\n",
     "t.conf:2:16: error: missing argument: timers bgp expects a holdtime"},
    {"router bgp 65000\n neighbor 1.1.1.1 frobnicate\n",
     "t.conf:2:19: error: unknown command 'neighbor 1.1.1.1 frobnicate' in router bgp mode"},
    {BGP " neighbor 1.1.1.1 transport connection-mode sideways\n",
     "t.conf:3:45: error: transport connection-mode expects active or passive, got 'sideways'"},
    {BGP " neighbor 1.1.1.1 transport connection-mode\n",
     "t.conf:3:45: error: missing argument: transport connection-mode expects active or passive"},
    {BGP " neighbor 1.1.1.1 transport path-mtu-discovery\n",
     "t.conf:3:29: error: transport expects connection-mode, got 'path-mtu-discovery'"},
    {BGP " neighbor 1.1.1.1 transport connection-mode passive now\n",
     "t.conf:3:53: error: unexpected 'now' after end of command"},
    {BGP " address-family vpnv4\n  neighbor 1.1.1.1 send-community bogus\n",
     "t.conf:4:35: error: send-community expects standard, extended or both, got 'bogus'"},
    {BGP " address-family vpnv4\n  neighbor 1.1.1.1 route-map RM sideways\n",
     "t.conf:4:33: error: route-map expects in or out, got 'sideways'"},
    {BGP " address-family ipv6\n",
     "t.conf:3:17: error: unsupported address family 'ipv6': expected ipv4, ipv4 vrf NAME or vpnv4"},
    {BGP " address-family vpnv4\n  redistribute connected\n",
     "t.conf:4:3: error: unknown command 'redistribute' in bgp address-family mode"},
    {"ip route 10.0.0.1 255.255.255.0 1.1.1.1\n",
     "t.conf:1:10: error: inconsistent address and mask: 10.0.0.1 255.255.255.0 has host bits set "
     "(network is 10.0.0.0)"},
    {"ip route 10.0.0.0 255.0.0.0\n",
     "t.conf:1:29: error: missing argument: ip route expects a next hop or an interface"},
    {"ip route 10.0.0.0 255.0.0.0 1.1.1.1 300\n",
     "t.conf:1:37: error: invalid administrative distance '300': expected a number from 1 to 255"},
    {"ip route 10.0.0.0 255.0.0.0 1.1.1.300\n", "t.conf:1:29: error: invalid IPv4 address '1.1.1.300'"},
    {"no ip route 10.0.0.0 255.0.0.0 1.1.1.1\n", "t.conf:1:4: error: no matching route to delete"},
    {"ip prefix-list L permit 10.0.0.0/33\n",
     "t.conf:1:25: error: invalid prefix '10.0.0.0/33': expected A.B.C.D/L"},
    {"ip prefix-list L permit 10.1.0.0/8\n",
     "t.conf:1:25: error: prefix 10.1.0.0/8 has host bits set (network is 10.0.0.0/8)"},
    {"ip prefix-list L permit 10.0.0.0/8 ge 4\n",
     "t.conf:1:25: error: invalid prefix range for 10.0.0.0/8: make sure length < ge <= le"},
    {"ip prefix-list L allow 10.0.0.0/8\n", "t.conf:1:18: error: expected permit or deny, got 'allow'"},
    {"ip extcommunity-list 150 permit rt 1:1\n",
     "t.conf:1:22: error: expanded extcommunity-lists (100-500) are not supported: use 1-99"},
    {"ip extcommunity-list 10 permit color 1\n",
     "t.conf:1:32: error: extcommunity-list expects rt or soo, got 'color'"},
    {"route-map RM permit 10\n set extcommunity rt 1:1 foo\n",
     "t.conf:2:26: error: 'set extcommunity rt' expects a route target ASN:NN or A.B.C.D:NN, got "
     "'foo'"},
    {"route-map RM permit 10\n set metric -1\n",
     "t.conf:2:13: error: invalid metric '-1': expected a number from 0 to 4294967295"},
    {"route-map RM permit 10\n match community 1\n",
     "t.conf:2:8: error: unknown command 'match community' in route-map mode"},
    {"route-map RM allow 10\n", "t.conf:1:14: error: expected permit or deny, got 'allow'"},
    {"mpls label range 100 50\n", "t.conf:1:22: error: label range maximum 50 is below the minimum 100"},
    {"mpls label range 5 100\n",
     "t.conf:1:18: error: invalid label '5': expected a number from 16 to 1048575"},
    {"mpls ldp discovery hello interval 0\n",
     "t.conf:1:35: error: invalid hello interval '0': expected a number from 1 to 65535"},
    {"mpls ldp neighbor 1.1.1.1 password\n",
     "t.conf:1:36: error: missing argument: password expects a text"},
    {"mpls ldp frobnicate\n", "t.conf:1:10: error: unknown command 'mpls ldp frobnicate' in global mode"},
    {"exit now\n", "t.conf:1:6: error: unexpected 'now' after end of command"},
};

}  // namespace

TEST_CASE("every malformed line gives its exact diagnostic") {
  CHECK(std::size(kSyntaxCases) >= 35);
  for (const Case& c : kSyntaxCases) {
    CAPTURE(c.text);
    auto errors = diagnostics(c.text);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0] == std::string(c.expected));
  }
}

TEST_CASE("a malformed line is not applied and parsing goes on") {
  auto result = parse_config(
      "interface Gi0/0\n"
      " ip address 10.0.0.1 255.0.255.0\n"
      " description still in interface mode\n",
      "t.conf");
  REQUIRE(result.errors.size() == 1);
  REQUIRE(result.config.interfaces.size() == 1);
  CHECK(result.config.interfaces[0].addresses.empty());
  CHECK(result.config.interfaces[0].description == "still in interface mode");
}

TEST_CASE("several errors in one file are all reported, in line order") {
  auto errors = diagnostics(
      "hostname R1\n"
      "interface Gi0/0\n"
      " ip address 10.0.0.1 255.0.255.0\n"
      " ip foo\n"
      "router ospf 1\n"
      " network 10.0.0.0 0.0.0.255 area x.y\n"
      "router bgp 65000\n"
      " neighbor 1.1.1.1 remote-as\n"
      "bogus\n");
  std::vector<std::string> expected = {
      "t.conf:3:22: error: invalid mask '255.0.255.0': ones are not contiguous",
      "t.conf:4:5: error: unknown command 'ip foo' in interface mode",
      "t.conf:6:34: error: invalid OSPF area 'x.y': expected a number or A.B.C.D",
      "t.conf:8:29: error: missing argument: remote-as expects an AS number",
      "t.conf:9:1: error: unknown command 'bogus' in router bgp mode",
  };
  CHECK(errors == expected);
}

const Case kReferenceCases[] = {
    {"interface Gi0/0\n ip vrf forwarding Nope\n",
     "t.conf:2:20: error: VRF 'Nope' is not defined"},
    {"ip vrf A\n rd 1:1\n import map IMP\n", "t.conf:3:13: error: route-map 'IMP' is not defined"},
    {"ip vrf A\n rd 1:1\n export map EXP\n", "t.conf:3:13: error: route-map 'EXP' is not defined"},
    {BGP " address-family vpnv4\n  neighbor 1.1.1.1 route-map RM in\n",
     "t.conf:4:30: error: route-map 'RM' is not defined"},
    {"router ospf 1\n redistribute connected subnets route-map RM\n",
     "t.conf:2:2: error: route-map 'RM' is not defined"},
    {"route-map RM permit 10\n match ip address prefix-list PL\n",
     "t.conf:2:31: error: prefix-list 'PL' is not defined"},
    {"route-map RM permit 10\n match extcommunity 10\n",
     "t.conf:2:21: error: extcommunity-list '10' is not defined"},
    {"ip vrf A\n rd 1:1\nip vrf B\n rd 1:1\n",
     "t.conf:4:5: error: rd 1:1 is already used by VRF 'A'"},
    {"ip vrf A\n route-target both 1:1\nrouter bgp 1\n address-family ipv4 vrf A\n",
     "t.conf:4:26: error: VRF 'A' has no rd: router bgp 1 needs a route distinguisher to carry its "
     "routes"},
    {"ip vrf A\nrouter bgp 1\ninterface Gi0/0\n ip vrf forwarding A\n",
     "t.conf:4:20: error: VRF 'A' has no rd: router bgp 1 needs a route distinguisher to carry its "
     "routes"},
    {"vrf definition A\n rd 1:1\nrouter bgp 1\n address-family ipv4 vrf A\n",
     "t.conf:4:26: error: VRF 'A' has no ipv4 address family: add 'address-family ipv4' under "
     "'vrf definition A'"},
    {"interface Gi0/0\n ip address 10.0.0.1 255.255.255.0\ninterface Gi0/1\n ip address 10.0.0.2 "
     "255.255.0.0\n",
     "t.conf:4:13: error: address 10.0.0.2/16 overlaps 10.0.0.1/24 on Gi0/0 in the global table"},
    {"router bgp 1\n address-family vpnv4\n  neighbor 9.9.9.9 activate\n",
     "t.conf:3:12: error: neighbor 9.9.9.9 is not defined under router bgp"},
    {"router bgp 1\n neighbor 1.1.1.1 remote-as 1\n neighbor 1.1.1.1 update-source Loopback0\n",
     "t.conf:3:33: error: update-source interface 'Loopback0' is not defined"},
    {"router bgp 1\n neighbor 1.1.1.1 peer-group RR\n",
     "t.conf:2:30: error: peer-group 'RR' is not defined"},
    {"router bgp 1\n neighbor 1.1.1.1 description lonely\n",
     "t.conf:2:11: error: neighbor 1.1.1.1 has no remote-as"},
    {"ip vrf A\n rd 1:1\nrouter ospf 1\ninterface Lo1\n ip vrf forwarding A\n ip ospf 1 area 0\n",
     "t.conf:6:10: error: interface Lo1 is in VRF 'A' but OSPF process 1 runs in the global table"},
    {"ip route vrf Z 0.0.0.0 0.0.0.0 1.1.1.1\n", "t.conf:1:1: error: VRF 'Z' is not defined"},
    {"mpls ldp router-id Loopback0\n", "t.conf:1:20: error: interface 'Loopback0' is not defined"},
};

TEST_CASE("cross-reference errors point at the referencing line") {
  for (const Case& c : kReferenceCases) {
    CAPTURE(c.text);
    auto errors = diagnostics(c.text);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0] == std::string(c.expected));
  }
}

TEST_CASE("references to objects defined further down are fine; re-entering merges") {
  auto result = parse_config(
      "interface Gi0/0\n"
      " ip vrf forwarding A\n"
      " ip address 10.0.0.1 255.255.255.0\n"
      "ip vrf A\n"
      " rd 1:1\n"
      " import map IMP\n"
      "interface Gi0/0\n"
      " description merged\n"
      "route-map IMP permit 10\n",
      "t.conf");
  CHECK(result.errors.empty());
  REQUIRE(result.config.interfaces.size() == 1);
  CHECK(result.config.interfaces[0].description == "merged");
  CHECK(result.config.interfaces[0].vrf == "A");
}

TEST_CASE("syntax errors come before cross-reference errors") {
  auto errors = diagnostics(
      "interface Gi0/0\n"
      " ip vrf forwarding Nope\n"
      " ip foo\n");
  std::vector<std::string> expected = {
      "t.conf:3:5: error: unknown command 'ip foo' in interface mode",
      "t.conf:2:20: error: VRF 'Nope' is not defined",
  };
  CHECK(errors == expected);
}

TEST_CASE("a missing file is one diagnostic at line 0") {
  auto result = parse_config_file("/nonexistent/dir/R9.conf");
  REQUIRE(result.errors.size() == 1);
  CHECK(result.errors[0].to_string() == "/nonexistent/dir/R9.conf:0:0: error: cannot read file");
}
