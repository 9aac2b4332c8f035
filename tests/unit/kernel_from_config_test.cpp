// The kernel's desired state from what the simulator uses: a PE's config
// (VRF devices, dummy loopbacks, enslavements, addresses, MPLS sysctls) and its
// simulated FIB (VPN routes with [LSP, VPN] labels, PHP, pop into a VRF,
// Null0, a leak), with IOS interface names mapped to Linux ones.
#include <doctest/doctest.h>

#include <algorithm>

#include "config_fixtures.hpp"
#include "kernel/from_config.hpp"
#include "sim_dataplane_fixtures.hpp"

namespace {

using namespace l3vpn::kernel;
using dataplane_fixtures::a;
using dataplane_fixtures::p;

const char* kPe = R"(hostname R3
ip vrf Technique
 rd 65103:1
 route-target both 65103:1111
ip vrf Commercial
 rd 65103:2
interface Loopback0
 ip address 3.3.3.3 255.255.255.255
interface Loopback10
 ip vrf forwarding Technique
 ip address 10.10.10.1 255.255.255.255
interface GigabitEthernet0/0
 ip address 192.168.13.3 255.255.255.0
 mpls ip
interface GigabitEthernet0/1
 ip vrf forwarding Commercial
 ip address 10.1.1.1 255.255.255.0
mpls label range 16 4000
)";

KernelNames names() {
  KernelNames n;
  n.interfaces = {{"GigabitEthernet0/0", "eth1"}, {"GigabitEthernet0/1", "eth2"}};
  return n;
}

}  // namespace

TEST_CASE("kernel from config: VRF devices by name (the model keeps them sorted), dummies for loopbacks, enslavements, MPLS sysctls") {
  const Translation t = desired_from_config(config_fixtures::parse_ok(kPe), names());
  CHECK(t.errors.empty());
  CHECK(t.state.vrfs == std::vector<VrfDevice>{{"Commercial", 1001}, {"Technique", 1002}});
  CHECK(t.state.dummies == std::vector<DummyDevice>{{"loop0", ""}, {"loop10", "Technique"}});
  CHECK(t.state.enslavements == std::vector<Enslavement>{{"eth2", "Commercial"}});
  CHECK(std::count(t.state.addresses.begin(), t.state.addresses.end(),
                   InterfaceAddress{"loop10", p("10.10.10.1/32")}) == 1);
  CHECK(std::count(t.state.addresses.begin(), t.state.addresses.end(),
                   InterfaceAddress{"eth1", p("192.168.13.3/24")}) == 1);
  CHECK(t.state.mpls_input_interfaces == std::vector<std::string>{"eth1"});
  CHECK(t.state.platform_labels == 4001u);
}

TEST_CASE("kernel from config: a fixed table is kept and the others skip it; unmapped names are errors") {
  KernelNames n = names();
  n.vrf_tables = {{"Technique", 1001}};
  n.interfaces.erase("GigabitEthernet0/1");
  const Translation t = desired_from_config(config_fixtures::parse_ok(kPe), n);
  CHECK(t.state.vrfs == std::vector<VrfDevice>{{"Commercial", 1002}, {"Technique", 1001}});
  REQUIRE(t.errors.size() == 1);
  CHECK(t.errors.front().find("GigabitEthernet0/1 has no Linux name") != std::string::npos);
  CHECK(t.state.enslavements.empty());
}

TEST_CASE("kernel from fib: R3's VPN route, its VPN label, R1's PHP, a Null0 and a leak") {
  using namespace dataplane_fixtures;
  l3vpn::sim::Dataplane d = backbone_with_technique();
  l3vpn::sim::NodeFib& r3 = *d.node("R3");
  r3.table("Technique").add({p("10.99.0.0/16"), l3vpn::sim::Discard{}, "S Null0"});
  r3.table("Technique").add({p("10.10.20.1/32"), l3vpn::sim::ViaVrf{"Commercial"}, "leak"});
  r3.lfib().add({30, l3vpn::sim::Swap{16, a("192.168.13.1"), "GigabitEthernet0/0"}, "swap"});

  Translation t = desired_from_config(config_fixtures::parse_ok(kPe), names());
  add_fib_routes(r3, names(), t);
  CHECK(t.errors.empty());
  const auto& routes = t.state.routes;
  auto find = [&](const char* prefix) {
    return std::find_if(routes.begin(), routes.end(), [&](const Ipv4Route& r) { return r.prefix == p(prefix); });
  };
  REQUIRE(find("10.10.10.254/32") != routes.end());
  CHECK(find("10.10.10.254/32")->table == 1002);
  CHECK(find("10.10.10.254/32")->next_hops ==
        std::vector<NextHop>{{a("192.168.13.1"), "eth1", {kR1LabelForR4, kR4TechniqueLabel}}});
  REQUIRE(find("10.99.0.0/16") != routes.end());
  CHECK(find("10.99.0.0/16")->type == RouteType::Blackhole);
  REQUIRE(find("10.10.20.1/32") != routes.end());
  CHECK(find("10.10.20.1/32")->next_hops == std::vector<NextHop>{{std::nullopt, "Commercial", {}}});
  // The global 4.4.4.4/32 with the LSP label lands in the main table.
  REQUIRE(find("4.4.4.4/32") != routes.end());
  CHECK(find("4.4.4.4/32")->table == kMainTable);
  // Connected and receive entries are the kernel's own: not in the state.
  CHECK(find("192.168.13.0/24") == routes.end());
  CHECK(find("10.10.10.1/32") == routes.end());
  CHECK(t.state.mpls_routes ==
        std::vector<MplsRoute>{{kR3TechniqueLabel, {}, std::nullopt, "Technique", kRouteProtocol},
                               {30, {16}, a("192.168.13.1"), "eth1", kRouteProtocol}});

  // R1's PHP entries: pop, via the PE, no "as".
  Translation p1;
  KernelNames r1_names;
  r1_names.interfaces = {{"GigabitEthernet0/3", "eth3"}, {"GigabitEthernet0/4", "eth4"}};
  add_fib_routes(*d.node("R1"), r1_names, p1);
  CHECK(p1.errors.empty());
  CHECK(p1.state.mpls_routes.front() == MplsRoute{kR1LabelForR3, {}, a("192.168.13.3"), "eth3", kRouteProtocol});
}

TEST_CASE("kernel from config: a 'shutdown' interface is held down, the others are brought up; the router forwards") {
  std::string text = kPe;
  text += "interface GigabitEthernet0/1\n shutdown\n";
  const Translation t = desired_from_config(config_fixtures::parse_ok(text), names());
  CHECK(t.errors.empty());
  CHECK(t.state.admin_down == std::vector<std::string>{"eth2"});
  CHECK(std::count(t.state.admin_up.begin(), t.state.admin_up.end(), "eth1") == 1);
  CHECK(std::count(t.state.admin_up.begin(), t.state.admin_up.end(), "eth2") == 0);
  CHECK(t.state.ip_forward);
}
