// MPLS and LDP show commands in IOS's formats, over views:
//   show mpls interfaces          Interface / IP / Tunnel / BGP / Static / Operational
//   show mpls forwarding-table    the LFIB: Local Label / Outgoing Label / Prefix or
//                                 Tunnel Id / Bytes Label Switched / Outgoing interface /
//                                 Next Hop; VPN labels as "10.1.1.0/24[V] ... aggregate/VRF"
//   show mpls ldp neighbor        per session: Peer LDP Ident, TCP connection, State,
//                                 Msgs sent/rcvd, Up time, discovery sources, addresses
//   show mpls ldp discovery       Local LDP Identifier, Interfaces: X (ldp): xmit/recv, LDP Id
//   show mpls ldp bindings        per FEC: lib entry, local binding, remote bindings
// The daemon fills the views (daemon/ldp_views.*); these functions only
// format. JSON carries the same fields. Pure: no I/O, no clock.
//
// IOS 15 layouts. IOS indents some LDP lines with tabs; we write them as IOS
// does (a tab where IOS has one). Trailing spaces are not reproduced.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cli/command_result.hpp"
#include "core/clock.hpp"

namespace l3vpn::cli {

struct MplsInterfaceView {
  std::string name;      // full name: "GigabitEthernet0/0"
  bool ldp = true;       // "Yes (ldp)" / "No"
  bool operational = true;
};

CommandResult show_mpls_interfaces(const std::vector<MplsInterfaceView>& interfaces, bool json);

struct MplsForwardingView {
  std::uint32_t local_label = 0;
  enum class Outgoing : std::uint8_t { Label, Pop, None } outgoing = Outgoing::Label;  // "17", "Pop Label", "No Label"
  std::uint32_t outgoing_label = 0;  // when Label
  std::string prefix;                // "2.2.2.2/32", "10.1.1.0/24"
  bool vrf = false;                  // a VPN label: "[V]" after the prefix
  std::uint64_t bytes = 0;
  std::string interface;             // full name; abbreviated on output. VPN: "aggregate/VRF"
  std::optional<std::uint32_t> next_hop;
};

// Entries in the order given (the caller sorts by local label).
CommandResult show_mpls_forwarding_table(const std::vector<MplsForwardingView>& entries, bool json);

struct LdpId {
  std::uint32_t lsr_id = 0;
  std::uint16_t label_space = 0;
};
std::string ldp_id_text(LdpId id);  // "2.2.2.2:0"

struct LdpDiscoverySourceView {
  std::string interface;
  std::uint32_t source = 0;  // the hello's source address
};

struct LdpNeighborView {
  LdpId peer;
  LdpId local;
  std::uint32_t peer_address = 0, local_address = 0;  // transport addresses
  std::optional<std::uint16_t> peer_port, local_port;   // nothing: not known to the pure instance
  std::string state;  // "Oper", "Non Existent", "Initialized", "OpenRec", "OpenSent"
  std::uint64_t messages_sent = 0, messages_received = 0;
  std::optional<core::Duration> up_time;  // since Operational
  bool password = false;                  // an MD5 password protects the session
  std::vector<LdpDiscoverySourceView> sources;
  std::vector<std::uint32_t> addresses;   // bound to the peer's LDP Ident
};

CommandResult show_mpls_ldp_neighbor(const std::vector<LdpNeighborView>& neighbors, bool json);

struct LdpDiscoveryInterfaceView {
  std::string interface;
  bool transmitting = true;
  bool receiving = false;
  std::vector<LdpId> peers;  // LDP Ids heard on it
};

struct LdpDiscoveryView {
  LdpId local;
  std::vector<LdpDiscoveryInterfaceView> interfaces;
};

CommandResult show_mpls_ldp_discovery(const LdpDiscoveryView& view, bool json);

struct LdpRemoteBindingView {
  LdpId peer;
  std::uint32_t label = 0;  // 3: imp-null
};

struct LdpBindingView {
  std::string fec;                          // "2.2.2.2/32"
  std::optional<std::uint32_t> revision;    // IOS's "rev N"; nothing: not shown
  std::optional<std::uint32_t> local_label; // 3: imp-null; nothing: no local binding
  std::vector<LdpRemoteBindingView> remote;
};

CommandResult show_mpls_ldp_bindings(const std::vector<LdpBindingView>& bindings, bool json);

// "imp-null" for 3, "exp-null" for 0, the number otherwise.
std::string ldp_label_text(std::uint32_t label);

}  // namespace l3vpn::cli
