#include "sim/bgp_ce_netsim.hpp"

namespace l3vpn::sim {

std::unique_ptr<bgp::PeerTransport> DirectBgpTransports::make(const bgp::PeerConfig& peer) {
  const config::Ipv4Address local{peer.local_address.value_or(0)};
  netsim::StreamOptions options;
  for (const auto& [name, itf] : interfaces_)
    if (peer.local_address && itf->address() == local) options.path = {&itf->segment()};
  return std::make_unique<NetsimPeerTransport>(network_, node_, local, config::Ipv4Address{peer.address}, locate_,
                                               std::move(options));
}

}  // namespace l3vpn::sim
