// One LDP session's TCP connection (edge code, Asio): a bgp::TcpConnection
// (the shared TCP plumbing: write queue, linger on close, errors) read as a
// raw stream and cut into whole PDUs by PduFramer.
//
// Threads: every call and handler on the io_context's thread; handlers
//   never run inside a call on this object.
// Limits: PDUs up to 4096 bytes (set_max_pdu_length after Initialization);
//   the write queue as TcpConnection's (8 MiB, then the connection fails).
// Failure: a bad PDU header goes to on_error once and reading stops (the
//   instance answers with its Notification and closes); EOF or a socket
//   error calls on_closed once. After close() no handler runs.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <vector>

#include "bgp/transport/tcp_connection.hpp"
#include "ldp/transport/pdu_framer.hpp"

namespace l3vpn::ldp {

class SessionConnection : public std::enable_shared_from_this<SessionConnection> {
 public:
  using PduHandler = std::function<void(std::span<const std::uint8_t> pdu)>;
  using ErrorHandler = std::function<void(const DecodeError& error)>;
  using ClosedHandler = std::function<void(const boost::system::error_code& error)>;

  static std::shared_ptr<SessionConnection> adopt(std::shared_ptr<bgp::TcpConnection> connection);

  void start(PduHandler on_pdu, ErrorHandler on_error, ClosedHandler on_closed);
  bool send(std::vector<std::uint8_t> pdu) { return connection_->send(std::move(pdu)); }
  void close();
  bool is_open() const { return connection_->is_open(); }
  std::uint32_t remote_address() const;
  std::uint32_t local_address() const;

 private:
  explicit SessionConnection(std::shared_ptr<bgp::TcpConnection> connection)
      : connection_(std::move(connection)) {}
  void on_bytes(std::span<const std::uint8_t> bytes);

  std::shared_ptr<bgp::TcpConnection> connection_;
  PduFramer framer_;
  PduHandler on_pdu_;
  ErrorHandler on_error_;
  bool closed_ = false;
};

}  // namespace l3vpn::ldp
