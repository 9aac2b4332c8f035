// BGP-4 message framing (RFC 4271 section 4.1) and the small messages:
// KEEPALIVE, NOTIFICATION (4.5) and ROUTE-REFRESH (RFC 2918, RFC 7313).
// OPEN is in open.hpp, UPDATE in update.hpp.
//
// Pure: bytes in, structs out, and back. Decoding goes through ByteReader and
// never reads past the buffer.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "bgp/codec/decode_error.hpp"

namespace l3vpn::bgp {

enum class MessageType : std::uint8_t {
  Open = 1,
  Update = 2,
  Notification = 3,
  Keepalive = 4,
  RouteRefresh = 5,
};

inline constexpr std::size_t kHeaderLength = 19;        // marker 16 + length 2 + type 1
inline constexpr std::size_t kMaxMessageLength = 4096;  // RFC 4271
inline constexpr std::size_t kMaxExtendedMessageLength = 65535;  // RFC 8654

struct MessageHeader {
  std::uint16_t length = 0;  // whole message, header included
  MessageType type = MessageType::Keepalive;
};

// Checks the marker, the length against `max_length` (4096, or 65535 once the
// extended message capability is negotiated) and the per-type minimum, and the
// type. `bytes` needs only the 19 header bytes.
Decoded<MessageHeader> decode_header(std::span<const std::uint8_t> bytes,
                                     std::size_t max_length = kMaxMessageLength);

// Writes the 19-byte header with the length patched in after the body.
std::vector<std::uint8_t> frame(MessageType type, std::span<const std::uint8_t> body);

struct Notification {
  ErrorCode code = ErrorCode::Cease;
  std::uint8_t subcode = 0;
  std::vector<std::uint8_t> data;
  bool operator==(const Notification&) const = default;
};

// Bodies (after the header).
Decoded<Notification> decode_notification(std::span<const std::uint8_t> body);
std::vector<std::uint8_t> encode_notification(const Notification& n);
Notification to_notification(const DecodeError& e);

std::vector<std::uint8_t> encode_keepalive();
Decoded<std::monostate> decode_keepalive(std::span<const std::uint8_t> body);

struct RouteRefresh {
  std::uint16_t afi = 1;
  std::uint8_t subtype = 0;  // RFC 7313: 0 normal, 1 BoRR, 2 EoRR
  std::uint8_t safi = 1;
  bool operator==(const RouteRefresh&) const = default;
};
Decoded<RouteRefresh> decode_route_refresh(std::span<const std::uint8_t> body);
std::vector<std::uint8_t> encode_route_refresh(const RouteRefresh& r);

}  // namespace l3vpn::bgp
