#include "ospf/codec/packet.hpp"

#include <algorithm>
#include <string>

#include "wire/byte_reader.hpp"
#include "wire/byte_writer.hpp"

namespace l3vpn::ospf {
namespace {

OspfDrop drop(OspfDropReason reason, std::string detail) {
  return OspfDrop{reason, std::move(detail)};
}

OspfDecoded<Hello> decode_hello(wire::ByteReader& r) {
  auto mask = r.u32();
  auto hello_interval = r.u16();
  auto options = r.u8();
  auto priority = r.u8();
  auto dead_interval = r.u32();
  auto dr = r.u32();
  auto bdr = r.u32();
  if (!mask || !hello_interval || !options || !priority || !dead_interval || !dr || !bdr)
    return drop(OspfDropReason::BodyTruncated, "Hello shorter than 20 bytes");
  Hello hello{*mask, *hello_interval, *options, *priority, *dead_interval, *dr, *bdr, {}};
  if (r.remaining() % 4 != 0)
    return drop(OspfDropReason::BodyTrailingBytes, "Hello neighbor list not 4-byte aligned");
  while (!r.empty()) hello.neighbors.push_back(*r.u32());
  return hello;
}

// A list of 20-byte LSA headers filling the rest of the body.
OspfDecoded<std::vector<LsaHeader>> decode_lsa_headers(wire::ByteReader& r, const char* what) {
  if (r.remaining() % kLsaHeaderLength != 0)
    return drop(OspfDropReason::BodyTrailingBytes,
                std::string(what) + ": LSA headers not a multiple of 20 bytes");
  std::vector<LsaHeader> headers;
  while (!r.empty()) headers.push_back(std::get<LsaHeader>(decode_lsa_header(r)));
  return headers;
}

OspfDecoded<DatabaseDescription> decode_dd(wire::ByteReader& r) {
  auto mtu = r.u16();
  auto options = r.u8();
  auto flags = r.u8();
  auto sequence = r.u32();
  if (!mtu || !options || !flags || !sequence)
    return drop(OspfDropReason::BodyTruncated, "Database Description shorter than 8 bytes");
  auto headers = decode_lsa_headers(r, "Database Description");
  if (dropped(headers)) return std::get<OspfDrop>(std::move(headers));
  return DatabaseDescription{*mtu, *options, *flags, *sequence,
                             std::get<std::vector<LsaHeader>>(std::move(headers))};
}

OspfDecoded<LinkStateRequest> decode_lsr(wire::ByteReader& r) {
  if (r.remaining() % 12 != 0)
    return drop(OspfDropReason::BodyTrailingBytes, "Link State Request entries not 12 bytes");
  LinkStateRequest lsr;
  while (!r.empty()) {
    auto type = r.u32();
    auto id = r.u32();
    auto adv = r.u32();
    lsr.requests.push_back(LsRequest{*type, *id, *adv});
  }
  return lsr;
}

OspfDecoded<LinkStateUpdate> decode_lsu(wire::ByteReader& r) {
  auto count = r.u32();
  if (!count) return drop(OspfDropReason::BodyTruncated, "Link State Update without #LSAs");
  LinkStateUpdate lsu;
  for (std::uint32_t i = 0; i < *count; ++i) {
    if (r.empty())
      return drop(OspfDropReason::LsaCountMismatch,
                  "#LSAs " + std::to_string(*count) + " but only " + std::to_string(i) + " present");
    auto lsa = decode_lsa(r);
    if (dropped(lsa)) return std::get<OspfDrop>(std::move(lsa));
    lsu.lsas.push_back(std::get<Lsa>(std::move(lsa)));
  }
  if (!r.empty())
    return drop(OspfDropReason::LsaCountMismatch,
                std::to_string(r.remaining()) + " bytes after " + std::to_string(*count) + " LSAs");
  return lsu;
}

OspfDecoded<LinkStateAck> decode_ack(wire::ByteReader& r) {
  auto headers = decode_lsa_headers(r, "Link State Ack");
  if (dropped(headers)) return std::get<OspfDrop>(std::move(headers));
  return LinkStateAck{std::get<std::vector<LsaHeader>>(std::move(headers))};
}

template <class T>
OspfDecoded<Packet> with_header(const PacketHeader& h, OspfDecoded<T> body) {
  if (dropped(body)) return std::get<OspfDrop>(std::move(body));
  return Packet{h, std::get<T>(std::move(body))};
}

void encode_body(wire::ByteWriter& w, const Hello& hello) {
  w.u32(hello.network_mask);
  w.u16(hello.hello_interval);
  w.u8(hello.options);
  w.u8(hello.router_priority);
  w.u32(hello.router_dead_interval);
  w.u32(hello.designated_router);
  w.u32(hello.backup_designated_router);
  for (std::uint32_t neighbor : hello.neighbors) w.u32(neighbor);
}

void encode_body(wire::ByteWriter& w, const DatabaseDescription& dd) {
  w.u16(dd.interface_mtu);
  w.u8(dd.options);
  w.u8(dd.flags);
  w.u32(dd.dd_sequence);
  for (const LsaHeader& h : dd.lsa_headers) encode_lsa_header(w, h);
}

void encode_body(wire::ByteWriter& w, const LinkStateRequest& lsr) {
  for (const LsRequest& req : lsr.requests) {
    w.u32(req.ls_type);
    w.u32(req.link_state_id);
    w.u32(req.advertising_router);
  }
}

void encode_body(wire::ByteWriter& w, const LinkStateUpdate& lsu) {
  w.u32(static_cast<std::uint32_t>(lsu.lsas.size()));
  for (const Lsa& lsa : lsu.lsas) encode_lsa(w, lsa);
}

void encode_body(wire::ByteWriter& w, const LinkStateAck& ack) {
  for (const LsaHeader& h : ack.lsa_headers) encode_lsa_header(w, h);
}

PacketType type_of(const PacketBody& body) {
  return static_cast<PacketType>(body.index() + 1);  // the variant follows the type numbers
}

}  // namespace

std::uint16_t compute_packet_checksum(std::span<const std::uint8_t> packet) {
  std::uint32_t sum = 0;
  for (std::size_t i = 0; i < packet.size(); i += 2) {
    if (i == kChecksumOffset || (i >= kAuthFieldOffset && i < kAuthFieldOffset + 8)) continue;
    std::uint32_t hi = packet[i];
    std::uint32_t lo = i + 1 < packet.size() ? packet[i + 1] : 0;  // odd length: pad with 0
    sum += (hi << 8) | lo;
  }
  while (sum >> 16) sum = (sum & 0xFFFF) + (sum >> 16);
  return static_cast<std::uint16_t>(~sum & 0xFFFF);
}

OspfDecoded<PacketHeader> decode_packet_header(std::span<const std::uint8_t> bytes) {
  wire::ByteReader r(bytes);
  auto version = r.u8();
  auto type = r.u8();
  auto length = r.u16();
  auto router_id = r.u32();
  auto area_id = r.u32();
  auto checksum = r.u16();
  auto au = r.u16();
  auto auth = r.bytes(8);
  if (!version || !type || !length || !router_id || !area_id || !checksum || !au || !auth)
    return drop(OspfDropReason::PacketTooShort,
                std::to_string(bytes.size()) + " bytes, fewer than a 24-byte header");
  if (*version != kOspfVersion)
    return drop(OspfDropReason::BadVersion, "version " + std::to_string(*version));
  if (*type < 1 || *type > 5)
    return drop(OspfDropReason::BadPacketType, "packet type " + std::to_string(*type));
  if (*length < kPacketHeaderLength)
    return drop(OspfDropReason::PacketLengthTooShort, "packet length " + std::to_string(*length));
  if (*length > bytes.size())
    return drop(OspfDropReason::PacketLengthExceedsBuffer,
                "packet length " + std::to_string(*length) + " but " + std::to_string(bytes.size()) +
                    " bytes received");
  if (*au > au_type::Cryptographic)
    return drop(OspfDropReason::BadAuType, "AuType " + std::to_string(*au));
  if (*au != au_type::Cryptographic) {
    std::uint16_t expected = compute_packet_checksum(bytes.first(*length));
    if (expected != *checksum)
      return drop(OspfDropReason::BadChecksum,
                  "checksum " + std::to_string(*checksum) + ", computed " + std::to_string(expected));
  }
  PacketHeader h{*version, static_cast<PacketType>(*type), *length, *router_id, *area_id,
                 *checksum, *au, {}};
  std::copy(auth->begin(), auth->end(), h.authentication.begin());
  return h;
}

OspfDecoded<Packet> decode_packet(std::span<const std::uint8_t> bytes) {
  auto header = decode_packet_header(bytes);
  if (dropped(header)) return std::get<OspfDrop>(std::move(header));
  const PacketHeader& h = std::get<PacketHeader>(header);
  wire::ByteReader r(bytes.first(h.length));
  r.skip(kPacketHeaderLength);
  switch (h.type) {
    case PacketType::Hello: return with_header(h, decode_hello(r));
    case PacketType::DatabaseDescription: return with_header(h, decode_dd(r));
    case PacketType::LinkStateRequest: return with_header(h, decode_lsr(r));
    case PacketType::LinkStateUpdate: return with_header(h, decode_lsu(r));
    case PacketType::LinkStateAck: return with_header(h, decode_ack(r));
  }
  return drop(OspfDropReason::BadPacketType, "unreachable");
}

std::vector<std::uint8_t> encode_packet(const Packet& packet) {
  const PacketHeader& h = packet.header;
  wire::ByteWriter w;
  w.u8(h.version);
  w.u8(static_cast<std::uint8_t>(type_of(packet.body)));
  std::size_t length_at = w.reserve_u16();
  w.u32(h.router_id);
  w.u32(h.area_id);
  w.u16(h.au_type == au_type::Cryptographic ? h.checksum : 0);
  w.u16(h.au_type);
  w.bytes(h.authentication);
  std::visit([&w](const auto& body) { encode_body(w, body); }, packet.body);
  w.patch_u16(length_at, static_cast<std::uint16_t>(w.size()));
  if (h.au_type != au_type::Cryptographic)
    w.patch_u16(kChecksumOffset, compute_packet_checksum(w.data()));
  return w.take();
}

}  // namespace l3vpn::ospf
