// The CLI views read from running protocol instances on the in-process
// network and a manual clock (daemon/ospf_views, daemon/ldp_views):
//   OSPF: R1 (priority 10, DR) and R2 (BDR) on a LAN, each with a loopback;
//   LDP: the line PE1 - P1 - P2 (loopbacks 1.1.1.1 to 3.3.3.3) with its IGP.
// Checks that states, roles, timers, LSAs, routes, sessions, bindings and
// LFIB lines reach the views, and that the IOS renderers print them.
#include <doctest/doctest.h>

#include <regex>

#include <algorithm>

#include "daemon/ldp_views.hpp"
#include "daemon/mpls_commands.hpp"
#include "daemon/ospf_commands.hpp"
#include "daemon/ospf_views.hpp"
#include "ospf_instance_fixtures.hpp"
#include "sim/ldp_line.hpp"

using namespace ospf_lab;
using namespace l3vpn;

namespace {

void build_lan(Lab& lab) {
  lab.add_router("R1", "1.1.1.1");
  lab.add_router("R2", "2.2.2.2");
  lab.add_segment("lan", ospf::NetworkType::Broadcast, 24, {{"R1", "eth0", "10.0.0.1", 10}, {"R2", "eth0", "10.0.0.2", 1}});
  lab.add_loopback("R1", "1.1.1.1");
  lab.add_loopback("R2", "2.2.2.2");
  lab.start();
  lab.run_for(60s);  // the 40 s wait timer, then the exchange
}

}  // namespace

TEST_CASE("ospf views: R1's neighbor R2 is FULL/BDR with a running dead timer") {
  Lab lab;
  build_lan(lab);
  const auto now = lab.network.now();
  const auto neighbors = daemon::ospf_neighbor_views(lab.ospf("R1"), now);
  REQUIRE(neighbors.size() == 1);
  CHECK(neighbors[0].router_id == ip("2.2.2.2"));
  CHECK(neighbors[0].state == "Full");
  CHECK(neighbors[0].role == cli::OspfNeighborRole::Backup);
  REQUIRE(neighbors[0].dead_time);
  CHECK(*neighbors[0].dead_time > 30s);  // hellos every 10 s reset the 40 s timer
  CHECK(*neighbors[0].dead_time <= 40s);
  const std::string out = cli::show_ip_ospf_neighbor(neighbors, false).output;
  CHECK(out.find("2.2.2.2           1   FULL/BDR        00:00:") != std::string::npos);
  CHECK(out.find("10.0.0.2        eth0\n") != std::string::npos);
}

TEST_CASE("ospf views: interfaces with DR/BDR, the adjacency, a loopback and the next hello") {
  Lab lab;
  build_lan(lab);
  const auto interfaces = daemon::ospf_interface_views(lab.ospf("R1"), lab.network.now());
  const auto lan = std::find_if(interfaces.begin(), interfaces.end(), [](const auto& i) { return i.name == "eth0"; });
  const auto lo = std::find_if(interfaces.begin(), interfaces.end(), [](const auto& i) { return i.name == "Loopback0"; });
  REQUIRE(lan != interfaces.end());
  REQUIRE(lo != interfaces.end());
  CHECK(lan->state == "DR");
  CHECK(lan->dr_router_id == ip("1.1.1.1"));
  CHECK(lan->bdr_address == ip("10.0.0.2"));
  REQUIRE(lan->adjacent.size() == 1);
  CHECK(lan->adjacent[0].backup_designated_router);
  REQUIRE(lan->hello_due);
  CHECK(*lan->hello_due <= 10s);
  CHECK(lo->network_type == cli::OspfNetworkType::Loopback);
  const std::string brief = cli::show_ip_ospf_interface_brief(interfaces, false).output;
  CHECK(brief.find("eth0         1     0               10.0.0.1/24        1     DR    1/1\n") != std::string::npos);
  CHECK(brief.find("Lo0          1     0               1.1.1.1/32         1     LOOP  0/0\n") != std::string::npos);
}

TEST_CASE("ospf views: the database has both router-LSAs and the DR's network-LSA, aged by the clock") {
  Lab lab;
  build_lan(lab);
  const auto db = daemon::ospf_database_view(lab.ospf("R1"), lab.network.now());
  CHECK(db.router_id == ip("1.1.1.1"));
  REQUIRE(db.areas.size() == 1);
  const auto& lsas = db.areas[0].lsas;
  const auto count = [&](std::uint8_t type) {
    return std::count_if(lsas.begin(), lsas.end(), [&](const auto& l) { return l.type == type; });
  };
  CHECK(count(1) == 2);
  CHECK(count(2) == 1);
  const auto network = std::find_if(lsas.begin(), lsas.end(), [](const auto& l) { return l.type == 2; });
  CHECK(network->link_state_id == ip("10.0.0.1"));
  CHECK(network->attached_routers.size() == 2);
  for (const auto& l : lsas) CHECK(l.age <= 60);
  // Ten minutes later the same LSAs are ten minutes older (no refresh before 30).
  const auto later = daemon::ospf_database_view(lab.ospf("R1"), lab.network.now() + 600s);
  CHECK(later.areas[0].lsas[0].age == lsas[0].age + 600);
  const std::string out = cli::show_ip_ospf_database(db, false).output;
  CHECK(out.find("\t\tRouter Link States (Area 0)\n") != std::string::npos);
  CHECK(out.find("\t\tNet Link States (Area 0)\n") != std::string::npos);
}

TEST_CASE("ospf views: R1 routes to R2's loopback over the LAN; the LAN itself is connected, not OSPF") {
  Lab lab;
  build_lan(lab);
  const auto routes = daemon::ospf_route_views(lab.ospf("R1"), 62s);
  REQUIRE(routes.size() == 1);
  CHECK(routes[0].address == ip("2.2.2.2"));
  CHECK(routes[0].length == 32);
  CHECK(routes[0].metric == 2u);
  CHECK(routes[0].next_hop == ip("10.0.0.2"));
  cli::RouteTableView table;
  table.routes = routes;
  CHECK(cli::show_ip_route_protocol(table, 'O', false).output ==
        "     2.0.0.0/32 is subnetted, 1 subnets\n"
        "O       2.2.2.2 [110/2] via 10.0.0.2, 00:01:02, eth0\n");
}

TEST_CASE("ospf commands: registered in a command tree, they read the instance at each call; none without OSPF") {
  Lab lab;
  build_lan(lab);
  const ospf::Instance* running = &lab.ospf("R2");
  cli::CommandTree tree;
  daemon::register_ospf_commands(
      tree, [&running] { return running; },
      [&running] { return running ? std::vector<const ospf::Instance*>{running} : std::vector<const ospf::Instance*>{}; },
      lab.network.clock());
  cli::ShowContext context;  // an empty configuration: the OSPF routes alone
  context.clock = &lab.network.clock();
  daemon::register_global_route_command(tree, [&running] { return running; }, context);
  const cli::CommandResult neighbors = tree.execute("show ip ospf neighbor");
  CHECK(neighbors.ok);
  CHECK(neighbors.output.find("1.1.1.1          10   FULL/DR         00:00:") != std::string::npos);
  CHECK(tree.execute("sh ip os int br").output.find("eth0         1     0               10.0.0.2/24        1     BDR   1/1\n") !=
        std::string::npos);
  CHECK(tree.execute("show ip ospf database network").output.find("(address of Designated Router)") != std::string::npos);
  // The route's age (IOS's hh:mm:ss) counts from when SPF installed it.
  const std::regex line(R"(O       1\.1\.1\.1 \[110/2\] via 10\.0\.0\.1, 00:(\d\d):(\d\d), eth0\n)");
  auto age_seconds = [&] {
    std::smatch m;
    const std::string out = tree.execute("show ip route ospf").output;
    REQUIRE(std::regex_search(out, m, line));
    return std::stoi(m[1]) * 60 + std::stoi(m[2]);
  };
  const int before = age_seconds();
  lab.network.advance(std::chrono::seconds(90));
  CHECK(age_seconds() == before + 90);  // unchanged route: it keeps aging
  running = nullptr;  // "no router ospf"
  const cli::CommandResult off = tree.execute("show ip ospf neighbor");
  CHECK(off.ok);
  CHECK(off.output.empty());
}

namespace {

struct Line {
  sim::LdpLine lab{options()};
  static sim::LdpLineOptions options() {
    sim::LdpLineOptions o;
    o.names = {"PE1", "P1", "P2"};
    return o;
  }
  Line() {
    lab.install_igp();
    lab.start();
    lab.network.advance(5s);
  }
  const ldp::Instance& p1() { return lab["P1"].instance(); }
};

constexpr std::uint32_t kPE1 = 0x01010101, kP1 = 0x02020202, kP2 = 0x03030303;

}  // namespace

TEST_CASE("ldp views: P1's two sessions are Oper with discovery sources and bound addresses") {
  Line line;
  const auto now = line.lab.network.now();
  const auto neighbors = daemon::ldp_neighbor_views(line.p1(), now);
  REQUIRE(neighbors.size() == 2);
  CHECK(neighbors[0].peer.lsr_id == kPE1);
  CHECK(neighbors[1].peer.lsr_id == kP2);
  for (const auto& n : neighbors) {
    CHECK(n.state == "Oper");
    CHECK(n.local.lsr_id == kP1);
    REQUIRE(n.up_time);
    CHECK(*n.up_time < 5s);
    CHECK(n.messages_sent > 0);
    CHECK(n.sources.size() == 1);
    CHECK(std::find(n.addresses.begin(), n.addresses.end(), n.peer.lsr_id) != n.addresses.end());
  }
  const std::string out = cli::show_mpls_ldp_neighbor(neighbors, false).output;
  CHECK(out.find("    Peer LDP Ident: 1.1.1.1:0; Local LDP Ident 2.2.2.2:0\n") != std::string::npos);
  CHECK(out.find("\tState: Oper; Msgs sent/rcvd: ") != std::string::npos);
}

TEST_CASE("ldp views: discovery xmit/recv on both links, bindings with imp-null from the egress") {
  Line line;
  const auto discovery = daemon::ldp_discovery_view(line.p1());
  CHECK(discovery.local.lsr_id == kP1);
  REQUIRE(discovery.interfaces.size() == 2);
  for (const auto& i : discovery.interfaces) {
    CHECK(i.transmitting);
    CHECK(i.receiving);
    CHECK(i.peers.size() == 1);
  }
  const auto bindings = daemon::ldp_binding_views(line.p1());
  const auto pe1 = std::find_if(bindings.begin(), bindings.end(), [](const auto& b) { return b.fec == "1.1.1.1/32"; });
  const auto own = std::find_if(bindings.begin(), bindings.end(), [](const auto& b) { return b.fec == "2.2.2.2/32"; });
  REQUIRE(pe1 != bindings.end());
  REQUIRE(own != bindings.end());
  CHECK(own->local_label == 3u);  // our loopback: implicit null
  REQUIRE(pe1->local_label);
  CHECK(*pe1->local_label >= 16u);
  // Liberal retention: both neighbors' labels; PE1's own is implicit null.
  REQUIRE(pe1->remote.size() == 2);
  CHECK(pe1->remote[0].peer.lsr_id == kPE1);
  CHECK(pe1->remote[0].label == 3u);
  CHECK(pe1->remote[1].peer.lsr_id == kP2);
  CHECK(cli::show_mpls_ldp_bindings(bindings, false).output.find("  lib entry: 2.2.2.2/32\n"
                                                                   "        local binding:  label: imp-null\n") !=
        std::string::npos);
}

TEST_CASE("ldp views: P1's LFIB pops toward both neighbors (penultimate hop) and has no line for itself") {
  Line line;
  const auto lfib = daemon::mpls_forwarding_views(line.p1());
  REQUIRE(lfib.size() == 2);
  CHECK(lfib[0].local_label < lfib[1].local_label);
  for (const auto& e : lfib) {
    CHECK(e.outgoing == cli::MplsForwardingView::Outgoing::Pop);
    CHECK(e.next_hop.has_value());
    CHECK_FALSE(e.interface.empty());
  }
  const std::string out = cli::show_mpls_forwarding_table(lfib, false).output;
  CHECK(out.find("Pop Label  1.1.1.1/32       0") != std::string::npos);
  CHECK(out.find("Pop Label  3.3.3.3/32       0") != std::string::npos);
  CHECK(out.find("2.2.2.2/32") == std::string::npos);
  const auto interfaces = daemon::mpls_interface_views(line.p1());
  REQUIRE(interfaces.size() == 2);
  CHECK(interfaces[0].ldp);
  CHECK(interfaces[0].operational);
}

TEST_CASE("mpls commands: show mpls ldp neighbor / forwarding-table through the command tree") {
  Line line;
  const ldp::Instance* running = &line.p1();
  cli::CommandTree tree;
  daemon::register_mpls_commands(tree, [&running] { return running; }, line.lab.network.clock());
  CHECK(tree.execute("show mpls ldp neighbor").output.find("Peer LDP Ident: 3.3.3.3:0; Local LDP Ident 2.2.2.2:0") !=
        std::string::npos);
  CHECK(tree.execute("show mpls forwarding-table").output.find("Pop Label  3.3.3.3/32") != std::string::npos);
  CHECK(tree.execute("show mpls ldp discovery").output.rfind(" Local LDP Identifier:\n    2.2.2.2:0\n", 0) == 0);
  running = nullptr;
  CHECK(tree.execute("show mpls ldp neighbor").output.empty());
  CHECK(tree.execute("show mpls forwarding-table").output ==
        "Local      Outgoing   Prefix           Bytes Label   Outgoing   Next Hop\n"
        "Label      Label      or Tunnel Id     Switched      interface\n");
}
