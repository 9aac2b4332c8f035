// Cuts an LDP session's TCP byte stream into whole PDUs (RFC 5036 section
// 3.1): version (2) | PDU length (2) | LDP identifier (6) | messages; a PDU
// is 4 + PDU length bytes. Bytes come in any split; PDUs come out whole.
//
// Pure (no socket): the LDP connection feeds it, tests can too. The header
// is checked with decode_pdu_header (version 1, length 6..max, LSR ID not
// 0.0.0.0), so a length below 6 or above the negotiated maximum (4096 until
// Initialization) is the DecodeError the session answers with its fatal
// Notification. The stream has lost its framing then: the framer stays
// failed and returns nothing more.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "ldp/codec/pdu.hpp"

namespace l3vpn::ldp {

class PduFramer {
 public:
  explicit PduFramer(std::uint16_t max_pdu_length = kDefaultMaxPduLength) : max_pdu_length_(max_pdu_length) {}

  void set_max_pdu_length(std::uint16_t length) { max_pdu_length_ = length; }
  void append(std::span<const std::uint8_t> bytes);
  // The next whole PDU (header included); nothing while more bytes are needed
  // (or after an error, which comes out once).
  std::optional<Decoded<std::vector<std::uint8_t>>> next();

  bool failed() const { return failed_; }
  std::size_t buffered() const { return buffer_.size() - consumed_; }

 private:
  std::uint16_t max_pdu_length_;
  std::vector<std::uint8_t> buffer_;
  std::size_t consumed_ = 0;
  bool failed_ = false;
};

}  // namespace l3vpn::ldp
