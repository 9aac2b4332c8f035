#include "bgp/transport/tcp_connection.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <chrono>

namespace l3vpn::bgp {

namespace {

constexpr auto kCloseLinger = std::chrono::seconds(5);

boost::asio::ip::tcp::endpoint endpoint_or_empty(const boost::asio::ip::tcp::socket& s,
                                                 bool remote) {
  boost::system::error_code ignored;
  return remote ? s.remote_endpoint(ignored) : s.local_endpoint(ignored);
}

}  // namespace

std::shared_ptr<TcpConnection> TcpConnection::adopt(boost::asio::ip::tcp::socket socket) {
  return std::shared_ptr<TcpConnection>(new TcpConnection(std::move(socket)));
}

TcpConnection::TcpConnection(boost::asio::ip::tcp::socket socket)
    : socket_(std::move(socket)),
      linger_timer_(socket_.get_executor()),
      local_(endpoint_or_empty(socket_, false)),
      remote_(endpoint_or_empty(socket_, true)) {
  boost::system::error_code ignored;
  socket_.set_option(boost::asio::ip::tcp::no_delay(true), ignored);
}

TcpConnection::~TcpConnection() {
  boost::system::error_code ignored;
  socket_.close(ignored);
}

void TcpConnection::start(MessageHandler on_message, DecodeErrorHandler on_decode_error,
                          ClosedHandler on_closed) {
  on_message_ = std::move(on_message);
  on_decode_error_ = std::move(on_decode_error);
  on_closed_ = std::move(on_closed);
  if (state_ == State::Open && !reading_) read_next();
}

void TcpConnection::start_stream(BytesHandler on_bytes, ClosedHandler on_closed) {
  on_bytes_ = std::move(on_bytes);
  on_closed_ = std::move(on_closed);
  if (state_ == State::Open && !reading_) read_next();
}

void TcpConnection::read_next() {
  reading_ = true;
  socket_.async_read_some(boost::asio::buffer(read_buffer_),
                          [self = shared_from_this()](const boost::system::error_code& error,
                                                      std::size_t size) {
                            self->on_read(error, size);
                          });
}

void TcpConnection::on_read(const boost::system::error_code& error, std::size_t size) {
  reading_ = false;
  if (state_ != State::Open) return;
  if (error) {
    fail(error);
    return;
  }
  if (on_bytes_) {
    const BytesHandler handler = on_bytes_;  // it may close the connection
    handler(std::span<const std::uint8_t>(read_buffer_.data(), size));
    if (state_ == State::Open) read_next();
    return;
  }
  framer_.append(std::span<const std::uint8_t>(read_buffer_.data(), size));
  while (state_ == State::Open) {
    auto next = framer_.next();
    if (!next) break;
    if (auto* bad = std::get_if<DecodeError>(&*next)) {
      const DecodeErrorHandler handler = on_decode_error_;
      if (handler) handler(*bad);
      return;  // framing lost: no more reads
    }
    const auto& message = std::get<FramedMessage>(*next);
    const MessageHandler handler = on_message_;  // a handler may replace the handlers
    if (handler) handler(message.header, message.bytes);
  }
  if (state_ == State::Open && !framer_.failed()) read_next();
}

bool TcpConnection::send(std::vector<std::uint8_t> message) {
  if (state_ != State::Open) return false;
  if (queued_bytes_ + message.size() > kMaxQueuedBytes) {
    fail(boost::asio::error::no_buffer_space);
    return false;
  }
  queued_bytes_ += message.size();
  write_queue_.push_back(std::move(message));
  if (!writing_) write_next();
  return true;
}

void TcpConnection::write_next() {
  if (write_queue_.empty()) {
    if (state_ == State::Closing) shut_down();
    return;
  }
  writing_ = true;
  boost::asio::async_write(
      socket_, boost::asio::buffer(write_queue_.front()),
      [self = shared_from_this()](const boost::system::error_code& error, std::size_t) {
        self->writing_ = false;
        if (self->state_ == State::Closed) return;
        if (error) {
          if (self->state_ == State::Closing) {
            self->shut_down();
          } else {
            self->fail(error);
          }
          return;
        }
        self->queued_bytes_ -= self->write_queue_.front().size();
        self->write_queue_.pop_front();
        self->write_next();
      });
}

void TcpConnection::close() {
  if (state_ != State::Open) return;
  state_ = State::Closing;
  on_bytes_ = nullptr;
  on_message_ = nullptr;
  on_decode_error_ = nullptr;
  on_closed_ = nullptr;
  if (!writing_) {
    shut_down();
    return;
  }
  linger_timer_.expires_after(kCloseLinger);
  linger_timer_.async_wait([self = shared_from_this()](const boost::system::error_code& error) {
    if (!error) self->shut_down();
  });
}

void TcpConnection::fail(const boost::system::error_code& error) {
  if (state_ != State::Open) return;
  ClosedHandler handler = std::move(on_closed_);
  shut_down();
  // Posted: send() may fail the connection, and handlers never run inside a call.
  if (handler) {
    boost::asio::post(socket_.get_executor(),
                      [handler = std::move(handler), error] { handler(error); });
  }
}

void TcpConnection::shut_down() {
  if (state_ == State::Closed) return;
  state_ = State::Closed;
  on_bytes_ = nullptr;
  on_message_ = nullptr;
  on_decode_error_ = nullptr;
  on_closed_ = nullptr;
  write_queue_.clear();
  queued_bytes_ = 0;
  boost::system::error_code ignored;
  linger_timer_.cancel();
  socket_.shutdown(boost::asio::ip::tcp::socket::shutdown_both, ignored);
  socket_.close(ignored);
}

}  // namespace l3vpn::bgp
