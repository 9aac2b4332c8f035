// Several routers' BGP speakers on one in-process network, built from their
// configurations: the BGP part of the lab simulator, and the bench the BGP
// scenario tests run on. Each router's node answers on its update-source
// address (its router ID when it has none); sessions connect by those.
//
// Until the IGP exists, next hops are resolved by the resolver given, the
// same for every router. Single-threaded, on the network's manual clock.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "bgp/rib/next_hop_resolver.hpp"
#include "bgp/speaker/speaker.hpp"
#include "config/model.hpp"
#include "core/log.hpp"
#include "netsim/network.hpp"
#include "sim/bgp_netsim.hpp"

namespace l3vpn::sim {

struct BgpLabRouter {
  std::string name;
  config::Config config;
  netsim::Node* node = nullptr;
  std::unique_ptr<NetsimTransportFactory> transports;
  std::unique_ptr<bgp::Speaker> speaker;
};

class BgpLab {
 public:
  BgpLab(const bgp::rib::NextHopResolver& resolver, const core::Logger& log) : resolver_(resolver), log_(log) {}
  BgpLab(const BgpLab&) = delete;
  BgpLab& operator=(const BgpLab&) = delete;

  // A router with `router bgp`; false (and nothing added) without one.
  bool add_router(const std::string& name, const config::Config& config);
  // Starts every speaker (their sessions connect as the clock runs).
  void start();

  BgpLabRouter& router(const std::string& name) { return *routers_.at(name); }
  bool has(const std::string& name) const { return routers_.count(name) != 0; }
  // Every session of every router Established.
  bool converged() const;

  netsim::Network network;

 private:
  const bgp::rib::NextHopResolver& resolver_;
  const core::Logger& log_;
  std::map<std::string, std::unique_ptr<BgpLabRouter>> routers_;
  std::map<std::uint32_t, netsim::Node*> owner_;  // address -> node
};

}  // namespace l3vpn::sim
