// A running daemon's FIB, computed as the simulator computes a router's
// (sim::fill_node over sim::RouterFibInputs): interfaces and connected routes
// from the config, the global table from OSPF, statics and BGP's IPv4 routes,
// the VRF tables from the best VPNv4 paths over LDP's LSPs, the LFIB from LDP
// and the VPN label ledger. The kernel runtime translates the result
// (kernel::add_fib_routes), so the kernel gets what `l3vpnctl sim` shows.
//
// Pure over the runtimes' current state (reads them, changes nothing);
// called on the io_context's thread.
#pragma once

#include <set>
#include <string>

#include "config/model.hpp"
#include "daemon/bgp_runtime.hpp"
#include "daemon/ldp_runtime.hpp"
#include "daemon/ospf_runtime.hpp"
#include "sim/fib.hpp"
#include "vpn/label_allocator.hpp"

namespace l3vpn::daemon {

// `down`: config names of interfaces whose link is down (their connected
// routes and whatever resolved over them are left out).
sim::NodeFib daemon_node_fib(const config::Config& config, const OspfRuntime& ospf, const LdpRuntime& ldp,
                             const BgpRuntime& bgp, const vpn::LabelAllocator& labels,
                             const std::set<std::string, std::less<>>& down);

}  // namespace l3vpn::daemon
