// The simulator's dataplane filled from its converged control plane: what
// `l3vpnctl sim --matrix/--explain` walk packets through. Starts from the
// lab's interfaces and links (dataplane_from_lab) and adds, per router:
//   global table  OSPF routes (every equal-cost next hop; connected ones are
//                 already there) and the config's global static routes
//                 (Null0: Discard), statics winning over OSPF as their
//                 distance does;
//   VRF tables    the routes of `show ip route vrf` (vpn::vrf_route_tables
//                 over the best VPNv4 paths): statics, BGP routes to a remote
//                 PE as [LSP label, VPN label] pushed toward the LSP's next
//                 hop, same-PE leaks as a lookup in the leaking VRF;
//   LFIB          LDP's forwarding entries (swap, or pop where the downstream
//                 gave implicit null) and each per-VRF VPN label the router
//                 allocated ("vrf:NAME": pop, then look up in NAME).
// ECMP: where OSPF gives a FEC several equal-cost next hops and the LIB holds
// a label from the LDP peer behind each (liberal retention), the FEC's LFIB
// entry gets one path per next hop with that peer's label, and a VPN route
// over that FEC one [LSP label, VPN label] path per next hop, the same VPN
// label under each. A route resolved over an ECMP route (a static, a CE's)
// takes all of its paths. Without the LIB (ldp_lib null) a FEC has LDP's one
// path. BGP multipath (several BGP next hops for one prefix, IOS
// `maximum-paths`) is not modelled: a VRF route has its best path's next hop.
// Paths keep OSPF's next-hop order with LDP's own entry first, so the same
// inputs always give the same FIB.
// A route that cannot be installed (a static next hop nothing covers, a BGP
// route without an LSP, a leak from an interface that is down) is left out,
// as a router leaves it out of its FIB: the walk then reports "no route".
// Connected and receive entries are never replaced.
// Pure over a const LabSim; single-threaded.
//
// The daemons (common/daemon/kernel_runtime) fill a NodeFib the same way from
// their running protocols: RouterFibInputs is what fill_node needs, whoever
// holds it; the SimRouter overload gathers it from the simulator.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "cli/show_ip_route.hpp"
#include "config/model.hpp"
#include "ldp/lib.hpp"
#include "ospf/spf.hpp"
#include "sim/fib.hpp"
#include "sim/lab_sim.hpp"
#include "vpn/label_allocator.hpp"
#include "vpn/lsp_resolver.hpp"
#include "vpn/vrf_export.hpp"
#include "vpn/vrf_rib.hpp"

namespace l3vpn::sim {

// What one router's FIB is computed from (references: the caller keeps them alive).
struct RouterFibInputs {
  const config::Config& config;
  std::vector<ospf::SpfRoute> ospf_routes;    // the global processes' routes
  std::vector<cli::RouteView> global_bgp;     // IPv4 unicast learned from peers (a CE's)
  std::vector<vpn::VpnRoute> known;           // best VPNv4 paths
  vpn::VrfIgpRoutes vrf_igp;                  // PE-CE OSPF and BGP routes, per VRF
  const vpn::LspResolver& resolver;           // VPNv4 next hop -> LSP
  const std::map<ldp::Fec, ldp::ForwardingEntry>* ldp_lfib = nullptr;  // nullptr: no LDP
  const ldp::Lib* ldp_lib = nullptr;  // the peers' labels, for ECMP paths; nullptr: one path per FEC
  const vpn::LabelAllocator& labels;          // the "vrf:" owners are VPN labels
  const std::vector<vpn::ExportedRoute>& exported;
};

// A node with `config`'s interfaces (not shut down, not in `down`: config
// names) and their connected routes, as dataplane_from_lab makes one node.
NodeFib node_from_config(const std::string& name, const config::Config& config,
                         const std::set<std::string, std::less<>>& down = {});

Dataplane build_dataplane(const LabSim& lab);

// One router's routes and labels added to `node` (build_dataplane, per router).
void fill_node(NodeFib& node, const SimRouter& router);
void fill_node(NodeFib& node, const RouterFibInputs& inputs);

}  // namespace l3vpn::sim
