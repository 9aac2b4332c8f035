// The control plane of a whole lab in one process (`l3vpnctl sim`): every
// node of lab.yaml built from its configuration with the real protocol code
// - OSPF (sim::OspfNode), LDP (sim::LdpNode), BGP (bgp::Speaker on netsim
// streams) and the VRF export of vpn/vrf_export - on one in-process network
// and its manual clock. Each link of lab.yaml becomes a segment joining the
// two interfaces with the addresses of their configs.
//
// Roles as the daemons run them: p = OSPF + LDP; rr = OSPF + BGP; pe = OSPF
// + LDP + BGP (+ VRFs); host = nothing (its connected and static routes are
// all it has). As on a router, OSPF routes feed LDP's FECs, and OSPF routes
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
#include "vpn/vrf_export.hpp"

namespace l3vpn::sim {

struct SimRouter {
  std::string name;
  config::Role role = config::Role::Host;
  config::Config config;
  netsim::Node* node = nullptr;
  std::map<std::string, netsim::Interface*> interfaces;  // config name -> its end of a lab link
  std::vector<std::unique_ptr<OspfNode>> ospf;            // global-table processes
  vpn::LabelAllocator labels;                             // shared by LDP and the VPN labels
  std::unique_ptr<LdpNode> ldp;
  vpn::LspResolver resolver;
  std::unique_ptr<NetsimTransportFactory> transports;
  std::unique_ptr<bgp::Speaker> speaker;
  std::vector<vpn::ExportedRoute> exported;

  // Every OSPF route of the global processes, merged (lowest cost per prefix).
  std::vector<ospf::SpfRoute> ospf_routes() const;
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
