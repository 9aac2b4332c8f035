// Minimal LDP show commands registered by the daemons, over LdpRuntime:
//   show mpls ldp neighbor       per session: peer LDP ident, state, messages,
//                                adjacency interfaces, peer addresses (IOS's layout, shortened)
//   show mpls forwarding-table   the LFIB: local label, outgoing label (Pop Label
//                                for implicit null), prefix, next hop, interface
// Stop-gap until the Cisco-format renderers of common/cli/show_mpls* are
// wired; "% LDP not active" when LDP does not run. Text only (no json).
#pragma once

#include "cli/command_tree.hpp"
#include "daemon/ldp_runtime.hpp"

namespace l3vpn::daemon {

void register_ldp_commands(cli::CommandTree& tree, const LdpRuntime& runtime);

}  // namespace l3vpn::daemon
