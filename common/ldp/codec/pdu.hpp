// LDP PDUs (RFC 5036 section 3.1): a header and one or more messages, each
// bounded by its own length.
//
// decode_pdu answers either a fatal error (send its Notification, close the
// session) or the messages it accepted plus the non-fatal errors met on the
// way: one Notification each, their messages dropped, the others kept
// (section 3.5.1.1). An unknown message type with the U bit set is dropped
// silently; with the U bit clear it is Unknown Message Type.
//
// Pure; reads through ByteReader, never past the buffer.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "ldp/codec/header.hpp"
#include "ldp/codec/messages.hpp"
#include "ldp/codec/status.hpp"

namespace l3vpn::ldp {

struct Pdu {
  LdpId ldp_id;
  std::vector<Message> messages;
  bool operator==(const Pdu&) const = default;
};

struct PduLimits {
  std::uint16_t max_pdu_length = kDefaultMaxPduLength;  // PDU Length field, as negotiated
  std::optional<LdpId> expected_ldp_id;                 // the session's peer; unset: any
};

struct DecodedPdu {
  Pdu pdu;                               // accepted messages, in order
  std::vector<DecodeError> notifications;  // non-fatal errors: one Notification each
};

// The 10-byte header alone, to frame a TCP stream: the PDU is
// 4 + header.length bytes. Checks the version, the length against the limit
// and the LDP identifier (never 0.0.0.0; the session's peer when given).
Decoded<PduHeader> decode_pdu_header(std::span<const std::uint8_t> bytes,
                                     const PduLimits& limits = {});

// Exactly one PDU: `bytes` must end where its PDU Length says.
Decoded<DecodedPdu> decode_pdu(std::span<const std::uint8_t> bytes, const PduLimits& limits = {});

std::vector<std::uint8_t> encode_pdu(const Pdu& pdu);

}  // namespace l3vpn::ldp
