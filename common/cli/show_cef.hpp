// "show ip cef vrf NAME PREFIX detail" in IOS 15's format, over a view of one
// forwarding entry: how a packet to PREFIX in the VRF leaves the router.
//   10.2.2.0/24, epoch 0
//     recursive via 4.4.4.4 label 20                      (the BGP next hop, VPN label)
//       nexthop 10.0.12.2 GigabitEthernet0/0 label 17     (the IGP next hops, LDP label)
// or "  attached to GigabitEthernet0/1" (a connected subnet) / "  receive for
// Loopback10" (one of our addresses). The caller resolves the route (longest
// match, recursion over OSPF and LDP); this file only formats. Pure: no I/O.
//
// Left out: the "flags" part of the first line and the per-path "sharing"
// lines IOS prints with load balancing details.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cli/command_result.hpp"

namespace l3vpn::cli {

struct CefNextHopView {
  std::uint32_t address = 0;
  std::string interface;                 // full name
  std::optional<std::uint32_t> label;    // the LDP label toward the BGP next hop; 3: implicit-null
};

struct CefEntryView {
  std::string vrf;
  std::string prefix;  // "10.2.2.0/24"
  // Direct: a next hop on a connected subnet (a CE, an OSPF or static route): next_hops[0].
  enum class Kind : std::uint8_t { Recursive, Attached, Receive, Direct } kind = Kind::Recursive;
  std::uint32_t recursive_via = 0;        // Recursive: the BGP next hop
  std::optional<std::uint32_t> vpn_label; // Recursive: the label the egress PE gave
  std::vector<CefNextHopView> next_hops;  // Recursive: how the BGP next hop is reached
  std::string interface;                  // Attached / Receive
};

// Nothing: "% Prefix not found in vrf NAME" (a failure).
CommandResult show_ip_cef_detail(const std::string& vrf, const std::optional<CefEntryView>& entry, bool json);

// "show ip cef vrf NAME": one line per entry, IOS 15's columns:
//   Prefix               Next Hop             Interface
//   10.10.10.1/32        receive              Loopback10
//   10.10.30.254/32      192.168.13.1         GigabitEthernet0/0
// (attached / receive / the IGP next hop of a recursive entry; "no route"
// when its BGP next hop has no LSP). The caller orders the entries.
CommandResult show_ip_cef_table(const std::vector<CefEntryView>& entries, bool json);

}  // namespace l3vpn::cli
