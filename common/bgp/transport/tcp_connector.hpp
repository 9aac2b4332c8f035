// Opens BGP transport connections to a peer (edge code, Asio): the socket is
// bound to the local source address first (the update-source loopback, as
// iBGP between PE loopbacks needs), optionally put in a VRF device
// (SO_BINDTODEVICE) and given the peer's TCP MD5 key (RFC 2385), then
// connected to peer:port (179 for BGP; configurable).
//
// Threads: every call and the handler on the thread running the io_context;
//   not thread-safe. The handler never runs inside connect().
// Limits: one attempt at a time per connector; each attempt is bounded by
//   its timeout (default 30 s). A peer with a different MD5 key drops our
//   SYNs, so that shows up as a timeout.
// Failure: the handler gets a ConnectOutcome with the error and the step
//   that failed ("bind 10.0.0.1: Cannot assign requested address",
//   "connect 10.0.0.2:179: Connection refused", "... timed out"). A new
//   connect() or cancel() abandons the attempt in flight without calling its
//   handler; so does destroying the connector.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "bgp/transport/tcp_connection.hpp"

namespace l3vpn::bgp {

struct ConnectRequest {
  boost::asio::ip::address peer;
  std::uint16_t port = 179;
  std::optional<boost::asio::ip::address> source;  // update-source; nothing: the kernel picks
  std::string md5_key;                              // empty: no signature
  std::string device;                               // a VRF device; empty: the default table
  std::chrono::milliseconds timeout = std::chrono::seconds(30);
};

struct ConnectOutcome {
  std::shared_ptr<TcpConnection> connection;  // set on success
  boost::system::error_code error;            // set on failure
  std::string detail;                         // what failed, for the log
};

class TcpConnector {
 public:
  using Handler = std::function<void(ConnectOutcome)>;

  explicit TcpConnector(boost::asio::io_context& io) : io_(io) {}
  ~TcpConnector() { cancel(); }
  TcpConnector(const TcpConnector&) = delete;
  TcpConnector& operator=(const TcpConnector&) = delete;

  void connect(const ConnectRequest& request, Handler handler);
  void cancel();
  bool in_progress() const { return attempt_ != nullptr; }

 private:
  struct Attempt;
  boost::asio::io_context& io_;
  std::shared_ptr<Attempt> attempt_;
};

}  // namespace l3vpn::bgp
