#include "bgp/transport/tcp_listener.hpp"

#include <chrono>

#include "bgp/transport/socket_options.hpp"

namespace l3vpn::bgp {

TcpListener::TcpListener(boost::asio::io_context& io, ListenerConfig config,
                         AcceptHandler on_accept)
    : config_(std::move(config)), on_accept_(std::move(on_accept)), acceptor_(io),
      retry_timer_(io) {}

TcpListener::~TcpListener() {
  *alive_ = false;
  close();
}

std::optional<std::string> TcpListener::open() {
  if (acceptor_.is_open()) return std::nullopt;
  const boost::asio::ip::tcp::endpoint endpoint(config_.address, config_.port);
  const std::string where = endpoint.address().to_string() + " port " +
                            std::to_string(endpoint.port());
  boost::system::error_code error;
  const auto failed = [&](const std::string& what) -> std::optional<std::string> {
    boost::system::error_code ignored;
    acceptor_.close(ignored);
    return "BGP listener " + where + ": " + what;
  };
  acceptor_.open(endpoint.protocol(), error);
  if (error) return failed("socket: " + error.message());
  acceptor_.set_option(boost::asio::socket_base::reuse_address(true), error);
  if (error) return failed("SO_REUSEADDR: " + error.message());
  if (auto bad = bind_to_device(acceptor_.native_handle(), config_.device)) return failed(*bad);
  for (const auto& [peer, key] : keys_) {
    if (auto bad = set_tcp_md5_key(acceptor_.native_handle(), peer, key)) return failed(*bad);
  }
  acceptor_.bind(endpoint, error);
  if (error) return failed("bind: " + error.message());
  acceptor_.listen(boost::asio::socket_base::max_listen_connections, error);
  if (error) return failed("listen: " + error.message());
  accept_next();
  return std::nullopt;
}

void TcpListener::close() {
  boost::system::error_code ignored;
  retry_timer_.cancel();
  acceptor_.close(ignored);
}

boost::asio::ip::tcp::endpoint TcpListener::local_endpoint() const {
  boost::system::error_code ignored;
  return acceptor_.local_endpoint(ignored);
}

std::optional<std::string> TcpListener::set_peer_key(const boost::asio::ip::address& peer,
                                                     std::string key) {
  if (key.size() > kMaxTcpMd5KeyLength) {
    return "TCP MD5 key for " + peer.to_string() + " longer than " +
           std::to_string(kMaxTcpMd5KeyLength) + " bytes";
  }
  if (acceptor_.is_open()) {
    const bool had_key = keys_.count(peer) > 0;
    if (!key.empty() || had_key) {
      if (auto bad = set_tcp_md5_key(acceptor_.native_handle(), peer, key)) return bad;
    }
  }
  if (key.empty()) {
    keys_.erase(peer);
  } else {
    keys_[peer] = std::move(key);
  }
  return std::nullopt;
}

void TcpListener::accept_next() {
  acceptor_.async_accept([this, alive = alive_](const boost::system::error_code& error,
                                                boost::asio::ip::tcp::socket socket) {
    if (!*alive || !acceptor_.is_open()) return;
    if (error) {
      if (error == boost::asio::error::operation_aborted) return;
      retry_timer_.expires_after(std::chrono::milliseconds(100));
      retry_timer_.async_wait([this, alive](const boost::system::error_code& wait_error) {
        if (*alive && !wait_error && acceptor_.is_open()) accept_next();
      });
      return;
    }
    auto connection = TcpConnection::adopt(std::move(socket));
    accept_next();
    const AcceptHandler handler = on_accept_;
    if (handler) handler(std::move(connection));
  });
}

}  // namespace l3vpn::bgp
