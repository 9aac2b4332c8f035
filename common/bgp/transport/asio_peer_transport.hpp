// BGP sessions over real TCP (edge code, Asio): the PeerTransport a daemon's
// speaker uses, its factory, and the listener glue that hands accepted
// connections to the speaker. The netsim counterpart is sim/bgp_netsim.hpp.
//
// Threads: everything on the thread running the io_context; not thread-safe.
// Re-entrancy: the session is only ever called from io_context handlers
//   (connector outcome, connection message/close), never from inside one of
//   the session's own calls: connect() reports even an immediate failure
//   later (TcpConnector posts it), and a failed send() is reported by the
//   connection's posted on_closed.
// Generations: every connect(), adopt() and disconnect() starts a new
//   generation; callbacks of an older one (an abandoned attempt, a connection
//   replaced by an accepted one) are ignored, and a connection that still
//   arrives for one is closed.
// Failure: connect failures (bind to the update-source, refused, timed out:
//   a wrong MD5 key shows up as a timeout) go to the session as
//   connect_failed() and to the log at debug level; listener errors are
//   returned by listen_bgp() for the caller to log.
// Closing: disconnect() lets queued messages (a Cease) go out, at most 5 s.
#pragma once

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "bgp/speaker/speaker.hpp"
#include "bgp/transport/tcp_connection.hpp"
#include "bgp/transport/tcp_connector.hpp"
#include "bgp/transport/tcp_listener.hpp"
#include "core/log.hpp"

namespace l3vpn::bgp {

inline constexpr std::uint16_t kBgpPort = 179;

struct AsioTransportOptions {
  std::uint16_t port = kBgpPort;  // the peer's port we connect to
  std::chrono::milliseconds connect_timeout = std::chrono::seconds(30);
  // A Linux VRF device the sessions' sockets are bound to (SO_BINDTODEVICE),
  // so a session inside a VRF routes and sources through that VRF's table;
  // empty: the default table.
  std::string device;
};

class AsioPeerTransport final : public PeerTransport {
 public:
  AsioPeerTransport(boost::asio::io_context& io, const PeerConfig& peer, AsioTransportOptions options,
                    const core::Logger& log);
  ~AsioPeerTransport() override;
  AsioPeerTransport(const AsioPeerTransport&) = delete;
  AsioPeerTransport& operator=(const AsioPeerTransport&) = delete;

  // From update-source (PeerConfig::local_address) to peer:port, with the
  // peer's MD5 password.
  void connect() override;
  bool send(std::vector<std::uint8_t> message) override;
  void disconnect() override;
  // An accepted connection becomes this peer's (called through
  // Speaker::incoming's adopt, before the OPEN goes out).
  void adopt(std::shared_ptr<TcpConnection> connection);

  bool connected() const { return connection_ != nullptr; }
  TcpConnection* connection() const { return connection_.get(); }
  // Nothing left to write on connections given up by disconnect().
  bool flushed() const;

 private:
  // Shared with the callbacks, so one that runs after the transport is gone
  // (a posted on_closed) sees it expired.
  struct Token {
    std::uint64_t generation = 0;
  };
  void start_reading(std::uint64_t generation);
  void release_connection();

  ConnectRequest request_;
  const core::Logger& log_;
  TcpConnector connector_;
  std::shared_ptr<TcpConnection> connection_;
  std::vector<std::weak_ptr<TcpConnection>> closing_;
  std::shared_ptr<Token> token_ = std::make_shared<Token>();
};

class AsioTransportFactory final : public TransportFactory {
 public:
  AsioTransportFactory(boost::asio::io_context& io, AsioTransportOptions options, const core::Logger& log)
      : io_(io), options_(options), log_(log) {}
  std::unique_ptr<PeerTransport> make(const PeerConfig& peer) override;

 private:
  boost::asio::io_context& io_;
  AsioTransportOptions options_;
  const core::Logger& log_;
};

// The address the BGP listener binds to: the update-source address when
// every (global) peer has the same one, else 0.0.0.0.
std::uint32_t listen_address(const BgpInstanceConfig& config);

struct BgpListen {
  std::unique_ptr<TcpListener> listener;  // open on success
  std::optional<std::string> error;       // why it could not be opened
};

// A TcpListener on address:port for `speaker`, with each configured peer's
// MD5 password; an accepted connection goes to Speaker::incoming and is
// closed when no session takes it. `device`: a VRF device the listener is
// bound to (only connections arriving through that VRF reach it; "" for the
// default table). The speaker's transports must be AsioPeerTransports;
// `speaker` must outlive the listener.
BgpListen listen_bgp(boost::asio::io_context& io, std::uint32_t address, std::uint16_t port, Speaker& speaker,
                     const core::Logger& log, const std::string& device = "");

// How `ss -ltn` shows a listener: "0.0.0.0%routing:179", "10.0.0.1:179".
std::string listener_text(std::uint32_t address, std::uint16_t port, const std::string& device);

}  // namespace l3vpn::bgp
