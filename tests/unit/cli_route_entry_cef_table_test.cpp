// "show ip route [vrf NAME] A.B.C.D" (one routing entry, IOS's detail
// format) and "show ip cef vrf NAME" (the whole VRF's forwarding entries):
// the formatters on hand-made views, then R3 of the seed lab in the simulator.
#include <doctest/doctest.h>

#include <string>

#include "cli/show_bgp.hpp"
#include "cli/show_cef.hpp"
#include "cli/show_ip_route_entry.hpp"
#include "config/address.hpp"
#include "config/lab.hpp"
#include "sim/lab_sim.hpp"
#include "sim/sim_cli.hpp"

using namespace l3vpn;
using namespace std::chrono_literals;

namespace {

std::uint32_t ip(const char* text) { return config::Ipv4Address::parse(text)->value; }

cli::RouteView route(char code, const char* prefix, std::uint8_t length) {
  cli::RouteView r;
  r.code = code;
  r.address = ip(prefix);
  r.length = length;
  return r;
}

}  // namespace

TEST_CASE("route entry: the longest match, never the default route, and IOS's miss message") {
  cli::RouteTableView table;
  cli::RouteView def = route('S', "0.0.0.0", 0);
  def.distance = 1;
  def.next_hop = ip("10.0.0.1");
  table.routes = {def, route('C', "10.1.0.0", 16), route('C', "10.1.2.0", 24)};
  table.routes[1].interface = "eth1";
  table.routes[2].interface = "eth2";
  CHECK(cli::longest_match(table, ip("10.1.2.9"))->length == 24);
  CHECK(cli::longest_match(table, ip("10.1.3.9"))->length == 16);
  CHECK(cli::longest_match(table, ip("8.8.8.8"))->length == 0);
  CHECK(cli::longest_match(table, ip("8.8.8.8"), false) == nullptr);
  const cli::CommandResult miss = cli::show_ip_route_entry(nullptr, "");
  CHECK_FALSE(miss.ok);
  CHECK(miss.output == "% Network not in table\n");
  CHECK(cli::show_ip_route_entry(cli::longest_match(table, ip("10.1.2.9")), "connected").output ==
        "Routing entry for 10.1.2.0/24\n"
        "  Known via \"connected\", distance 0, metric 0 (connected, via interface)\n"
        "  Routing Descriptor Blocks:\n"
        "  * directly connected, via eth2\n"
        "      Route metric is 0, traffic share count is 1\n");
}

TEST_CASE("route entry: an OSPF external route names its type, the neighbor and the interface, with its age") {
  cli::RouteView r = route('O', "172.16.2.1", 32);
  r.sub_code = "E2";
  r.distance = 110;
  r.metric = 1;
  r.next_hop = ip("192.168.1.1");
  r.interface = "eth1";
  r.age = 75s;
  CHECK(cli::show_ip_route_entry(&r, "ospf 1").output ==
        "Routing entry for 172.16.2.1/32\n"
        "  Known via \"ospf 1\", distance 110, metric 1, type extern 2\n"
        "  Last update from 192.168.1.1 on eth1, 00:01:15 ago\n"
        "  Routing Descriptor Blocks:\n"
        "  * 192.168.1.1, from 192.168.1.1, 00:01:15 ago, via eth1\n"
        "      Route metric is 1, traffic share count is 1\n");
}

TEST_CASE("cef table: receive, attached, the IGP next hop of a recursive entry, and no route without an LSP") {
  cli::CefEntryView own;
  own.prefix = "10.10.10.1/32";
  own.kind = cli::CefEntryView::Kind::Receive;
  own.interface = "Loopback10";
  cli::CefEntryView lan;
  lan.prefix = "192.168.1.0/24";
  lan.kind = cli::CefEntryView::Kind::Attached;
  lan.interface = "eth2";
  cli::CefEntryView remote;
  remote.prefix = "10.10.30.0/24";
  remote.recursive_via = ip("2.2.2.2");
  remote.next_hops.push_back(cli::CefNextHopView{ip("192.168.13.1"), "GigabitEthernet0/0", 17});
  cli::CefEntryView orphan;
  orphan.prefix = "10.9.9.0/24";
  orphan.recursive_via = ip("9.9.9.9");
  CHECK(cli::show_ip_cef_table({own, lan, remote, orphan}, false).output ==
        "Prefix               Next Hop             Interface\n"
        "10.10.10.1/32        receive              Loopback10\n"
        "192.168.1.0/24       attached             eth2\n"
        "10.10.30.0/24        192.168.13.1         GigabitEthernet0/0\n"
        "10.9.9.0/24          no route\n");
}

TEST_CASE("seed lab, R3: show ip route vrf Technique 10.10.30.254 and show ip cef vrf Technique") {
  static const config::LabLoadResult loaded = config::load_lab(L3VPN_SOURCE_DIR "/labs/inter-vrf-leaking");
  REQUIRE(loaded.ok());
  core::Logger log{"sim", core::LogLevel::Error};
  sim::LabSim lab(loaded.lab, log);
  lab.start();
  REQUIRE(lab.converge().converged);
  sim::RouterCli r3(lab.router("R3"));
  const std::string entry = r3.run("show ip route vrf Technique 10.10.30.254").output;
  CHECK(entry.rfind("Routing entry for 10.10.30.254/32\n"
                    "  Known via \"bgp 65103\", distance 200, metric 0, type internal\n",
                    0) == 0);
  CHECK(entry.find("  * 4.4.4.4 (default), from 4.4.4.4, ") != std::string::npos);
  // Only the default route covers 10.99.0.1: IOS does not show it.
  CHECK(r3.run("show ip route vrf Technique 10.99.0.1").output == "% Network not in table\n");
  const std::string cef = r3.run("show ip cef vrf Technique").output;
  // R3's only core link faces R1 (192.168.13.1): every remote prefix leaves there.
  CHECK(cef.find("10.10.10.1/32        receive              Loopback10\n") != std::string::npos);
  CHECK(cef.find("10.10.20.1/32        receive              Loopback20\n") != std::string::npos);  // the leak
  CHECK(cef.find("10.10.30.254/32      192.168.13.1         GigabitEthernet0/0\n") != std::string::npos);
  CHECK(cef.find("0.0.0.0/0            192.168.13.1         GigabitEthernet0/0\n") != std::string::npos);
  CHECK(r3.run("show ip cef vrf Nope").output == "% IP routing table Nope does not exist\n");
}

TEST_CASE("route entry: Known via names the table's own OSPF process, the BGP AS, static or connected") {
  config::Config c;
  c.ospf.push_back(config::OspfProcess{});
  c.ospf.back().id = 1;
  c.ospf.push_back(config::OspfProcess{});
  c.ospf.back().id = 10;
  c.ospf.back().vrf = "CUST";
  c.bgp = config::BgpRouter{};
  c.bgp->asn = 65000;
  CHECK(cli::known_via(c, "", route('O', "10.0.0.0", 8)) == "ospf 1");
  CHECK(cli::known_via(c, "CUST", route('O', "10.0.0.0", 8)) == "ospf 10");
  CHECK(cli::known_via(c, "CUST", route('B', "10.0.0.0", 8)) == "bgp 65000");
  CHECK(cli::known_via(c, "CUST", route('S', "10.0.0.0", 8)) == "static");
  CHECK(cli::known_via(c, "CUST", route('C', "10.0.0.0", 8)) == "connected");
}
