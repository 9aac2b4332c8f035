// Model -> running-config text: exact IOS-like output, stable, and lossless
// (parse(render(parse(x))) == parse(x)) for every lab config in the tree.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "config_fixtures.hpp"
#include "config/parser.hpp"

using namespace l3vpn::config;

namespace {

Ipv4Address ip(const char* text) { return *Ipv4Address::parse(text); }

constexpr auto parse_ok = config_fixtures::parse_ok;

}  // namespace

TEST_CASE("a model built in code renders to the exact IOS text") {
  Config c;
  c.hostname = "R2";
  Vrf internet;
  internet.name = "Internet";
  internet.rd = AdministratorValue::parse("65103:402");
  internet.export_targets = {*AdministratorValue::parse("65103:4444")};
  internet.import_targets = {*AdministratorValue::parse("65103:4444"),
                             *AdministratorValue::parse("65103:2222")};
  Vrf serveurs;
  serveurs.name = "Serveurs";
  serveurs.rd = AdministratorValue::parse("65103:302");
  c.vrfs = {serveurs, internet};  // rendered sorted by name

  Interface lo;
  lo.name = "Loopback30";
  lo.description = "PC-Test-Vlan-Serveurs-R2";
  lo.vrf = "Serveurs";
  lo.addresses.push_back({Ipv4Prefix{ip("10.10.30.133"), 24}, false, {}});
  Interface gi;
  gi.name = "GigabitEthernet0/0";
  gi.addresses.push_back({Ipv4Prefix{ip("192.168.12.2"), 24}, false, {}});
  gi.ospf.process = 1;
  gi.ospf.area = OspfArea{0, false};
  gi.ospf.network = OspfNetworkType::PointToPoint;
  gi.mpls_ip = true;
  Interface unused;
  unused.name = "GigabitEthernet2/0";
  unused.shutdown = true;
  c.interfaces = {lo, gi, unused};

  OspfProcess ospf;
  ospf.id = 1;
  ospf.router_id = ip("22.22.22.22");
  ospf.log_adjacency_changes = true;
  c.ospf = {ospf};

  BgpRouter bgp;
  bgp.asn = 65103;
  bgp.no_synchronization = true;
  bgp.log_neighbor_changes = true;
  bgp.no_auto_summary = true;
  BgpNeighbor n;
  n.id = "3.3.3.3";
  n.address = ip("3.3.3.3");
  n.remote_as = 65103;
  n.update_source = "Loopback0";
  bgp.neighbors = {n};
  BgpAddressFamily vpnv4;
  BgpAfNeighbor an;
  an.id = "3.3.3.3";
  an.activate = true;
  an.send_community_extended = true;
  vpnv4.neighbors = {an};
  BgpAddressFamily vrf_family;
  vrf_family.kind = BgpAddressFamily::Kind::Ipv4Vrf;
  vrf_family.vrf = "Internet";
  Redistribution r;
  r.source = Redistribution::Source::Static;
  r.metric = 33;
  vrf_family.redistribute = {r};
  vrf_family.default_information_originate = true;
  vrf_family.no_synchronization = true;
  bgp.families = {vpnv4, vrf_family};
  c.bgp = bgp;

  StaticRoute route;
  route.vrf = "Internet";
  route.prefix = Ipv4Prefix{ip("0.0.0.0"), 0};
  route.next_hop = ip("172.33.33.2");
  c.static_routes = {route};

  CHECK(render_running_config(c) ==
        "hostname R2\n"
        "!\n"
        "ip vrf Internet\n"
        " rd 65103:402\n"
        " route-target export 65103:4444\n"
        " route-target import 65103:4444\n"
        " route-target import 65103:2222\n"
        "!\n"
        "ip vrf Serveurs\n"
        " rd 65103:302\n"
        "!\n"
        "interface Loopback30\n"
        " description PC-Test-Vlan-Serveurs-R2\n"
        " ip vrf forwarding Serveurs\n"
        " ip address 10.10.30.133 255.255.255.0\n"
        "!\n"
        "interface GigabitEthernet0/0\n"
        " ip address 192.168.12.2 255.255.255.0\n"
        " ip ospf network point-to-point\n"
        " ip ospf 1 area 0\n"
        " mpls ip\n"
        "!\n"
        "interface GigabitEthernet2/0\n"
        " no ip address\n"
        " shutdown\n"
        "!\n"
        "router ospf 1\n"
        " router-id 22.22.22.22\n"
        " log-adjacency-changes\n"
        "!\n"
        "router bgp 65103\n"
        " no synchronization\n"
        " bgp log-neighbor-changes\n"
        " neighbor 3.3.3.3 remote-as 65103\n"
        " neighbor 3.3.3.3 update-source Loopback0\n"
        " no auto-summary\n"
        " !\n"
        " address-family vpnv4\n"
        "  neighbor 3.3.3.3 activate\n"
        "  neighbor 3.3.3.3 send-community extended\n"
        " exit-address-family\n"
        " !\n"
        " address-family ipv4 vrf Internet\n"
        "  redistribute static metric 33\n"
        "  default-information originate\n"
        "  no synchronization\n"
        " exit-address-family\n"
        "!\n"
        "ip route vrf Internet 0.0.0.0 0.0.0.0 172.33.33.2\n"
        "!\n"
        "end\n");
}

TEST_CASE("vrf definition, policies and MPLS render in IOS order") {
  Config c = parse_ok(
      "mpls ldp neighbor 10.0.0.2 password pw\n"
      "mpls ldp router-id Loopback0 force\n"
      "route-map RM permit 20\n"
      " set local-preference 200\n"
      "route-map RM deny 10\n"
      " match ip address prefix-list PL\n"
      " match extcommunity 10\n"
      " set extcommunity rt 1:1 2:2 additive\n"
      "ip prefix-list PL permit 10.0.0.0/8 ge 16 le 24\n"
      "ip extcommunity-list 10 permit rt 1:1 soo 1.1.1.1:1\n"
      "ip route 10.0.0.0 255.0.0.0 Null0 250 name discard\n"
      "mpls label range 100 200\n"
      "mpls ldp discovery hello interval 5\n"
      "vrf definition V\n"
      " rd 1:1\n"
      " address-family ipv4\n"
      "  route-target import 1:1\n"
      "  export map RM\n"
      "interface Loopback0\n"
      " ip address 10.255.0.1 255.255.255.255\n"
      "hostname P1\n");
  CHECK(render_running_config(c) ==
        "hostname P1\n"
        "!\n"
        "vrf definition V\n"
        " rd 1:1\n"
        " !\n"
        " address-family ipv4\n"
        "  route-target import 1:1\n"
        "  export map RM\n"
        " exit-address-family\n"
        "!\n"
        "mpls label range 100 200\n"
        "mpls ldp discovery hello interval 5\n"
        "!\n"
        "interface Loopback0\n"
        " ip address 10.255.0.1 255.255.255.255\n"
        "!\n"
        "ip route 10.0.0.0 255.0.0.0 Null0 250 name discard\n"
        "!\n"
        "ip extcommunity-list 10 permit rt 1:1 soo 1.1.1.1:1\n"
        "ip prefix-list PL seq 5 permit 10.0.0.0/8 ge 16 le 24\n"
        "!\n"
        "route-map RM deny 10\n"
        " match ip address prefix-list PL\n"
        " match extcommunity 10\n"
        " set extcommunity rt 1:1 2:2 additive\n"
        "!\n"
        "route-map RM permit 20\n"
        " set local-preference 200\n"
        "!\n"
        "mpls ldp router-id Loopback0 force\n"
        "mpls ldp neighbor 10.0.0.2 password pw\n"
        "!\n"
        "end\n");
}

TEST_CASE("an empty config renders as a bare running-config") {
  CHECK(render_running_config(Config{}) == "!\nend\n");
}

TEST_CASE("rendering is stable: render(parse(render(x))) == render(x)") {
  Config c = parse_ok(
      "hostname PE\n"
      "ip vrf A\n rd 1:1\n route-target both 1:1\n"
      "interface Gi0/0\n ip vrf forwarding A\n ip address 10.0.0.1 255.255.255.0\n"
      " ip address 10.0.1.1 255.255.255.0 secondary\n"
      "router ospf 5 vrf A\n passive-interface default\n no passive-interface Gi0/0\n"
      " network 10.0.0.0 0.0.255.255 area 0.0.0.0\n redistribute bgp 1 subnets\n"
      "router bgp 1\n neighbor G peer-group\n neighbor G remote-as 1\n neighbor 2.2.2.2 peer-group G\n"
      " address-family ipv4 vrf A\n  neighbor 10.0.0.2 remote-as 2\n  neighbor 10.0.0.2 activate\n"
      "  redistribute ospf 5 vrf A match internal external 2\n");
  std::string once = render_running_config(c);
  auto again = parse_config(once, "rendered");
  for (const auto& e : again.errors) MESSAGE(e.to_string());
  REQUIRE(again.ok());
  CHECK(again.config == c);
  CHECK(render_running_config(again.config) == once);
  CHECK(render_running_config(c) == once);
}

TEST_CASE("every lab config survives parse -> render -> parse") {
  namespace fs = std::filesystem;
  int count = 0;
  for (const auto& entry : fs::recursive_directory_iterator(fs::path(L3VPN_SOURCE_DIR) / "labs")) {
    if (!entry.is_regular_file() || entry.path().extension() != ".conf") continue;
    ++count;
    const std::string path = entry.path().string();
    CAPTURE(path);
    auto first = parse_config_file(path);
    for (const auto& e : first.errors) MESSAGE(e.to_string());
    CHECK(first.ok());
    std::string text = render_running_config(first.config);
    auto second = parse_config(text, path + " (rendered)");
    for (const auto& e : second.errors) MESSAGE(e.to_string());
    CHECK(second.ok());
    std::string text2 = render_running_config(second.config);
    if (!(second.config == first.config)) {
      MESSAGE("first render:\n" << text);
      MESSAGE("second render:\n" << text2);
    }
    CHECK(second.config == first.config);
    CHECK(text2 == text);
  }
  CHECK(count >= 1);
}

// Found by the config fuzzer: VRFs defined out of name order came back from
// the (sorted) running-config as a different model.
TEST_CASE("VRFs defined in any order survive the round trip") {
  const std::string text = "ip vrf Zulu\n rd 65000:26\n!\nvrf definition Alpha\n rd 65000:1\n!\nip vrf Mike\n";
  auto first = parse_config(text, "a.conf");
  REQUIRE(first.ok());
  auto again = parse_config(render_running_config(first.config), "b.conf");
  REQUIRE(again.ok());
  CHECK(again.config == first.config);
  CHECK(first.config.vrfs.front().name == "Alpha");
}
