// The simulator's dataplane filled from its converged control plane: what
// `l3vpnctl sim --matrix/--explain` walk packets through. Starts from the
// lab's interfaces and links (dataplane_from_lab) and adds, per router:
//   global table  OSPF routes (first next hop; connected ones are already
//                 there) and the config's global static routes (Null0:
//                 Discard), statics winning over OSPF as their distance does;
//   VRF tables    the routes of `show ip route vrf` (vpn::vrf_route_tables
//                 over the best VPNv4 paths): statics, BGP routes to a remote
//                 PE as [LSP label, VPN label] pushed toward the LSP's next
//                 hop, same-PE leaks as a lookup in the leaking VRF;
//   LFIB          LDP's forwarding entries (swap, or pop where the downstream
//                 gave implicit null) and each per-VRF VPN label the router
//                 allocated ("vrf:NAME": pop, then look up in NAME).
// A route that cannot be installed (a static next hop nothing covers, a BGP
// route without an LSP, a leak from an interface that is down) is left out,
// as a router leaves it out of its FIB: the walk then reports "no route".
// Connected and receive entries are never replaced.
// Pure over a const LabSim; single-threaded.
#pragma once

#include "sim/fib.hpp"
#include "sim/lab_sim.hpp"

namespace l3vpn::sim {

Dataplane build_dataplane(const LabSim& lab);

// One router's routes and labels added to `node` (build_dataplane, per router).
void fill_node(NodeFib& node, const SimRouter& router);

}  // namespace l3vpn::sim
