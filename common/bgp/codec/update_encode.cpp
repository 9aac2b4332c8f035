// UPDATE encoding: attributes in type-code order (RFC 4271 section 5 leaves
// the order free; ascending order is what most speakers send and what tests
// can compare), the extended-length bit only where a value needs it.
#include "bgp/codec/message.hpp"
#include "bgp/codec/update.hpp"
#include "wire/byte_writer.hpp"

namespace l3vpn::bgp {
namespace {

class AttributeWriter {
 public:
  explicit AttributeWriter(wire::ByteWriter& w) : w_(w) {}

  template <class Body>
  void add(std::uint8_t flags, std::uint8_t type, Body body) {
    wire::ByteWriter value;
    body(value);
    bool extended = value.size() > 255;
    w_.u8(static_cast<std::uint8_t>(extended ? flags | attr_flag::ExtendedLength
                                             : flags & ~attr_flag::ExtendedLength));
    w_.u8(type);
    if (extended) w_.u16(static_cast<std::uint16_t>(value.size()));
    else w_.u8(static_cast<std::uint8_t>(value.size()));
    w_.bytes(value.data());
  }

 private:
  wire::ByteWriter& w_;
};

constexpr std::uint8_t kWellKnown = attr_flag::Transitive;
constexpr std::uint8_t kOptional = attr_flag::Optional;
constexpr std::uint8_t kOptionalTransitive = attr_flag::Optional | attr_flag::Transitive;

void write_as_path(wire::ByteWriter& v, const std::vector<AsPathSegment>& path, bool four_octet) {
  for (const AsPathSegment& s : path) {
    v.u8(s.type);
    v.u8(static_cast<std::uint8_t>(s.asns.size()));
    for (std::uint32_t asn : s.asns) {
      if (four_octet) v.u32(asn);
      else v.u16(asn > 0xFFFF ? kAsTrans : static_cast<std::uint16_t>(asn));
    }
  }
}

bool needs_as4(const std::vector<AsPathSegment>& path) {
  for (const auto& s : path)
    for (std::uint32_t asn : s.asns)
      if (asn > 0xFFFF) return true;
  return false;
}

void write_mp_nlri(wire::ByteWriter& v, const std::vector<Prefix4>& ipv4,
                   const std::vector<VpnNlri>& vpn, bool withdrawn) {
  for (const Prefix4& p : ipv4) write_prefix4(v, p);
  for (const VpnNlri& n : vpn) write_vpn_nlri(v, n, withdrawn);
}

}  // namespace

std::vector<std::uint8_t> encode_update(const Update& u, const SessionCodecOptions& options) {
  const PathAttributes& a = u.attributes;
  wire::ByteWriter attrs;
  AttributeWriter add(attrs);
  if (a.origin) add.add(kWellKnown, attr_type::Origin, [&](auto& v) { v.u8(static_cast<std::uint8_t>(*a.origin)); });
  if (a.as_path) add.add(kWellKnown, attr_type::AsPath, [&](auto& v) { write_as_path(v, *a.as_path, options.four_octet_as); });
  if (a.next_hop) add.add(kWellKnown, attr_type::NextHop, [&](auto& v) { v.u32(*a.next_hop); });
  if (a.med) add.add(kOptional, attr_type::MultiExitDisc, [&](auto& v) { v.u32(*a.med); });
  if (a.local_pref) add.add(kWellKnown, attr_type::LocalPref, [&](auto& v) { v.u32(*a.local_pref); });
  if (a.atomic_aggregate) add.add(kWellKnown, attr_type::AtomicAggregate, [](auto&) {});
  if (a.aggregator)
    add.add(kOptionalTransitive, attr_type::Aggregator, [&](auto& v) {
      if (options.four_octet_as) v.u32(a.aggregator->asn);
      else v.u16(a.aggregator->asn > 0xFFFF ? kAsTrans : static_cast<std::uint16_t>(a.aggregator->asn));
      v.u32(a.aggregator->address);
    });
  if (!a.communities.empty())
    add.add(kOptionalTransitive, attr_type::Communities, [&](auto& v) { for (auto c : a.communities) v.u32(c); });
  if (a.originator_id) add.add(kOptional, attr_type::OriginatorId, [&](auto& v) { v.u32(*a.originator_id); });
  if (!a.cluster_list.empty())
    add.add(kOptional, attr_type::ClusterList, [&](auto& v) { for (auto c : a.cluster_list) v.u32(c); });
  if (u.mp_reach)
    add.add(kOptional, attr_type::MpReachNlri, [&](wire::ByteWriter& v) {
      const MpReach& r = *u.mp_reach;
      v.u16(r.family.afi);
      v.u8(r.family.safi);
      bool vpn = r.family == kVpnv4Unicast;
      v.u8(vpn ? 12 : 4);
      if (vpn) v.zeros(8);  // RD 0 before the IPv4 next hop (RFC 4364 section 4.3.2)
      v.u32(r.next_hop);
      v.u8(0);  // reserved
      write_mp_nlri(v, r.ipv4, r.vpn, false);
    });
  if (u.mp_unreach)
    add.add(kOptional, attr_type::MpUnreachNlri, [&](wire::ByteWriter& v) {
      v.u16(u.mp_unreach->family.afi);
      v.u8(u.mp_unreach->family.safi);
      write_mp_nlri(v, u.mp_unreach->ipv4, u.mp_unreach->vpn, true);
    });
  if (!a.extended_communities.empty())
    add.add(kOptionalTransitive, attr_type::ExtendedCommunities, [&](auto& v) {
      for (const auto& c : a.extended_communities) v.bytes(c.bytes);
    });
  if (!options.four_octet_as && a.as_path && needs_as4(*a.as_path))  // RFC 6793 section 4.2.2
    add.add(kOptionalTransitive, attr_type::As4Path, [&](auto& v) { write_as_path(v, *a.as_path, true); });
  for (const RawAttribute& raw : a.unknown_transitive)  // RFC 4271 section 5: set Partial
    add.add(static_cast<std::uint8_t>(raw.flags | attr_flag::Partial), raw.type, [&](auto& v) { v.bytes(raw.value); });

  wire::ByteWriter body;
  auto withdrawn_at = body.reserve_u16();
  for (const Prefix4& p : u.withdrawn) write_prefix4(body, p);
  body.patch_u16_length(withdrawn_at);
  body.u16(static_cast<std::uint16_t>(attrs.size()));
  body.bytes(attrs.data());
  for (const Prefix4& p : u.nlri) write_prefix4(body, p);
  return frame(MessageType::Update, body.data());
}

}  // namespace l3vpn::bgp
