// The daemons' FIB is the simulator's: sim::fill_node over RouterFibInputs
// (what a daemon holds: config, OSPF routes, best VPNv4 paths, LSPs, LDP's
// LFIB, the label ledger) on a node made from the config alone
// (node_from_config) gives, for every router of a converged lab, the same
// tables and LFIB as the simulator's own dataplane; an interface whose link
// is down takes its connected routes and what resolved over it away.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "config_fixtures.hpp"
#include "daemon/bgp_views.hpp"
#include "sim/dataplane_fill.hpp"
#include "sim_lab_fixture.hpp"
#include "vpn/vrf_bgp_ce.hpp"

namespace {

using namespace l3vpn;

// One line per route and LFIB entry: "vrf Technique 10.10.10.254/32 push [17, 20], to ..."
std::vector<std::string> entries(const sim::NodeFib& node) {
  std::vector<std::string> out;
  for (const auto& [vrf, table] : node.tables())
    for (const sim::FibRoute* r : table.routes())
      out.push_back(sim::table_name(vrf) + " " + r->prefix.to_string() + " " + sim::describe_paths(*r));
  for (const auto& [label, e] : node.lfib().entries())
    out.push_back("label " + std::to_string(label) + " " + sim::describe_paths(e));
  return out;
}

// A daemon's view of `router`: the same parts, gathered without the SimRouter.
sim::NodeFib daemon_style_fib(const sim::SimRouter& router) {
  sim::NodeFib node = sim::node_from_config(router.name, router.config);
  const core::TimePoint now = router.node->clock().now();
  const sim::RouterFibInputs inputs{
      .config = router.config,
      .ospf_routes = router.ospf_routes(),
      .global_bgp = router.speaker ? vpn::bgp_route_views(vpn::learned_routes(*router.speaker, now))
                                   : std::vector<cli::RouteView>{},
      .known = router.speaker ? daemon::best_vpn_routes(*router.speaker, now) : std::vector<vpn::VpnRoute>{},
      .vrf_igp = router.vrf_igp_routes(),
      .resolver = router.resolver,
      .ldp_lfib = router.ldp ? &router.ldp->lfib() : nullptr,
      .ldp_lib = router.ldp ? &router.ldp->instance().lib() : nullptr,
      .labels = router.labels,
      .exported = router.exported,
  };
  sim::fill_node(node, inputs);
  return node;
}

}  // namespace

TEST_CASE("daemon kernel fib: every router of inter-vrf-leaking gets the simulator's FIB from RouterFibInputs") {
  sim_fixture::SimLab& l = sim_fixture::converged("inter-vrf-leaking");
  const sim::Dataplane dataplane = sim::build_dataplane(l.lab);
  std::size_t encap_routes = 0, lfib_entries = 0;
  for (const auto& [name, router] : l.lab.routers()) {
    CAPTURE(name);
    const sim::NodeFib* simulated = dataplane.node(name);
    REQUIRE(simulated != nullptr);
    const std::vector<std::string> expected = entries(*simulated);
    CHECK(entries(daemon_style_fib(*router)) == expected);
    for (const auto& e : expected) {
      if (e.find("push [") != std::string::npos) ++encap_routes;
      if (e.starts_with("label ")) ++lfib_entries;
    }
  }
  // The lab is not trivial: VPN routes with label stacks and LFIBs were compared.
  CHECK(encap_routes > 0);
  CHECK(lfib_entries > 0);
}

TEST_CASE("daemon kernel fib: on ecmp-diamond too, equal-cost paths included") {
  sim_fixture::SimLab& l = sim_fixture::converged("ecmp-diamond");
  const sim::Dataplane dataplane = sim::build_dataplane(l.lab);
  std::size_t multipath = 0;
  for (const auto& [name, router] : l.lab.routers()) {
    CAPTURE(name);
    const std::vector<std::string> expected = entries(*dataplane.node(name));
    CHECK(entries(daemon_style_fib(*router)) == expected);
    for (const auto& e : expected) multipath += e.find(" equal-cost paths: ") != std::string::npos ? 1 : 0;
  }
  CHECK(multipath > 0);
}

TEST_CASE("daemon kernel fib: a down interface loses its connected routes and the static through it") {
  const config::Config config = config_fixtures::parse_ok(R"(hostname PE
interface Loopback0
 ip address 1.1.1.1 255.255.255.255
interface eth1
 ip address 10.0.12.1 255.255.255.0
interface eth2
 ip address 10.0.13.1 255.255.255.0
ip route 172.16.0.0 255.255.0.0 10.0.12.2
ip route 172.17.0.0 255.255.0.0 10.0.13.3
)");
  const vpn::LspResolver resolver;
  const vpn::LabelAllocator labels(16, 1000);
  const std::vector<vpn::ExportedRoute> exported;
  const auto fib = [&](const std::set<std::string, std::less<>>& down) {
    sim::NodeFib node = sim::node_from_config("PE", config, down);
    sim::fill_node(node, sim::RouterFibInputs{.config = config,
                                              .ospf_routes = {},
                                              .global_bgp = {},
                                              .known = {},
                                              .vrf_igp = {},
                                              .resolver = resolver,
                                              .ldp_lfib = nullptr,
                                              .labels = labels,
                                              .exported = exported});
    return node;
  };
  const sim::NodeFib up = fib({});
  const sim::RoutingTable& all = *up.find_table("");
  REQUIRE(all.find(*config::Ipv4Prefix::parse("172.16.0.0/16")) != nullptr);
  CHECK(sim::describe(all.find(*config::Ipv4Prefix::parse("172.16.0.0/16"))->action) == "to 10.0.12.2 out eth1");
  CHECK(all.find(*config::Ipv4Prefix::parse("10.0.12.0/24")) != nullptr);

  const sim::NodeFib down = fib({"eth1"});
  const sim::RoutingTable& some = *down.find_table("");
  CHECK(down.interface("eth1") == nullptr);
  CHECK(some.find(*config::Ipv4Prefix::parse("10.0.12.0/24")) == nullptr);
  CHECK(some.find(*config::Ipv4Prefix::parse("172.16.0.0/16")) == nullptr);
  // eth2 is untouched.
  REQUIRE(some.find(*config::Ipv4Prefix::parse("172.17.0.0/16")) != nullptr);
  CHECK(sim::describe(some.find(*config::Ipv4Prefix::parse("172.17.0.0/16"))->action) == "to 10.0.13.3 out eth2");
}
