// Minimal OSPF show commands registered by the daemons, over OspfRuntime:
//   show ip ospf neighbor   IOS's table (Neighbor ID, Pri, State, Dead Time,
//                           Address, Interface), states in IOS capitals
//   show ip ospf rib        the SPF routing table: prefix, type, cost, next hops
// Stop-gap until the Cisco-format renderers of common/cli/show_ospf* are
// wired; "% OSPF not active" when no process runs. Text only (no json).
#pragma once

#include "cli/command_tree.hpp"
#include "daemon/ospf_runtime.hpp"

namespace l3vpn::daemon {

void register_ospf_commands(cli::CommandTree& tree, const OspfRuntime& runtime);

}  // namespace l3vpn::daemon
