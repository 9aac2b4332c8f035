// The control plane of a whole lab in one process (`l3vpnctl sim`): every
// node of lab.yaml built from its configuration with the real protocol code
// - OSPF (sim::OspfNode), LDP (sim::LdpNode), BGP (bgp::Speaker on netsim
// streams) and the VRF export of vpn/vrf_export - on one in-process network
// and its manual clock. Each link of lab.yaml becomes a segment joining the
// two interfaces with the addresses of their configs.
//
// Roles as the daemons run them: p = OSPF + LDP; rr = OSPF + BGP; pe = OSPF
// + LDP + BGP (+ VRFs, and an OSPF process per `router ospf N vrf V` on the
// VRF's interfaces: PE-CE, and a BGP speaker per VRF with CE neighbors:
// SimVrfBgp); ce = OSPF and/or BGP (IPv4 unicast, its `network`s) in its
// global table; host = nothing
// (its connected and static routes are all it has). A VRF process's routes
// go into its VRF's table and, with `redistribute ospf N vrf V` under the
// VRF's address family, into VPNv4; with `redistribute bgp ASN` the VRF's
// BGP routes go back to the CEs as type-5 LSAs. As on a router, OSPF routes feed LDP's FECs, and OSPF routes
// and LDP's LSPs feed the PE's BGP next-hop resolution (vpn::LspResolver):
// a VPNv4 route is usable only over an LSP.
//
// converge(): runs the clock until every OSPF adjacency that can form is
// Full, every LDP session Operational, every BGP session Established and
// nothing has changed for a quiet period, or until a limit; hellos and
// keepalives never stop, so "idle" is never reached by itself.
// Single-threaded; not thread-safe. Nothing leaves the process.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "bgp/speaker/speaker.hpp"
#include "config/lab.hpp"
#include "core/log.hpp"
#include "netsim/network.hpp"
#include "sim/bgp_netsim.hpp"
#include "sim/ldp_netsim.hpp"
#include "sim/ospf_netsim.hpp"
#include "vpn/label_allocator.hpp"
#include "vpn/lsp_resolver.hpp"
#include "vpn/vrf_bgp_ce.hpp"
#include "vpn/vrf_export.hpp"
#include "vpn/vrf_rib.hpp"

namespace l3vpn::sim {

// A PE's OSPF process in a VRF (PE-CE, `router ospf N vrf V`).
struct SimVrfOspf {
  std::string vrf;
  config::OspfProcess process;                  // its configuration
  std::unique_ptr<OspfNode> node;
  std::vector<ospf::ExternalRoute> configured;  // redistributed connected/static/default
  std::vector<ospf::ExternalRoute> externals;   // as last given to the instance (with BGP's)
  std::vector<ospf::SummaryRoute> summaries;    // BGP's routes of the same OSPF domain (RFC 4577)
};

// A PE's BGP speaker for the CE neighbors of one VRF (PE-CE eBGP; the design
// is in vpn/vrf_bgp_ce.hpp). It listens on its CEs' facing addresses.
struct SimVrfBgp {
  std::string vrf;
  bgp::rib::ConnectedStaticResolver resolver;  // the VRF's connected and static routes
  std::unique_ptr<bgp::TransportFactory> transports;
  std::unique_ptr<bgp::Speaker> speaker;
  std::vector<vpn::Advertisement> advertised;  // originated toward the CEs, as last synced
};

struct SimRouter {
  std::string name;
  config::Role role = config::Role::Host;
  config::Config config;
  netsim::Node* node = nullptr;
  std::map<std::string, netsim::Interface*> interfaces;  // config name -> its end of a lab link
  std::vector<std::unique_ptr<OspfNode>> ospf;            // global-table processes
  std::vector<SimVrfOspf> vrf_ospf;                       // PE-CE processes
  std::uint64_t redistributed_at_version = 0;             // BGP table version last put into vrf_ospf
  vpn::LabelAllocator labels;                             // shared by LDP and the VPN labels
  std::unique_ptr<LdpNode> ldp;
  vpn::LspResolver resolver;
  std::unique_ptr<bgp::TransportFactory> transports;  // netsim streams (DirectBgpTransports on a CE)
  std::unique_ptr<bgp::Speaker> speaker;
  std::vector<vpn::ExportedRoute> exported;
  std::vector<std::unique_ptr<SimVrfBgp>> vrf_bgp;  // PE-CE BGP, one speaker per VRF with CEs

  // Every OSPF route of the global processes, merged (lowest cost per prefix).
  std::vector<ospf::SpfRoute> ospf_routes() const;
  // The VRF processes' routes: as the VRF tables take them, and as the VRF
  // export (redistribute ospf N vrf V) takes them.
  vpn::VrfIgpRoutes vrf_igp_routes() const;
  vpn::VrfOspfRoutes vrf_ospf_routes() const;
  // The VRF speakers' CE-learned best paths (into the VRF tables through
  // vrf_igp_routes as "B [20/MED]", and into the VRF export).
  vpn::VrfCeBgpRoutes vrf_ce_routes() const;
  // The global speaker's IPv4 unicast routes learned from peers, as the
  // global table takes them (a CE's routes from its PE: "B [20/MED]").
  std::vector<cli::RouteView> global_bgp_routes() const;
};

struct ConvergeResult {
  bool converged = false;
  core::Duration simulated{};   // clock time it took
  std::size_t events = 0;
  std::string waiting_for;     // what was not done when the limit stopped it
};

class LabSim {
 public:
  explicit LabSim(const config::Lab& lab, const core::Logger& log);
  ~LabSim();
  LabSim(const LabSim&) = delete;
  LabSim& operator=(const LabSim&) = delete;

  void start();
  ConvergeResult converge(core::Duration limit = std::chrono::minutes(5));

  // The state converge() waits for; empty when done ("R1: OSPF neighbor 2.2.2.2 not Full").
  std::string pending_work() const;

  SimRouter& router(const std::string& name) { return *routers_.at(name); }
  const SimRouter& router(const std::string& name) const { return *routers_.at(name); }
  bool has(const std::string& name) const { return routers_.count(name) != 0; }
  const std::map<std::string, std::unique_ptr<SimRouter>>& routers() const { return routers_; }
  const config::Lab& lab() const { return lab_; }
  netsim::Network& network() { return network_; }

 private:
  void build_router(const config::LabNode& node);
  void build_links();
  void build_protocols(SimRouter& r);
  void igp_changed(SimRouter& r);
  void export_vrfs(SimRouter& r);
  // `redistribute bgp` of the VRF processes: their externals follow the VRF
  // tables' BGP routes (only when the BGP table moved).
  void redistribute_bgp(SimRouter& r);
  // PE-CE BGP: the VRF export follows the CE-learned routes, and the VRF
  // speakers originate what the CEs are to learn (vpn::ce_advertisements).
  void sync_vrf_bgp(SimRouter& r);
  // A fingerprint of every node's routes, labels and BGP tables: converge()
  // waits until it stops moving.
  std::string fingerprint() const;

  const config::Lab& lab_;
  const core::Logger& log_;
  netsim::Network network_;
  std::map<std::string, std::unique_ptr<SimRouter>> routers_;
  std::map<std::uint32_t, netsim::Node*> bgp_owner_;  // BGP address -> node
  std::map<std::uint32_t, LdpNode*> ldp_owner_;       // transport address -> LDP node
};

}  // namespace l3vpn::sim
