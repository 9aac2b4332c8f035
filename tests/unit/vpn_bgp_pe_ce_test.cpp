// PE-CE BGP, the pure part (vpn/vrf_bgp_ce.hpp): the VRF speaker's
// configuration from `address-family ipv4 vrf`, the CE-learned routes in the
// VRF export, what a PE announces to its CEs, a CE's `network`s, and the
// `ce` role accepting IPv4 unicast BGP but not VPNv4.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "config/parser.hpp"
#include "config_fixtures.hpp"
#include "vpn/vrf_bgp_ce.hpp"

namespace vpn = l3vpn::vpn;
namespace bgp = l3vpn::bgp;
namespace config = l3vpn::config;
using config_fixtures::lab_config;
using config_fixtures::parse_ok;

namespace {

constexpr std::uint32_t ip(std::uint32_t a, std::uint32_t b, std::uint32_t c, std::uint32_t d) {
  return a << 24 | b << 16 | c << 8 | d;
}

vpn::CeBgpRoute from_ce1(std::uint32_t prefix, std::uint8_t length, std::uint32_t med) {
  vpn::CeBgpRoute r;
  r.prefix = bgp::Prefix4{prefix, length};
  r.attributes.origin = bgp::Origin::Igp;
  r.attributes.as_path = std::vector<bgp::AsPathSegment>{{bgp::AsPathSegment::Sequence, {65101}}};
  r.attributes.med = med;
  r.next_hop = ip(192, 168, 1, 2);
  return r;
}

}  // namespace

TEST_CASE("PE-CE BGP: a VRF speaker per VRF with CE neighbors, the PE's AS and router ID, next hop self on the PE-CE link") {
  const config::Config pe1 = lab_config("bgp-pe-ce/PE1.conf");
  const std::vector<vpn::VrfBgpInstance> instances = vpn::vrf_bgp_instances(pe1);
  REQUIRE(instances.size() == 1);  // OTHER has no CE neighbor: no speaker
  const vpn::VrfBgpInstance& cust = instances.front();
  CHECK(cust.vrf == "CUST");
  CHECK(cust.instance.asn == 65000u);
  CHECK(cust.instance.router_id == ip(10, 255, 0, 11));
  REQUIRE(cust.instance.peers.size() == 1);
  const bgp::PeerConfig& ce1 = cust.instance.peers.front();
  CHECK(ce1.address == ip(192, 168, 1, 2));
  CHECK(ce1.remote_as == 65101u);
  CHECK(ce1.vrf.empty());  // an ordinary peer of its own speaker
  CHECK(ce1.local_address == ip(192, 168, 1, 1));  // eth2, in CUST
  CHECK(ce1.families == std::vector<bgp::AfiSafi>{bgp::kIpv4Unicast});
  CHECK(cust.instance.ebgp(ce1));
  // Its next hops resolve over CUST's connected networks, not the global table's.
  const auto resolver = vpn::vrf_next_hop_resolver(pe1, "CUST");
  CHECK(resolver.resolve(ip(192, 168, 1, 2)).has_value());
  CHECK_FALSE(resolver.resolve(ip(10, 0, 1, 1)).has_value());
}

TEST_CASE("PE-CE BGP: a CE's eBGP session to its PE is sourced from the facing interface") {
  const auto ce1 = bgp::bgp_instance_config(lab_config("bgp-pe-ce/CE1.conf"));
  REQUIRE(ce1.has_value());
  REQUIRE(ce1->peers.size() == 1);
  CHECK(ce1->peers.front().local_address == ip(192, 168, 1, 2));
  CHECK(ce1->peers.front().families == std::vector<bgp::AfiSafi>{bgp::kIpv4Unicast});
  // iBGP over loopbacks keeps needing update-source: nothing is guessed for it.
  const auto pe1 = bgp::bgp_instance_config(lab_config("bgp-pe-ce/PE1.conf"));
  REQUIRE(pe1.has_value());
  for (const auto& p : pe1->peers)
    if (!pe1->ebgp(p)) CHECK(p.local_address == ip(10, 255, 0, 11));  // its update-source Loopback0
}

TEST_CASE("PE-CE BGP: CE-learned routes are exported without a redistribute line, AS path and MED kept") {
  const config::Config pe1 = lab_config("bgp-pe-ce/PE1.conf");
  vpn::LabelAllocator labels(1000, 1999);
  vpn::VrfCeBgpRoutes ce;
  ce["CUST"] = {from_ce1(ip(172, 16, 1, 1), 32, 7)};
  const auto exports = vpn::vrf_exports(pe1, labels, {}, {}, ce);
  auto it = std::find_if(exports.begin(), exports.end(),
                         [](const auto& e) { return e.prefix == bgp::Prefix4{ip(172, 16, 1, 1), 32}; });
  REQUIRE(it != exports.end());
  CHECK(it->vrf == "CUST");
  CHECK(it->source == "bgp");
  CHECK(it->attributes.med == 7u);
  CHECK(it->attributes.origin == bgp::Origin::Igp);
  REQUIRE(it->attributes.as_path.has_value());
  CHECK(it->attributes.as_path->front().asns == std::vector<std::uint32_t>{65101});
  CHECK(std::find(it->attributes.extended_communities.begin(), it->attributes.extended_communities.end(),
                  bgp::ExtendedCommunity::route_target(0, 65000, 100)) != it->attributes.extended_communities.end());
  // Without CE routes, no such export: it came from the CE alone.
  vpn::LabelAllocator fresh(1000, 1999);
  const auto none = vpn::vrf_exports(pe1, fresh, {});
  CHECK(std::none_of(none.begin(), none.end(), [](const auto& e) { return e.source == "bgp"; }));
}

TEST_CASE("PE-CE BGP: per-CE labels: a CE's routes get the CE's own label") {
  config::Config pe1 = lab_config("bgp-pe-ce/PE1.conf");
  pe1.mpls.label_mode_all_vrfs = config::VpnLabelMode::PerCe;
  vpn::LabelAllocator labels(1000, 1999);
  vpn::VrfCeBgpRoutes ce;
  ce["CUST"] = {from_ce1(ip(172, 16, 1, 1), 32, 0)};
  const auto exports = vpn::vrf_exports(pe1, labels, {}, {}, ce);
  for (const auto& e : exports) {
    if (e.vrf != "CUST") continue;
    if (e.source == "bgp") CHECK(e.label_owner == "vrf:CUST:ce:192.168.1.2");
    else CHECK(e.label_owner == "vrf:CUST");  // the connected PE-CE subnet
  }
}

TEST_CASE("PE-CE BGP: a PE announces to its CEs its own VRF routes and the VPN routes that won, never the CEs' own") {
  const config::Config pe1 = lab_config("bgp-pe-ce/PE1.conf");
  vpn::LabelAllocator labels(1000, 1999);
  vpn::VrfCeBgpRoutes ce;
  ce["CUST"] = {from_ce1(ip(172, 16, 1, 1), 32, 0)};
  const auto exports = vpn::vrf_exports(pe1, labels, {}, {}, ce);
  // CE2's loopback from PE2: AS path 65102, RT 65000:100.
  vpn::VpnRoute remote;
  remote.rd = bgp::WireRouteDistinguisher{(std::uint64_t{65000} << 32) | 2};
  remote.prefix = bgp::Prefix4{ip(172, 16, 2, 1), 32};
  remote.attributes.origin = bgp::Origin::Igp;
  remote.attributes.as_path = std::vector<bgp::AsPathSegment>{{bgp::AsPathSegment::Sequence, {65102}}};
  remote.attributes.med = 0;
  remote.attributes.local_pref = 100;
  remote.attributes.extended_communities = {bgp::ExtendedCommunity::route_target(0, 65000, 100)};
  remote.next_hop = ip(10, 255, 0, 12);
  const std::vector<vpn::VpnRoute> known = {remote};
  vpn::VrfIgpRoutes igp;
  igp["CUST"] = vpn::bgp_route_views(ce["CUST"]);
  const auto tables = vpn::vrf_route_tables(pe1, known, {}, igp);
  const auto* table = vpn::find_table(tables, "CUST");
  REQUIRE(table != nullptr);
  const auto sent = vpn::ce_advertisements(pe1, "CUST", exports, known, *table);
  // The connected PE-CE subnet (redistribute connected) and CE2's loopback;
  // not CE1's own loopback: the VRF speaker has it from CE1 already.
  REQUIRE(sent.size() == 2);
  CHECK(sent[0].prefix == bgp::Prefix4{ip(172, 16, 2, 1), 32});
  REQUIRE(sent[0].attributes.as_path.has_value());
  CHECK(sent[0].attributes.as_path->front().asns == std::vector<std::uint32_t>{65102});
  CHECK(sent[0].attributes.extended_communities.empty());  // no route targets to a CE
  CHECK_FALSE(sent[0].attributes.local_pref.has_value());
  CHECK(sent[1].prefix == bgp::Prefix4{ip(192, 168, 1, 0), 24});
  CHECK(sent[1].attributes.origin == bgp::Origin::Incomplete);
}

TEST_CASE("PE-CE BGP: a CE announces the `network`s it has a route for") {
  const config::Config ce = parse_ok(
      "interface Loopback0\n ip address 172.16.1.1 255.255.255.255\n"
      "router bgp 65101\n neighbor 192.168.1.1 remote-as 65000\n"
      " address-family ipv4\n  network 172.16.1.1 mask 255.255.255.255\n"
      "  network 172.16.9.0 mask 255.255.255.0\n exit-address-family\n");
  const auto sent = vpn::global_network_advertisements(ce);
  REQUIRE(sent.size() == 1);  // 172.16.9.0/24 is in no table: IOS does not announce it
  CHECK(sent[0].prefix == bgp::Prefix4{ip(172, 16, 1, 1), 32});
  CHECK(sent[0].attributes.origin == bgp::Origin::Igp);
  CHECK(sent[0].attributes.med == 0u);
}

TEST_CASE("PE-CE BGP: role ce accepts IPv4 unicast BGP, refuses VPNv4 and VRFs") {
  CHECK(config::check_role(lab_config("bgp-pe-ce/CE1.conf"), config::Role::CustomerEdge).empty());
  const config::Config vpnv4 = parse_ok(
      "router bgp 65101\n neighbor 192.168.1.1 remote-as 65000\n address-family vpnv4\n"
      "  neighbor 192.168.1.1 activate\n exit-address-family\n");
  const auto errors = config::check_role(vpnv4, config::Role::CustomerEdge);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].message.find("'address-family vpnv4' cannot be configured on a CE router") != std::string::npos);
  const config::Config vrf = parse_ok("ip vrf A\n rd 1:1\n");
  CHECK(config::check_role(vrf, config::Role::CustomerEdge).size() == 1);
}
