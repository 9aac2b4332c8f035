// BGP show commands in IOS's formats, over views like R3's in the seed lab.
#include <doctest/doctest.h>

#include "cli/ios_time.hpp"
#include "cli/show_bgp.hpp"

using namespace l3vpn::cli;
using namespace std::chrono_literals;

namespace {

BgpPathView path(std::string rd, std::string vrf, std::string prefix, std::uint32_t next_hop,
                 std::optional<std::uint32_t> med, std::optional<std::uint32_t> local_pref, std::uint32_t weight,
                 std::string as_path, char origin, bool internal, std::optional<std::uint32_t> in_label,
                 std::optional<std::uint32_t> out_label) {
  BgpPathView p;
  p.rd = std::move(rd);
  p.rd_vrf = std::move(vrf);
  p.prefix = std::move(prefix);
  p.next_hop = next_hop;
  p.med = med;
  p.local_pref = local_pref;
  p.weight = weight;
  p.as_path = std::move(as_path);
  p.origin = origin;
  p.best = true;
  p.internal = internal;
  p.in_label = in_label;
  p.out_label = out_label;
  return p;
}

BgpTableView r3_technique_table() {
  BgpTableView v;
  v.router_id = 0x03030303;
  v.table_version = 9;
  v.paths = {path("65103:103", "Technique", "10.10.10.1/32", 0, 11, std::nullopt, 32768, "", '?', false, 16,
                  std::nullopt),
             path("65103:103", "Technique", "10.10.30.0/24", 0x02020202, 30, 100, 0, "", '?', true, std::nullopt, 17),
             path("65103:402", "", "192.168.100.128/25", 0x02020202, std::nullopt, 100, 0, "65001", 'i', true,
                  std::nullopt, 18)};
  return v;
}

}  // namespace

TEST_CASE("IOS ages: hh:mm:ss under a day, then days and hours, then weeks") {
  CHECK(ios_age(30s) == "00:00:30");
  CHECK(ios_age(1h + 16min + 46s) == "01:16:46");
  CHECK(ios_age(26h) == "1d02h");
  CHECK(ios_age(24h * 17) == "2w3d");
}

TEST_CASE("show ip bgp vpnv4 all: grouped by RD, status codes, IOS columns") {
  CHECK(show_bgp_table(r3_technique_table(), false).output ==
        "BGP table version is 9, local router ID is 3.3.3.3\n"
        "Status codes: s suppressed, d damped, h history, * valid, > best, i - internal,\n"
        "              r RIB-failure, S Stale\n"
        "Origin codes: i - IGP, e - EGP, ? - incomplete\n"
        "\n"
        "   Network          Next Hop            Metric LocPrf Weight Path\n"
        "Route Distinguisher: 65103:103 (default for vrf Technique)\n"
        "*> 10.10.10.1/32    0.0.0.0                 11         32768 ?\n"
        "*>i10.10.30.0/24    2.2.2.2                 30    100      0 ?\n"
        "Route Distinguisher: 65103:402\n"
        "*>i192.168.100.128/25\n"
        "                    2.2.2.2                       100      0 65001 i\n");
}

TEST_CASE("show ip bgp vpnv4 all labels: local label in, the peer's out") {
  CHECK(show_bgp_labels(r3_technique_table(), false).output ==
        "   Network          Next Hop      In label/Out label\n"
        "Route Distinguisher: 65103:103 (Technique)\n"
        "   10.10.10.1/32    0.0.0.0         16/nolabel\n"
        "   10.10.30.0/24    2.2.2.2         nolabel/17\n"
        "Route Distinguisher: 65103:402\n"
        "   192.168.100.128/25 2.2.2.2         nolabel/18\n");
}

TEST_CASE("show ip bgp summary: one line per neighbor, prefix count once Established") {
  BgpSummaryView v;
  v.router_id = 0x03030303;
  v.local_as = 65103;
  v.table_version = 21;
  v.network_entries = 7;
  v.paths = 9;
  BgpNeighborView r2{0x02020202, 65103, 95, 97, 21, 0, 0, 1h + 23min + 45s, "Established", 4, false};
  BgpNeighborView r4{0x04040404, 65103, 0, 0, 0, 0, 0, std::nullopt, "Active", 0, false};
  BgpNeighborView rr{0x0A0A0A0A, 4200000000u, 0, 0, 0, 0, 0, std::nullopt, "Idle", 0, true};
  v.neighbors = {r2, r4, rr};
  CHECK(show_bgp_summary(v, false).output ==
        "BGP router identifier 3.3.3.3, local AS number 65103\n"
        "BGP table version is 21, main routing table version 21\n"
        "7 network entries\n"
        "9 path entries\n"
        "\n"
        "Neighbor        V           AS MsgRcvd MsgSent   TblVer  InQ OutQ Up/Down  State/PfxRcd\n"
        "2.2.2.2         4        65103      95      97       21    0    0 01:23:45        4\n"
        "4.4.4.4         4        65103       0       0        0    0    0 never    Active\n"
        "10.10.10.10     4   4200000000       0       0        0    0    0 never    Idle (Admin)\n");
  const std::string json = show_bgp_summary(v, true).output;
  CHECK(json.find("\"neighbor\":\"2.2.2.2\"") != std::string::npos);
  CHECK(json.find("\"up_down_seconds\":5025") != std::string::npos);
  CHECK(json.find("\"state\":\"Idle (Admin)\"") != std::string::npos);
}

TEST_CASE("the table in JSON keeps labels and absent attributes as null") {
  const std::string json = show_bgp_table(r3_technique_table(), true).output;
  CHECK(json.find("{\"rd\":\"65103:103\",\"vrf\":\"Technique\",\"prefix\":\"10.10.10.1/32\",\"next_hop\":\"0.0.0.0\","
                  "\"metric\":11,\"local_pref\":null,\"weight\":32768,\"as_path\":\"\",\"origin\":\"?\","
                  "\"valid\":true,\"best\":true,\"internal\":false,\"in_label\":16,\"out_label\":null}") !=
        std::string::npos);
}

TEST_CASE("show ip bgp vpnv4 rd RD PREFIX: the routing table entry, reflected attributes and labels") {
  BgpTableView v;
  v.router_id = 0x0AFF000C;
  v.table_version = 12;
  BgpPathView p = path("65000:1", "BLUE", "192.168.100.0/24", 0x0AFF000B, 0, 100, 0, "", '?', true, std::nullopt, 2001);
  p.from_address = 0x0AFF000A;    // learned from the RR
  p.from_router_id = 0x0AFF000A;
  p.originator_id = 0x0AFF000B;   // PE1
  p.cluster_list = {0x0AFF000A};
  p.extended_communities = {"RT:65000:100"};
  v.paths = {p};
  CHECK(show_bgp_prefix_detail(v, false).output ==
        "BGP routing table entry for 65000:1:192.168.100.0/24, version 12\n"
        "Paths: (1 available, best #1, table BLUE)\n"
        "  Local\n"
        "    10.255.0.11 from 10.255.0.10 (10.255.0.10)\n"
        "      Origin incomplete, metric 0, localpref 100, valid, internal, best\n"
        "      Extended Community: RT:65000:100\n"
        "      Originator: 10.255.0.11, Cluster list: 10.255.0.10\n"
        "      mpls labels in/out nolabel/2001\n");
  v.paths.clear();
  auto none = show_bgp_prefix_detail(v, false);
  CHECK_FALSE(none.ok);
  CHECK(none.output == "% Network not in table\n");
}
