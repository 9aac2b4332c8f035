#include "ospf/codec/lsa.hpp"

#include <string>

namespace l3vpn::ospf {
namespace {

OspfDrop drop(OspfDropReason reason, std::string detail) {
  return OspfDrop{reason, std::move(detail)};
}

std::string lsa_name(const LsaHeader& h) {
  return "LSA type " + std::to_string(h.type) + " id " + std::to_string(h.link_state_id);
}

// Router-LSA body (A.4.2): flags, 0, #links, then links of 12 bytes plus 4
// per TOS entry.
OspfDecoded<RouterLsa> decode_router(wire::ByteReader& r, const LsaHeader& h) {
  RouterLsa lsa;
  auto flags = r.u8();
  auto reserved = r.u8();
  auto count = r.u16();
  if (!flags || !reserved || !count)
    return drop(OspfDropReason::LsaBodyTruncated, lsa_name(h) + ": router-LSA shorter than 4 bytes");
  lsa.flags = *flags;
  lsa.reserved = *reserved;
  for (std::uint16_t i = 0; i < *count; ++i) {
    auto id = r.u32();
    auto data = r.u32();
    auto type = r.u8();
    auto tos_count = r.u8();
    auto metric = r.u16();
    if (!id || !data || !type || !tos_count || !metric)
      return drop(OspfDropReason::LsaBodyTruncated,
                  lsa_name(h) + ": router-LSA link " + std::to_string(i) + " cut short");
    if (*type < 1 || *type > 4)
      return drop(OspfDropReason::BadRouterLinkType,
                  lsa_name(h) + ": router link type " + std::to_string(*type));
    RouterLink link{*id, *data, static_cast<RouterLinkType>(*type), *metric, {}};
    for (std::uint8_t t = 0; t < *tos_count; ++t) {
      auto tos = r.u8();
      auto zero = r.u8();
      auto tos_metric = r.u16();
      if (!tos || !zero || !tos_metric)
        return drop(OspfDropReason::LsaBodyTruncated, lsa_name(h) + ": router link TOS cut short");
      link.tos.push_back(TosMetric{*tos, *tos_metric, *zero});
    }
    lsa.links.push_back(std::move(link));
  }
  if (!r.empty())
    return drop(OspfDropReason::LsaTrailingBytes,
                lsa_name(h) + ": " + std::to_string(r.remaining()) + " bytes after the links");
  return lsa;
}

OspfDecoded<NetworkLsa> decode_network(wire::ByteReader& r, const LsaHeader& h) {
  NetworkLsa lsa;
  auto mask = r.u32();
  if (!mask) return drop(OspfDropReason::LsaBodyTruncated, lsa_name(h) + ": network-LSA without a mask");
  lsa.network_mask = *mask;
  if (r.remaining() % 4 != 0)
    return drop(OspfDropReason::LsaTrailingBytes, lsa_name(h) + ": attached routers not 4-byte aligned");
  while (!r.empty()) lsa.attached_routers.push_back(*r.u32());
  return lsa;
}

OspfDecoded<SummaryLsa> decode_summary(wire::ByteReader& r, const LsaHeader& h) {
  SummaryLsa lsa;
  auto mask = r.u32();
  auto zero = r.u8();
  auto metric = r.u24();
  if (!mask || !zero || !metric)
    return drop(OspfDropReason::LsaBodyTruncated, lsa_name(h) + ": summary-LSA shorter than 8 bytes");
  lsa.network_mask = *mask;
  lsa.reserved = *zero;
  lsa.metric = *metric;
  if (r.remaining() % 4 != 0)
    return drop(OspfDropReason::LsaTrailingBytes, lsa_name(h) + ": summary TOS entries not 4 bytes");
  while (!r.empty()) {
    auto tos = r.u8();
    auto tos_metric = r.u24();
    lsa.tos.push_back(TosMetric{*tos, *tos_metric, 0});
  }
  return lsa;
}

std::optional<ExternalMetric> read_external_metric(wire::ByteReader& r) {
  auto bits = r.u8();
  auto metric = r.u24();
  auto forwarding = r.u32();
  auto tag = r.u32();
  if (!bits || !metric || !forwarding || !tag) return std::nullopt;
  return ExternalMetric{(*bits & 0x80) != 0, static_cast<std::uint8_t>(*bits & 0x7F), *metric,
                        *forwarding, *tag};
}

void write_external_metric(wire::ByteWriter& w, const ExternalMetric& m) {
  w.u8(static_cast<std::uint8_t>((m.e_bit ? 0x80 : 0x00) | (m.tos & 0x7F)));
  w.u24(m.metric & 0xFFFFFF);
  w.u32(m.forwarding_address);
  w.u32(m.external_route_tag);
}

OspfDecoded<AsExternalLsa> decode_external(wire::ByteReader& r, const LsaHeader& h) {
  AsExternalLsa lsa;
  auto mask = r.u32();
  auto first = read_external_metric(r);
  if (!mask || !first)
    return drop(OspfDropReason::LsaBodyTruncated, lsa_name(h) + ": AS-external-LSA shorter than 16 bytes");
  lsa.network_mask = *mask;
  lsa.metric = *first;
  if (r.remaining() % 12 != 0)
    return drop(OspfDropReason::LsaTrailingBytes, lsa_name(h) + ": external TOS entries not 12 bytes");
  while (!r.empty()) lsa.tos.push_back(*read_external_metric(r));
  return lsa;
}

template <class T>
OspfDecoded<Lsa> with_header(const LsaHeader& h, OspfDecoded<T> body) {
  if (dropped(body)) return std::get<OspfDrop>(std::move(body));
  return Lsa{h, std::get<T>(std::move(body))};
}

void encode_body(wire::ByteWriter& w, const RouterLsa& lsa) {
  w.u8(lsa.flags);
  w.u8(lsa.reserved);
  w.u16(static_cast<std::uint16_t>(lsa.links.size()));
  for (const RouterLink& link : lsa.links) {
    w.u32(link.link_id);
    w.u32(link.link_data);
    w.u8(static_cast<std::uint8_t>(link.type));
    w.u8(static_cast<std::uint8_t>(link.tos.size()));
    w.u16(link.metric);
    for (const TosMetric& t : link.tos) {
      w.u8(t.tos);
      w.u8(t.reserved);
      w.u16(static_cast<std::uint16_t>(t.metric));
    }
  }
}

void encode_body(wire::ByteWriter& w, const NetworkLsa& lsa) {
  w.u32(lsa.network_mask);
  for (std::uint32_t router : lsa.attached_routers) w.u32(router);
}

void encode_body(wire::ByteWriter& w, const SummaryLsa& lsa) {
  w.u32(lsa.network_mask);
  w.u8(lsa.reserved);
  w.u24(lsa.metric & 0xFFFFFF);
  for (const TosMetric& t : lsa.tos) {
    w.u8(t.tos);
    w.u24(t.metric & 0xFFFFFF);
  }
}

void encode_body(wire::ByteWriter& w, const AsExternalLsa& lsa) {
  w.u32(lsa.network_mask);
  write_external_metric(w, lsa.metric);
  for (const ExternalMetric& m : lsa.tos) write_external_metric(w, m);
}

void encode_body(wire::ByteWriter& w, const RawLsa& lsa) { w.bytes(lsa.body); }

// Fletcher sums over `bytes`, with the two bytes at `zero_at` taken as 0.
std::pair<int, int> fletcher_sums(std::span<const std::uint8_t> bytes, std::size_t zero_at) {
  int c0 = 0;
  int c1 = 0;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    int b = (i == zero_at || i == zero_at + 1) ? 0 : bytes[i];
    c0 = (c0 + b) % 255;
    c1 = (c1 + c0) % 255;
  }
  return {c0, c1};
}

}  // namespace

OspfDecoded<LsaHeader> decode_lsa_header(wire::ByteReader& r) {
  auto age = r.u16();
  auto options = r.u8();
  auto type = r.u8();
  auto id = r.u32();
  auto adv = r.u32();
  auto seq = r.u32();
  auto checksum = r.u16();
  auto length = r.u16();
  if (!age || !options || !type || !id || !adv || !seq || !checksum || !length)
    return drop(OspfDropReason::LsaHeaderTruncated, "fewer than 20 bytes for an LSA header");
  return LsaHeader{*age, *options, *type, *id, *adv, *seq, *checksum, *length};
}

void encode_lsa_header(wire::ByteWriter& w, const LsaHeader& h) {
  w.u16(h.age);
  w.u8(h.options);
  w.u8(h.type);
  w.u32(h.link_state_id);
  w.u32(h.advertising_router);
  w.u32(h.sequence);
  w.u16(h.checksum);
  w.u16(h.length);
}

OspfDecoded<Lsa> decode_lsa(wire::ByteReader& r) {
  std::span<const std::uint8_t> whole;
  {
    wire::ByteReader peek = r;  // the header again, to bound the whole LSA
    auto header = decode_lsa_header(peek);
    if (dropped(header)) return std::get<OspfDrop>(std::move(header));
    const LsaHeader& h = std::get<LsaHeader>(header);
    if (h.length < kLsaHeaderLength)
      return drop(OspfDropReason::LsaLengthTooShort, lsa_name(h) + ": length " + std::to_string(h.length));
    auto bytes = r.bytes(h.length);
    if (!bytes)
      return drop(OspfDropReason::LsaLengthExceedsBuffer,
                  lsa_name(h) + ": length " + std::to_string(h.length) + " beyond the packet");
    whole = *bytes;
  }
  wire::ByteReader lsa_reader(whole);
  LsaHeader h = std::get<LsaHeader>(decode_lsa_header(lsa_reader));
  if (h.type == 0) return drop(OspfDropReason::BadLsaType, lsa_name(h) + ": LS type 0");
  if (!verify_lsa_checksum(whole))
    return drop(OspfDropReason::BadLsaChecksum, lsa_name(h) + ": Fletcher checksum does not verify");
  switch (h.type) {
    case ls_type::Router: return with_header(h, decode_router(lsa_reader, h));
    case ls_type::Network: return with_header(h, decode_network(lsa_reader, h));
    case ls_type::SummaryNetwork:
    case ls_type::SummaryAsbr: return with_header(h, decode_summary(lsa_reader, h));
    case ls_type::AsExternal: return with_header(h, decode_external(lsa_reader, h));
    default: {
      auto rest = lsa_reader.rest();
      return Lsa{h, RawLsa{{rest.begin(), rest.end()}}};
    }
  }
}

OspfDecoded<Lsa> decode_lsa(std::span<const std::uint8_t> bytes) {
  wire::ByteReader r(bytes);
  auto lsa = decode_lsa(r);
  if (!dropped(lsa) && !r.empty())
    return drop(OspfDropReason::LsaTrailingBytes, "bytes after the LSA's length");
  return lsa;
}

void encode_lsa(wire::ByteWriter& w, const Lsa& lsa) {
  wire::ByteWriter one;
  encode_lsa_header(one, lsa.header);
  std::visit([&one](const auto& body) { encode_body(one, body); }, lsa.body);
  std::vector<std::uint8_t> bytes = one.take();
  const auto length = static_cast<std::uint16_t>(bytes.size());
  bytes[18] = static_cast<std::uint8_t>(length >> 8);
  bytes[19] = static_cast<std::uint8_t>(length);
  if (!verify_lsa_checksum(bytes)) {
    std::uint16_t checksum = compute_lsa_checksum(bytes);
    bytes[kLsaChecksumOffset] = static_cast<std::uint8_t>(checksum >> 8);
    bytes[kLsaChecksumOffset + 1] = static_cast<std::uint8_t>(checksum);
  }
  w.bytes(bytes);
}

std::vector<std::uint8_t> encode_lsa(const Lsa& lsa) {
  wire::ByteWriter w;
  encode_lsa(w, lsa);
  return w.take();
}

std::uint16_t compute_lsa_checksum(std::span<const std::uint8_t> lsa) {
  if (lsa.size() < kLsaHeaderLength) return 0;
  // Sums from the options field; the checksum sits 14 bytes into that range.
  auto covered = lsa.subspan(2);
  const std::size_t at = kLsaChecksumOffset - 2;
  auto [c0, c1] = fletcher_sums(covered, at);
  // ISO 8473 annex C.2: X and Y make both sums zero, each in 1..255.
  const auto after = static_cast<int>(covered.size() - at - 1);
  int x = ((after * c0 - c1) % 255 + 255) % 255;
  if (x == 0) x = 255;
  int y = 510 - c0 - x;
  if (y > 255) y -= 255;
  return static_cast<std::uint16_t>((x << 8) | y);
}

bool verify_lsa_checksum(std::span<const std::uint8_t> lsa) {
  if (lsa.size() < kLsaHeaderLength) return false;
  auto [c0, c1] = fletcher_sums(lsa.subspan(2), lsa.size());  // nothing zeroed
  return c0 == 0 && c1 == 0;
}

}  // namespace l3vpn::ospf
