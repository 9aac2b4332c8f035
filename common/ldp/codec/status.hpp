// LDP status codes (RFC 5036 section 3.9) and what an LDP decoder answers when
// the bytes are wrong: the status the session puts in its Notification
// (section 3.5.1), whether that status is fatal (the E bit: send it, then
// close the session), and the message it is about. Decoders return
// Decoded<T>: the value, or this error.
#pragma once

#include <cstdint>
#include <string>
#include <variant>

namespace l3vpn::ldp {

// The 30-bit Status Data of RFC 5036 section 3.9 (E and F bits not included).
enum class StatusCode : std::uint32_t {
  Success = 0x00,
  BadLdpIdentifier = 0x01,
  BadProtocolVersion = 0x02,
  BadPduLength = 0x03,
  UnknownMessageType = 0x04,
  BadMessageLength = 0x05,
  UnknownTlv = 0x06,
  BadTlvLength = 0x07,
  MalformedTlvValue = 0x08,
  HoldTimerExpired = 0x09,
  Shutdown = 0x0A,
  LoopDetected = 0x0B,
  UnknownFec = 0x0C,
  NoRoute = 0x0D,
  NoLabelResources = 0x0E,
  LabelResourcesAvailable = 0x0F,
  SessionRejectedNoHello = 0x10,
  SessionRejectedAdvertisementMode = 0x11,
  SessionRejectedMaxPduLength = 0x12,
  SessionRejectedLabelRange = 0x13,
  KeepAliveTimerExpired = 0x14,
  LabelRequestAborted = 0x15,
  MissingMessageParameters = 0x16,
  UnsupportedAddressFamily = 0x17,
  SessionRejectedBadKeepAliveTime = 0x18,
  InternalError = 0x19,
};

// The E bit of the table in RFC 5036 section 3.9: a fatal error closes the
// session right after its Notification. Codes outside the table are taken as
// advisory (section 3.5.1.1: the E bit on the wire says what the sender meant).
constexpr bool is_fatal(StatusCode code) {
  switch (code) {
    case StatusCode::BadLdpIdentifier:
    case StatusCode::BadProtocolVersion:
    case StatusCode::BadPduLength:
    case StatusCode::BadMessageLength:
    case StatusCode::BadTlvLength:
    case StatusCode::MalformedTlvValue:
    case StatusCode::HoldTimerExpired:
    case StatusCode::Shutdown:
    case StatusCode::SessionRejectedNoHello:
    case StatusCode::SessionRejectedAdvertisementMode:
    case StatusCode::SessionRejectedMaxPduLength:
    case StatusCode::SessionRejectedLabelRange:
    case StatusCode::KeepAliveTimerExpired:
    case StatusCode::SessionRejectedBadKeepAliveTime:
    case StatusCode::InternalError:
      return true;
    default:
      return false;
  }
}

struct DecodeError {
  StatusCode status = StatusCode::InternalError;
  bool fatal = true;                  // is_fatal(status): close the session after notifying
  std::uint32_t message_id = 0;       // of the offending message; 0 for PDU-level errors
  std::uint16_t message_type = 0;     // of the offending message; 0 for PDU-level errors
  std::string reason;                 // for the log, never sent
  bool operator==(const DecodeError&) const = default;
};

inline DecodeError make_error(StatusCode status, std::uint32_t message_id,
                              std::uint16_t message_type, std::string reason) {
  return DecodeError{status, is_fatal(status), message_id, message_type, std::move(reason)};
}

template <class T>
using Decoded = std::variant<T, DecodeError>;

template <class T>
bool failed(const Decoded<T>& d) {
  return std::holds_alternative<DecodeError>(d);
}

}  // namespace l3vpn::ldp
