// The BGP commands of a daemon's CLI, over its BgpRuntime:
//   show ip bgp [json]                       IPv4 unicast table
//   show ip bgp summary [json]               every neighbor
//   show ip bgp vpnv4 all summary [json]     VPNv4 neighbors and table counts
//   show ip bgp vpnv4 all [json]             VPNv4 table, grouped by RD
//   show ip bgp vpnv4 all labels [json]
//   show ip bgp vpnv4 rd RD [json]           one RD's routes
//   show ip bgp vpnv4 vrf NAME [json]        the VRF's BGP table (imported paths under its RD)
//   show ip bgp neighbors [A.B.C.D] [json]
//   clear ip bgp * | A.B.C.D                 hard reset (stop, then start)
// Without a speaker (no `router bgp`, or a P router) each answers
// "% BGP not active". Handlers read the runtime and the context at each call.
#pragma once

#include "cli/command_tree.hpp"
#include "cli/show_commands.hpp"
#include "daemon/bgp_command_target.hpp"

namespace l3vpn::daemon {

// `runtime` and `context` must outlive `tree`.
void register_bgp_commands(cli::CommandTree& tree, BgpCommandTarget& runtime, const cli::ShowContext& context);

}  // namespace l3vpn::daemon
