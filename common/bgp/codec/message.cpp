#include "bgp/codec/message.hpp"

#include <algorithm>

#include "wire/byte_reader.hpp"
#include "wire/byte_writer.hpp"

namespace l3vpn::bgp {
namespace {

DecodeError bad_length(std::uint16_t length, const char* why) {
  // RFC 4271 section 6.1: the data field holds the erroneous Length field.
  return DecodeError{ErrorCode::MessageHeader, header_subcode::BadMessageLength,
                     {static_cast<std::uint8_t>(length >> 8), static_cast<std::uint8_t>(length)},
                     why};
}

// Smallest legal length of each type (RFC 4271 section 4, RFC 2918 section 3).
std::size_t minimum_length(MessageType type) {
  switch (type) {
    case MessageType::Open: return 29;
    case MessageType::Update: return 23;
    case MessageType::Notification: return 21;
    case MessageType::Keepalive: return 19;
    case MessageType::RouteRefresh: return 23;
  }
  return kHeaderLength;
}

}  // namespace

Decoded<MessageHeader> decode_header(std::span<const std::uint8_t> bytes, std::size_t max_length) {
  wire::ByteReader r(bytes);
  auto marker = r.bytes(16);
  auto length = r.u16();
  auto type = r.u8();
  if (!marker || !length || !type)
    return DecodeError{ErrorCode::MessageHeader, header_subcode::BadMessageLength, {},
                       "fewer than 19 bytes for a message header"};
  if (!std::all_of(marker->begin(), marker->end(), [](std::uint8_t b) { return b == 0xFF; }))
    return DecodeError{ErrorCode::MessageHeader, header_subcode::ConnectionNotSynchronized, {},
                       "marker is not all ones"};
  if (*type < 1 || *type > 5)
    return DecodeError{ErrorCode::MessageHeader, header_subcode::BadMessageType, {*type},
                       "unknown message type " + std::to_string(*type)};
  auto message_type = static_cast<MessageType>(*type);
  if (*length < kHeaderLength || *length > max_length)
    return bad_length(*length, "message length out of range");
  if (*length < minimum_length(message_type) ||
      (message_type == MessageType::Keepalive && *length != kHeaderLength))
    return bad_length(*length, "message length too short for its type");
  return MessageHeader{*length, message_type};
}

std::vector<std::uint8_t> frame(MessageType type, std::span<const std::uint8_t> body) {
  wire::ByteWriter w;
  for (int i = 0; i < 16; ++i) w.u8(0xFF);
  w.u16(static_cast<std::uint16_t>(kHeaderLength + body.size()));
  w.u8(static_cast<std::uint8_t>(type));
  w.bytes(body);
  return w.take();
}

Decoded<Notification> decode_notification(std::span<const std::uint8_t> body) {
  wire::ByteReader r(body);
  auto code = r.u8();
  auto subcode = r.u8();
  if (!code || !subcode)
    return bad_length(static_cast<std::uint16_t>(kHeaderLength + body.size()),
                      "NOTIFICATION shorter than code and subcode");
  auto data = r.rest();
  // Unknown codes are still reported as received: a NOTIFICATION is never answered.
  return Notification{static_cast<ErrorCode>(*code), *subcode, {data.begin(), data.end()}};
}

std::vector<std::uint8_t> encode_notification(const Notification& n) {
  wire::ByteWriter w;
  w.u8(static_cast<std::uint8_t>(n.code));
  w.u8(n.subcode);
  w.bytes(n.data);
  return frame(MessageType::Notification, w.data());
}

Notification to_notification(const DecodeError& e) { return Notification{e.code, e.subcode, e.data}; }

std::vector<std::uint8_t> encode_keepalive() { return frame(MessageType::Keepalive, {}); }

Decoded<std::monostate> decode_keepalive(std::span<const std::uint8_t> body) {
  if (!body.empty())
    return bad_length(static_cast<std::uint16_t>(kHeaderLength + body.size()),
                      "KEEPALIVE with a body");
  return std::monostate{};
}

Decoded<RouteRefresh> decode_route_refresh(std::span<const std::uint8_t> body) {
  wire::ByteReader r(body);
  auto afi = r.u16();
  auto subtype = r.u8();
  auto safi = r.u8();
  if (!afi || !subtype || !safi || !r.empty()) {
    // RFC 7313 section 5: the data field carries the whole message.
    std::vector<std::uint8_t> whole = frame(MessageType::RouteRefresh, body);
    return DecodeError{ErrorCode::RouteRefreshMessage, route_refresh_subcode::InvalidMessageLength,
                       std::move(whole), "ROUTE-REFRESH body is not 4 bytes"};
  }
  return RouteRefresh{*afi, *subtype, *safi};
}

std::vector<std::uint8_t> encode_route_refresh(const RouteRefresh& rr) {
  wire::ByteWriter w;
  w.u16(rr.afi);
  w.u8(rr.subtype);
  w.u8(rr.safi);
  return frame(MessageType::RouteRefresh, w.data());
}

}  // namespace l3vpn::bgp
