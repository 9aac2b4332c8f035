#include "ldp/codec/pdu.hpp"

#include <string>

namespace l3vpn::ldp {
namespace {

DecodeError pdu_error(StatusCode status, std::string why) {
  return make_error(status, 0, 0, std::move(why));
}

}  // namespace

Decoded<PduHeader> decode_pdu_header(std::span<const std::uint8_t> bytes, const PduLimits& limits) {
  wire::ByteReader r(bytes);
  auto version = r.u16();
  auto length = r.u16();
  auto lsr_id = r.u32();
  auto label_space = r.u16();
  if (!version || !length || !lsr_id || !label_space)
    return pdu_error(StatusCode::BadPduLength, "PDU shorter than its 10-byte header");
  if (*version != kProtocolVersion)
    return pdu_error(StatusCode::BadProtocolVersion, "LDP version " + std::to_string(*version));
  if (*length < kPduHeaderLength - 4)
    return pdu_error(StatusCode::BadPduLength,
                     "PDU length " + std::to_string(*length) + " is shorter than the LDP identifier");
  if (*length > limits.max_pdu_length)
    return pdu_error(StatusCode::BadPduLength, "PDU length " + std::to_string(*length) +
                                                   " exceeds the maximum " +
                                                   std::to_string(limits.max_pdu_length));
  if (*lsr_id == 0) return pdu_error(StatusCode::BadLdpIdentifier, "LSR ID 0.0.0.0");
  PduHeader header{*version, *length, LdpId{*lsr_id, *label_space}};
  if (limits.expected_ldp_id && header.ldp_id != *limits.expected_ldp_id)
    return pdu_error(StatusCode::BadLdpIdentifier, "PDU from an unexpected LDP identifier");
  return header;
}

Decoded<DecodedPdu> decode_pdu(std::span<const std::uint8_t> bytes, const PduLimits& limits) {
  auto decoded_header = decode_pdu_header(bytes, limits);
  if (failed(decoded_header)) return std::get<DecodeError>(decoded_header);
  const PduHeader header = std::get<PduHeader>(decoded_header);
  if (bytes.size() != 4u + header.length)
    return pdu_error(StatusCode::BadPduLength,
                     "PDU length " + std::to_string(header.length) + " but " +
                         std::to_string(bytes.size() - 4) + " bytes follow it");

  wire::ByteReader r(bytes);
  r.skip(kPduHeaderLength);
  DecodedPdu out;
  out.pdu.ldp_id = header.ldp_id;
  while (!r.empty()) {
    auto message = read_message_header(r);
    if (!message)
      return pdu_error(StatusCode::BadPduLength, "message header runs past the end of the PDU");
    if (message->length < 4)
      return make_error(StatusCode::BadMessageLength, message->id, message->type,
                        "message length " + std::to_string(message->length) +
                            " leaves no room for the message ID");
    auto body = r.sub(message->length - 4u);
    if (!body)
      return make_error(StatusCode::BadMessageLength, message->id, message->type,
                        "message length " + std::to_string(message->length) +
                            " runs past the end of the PDU");
    if (!is_known_message_type(message->type)) {
      if (!message->unknown_bit)  // section 3.5.1.2.1; with U set, ignored silently
        out.notifications.push_back(make_error(StatusCode::UnknownMessageType, message->id,
                                               message->type, "unknown message type " +
                                                                  type_hex(message->type)));
      continue;
    }
    auto decoded = decode_message(*message, *body);
    if (failed(decoded)) {
      DecodeError e = std::get<DecodeError>(std::move(decoded));
      if (e.fatal) return e;
      out.notifications.push_back(std::move(e));
      continue;
    }
    out.pdu.messages.push_back(std::get<Message>(std::move(decoded)));
  }
  return out;
}

std::vector<std::uint8_t> encode_pdu(const Pdu& pdu) {
  wire::ByteWriter w;
  w.u16(kProtocolVersion);
  auto at = w.reserve_u16();
  w.u32(pdu.ldp_id.lsr_id);
  w.u16(pdu.ldp_id.label_space);
  for (const Message& m : pdu.messages) encode_message(w, m);
  w.patch_u16_length(at);
  return w.take();
}

}  // namespace l3vpn::ldp
