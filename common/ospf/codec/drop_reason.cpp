#include "ospf/codec/drop_reason.hpp"

namespace l3vpn::ospf {

std::string_view to_string(OspfDropReason reason) {
  switch (reason) {
    case OspfDropReason::PacketTooShort: return "packet-too-short";
    case OspfDropReason::BadVersion: return "bad-version";
    case OspfDropReason::BadPacketType: return "bad-packet-type";
    case OspfDropReason::PacketLengthTooShort: return "packet-length-too-short";
    case OspfDropReason::PacketLengthExceedsBuffer: return "packet-length-exceeds-buffer";
    case OspfDropReason::BadChecksum: return "bad-checksum";
    case OspfDropReason::BadAuType: return "bad-autype";
    case OspfDropReason::BodyTruncated: return "body-truncated";
    case OspfDropReason::BodyTrailingBytes: return "body-trailing-bytes";
    case OspfDropReason::LsaCountMismatch: return "lsa-count-mismatch";
    case OspfDropReason::LsaHeaderTruncated: return "lsa-header-truncated";
    case OspfDropReason::LsaLengthTooShort: return "lsa-length-too-short";
    case OspfDropReason::LsaLengthExceedsBuffer: return "lsa-length-exceeds-buffer";
    case OspfDropReason::BadLsaType: return "bad-lsa-type";
    case OspfDropReason::BadLsaChecksum: return "bad-lsa-checksum";
    case OspfDropReason::LsaBodyTruncated: return "lsa-body-truncated";
    case OspfDropReason::LsaTrailingBytes: return "lsa-trailing-bytes";
    case OspfDropReason::BadRouterLinkType: return "bad-router-link-type";
    case OspfDropReason::AuthTypeMismatch: return "auth-type-mismatch";
    case OspfDropReason::AuthPasswordMismatch: return "auth-password-mismatch";
    case OspfDropReason::AuthKeyIdUnknown: return "auth-key-id-unknown";
    case OspfDropReason::AuthBadDataLength: return "auth-bad-data-length";
    case OspfDropReason::AuthDigestMissing: return "auth-digest-missing";
    case OspfDropReason::AuthBadDigest: return "auth-bad-digest";
    case OspfDropReason::AuthSequenceBackwards: return "auth-sequence-backwards";
  }
  return "unknown";
}

}  // namespace l3vpn::ospf
