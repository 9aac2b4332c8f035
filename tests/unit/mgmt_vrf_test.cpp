// Seed 000 (labs/mgmt-vrf): management in the default table, everything
// routed in VRF `routing`, and the three features it relies on:
//   - `kernel source-interface IF` under a VRF (parse, errors, render) and
//     the preferred source it puts on the VRF's kernel routes;
//   - the `unreachable default` at metric 4278198272 in every VRF table;
//   - the local FIB rule moved after the l3mdev rule (kernel/vrf_rules.hpp);
//   - the VRF speaker's sockets: one 0.0.0.0 listener bound to the VRF
//     device when VRF devices exist, per-address listeners otherwise.
// And the lab itself in the simulator: its routing tables and its matrix.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "config/parser.hpp"
#include "config_fixtures.hpp"
#include "daemon/tcp_brief.hpp"
#include "daemon/vrf_bgp_runtime.hpp"
#include "kernel/from_config.hpp"
#include "kernel/vrf_rules.hpp"
#include "sim/dataplane_fill.hpp"
#include "sim/matrix.hpp"
#include "sim_lab_fixture.hpp"
#include "vpn/vrf_bgp_ce.hpp"

namespace {

using namespace l3vpn;

const char* kEdge = R"(hostname edge
vrf definition routing
 rd 65001:1
 address-family ipv4
  kernel source-interface Loopback1
 exit-address-family
ip vrf other
 rd 65001:2
interface Loopback1
 vrf forwarding routing
 ip address 203.0.113.1 255.255.255.255
interface eth0
 vrf forwarding routing
 ip address 198.51.100.2 255.255.255.0
interface eth1
 vrf forwarding routing
 ip address 168.254.0.1 255.255.255.0
interface eth2
 ip address 10.0.0.11 255.255.255.254
interface eth3
 ip vrf forwarding other
 ip address 192.0.2.1 255.255.255.0
router bgp 65001
 address-family ipv4 vrf routing
  neighbor 168.254.0.5 remote-as 65005
  neighbor 168.254.0.5 activate
 exit-address-family
)";

std::vector<std::string> errors_of(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& e : config::parse_config(text, "t.conf").errors) out.push_back(e.to_string());
  return out;
}

bool has_error(const std::vector<std::string>& errors, const std::string& part) {
  return std::any_of(errors.begin(), errors.end(), [&](const std::string& e) { return e.find(part) != std::string::npos; });
}

config::Ipv4Prefix p(const char* text) { return *config::Ipv4Prefix::parse(text); }
config::Ipv4Address a(const char* text) { return *config::Ipv4Address::parse(text); }

}  // namespace

TEST_CASE("kernel source-interface: parsed under the VRF's ipv4 family and rendered back there") {
  const config::Config c = config_fixtures::parse_ok(kEdge);
  REQUIRE(c.find_vrf("routing") != nullptr);
  CHECK(c.find_vrf("routing")->kernel_source_interface == "Loopback1");
  CHECK(c.find_vrf("other")->kernel_source_interface.empty());
  const std::string rendered = config::render_running_config(c);
  CHECK(rendered.find(" address-family ipv4\n  kernel source-interface Loopback1\n exit-address-family\n") !=
        std::string::npos);
  CHECK(config_fixtures::parse_ok(rendered).find_vrf("routing")->kernel_source_interface == "Loopback1");
}

TEST_CASE("kernel source-interface: directly under 'ip vrf'; 'no' removes it") {
  std::string text = kEdge;
  text += "ip vrf other\n kernel source-interface eth3\n";
  config::Config c = config_fixtures::parse_ok(text);
  CHECK(c.find_vrf("other")->kernel_source_interface == "eth3");
  CHECK(config::render_running_config(c).find("ip vrf other\n rd 65001:2\n kernel source-interface eth3\n") != std::string::npos);
  text += "ip vrf other\n no kernel source-interface\n";
  CHECK(config_fixtures::parse_ok(text).find_vrf("other")->kernel_source_interface.empty());
}

TEST_CASE("kernel source-interface: clear errors for a missing name, extra words, an unknown, foreign or bare interface") {
  const std::string head = "ip vrf routing\n rd 1:1\n";
  CHECK(has_error(errors_of(head + " kernel source-interface\n"), "expects an interface name"));
  CHECK(has_error(errors_of(head + " kernel source-interface Loopback1 now\n" +
                            "interface Loopback1\n ip vrf forwarding routing\n ip address 1.1.1.1 255.255.255.255\n"),
                  "now"));
  CHECK(has_error(errors_of(head + " kernel source-interface Loopback9\n"), "interface 'Loopback9' is not defined"));
  CHECK(has_error(errors_of(head + " kernel source-interface Loopback1\n" +
                            "interface Loopback1\n ip address 1.1.1.1 255.255.255.255\n"),
                  "interface 'Loopback1' is not in VRF 'routing' (global table)"));
  CHECK(has_error(errors_of(head + " kernel source-interface Loopback1\n" +
                            "interface Loopback1\n ip vrf forwarding routing\n"),
                  "has no IPv4 address"));
}

TEST_CASE("kernel from fib: VRF routing's routes carry the loopback as src; every VRF table ends in unreachable default") {
  const config::Config c = config_fixtures::parse_ok(kEdge);
  kernel::Translation t = kernel::desired_from_config(c, kernel::KernelNames{});
  REQUIRE(t.errors.empty());
  CHECK(t.vrf_sources.at("routing") == a("203.0.113.1"));
  CHECK_FALSE(t.vrf_sources.contains("other"));

  sim::NodeFib fib("edge");
  fib.table("routing").add({p("0.0.0.0/0"), sim::Via{a("198.51.100.1"), "eth0", {}}, "S*"});
  fib.table("routing").add({p("203.0.113.128/25"), sim::Via{a("168.254.0.5"), "eth1", {}}, "B"});
  fib.table("routing").add({p("203.0.113.0/24"), sim::Discard{}, "S Null0"});
  fib.table("other").add({p("192.0.2.128/25"), sim::Via{a("192.0.2.2"), "eth3", {}}, "S"});
  fib.table("").add({p("10.0.0.0/24"), sim::Via{a("10.0.0.10"), "eth2", {}}, "S"});
  kernel::add_fib_routes(fib, kernel::KernelNames{}, t);
  REQUIRE(t.errors.empty());

  const std::uint32_t routing = t.state.vrfs[1].name == "routing" ? t.state.vrfs[1].table : t.state.vrfs[0].table;
  const std::uint32_t other = t.state.vrfs[1].name == "other" ? t.state.vrfs[1].table : t.state.vrfs[0].table;
  auto find = [&](std::uint32_t table, const char* prefix, std::uint32_t metric = 0) -> const kernel::Ipv4Route* {
    for (const auto& r : t.state.routes)
      if (r.table == table && r.prefix == p(prefix) && r.metric == metric) return &r;
    return nullptr;
  };
  // As the seed's `ip route show table routing`: "... src 203.0.113.1".
  REQUIRE(find(routing, "0.0.0.0/0"));
  CHECK(find(routing, "0.0.0.0/0")->source == a("203.0.113.1"));
  REQUIRE(find(routing, "203.0.113.128/25"));
  CHECK(find(routing, "203.0.113.128/25")->source == a("203.0.113.1"));
  REQUIRE(find(routing, "203.0.113.0/24"));
  CHECK_FALSE(find(routing, "203.0.113.0/24")->source.has_value());  // a blackhole sources nothing
  // Another VRF and the main table keep the kernel's choice of source.
  REQUIRE(find(other, "192.0.2.128/25"));
  CHECK_FALSE(find(other, "192.0.2.128/25")->source.has_value());
  REQUIRE(find(kernel::kMainTable, "10.0.0.0/24"));
  CHECK_FALSE(find(kernel::kMainTable, "10.0.0.0/24")->source.has_value());

  // Isolation: both VRF tables end in unreachable, below their own default;
  // the main table does not.
  for (std::uint32_t table : {routing, other}) {
    const kernel::Ipv4Route* last = find(table, "0.0.0.0/0", kernel::kVrfUnreachableMetric);
    REQUIRE(last);
    CHECK(last->type == kernel::RouteType::Unreachable);
    CHECK(last->next_hops.empty());
  }
  CHECK(kernel::kVrfUnreachableMetric == 4278198272u);
  CHECK_FALSE(find(kernel::kMainTable, "0.0.0.0/0", kernel::kVrfUnreachableMetric));
  CHECK(kernel::describe(*find(routing, "0.0.0.0/0", kernel::kVrfUnreachableMetric)).find("unreachable") !=
        std::string::npos);
}

TEST_CASE("VRF BGP sockets: one 0.0.0.0 listener bound to the VRF device with VRF devices, one per local address without") {
  const config::Config c = config_fixtures::parse_ok(kEdge);
  const std::vector<vpn::VrfBgpInstance> instances = vpn::vrf_bgp_instances(c);
  REQUIRE(instances.size() == 1);
  CHECK(daemon::vrf_bgp_listeners(instances.front(), true) ==
        std::vector<daemon::VrfBgpListener>{{0, "routing"}});
  CHECK(daemon::vrf_bgp_listeners(instances.front(), false) ==
        std::vector<daemon::VrfBgpListener>{{a("168.254.0.1").value, ""}});
  CHECK(bgp::listener_text(0, 179, "routing") == "0.0.0.0%routing:179");
  CHECK(bgp::listener_text(a("168.254.0.1").value, 179, "") == "168.254.0.1:179");
}

TEST_CASE("mgmt-vrf in the simulator: the routed world and the management world never meet") {
  sim_fixture::SimLab& l = sim_fixture::converged("mgmt-vrf");
  const sim::Dataplane dataplane = sim::build_dataplane(l.lab);
  const sim::ReachabilityMatrix matrix = sim::compute_matrix(dataplane, l.lab.lab());
  INFO(sim::render_matrix_text(matrix));
  CHECK(matrix.differ == 0);
  CHECK(matrix.as_expected == 42);
  // The seed's complaint: members pinged BRAS's 10.0.0.15 and it answered.
  const sim::MatrixCell* members_bras = matrix.cell("members", "bras-mgmt");
  REQUIRE(members_bras);
  CHECK_FALSE(members_bras->reachable());
  const sim::MatrixCell* members_transit = matrix.cell("members", "transit");
  REQUIRE(members_transit);
  CHECK(members_transit->reachable());
  const sim::MatrixCell* firewall_bras = matrix.cell("firewall", "bras-mgmt");
  REQUIRE(firewall_bras);
  CHECK(firewall_bras->reachable());
}

TEST_CASE("VRF isolation rules: the local rule moves after the l3mdev rule once a VRF device exists, and only then") {
  using kernel::FibRule;
  const FibRule local0{0, kernel::kLocalTable, false, false};
  const FibRule l3mdev{kernel::kL3mdevRulePriority, 0, true, false};
  const FibRule main{32766, kernel::kMainTable, false, false};
  const FibRule defaults{32767, 253, false, false};
  const FibRule local_after{kernel::kLocalRuleAfterL3mdev, kernel::kLocalTable, false, false};

  // A fresh namespace with a VRF device: add 32765 first, then delete 0.
  kernel::VrfRulesPlan plan = kernel::plan_vrf_rules({local0, l3mdev, main, defaults});
  CHECK(plan.add_local_after_l3mdev);
  CHECK(plan.delete_local_first);
  // Interrupted between the two steps (or an operator added 32765): only the delete.
  plan = kernel::plan_vrf_rules({local0, l3mdev, local_after, main, defaults});
  CHECK_FALSE(plan.add_local_after_l3mdev);
  CHECK(plan.delete_local_first);
  // Done: nothing.
  CHECK(kernel::plan_vrf_rules({l3mdev, local_after, main, defaults}).empty());
  // No VRF device (no l3mdev rule): the boot order stays.
  CHECK(kernel::plan_vrf_rules({local0, main, defaults}).empty());
  // A local rule with a selector (from 10.0.0.0/8 lookup local) is not the boot rule.
  CHECK(kernel::plan_vrf_rules({FibRule{0, kernel::kLocalTable, false, true}, l3mdev, main}).empty());
}

TEST_CASE("show tcp brief: IOS columns, addresses A.B.C.D[%DEVICE].PORT, listeners only with 'all'") {
  const std::vector<daemon::TcpBriefRow> rows{
      {7, daemon::tcp_brief_address("168.254.0.1", "routing", 179), daemon::tcp_brief_address("168.254.0.5", "", 41234),
       "ESTAB"},
      {5, daemon::tcp_brief_address("0.0.0.0", "routing", 179), "*.*", "LISTEN"},
      {4, daemon::tcp_brief_address("0.0.0.0", "", 179), "*.*", "LISTEN"}};
  CHECK(daemon::format_tcp_brief(rows, false) ==
        "TCB       Local Address               Foreign Address             (state)\n"
        "00000007  168.254.0.1%routing.179     168.254.0.5.41234           ESTAB\n");
  CHECK(daemon::format_tcp_brief(rows, true) ==
        "TCB       Local Address               Foreign Address             (state)\n"
        "00000007  168.254.0.1%routing.179     168.254.0.5.41234           ESTAB\n"
        "00000005  0.0.0.0%routing.179         *.*                         LISTEN\n"
        "00000004  0.0.0.0.179                 *.*                         LISTEN\n");
}
