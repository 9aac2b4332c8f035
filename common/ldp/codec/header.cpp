#include "ldp/codec/header.hpp"

namespace l3vpn::ldp {

bool is_known_message_type(std::uint16_t type) {
  switch (static_cast<MessageType>(type)) {
    case MessageType::Notification:
    case MessageType::Hello:
    case MessageType::Initialization:
    case MessageType::KeepAlive:
    case MessageType::Address:
    case MessageType::AddressWithdraw:
    case MessageType::LabelMapping:
    case MessageType::LabelRequest:
    case MessageType::LabelWithdraw:
    case MessageType::LabelRelease:
    case MessageType::LabelAbortRequest:
      return true;
  }
  return false;
}

std::string type_hex(std::uint16_t type) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string s = "0x";
  for (int shift = 12; shift >= 0; shift -= 4) s += kDigits[(type >> shift) & 0xF];
  return s;
}

std::optional<MessageHeader> read_message_header(wire::ByteReader& r) {
  auto type = r.u16();
  auto length = r.u16();
  auto id = r.u32();
  if (!type || !length || !id) return std::nullopt;
  return MessageHeader{(*type & 0x8000) != 0, static_cast<std::uint16_t>(*type & 0x7FFF),
                       *length, *id};
}

std::optional<TlvHeader> read_tlv_header(wire::ByteReader& r) {
  auto type = r.u16();
  auto length = r.u16();
  if (!type || !length) return std::nullopt;
  return TlvHeader{(*type & 0x8000) != 0, (*type & 0x4000) != 0,
                   static_cast<std::uint16_t>(*type & 0x3FFF), *length};
}

std::size_t begin_tlv(wire::ByteWriter& w, std::uint16_t type, bool unknown_bit, bool forward_bit) {
  auto bits = static_cast<std::uint16_t>((unknown_bit ? 0x8000 : 0) | (forward_bit ? 0x4000 : 0));
  w.u16(static_cast<std::uint16_t>(bits | (type & 0x3FFF)));
  return w.reserve_u16();
}

}  // namespace l3vpn::ldp
