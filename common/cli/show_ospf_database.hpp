// "show ip ospf database" in IOS's formats, over a view of the link-state
// databases of one OSPF process:
//   show ip ospf database                        per area: Router / Net /
//       Summary Net / Summary ASB Link States tables, then the Type-5 AS
//       External Link States table (with its Tag column)
//   show ip ospf database router|network|summary|asbr-summary|external
//       every LSA of that type, in the detailed per-LSA form (LS age,
//       Options, LS Type, Link State ID, ..., then the body)
// The daemon fills the view from the LSDBs (daemon/ospf_views.*); these
// functions only format. JSON carries the same fields. Pure: no I/O.
//
// IOS 15 layouts; the "Routing Bit Set" line is left out (the view does not
// say which LSAs the routing table uses); trailing spaces are not reproduced.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "cli/command_result.hpp"

namespace l3vpn::cli {

struct OspfRouterLinkView {
  std::uint8_t type = 3;  // RFC 2328 A.4.2: 1 point-to-point, 2 transit, 3 stub, 4 virtual
  std::uint32_t link_id = 0;
  std::uint32_t link_data = 0;
  std::uint16_t metric = 0;
};

// One LSA: its header with the current age, and the body fields of its type.
struct OspfLsaView {
  std::uint8_t type = 1;  // 1 router, 2 network, 3 summary, 4 ASBR summary, 5 external
  std::uint16_t age = 0;
  std::uint8_t options = 0;
  std::uint32_t link_state_id = 0;
  std::uint32_t advertising_router = 0;
  std::uint32_t sequence = 0;
  std::uint16_t checksum = 0;
  std::uint16_t length = 0;
  // Router-LSA.
  std::uint8_t router_flags = 0;  // B 0x01, E 0x02, V 0x04
  std::vector<OspfRouterLinkView> links;
  // Network-, summary- and AS-external-LSA.
  std::uint32_t network_mask = 0;
  std::vector<std::uint32_t> attached_routers;  // network-LSA
  std::uint32_t metric = 0;                     // summary, external
  bool external_type2 = false;                  // external: E bit
  std::uint32_t forwarding_address = 0;         // external
  std::uint32_t tag = 0;                        // external
};

struct OspfAreaDatabaseView {
  std::uint32_t area_id = 0;
  std::vector<OspfLsaView> lsas;  // types 1-4, in LSDB key order (type, LSID, advertising router)
};

struct OspfDatabaseView {
  std::uint32_t process_id = 0;
  std::uint32_t router_id = 0;
  std::vector<OspfAreaDatabaseView> areas;
  std::vector<OspfLsaView> externals;  // type 5, AS scope
};

CommandResult show_ip_ospf_database(const OspfDatabaseView& view, bool json);
// The detailed form of every LSA of `ls_type` (1..5).
CommandResult show_ip_ospf_database_detail(const OspfDatabaseView& view, std::uint8_t ls_type, bool json);

}  // namespace l3vpn::cli
