// Byte builders for the LDP codec tests: each writes correct lengths unless
// told otherwise, so a test states only the field it breaks.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <vector>

namespace ldp_fixtures {

using Bytes = std::vector<std::uint8_t>;

inline Bytes cat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const Bytes& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

inline Bytes u16(std::size_t v) {
  return {static_cast<std::uint8_t>(v >> 8), static_cast<std::uint8_t>(v)};
}
inline Bytes u32(std::uint32_t v) {
  return {static_cast<std::uint8_t>(v >> 24), static_cast<std::uint8_t>(v >> 16),
          static_cast<std::uint8_t>(v >> 8), static_cast<std::uint8_t>(v)};
}

// PDU: version, a PDU length that may lie, LDP identifier, messages.
inline Bytes pdu_raw(std::uint16_t version, std::size_t length, std::uint32_t lsr_id,
                     const Bytes& messages) {
  return cat({u16(version), u16(length), u32(lsr_id), u16(0), messages});
}
// A version 1 PDU from `lsr_id`:0 with the right length.
inline Bytes pdu(const Bytes& messages, std::uint32_t lsr_id = 0x01010101) {
  return pdu_raw(1, 6 + messages.size(), lsr_id, messages);
}
// Message: type (U bit included), a length that may lie, message ID, TLVs.
inline Bytes message_raw(std::uint16_t type, std::size_t length, std::uint32_t id, const Bytes& tlvs) {
  return cat({u16(type), u16(length), u32(id), tlvs});
}
inline Bytes message(std::uint16_t type, std::uint32_t id, const Bytes& tlvs) {
  return message_raw(type, 4 + tlvs.size(), id, tlvs);
}
// TLV: type (U and F bits included), the value's length, value.
inline Bytes tlv(std::uint16_t type, const Bytes& value) {
  return cat({u16(type), u16(value.size()), value});
}

// TLV whose length field may lie.
inline Bytes tlv_raw_len(std::uint16_t type, std::size_t length, const Bytes& value) {
  return cat({u16(type), u16(length), value});
}

inline Bytes common_hello(std::uint16_t hold) { return tlv(0x0400, cat({u16(hold), u16(0)})); }
inline Bytes session_params(std::uint32_t receiver) {
  return tlv(0x0500, cat({u16(1), u16(180), {0x00, 0x00}, u16(0), u32(receiver), u16(0)}));
}
// Prefix FEC element, family 1, only the needed bytes of `address`.
inline Bytes prefix_element(std::uint32_t address, std::uint8_t length) {
  Bytes out = cat({{0x02}, u16(1), {length}});
  Bytes a = u32(address);
  out.insert(out.end(), a.begin(), a.begin() + (length + 7) / 8);
  return out;
}
inline Bytes fec(const Bytes& elements) { return tlv(0x0100, elements); }
inline Bytes label(std::uint32_t value) { return tlv(0x0200, u32(value)); }

}  // namespace ldp_fixtures
