// Text -> model: every construct the parser accepts lands in the right field.
#include <doctest/doctest.h>

#include <string>

#include "config_fixtures.hpp"
#include "config/parser.hpp"

using namespace l3vpn::config;

namespace {

constexpr auto parse_ok = config_fixtures::parse_ok;

Ipv4Address ip(const char* text) { return *Ipv4Address::parse(text); }
RouteTarget rt(const char* text) { return *AdministratorValue::parse(text); }

// R3 of the inter-VRF route leaking lab, verbatim from the seed (no hostname,
// "address-family ipv4 vrf Commercial" at column 0, "  ! " lines).
const char* const kR3 = R"(ip vrf Commercial
 rd 65103:203
 route-target export 65103:2222
 route-target import 65103:2222
 route-target import 65103:1111
 route-target import 65103:4444
!
ip vrf Serveurs
 rd 65103:303
 route-target export 65103:3333
 route-target import 65103:3333
 route-target import 65103:1111
!
ip vrf Technique
 rd 65103:103
 route-target export 65103:1111
 route-target import 65103:1111
 route-target import 65103:2222
 route-target import 65103:3333
 route-target import 65103:4444

interface Loopback0
 description -Vers Backbone MPLS-
 ip address 3.3.3.3 255.255.255.255
 ip ospf 1 area 0
!
interface Loopback10
 ip vrf forwarding Technique
 ip address 10.10.10.1 255.255.255.255
 ip ospf 10 area 0
!
interface Loopback20
 ip vrf forwarding Commercial
 ip address 10.10.20.1 255.255.255.255
 ip ospf 20 area 0
!
interface Loopback30
 ip vrf forwarding Serveurs
 ip address 10.10.30.1 255.255.255.255
 ip ospf 30 area 0

interface GigabitEthernet0/0
 description -Vers Backbone IP-MPLS -
 ip address 192.168.13.3 255.255.255.0
 ip ospf network point-to-point
 ip ospf 1 area 0
 mpls ip
!
router ospf 1
 router-id 33.33.33.33
 log-adjacency-changes
!

router ospf 10 vrf Technique
 log-adjacency-changes
 redistribute bgp 65103 metric 100 subnets
 passive-interface Loopback10
!
router ospf 20 vrf Commercial
 log-adjacency-changes
 redistribute bgp 65103 metric 102 subnets
 passive-interface Loopback20
!
router ospf 30 vrf Serveurs
 log-adjacency-changes
 redistribute bgp 65103 metric 103 subnets
 passive-interface Loopback30
!
router bgp 65103
 no synchronization
 bgp log-neighbor-changes
 neighbor 2.2.2.2 remote-as 65103
 neighbor 2.2.2.2 update-source Loopback0
 neighbor 4.4.4.4 remote-as 65103
 neighbor 4.4.4.4 update-source Loopback0
 no auto-summary
 !
 address-family vpnv4
  neighbor 2.2.2.2 activate
  neighbor 2.2.2.2 send-community extended
  neighbor 4.4.4.4 activate
  neighbor 4.4.4.4 send-community extended
 exit-address-family
 !
 address-family ipv4 vrf Technique
  redistribute ospf 10 vrf Technique metric 11 match internal
  no synchronization
 exit-address-family
 !
address-family ipv4 vrf Commercial
  redistribute ospf 20 vrf Commercial metric 12 match internal
  no synchronization
 exit-address-family
  ! 
 address-family ipv4 vrf Serveurs
  redistribute ospf 30 vrf Serveurs metric 13 match internal
  no synchronization
 exit-address-family
 !
)";

}  // namespace

TEST_CASE("the R3 PE of the route leaking lab parses into its VRFs, OSPF and BGP") {
  Config c = parse_ok(kR3);
  CHECK(c.hostname.empty());

  REQUIRE(c.vrfs.size() == 3);
  const Vrf* technique = c.find_vrf("Technique");
  REQUIRE(technique);
  CHECK(technique->syntax == Vrf::Syntax::IpVrf);
  CHECK(technique->rd->to_string() == "65103:103");
  CHECK(technique->export_targets == std::vector<RouteTarget>{rt("65103:1111")});
  CHECK(technique->import_targets == std::vector<RouteTarget>{rt("65103:1111"), rt("65103:2222"),
                                                              rt("65103:3333"), rt("65103:4444")});
  const Vrf* commercial = c.find_vrf("Commercial");
  REQUIRE(commercial);
  CHECK(commercial->rd == AdministratorValue{0, 65103, 203});
  CHECK(commercial->import_targets.size() == 3);
  CHECK(c.find_vrf("Serveurs")->export_targets == std::vector<RouteTarget>{rt("65103:3333")});

  REQUIRE(c.interfaces.size() == 5);
  const Interface* lo10 = c.find_interface("Loopback10");
  REQUIRE(lo10);
  CHECK(lo10->vrf == "Technique");
  CHECK(lo10->addresses.at(0).prefix == Ipv4Prefix{ip("10.10.10.1"), 32});
  CHECK(lo10->ospf.process == 10u);
  CHECK(lo10->ospf.area == OspfArea{0, false});
  CHECK(lo10->is_loopback());
  const Interface* gi = c.find_interface("GigabitEthernet0/0");
  REQUIRE(gi);
  CHECK(gi->description == "-Vers Backbone IP-MPLS -");
  CHECK(gi->mpls_ip);
  CHECK(gi->vrf.empty());
  CHECK(gi->ospf.network == OspfNetworkType::PointToPoint);
  CHECK(gi->addresses.at(0).prefix == Ipv4Prefix{ip("192.168.13.3"), 24});
  CHECK_FALSE(gi->is_loopback());

  REQUIRE(c.ospf.size() == 4);
  CHECK(c.ospf[0].id == 1);
  CHECK(c.ospf[0].vrf.empty());
  CHECK(c.ospf[0].router_id == ip("33.33.33.33"));
  CHECK(c.ospf[0].log_adjacency_changes);
  CHECK(c.ospf[1].vrf == "Technique");
  REQUIRE(c.ospf[1].redistribute.size() == 1);
  CHECK(c.ospf[1].redistribute[0].source == Redistribution::Source::Bgp);
  CHECK(c.ospf[1].redistribute[0].process == 65103u);
  CHECK(c.ospf[1].redistribute[0].metric == 100u);
  CHECK(c.ospf[1].redistribute[0].subnets);
  CHECK(c.ospf[1].passive_interfaces == std::vector<std::string>{"Loopback10"});

  REQUIRE(c.bgp);
  const BgpRouter& bgp = *c.bgp;
  CHECK(bgp.asn == 65103);
  CHECK(bgp.no_synchronization);
  CHECK(bgp.no_auto_summary);
  CHECK(bgp.log_neighbor_changes);
  REQUIRE(bgp.neighbors.size() == 2);
  CHECK(bgp.neighbors[0].id == "2.2.2.2");
  CHECK(bgp.neighbors[0].address == ip("2.2.2.2"));
  CHECK(bgp.neighbors[0].remote_as == 65103u);
  CHECK(bgp.neighbors[1].update_source == "Loopback0");
  REQUIRE(bgp.families.size() == 4);
  const BgpAddressFamily& vpnv4 = bgp.families[0];
  CHECK(vpnv4.kind == BgpAddressFamily::Kind::Vpnv4);
  REQUIRE(vpnv4.neighbors.size() == 2);
  CHECK(vpnv4.neighbors[1].id == "4.4.4.4");
  CHECK(vpnv4.neighbors[1].activate);
  CHECK(vpnv4.neighbors[1].send_community_extended);
  CHECK_FALSE(vpnv4.neighbors[1].send_community_standard);
  // The family at column 0 still belongs to router bgp.
  const BgpAddressFamily& comm = bgp.families[2];
  CHECK(comm.kind == BgpAddressFamily::Kind::Ipv4Vrf);
  CHECK(comm.vrf == "Commercial");
  CHECK(comm.no_synchronization);
  REQUIRE(comm.redistribute.size() == 1);
  CHECK(comm.redistribute[0].source == Redistribution::Source::Ospf);
  CHECK(comm.redistribute[0].process == 20u);
  CHECK(comm.redistribute[0].vrf == "Commercial");
  CHECK(comm.redistribute[0].metric == 12u);
  CHECK(comm.redistribute[0].match_internal);
  CHECK_FALSE(comm.redistribute[0].match_external1);
  CHECK(bgp.families[3].vrf == "Serveurs");
}

TEST_CASE("an interface takes description, addresses, VRF, OSPF and MPLS settings") {
  Config c = parse_ok(
      "vrf definition BLUE\n"
      " rd 1:1\n"
      "interface GigabitEthernet1/0\n"
      "  DESCRIPTION  to   CE  \n"
      " vrf forwarding BLUE\n"
      " ip address 10.0.0.1 255.255.255.0\n"
      " ip address 10.0.1.1 255.255.255.0 secondary\n"
      " ip ospf network broadcast\n"
      " ip ospf cost 20\n"
      " ip ospf hello-interval 5\n"
      " ip ospf dead-interval 20\n"
      " shutdown\n"
      " negotiation auto\n"
      " mpls ip\n"
      "interface ens3\n"
      " ip address 192.0.2.1 255.255.255.252\n"
      " shutdown\n"
      " no shutdown\n"
      " ip ospf 1 area 0.0.0.1\n"
      " ip ospf network non-broadcast\n"
      "interface FastEthernet1/0\n"
      " ip address 198.51.100.1 255.255.255.0\n"
      " no ip address\n"
      " ip ospf network point-to-multipoint\n"
      " mpls ip\n"
      " no mpls ip\n"
      "interface lo\n"
      " ip address 127.0.0.2 255.255.255.255\n");
  REQUIRE(c.interfaces.size() == 4);
  const Interface& gi = c.interfaces[0];
  CHECK(gi.description == "to   CE");
  CHECK(gi.vrf == "BLUE");
  REQUIRE(gi.addresses.size() == 2);
  CHECK_FALSE(gi.addresses[0].secondary);
  CHECK(gi.addresses[1].secondary);
  CHECK(gi.addresses[1].prefix.to_string() == "10.0.1.1/24");
  CHECK(gi.ospf.network == OspfNetworkType::Broadcast);
  CHECK(gi.ospf.cost == 20);
  CHECK(gi.ospf.hello_interval == 5);
  CHECK(gi.ospf.dead_interval == 20u);
  CHECK(gi.shutdown);
  CHECK(gi.negotiation_auto);
  CHECK(gi.mpls_ip);
  const Interface& ens3 = c.interfaces[1];
  CHECK_FALSE(ens3.shutdown);
  CHECK(ens3.ospf.area == OspfArea{1, true});
  CHECK(ens3.ospf.area->to_string() == "0.0.0.1");
  CHECK(ens3.ospf.network == OspfNetworkType::NonBroadcast);
  const Interface& fa = c.interfaces[2];
  CHECK(fa.addresses.empty());
  CHECK_FALSE(fa.mpls_ip);
  CHECK(fa.ospf.network == OspfNetworkType::PointToMultipoint);
  CHECK(c.interfaces[3].is_loopback());
}

TEST_CASE("re-entering an interface edits it; a new primary replaces the old one") {
  Config c = parse_ok(
      "interface Gi0/0\n"
      " ip address 10.0.0.1 255.255.255.0\n"
      " ip address 10.0.9.1 255.255.255.0 secondary\n"
      "interface Gi0/1\n"
      "interface Gi0/0\n"
      " ip address 10.0.5.1 255.255.255.0\n"
      "interface GigabitEthernet 0/2\n");
  REQUIRE(c.interfaces.size() == 3);
  REQUIRE(c.interfaces[0].addresses.size() == 2);
  CHECK(c.interfaces[0].addresses[0].prefix.to_string() == "10.0.5.1/24");
  CHECK(c.interfaces[2].name == "GigabitEthernet0/2");
}

TEST_CASE("vrf definition with an ipv4 family, maps, description and route-target both") {
  Config c = parse_ok(
      "vrf definition RED\n"
      " description red customer\n"
      " rd 10.0.0.1:7\n"
      " address-family ipv4\n"
      "  route-target both 65000:1\n"
      "  route-target import 4200000000:7\n"
      "  import map IMP\n"
      "  export map EXP\n"
      " exit-address-family\n"
      "ip vrf GREEN\n"
      " rd 65000:2\n"
      " route-target export 65000:2\n"
      " route-target export 65000:2\n"
      " route-target import 65000:2\n"
      " no route-target import 65000:2\n"
      "ip vrf RED2\n"
      "route-map IMP permit 10\n"
      "route-map EXP permit 10\n");
  REQUIRE(c.vrfs.size() == 3);
  // kept sorted by name, as IOS shows them, whatever the file's order
  CHECK(c.vrfs[0].name == "GREEN");
  CHECK(c.vrfs[1].name == "RED");
  CHECK(c.vrfs[2].name == "RED2");
  REQUIRE(c.find_vrf("RED"));
  const Vrf& red = *c.find_vrf("RED");
  CHECK(red.syntax == Vrf::Syntax::VrfDefinition);
  CHECK(red.description == "red customer");
  CHECK(red.rd == AdministratorValue{1, ip("10.0.0.1").value, 7});
  CHECK(red.ipv4_family);
  CHECK(red.export_targets == std::vector<RouteTarget>{rt("65000:1")});
  CHECK(red.import_targets == std::vector<RouteTarget>{rt("65000:1"), AdministratorValue{2, 4200000000u, 7}});
  CHECK(red.import_map == "IMP");
  CHECK(red.export_map == "EXP");
  const Vrf& green = *c.find_vrf("GREEN");
  CHECK(green.export_targets.size() == 1);  // no duplicates
  CHECK(green.import_targets.empty());
  CHECK_FALSE(c.find_vrf("RED2")->rd);
}

TEST_CASE("router ospf takes router-id, networks, passive interfaces and redistribution") {
  Config c = parse_ok(
      "router ospf 1\n"
      " router-id 1.1.1.1\n"
      " log-adjacency-changes detail\n"
      " network 10.0.0.0 0.0.0.255 area 0\n"
      " network 10.1.0.0 0.0.255.255 area 0.0.0.5\n"
      " passive-interface default\n"
      " no passive-interface Gi0/0\n"
      " redistribute connected subnets\n"
      " redistribute static metric 20 subnets route-map RM\n"
      " redistribute static metric 30 subnets\n"
      " default-information originate always\n"
      "router ospf 2\n"
      " passive-interface Lo0\n"
      " passive-interface Lo1\n"
      " no passive-interface Lo0\n"
      " default-information originate\n"
      "route-map RM permit 10\n");
  REQUIRE(c.ospf.size() == 2);
  const OspfProcess& p = c.ospf[0];
  CHECK(p.router_id == ip("1.1.1.1"));
  CHECK(p.log_adjacency_changes);
  CHECK(p.log_adjacency_changes_detail);
  REQUIRE(p.networks.size() == 2);
  CHECK(p.networks[0].wildcard == ip("0.0.0.255"));
  CHECK(p.networks[1].area == OspfArea{5, true});
  CHECK(p.passive_default);
  CHECK(p.no_passive_interfaces == std::vector<std::string>{"Gi0/0"});
  REQUIRE(p.redistribute.size() == 2);  // the second static line replaced the first
  CHECK(p.redistribute[1].metric == 30u);
  CHECK(p.redistribute[1].route_map.empty());
  CHECK(p.default_information_originate);
  CHECK(p.default_information_always);
  CHECK(c.ospf[1].passive_interfaces == std::vector<std::string>{"Lo1"});
  CHECK_FALSE(c.ospf[1].default_information_always);
}

TEST_CASE("router bgp of a route reflector with peer groups, timers and policies") {
  Config c = parse_ok(
      "interface Loopback0\n"
      " ip address 10.255.0.10 255.255.255.255\n"
      "router bgp 65000\n"
      " bgp router-id 10.255.0.10\n"
      " bgp cluster-id 10.255.0.10\n"
      " bgp log-neighbor-changes\n"
      " no bgp default ipv4-unicast\n"
      " timers bgp 10 30\n"
      " neighbor CLIENTS peer-group\n"
      " neighbor CLIENTS remote-as 65000\n"
      " neighbor CLIENTS update-source Loopback0\n"
      " neighbor 10.255.0.11 peer-group CLIENTS\n"
      " neighbor 10.255.0.11 description PE1 at site  A\n"
      " neighbor 10.255.0.12 remote-as 65000\n"
      " neighbor 10.255.0.12 password s3cret\n"
      " neighbor 10.255.0.12 shutdown\n"
      " neighbor 10.255.0.12 timers 5 15\n"
      " neighbor 10.255.0.13 remote-as 65000\n"
      " no neighbor 10.255.0.13\n"
      " address-family vpnv4 unicast\n"
      "  neighbor CLIENTS activate\n"
      "  neighbor CLIENTS send-community both\n"
      "  neighbor CLIENTS route-reflector-client\n"
      "  neighbor 10.255.0.12 activate\n"
      "  neighbor 10.255.0.12 send-community\n"
      "  neighbor 10.255.0.12 next-hop-self\n"
      "  neighbor 10.255.0.12 route-map IN in\n"
      "  neighbor 10.255.0.12 route-map OUT out\n"
      " exit-address-family\n"
      " address-family ipv4\n"
      "  network 192.0.2.0 mask 255.255.255.0\n"
      "  network 10.0.0.0\n"
      "  no synchronization\n"
      " exit-address-family\n"
      "route-map IN permit 10\n"
      "route-map OUT permit 10\n");
  REQUIRE(c.bgp);
  const BgpRouter& bgp = *c.bgp;
  CHECK(bgp.router_id == ip("10.255.0.10"));
  CHECK(bgp.cluster_id == ip("10.255.0.10"));
  CHECK_FALSE(bgp.default_ipv4_unicast);
  CHECK(bgp.keepalive == 10);
  CHECK(bgp.holdtime == 30);
  REQUIRE(bgp.neighbors.size() == 3);
  CHECK(bgp.neighbors[0].is_peer_group);
  CHECK_FALSE(bgp.neighbors[0].address);
  CHECK(bgp.neighbors[0].update_source == "Loopback0");
  CHECK(bgp.neighbors[1].peer_group == "CLIENTS");
  CHECK(bgp.neighbors[1].description == "PE1 at site  A");
  CHECK(bgp.neighbors[2].password == "s3cret");
  CHECK(bgp.neighbors[2].shutdown);
  CHECK(bgp.neighbors[2].keepalive == 5);
  CHECK(bgp.neighbors[2].holdtime == 15);
  REQUIRE(bgp.families.size() == 2);
  const auto& vpn = bgp.families[0].neighbors;
  REQUIRE(vpn.size() == 2);
  CHECK(vpn[0].send_community_standard);
  CHECK(vpn[0].send_community_extended);
  CHECK(vpn[0].route_reflector_client);
  CHECK(vpn[1].send_community_standard);
  CHECK_FALSE(vpn[1].send_community_extended);
  CHECK(vpn[1].next_hop_self);
  CHECK(vpn[1].route_map_in == "IN");
  CHECK(vpn[1].route_map_out == "OUT");
  const BgpAddressFamily& v4 = bgp.families[1];
  CHECK(v4.kind == BgpAddressFamily::Kind::Ipv4Unicast);
  REQUIRE(v4.networks.size() == 2);
  CHECK(v4.networks[0].prefix.to_string() == "192.0.2.0/24");
  CHECK(v4.networks[1].prefix.to_string() == "10.0.0.0/8");  // classful
  CHECK(v4.no_synchronization);
}

TEST_CASE("a VRF family holds CE neighbors, redistribution and default origination") {
  Config c = parse_ok(
      "ip vrf CUST\n"
      " rd 65000:1\n"
      "router bgp 65000\n"
      " address-family ipv4 vrf CUST\n"
      "  redistribute connected\n"
      "  redistribute static metric 5\n"
      "  redistribute ospf 10 vrf CUST metric 7 match internal external 1 external 2\n"
      "  default-information originate\n"
      "  network 172.16.0.0 mask 255.255.0.0\n"
      "  neighbor 172.16.1.2 remote-as 65101\n"
      "  neighbor 172.16.1.2 activate\n"
      "  no synchronization\n"
      "  no auto-summary\n"
      " exit-address-family\n");
  const BgpAddressFamily& f = c.bgp->families.at(0);
  CHECK(f.kind == BgpAddressFamily::Kind::Ipv4Vrf);
  CHECK(f.vrf == "CUST");
  REQUIRE(f.redistribute.size() == 3);
  CHECK(f.redistribute[0].source == Redistribution::Source::Connected);
  CHECK(f.redistribute[1].metric == 5u);
  CHECK(f.redistribute[2].match_internal);
  CHECK(f.redistribute[2].match_external1);
  CHECK(f.redistribute[2].match_external2);
  CHECK(f.default_information_originate);
  REQUIRE(f.vrf_neighbors.size() == 1);
  CHECK(f.vrf_neighbors[0].remote_as == 65101u);
  REQUIRE(f.neighbors.size() == 1);
  CHECK(f.neighbors[0].activate);
  CHECK(f.no_synchronization);
  CHECK(f.no_auto_summary);
  CHECK(c.bgp->neighbors.empty());
}

TEST_CASE("static routes: next hop, interface, distance, name, VRF and removal") {
  Config c = parse_ok(
      "ip vrf Internet\n"
      " rd 1:1\n"
      "ip route 0.0.0.0 0.0.0.0 172.33.33.2\n"
      "ip route vrf Internet 10.0.0.0 255.0.0.0 Null0\n"
      "ip route 192.168.0.0 255.255.0.0 GigabitEthernet1/0 10.1.1.1 200 name backup\n"
      "ip route 10.9.0.0 255.255.0.0 10.0.0.1\n"
      "ip route 10.9.0.0 255.255.0.0 10.0.0.2\n"
      "no ip route 10.9.0.0 255.255.0.0 10.0.0.1\n"
      "ip route 10.8.0.0 255.255.0.0 10.0.0.1\n"
      "no ip route 10.8.0.0 255.255.0.0\n");
  REQUIRE(c.static_routes.size() == 4);
  CHECK(c.static_routes[0].prefix.length == 0);
  CHECK(c.static_routes[0].next_hop == ip("172.33.33.2"));
  CHECK(c.static_routes[1].vrf == "Internet");
  CHECK(c.static_routes[1].interface == "Null0");
  CHECK_FALSE(c.static_routes[1].next_hop);
  CHECK(c.static_routes[2].interface == "GigabitEthernet1/0");
  CHECK(c.static_routes[2].next_hop == ip("10.1.1.1"));
  CHECK(c.static_routes[2].distance == 200);
  CHECK(c.static_routes[2].name == "backup");
  CHECK(c.static_routes[3].next_hop == ip("10.0.0.2"));
}

TEST_CASE("prefix-lists number entries 5, 10, 15 as IOS does") {
  Config c = parse_ok(
      "ip prefix-list PL description shared prefixes\n"
      "ip prefix-list PL permit 10.0.0.0/8 le 24\n"
      "ip prefix-list PL deny 192.168.0.0/16 ge 24 le 32\n"
      "ip prefix-list PL seq 12 permit 172.16.0.0/12\n"
      "ip prefix-list PL permit 0.0.0.0/0\n"
      "ip prefix-list PL seq 1 deny 1.0.0.0/8\n");
  REQUIRE(c.prefix_lists.size() == 1);
  const PrefixList& pl = c.prefix_lists[0];
  CHECK(pl.description == "shared prefixes");
  REQUIRE(pl.entries.size() == 5);
  CHECK(pl.entries[0].seq == 1);
  CHECK(pl.entries[1].seq == 5);
  CHECK(pl.entries[1].le == 24);
  CHECK(pl.entries[2].seq == 10);
  CHECK_FALSE(pl.entries[2].permit);
  CHECK(pl.entries[2].ge == 24);
  CHECK(pl.entries[3].seq == 12);
  CHECK(pl.entries[4].seq == 17);
}

TEST_CASE("extcommunity-lists and route-maps") {
  Config c = parse_ok(
      "ip extcommunity-list 10 permit rt 65103:1111 rt 65103:2222\n"
      "ip extcommunity-list 10 deny soo 1.2.3.4:5\n"
      "ip extcommunity-list standard LEAK permit rt 65103:4444 soo 65103:1\n"
      "ip prefix-list A permit 10.0.0.0/8\n"
      "ip prefix-list B permit 11.0.0.0/8\n"
      "route-map LEAK-OUT permit 20\n"
      " set local-preference 200\n"
      "route-map LEAK-OUT deny 10\n"
      " description first entry\n"
      " match ip address prefix-list A B\n"
      " match extcommunity 10 LEAK\n"
      " set extcommunity rt 65103:1111 65103:2222 additive\n"
      " set metric 50\n"
      "route-map LEAK-OUT permit 20\n"
      " set metric 7\n");
  REQUIRE(c.extcommunity_lists.size() == 2);
  const auto& l10 = c.extcommunity_lists[0];
  CHECK(l10.name == "10");
  CHECK_FALSE(l10.named_standard);
  REQUIRE(l10.entries.size() == 2);
  CHECK(l10.entries[0].route_targets == std::vector<RouteTarget>{rt("65103:1111"), rt("65103:2222")});
  CHECK_FALSE(l10.entries[1].permit);
  CHECK(l10.entries[1].sites_of_origin == std::vector<RouteTarget>{rt("1.2.3.4:5")});
  CHECK(c.extcommunity_lists[1].named_standard);
  CHECK(c.extcommunity_lists[1].entries[0].sites_of_origin.size() == 1);

  REQUIRE(c.route_maps.size() == 1);
  const RouteMap& m = c.route_maps[0];
  REQUIRE(m.entries.size() == 2);
  CHECK(m.entries[0].seq == 10);  // sorted by sequence
  CHECK_FALSE(m.entries[0].permit);
  CHECK(m.entries[0].description == "first entry");
  CHECK(m.entries[0].match_prefix_lists == std::vector<std::string>{"A", "B"});
  CHECK(m.entries[0].match_extcommunities == std::vector<std::string>{"10", "LEAK"});
  CHECK(m.entries[0].set_route_targets.size() == 2);
  CHECK(m.entries[0].set_additive);
  CHECK(m.entries[0].set_metric == 50u);
  CHECK(m.entries[1].set_local_preference == 200u);
  CHECK(m.entries[1].set_metric == 7u);  // re-entered sequence 20
}

TEST_CASE("global MPLS settings") {
  Config c = parse_ok(
      "interface Loopback0\n"
      " ip address 1.1.1.1 255.255.255.255\n"
      "mpls label protocol ldp\n"
      "mpls label range 2000 2999\n"
      "mpls ldp router-id Loopback0 force\n"
      "mpls ldp discovery hello interval 5\n"
      "mpls ldp discovery hello holdtime 15\n"
      "mpls ldp neighbor 2.2.2.2 password cisco123\n");
  CHECK(c.mpls.label_range_min == 2000u);
  CHECK(c.mpls.label_range_max == 2999u);
  CHECK(c.mpls.ldp_router_id_interface == "Loopback0");
  CHECK(c.mpls.ldp_router_id_force);
  CHECK(c.mpls.ldp_hello_interval == 5);
  CHECK(c.mpls.ldp_hello_holdtime == 15);
  REQUIRE(c.mpls.ldp_passwords.size() == 1);
  CHECK(c.mpls.ldp_passwords[0].neighbor == ip("2.2.2.2"));
  CHECK(c.mpls.ldp_passwords[0].password == "cisco123");
}

TEST_CASE("comments, blank lines, exit and end; keywords in any case, names as typed") {
  Config c = parse_ok(
      "! a comment\n"
      "\n"
      "\xC2\xA0\n"  // a no-break space line, as pasted from a web page
      "HOSTNAME\tPe-1\r\n"
      "Interface Loopback0\n"
      "  !\n"
      "  IP Address 1.1.1.1 255.255.255.255\n"
      "exit\n"
      "ip vrf Blue\n"
      "ip vrf blue\n"
      "end\n");
  CHECK(c.hostname == "Pe-1");
  CHECK(c.interfaces.at(0).addresses.size() == 1);
  CHECK(c.vrfs.size() == 2);  // VRF names are case-sensitive
}

TEST_CASE("a global command leaves the submode; '!' does not") {
  Config c = parse_ok(
      "router bgp 1\n"
      " neighbor 1.1.1.1 remote-as 1\n"
      " !\n"
      " address-family vpnv4\n"
      "  neighbor 1.1.1.1 activate\n"
      "  !\n"
      "  neighbor 1.1.1.1 send-community extended\n"
      "interface Loopback0\n"
      "  ip address 1.1.1.1 255.255.255.255\n"
      "ip route 0.0.0.0 0.0.0.0 Loopback0\n"
      "  mpls ip\n");  // not a global command: "mpls ip" stays a global no-op here
  CHECK(c.bgp->families.at(0).neighbors.at(0).send_community_extended);
  CHECK(c.interfaces.at(0).addresses.size() == 1);
  CHECK_FALSE(c.interfaces.at(0).mpls_ip);  // "ip route" left interface mode
  CHECK(c.static_routes.size() == 1);
}

TEST_CASE("a per-family neighbor setting at router bgp level goes to ipv4 unicast") {
  // "neighbor X activate" outside any family configures the implicit ipv4 unicast family.
  Config c = parse_ok(
      "router bgp 1\n"
      " neighbor 1.1.1.1 remote-as 1\n"
      " neighbor 1.1.1.1 activate\n");
  REQUIRE(c.bgp->families.size() == 1);
  CHECK(c.bgp->families[0].kind == BgpAddressFamily::Kind::Ipv4Unicast);
  CHECK(c.bgp->families[0].neighbors.at(0).activate);
}

TEST_CASE("neighbor transport connection-mode passive: parsed, rendered after update-source, cleared") {
  const std::string text =
      "interface Loopback0\n"
      " ip address 3.3.3.3 255.255.255.255\n"
      "router bgp 65103\n"
      " neighbor IBGP peer-group\n"
      " neighbor IBGP remote-as 65103\n"
      " neighbor IBGP transport connection-mode passive\n"
      " neighbor 2.2.2.2 remote-as 65103\n"
      " neighbor 2.2.2.2 update-source Loopback0\n"
      " neighbor 2.2.2.2 transport connection-mode passive\n"
      " neighbor 4.4.4.4 remote-as 65103\n"
      " neighbor 4.4.4.4 transport connection-mode passive\n"
      " neighbor 4.4.4.4 transport connection-mode active\n"  // active is the default: clears it
      " neighbor 5.5.5.5 remote-as 65103\n"
      " neighbor 5.5.5.5 transport connection-mode passive\n"
      " no neighbor 5.5.5.5 transport connection-mode\n"
      " neighbor 6.6.6.6 remote-as 65103\n"
      " neighbor 6.6.6.6 TRANSPORT Connection-Mode PASSIVE\n"
      " neighbor 6.6.6.6 transport connection-mode passive\n"
      " no neighbor 6.6.6.6 transport connection-mode passive\n";
  Config c = parse_ok(text);
  REQUIRE(c.bgp);
  const auto& n = c.bgp->neighbors;
  REQUIRE(n.size() == 5);
  CHECK(n[0].id == "IBGP");
  CHECK(n[0].is_peer_group);
  CHECK(n[0].passive);
  CHECK(n[1].id == "2.2.2.2");
  CHECK(n[1].passive);
  CHECK(n[1].update_source == "Loopback0");
  CHECK(n[2].id == "4.4.4.4");
  CHECK_FALSE(n[2].passive);
  CHECK(n[3].id == "5.5.5.5");
  CHECK_FALSE(n[3].passive);
  CHECK(n[4].id == "6.6.6.6");
  CHECK_FALSE(n[4].passive);

  const std::string rendered = render_running_config(c);
  CHECK(rendered.find(" neighbor 2.2.2.2 update-source Loopback0\n"
                      " neighbor 2.2.2.2 transport connection-mode passive\n") != std::string::npos);
  CHECK(rendered.find(" neighbor IBGP remote-as 65103\n"
                      " neighbor IBGP transport connection-mode passive\n") != std::string::npos);
  CHECK(rendered.find("neighbor 4.4.4.4 transport") == std::string::npos);
  CHECK(rendered.find("neighbor 5.5.5.5 transport") == std::string::npos);
  CHECK(rendered.find("neighbor 6.6.6.6 transport") == std::string::npos);

  auto again = parse_config(rendered, "rendered.conf");
  for (const auto& e : again.errors) MESSAGE(e.to_string());
  REQUIRE(again.ok());
  CHECK(again.config == c);
  CHECK(again.config.bgp->neighbors.at(1).passive);
  CHECK(render_running_config(again.config) == rendered);

  // The flag is part of the model's equality.
  Config cleared = c;
  cleared.bgp->neighbors[1].passive = false;
  CHECK_FALSE(cleared == c);
}
