// What the kernel dataplane shows and takes on the command line: the
// --interface-map text (pairs, comments, each kind of mistake), the Linux ->
// config name direction of link events, `show fib drift` (missing, extra,
// different, someone else's route; "No drift" once the kernel matches) and
// the kernel's tables as the show commands print them.
#include <doctest/doctest.h>

#include "daemon/kernel_views.hpp"

namespace {

using namespace l3vpn;
using namespace l3vpn::daemon;
using kernel::ActualState;
using kernel::DesiredState;
using kernel::Ipv4Route;
using kernel::MplsRoute;
using kernel::NextHop;

config::Ipv4Prefix p(const char* text) { return *config::Ipv4Prefix::parse(text); }
config::Ipv4Address a(const char* text) { return *config::Ipv4Address::parse(text); }

Ipv4Route vpn_route(std::uint32_t vpn_label) {
  return Ipv4Route{.table = 1001,
                   .prefix = p("10.2.0.0/24"),
                   .metric = 0,
                   .type = kernel::RouteType::Unicast,
                   .next_hops = {NextHop{a("10.0.12.2"), "eth1", {17, vpn_label}}},
                   .source = std::nullopt,
                   .protocol = kernel::kRouteProtocol};
}

MplsRoute swap(std::uint32_t in, std::uint32_t out) {
  return MplsRoute{.in_label = in, .out_labels = {out}, .via = a("10.0.23.3"), .interface = "eth2",
                   .protocol = kernel::kRouteProtocol};
}

ActualState kernel_with(std::vector<Ipv4Route> routes, std::vector<MplsRoute> mpls) {
  ActualState actual;
  actual.links = {{"eth1", "veth", 0, "", "", true}, {"eth2", "veth", 0, "", "", true},
                  {"A", "vrf", 1001, "", kernel::kManagedAlias, true}};
  actual.routes = std::move(routes);
  actual.mpls_routes = std::move(mpls);
  actual.mpls_available = true;
  actual.platform_labels = 1000;
  return actual;
}

DesiredState want(std::vector<Ipv4Route> routes, std::vector<MplsRoute> mpls) {
  DesiredState d;
  d.vrfs = {{"A", 1001}};
  d.routes = std::move(routes);
  d.mpls_routes = std::move(mpls);
  d.platform_labels = 1000;
  return d;
}

}  // namespace

TEST_CASE("kernel views: an interface map of pairs, by commas or lines, with comments") {
  const InterfaceMapParse parsed = parse_interface_map("Gi0/0=eth1,GigabitEthernet0/1=eth2\n# core side\nGi0/2=ens3  # P\n");
  CHECK(parsed.error.empty());
  CHECK(parsed.map == InterfaceMap{{"Gi0/0", "eth1"}, {"GigabitEthernet0/1", "eth2"}, {"Gi0/2", "ens3"}});
  CHECK(parse_interface_map("").map.empty());
  CHECK(parse_interface_map("").error.empty());
}

TEST_CASE("kernel views: each mistake in an interface map is named") {
  CHECK(parse_interface_map("Gi0/0").error == "interface map: 'Gi0/0' is not CONFIG=LINUX");
  CHECK(parse_interface_map("=eth1").error == "interface map: '=eth1' is not CONFIG=LINUX");
  CHECK(parse_interface_map("Gi0/0=").error == "interface map: 'Gi0/0=' is not CONFIG=LINUX");
  CHECK(parse_interface_map("Gi0/0=a=b").error == "interface map: 'Gi0/0=a=b' is not CONFIG=LINUX");
  CHECK(parse_interface_map("Gi0/0=a-name-too-long-16").error.find("not a Linux interface name") != std::string::npos);
  CHECK(parse_interface_map("Gi0/0=eth0/1").error.find("not a Linux interface name") != std::string::npos);
  CHECK(parse_interface_map("Gi0/0=eth1 Gi0/0=eth2").error == "interface map: Gi0/0 is mapped twice");
  CHECK(parse_interface_map("Gi0/0=eth1 Gi0/1=eth1").error == "interface map: eth1 is the Linux name of two interfaces");
}

TEST_CASE("kernel views: link events name Linux devices, OSPF wants config names") {
  const InterfaceMap map{{"GigabitEthernet0/0", "eth1"}};
  CHECK(config_interface_name(map, "eth1") == "GigabitEthernet0/0");
  CHECK(config_interface_name(map, "eth2") == "eth2");         // configs may use Linux names
  CHECK(config_interface_name(map, "loop10") == "Loopback10");  // from_config's default loopback name
  CHECK(config_interface_name(map, "loopback") == "loopback");
}

TEST_CASE("kernel views: a kernel that matches has no drift") {
  const DesiredState d = want({vpn_route(20)}, {swap(16, 17)});
  const ActualState actual = kernel_with({vpn_route(20)}, {swap(16, 17)});
  const auto entries = drift_entries(kernel::plan_reconcile(d, actual), actual);
  CHECK(entries.empty());
  CHECK(format_drift(entries) == "No drift\n");
}

TEST_CASE("kernel views: drift lists a changed VPN label as different, a lost swap as missing, a stale route as extra") {
  Ipv4Route stale = vpn_route(20);
  stale.prefix = p("10.9.0.0/24");
  const DesiredState d = want({vpn_route(21)}, {swap(16, 17), swap(18, 19)});
  const ActualState actual = kernel_with({vpn_route(20), stale}, {swap(16, 17)});
  const auto entries = drift_entries(kernel::plan_reconcile(d, actual), actual);
  REQUIRE(entries.size() == 3);
  CHECK(entries[0] == DriftEntry{DriftEntry::Kind::Different,
                                 "table 1001 10.2.0.0/24 encap mpls 17/21 via 10.0.12.2 dev eth1",
                                 "table 1001 10.2.0.0/24 encap mpls 17/20 via 10.0.12.2 dev eth1 proto l3vpn"});
  CHECK(entries[1] == DriftEntry{DriftEntry::Kind::Extra, "",
                                 "table 1001 10.9.0.0/24 encap mpls 17/20 via 10.0.12.2 dev eth1 proto l3vpn"});
  CHECK(entries[2] == DriftEntry{DriftEntry::Kind::Missing, "mpls 18 as 19 via inet 10.0.23.3 dev eth2", ""});
  const std::string text = format_drift(entries);
  CHECK(text.find("Different  table 1001 10.2.0.0/24 encap mpls 17/21") != std::string::npos);
  CHECK(text.find("           kernel: table 1001 10.2.0.0/24 encap mpls 17/20") != std::string::npos);
  CHECK(text.find("Missing    mpls 18 as 19") != std::string::npos);
  CHECK(text.ends_with("3 difference(s): 1 missing, 1 extra, 1 different, 0 problem(s)\n"));
}

TEST_CASE("kernel views: someone else's route on our key is a problem; a missing VRF device and interface are missing") {
  Ipv4Route theirs = vpn_route(20);
  theirs.protocol = 4;  // static: `ip route add` by hand
  DesiredState d = want({vpn_route(20)}, {});
  d.vrfs.push_back({"B", 1002});
  d.enslavements.push_back({"eth9", "B"});  // an interface the kernel does not have
  const ActualState actual = kernel_with({theirs}, {});
  const auto entries = drift_entries(kernel::plan_reconcile(d, actual), actual);
  REQUIRE(entries.size() == 3);
  CHECK(entries[0] == DriftEntry{DriftEntry::Kind::Missing, "vrf device B table 1002", ""});
  CHECK(entries[1] == DriftEntry{DriftEntry::Kind::Missing, "interface eth9 (master B)", ""});
  CHECK(entries[2].kind == DriftEntry::Kind::Problem);
  CHECK(entries[2].kernel.find("10.2.0.0/24") != std::string::npos);
}

TEST_CASE("kernel views: the kernel's VRF table and MPLS routes as the show commands print them") {
  Ipv4Route connected{.table = 1001,
                      .prefix = p("10.1.0.0/24"),
                      .metric = 0,
                      .type = kernel::RouteType::Unicast,
                      .next_hops = {NextHop{std::nullopt, "eth3", {}}},
                      .source = a("10.1.0.1"),
                      .protocol = 2};
  Ipv4Route main_route = vpn_route(20);
  main_route.table = kernel::kMainTable;
  main_route.prefix = p("1.1.1.1/32");
  ActualState actual = kernel_with({vpn_route(20), connected, main_route}, {swap(17, 18), swap(16, 17)});
  actual.mpls_routes.push_back(MplsRoute{.in_label = 20, .out_labels = {}, .via = std::nullopt, .interface = "A",
                                         .protocol = kernel::kRouteProtocol});
  CHECK(kernel_vrf_table(actual, "A") == 1001);
  CHECK(kernel_vrf_table(actual, "eth1") == 0);
  CHECK(format_kernel_routes(actual, 1001, "vrf A, table 1001") ==
        "Kernel routes, vrf A, table 1001: 2\n"
        "  10.1.0.0/24 dev eth3 src 10.1.0.1 proto kernel\n"
        "  10.2.0.0/24 encap mpls 17/20 via 10.0.12.2 dev eth1 proto l3vpn\n");
  CHECK(format_kernel_mpls(actual) ==
        "Kernel MPLS routes: 3\n"
        "Local  Outgoing        Next Hop         Interface        Proto\n"
        "16     17              10.0.23.3        eth2             l3vpn\n"
        "17     18              10.0.23.3        eth2             l3vpn\n"
        "20     Pop, lookup     -                A                l3vpn\n");
  actual.mpls_available = false;
  CHECK(format_kernel_mpls(actual).starts_with("MPLS is not available"));
}
