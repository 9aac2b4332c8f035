#include "bgp/transport/asio_peer_transport.hpp"

#include <algorithm>

namespace l3vpn::bgp {
namespace {

boost::asio::ip::address v4(std::uint32_t address) { return boost::asio::ip::address_v4(address); }

// The IPv4 address of an accepted connection's peer (0 when it has none).
std::uint32_t remote_ipv4(const TcpConnection& connection) {
  const boost::asio::ip::address a = connection.remote_endpoint().address();
  if (a.is_v4()) return a.to_v4().to_uint();
  if (a.is_v6() && a.to_v6().is_v4_mapped())
    return boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, a.to_v6()).to_uint();
  return 0;
}

}  // namespace

AsioPeerTransport::AsioPeerTransport(boost::asio::io_context& io, const PeerConfig& peer,
                                     AsioTransportOptions options, const core::Logger& log)
    : log_(log), connector_(io) {
  request_.peer = v4(peer.address);
  request_.port = options.port;
  if (peer.local_address) request_.source = v4(*peer.local_address);
  request_.md5_key = peer.password;
  request_.timeout = options.connect_timeout;
  request_.device = options.device;
}

AsioPeerTransport::~AsioPeerTransport() {
  connector_.cancel();
  release_connection();
}

void AsioPeerTransport::connect() {
  const std::uint64_t generation = ++token_->generation;
  release_connection();
  connector_.connect(request_, [this, token = std::weak_ptr<Token>(token_), generation](ConnectOutcome outcome) {
    const auto alive = token.lock();
    if (!alive || alive->generation != generation || !session_) {
      if (outcome.connection) outcome.connection->close();  // an attempt abandoned meanwhile
      return;
    }
    if (!outcome.connection) {
      log_.debug("BGP: " + outcome.detail);
      session_->connect_failed();
      return;
    }
    connection_ = std::move(outcome.connection);
    start_reading(generation);
    session_->connected();
  });
}

void AsioPeerTransport::adopt(std::shared_ptr<TcpConnection> connection) {
  const std::uint64_t generation = ++token_->generation;
  connector_.cancel();
  release_connection();
  connection_ = std::move(connection);
  start_reading(generation);
}

void AsioPeerTransport::start_reading(std::uint64_t generation) {
  const std::weak_ptr<Token> token = token_;
  const auto current = [token, generation] {
    const auto alive = token.lock();
    return alive && alive->generation == generation;
  };
  connection_->start(
      [this, current](const MessageHeader&, std::span<const std::uint8_t> message) {
        if (current() && session_) session_->received(message);
      },
      [this, current](const DecodeError& error) {
        if (current() && session_) session_->framing_error(error);
      },
      [this, current](const boost::system::error_code& error) {
        if (!current()) return;
        log_.debug("BGP: connection to " + request_.peer.to_string() + " closed: " + error.message());
        connection_.reset();
        if (session_) session_->closed();
      });
}

bool AsioPeerTransport::send(std::vector<std::uint8_t> message) {
  return connection_ && connection_->send(std::move(message));
}

void AsioPeerTransport::disconnect() {
  ++token_->generation;
  connector_.cancel();
  release_connection();
}

void AsioPeerTransport::release_connection() {
  std::erase_if(closing_, [](const std::weak_ptr<TcpConnection>& c) { return c.expired(); });
  if (!connection_) return;
  connection_->close();  // the queued messages still go out
  closing_.push_back(connection_);
  connection_.reset();
}

bool AsioPeerTransport::flushed() const {
  return std::all_of(closing_.begin(), closing_.end(), [](const std::weak_ptr<TcpConnection>& c) {
    const auto connection = c.lock();
    return !connection || connection->queued_bytes() == 0;
  });
}

std::unique_ptr<PeerTransport> AsioTransportFactory::make(const PeerConfig& peer) {
  return std::make_unique<AsioPeerTransport>(io_, peer, options_, log_);
}

std::uint32_t listen_address(const BgpInstanceConfig& config) {
  std::optional<std::uint32_t> shared;
  for (const PeerConfig& peer : config.peers) {
    if (!peer.vrf.empty()) continue;
    if (!peer.local_address) return 0;
    if (shared && *shared != *peer.local_address) return 0;
    shared = peer.local_address;
  }
  return shared.value_or(0);
}

BgpListen listen_bgp(boost::asio::io_context& io, std::uint32_t address, std::uint16_t port, Speaker& speaker,
                     const core::Logger& log, const std::string& device) {
  ListenerConfig config;
  config.address = v4(address);
  config.port = port;
  config.device = device;
  BgpListen result;
  result.listener = std::make_unique<TcpListener>(io, config, [&speaker, &log](std::shared_ptr<TcpConnection> c) {
    const std::uint32_t remote = remote_ipv4(*c);
    log.debug("BGP: accepted a connection from " + c->remote_endpoint().address().to_string());
    PeerSession* session = speaker.incoming(remote, [&c](SpeakerPeer& peer) {
      static_cast<AsioPeerTransport&>(*peer.transport).adopt(c);
    });
    if (!session) c->close();
  });
  for (const PeerConfig& peer : speaker.config().peers) {
    if (peer.password.empty() || !peer.vrf.empty()) continue;
    if (auto error = result.listener->set_peer_key(v4(peer.address), peer.password)) {
      result.error = "BGP listener: MD5 key for " + v4(peer.address).to_string() + ": " + *error;
      return result;
    }
  }
  if (auto error = result.listener->open())
    result.error = "BGP listener on " + listener_text(address, port, device) + ": " + *error;
  return result;
}

std::string listener_text(std::uint32_t address, std::uint16_t port, const std::string& device) {
  return v4(address).to_string() + (device.empty() ? "" : "%" + device) + ":" + std::to_string(port);
}

}  // namespace l3vpn::bgp
