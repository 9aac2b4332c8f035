// The kernel dataplane's show commands (daemon/kernel_views.hpp formats them):
//   show ip route kernel                  the kernel's main table
//   show ip route vrf WORD kernel         the kernel's table of VRF device WORD
//   show mpls forwarding-table kernel     the kernel's MPLS routes
//   show fib drift                        what a sync would change now
//   show fib kernel summary               the runtime's counters
// Each reads the kernel at the call (netlink dumps; no privilege needed, so
// they answer without --kernel too). A failed read is an error reply.
#pragma once

#include "cli/command_tree.hpp"
#include "daemon/kernel_runtime.hpp"

namespace l3vpn::daemon {

// `runtime` must outlive `tree`.
void register_kernel_commands(cli::CommandTree& tree, KernelRuntime& runtime);

}  // namespace l3vpn::daemon
