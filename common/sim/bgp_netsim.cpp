#include "sim/bgp_netsim.hpp"

namespace l3vpn::sim {

NetsimPeerTransport::NetsimPeerTransport(netsim::Network& network, const netsim::Node& node,
                                         config::Ipv4Address local, config::Ipv4Address remote,
                                         AddressLocator locate, netsim::StreamOptions options)
    : network_(network), node_(node), local_(local), remote_(remote), locate_(std::move(locate)),
      options_(std::move(options)) {}

void NetsimPeerTransport::connect() {
  std::uint64_t attempt = ++generation_;
  const netsim::Node* to = locate_(remote_);
  if (!to) {
    network_.schedule(core::Duration::zero(), [this, attempt] {
      if (attempt == generation_ && session_) session_->connect_failed();
    });
    return;
  }
  network_.connect(node_, local_, *to, remote_, kBgpPort, [this, attempt](netsim::ConnectResult result) {
    if (attempt != generation_ || !session_) {
      if (result.stream) result.stream->close();  // an attempt abandoned meanwhile
      return;
    }
    if (!result.stream) {
      session_->connect_failed();
      return;
    }
    adopt(std::move(result.stream));
    session_->connected();
  }, options_);
}

void NetsimPeerTransport::adopt(std::shared_ptr<netsim::StreamEndpoint> stream) {
  std::uint64_t current = ++generation_;
  stream_ = std::move(stream);
  stream_->on_data([this, current](std::span<const std::uint8_t> bytes) {
    if (current == generation_ && session_) session_->received(bytes);
  });
  stream_->on_close([this, current](netsim::CloseReason) {
    if (current != generation_ || !session_) return;
    stream_.reset();
    session_->closed();
  });
}

bool NetsimPeerTransport::send(std::vector<std::uint8_t> message) {
  return stream_ && stream_->write(message);
}

void NetsimPeerTransport::disconnect() {
  ++generation_;
  if (stream_) stream_->close();
  stream_.reset();
}

std::unique_ptr<bgp::PeerTransport> NetsimTransportFactory::make(const bgp::PeerConfig& peer) {
  config::Ipv4Address local{peer.local_address.value_or(0)};
  return std::make_unique<NetsimPeerTransport>(network_, node_, local, config::Ipv4Address{peer.address},
                                               locate_, options_);
}

bool listen_bgp(netsim::Network& network, const netsim::Node& node, config::Ipv4Address address,
                bgp::Speaker& speaker) {
  return network.listen(node, address, kBgpPort, [&speaker](std::shared_ptr<netsim::StreamEndpoint> stream) {
    std::uint32_t remote = stream->remote().address.value;
    bgp::PeerSession* session = speaker.incoming(remote, [&](bgp::SpeakerPeer& peer) {
      static_cast<NetsimPeerTransport&>(*peer.transport).adopt(stream);
    });
    if (!session) stream->close();
  });
}

}  // namespace l3vpn::sim
