// Transports for directly connected eBGP sessions in the simulator (PE-CE
// BGP, vpn/vrf_bgp_ce.hpp): like NetsimTransportFactory, but each session's
// stream rides on the lab link that joins the two routers, so taking that
// link down fails the session at once on both sides (as a real interface
// going down resets a directly connected eBGP session), and a new attempt
// is refused as unreachable while it is down. A peer with no local address
// on a lab link gets a stream with no path (never failed by a link).
// Single-threaded; the network's event loop only.
#pragma once

#include <map>
#include <string>

#include "sim/bgp_netsim.hpp"

namespace l3vpn::sim {

class DirectBgpTransports final : public bgp::TransportFactory {
 public:
  // `interfaces`: the router's ends of its lab links (they outlive this).
  DirectBgpTransports(netsim::Network& network, const netsim::Node& node, AddressLocator locate,
                      std::map<std::string, netsim::Interface*> interfaces)
      : network_(network), node_(node), locate_(std::move(locate)), interfaces_(std::move(interfaces)) {}
  std::unique_ptr<bgp::PeerTransport> make(const bgp::PeerConfig& peer) override;

 private:
  netsim::Network& network_;
  const netsim::Node& node_;
  AddressLocator locate_;
  std::map<std::string, netsim::Interface*> interfaces_;
};

}  // namespace l3vpn::sim
