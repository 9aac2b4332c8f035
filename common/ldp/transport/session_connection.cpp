#include "ldp/transport/session_connection.hpp"

namespace l3vpn::ldp {

std::shared_ptr<SessionConnection> SessionConnection::adopt(std::shared_ptr<bgp::TcpConnection> connection) {
  return std::shared_ptr<SessionConnection>(new SessionConnection(std::move(connection)));
}

void SessionConnection::start(PduHandler on_pdu, ErrorHandler on_error, ClosedHandler on_closed) {
  on_pdu_ = std::move(on_pdu);
  on_error_ = std::move(on_error);
  // weak: the TCP connection must not keep this object (its owner) alive.
  std::weak_ptr<SessionConnection> weak = weak_from_this();
  connection_->start_stream(
      [weak](std::span<const std::uint8_t> bytes) {
        if (auto self = weak.lock()) self->on_bytes(bytes);
      },
      [weak, handler = std::move(on_closed)](const boost::system::error_code& error) {
        auto self = weak.lock();
        if (!self || self->closed_) return;
        self->closed_ = true;
        if (handler) handler(error);
      });
}

void SessionConnection::on_bytes(std::span<const std::uint8_t> bytes) {
  framer_.append(bytes);
  while (!closed_) {
    auto next = framer_.next();
    if (!next) return;
    if (auto* bad = std::get_if<DecodeError>(&*next)) {
      const ErrorHandler handler = on_error_;
      if (handler) handler(*bad);
      return;
    }
    const PduHandler handler = on_pdu_;  // it may close the connection
    if (handler) handler(std::get<std::vector<std::uint8_t>>(*next));
  }
}

void SessionConnection::close() {
  closed_ = true;
  on_pdu_ = nullptr;
  on_error_ = nullptr;
  connection_->close();
}

std::uint32_t SessionConnection::remote_address() const {
  const auto a = connection_->remote_endpoint().address();
  return a.is_v4() ? a.to_v4().to_uint() : 0;
}

std::uint32_t SessionConnection::local_address() const {
  const auto a = connection_->local_endpoint().address();
  return a.is_v4() ? a.to_v4().to_uint() : 0;
}

}  // namespace l3vpn::ldp
