// Why an OSPFv2 packet or LSA is dropped. OSPF has no error messages: every
// bad packet is dropped silently on the wire, but counted and logged
// (RFC 2328 section 8.2 lists the receive checks). A decoder returns
// OspfDecoded<T>: the value, or an OspfDrop with the reason (for the
// counter) and a detail string (for the log).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

namespace l3vpn::ospf {

enum class OspfDropReason : std::uint8_t {
  // Packet header (RFC 2328 A.3.1, 8.2).
  PacketTooShort,             // fewer than 24 bytes
  BadVersion,                 // version is not 2
  BadPacketType,              // type is not 1..5
  PacketLengthTooShort,       // length field below 24 or the type's minimum
  PacketLengthExceedsBuffer,  // length field beyond the received bytes
  BadChecksum,                // IP-style checksum (AuType 0 and 1)
  BadAuType,                  // AuType is not 0, 1 or 2
  // Packet bodies (A.3.2 - A.3.6).
  BodyTruncated,              // a fixed field or entry cut short
  BodyTrailingBytes,          // bytes left that are not a whole entry
  LsaCountMismatch,           // Link State Update: #LSAs vs the LSAs present
  // LSAs (A.4).
  LsaHeaderTruncated,         // fewer than 20 bytes for an LSA header
  LsaLengthTooShort,          // LSA length field below 20
  LsaLengthExceedsBuffer,     // LSA length field beyond its packet
  BadLsaType,                 // LS type 0
  BadLsaChecksum,             // Fletcher checksum (12.1.7) does not verify
  LsaBodyTruncated,           // an LSA's fixed fields or entries cut short
  LsaTrailingBytes,           // bytes left inside an LSA after its entries
  BadRouterLinkType,          // router-LSA link type not 1..4
  // Authentication (appendix D).
  AuthTypeMismatch,           // AuType differs from the interface's
  AuthPasswordMismatch,       // simple password differs
  AuthKeyIdUnknown,           // cryptographic key ID not configured
  AuthBadDataLength,          // auth data length not 16 (MD5) / 32 (SHA-256)
  AuthDigestMissing,          // fewer bytes after the packet than the digest
  AuthBadDigest,              // digest differs
  AuthSequenceBackwards,      // crypto sequence number below the last seen
};

std::string_view to_string(OspfDropReason reason);

struct OspfDrop {
  OspfDropReason reason = OspfDropReason::PacketTooShort;
  std::string detail;  // for the log
  bool operator==(const OspfDrop&) const = default;
};

template <class T>
using OspfDecoded = std::variant<T, OspfDrop>;

template <class T>
bool dropped(const OspfDecoded<T>& d) {
  return std::holds_alternative<OspfDrop>(d);
}

}  // namespace l3vpn::ospf
