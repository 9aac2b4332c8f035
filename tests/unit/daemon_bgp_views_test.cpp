// The views the daemon's `show ip bgp` commands format, built from BGP
// speakers of the RR lab running on the in-process network: a route PE1
// originates in VRF BLUE, seen locally (in label, its VRF's RD) and at PE2
// through RR1 (internal, out label), the summary and the neighbor block.
#include <doctest/doctest.h>

#include <map>
#include <sstream>

#include "bgp/speaker/speaker.hpp"
#include "config/parser.hpp"
#include "daemon/bgp_views.hpp"
#include "daemon/daemon_options.hpp"
#include "sim/bgp_lab.hpp"

using namespace l3vpn;
using namespace std::chrono_literals;

namespace {

constexpr std::uint32_t ip(int a, int b, int c, int d) {
  return static_cast<std::uint32_t>((a << 24) | (b << 16) | (c << 8) | d);
}

class RrLab {
 public:
  RrLab() {
    for (std::string name : {"RR1", "PE1", "PE2"}) {
      auto parsed = config::parse_config_file(std::string(L3VPN_SOURCE_DIR) + "/labs/rr-core/" + name + ".conf");
      REQUIRE(parsed.ok());
      REQUIRE(lab_.add_router(name, parsed.config));
    }
    lab_.start();
  }
  sim::BgpLabRouter& operator[](const std::string& name) { return lab_.router(name); }

  bgp::rib::EveryNextHopReachable reachable_;

 private:
  core::Logger log_{"views", core::LogLevel::Error};
  sim::BgpLab lab_{reachable_, log_};

 public:
  netsim::Network& network = lab_.network;
};

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

bool has_line(const std::string& text, const std::string& line) {
  for (const auto& l : lines(text))
    if (l == line) return true;
  return false;
}

const bgp::rib::RouteKey kBlueKey =
    bgp::rib::RouteKey::vpnv4(bgp::WireRouteDistinguisher{(std::uint64_t{65000} << 32) | 101},
                              bgp::Prefix4{ip(192, 168, 100, 0), 24});

void originate_blue(bgp::Speaker& pe1) {
  bgp::PathAttributes a;
  a.origin = bgp::Origin::Incomplete;
  a.as_path = std::vector<bgp::AsPathSegment>{};
  a.med = 0;
  a.extended_communities = {bgp::ExtendedCommunity::route_target(0, 65000, 100)};
  pe1.originate(bgp::kVpnv4Unicast, kBlueKey, a, bgp::rib::Label{2001});
}

}  // namespace

TEST_CASE("route distinguishers: text and back") {
  CHECK(daemon::rd_text(bgp::WireRouteDistinguisher{(std::uint64_t{65000} << 32) | 101}) == "65000:101");
  CHECK(daemon::parse_rd("65000:101")->value == ((std::uint64_t{65000} << 32) | 101));
  for (std::string text : {"65000:101", "10.0.0.1:7", "4200000000:7"}) {
    auto wire = daemon::parse_rd(text);
    REQUIRE(wire);
    CHECK(daemon::rd_text(*wire) == text);
  }
  CHECK_FALSE(daemon::parse_rd("nonsense"));
}

TEST_CASE("bgp views: the VPNv4 table at the originating PE and at the PE that learned it through the RR") {
  RrLab lab;
  lab.network.advance(30s);
  originate_blue(*lab["PE1"].speaker);
  lab.network.advance(1s);

  // PE1: local path, 0.0.0.0, weight 32768, its VRF BLUE's RD, in label
  cli::BgpTableView at_pe1 =
      daemon::bgp_table_view(*lab["PE1"].speaker, lab["PE1"].config, bgp::kVpnv4Unicast, &lab.reachable_);
  REQUIRE(at_pe1.paths.size() == 1);
  CHECK(at_pe1.paths[0].rd == "65000:101");
  CHECK(at_pe1.paths[0].rd_vrf == "BLUE");
  CHECK(at_pe1.paths[0].in_label == 2001u);
  CHECK_FALSE(at_pe1.paths[0].out_label);
  CHECK_FALSE(at_pe1.paths[0].internal);
  std::string table = cli::show_bgp_table(at_pe1, false).output;
  INFO(table);
  CHECK(has_line(table, "Route Distinguisher: 65000:101 (default for vrf BLUE)"));
  CHECK(has_line(table, "*> 192.168.100.0/24 0.0.0.0                  0         32768 ?"));
  std::string labels = cli::show_bgp_labels(at_pe1, false).output;
  CHECK(has_line(labels, "   192.168.100.0/24 0.0.0.0         2001/nolabel"));

  // PE2: learned over iBGP from RR1, next hop PE1's loopback, out label; not its VRF's RD
  cli::BgpTableView at_pe2 =
      daemon::bgp_table_view(*lab["PE2"].speaker, lab["PE2"].config, bgp::kVpnv4Unicast, &lab.reachable_);
  REQUIRE(at_pe2.paths.size() == 1);
  CHECK(at_pe2.paths[0].internal);
  CHECK(at_pe2.paths[0].out_label == 2001u);
  CHECK(at_pe2.paths[0].rd_vrf.empty());
  table = cli::show_bgp_table(at_pe2, false).output;
  INFO(table);
  CHECK(has_line(table, "Route Distinguisher: 65000:101"));
  CHECK(has_line(table, "*>i192.168.100.0/24 10.255.0.11              0    100      0 ?"));
  CHECK(has_line(cli::show_bgp_labels(at_pe2, false).output, "   192.168.100.0/24 10.255.0.11     nolabel/2001"));

  // rd filter: another RD shows nothing
  daemon::TableFilter other{daemon::parse_rd("65000:102"), std::nullopt};
  CHECK(daemon::bgp_table_view(*lab["PE2"].speaker, lab["PE2"].config, bgp::kVpnv4Unicast, nullptr, other)
            .paths.empty());
  daemon::TableFilter same{daemon::parse_rd("65000:101"), std::nullopt};
  CHECK(daemon::bgp_table_view(*lab["PE2"].speaker, lab["PE2"].config, bgp::kVpnv4Unicast, nullptr, same)
            .paths.size() == 1);

  // one prefix: the detail block with what the reflector added
  daemon::TableFilter one{daemon::parse_rd("65000:101"), bgp::Prefix4{0xC0A86400, 24}};
  std::string detail = cli::show_bgp_prefix_detail(
      daemon::bgp_table_view(*lab["PE2"].speaker, lab["PE2"].config, bgp::kVpnv4Unicast, nullptr, one), false).output;
  INFO(detail);
  CHECK(has_line(detail, "    10.255.0.11 from 10.255.0.10 (10.255.0.10)"));
  CHECK(has_line(detail, "      Originator: 10.255.0.11, Cluster list: 10.255.0.10"));
  CHECK(has_line(detail, "      mpls labels in/out nolabel/2001"));
  daemon::TableFilter missing{daemon::parse_rd("65000:101"), bgp::Prefix4{0xC0A86500, 24}};
  CHECK_FALSE(cli::show_bgp_prefix_detail(
      daemon::bgp_table_view(*lab["PE2"].speaker, lab["PE2"].config, bgp::kVpnv4Unicast, nullptr, missing), false).ok);
}

TEST_CASE("bgp views: summary and neighbor block at the route reflector") {
  RrLab lab;
  lab.network.advance(30s);
  originate_blue(*lab["PE1"].speaker);
  lab.network.advance(62s);  // a keepalive each way after the first minute

  bgp::Speaker& rr = *lab["RR1"].speaker;
  core::TimePoint now = lab["RR1"].node->clock().now();
  cli::BgpSummaryView summary = daemon::bgp_summary_view(rr, bgp::kVpnv4Unicast, now);
  REQUIRE(summary.neighbors.size() == 2);
  CHECK(summary.neighbors[0].address == ip(10, 255, 0, 11));
  CHECK(summary.neighbors[0].state == "Established");
  CHECK(summary.neighbors[0].prefixes_received == 1);
  CHECK(summary.neighbors[1].prefixes_received == 0);
  CHECK(summary.network_entries == 1);
  CHECK(summary.paths == 1);
  std::string text = cli::show_bgp_summary(summary, false).output;
  INFO(text);
  CHECK(lines(text)[0] == "BGP router identifier 10.255.0.10, local AS number 65000");
  REQUIRE(lines(text).size() == 8);
  CHECK(lines(text)[6].rfind("10.255.0.11     4        65000 ", 0) == 0);
  CHECK(lines(text)[6].substr(lines(text)[6].size() - 9) == "        1");
  // the all-families summary lists the same neighbors (VPNv4 only here)
  CHECK(daemon::bgp_summary_view(rr, std::nullopt, now).neighbors.size() == 2);
  CHECK(daemon::bgp_summary_view(rr, bgp::kIpv4Unicast, now).neighbors.empty());

  auto neighbors = daemon::bgp_neighbor_views(rr, now);
  REQUIRE(neighbors.size() == 2);
  std::string block = cli::show_bgp_neighbors(neighbors, ip(10, 255, 0, 11), false).output;
  INFO(block);
  CHECK(lines(block)[0] == "BGP neighbor is 10.255.0.11,  remote AS 65000, internal link");
  CHECK(has_line(block, " Description: PE1"));
  CHECK(has_line(block, "  BGP version 4, remote router ID 10.255.0.11"));
  CHECK(block.find("\n  BGP state = Established, up for 00:01:3") != std::string::npos);
  CHECK(has_line(block, "  Hold time is 180, keepalive interval is 60 seconds"));
  CHECK(has_line(block, "  Neighbor capabilities:"));
  CHECK(has_line(block, "    Route refresh: advertised and received(new)"));
  CHECK(has_line(block, "    Four-octets ASN Capability: advertised and received"));
  CHECK(has_line(block, "    Address family VPNv4 Unicast: advertised and received"));
  CHECK(has_line(block, "    Opens:                    1          1"));
  CHECK(has_line(block, "    Notifications:            0          0"));
  CHECK(has_line(block, "    Updates:                  1          2"));  // EoR out; EoR and the route in
  CHECK(has_line(block, "    Keepalives:               2          2"));
  CHECK(has_line(block, "  Route-Reflector Client"));
  CHECK(has_line(block, "  Prefixes received: 1"));
  CHECK(has_line(block, "  Connections established 1; dropped 0"));
  CHECK(has_line(block, "  Last reset never"));
  CHECK(cli::show_bgp_neighbors(neighbors, ip(1, 2, 3, 4), false).output ==
        "% No such neighbor or address family\n");

  // PE1 stops its session: the RR shows the reset and why
  lab["PE1"].speaker->find_peer(ip(10, 255, 0, 10))->session->stop();
  lab.network.advance(1s);
  neighbors = daemon::bgp_neighbor_views(rr, lab["RR1"].node->clock().now());
  block = cli::show_bgp_neighbors(neighbors, ip(10, 255, 0, 11), false).output;
  CHECK(has_line(block, "  Connections established 1; dropped 1"));
  CHECK(has_line(block, "  Last reset, due to NOTIFICATION received: code 6 subcode 2"));
  CHECK(has_line(block, "    Notifications:            0          1"));
  CHECK(block.find("Neighbor capabilities") == std::string::npos);

  std::string json = cli::show_bgp_neighbors(neighbors, std::nullopt, true).output;
  CHECK(json.find("\"neighbor\":\"10.255.0.11\"") != std::string::npos);
  CHECK(json.find("\"connections_dropped\":1") != std::string::npos);
}

TEST_CASE("daemon option --bgp-port") {
  using daemon::parse_daemon_options;
  CHECK(parse_daemon_options({"-f", "x"}).options->bgp_port == 179);
  CHECK(parse_daemon_options({"-f", "x", "--bgp-port", "1790"}).options->bgp_port == 1790);
  CHECK(parse_daemon_options({"-f", "x", "--bgp-port=1791"}).options->bgp_port == 1791);
  for (std::string bad : {"0", "65536", "-1", " 5", "17x", ""})
    CHECK(parse_daemon_options({"-f", "x", "--bgp-port", bad}).error == "bad BGP port '" + bad + "' (1-65535)");
  CHECK(parse_daemon_options({"-f", "x", "--bgp-port"}).error == "option --bgp-port needs a port number");
}

TEST_CASE("bgp views: what the reflector received from PE1 and advertised to PE2, per neighbor") {
  RrLab lab;
  lab.network.advance(30s);
  originate_blue(*lab["PE1"].speaker);
  lab.network.advance(1s);
  const bgp::Speaker& rr = *lab["RR1"].speaker;
  const config::Config& rr_config = lab["RR1"].config;

  auto received = daemon::bgp_neighbor_table_view(rr, rr_config, ip(10, 255, 0, 11), daemon::NeighborTable::Received);
  REQUIRE(received);
  REQUIRE(received->paths.size() == 1);
  CHECK(received->paths[0].prefix == "192.168.100.0/24");
  CHECK(received->paths[0].best);
  CHECK(received->paths[0].out_label == 2001u);
  CHECK_FALSE(received->paths[0].originator_id.has_value());  // as PE1 sent it

  auto to_pe2 = daemon::bgp_neighbor_table_view(rr, rr_config, ip(10, 255, 0, 12), daemon::NeighborTable::Advertised);
  REQUIRE(to_pe2);
  REQUIRE(to_pe2->paths.size() == 1);
  CHECK(to_pe2->paths[0].next_hop == ip(10, 255, 0, 11));  // unchanged by the reflector
  CHECK(to_pe2->paths[0].originator_id == ip(10, 255, 0, 11));
  CHECK(to_pe2->paths[0].cluster_list == std::vector<std::uint32_t>{ip(10, 255, 0, 10)});
  CHECK(to_pe2->paths[0].in_label == 2001u);

  auto to_pe1 = daemon::bgp_neighbor_table_view(rr, rr_config, ip(10, 255, 0, 11), daemon::NeighborTable::Advertised);
  REQUIRE(to_pe1);
  CHECK(to_pe1->paths.empty());  // never back to where it came from
  CHECK_FALSE(daemon::bgp_neighbor_table_view(rr, rr_config, ip(9, 9, 9, 9), daemon::NeighborTable::Received));
}
