// ECMP end to end in the simulator, on labs/ecmp-diamond: PE1 reaches PE2
// over P1 and over P2 at the same OSPF cost (README.md draws it). Checked on
// PE1's FIB as fill_node builds it for the simulator and the daemons:
//   - the global route to PE2's loopback has both next hops;
//   - the LFIB entry of PE2's FEC swaps to P1's label toward P1 or to P2's
//     label toward P2 (each neighbour's own label, from the LIB);
//   - VRF A's route to PE2's site pushes [P1's label, VPN label] or
//     [P2's label, VPN label], the same VPN label (PE2's) in both;
//   - the kernel translation makes one multipath IPv4 route with an MPLS
//     encap per next hop and one multipath MPLS route;
//   - packets of one flow keep one path, different flows use both, and the
//     pings of the lab's matrix all arrive.
// The labels are not written down: each is read from the router that
// allocated it (P1's, P2's and PE2's LIB or allocator), so the test checks
// that PE1 uses the right neighbour's label on each path.
#include <doctest/doctest.h>

#include <set>
#include <string>
#include <variant>
#include <vector>

#include "kernel/from_config.hpp"
#include "ldp/lib.hpp"
#include "sim/dataplane_fill.hpp"
#include "sim/packet_walk.hpp"
#include "sim_lab_fixture.hpp"

namespace sim = l3vpn::sim;
namespace kernel = l3vpn::kernel;
namespace ldp = l3vpn::ldp;
using l3vpn::config::Ipv4Address;
using l3vpn::config::Ipv4Prefix;

namespace {

Ipv4Address a(const char* text) { return *Ipv4Address::parse(text); }
Ipv4Prefix p(const char* text) { return *Ipv4Prefix::parse(text); }

const Ipv4Address kPe2Loopback = a("10.255.0.2");
const Ipv4Address kViaP1 = a("10.0.1.2");  // P1's end of PE1 eth1
const Ipv4Address kViaP2 = a("10.0.2.2");  // P2's end of PE1 eth2

sim_fixture::SimLab& diamond() { return sim_fixture::converged("ecmp-diamond"); }

const sim::Dataplane& dataplane() {
  static const sim::Dataplane built = sim::build_dataplane(diamond().lab);
  return built;
}

const sim::NodeFib& pe1() {
  const sim::NodeFib* node = dataplane().node("PE1");
  REQUIRE(node);
  return *node;
}

// The label `router` advertises for `loopback`'s /32 FEC (its local binding).
std::uint32_t ldp_label(const std::string& router, Ipv4Address loopback) {
  const auto& r = diamond().lab.router(router);
  REQUIRE(r.ldp);
  auto label = r.ldp->instance().lib().local_label(ldp::Fec::of(loopback.value));
  REQUIRE_MESSAGE(label, router << " has no label for " << loopback.to_string());
  return *label;
}

// PE2's VPN label for VRF A: its LFIB's pop-and-lookup-in-A entry.
std::uint32_t pe2_vpn_label() {
  const sim::NodeFib* pe2 = dataplane().node("PE2");
  REQUIRE(pe2);
  for (const auto& [label, entry] : pe2->lfib().entries())
    if (const auto* lookup = std::get_if<sim::PopAndLookup>(&entry.action); lookup && lookup->vrf == "A") return label;
  FAIL("PE2 has no VPN label for vrf A");
  return 0;
}

template <typename Path>
std::vector<Path> all_paths(const Path& first, const std::vector<Path>& more) {
  std::vector<Path> out{first};
  out.insert(out.end(), more.begin(), more.end());
  return out;
}

}  // namespace

TEST_CASE("ecmp diamond: OSPF gives PE1 two equal-cost next hops to PE2's loopback, and the FIB keeps both") {
  const sim::FibRoute* route = pe1().find_table("")->find(Ipv4Prefix{kPe2Loopback, 32});
  REQUIRE(route);
  REQUIRE(std::holds_alternative<sim::Via>(route->action));
  REQUIRE(route->path_count() == 2);
  std::vector<sim::RouteAction> paths{route->action};
  for (const auto& more : route->more_paths) paths.emplace_back(more);
  CHECK(paths[0] == sim::RouteAction{sim::Via{kViaP1, "eth1", {}}});
  CHECK(paths[1] == sim::RouteAction{sim::Via{kViaP2, "eth2", {}}});

  // show ip route lists both, as IOS does (the second on a continuation line).
  const std::string shown = diamond().run("PE1", "show ip route ospf");
  CHECK(shown.find("10.255.0.2/32 [110/3] via 10.0.1.2") != std::string::npos);
  CHECK(shown.find("[110/3] via 10.0.2.2") != std::string::npos);

  // show ip route A.B.C.D: a descriptor block per path, '*' on the first.
  const std::string entry = diamond().run("PE1", "show ip route 10.255.0.2");
  const auto first = entry.find("  * 10.0.1.2, from 10.0.1.2");
  const auto second = entry.find("\n    10.0.2.2, from 10.0.2.2");
  CHECK(first != std::string::npos);
  REQUIRE(second != std::string::npos);
  CHECK(first < second);
  CHECK(entry.find("via eth2\n      Route metric is 3, traffic share count is 1") != std::string::npos);
}

TEST_CASE("ecmp diamond: PE1's LFIB entry for PE2's FEC has a swap path per neighbour, with that neighbour's label") {
  const std::uint32_t in_label = ldp_label("PE1", kPe2Loopback);
  const sim::LfibEntry* entry = pe1().lfib().lookup(in_label);
  REQUIRE(entry);
  REQUIRE(entry->path_count() == 2);
  const auto paths = all_paths(entry->action, entry->more_paths);
  CHECK(paths[0] == sim::LabelAction{sim::Swap{ldp_label("P1", kPe2Loopback), kViaP1, "eth1"}});
  CHECK(paths[1] == sim::LabelAction{sim::Swap{ldp_label("P2", kPe2Loopback), kViaP2, "eth2"}});
  // The two P routers allocate from their own ranges: really two labels.
  CHECK(ldp_label("P1", kPe2Loopback) / 1000 == 2);
  CHECK(ldp_label("P2", kPe2Loopback) / 1000 == 3);
  CHECK(sim::describe_paths(*entry).starts_with("2 equal-cost paths: swap to "));

  // P1 is the penultimate hop toward PE2: one path, a pop (PE2 gave implicit null).
  const sim::LfibEntry* php = dataplane().node("P1")->lfib().lookup(ldp_label("P1", kPe2Loopback));
  REQUIRE(php);
  CHECK(php->path_count() == 1);
  CHECK(std::holds_alternative<sim::Pop>(php->action));
}

TEST_CASE("ecmp diamond: VRF A's route to PE2's site has two label stacks with the same VPN label") {
  const sim::RoutingTable* vrf = pe1().find_table("A");
  REQUIRE(vrf);
  const sim::FibRoute* route = vrf->find(p("10.10.2.1/32"));
  REQUIRE(route);
  REQUIRE(route->path_count() == 2);
  const std::uint32_t vpn = pe2_vpn_label();
  CHECK(vpn / 1000 == 4);  // PE2's range
  CHECK(std::get<sim::Via>(route->action) == sim::Via{kViaP1, "eth1", {ldp_label("P1", kPe2Loopback), vpn}});
  CHECK(route->more_paths.front() == sim::Via{kViaP2, "eth2", {ldp_label("P2", kPe2Loopback), vpn}});
  CHECK(route->why.find("VPN label " + std::to_string(vpn)) != std::string::npos);
}

TEST_CASE("ecmp diamond: the kernel gets one multipath route per ECMP entry") {
  const auto& config = diamond().lab.router("PE1").config;
  const kernel::KernelNames names;
  kernel::Translation t = kernel::desired_from_config(config, names);
  kernel::add_fib_routes(pe1(), names, t);
  CHECK(t.errors.empty());
  REQUIRE(t.state.vrfs.size() == 1);
  const std::uint32_t table = t.state.vrfs.front().table;
  const std::uint32_t vpn = pe2_vpn_label();
  const std::uint32_t p1 = ldp_label("P1", kPe2Loopback);
  const std::uint32_t p2 = ldp_label("P2", kPe2Loopback);

  const kernel::Ipv4Route* vpn_route = nullptr;
  const kernel::Ipv4Route* loopback = nullptr;
  for (const auto& r : t.state.routes) {
    if (r.table == table && r.prefix == p("10.10.2.1/32")) vpn_route = &r;
    if (r.table == kernel::kMainTable && r.prefix == Ipv4Prefix{kPe2Loopback, 32}) loopback = &r;
  }
  REQUIRE(vpn_route);
  CHECK(vpn_route->next_hops == std::vector<kernel::NextHop>{{kViaP1, "eth1", {p1, vpn}}, {kViaP2, "eth2", {p2, vpn}}});
  REQUIRE(loopback);
  CHECK(loopback->next_hops.size() == 2);

  const std::uint32_t in_label = ldp_label("PE1", kPe2Loopback);
  const kernel::MplsRoute* lfib = nullptr;
  for (const auto& r : t.state.mpls_routes)
    if (r.in_label == in_label) lfib = &r;
  REQUIRE(lfib);
  CHECK(lfib->paths() == std::vector<kernel::MplsNextHop>{{{p1}, kViaP1, "eth1"}, {{p2}, kViaP2, "eth2"}});
}

TEST_CASE("ecmp diamond: one flow keeps one path, flows spread over both, and the matrix holds") {
  const sim::FibRoute* route = pe1().find_table("A")->find(p("10.10.2.1/32"));
  REQUIRE(route);
  const Ipv4Address destination = a("10.10.2.1");
  std::set<std::string> used;
  for (std::uint32_t host = 1; host <= 32; ++host) {
    const Ipv4Address source{a("10.10.1.0").value + host};
    const std::uint32_t flow = sim::flow_hash(source, destination);
    CHECK(flow == sim::flow_hash(source, destination));  // deterministic
    used.insert(std::get<sim::Via>(route->path_for(flow)).interface);
  }
  CHECK(used == std::set<std::string>{"eth1", "eth2"});

  const sim::Endpoint a1{"PE1", "A", a("10.10.1.1")};
  const sim::Endpoint a2{"PE2", "A", a("10.10.2.1")};
  for (const auto& [from, to] : {std::pair{a1, a2}, std::pair{a2, a1}}) {
    const sim::PingResult result = sim::ping(dataplane(), from, to);
    INFO(from.node << " -> " << to.node);
    REQUIRE(result.ok());
    // The first hop says which of the two paths this flow took.
    CHECK(result.echo.steps.front().action.find("(one of 2 equal-cost paths)") != std::string::npos);
  }
}

TEST_CASE("ecmp diamond: without the LIB (no peer labels) a FEC keeps LDP's one path") {
  const sim::SimRouter& router = diamond().lab.router("PE1");
  sim::NodeFib node = sim::node_from_config("PE1", router.config);
  sim::RouterFibInputs inputs{
      .config = router.config,
      .ospf_routes = router.ospf_routes(),
      .global_bgp = {},
      .known = {},
      .vrf_igp = {},
      .resolver = router.resolver,
      .ldp_lfib = &router.ldp->lfib(),
      .ldp_lib = nullptr,
      .labels = router.labels,
      .exported = router.exported,
  };
  sim::fill_node(node, inputs);
  const sim::LfibEntry* entry = node.lfib().lookup(ldp_label("PE1", kPe2Loopback));
  REQUIRE(entry);
  CHECK(entry->path_count() == 1);
  // The IGP route itself keeps both next hops: OSPF gives them.
  CHECK(node.find_table("")->find(Ipv4Prefix{kPe2Loopback, 32})->path_count() == 2);
}
