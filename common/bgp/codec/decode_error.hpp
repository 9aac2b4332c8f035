// What a BGP decoder answers when the bytes are wrong: the NOTIFICATION the
// session must send (RFC 4271 section 6), ready to encode, plus a reason for
// the log. Decoders return Decoded<T>: the value, or this error.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace l3vpn::bgp {

// RFC 4271 section 4.5 error codes and the subcodes used by this codec.
enum class ErrorCode : std::uint8_t {
  MessageHeader = 1,
  OpenMessage = 2,
  UpdateMessage = 3,
  HoldTimerExpired = 4,
  FsmError = 5,
  Cease = 6,
  RouteRefreshMessage = 7,  // RFC 7313
};

namespace header_subcode {
inline constexpr std::uint8_t ConnectionNotSynchronized = 1;
inline constexpr std::uint8_t BadMessageLength = 2;
inline constexpr std::uint8_t BadMessageType = 3;
}  // namespace header_subcode

namespace open_subcode {
inline constexpr std::uint8_t UnsupportedVersionNumber = 1;
inline constexpr std::uint8_t BadPeerAs = 2;
inline constexpr std::uint8_t BadBgpIdentifier = 3;
inline constexpr std::uint8_t UnsupportedOptionalParameter = 4;
inline constexpr std::uint8_t UnacceptableHoldTime = 6;
inline constexpr std::uint8_t UnsupportedCapability = 7;  // RFC 5492
}  // namespace open_subcode

namespace update_subcode {
inline constexpr std::uint8_t MalformedAttributeList = 1;
inline constexpr std::uint8_t UnrecognizedWellKnownAttribute = 2;
inline constexpr std::uint8_t MissingWellKnownAttribute = 3;
inline constexpr std::uint8_t AttributeFlagsError = 4;
inline constexpr std::uint8_t AttributeLengthError = 5;
inline constexpr std::uint8_t InvalidOriginAttribute = 6;
inline constexpr std::uint8_t InvalidNextHopAttribute = 8;
inline constexpr std::uint8_t OptionalAttributeError = 9;
inline constexpr std::uint8_t InvalidNetworkField = 10;
inline constexpr std::uint8_t MalformedAsPath = 11;
}  // namespace update_subcode

namespace route_refresh_subcode {
inline constexpr std::uint8_t InvalidMessageLength = 1;  // RFC 7313 section 5
}

struct DecodeError {
  ErrorCode code = ErrorCode::MessageHeader;
  std::uint8_t subcode = 0;
  std::vector<std::uint8_t> data;  // the NOTIFICATION's data field
  std::string reason;              // for the log, never sent
  bool operator==(const DecodeError&) const = default;
};

template <class T>
using Decoded = std::variant<T, DecodeError>;

template <class T>
bool failed(const Decoded<T>& d) {
  return std::holds_alternative<DecodeError>(d);
}

}  // namespace l3vpn::bgp
