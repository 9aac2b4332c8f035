// OSPF show commands in IOS's formats, over views of an OSPF process:
//   show ip ospf neighbor            one line per neighbor
//   show ip ospf interface           the long form, per interface
//   show ip ospf interface brief     one line per interface
// The daemon fills the views (daemon/ospf_views.*); these functions only
// format, so the formats are tested without a protocol. JSON carries the same
// fields. Pure: no I/O, no clock (remaining and elapsed times are in the view).
//
// IOS 15 layouts; left out because we have nothing true to print: the
// "Topology-MTID" table, LLS / NSF lines, flood queue and flood scan figures.
// Trailing spaces IOS leaves on some lines are not reproduced.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cli/command_result.hpp"
#include "core/clock.hpp"

namespace l3vpn::cli {

// The neighbor's role on its network, the part after '/' in the State column.
enum class OspfNeighborRole : std::uint8_t { DesignatedRouter, Backup, Other, PointToPoint };

struct OspfNeighborView {
  std::uint32_t router_id = 0;
  std::uint8_t priority = 1;
  std::string state;  // RFC 2328 10.1 name: "Down", "Init", "2-Way", "ExStart", "Exchange", "Loading", "Full"
  OspfNeighborRole role = OspfNeighborRole::Other;
  std::optional<core::Duration> dead_time;  // until the inactivity timer fires; nothing: "-"
  std::uint32_t address = 0;
  std::string interface;  // full name, as IOS prints it here
};

enum class OspfNetworkType : std::uint8_t { Broadcast, PointToPoint, Loopback };

struct OspfAdjacencyView {
  std::uint32_t router_id = 0;
  bool designated_router = false;
  bool backup_designated_router = false;
};

struct OspfInterfaceView {
  std::string name;  // "GigabitEthernet0/0"
  bool up = true;
  std::uint32_t address = 0, mask = 0;
  std::uint32_t area_id = 0;
  std::uint32_t process_id = 0;
  std::uint32_t router_id = 0;
  OspfNetworkType network_type = OspfNetworkType::Broadcast;
  bool passive = false;
  std::uint32_t cost = 1;
  std::string state;  // RFC 2328 9.1 name: "Down", "Loopback", "Waiting", "Point-to-point", "DR Other", "Backup", "DR"
  std::uint8_t priority = 1;
  std::uint32_t dr_router_id = 0, dr_address = 0;    // 0: none
  std::uint32_t bdr_router_id = 0, bdr_address = 0;  // 0: none
  std::uint16_t hello_interval = 10;
  std::uint32_t dead_interval = 40;
  std::uint16_t retransmit_interval = 5;
  std::optional<core::Duration> hello_due;  // nothing: no hello timer (passive, down)
  std::uint16_t au_type = 0;                // 0 null, 1 simple, 2 cryptographic
  std::size_t neighbor_count = 0;
  std::vector<OspfAdjacencyView> adjacent;  // the Full neighbors
};


// "Neighbor ID     Pri   State           Dead Time   Address         Interface"
CommandResult show_ip_ospf_neighbor(const std::vector<OspfNeighborView>& neighbors, bool json);
CommandResult show_ip_ospf_interface(const std::vector<OspfInterfaceView>& interfaces, bool json);
// "Interface    PID   Area            IP Address/Mask    Cost  State Nbrs F/C"
CommandResult show_ip_ospf_interface_brief(const std::vector<OspfInterfaceView>& interfaces, bool json);

// "FULL/DR", "2WAY/DROTHER", "FULL/  -".
std::string ospf_neighbor_state_text(const OspfNeighborView& n);
// "DR", "BDR", "DROTH", "P2P", "LOOP", "WAIT", "DOWN" (the brief form's State).
std::string ospf_interface_state_brief(const std::string& rfc_state);

}  // namespace l3vpn::cli
