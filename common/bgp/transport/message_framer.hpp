// Cuts a TCP byte stream into whole BGP messages (RFC 4271 section 4.1): the
// 19-byte header's length field says where each message ends. Bytes come in
// any split; messages come out whole, header included.
//
// Pure (no socket): TcpConnection feeds it, and tests can too. A header that
// fails bgp::decode_header (bad marker, length out of range for the type or
// above the maximum, unknown type) is returned as the DecodeError the session
// answers with its NOTIFICATION; the stream has lost its framing then, so the
// framer stays failed and returns nothing more.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "bgp/codec/message.hpp"

namespace l3vpn::bgp {

struct FramedMessage {
  MessageHeader header;
  std::vector<std::uint8_t> bytes;  // the whole message, header included
};

class MessageFramer {
 public:
  // 4096, or 65535 once the extended message capability is negotiated (RFC 8654).
  explicit MessageFramer(std::size_t max_length = kMaxMessageLength) : max_length_(max_length) {}

  void set_max_length(std::size_t max_length) { max_length_ = max_length; }
  std::size_t max_length() const { return max_length_; }

  void append(std::span<const std::uint8_t> bytes);
  // The next whole message; nothing while more bytes are needed (or after an error).
  std::optional<Decoded<FramedMessage>> next();

  bool failed() const { return failed_; }
  std::size_t buffered() const { return buffer_.size() - consumed_; }

 private:
  std::size_t max_length_;
  std::vector<std::uint8_t> buffer_;
  std::size_t consumed_ = 0;
  bool failed_ = false;
};

}  // namespace l3vpn::bgp
