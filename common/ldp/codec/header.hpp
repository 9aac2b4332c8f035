// LDP PDU, message and TLV headers (RFC 5036 sections 3.1, 3.3, 3.5) and the
// type numbers of the messages and TLVs this codec knows.
//
//   PDU:      version (2) | PDU length (2) | LSR ID (4) | label space (2) | messages
//   message:  U (1 bit) + type (15) | length (2) | message ID (4) | TLVs
//   TLV:      U (1 bit) + F (1 bit) + type (14) | length (2) | value
//
// The PDU length counts from the LDP identifier; the message length from the
// message ID; the TLV length only the value.
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "wire/byte_reader.hpp"
#include "wire/byte_writer.hpp"

namespace l3vpn::ldp {

inline constexpr std::uint16_t kProtocolVersion = 1;
inline constexpr std::size_t kPduHeaderLength = 10;     // version, length, LDP identifier
inline constexpr std::size_t kMessageHeaderLength = 8;  // type, length, message ID
inline constexpr std::size_t kTlvHeaderLength = 4;      // type, length
// Until Initialization says otherwise (RFC 5036 section 3.5.3: 255 or less means 4096).
inline constexpr std::uint16_t kDefaultMaxPduLength = 4096;

// LSR ID + label space; label space 0 is the platform-wide space.
struct LdpId {
  std::uint32_t lsr_id = 0;
  std::uint16_t label_space = 0;
  auto operator<=>(const LdpId&) const = default;
};

enum class MessageType : std::uint16_t {
  Notification = 0x0001,
  Hello = 0x0100,
  Initialization = 0x0200,
  KeepAlive = 0x0201,
  Address = 0x0300,
  AddressWithdraw = 0x0301,
  LabelMapping = 0x0400,
  LabelRequest = 0x0401,
  LabelWithdraw = 0x0402,
  LabelRelease = 0x0403,
  LabelAbortRequest = 0x0404,
};
bool is_known_message_type(std::uint16_t type);

namespace tlv_type {
inline constexpr std::uint16_t Fec = 0x0100;
inline constexpr std::uint16_t AddressList = 0x0101;
inline constexpr std::uint16_t GenericLabel = 0x0200;
inline constexpr std::uint16_t Status = 0x0300;
inline constexpr std::uint16_t ExtendedStatus = 0x0301;
inline constexpr std::uint16_t ReturnedPdu = 0x0302;
inline constexpr std::uint16_t ReturnedMessage = 0x0303;
inline constexpr std::uint16_t CommonHelloParameters = 0x0400;
inline constexpr std::uint16_t Ipv4TransportAddress = 0x0401;
inline constexpr std::uint16_t ConfigurationSequenceNumber = 0x0402;
inline constexpr std::uint16_t Ipv6TransportAddress = 0x0403;
inline constexpr std::uint16_t CommonSessionParameters = 0x0500;
inline constexpr std::uint16_t LabelRequestMessageId = 0x0600;
}  // namespace tlv_type

struct PduHeader {
  std::uint16_t version = kProtocolVersion;
  std::uint16_t length = 0;  // from the LDP identifier to the end of the PDU
  LdpId ldp_id;
  bool operator==(const PduHeader&) const = default;
};

struct MessageHeader {
  bool unknown_bit = false;  // U: ignore silently when the type is unknown
  std::uint16_t type = 0;    // 15 bits
  std::uint16_t length = 0;  // from the message ID to the end of the message
  std::uint32_t id = 0;
};

struct TlvHeader {
  bool unknown_bit = false;  // U: ignore silently when the type is unknown
  bool forward_bit = false;  // F: with U, forward it with the message
  std::uint16_t type = 0;    // 14 bits
  std::uint16_t length = 0;  // of the value
};

// An unknown TLV with the U and F bits set, kept as received so that the
// message carrying it can forward it (RFC 5036 section 3.5.1.2.2).
struct RawTlv {
  std::uint16_t type = 0;  // 14 bits; U and F are set by definition
  std::vector<std::uint8_t> value;
  bool operator==(const RawTlv&) const = default;
};

// "0x0400": how logs and decode errors name a message or TLV type.
std::string type_hex(std::uint16_t type);

// Reads the fixed headers; nothing on a short buffer.
std::optional<MessageHeader> read_message_header(wire::ByteReader& r);
std::optional<TlvHeader> read_tlv_header(wire::ByteReader& r);

// Writes a TLV header with a reserved length; end_tlv patches it.
std::size_t begin_tlv(wire::ByteWriter& w, std::uint16_t type, bool unknown_bit = false,
                      bool forward_bit = false);
inline void end_tlv(wire::ByteWriter& w, std::size_t at) { w.patch_u16_length(at); }

}  // namespace l3vpn::ldp
