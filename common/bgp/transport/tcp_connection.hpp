// One established BGP transport connection (edge code, Asio): reads whole
// BGP messages off the socket and queues writes.
//
// Threads: every call and every handler on the thread running the
//   io_context; not thread-safe. Handlers run from the io_context only, never
//   inside a call made on this object.
// Reading: starts with start(); each whole message (header included) goes to
//   on_message, framed by the header's length field (MessageFramer); a bad
//   header goes to on_decode_error once and reading stops (the session
//   answers with its NOTIFICATION, then close()s). Messages may be up to
//   4096 bytes, or set_max_message_length(65535) after RFC 8654 negotiation.
// Writing: send() queues a whole message; writes go out in order, one at a
//   time. send() returns false on a closed connection or when more than
//   max_queued_bytes (8 MiB) would be waiting (a stuck peer): the connection
//   is then failed with on_closed(no_buffer_space).
// Closing: close() lets the queued writes go out (at most 5 s), then shuts
//   the socket down; on_closed is not called for it. EOF from the peer, a
//   read or write error, or a failed send() closes the socket and calls
//   on_closed(error) once (boost::asio::error::eof for a clean EOF).
//   Handlers are dropped after the close, so they may hold the connection.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <array>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <span>
#include <vector>

#include "bgp/transport/message_framer.hpp"

namespace l3vpn::bgp {

class TcpConnection : public std::enable_shared_from_this<TcpConnection> {
 public:
  using MessageHandler =
      std::function<void(const MessageHeader& header, std::span<const std::uint8_t> message)>;
  using DecodeErrorHandler = std::function<void(const DecodeError& error)>;
  using ClosedHandler = std::function<void(const boost::system::error_code& error)>;

  static constexpr std::size_t kMaxQueuedBytes = 8 * 1024 * 1024;

  // Takes over a connected socket.
  static std::shared_ptr<TcpConnection> adopt(boost::asio::ip::tcp::socket socket);
  ~TcpConnection();
  TcpConnection(const TcpConnection&) = delete;
  TcpConnection& operator=(const TcpConnection&) = delete;

  void start(MessageHandler on_message, DecodeErrorHandler on_decode_error,
             ClosedHandler on_closed);
  // Unframed: every read goes to on_bytes as it came, for a protocol with its
  // own framer (LDP's PDU length). Otherwise as start().
  using BytesHandler = std::function<void(std::span<const std::uint8_t> bytes)>;
  void start_stream(BytesHandler on_bytes, ClosedHandler on_closed);
  void set_max_message_length(std::size_t length) { framer_.set_max_length(length); }

  bool send(std::vector<std::uint8_t> message);
  void close();

  bool is_open() const { return state_ == State::Open; }
  const boost::asio::ip::tcp::endpoint& local_endpoint() const { return local_; }
  const boost::asio::ip::tcp::endpoint& remote_endpoint() const { return remote_; }
  std::size_t queued_bytes() const { return queued_bytes_; }
  // The socket, for read-only queries (show tcp brief: its bound device).
  int native_handle() { return socket_.native_handle(); }

 private:
  enum class State { Open, Closing, Closed };
  explicit TcpConnection(boost::asio::ip::tcp::socket socket);

  void read_next();
  void on_read(const boost::system::error_code& error, std::size_t size);
  void write_next();
  void fail(const boost::system::error_code& error);
  void shut_down();

  boost::asio::ip::tcp::socket socket_;
  boost::asio::steady_timer linger_timer_;
  boost::asio::ip::tcp::endpoint local_;
  boost::asio::ip::tcp::endpoint remote_;
  MessageFramer framer_;
  std::array<std::uint8_t, 16384> read_buffer_{};
  std::deque<std::vector<std::uint8_t>> write_queue_;
  std::size_t queued_bytes_ = 0;
  bool writing_ = false;
  bool reading_ = false;
  State state_ = State::Open;
  MessageHandler on_message_;
  DecodeErrorHandler on_decode_error_;
  ClosedHandler on_closed_;
  BytesHandler on_bytes_;
};

}  // namespace l3vpn::bgp
