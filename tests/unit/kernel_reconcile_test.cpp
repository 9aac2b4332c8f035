// Planning the kernel FIB: what plan_reconcile asks of a kernel holding
// nothing, the same state, stale and foreign routes, a changed VRF, no MPLS;
// and what plan_cleanup removes. Pure: states are written by hand as the
// netlink reader would return them.
#include <doctest/doctest.h>

#include <algorithm>

#include "kernel/reconcile.hpp"

namespace {

using namespace l3vpn::kernel;

Ipv4Address a(const char* text) { return *Ipv4Address::parse(text); }
Ipv4Prefix p(const char* text) { return *Ipv4Prefix::parse(text); }

Ipv4Route vpn_route(const char* prefix, std::vector<MplsLabel> labels) {
  Ipv4Route r;
  r.table = 1001;
  r.prefix = p(prefix);
  r.next_hops = {{a("192.168.13.1"), "eth1", std::move(labels)}};
  return r;
}

// PE R3 of the seed lab: VRF Technique (table 1001) on eth2, Loopback10 as a
// dummy in it, eth1 toward the P router with MPLS.
DesiredState pe() {
  DesiredState d;
  d.vrfs = {{"Technique", 1001}};
  d.dummies = {{"loop10", "Technique"}};
  d.enslavements = {{"eth2", "Technique"}};
  d.addresses = {{"loop10", p("10.10.10.1/32")}, {"eth1", p("192.168.13.3/24")}};
  d.routes = {vpn_route("10.10.10.254/32", {17, 20})};
  d.mpls_routes = {{21, {}, std::nullopt, "Technique", kRouteProtocol}};
  d.platform_labels = 100001;
  d.mpls_input_interfaces = {"eth1"};
  return d;
}

// A kernel with the physical interfaces only (eth0 is management).
ActualState bare_kernel() {
  ActualState k;
  k.links = {{"lo", "", 0, "", "", true}, {"eth0", "", 0, "", "", true},
             {"eth1", "veth", 0, "", "", true}, {"eth2", "veth", 0, "", "", true}};
  k.addresses = {{"eth0", p("172.16.0.5/24")}};
  k.routes = {{kMainTable, p("0.0.0.0/0"), 0, RouteType::Unicast, {{a("172.16.0.1"), "eth0", {}}}, {}, 3}};
  k.mpls_available = true;
  k.platform_labels = 0;
  return k;
}

// The kernel after `pe()` was applied to `bare_kernel()`.
ActualState programmed_kernel() {
  ActualState k = bare_kernel();
  k.links.push_back({"Technique", "vrf", 1001, "", kManagedAlias, true});
  k.links.push_back({"loop10", "dummy", 0, "Technique", kManagedAlias, true});
  k.links[3].master = "Technique";
  k.addresses.push_back({"loop10", p("10.10.10.1/32")});
  k.addresses.push_back({"eth1", p("192.168.13.3/24")});
  k.routes.push_back(vpn_route("10.10.10.254/32", {17, 20}));
  k.mpls_routes = {{21, {}, std::nullopt, "Technique", kRouteProtocol}};
  k.platform_labels = 100001;
  k.mpls_input_interfaces = {"eth1"};
  return k;
}

template <typename Op>
std::ptrdiff_t first_index(const Plan& plan) {
  auto it = std::find_if(plan.operations.begin(), plan.operations.end(),
                         [](const Operation& o) { return std::holds_alternative<Op>(o); });
  return it == plan.operations.end() ? -1 : it - plan.operations.begin();
}

template <typename Op>
std::vector<Op> all_of_kind(const Plan& plan) {
  std::vector<Op> out;
  for (const auto& o : plan.operations) {
    if (const auto* op = std::get_if<Op>(&o)) out.push_back(*op);
  }
  return out;
}

bool has(const Plan& plan, const Operation& op) {
  return std::find(plan.operations.begin(), plan.operations.end(), op) != plan.operations.end();
}

}  // namespace

TEST_CASE("kernel reconcile: a bare kernel gets devices, then masters, addresses, sysctls, routes, label routes") {
  const Plan plan = plan_reconcile(pe(), bare_kernel());
  CHECK(plan.problems.empty());
  CHECK(has(plan, CreateVrf{{"Technique", 1001}}));
  CHECK(has(plan, CreateDummy{"loop10"}));
  CHECK(has(plan, SetUp{"Technique"}));
  CHECK(has(plan, SetMaster{"eth2", "Technique"}));
  CHECK(has(plan, SetMaster{"loop10", "Technique"}));
  CHECK(has(plan, AddAddress{{"loop10", p("10.10.10.1/32")}}));
  CHECK(has(plan, WriteSysctl{"net/mpls/platform_labels", "100001"}));
  CHECK(has(plan, WriteSysctl{"net/mpls/conf/eth1/input", "1"}));
  CHECK(has(plan, ReplaceRoute{vpn_route("10.10.10.254/32", {17, 20})}));
  CHECK(has(plan, ReplaceMplsRoute{{21, {}, std::nullopt, "Technique", kRouteProtocol}}));
  // The order the kernel needs: a VRF before its slaves, the dummy before its
  // address, platform_labels before any label route.
  CHECK(first_index<CreateDummy>(plan) < first_index<SetMaster>(plan));
  CHECK(first_index<SetMaster>(plan) < first_index<AddAddress>(plan));
  CHECK(first_index<AddAddress>(plan) < first_index<WriteSysctl>(plan));
  CHECK(first_index<WriteSysctl>(plan) < first_index<ReplaceRoute>(plan));
  CHECK(first_index<ReplaceRoute>(plan) < first_index<ReplaceMplsRoute>(plan));
  // Someone else's default route and the management address are not touched.
  CHECK(all_of_kind<DeleteRoute>(plan).empty());
  CHECK(all_of_kind<DeleteAddress>(plan).empty());
}

TEST_CASE("kernel reconcile: a kernel already programmed needs nothing") {
  const Plan plan = plan_reconcile(pe(), programmed_kernel());
  CHECK(plan.problems.empty());
  CHECK(plan.empty());
}

TEST_CASE("kernel reconcile: ECMP next hops read back in another order are the same route") {
  DesiredState d = pe();
  d.routes.front().next_hops.push_back({a("192.168.14.1"), "eth3", {18, 20}});
  ActualState k = programmed_kernel();
  k.routes.back().next_hops.insert(k.routes.back().next_hops.begin(), {a("192.168.14.1"), "eth3", {18, 20}});
  CHECK(plan_reconcile(d, k).empty());
}

TEST_CASE("kernel reconcile: a changed VPN label replaces the route, a withdrawn one is deleted") {
  DesiredState d = pe();
  d.routes = {vpn_route("10.10.10.254/32", {17, 25})};
  Plan plan = plan_reconcile(d, programmed_kernel());
  CHECK(plan.operations == std::vector<Operation>{ReplaceRoute{vpn_route("10.10.10.254/32", {17, 25})}});

  d.routes.clear();
  plan = plan_reconcile(d, programmed_kernel());
  CHECK(plan.operations == std::vector<Operation>{DeleteRoute{vpn_route("10.10.10.254/32", {17, 20})}});
}

TEST_CASE("kernel reconcile: stale routes of ours go, everyone else's stay, missing ones come") {
  ActualState k = programmed_kernel();
  k.routes.push_back(vpn_route("10.99.0.0/16", {17, 30}));  // ours from a previous run
  Ipv4Route theirs = vpn_route("10.50.0.0/16", {});
  theirs.protocol = 186;  // FRR's bgpd
  k.routes.push_back(theirs);
  DesiredState d = pe();
  d.routes.push_back(vpn_route("10.20.0.0/16", {17, 22}));

  const Plan plan = plan_reconcile(d, k);
  CHECK(plan.problems.empty());
  CHECK(plan.operations == std::vector<Operation>{ReplaceRoute{vpn_route("10.20.0.0/16", {17, 22})},
                                                  DeleteRoute{vpn_route("10.99.0.0/16", {17, 30})}});
}

TEST_CASE("kernel reconcile: a route whose key someone else holds is reported, not replaced") {
  ActualState k = programmed_kernel();
  Ipv4Route theirs = vpn_route("10.20.0.0/16", {});
  theirs.protocol = 4;  // ip route add ... proto static
  k.routes.push_back(theirs);
  DesiredState d = pe();
  d.routes.push_back(vpn_route("10.20.0.0/16", {17, 22}));
  Ipv4Route other_metric = vpn_route("10.20.0.0/16", {17, 22});
  other_metric.metric = 20;  // another key: may sit beside theirs
  d.routes.push_back(other_metric);

  const Plan plan = plan_reconcile(d, k);
  REQUIRE(plan.problems.size() == 1);
  CHECK(plan.problems.front().kind == PlanProblem::Kind::ForeignRouteHoldsKey);
  CHECK(plan.problems.front().detail.find("protocol 4") != std::string::npos);
  CHECK(plan.operations == std::vector<Operation>{ReplaceRoute{other_metric}});
}

TEST_CASE("kernel reconcile: a VRF of ours with another table is made again and its slaves re-enslaved") {
  DesiredState d = pe();
  d.vrfs.front().table = 1005;
  const Plan plan = plan_reconcile(d, programmed_kernel());
  const auto start = first_index<DeleteLink>(plan);
  REQUIRE(start == 0);
  CHECK(plan.operations[1] == Operation{CreateVrf{{"Technique", 1005}}});
  CHECK(has(plan, SetMaster{"eth2", "Technique"}));
  CHECK(has(plan, SetMaster{"loop10", "Technique"}));
}

TEST_CASE("kernel reconcile: a device with our VRF's name that is not ours is reported and left alone") {
  ActualState k = bare_kernel();
  k.links.push_back({"Technique", "bridge", 0, "", "", true});
  const Plan plan = plan_reconcile(pe(), k);
  REQUIRE(plan.problems.size() == 1);
  CHECK(plan.problems.front().kind == PlanProblem::Kind::ForeignDeviceName);
  CHECK(all_of_kind<DeleteLink>(plan).empty());
  CHECK(all_of_kind<CreateVrf>(plan).empty());
}

TEST_CASE("kernel reconcile: without MPLS in the kernel the IPv4 part is still planned") {
  ActualState k = bare_kernel();
  k.mpls_available = false;
  k.platform_labels.reset();
  const Plan plan = plan_reconcile(pe(), k);
  REQUIRE(plan.problems.size() == 1);
  CHECK(plan.problems.front().kind == PlanProblem::Kind::MplsUnavailable);
  CHECK(all_of_kind<WriteSysctl>(plan).empty());
  CHECK(all_of_kind<ReplaceMplsRoute>(plan).empty());
  CHECK(all_of_kind<ReplaceRoute>(plan).size() == 1);
}

TEST_CASE("kernel reconcile: label routes outside platform_labels or with implicit null out are refused") {
  DesiredState d = pe();
  d.platform_labels = 1000;
  d.mpls_routes.push_back({1000, {17}, a("192.168.13.1"), "eth1", kRouteProtocol});
  d.mpls_routes.push_back({500, {3}, a("192.168.13.1"), "eth1", kRouteProtocol});
  const Plan plan = plan_reconcile(d, programmed_kernel());
  REQUIRE(plan.problems.size() == 2);
  CHECK(plan.problems[0].kind == PlanProblem::Kind::LabelOutOfRange);
  CHECK(plan.problems[1].kind == PlanProblem::Kind::LabelOutOfRange);
  CHECK(all_of_kind<ReplaceMplsRoute>(plan).empty());
}

TEST_CASE("kernel reconcile: a swap whose out label changes is replaced; a foreign label route is kept") {
  ActualState k = programmed_kernel();
  k.mpls_routes.push_back({16, {17}, a("192.168.13.1"), "eth1", kRouteProtocol});
  k.mpls_routes.push_back({40, {}, a("192.168.13.1"), "eth1", 193});  // FRR ldpd
  DesiredState d = pe();
  d.mpls_routes.push_back({16, {18}, a("192.168.13.1"), "eth1", kRouteProtocol});
  const Plan plan = plan_reconcile(d, k);
  CHECK(plan.operations ==
        std::vector<Operation>{ReplaceMplsRoute{{16, {18}, a("192.168.13.1"), "eth1", kRouteProtocol}}});
}

TEST_CASE("kernel reconcile: addresses and devices the config dropped go; unowned interfaces keep theirs") {
  ActualState k = programmed_kernel();
  k.addresses.push_back({"eth1", p("192.168.99.3/24")});  // no longer configured on eth1
  k.links.push_back({"loop20", "dummy", 0, "Technique", kManagedAlias, true});  // Loopback20 removed
  k.links.push_back({"eth5", "veth", 0, "Technique", "", true});  // left in our VRF
  const Plan plan = plan_reconcile(pe(), k);
  CHECK(has(plan, DeleteAddress{{"eth1", p("192.168.99.3/24")}}));
  CHECK(!has(plan, DeleteAddress{{"eth0", p("172.16.0.5/24")}}));
  CHECK(has(plan, SetMaster{"eth5", ""}));
  CHECK(!has(plan, SetMaster{"loop20", ""}));  // deleted anyway
  CHECK(plan.operations.back() == Operation{DeleteLink{"loop20"}});
}

TEST_CASE("kernel cleanup: our label routes, then our routes, then our devices; nothing else") {
  ActualState k = programmed_kernel();
  Ipv4Route theirs = vpn_route("10.50.0.0/16", {});
  theirs.protocol = 186;
  k.routes.push_back(theirs);
  k.links.push_back({"blue", "vrf", 2000, "", "", true});  // an operator's VRF
  const Plan plan = plan_cleanup(k);
  CHECK(plan.operations == std::vector<Operation>{
                               DeleteMplsRoute{{21, {}, std::nullopt, "Technique", kRouteProtocol}},
                               DeleteRoute{vpn_route("10.10.10.254/32", {17, 20})},
                               DeleteLink{"Technique"}, DeleteLink{"loop10"}});
}

TEST_CASE("kernel reconcile: operations describe themselves as ip commands would") {
  CHECK(describe(Operation{ReplaceRoute{vpn_route("10.10.10.254/32", {17, 20})}}) ==
        "replace route table 1001 10.10.10.254/32 encap mpls 17/20 via 192.168.13.1 dev eth1");
  CHECK(describe(Operation{ReplaceMplsRoute{{16, {17}, a("192.168.13.1"), "eth1", kRouteProtocol}}}) ==
        "replace mpls 16 as 17 via inet 192.168.13.1 dev eth1");
  CHECK(describe(Operation{SetMaster{"eth2", ""}}) == "set eth2 nomaster");
}

TEST_CASE("kernel reconcile: 'shutdown' holds an interface down, admin_up brings one up, a router forwards") {
  DesiredState d = pe();
  d.admin_down = {"eth2"};
  d.admin_up = {"eth1", "eth9"};  // eth9 does not exist: nothing is created for it
  d.ip_forward = true;
  ActualState k = programmed_kernel();
  k.links[2].up = false;  // eth1, e.g. after an operator's `ip link set eth1 down`
  k.ip_forward = false;
  const Plan plan = plan_reconcile(d, k);
  CHECK(plan.problems.empty());
  CHECK(all_of_kind<SetDown>(plan) == std::vector<SetDown>{{"eth2"}});
  CHECK(all_of_kind<SetUp>(plan) == std::vector<SetUp>{{"eth1"}});
  CHECK(has(plan, WriteSysctl{"net/ipv4/ip_forward", "1"}));

  SUBCASE("once done, nothing more") {
    k.links[2].up = true;
    k.links[3].up = false;
    k.ip_forward = true;
    CHECK(plan_reconcile(d, k).empty());
  }
  SUBCASE("an interface both shut and asked up stays down") {
    d.admin_up.push_back("eth2");
    CHECK(all_of_kind<SetUp>(plan_reconcile(d, k)) == std::vector<SetUp>{{"eth1"}});
  }
  SUBCASE("without admin_up (a daemon's periodic sync) a downed interface is left down") {
    d.admin_up.clear();
    CHECK(all_of_kind<SetUp>(plan_reconcile(d, k)).empty());
  }
}
