// BGP over the in-process network: a PeerTransport on netsim streams, and the
// glue that listens on a node's port 179 and hands incoming connections to
// its speaker. Used by the lab simulator and the BGP scenario tests, so the
// speaker runs exactly the code a daemon runs, on the simulated clock.
//
// Callbacks into the session are always scheduled on the network's loop,
// never made from inside a call of the session (the FSM is not re-entrant).
#pragma once

#include <functional>
#include <memory>

#include "bgp/speaker/speaker.hpp"
#include "netsim/network.hpp"

namespace l3vpn::sim {

inline constexpr std::uint16_t kBgpPort = 179;

// Which node owns an address (nullptr: unreachable).
using AddressLocator = std::function<const netsim::Node*(config::Ipv4Address)>;

class NetsimPeerTransport final : public bgp::PeerTransport {
 public:
  NetsimPeerTransport(netsim::Network& network, const netsim::Node& node, config::Ipv4Address local,
                      config::Ipv4Address remote, AddressLocator locate, netsim::StreamOptions options = {});
  void connect() override;
  bool send(std::vector<std::uint8_t> message) override;
  void disconnect() override;
  // An accepted connection becomes this peer's.
  void adopt(std::shared_ptr<netsim::StreamEndpoint> stream);

 private:
  netsim::Network& network_;
  const netsim::Node& node_;
  config::Ipv4Address local_;
  config::Ipv4Address remote_;
  AddressLocator locate_;
  netsim::StreamOptions options_;
  std::shared_ptr<netsim::StreamEndpoint> stream_;
  std::uint64_t generation_ = 0;  // bumps on disconnect: late callbacks of old attempts are ignored
};

class NetsimTransportFactory final : public bgp::TransportFactory {
 public:
  NetsimTransportFactory(netsim::Network& network, const netsim::Node& node, AddressLocator locate,
                         netsim::StreamOptions options = {})
      : network_(network), node_(node), locate_(std::move(locate)), options_(std::move(options)) {}
  std::unique_ptr<bgp::PeerTransport> make(const bgp::PeerConfig& peer) override;

 private:
  netsim::Network& network_;
  const netsim::Node& node_;
  AddressLocator locate_;
  netsim::StreamOptions options_;
};

// Listens on `address`:179 of `node` (0.0.0.0: any) for `speaker`.
bool listen_bgp(netsim::Network& network, const netsim::Node& node, config::Ipv4Address address,
                bgp::Speaker& speaker);

}  // namespace l3vpn::sim
