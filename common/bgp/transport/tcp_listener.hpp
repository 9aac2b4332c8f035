// Accepts BGP transport connections (edge code, Asio): a TCP listening socket
// on address:port (179 for BGP; configurable), optionally inside a VRF
// device (SO_BINDTODEVICE), with per-peer TCP MD5 keys (RFC 2385).
//
// Threads: every call and every handler on the thread running the
//   io_context; not thread-safe.
// Keys: set_peer_key() may be called before or after open(); the kernel then
//   requires a valid signature on every segment from that peer, so a peer
//   with a wrong or missing key never completes the handshake (its SYNs are
//   dropped, nothing is accepted, nothing is reported). Accepted connections
//   inherit the key.
// Limits: the kernel's listen backlog (SOMAXCONN); nothing else.
// Failure: open() returns an error message (bind/listen/option failure)
//   instead of throwing. An accept error other than cancellation (e.g. out of
//   descriptors) is retried after 100 ms. close() and the destructor stop
//   accepting; the accept handler is not called after that.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "bgp/transport/tcp_connection.hpp"

namespace l3vpn::bgp {

struct ListenerConfig {
  boost::asio::ip::address address = boost::asio::ip::address_v4::any();
  std::uint16_t port = 179;
  std::string device;  // a VRF device to listen in; empty: the default table
};

class TcpListener {
 public:
  using AcceptHandler = std::function<void(std::shared_ptr<TcpConnection>)>;

  TcpListener(boost::asio::io_context& io, ListenerConfig config, AcceptHandler on_accept);
  ~TcpListener();
  TcpListener(const TcpListener&) = delete;
  TcpListener& operator=(const TcpListener&) = delete;

  std::optional<std::string> open();
  void close();
  bool is_open() const { return acceptor_.is_open(); }
  // The bound endpoint (with the real port when config.port was 0).
  boost::asio::ip::tcp::endpoint local_endpoint() const;
  // The socket, for read-only queries (show tcp brief: its bound device); -1 when closed.
  int native_handle() { return acceptor_.is_open() ? acceptor_.native_handle() : -1; }

  // An empty key removes the peer's key.
  std::optional<std::string> set_peer_key(const boost::asio::ip::address& peer, std::string key);

 private:
  void accept_next();

  ListenerConfig config_;
  AcceptHandler on_accept_;
  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::steady_timer retry_timer_;
  std::map<boost::asio::ip::address, std::string> keys_;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace l3vpn::bgp
