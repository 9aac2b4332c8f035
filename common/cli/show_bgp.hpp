// BGP show commands in IOS's formats, over views of the BGP state:
//   show ip bgp summary / show ip bgp vpnv4 all summary
//   show ip bgp vpnv4 all [rd RD]    the table, grouped by route distinguisher
//   show ip bgp vpnv4 all labels
// The speaker fills the views; these functions only format, so the formats
// are tested without a session. JSON carries the same fields.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cli/command_result.hpp"
#include "core/clock.hpp"

namespace l3vpn::cli {

struct BgpNeighborView {
  std::uint32_t address = 0;
  std::uint32_t remote_as = 0;
  std::uint64_t messages_received = 0;
  std::uint64_t messages_sent = 0;
  std::uint64_t table_version = 0;
  std::uint32_t in_queue = 0;
  std::uint32_t out_queue = 0;
  std::optional<core::Duration> up_down;  // nothing: never came up
  std::string state;                      // "Idle", "Active", ... ; "Established" shows the count
  std::uint32_t prefixes_received = 0;
  bool admin_shutdown = false;  // shows "Idle (Admin)"
};

struct BgpSummaryView {
  std::uint32_t router_id = 0;
  std::uint32_t local_as = 0;
  std::uint64_t table_version = 0;
  std::uint32_t network_entries = 0;
  std::uint32_t paths = 0;
  std::vector<BgpNeighborView> neighbors;
};

struct BgpPathView {
  std::string rd;        // "65103:103"; empty for IPv4 unicast
  std::string rd_vrf;    // the local VRF whose RD this is, when any
  std::string prefix;    // "10.10.30.0/24"
  std::uint32_t next_hop = 0;  // 0.0.0.0 for locally originated
  std::optional<std::uint32_t> med;
  std::optional<std::uint32_t> local_pref;
  std::uint32_t weight = 0;
  std::string as_path;  // "65001 65002", empty for iBGP-learned local AS routes
  char origin = '?';    // 'i', 'e', '?'
  bool valid = true;
  bool best = false;
  bool internal = false;  // learned over iBGP
  std::optional<std::uint32_t> in_label;   // allocated locally
  std::optional<std::uint32_t> out_label;  // received from the peer
  // For the per-prefix detail (show ip bgp vpnv4 rd RD PREFIX):
  std::uint32_t from_address = 0;    // the peer it came from; 0 when local
  std::uint32_t from_router_id = 0;  // that peer's BGP identifier (ours when local)
  std::optional<std::uint32_t> originator_id;
  std::vector<std::uint32_t> cluster_list;
  std::vector<std::string> extended_communities;  // "RT:65103:1111"
};

struct BgpTableView {
  std::uint32_t router_id = 0;
  std::uint64_t table_version = 0;
  std::vector<BgpPathView> paths;  // sorted by RD then prefix, best path first per prefix
};

CommandResult show_bgp_summary(const BgpSummaryView& view, bool json);
CommandResult show_bgp_table(const BgpTableView& view, bool json);
CommandResult show_bgp_labels(const BgpTableView& view, bool json);
// IOS's "BGP routing table entry for RD:PREFIX" block, for the paths of one
// prefix (the view already filtered to it); "% Network not in table" when empty.
CommandResult show_bgp_prefix_detail(const BgpTableView& view, bool json);

std::string ipv4_text(std::uint32_t address);

}  // namespace l3vpn::cli
