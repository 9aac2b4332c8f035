// LDP messages (RFC 5036 section 3.5): Notification, Hello, Initialization,
// KeepAlive, Address / Address Withdraw, and the label messages (Mapping,
// Request, Withdraw, Release, Abort Request).
//
// Pure: decode_message takes a message header and a reader bounded by that
// message's length; each TLV is read through its own sub-reader. Unknown
// TLVs follow section 3.5.1.2.2: U clear -> Unknown TLV (the message is
// dropped), U set -> ignored, U and F set -> kept in `forwarded` and encoded
// again after the known TLVs. A TLV this codec knows but which does not
// belong in the message is handled as unknown. Known TLVs and messages are
// encoded with U and F clear. When a TLV repeats, the last one wins.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <variant>
#include <vector>

#include "ldp/codec/header.hpp"
#include "ldp/codec/status.hpp"

namespace l3vpn::ldp {

inline constexpr std::uint16_t kAddressFamilyIpv4 = 1;  // IANA address family numbers
inline constexpr std::uint32_t kImplicitNullLabel = 3;
inline constexpr std::uint32_t kMaxLabel = 0xFFFFF;      // 20 bits

// Status TLV + optional parameters (section 3.5.1).
struct Notification {
  std::uint32_t id = 0;
  std::uint32_t status_code = 0;  // 30-bit Status Data (StatusCode values, or others)
  bool fatal = false;             // E bit
  bool forward = false;           // F bit of the status code
  std::uint32_t message_id = 0;   // of the message the status is about, or 0
  std::uint16_t message_type = 0; // of that message, or 0
  std::optional<std::uint32_t> extended_status;
  std::optional<std::vector<std::uint8_t>> returned_pdu;
  std::optional<std::vector<std::uint8_t>> returned_message;
  std::vector<RawTlv> forwarded;
  bool operator==(const Notification&) const = default;
};

// The Notification a session sends for a decode error (`id`: its own message ID).
Notification to_notification(const DecodeError& e, std::uint32_t id);

// Common Hello Parameters TLV and the optional TLVs of section 3.5.2.
struct Hello {
  std::uint32_t id = 0;
  std::uint16_t hold_time = 15;  // 0: default (15 link, 45 targeted), 0xFFFF: infinite
  bool targeted = false;         // T
  bool request_targeted = false; // R
  std::optional<std::uint32_t> transport_address;  // IPv4 Transport Address TLV
  std::optional<std::uint32_t> configuration_sequence;
  std::optional<std::array<std::uint8_t, 16>> ipv6_transport_address;
  std::vector<RawTlv> forwarded;
  bool operator==(const Hello&) const = default;
};

// Common Session Parameters TLV (section 3.5.3). Decoding refuses a
// protocol version other than 1 (Bad Protocol Version) and a keepalive time
// of 0 (Session Rejected/Bad KeepAlive Time); the rest is the session's call.
struct Initialization {
  std::uint32_t id = 0;
  std::uint16_t protocol_version = kProtocolVersion;
  std::uint16_t keepalive_time = 180;
  bool downstream_on_demand = false;  // A: 0 Downstream Unsolicited, 1 Downstream on Demand
  bool loop_detection = false;        // D
  std::uint8_t path_vector_limit = 0;
  std::uint16_t max_pdu_length = 0;   // 255 or less: 4096
  LdpId receiver;                     // the LDP identifier the PDU is meant for
  std::vector<RawTlv> forwarded;

  std::uint16_t effective_max_pdu_length() const {
    return max_pdu_length <= 255 ? kDefaultMaxPduLength : max_pdu_length;
  }
  bool operator==(const Initialization&) const = default;
};

struct KeepAlive {
  std::uint32_t id = 0;
  std::vector<RawTlv> forwarded;
  bool operator==(const KeepAlive&) const = default;
};

// Address and Address Withdraw (sections 3.5.5, 3.5.6): an Address List TLV
// of family 1 (IPv4); other families are Unsupported Address Family.
struct AddressMessage {
  std::uint32_t id = 0;
  bool withdraw = false;
  std::vector<std::uint32_t> addresses;
  std::vector<RawTlv> forwarded;
  bool operator==(const AddressMessage&) const = default;
};

// FEC elements (section 3.4.1): Wildcard (type 1) and Prefix (type 2, IPv4).
struct WildcardFec {
  bool operator==(const WildcardFec&) const = default;
};
struct PrefixFec {
  std::uint32_t address = 0;  // bits past `length` kept as received
  std::uint8_t length = 0;    // 0..32; only ceil(length / 8) bytes go on the wire
  bool operator==(const PrefixFec&) const = default;
};
using FecElement = std::variant<WildcardFec, PrefixFec>;

// Label Mapping, Request, Withdraw, Release and Abort Request (sections
// 3.5.7 to 3.5.11) share one shape; `type` says which. What each requires:
//   Mapping: FEC, label           Request: FEC
//   Withdraw, Release: FEC        Abort Request: FEC, Label Request Message ID
// and a missing one is Missing Message Parameters (section 3.5.7.1 and following).
struct LabelMessage {
  MessageType type = MessageType::LabelMapping;
  std::uint32_t id = 0;
  std::vector<FecElement> fec;                   // empty: no FEC TLV (never valid)
  std::optional<std::uint32_t> label;            // Generic Label TLV, 20 bits
  std::optional<std::uint32_t> label_request_id; // Label Request Message ID TLV
  std::vector<RawTlv> forwarded;
  bool operator==(const LabelMessage&) const = default;
};

using Message =
    std::variant<Notification, Hello, Initialization, KeepAlive, AddressMessage, LabelMessage>;

MessageType type_of(const Message& m);
std::uint32_t id_of(const Message& m);

// `body` is bounded by the message length and starts after the message ID.
// The header's type must be known (is_known_message_type).
Decoded<Message> decode_message(const MessageHeader& header, wire::ByteReader body);

// The whole message, header included.
void encode_message(wire::ByteWriter& w, const Message& m);
std::vector<std::uint8_t> encode_message(const Message& m);

}  // namespace l3vpn::ldp
