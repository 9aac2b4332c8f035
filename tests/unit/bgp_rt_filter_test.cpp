// The PE's default route-target filter (vpn/route_target_filter) on two BGP
// speakers over the in-process network: PE1 has VRF A, PE2 (no VRFs, so no
// filter) originates VPNv4 routes with several route targets.
#include <doctest/doctest.h>

#include "config_fixtures.hpp"
#include "bgp/speaker/speaker.hpp"
#include "config/parser.hpp"
#include "sim/bgp_lab.hpp"
#include "vpn/route_target_filter.hpp"

using namespace l3vpn;
using namespace std::chrono_literals;

namespace {

constexpr auto parse = config_fixtures::parse_ok;

std::string pe(const std::string& name, const std::string& self, const std::string& peer, const std::string& vrfs) {
  return "hostname " + name + "\n" + vrfs +
         "interface Loopback0\n"
         " ip address " + self + " 255.255.255.255\n"
         "router bgp 65000\n"
         " bgp router-id " + self + "\n"
         " no bgp default ipv4-unicast\n"
         " neighbor " + peer + " remote-as 65000\n"
         " neighbor " + peer + " update-source Loopback0\n"
         " address-family vpnv4\n"
         "  neighbor " + peer + " activate\n"
         "  neighbor " + peer + " send-community extended\n"
         " exit-address-family\n";
}

const std::string kVrfImporting1 =
    "ip vrf A\n"
    " rd 65000:1\n"
    " route-target export 65000:1\n"
    " route-target import 65000:1\n";

bgp::rib::RouteKey key(std::uint32_t rd_number, std::uint32_t address) {
  return bgp::rib::RouteKey::vpnv4(bgp::WireRouteDistinguisher{(std::uint64_t{65000} << 32) | rd_number},
                                   bgp::Prefix4{address, 24});
}

bgp::PathAttributes carrying(std::uint32_t rt) {
  bgp::PathAttributes a;
  a.origin = bgp::Origin::Incomplete;
  a.as_path = std::vector<bgp::AsPathSegment>{};
  a.med = 0;
  a.extended_communities = {bgp::ExtendedCommunity::route_target(0, 65000, rt)};
  return a;
}

struct TwoPes {
  TwoPes() {
    pe1_config = parse(pe("PE1", "1.1.1.1", "2.2.2.2", kVrfImporting1));
    REQUIRE(lab.add_router("PE1", pe1_config));
    REQUIRE(lab.add_router("PE2", parse(pe("PE2", "2.2.2.2", "1.1.1.1", ""))));
    filter = vpn::RouteTargetFilter::for_config(pe1_config);
    REQUIRE(filter.has_value());
    vpn::apply_route_target_filter(pe1(), std::nullopt, filter);
    lab.start();
    lab.network.advance(30s);
    REQUIRE(lab.converged());
  }
  bgp::Speaker& pe1() { return *lab.router("PE1").speaker; }
  bgp::Speaker& pe2() { return *lab.router("PE2").speaker; }
  bool pe1_has(const bgp::rib::RouteKey& k) { return pe1().rib(bgp::kVpnv4Unicast)->loc_rib().find(k) != nullptr; }

  bgp::rib::EveryNextHopReachable reachable;
  core::Logger log{"rt-filter", core::LogLevel::Error};
  sim::BgpLab lab{reachable, log};
  config::Config pe1_config;
  std::optional<vpn::RouteTargetFilter> filter;
};

}  // namespace

TEST_CASE("a PE without a VRF importing 65000:99 does not keep 65000:99 routes; adding the import RT "
          "triggers ROUTE-REFRESH and the route arrives") {
  TwoPes lab;
  const auto wanted = key(1, 0x0A010100);   // 10.1.1.0/24 with RT 65000:1
  const auto foreign = key(99, 0x0A636300);  // 10.99.99.0/24 with RT 65000:99
  lab.pe2().originate(bgp::kVpnv4Unicast, wanted, carrying(1), bgp::rib::Label{100});
  lab.pe2().originate(bgp::kVpnv4Unicast, foreign, carrying(99), bgp::rib::Label{101});
  lab.lab.network.advance(1s);

  CHECK(lab.pe1_has(wanted));
  CHECK_FALSE(lab.pe1_has(foreign));  // not in the BGP table at all
  const bgp::SpeakerPeer* from_pe2 = lab.pe1().find_peer(0x02020202);
  REQUIRE(from_pe2 != nullptr);
  CHECK(from_pe2->inbound_filtered == 1);
  CHECK(from_pe2->prefixes_received == 1);
  const std::uint64_t refreshes_before = from_pe2->session->counters().route_refresh_sent;

  // A reload: VRF A now imports 65000:99 too.
  config::Config reloaded = lab.pe1_config;
  reloaded.vrfs[0].import_targets.push_back(*config::RouteTarget::parse("65000:99"));
  auto now = vpn::RouteTargetFilter::for_config(reloaded);
  CHECK(vpn::accepts_more(lab.filter, now));
  vpn::FilterChange change = vpn::apply_route_target_filter(lab.pe1(), lab.filter, now);
  CHECK(change == vpn::FilterChange{0, 1});
  CHECK(from_pe2->session->counters().route_refresh_sent == refreshes_before + 1);
  lab.lab.network.advance(1s);

  CHECK(lab.pe1_has(foreign));  // PE2 answered the ROUTE-REFRESH with its Adj-RIB-Out
  CHECK(lab.pe1_has(wanted));
  CHECK(lab.pe2().find_peer(0x01010101)->session->counters().route_refresh_received == 1);
  lab.filter = now;

  SUBCASE("removing the import RT again drops the route at once, without a ROUTE-REFRESH") {
    auto narrower = vpn::RouteTargetFilter::for_config(lab.pe1_config);
    CHECK_FALSE(vpn::accepts_more(lab.filter, narrower));
    CHECK(vpn::apply_route_target_filter(lab.pe1(), lab.filter, narrower) == vpn::FilterChange{1, 0});
    CHECK_FALSE(lab.pe1_has(foreign));
    CHECK(lab.pe1_has(wanted));
    CHECK(from_pe2->prefixes_received == 1);
  }
}

TEST_CASE("a withdrawal-free replacement: a route re-advertised with a foreign RT only is dropped from the table") {
  TwoPes lab;
  const auto k = key(1, 0x0A010100);
  lab.pe2().originate(bgp::kVpnv4Unicast, k, carrying(1), bgp::rib::Label{100});
  lab.lab.network.advance(1s);
  REQUIRE(lab.pe1_has(k));
  lab.pe2().originate(bgp::kVpnv4Unicast, k, carrying(99), bgp::rib::Label{100});  // same key, new RT
  lab.lab.network.advance(1s);
  CHECK_FALSE(lab.pe1_has(k));
}

TEST_CASE("who filters: a PE with VRFs does; a route reflector or a router without VRFs keeps everything") {
  config::Config pe1 = parse(pe("PE1", "1.1.1.1", "2.2.2.2", kVrfImporting1));
  auto filter = vpn::RouteTargetFilter::for_config(pe1);
  REQUIRE(filter.has_value());
  CHECK(filter->accepts(carrying(1)));
  CHECK_FALSE(filter->accepts(carrying(99)));
  CHECK_FALSE(filter->accepts(bgp::PathAttributes{}));  // no route target at all

  CHECK_FALSE(vpn::RouteTargetFilter::for_config(parse(pe("P", "3.3.3.3", "2.2.2.2", ""))).has_value());
  config::Config rr = parse(pe("RR", "1.1.1.1", "2.2.2.2", kVrfImporting1) +
                            "router bgp 65000\n"
                            " address-family vpnv4\n"
                            "  neighbor 2.2.2.2 route-reflector-client\n"
                            " exit-address-family\n");
  CHECK_FALSE(vpn::RouteTargetFilter::for_config(rr).has_value());
  CHECK(vpn::accepts_more(filter, std::nullopt));   // becoming a reflector: ask for everything
  CHECK_FALSE(vpn::accepts_more(std::nullopt, filter));  // had everything already
}
