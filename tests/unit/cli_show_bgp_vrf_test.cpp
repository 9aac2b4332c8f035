// `show ip bgp vpnv4 vrf NAME` (vpn/vrf_bgp_table + cli::show_bgp_table): the
// seed lab's R3, knowing what every PE exports, shows VRF Technique's BGP
// table: its own routes and every imported one under RD 65103:103.
#include <doctest/doctest.h>

#include "seed_tables.hpp"
#include "vpn/vrf_bgp_table.hpp"

using namespace l3vpn;
using seed_tables::known_at;
using seed_tables::load;

namespace {

constexpr std::uint32_t ip(std::uint32_t a, std::uint32_t b, std::uint32_t c, std::uint32_t d) {
  return a << 24 | b << 16 | c << 8 | d;
}

}  // namespace

TEST_CASE("R3: show ip bgp vpnv4 vrf Technique lists its own and its imported routes under RD 65103:103") {
  config::Config r3 = load("R3");
  const config::Vrf* technique = r3.find_vrf("Technique");
  REQUIRE(technique != nullptr);
  cli::BgpTableView view = vpn::vrf_bgp_table(r3, *technique, known_at("R3"), ip(3, 3, 3, 3), 42);
  // Own routes (Technique's loopback, and Commercial's and Serveurs' leaked
  // on R3 itself by RT 2222 and 3333): next hop 0.0.0.0, weight 32768. R2's
  // default route (RT 4444, MED 33) and 10.10.30.0/24 (RT 3333, MED 30), R4's
  // loopbacks: via their PE, internal, local preference 100.
  CHECK(cli::show_bgp_table(view, false).output ==
        "BGP table version is 42, local router ID is 3.3.3.3\n"
        "Status codes: s suppressed, d damped, h history, * valid, > best, i - internal,\n"
        "              r RIB-failure, S Stale\n"
        "Origin codes: i - IGP, e - EGP, ? - incomplete\n"
        "\n"
        "   Network          Next Hop            Metric LocPrf Weight Path\n"
        "Route Distinguisher: 65103:103 (default for vrf Technique)\n"
        "*>i0.0.0.0/0        2.2.2.2                 33    100      0 ?\n"
        "*> 10.10.10.1/32    0.0.0.0                  0         32768 ?\n"
        "*>i10.10.10.254/32  4.4.4.4                  0    100      0 ?\n"
        "*> 10.10.20.1/32    0.0.0.0                  0         32768 ?\n"
        "*>i10.10.20.254/32  4.4.4.4                  0    100      0 ?\n"
        "*>i10.10.30.0/24    2.2.2.2                 30    100      0 ?\n"
        "*> 10.10.30.1/32    0.0.0.0                  0         32768 ?\n"
        "*>i10.10.30.254/32  4.4.4.4                  0    100      0 ?\n");
  for (const auto& path : view.paths) {
    CAPTURE(path.prefix);
    CHECK(path.rd == "65103:103");
    CHECK(path.in_label.has_value() == (path.next_hop == 0));  // ours: the label we allocated
  }
}

// The table from its RD heading on (the header lines are checked above).
std::string from_rd_heading(const std::string& text) {
  auto at = text.find("Route Distinguisher");
  REQUIRE(at != std::string::npos);
  return text.substr(at);
}

TEST_CASE("a VRF's BGP table: two PEs' paths for one prefix, the best first; the import map keeps one prefix out") {
  auto parsed = config::parse_config(
      "ip vrf Hub\n"
      " rd 65000:100\n"
      " route-target import 65000:1\n"
      " import map HUB-IN\n"
      "ip prefix-list BLOCKED permit 10.66.0.0/16\n"
      "route-map HUB-IN deny 10\n"
      " match ip address prefix-list BLOCKED\n"
      "route-map HUB-IN permit 20\n",
      "hub.conf");
  REQUIRE(parsed.ok());
  const config::Config& hub = parsed.config;
  auto spoke_route = [](std::uint32_t rd_number, std::uint32_t prefix, std::uint32_t pe_address, std::uint32_t med) {
    vpn::VpnRoute r;
    r.rd = bgp::WireRouteDistinguisher{(std::uint64_t{65000} << 32) | rd_number};
    r.prefix = bgp::Prefix4{prefix, 16};
    r.attributes.origin = bgp::Origin::Igp;
    r.attributes.as_path = std::vector<bgp::AsPathSegment>{};
    r.attributes.med = med;
    r.attributes.extended_communities = {bgp::ExtendedCommunity::route_target(0, 65000, 1)};
    r.next_hop = pe_address;
    r.label = 16;
    return r;
  };
  std::vector<vpn::VpnRoute> known{
      spoke_route(1, ip(10, 1, 0, 0), ip(1, 1, 1, 1), 50),  // spoke 1, MED 50
      spoke_route(2, ip(10, 1, 0, 0), ip(2, 2, 2, 2), 10),  // spoke 2 (dual-homed), MED 10: best
      spoke_route(1, ip(10, 66, 0, 0), ip(1, 1, 1, 1), 0),  // denied by HUB-IN
  };
  auto view = vpn::vrf_bgp_table(hub, *hub.find_vrf("Hub"), known, ip(9, 9, 9, 9), 7);
  // IOS names the network once; its second path leaves the column blank.
  CHECK(from_rd_heading(cli::show_bgp_table(view, false).output) ==
        "Route Distinguisher: 65000:100 (default for vrf Hub)\n"
        "*>i10.1.0.0/16      2.2.2.2                 10    100      0 i\n"
        "* i                 1.1.1.1                 50    100      0 i\n");

  SUBCASE("a higher local preference beats the lower MED") {
    known[0].attributes.local_pref = 200;
    view = vpn::vrf_bgp_table(hub, *hub.find_vrf("Hub"), known, ip(9, 9, 9, 9), 7);
    REQUIRE(view.paths.size() == 2);
    CHECK(view.paths[0].next_hop == ip(1, 1, 1, 1));
    CHECK(view.paths[0].best);
    CHECK_FALSE(view.paths[1].best);
  }
}
