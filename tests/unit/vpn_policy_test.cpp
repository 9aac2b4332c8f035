// VRF policies: route-maps as IOS evaluates them (vpn/route_map_eval), the
// export map on what a VRF exports (vpn/vrf_export) and the import map on
// what it imports (vpn/vrf_rib), on small PE configs written for each case.
#include <doctest/doctest.h>

#include <algorithm>

#include "config/parser.hpp"
#include "vpn/label_allocator.hpp"
#include "vpn/route_map_eval.hpp"
#include "vpn/vrf_export.hpp"
#include "vpn/vrf_rib.hpp"

using namespace l3vpn;

namespace {

config::Config parse(const std::string& text) {
  auto parsed = config::parse_config(text, "pe.conf");
  for (const auto& e : parsed.errors) MESSAGE(e.to_string());
  REQUIRE(parsed.ok());
  return parsed.config;
}

constexpr std::uint32_t ip(std::uint32_t a, std::uint32_t b, std::uint32_t c, std::uint32_t d) {
  return a << 24 | b << 16 | c << 8 | d;
}

bgp::ExtendedCommunity rt(std::uint32_t asn, std::uint32_t n) { return bgp::ExtendedCommunity::route_target(0, asn, n); }

bgp::PathAttributes with_targets(std::vector<bgp::ExtendedCommunity> targets) {
  bgp::PathAttributes a;
  a.origin = bgp::Origin::Incomplete;
  a.as_path = std::vector<bgp::AsPathSegment>{};
  a.med = 0;
  a.extended_communities = std::move(targets);
  return a;
}

const vpn::ExportedRoute& exported(const std::vector<vpn::ExportedRoute>& routes, bgp::Prefix4 p) {
  auto it = std::find_if(routes.begin(), routes.end(), [&](const auto& r) { return r.prefix == p; });
  REQUIRE(it != routes.end());
  return *it;
}

// A spoke PE: VRF Spoke with three loopback networks, exporting 65000:1.
const std::string kSpoke =
    "hostname PE1\n"
    "ip vrf Spoke\n"
    " rd 65000:1\n"
    " route-target export 65000:1\n"
    " route-target import 65000:1\n"
    "interface Loopback0\n"
    " ip address 1.1.1.1 255.255.255.255\n"
    "interface Loopback1\n"
    " ip vrf forwarding Spoke\n"
    " ip address 10.1.1.1 255.255.255.0\n"
    "interface Loopback2\n"
    " ip vrf forwarding Spoke\n"
    " ip address 10.9.9.1 255.255.255.0\n"
    "interface Loopback3\n"
    " ip vrf forwarding Spoke\n"
    " ip address 10.9.10.1 255.255.255.0\n"
    "router bgp 65000\n"
    " neighbor 2.2.2.2 remote-as 65000\n"
    " neighbor 2.2.2.2 update-source Loopback0\n"
    " address-family vpnv4\n"
    "  neighbor 2.2.2.2 activate\n"
    "  neighbor 2.2.2.2 send-community extended\n"
    " exit-address-family\n"
    " address-family ipv4 vrf Spoke\n"
    "  redistribute connected\n"
    " exit-address-family\n";

}  // namespace

TEST_CASE("a prefix list decides by its first matching entry, ge/le widen the length, and denies at the end") {
  config::Config c = parse(
      "ip prefix-list PL seq 5 deny 10.9.9.0/24\n"
      "ip prefix-list PL seq 10 permit 10.0.0.0/8 ge 16 le 24\n"
      "ip prefix-list EXACT permit 10.1.0.0/16\n");
  const auto& pl = c.prefix_lists.at(0);
  CHECK_FALSE(vpn::prefix_list_permits(pl, {ip(10, 9, 9, 0), 24}));  // seq 5 decides before seq 10
  CHECK(vpn::prefix_list_permits(pl, {ip(10, 9, 10, 0), 24}));
  CHECK(vpn::prefix_list_permits(pl, {ip(10, 1, 0, 0), 16}));
  CHECK_FALSE(vpn::prefix_list_permits(pl, {ip(10, 0, 0, 0), 8}));      // shorter than ge 16
  CHECK_FALSE(vpn::prefix_list_permits(pl, {ip(10, 1, 1, 128), 25}));  // longer than le 24
  CHECK_FALSE(vpn::prefix_list_permits(pl, {ip(11, 1, 0, 0), 16}));    // implicit deny
  const auto& exact = c.prefix_lists.at(1);
  CHECK(vpn::prefix_list_permits(exact, {ip(10, 1, 0, 0), 16}));
  CHECK_FALSE(vpn::prefix_list_permits(exact, {ip(10, 1, 1, 0), 24}));  // no ge/le: the exact length only
}

TEST_CASE("an extcommunity-list entry matches a route carrying all of its route targets") {
  config::Config c = parse(
      "ip extcommunity-list 10 deny rt 65000:66\n"
      "ip extcommunity-list 10 permit rt 65000:1 rt 65000:2\n");
  const auto& list = c.extcommunity_lists.at(0);
  CHECK(vpn::extcommunity_list_permits(list, with_targets({rt(65000, 1), rt(65000, 2)})));
  CHECK_FALSE(vpn::extcommunity_list_permits(list, with_targets({rt(65000, 1)})));  // 65000:2 missing
  CHECK_FALSE(vpn::extcommunity_list_permits(list, with_targets({rt(65000, 66), rt(65000, 1), rt(65000, 2)})));
}

TEST_CASE("route-map: entries by seq, first match decides, sets only on permit, implicit deny at the end") {
  config::Config c = parse(
      "ip prefix-list HUB permit 10.9.9.0/24\n"
      "ip prefix-list LAB permit 10.1.0.0/16 le 24\n"
      "ip extcommunity-list 20 permit rt 65000:7\n"
      "route-map RM permit 30\n"
      " set metric 300\n"
      "route-map RM deny 10\n"
      " match ip address prefix-list LAB\n"
      " set metric 999\n"
      "route-map RM permit 20\n"
      " match ip address prefix-list HUB\n"
      " match extcommunity 20\n"
      " set extcommunity rt 65000:100\n"
      " set local-preference 250\n"
      "route-map ONLY permit 10\n"
      " match ip address prefix-list HUB\n");
  const config::RouteMap& rm = *vpn::find_route_map(c, "RM");

  SUBCASE("a deny entry matching first: denied, its set ignored") {
    bgp::PathAttributes a = with_targets({rt(65000, 1)});
    auto result = vpn::apply_route_map(c, rm, {ip(10, 1, 1, 0), 24}, a);
    CHECK_FALSE(result.permitted);
    CHECK(result.seq == 10u);
    CHECK(a.med == 0u);  // untouched
  }
  SUBCASE("both match clauses hold: seq 20 replaces the route targets and sets local preference") {
    bgp::PathAttributes a = with_targets({rt(65000, 1), rt(65000, 7)});
    auto result = vpn::apply_route_map(c, rm, {ip(10, 9, 9, 0), 24}, a);
    CHECK(result == vpn::PolicyResult{true, 20u, true});
    CHECK(a.extended_communities == std::vector{rt(65000, 100)});
    CHECK(a.local_pref == 250u);
  }
  SUBCASE("one clause of seq 20 fails (no RT 65000:7): falls to seq 30, which matches everything") {
    bgp::PathAttributes a = with_targets({rt(65000, 1)});
    auto result = vpn::apply_route_map(c, rm, {ip(10, 9, 9, 0), 24}, a);
    CHECK(result == vpn::PolicyResult{true, 30u, false});
    CHECK(a.med == 300u);
    CHECK(a.extended_communities == std::vector{rt(65000, 1)});
  }
  SUBCASE("no entry matches: the implicit deny") {
    bgp::PathAttributes a = with_targets({});
    auto result = vpn::apply_route_map(c, *vpn::find_route_map(c, "ONLY"), {ip(192, 168, 0, 0), 24}, a);
    CHECK(result == vpn::PolicyResult{false, std::nullopt, false});
  }
}

TEST_CASE("an export map with additive leaks only 10.9.9.0/24 to the hub; the other routes keep the VRF's targets") {
  config::Config c = parse(kSpoke +
                           "ip prefix-list TO-HUB permit 10.9.9.0/24\n"
                           "route-map SPOKE-OUT permit 10\n"
                           " match ip address prefix-list TO-HUB\n"
                           " set extcommunity rt 65000:100 additive\n"
                           "ip vrf Spoke\n"
                           " export map SPOKE-OUT\n");
  vpn::LabelAllocator labels;
  auto routes = vpn::vrf_exports(c, labels, l3vpn::core::TimePoint{});
  REQUIRE(routes.size() == 3);
  CHECK(exported(routes, {ip(10, 9, 9, 0), 24}).attributes.extended_communities ==
        std::vector{rt(65000, 1), rt(65000, 100)});
  // Not matched (the route-map's implicit deny): still exported, as IOS does, with RT 65000:1 only.
  CHECK(exported(routes, {ip(10, 9, 10, 0), 24}).attributes.extended_communities == std::vector{rt(65000, 1)});
  CHECK(exported(routes, {ip(10, 1, 1, 0), 24}).attributes.extended_communities == std::vector{rt(65000, 1)});
}

TEST_CASE("an export map without additive replaces the export targets, and sets the MED") {
  config::Config c = parse(kSpoke +
                           "ip prefix-list TO-HUB permit 10.9.0.0/16 le 24\n"
                           "route-map SPOKE-OUT deny 5\n"
                           " match ip address prefix-list NONE\n"
                           "ip prefix-list NONE permit 10.9.10.0/24\n"
                           "route-map SPOKE-OUT permit 10\n"
                           " match ip address prefix-list TO-HUB\n"
                           " set extcommunity rt 65000:100 65000:101\n"
                           " set metric 77\n"
                           "ip vrf Spoke\n"
                           " export map SPOKE-OUT\n");
  vpn::LabelAllocator labels;
  auto routes = vpn::vrf_exports(c, labels, l3vpn::core::TimePoint{});
  REQUIRE(routes.size() == 3);
  const auto& hub = exported(routes, {ip(10, 9, 9, 0), 24});
  CHECK(hub.attributes.extended_communities == std::vector{rt(65000, 100), rt(65000, 101)});
  CHECK(hub.attributes.med == 77u);
  // Denied by seq 5: exported unchanged, export target and MED 0.
  const auto& denied = exported(routes, {ip(10, 9, 10, 0), 24});
  CHECK(denied.attributes.extended_communities == std::vector{rt(65000, 1)});
  CHECK(denied.attributes.med == 0u);
}

TEST_CASE("a spoke's import map denies 10.1.0.0/16: the route stays out of that VRF, not out of the others") {
  config::Config c = parse(
      "ip vrf Spoke\n"
      " rd 65000:1\n"
      " route-target import 65000:100\n"
      " import map FROM-HUB\n"
      "ip vrf Audit\n"
      " rd 65000:2\n"
      " route-target import 65000:100\n"
      "ip prefix-list LAB permit 10.1.0.0/16\n"
      "route-map FROM-HUB deny 10\n"
      " match ip address prefix-list LAB\n"
      "route-map FROM-HUB permit 20\n"
      " set metric 5\n");
  auto hub_route = [](bgp::Prefix4 p) {
    vpn::VpnRoute r;
    r.rd = bgp::WireRouteDistinguisher{(std::uint64_t{65000} << 32) | 100};
    r.prefix = p;
    r.attributes = with_targets({rt(65000, 100)});
    r.next_hop = ip(3, 3, 3, 3);
    r.label = 30;
    return r;
  };
  std::vector<vpn::VpnRoute> known{hub_route({ip(10, 1, 0, 0), 16}), hub_route({ip(10, 2, 0, 0), 16})};
  auto tables = vpn::vrf_route_tables(c, known);
  const cli::RouteTableView* spoke = vpn::find_table(tables, "Spoke");
  const cli::RouteTableView* audit = vpn::find_table(tables, "Audit");
  REQUIRE(spoke != nullptr);
  REQUIRE(audit != nullptr);
  REQUIRE(spoke->routes.size() == 1);
  CHECK(spoke->routes[0].address == ip(10, 2, 0, 0));
  CHECK(spoke->routes[0].metric == 5u);  // the import map's set metric
  CHECK(audit->routes.size() == 2);       // no import map there
  CHECK_FALSE(vpn::import_into(c, *c.find_vrf("Spoke"), {ip(10, 1, 0, 0), 16}, known[0].attributes).has_value());
  CHECK(vpn::import_into(c, *c.find_vrf("Audit"), {ip(10, 1, 0, 0), 16}, known[0].attributes).has_value());
}
