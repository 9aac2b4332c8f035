// OSPF show commands in IOS's formats, over hand-filled views of a small
// area: R1 (1.1.1.1) is DR on a LAN with R2 (BDR) and R3 (DROTHER), and has a
// point-to-point link to R4. Golden lines check the IOS column layouts;
// JSON checks the fields. Also "show ip route [ospf]" for the global table
// with O, O IA, O E2 codes and an ECMP continuation line.
#include <doctest/doctest.h>

#include <string>

#include "cli_json_access.hpp"
#include "cli/show_ip_route.hpp"
#include "cli/show_ospf.hpp"
#include "cli/show_ospf_database.hpp"

using namespace l3vpn::cli;
using namespace std::chrono_literals;

namespace {

constexpr std::uint32_t ip(std::uint32_t a, std::uint32_t b, std::uint32_t c, std::uint32_t d) {
  return a << 24 | b << 16 | c << 8 | d;
}

std::vector<OspfNeighborView> r1_neighbors() {
  return {
      OspfNeighborView{ip(2, 2, 2, 2), 1, "Full", OspfNeighborRole::Backup, 33s, ip(10, 0, 123, 2), "GigabitEthernet0/0"},
      OspfNeighborView{ip(3, 3, 3, 3), 0, "2-Way", OspfNeighborRole::Other, 38s, ip(10, 0, 123, 3), "GigabitEthernet0/0"},
      OspfNeighborView{ip(4, 4, 4, 4), 0, "Full", OspfNeighborRole::PointToPoint, 31s, ip(10, 0, 14, 4), "eth2"},
  };
}

OspfInterfaceView r1_lan() {
  OspfInterfaceView i;
  i.name = "GigabitEthernet0/0";
  i.address = ip(10, 0, 123, 1);
  i.mask = 0xFFFFFF00;
  i.process_id = 1;
  i.router_id = ip(1, 1, 1, 1);
  i.state = "DR";
  i.dr_router_id = ip(1, 1, 1, 1);
  i.dr_address = ip(10, 0, 123, 1);
  i.bdr_router_id = ip(2, 2, 2, 2);
  i.bdr_address = ip(10, 0, 123, 2);
  i.hello_due = 3s;
  i.neighbor_count = 2;
  i.adjacent = {OspfAdjacencyView{ip(2, 2, 2, 2), false, true}};
  return i;
}

OspfInterfaceView r1_loopback() {
  OspfInterfaceView i;
  i.name = "Loopback0";
  i.address = ip(1, 1, 1, 1);
  i.mask = 0xFFFFFFFF;
  i.process_id = 1;
  i.router_id = ip(1, 1, 1, 1);
  i.network_type = OspfNetworkType::Loopback;
  i.state = "Loopback";
  return i;
}

OspfInterfaceView r1_p2p() {
  OspfInterfaceView i;
  i.name = "eth2";
  i.address = ip(10, 0, 14, 1);
  i.mask = 0xFFFFFF00;
  i.area_id = 0;
  i.process_id = 1;
  i.router_id = ip(1, 1, 1, 1);
  i.network_type = OspfNetworkType::PointToPoint;
  i.state = "Point-to-point";
  i.cost = 10;
  i.hello_due = 9s;
  i.au_type = 2;
  i.neighbor_count = 1;
  i.adjacent = {OspfAdjacencyView{ip(4, 4, 4, 4), false, false}};
  return i;
}

}  // namespace

TEST_CASE("show ip ospf neighbor: DR/BDR/DROTHER roles and a point-to-point neighbor, IOS columns") {
  const CommandResult r = show_ip_ospf_neighbor(r1_neighbors(), false);
  CHECK(r.ok);
  CHECK(r.output ==
        "\n"
        "Neighbor ID     Pri   State           Dead Time   Address         Interface\n"
        "2.2.2.2           1   FULL/BDR        00:00:33    10.0.123.2      GigabitEthernet0/0\n"
        "3.3.3.3           0   2WAY/DROTHER    00:00:38    10.0.123.3      GigabitEthernet0/0\n"
        "4.4.4.4           0   FULL/  -        00:00:31    10.0.14.4       eth2\n");
}

TEST_CASE("show ip ospf neighbor: states in IOS words") {
  OspfNeighborView n;
  n.role = OspfNeighborRole::DesignatedRouter;
  for (auto [rfc, ios] : {std::pair{"ExStart", "EXSTART/DR"}, {"Exchange", "EXCHANGE/DR"}, {"Loading", "LOADING/DR"},
                          {"Init", "INIT/DR"}, {"Full", "FULL/DR"}}) {
    n.state = rfc;
    CHECK(ospf_neighbor_state_text(n) == ios);
  }
}

TEST_CASE("show ip ospf neighbor json: one object per neighbor") {
  const test::JsonDocument doc(show_ip_ospf_neighbor(r1_neighbors(), true).output);
  REQUIRE(doc);
  const auto list = doc->at("neighbors");
  REQUIRE(list.size() == 3);
  CHECK(list[0].at("neighbor_id").as_string() == "2.2.2.2");
  CHECK(list[0].at("state").as_string() == "Full");
  CHECK(list[0].at("role").as_string() == "BDR");
  CHECK(list[0].at("dead_time_seconds").as_number() == 33);
  CHECK(list[2].at("interface").as_string() == "eth2");
}

TEST_CASE("show ip ospf interface: the DR on a LAN, with its BDR adjacency") {
  CHECK(show_ip_ospf_interface({r1_lan()}, false).output ==
        "GigabitEthernet0/0 is up, line protocol is up\n"
        "  Internet Address 10.0.123.1/24, Area 0\n"
        "  Process ID 1, Router ID 1.1.1.1, Network Type BROADCAST, Cost: 1\n"
        "  Transmit Delay is 1 sec, State DR, Priority 1\n"
        "  Designated Router (ID) 1.1.1.1, Interface address 10.0.123.1\n"
        "  Backup Designated router (ID) 2.2.2.2, Interface address 10.0.123.2\n"
        "  Timer intervals configured, Hello 10, Dead 40, Wait 40, Retransmit 5\n"
        "    Hello due in 00:00:03\n"
        "  Neighbor Count is 2, Adjacent neighbor count is 1\n"
        "    Adjacent with neighbor 2.2.2.2  (Backup Designated Router)\n"
        "  Suppress hello for 0 neighbor(s)\n");
}

TEST_CASE("show ip ospf interface: loopback stub host, point-to-point with MD5, passive and waiting") {
  CHECK(show_ip_ospf_interface({r1_loopback()}, false).output ==
        "Loopback0 is up, line protocol is up\n"
        "  Internet Address 1.1.1.1/32, Area 0\n"
        "  Process ID 1, Router ID 1.1.1.1, Network Type LOOPBACK, Cost: 1\n"
        "  Loopback interface is treated as a stub Host\n");
  CHECK(show_ip_ospf_interface({r1_p2p()}, false).output ==
        "eth2 is up, line protocol is up\n"
        "  Internet Address 10.0.14.1/24, Area 0\n"
        "  Process ID 1, Router ID 1.1.1.1, Network Type POINT_TO_POINT, Cost: 10\n"
        "  Transmit Delay is 1 sec, State POINT_TO_POINT, Priority 1\n"
        "  Timer intervals configured, Hello 10, Dead 40, Wait 40, Retransmit 5\n"
        "    Hello due in 00:00:09\n"
        "  Neighbor Count is 1, Adjacent neighbor count is 1\n"
        "    Adjacent with neighbor 4.4.4.4\n"
        "  Suppress hello for 0 neighbor(s)\n"
        "  Cryptographic authentication enabled\n");
  OspfInterfaceView waiting = r1_lan();
  waiting.state = "Waiting";
  waiting.passive = true;
  waiting.dr_router_id = waiting.bdr_router_id = 0;
  waiting.neighbor_count = 0;
  waiting.adjacent.clear();
  const std::string out = show_ip_ospf_interface({waiting}, false).output;
  CHECK(out.find("  Transmit Delay is 1 sec, State WAITING, Priority 1\n"
                 "  No designated router on this network\n"
                 "  No backup designated router on this network\n") != std::string::npos);
  CHECK(out.find("    No Hellos (Passive interface)\n") != std::string::npos);
  CHECK(out.find("Hello due in") == std::string::npos);
}

TEST_CASE("show ip ospf interface brief: abbreviated names, states, full/total neighbor counts") {
  CHECK(show_ip_ospf_interface_brief({r1_loopback(), r1_lan(), r1_p2p()}, false).output ==
        "Interface    PID   Area            IP Address/Mask    Cost  State Nbrs F/C\n"
        "Lo0          1     0               1.1.1.1/32         1     LOOP  0/0\n"
        "Gi0/0        1     0               10.0.123.1/24      1     DR    1/2\n"
        "eth2         1     0               10.0.14.1/24       10    P2P   1/1\n");
}

TEST_CASE("show ip ospf interface json: DR, BDR and adjacency fields") {
  const test::JsonDocument doc(show_ip_ospf_interface({r1_lan(), r1_loopback()}, true).output);
  REQUIRE(doc);
  const auto lan = doc->at("interfaces")[0];
  CHECK(lan.at("address").as_string() == "10.0.123.1/24");
  CHECK(lan.at("network_type").as_string() == "BROADCAST");
  CHECK(lan.at("dr").as_string() == "1.1.1.1");
  CHECK(lan.at("bdr_address").as_string() == "10.0.123.2");
  CHECK(lan.at("hello_due_seconds").as_number() == 3);
  CHECK(lan.at("adjacent")[0].as_string() == "2.2.2.2");
  CHECK(doc->at("interfaces")[1].at("dr").is_null());
}

namespace {

OspfLsaView router_lsa(std::uint32_t id, std::uint16_t age, std::uint32_t seq, std::uint16_t checksum,
                       std::vector<OspfRouterLinkView> links, std::uint8_t flags = 0) {
  OspfLsaView l;
  l.type = 1;
  l.age = age;
  l.options = 0x22;
  l.link_state_id = l.advertising_router = id;
  l.sequence = seq;
  l.checksum = checksum;
  l.length = static_cast<std::uint16_t>(24 + 12 * links.size());
  l.router_flags = flags;
  l.links = std::move(links);
  return l;
}

OspfDatabaseView database() {
  OspfDatabaseView v;
  v.process_id = 1;
  v.router_id = ip(1, 1, 1, 1);
  OspfAreaDatabaseView area;
  area.area_id = 0;
  area.lsas.push_back(router_lsa(ip(1, 1, 1, 1), 125, 0x80000005, 0xA1B2,
                                 {{3, ip(1, 1, 1, 1), 0xFFFFFFFF, 1}, {2, ip(10, 0, 123, 1), ip(10, 0, 123, 1), 1}},
                                 0x02));
  area.lsas.push_back(router_lsa(ip(2, 2, 2, 2), 1730, 0x80000012, 0x3C4D,
                                 {{2, ip(10, 0, 123, 1), ip(10, 0, 123, 2), 1}, {1, ip(4, 4, 4, 4), ip(10, 0, 24, 2), 10},
                                  {3, ip(10, 0, 24, 0), 0xFFFFFF00, 10}}));
  OspfLsaView net;
  net.type = 2;
  net.age = 125;
  net.options = 0x22;
  net.link_state_id = ip(10, 0, 123, 1);
  net.advertising_router = ip(1, 1, 1, 1);
  net.sequence = 0x80000001;
  net.checksum = 0x0BCD;
  net.length = 32;
  net.network_mask = 0xFFFFFF00;
  net.attached_routers = {ip(1, 1, 1, 1), ip(2, 2, 2, 2)};
  area.lsas.push_back(net);
  OspfLsaView summary;
  summary.type = 3;
  summary.age = 60;
  summary.options = 0x22;
  summary.link_state_id = ip(172, 16, 1, 0);
  summary.advertising_router = ip(2, 2, 2, 2);
  summary.sequence = 0x80000001;
  summary.checksum = 0x1F2E;
  summary.length = 28;
  summary.network_mask = 0xFFFFFF00;
  summary.metric = 11;
  area.lsas.push_back(summary);
  v.areas.push_back(area);
  OspfLsaView external;
  external.type = 5;
  external.age = 300;
  external.options = 0x20;
  external.link_state_id = 0;
  external.advertising_router = ip(1, 1, 1, 1);
  external.sequence = 0x80000002;
  external.checksum = 0xF00D;
  external.length = 36;
  external.network_mask = 0;
  external.metric = 1;
  external.external_type2 = true;
  external.tag = 7;
  v.externals.push_back(external);
  return v;
}

}  // namespace

TEST_CASE("show ip ospf database: per-type tables with IOS columns, Link count and Tag") {
  CHECK(show_ip_ospf_database(database(), false).output ==
        "\n"
        "            OSPF Router with ID (1.1.1.1) (Process ID 1)\n"
        "\n"
        "\t\tRouter Link States (Area 0)\n"
        "\n"
        "Link ID         ADV Router      Age         Seq#       Checksum Link count\n"
        "1.1.1.1         1.1.1.1         125         0x80000005 0x00A1B2 2\n"
        "2.2.2.2         2.2.2.2         1730        0x80000012 0x003C4D 3\n"
        "\n"
        "\t\tNet Link States (Area 0)\n"
        "\n"
        "Link ID         ADV Router      Age         Seq#       Checksum\n"
        "10.0.123.1      1.1.1.1         125         0x80000001 0x000BCD\n"
        "\n"
        "\t\tSummary Net Link States (Area 0)\n"
        "\n"
        "Link ID         ADV Router      Age         Seq#       Checksum\n"
        "172.16.1.0      2.2.2.2         60          0x80000001 0x001F2E\n"
        "\n"
        "\t\tType-5 AS External Link States\n"
        "\n"
        "Link ID         ADV Router      Age         Seq#       Checksum Tag\n"
        "0.0.0.0         1.1.1.1         300         0x80000002 0x00F00D 7\n");
}

TEST_CASE("show ip ospf database router: the detailed form with each link") {
  OspfDatabaseView v = database();
  v.areas[0].lsas.resize(1);  // R1's router-LSA only
  CHECK(show_ip_ospf_database_detail(v, 1, false).output ==
        "\n"
        "            OSPF Router with ID (1.1.1.1) (Process ID 1)\n"
        "\n"
        "\t\tRouter Link States (Area 0)\n"
        "\n"
        "  LS age: 125\n"
        "  Options: (No TOS-capability, DC)\n"
        "  LS Type: Router Links\n"
        "  Link State ID: 1.1.1.1\n"
        "  Advertising Router: 1.1.1.1\n"
        "  LS Seq Number: 80000005\n"
        "  Checksum: 0xA1B2\n"
        "  Length: 48\n"
        "  AS Boundary Router\n"
        "  Number of Links: 2\n"
        "\n"
        "    Link connected to: a Stub Network\n"
        "     (Link ID) Network/subnet number: 1.1.1.1\n"
        "     (Link Data) Network Mask: 255.255.255.255\n"
        "      Number of MTID metrics: 0\n"
        "       TOS 0 Metrics: 1\n"
        "\n"
        "    Link connected to: a Transit Network\n"
        "     (Link ID) Designated Router address: 10.0.123.1\n"
        "     (Link Data) Router Interface address: 10.0.123.1\n"
        "      Number of MTID metrics: 0\n"
        "       TOS 0 Metrics: 1\n"
        "\n");
}

TEST_CASE("show ip ospf database network|summary|external: the detailed bodies") {
  const OspfDatabaseView v = database();
  const std::string network = show_ip_ospf_database_detail(v, 2, false).output;
  CHECK(network.find("\t\tNet Link States (Area 0)\n\n"
                     "  LS age: 125\n"
                     "  Options: (No TOS-capability, DC)\n"
                     "  LS Type: Network Links\n"
                     "  Link State ID: 10.0.123.1 (address of Designated Router)\n"
                     "  Advertising Router: 1.1.1.1\n"
                     "  LS Seq Number: 80000001\n"
                     "  Checksum: 0xBCD\n"
                     "  Length: 32\n"
                     "  Network Mask: /24\n"
                     "        Attached Router: 1.1.1.1\n"
                     "        Attached Router: 2.2.2.2\n\n") != std::string::npos);
  const std::string summary = show_ip_ospf_database_detail(v, 3, false).output;
  CHECK(summary.find("  Options: (No TOS-capability, DC, Upward)\n"
                     "  LS Type: Summary Links(Network)\n"
                     "  Link State ID: 172.16.1.0 (summary Network Number)\n") != std::string::npos);
  CHECK(summary.find("  Network Mask: /24\n        MTID: 0         Metric: 11\n") != std::string::npos);
  const std::string external = show_ip_ospf_database_detail(v, 5, false).output;
  CHECK(external.find("\t\tType-5 AS External Link States\n\n") != std::string::npos);
  CHECK(external.find("  LS Type: AS External Link\n"
                      "  Link State ID: 0.0.0.0 (External Network Number )\n") != std::string::npos);
  CHECK(external.find("  Network Mask: /0\n"
                      "        Metric Type: 2 (Larger than any link state path)\n"
                      "        MTID: 0\n"
                      "        Metric: 1\n"
                      "        Forward Address: 0.0.0.0\n"
                      "        External Route Tag: 7\n") != std::string::npos);
  // No router-LSA in the network form.
  CHECK(network.find("Router Links") == std::string::npos);
}

TEST_CASE("show ip ospf database json: areas, LSAs and their bodies") {
  const test::JsonDocument doc(show_ip_ospf_database(database(), true).output);
  REQUIRE(doc);
  CHECK(doc->at("router_id").as_string() == "1.1.1.1");
  const auto lsas = doc->at("areas")[0].at("lsas");
  REQUIRE(lsas.size() == 4);
  CHECK(lsas[0].at("sequence").as_string() == "0x80000005");
  CHECK(lsas[0].at("as_boundary_router").as_bool());
  CHECK(lsas[1].at("links")[1].at("metric").as_number() == 10);
  CHECK(lsas[2].at("attached_routers")[1].as_string() == "2.2.2.2");
  CHECK(doc->at("externals")[0].at("tag").as_number() == 7);
  CHECK(doc->at("externals")[0].at("metric_type").as_number() == 2);
  // The typed form keeps only that type.
  const test::JsonDocument routers(show_ip_ospf_database_detail(database(), 1, true).output);
  REQUIRE(routers);
  CHECK(routers->at("areas")[0].at("lsas").size() == 2);
  CHECK(routers->at("externals").size() == 0);
}

namespace {

RouteView ospf_route(std::uint32_t address, std::uint8_t length, std::string sub, std::uint32_t metric,
                     std::uint32_t next_hop, std::string interface) {
  RouteView r;
  r.code = 'O';
  r.sub_code = std::move(sub);
  r.address = address;
  r.length = length;
  r.distance = 110;
  r.metric = metric;
  r.next_hop = next_hop;
  r.interface = std::move(interface);
  r.age = 62s;
  return r;
}

RouteTableView global_table() {
  RouteTableView v;
  RouteView lo;
  lo.code = 'C';
  lo.address = ip(1, 1, 1, 1);
  lo.length = 32;
  lo.interface = "Loopback0";
  RouteView lan;
  lan.code = 'C';
  lan.address = ip(10, 0, 13, 0);
  lan.length = 24;
  lan.interface = "eth1";
  RouteView ecmp = ospf_route(ip(10, 0, 34, 0), 24, "", 3, ip(10, 0, 13, 3), "eth1");
  ecmp.more_paths = {RouteView::Path{ip(10, 0, 23, 3), "eth2"}};
  v.routes = {lo,
              ospf_route(ip(3, 3, 3, 3), 32, "", 2, ip(10, 0, 13, 3), "eth1"),
              lan,
              ecmp,
              ospf_route(ip(172, 16, 1, 0), 24, "IA", 12, ip(10, 0, 13, 3), "eth1"),
              ospf_route(0, 0, "E2", 1, ip(10, 0, 13, 3), "eth1")};
  v.routes.back().candidate_default = true;
  v.gateway = GatewayOfLastResort{ip(10, 0, 13, 3), 0};
  return v;
}

}  // namespace

TEST_CASE("show ip route: the global table has no Routing Table line; OSPF codes and an ECMP continuation") {
  const std::string out = show_ip_route(global_table(), false).output;
  CHECK(out.rfind("Codes: C - connected, S - static", 0) == 0);
  CHECK(out.find("Routing Table") == std::string::npos);
  CHECK(out.find("\nGateway of last resort is 10.0.13.3 to network 0.0.0.0\n\n") != std::string::npos);
  CHECK(out.find("     1.0.0.0/32 is subnetted, 1 subnets\n"
                 "C       1.1.1.1 is directly connected, Loopback0\n") != std::string::npos);
  CHECK(out.find("     3.0.0.0/32 is subnetted, 1 subnets\n"
                 "O       3.3.3.3 [110/2] via 10.0.13.3, 00:01:02, eth1\n") != std::string::npos);
  CHECK(out.find("     10.0.0.0/24 is subnetted, 2 subnets\n"
                 "C       10.0.13.0 is directly connected, eth1\n"
                 "O       10.0.34.0 [110/3] via 10.0.13.3, 00:01:02, eth1\n"
                 "                  [110/3] via 10.0.23.3, 00:01:02, eth2\n") != std::string::npos);
  CHECK(out.find("O IA    172.16.1.0 [110/12] via 10.0.13.3, 00:01:02, eth1\n") != std::string::npos);
  CHECK(out.find("O*E2 0.0.0.0/0 [110/1] via 10.0.13.3, 00:01:02, eth1\n") != std::string::npos);
}

TEST_CASE("show ip route ospf: only O routes, no legend; summary lines count the whole major network") {
  CHECK(show_ip_route_protocol(global_table(), 'O', false).output ==
        "     3.0.0.0/32 is subnetted, 1 subnets\n"
        "O       3.3.3.3 [110/2] via 10.0.13.3, 00:01:02, eth1\n"
        "     10.0.0.0/24 is subnetted, 2 subnets\n"
        "O       10.0.34.0 [110/3] via 10.0.13.3, 00:01:02, eth1\n"
        "                  [110/3] via 10.0.23.3, 00:01:02, eth2\n"
        "     172.16.0.0/24 is subnetted, 1 subnets\n"
        "O IA    172.16.1.0 [110/12] via 10.0.13.3, 00:01:02, eth1\n"
        "O*E2 0.0.0.0/0 [110/1] via 10.0.13.3, 00:01:02, eth1\n");
}

TEST_CASE("show ip route ospf json: the OSPF routes with their extra equal-cost paths") {
  const test::JsonDocument doc(show_ip_route_protocol(global_table(), 'O', true).output);
  REQUIRE(doc);
  CHECK(doc->at("vrf").is_null());
  const auto routes = doc->at("routes");
  REQUIRE(routes.size() == 4);
  CHECK(routes[1].at("prefix").as_string() == "10.0.34.0/24");
  CHECK(routes[1].at("more_paths")[0].at("next_hop").as_string() == "10.0.23.3");
  CHECK(routes[2].at("sub_code").as_string() == "IA");
  CHECK(routes[3].at("sub_code").as_string() == "E2");
}
