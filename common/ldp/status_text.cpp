#include "ldp/status_text.hpp"

namespace l3vpn::ldp {

std::string status_text(std::uint32_t code) {
  switch (static_cast<StatusCode>(code)) {
    case StatusCode::Success: return "Success";
    case StatusCode::BadLdpIdentifier: return "Bad LDP Identifier";
    case StatusCode::BadProtocolVersion: return "Bad Protocol Version";
    case StatusCode::BadPduLength: return "Bad PDU Length";
    case StatusCode::UnknownMessageType: return "Unknown Message Type";
    case StatusCode::BadMessageLength: return "Bad Message Length";
    case StatusCode::UnknownTlv: return "Unknown TLV";
    case StatusCode::BadTlvLength: return "Bad TLV Length";
    case StatusCode::MalformedTlvValue: return "Malformed TLV Value";
    case StatusCode::HoldTimerExpired: return "Hold Timer Expired";
    case StatusCode::Shutdown: return "Shutdown";
    case StatusCode::LoopDetected: return "Loop Detected";
    case StatusCode::UnknownFec: return "Unknown FEC";
    case StatusCode::NoRoute: return "No Route";
    case StatusCode::NoLabelResources: return "No Label Resources";
    case StatusCode::LabelResourcesAvailable: return "Label Resources / Available";
    case StatusCode::SessionRejectedNoHello: return "Session Rejected/No Hello";
    case StatusCode::SessionRejectedAdvertisementMode: return "Session Rejected/Parameters Advertisement Mode";
    case StatusCode::SessionRejectedMaxPduLength: return "Session Rejected/Parameters Max PDU Length";
    case StatusCode::SessionRejectedLabelRange: return "Session Rejected/Parameters Label Range";
    case StatusCode::KeepAliveTimerExpired: return "KeepAlive Timer Expired";
    case StatusCode::LabelRequestAborted: return "Label Request Aborted";
    case StatusCode::MissingMessageParameters: return "Missing Message Parameters";
    case StatusCode::UnsupportedAddressFamily: return "Unsupported Address Family";
    case StatusCode::SessionRejectedBadKeepAliveTime: return "Session Rejected/Bad KeepAlive Time";
    case StatusCode::InternalError: return "Internal Error";
  }
  static const char* digits = "0123456789abcdef";
  std::string s = "Status 0x";
  for (int shift = 28; shift >= 0; shift -= 4) s += digits[(code >> shift) & 0xF];
  return s;
}

std::string status_text(StatusCode status) { return status_text(static_cast<std::uint32_t>(status)); }

}  // namespace l3vpn::ldp
