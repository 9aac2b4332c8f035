// UPDATE decoding with the error handling of RFC 7606: each attribute's
// section of that RFC is cited where it decides the action.
#include <algorithm>
#include <string>

#include "bgp/codec/update.hpp"

namespace l3vpn::bgp {
namespace {

std::optional<std::uint32_t> read_asn(wire::ByteReader& v, bool four_octet) {
  if (four_octet) return v.u32();
  auto asn = v.u16();
  if (!asn) return std::nullopt;
  return std::uint32_t{*asn};
}

// How many prefixes a run of <length, prefix> NLRI holds, from the length
// octets alone; stops at the first that runs past the end (the decoder then
// finds the error itself).
std::size_t count_nlri(wire::ByteReader v) {
  auto rest = v.rest();
  std::size_t n = 0;
  for (std::size_t at = 0; at < rest.size(); ++n) at += 1 + (rest[at] + 7u) / 8u;
  return n;
}

struct Decoder {
  const SessionCodecOptions& options;
  UpdateDecodeResult& result;
  std::optional<std::vector<AsPathSegment>> as4_path;
  std::optional<Aggregator> as4_aggregator;
  std::vector<std::uint8_t> seen;
  std::span<const std::uint8_t> attribute;  // the one being read: flags, type, length, value

  void escalate(ErrorAction action, std::string reason) {
    result.reasons.push_back(std::move(reason));
    if (action > result.action) result.action = action;
  }
  void reset(std::uint8_t subcode, std::string reason, std::vector<std::uint8_t> data = {}) {
    if (result.action != ErrorAction::SessionReset)
      result.error = DecodeError{ErrorCode::UpdateMessage, subcode, std::move(data), reason};
    escalate(ErrorAction::SessionReset, std::move(reason));
  }
  // RFC 4271 section 6.3: an error in one attribute sends that attribute
  // (type, length and value; with its flags, as implementations send it).
  void reset_attribute(std::uint8_t subcode, std::string reason) {
    reset(subcode, std::move(reason), {attribute.begin(), attribute.end()});
  }
  void withdraw(std::string reason) { escalate(ErrorAction::TreatAsWithdraw, std::move(reason)); }
  void discard(std::string reason) { escalate(ErrorAction::AttributeDiscard, std::move(reason)); }

  std::optional<std::uint32_t> exact_u32(wire::ByteReader& v) {
    auto x = v.u32();
    if (!x || !v.empty()) return std::nullopt;
    return x;
  }

  std::optional<std::vector<AsPathSegment>> read_as_path(wire::ByteReader v, bool four_octet) {
    std::vector<AsPathSegment> path;
    while (!v.empty()) {
      auto type = v.u8();
      auto count = v.u8();
      if (!type || !count || *type < 1 || *type > 4 || *count == 0) return std::nullopt;
      AsPathSegment seg{static_cast<AsPathSegment::Type>(*type), {}};
      for (unsigned i = 0; i < *count; ++i) {
        auto asn = read_asn(v, four_octet);
        if (!asn) return std::nullopt;
        seg.asns.push_back(*asn);
      }
      path.push_back(std::move(seg));
    }
    return path;
  }

  std::optional<Aggregator> read_aggregator(wire::ByteReader v, bool four_octet) {
    auto asn = read_asn(v, four_octet);
    auto address = v.u32();
    if (!asn || !address || !v.empty()) return std::nullopt;
    return Aggregator{*asn, *address};
  }

  template <class Item, class Read>
  std::optional<std::vector<Item>> read_all(wire::ByteReader v, Read read) {
    std::vector<Item> items;
    while (!v.empty()) {
      auto item = read(v);
      if (!item) return std::nullopt;
      items.push_back(*item);
    }
    return items;
  }

  void read_mp(std::uint8_t type, wire::ByteReader v, Update& u) {
    auto afi = v.u16();
    auto safi = v.u8();
    if (!afi || !safi) return reset_attribute(update_subcode::OptionalAttributeError, "MP attribute too short");
    AfiSafi family{*afi, *safi};
    if (family != kIpv4Unicast && family != kVpnv4Unicast) {
      // RFC 4760 section 7: a family we did not negotiate; ignore it.
      result.reasons.push_back("MP attribute for AFI " + std::to_string(*afi) + " SAFI " +
                               std::to_string(*safi) + " ignored");
      return;
    }
    bool vpn = family == kVpnv4Unicast;
    bool reach = type == attr_type::MpReachNlri;
    MpReach r{family, 0, {}, {}};
    if (reach) {
      auto nh_length = v.u8();
      auto nh = nh_length ? v.sub(*nh_length) : std::nullopt;
      if (!nh || v.failed()) return reset_attribute(update_subcode::OptionalAttributeError, "MP_REACH next hop past the attribute");
      if (vpn) {
        auto rd_high = nh->u32();
        auto rd_low = nh->u32();
        auto address = exact_u32(*nh);
        if (!rd_high || !rd_low || !address)  // RFC 7606 section 7.11: inconsistent next hop length
          return reset_attribute(update_subcode::OptionalAttributeError, "VPNv4 next hop is not RD + IPv4 (12 bytes)");
        r.next_hop = *address;
      } else {
        auto address = exact_u32(*nh);
        if (!address) return reset_attribute(update_subcode::OptionalAttributeError, "IPv4 next hop is not 4 bytes");
        r.next_hop = *address;
      }
      if (!v.skip(1)) return reset_attribute(update_subcode::OptionalAttributeError, "MP_REACH without its reserved octet");
    }
    std::vector<Prefix4> ipv4;
    std::vector<VpnNlri> vpns;
    // Size the vector once: each NLRI is its length octet and that many bits,
    // so a walk over the length octets counts them (a packed 4096-byte UPDATE
    // holds some 250 VPNv4 NLRI; growing would copy them 8 times).
    if (vpn) vpns.reserve(count_nlri(v));
    else ipv4.reserve(count_nlri(v));
    while (!v.empty()) {
      bool ok = true;
      if (vpn) {
        auto n = read_vpn_nlri(v, !reach);
        if ((ok = n.has_value())) vpns.push_back(std::move(*n));
      } else {
        auto p = read_prefix4(v);
        if ((ok = p.has_value())) ipv4.push_back(*p);
      }
      // RFC 7606 section 5.3: NLRI that cannot be parsed leave no route to withdraw.
      if (!ok) return reset_attribute(update_subcode::OptionalAttributeError, "malformed NLRI in MP attribute");
    }
    if (reach) {
      r.ipv4 = std::move(ipv4);
      r.vpn = std::move(vpns);
      u.mp_reach = std::move(r);
    } else {
      u.mp_unreach = MpUnreach{family, std::move(ipv4), std::move(vpns)};
    }
  }

  void read_attribute(std::uint8_t flags, std::uint8_t type, wire::ByteReader v, Update& u) {
    PathAttributes& a = u.attributes;
    const std::string name = "attribute " + std::to_string(type);
    bool duplicate = std::find(seen.begin(), seen.end(), type) != seen.end();
    seen.push_back(type);
    if (duplicate) {
      // RFC 7606 section 3.g: keep the first; a second MP attribute is fatal.
      if (type == attr_type::MpReachNlri || type == attr_type::MpUnreachNlri)
        return reset(update_subcode::MalformedAttributeList, "MP attribute appears twice");
      return discard(name + " appears twice; the first is kept");
    }
    bool well_known = type == 1 || type == 2 || type == 3 || type == 5 || type == 6;
    bool known = (type >= 1 && type <= 10) || (type >= 14 && type <= 18);
    if (known) {
      bool optional = flags & attr_flag::Optional;
      bool transitive = flags & attr_flag::Transitive;
      bool expect_optional = !well_known;
      bool expect_transitive = well_known || type == 7 || type == 8 || type >= 16;
      if (type == 14 || type == 15) expect_transitive = false;
      // RFC 4271 section 4.3: the Partial bit is 0 on well-known and on optional
      // non-transitive attributes; set, it conflicts with the type like a wrong
      // Optional or Transitive bit (RFC 4271 section 6.3, RFC 7606 section 3.c).
      // Not enforced on MP_REACH/MP_UNREACH, whose only answer is a reset: the
      // bit changes nothing in how they are read.
      bool bad_partial = (flags & attr_flag::Partial) && (well_known || !expect_transitive) &&
                         type != attr_type::MpReachNlri && type != attr_type::MpUnreachNlri;
      if (optional != expect_optional || transitive != expect_transitive || bad_partial) {
        // RFC 7606 section 3.c: conflicting flags make the attribute malformed.
        if (type == 14 || type == 15)
          return reset_attribute(update_subcode::AttributeFlagsError, name + " has wrong flags");
        return withdraw(name + " has wrong flags");
      }
    }
    switch (type) {
      case attr_type::Origin: {  // RFC 7606 section 7.1
        auto o = v.u8();
        if (!o || !v.empty() || *o > 2) return withdraw("malformed ORIGIN");
        a.origin = static_cast<Origin>(*o);
        return;
      }
      case attr_type::AsPath: {  // section 7.2
        auto path = read_as_path(v, options.four_octet_as);
        if (!path) return withdraw("malformed AS_PATH");
        a.as_path = std::move(*path);
        return;
      }
      case attr_type::NextHop: {  // section 7.3
        auto nh = exact_u32(v);
        if (!nh) return withdraw("NEXT_HOP is not 4 bytes");
        a.next_hop = *nh;
        return;
      }
      case attr_type::MultiExitDisc:  // section 7.4
        if (!(a.med = exact_u32(v))) return withdraw("MULTI_EXIT_DISC is not 4 bytes");
        return;
      case attr_type::LocalPref:  // section 7.5
        if (!(a.local_pref = exact_u32(v))) return withdraw("LOCAL_PREF is not 4 bytes");
        return;
      case attr_type::AtomicAggregate:  // section 7.6
        if (!v.empty()) return discard("ATOMIC_AGGREGATE with a value");
        a.atomic_aggregate = true;
        return;
      case attr_type::Aggregator:  // section 7.7
      {
        auto aggregator = read_aggregator(v, options.four_octet_as);
        if (!aggregator) return discard("malformed AGGREGATOR");
        a.aggregator = Aggregator{aggregator->asn, aggregator->address};
        return;
      }
      case attr_type::Communities: {  // section 7.8
        auto all = read_all<std::uint32_t>(v, [](wire::ByteReader& r) { return r.u32(); });
        if (!all || all->empty()) return withdraw("COMMUNITIES length is not a multiple of 4");
        a.communities = std::move(*all);
        return;
      }
      case attr_type::OriginatorId:  // section 7.9
        if (!(a.originator_id = exact_u32(v))) return withdraw("ORIGINATOR_ID is not 4 bytes");
        return;
      case attr_type::ClusterList: {  // section 7.10
        auto all = read_all<std::uint32_t>(v, [](wire::ByteReader& r) { return r.u32(); });
        if (!all || all->empty()) return withdraw("CLUSTER_LIST length is not a multiple of 4");
        a.cluster_list = std::move(*all);
        return;
      }
      case attr_type::MpReachNlri:
      case attr_type::MpUnreachNlri:
        return read_mp(type, v, u);
      case attr_type::ExtendedCommunities: {  // section 7.14
        auto all = read_all<ExtendedCommunity>(v, [](wire::ByteReader& r) -> std::optional<ExtendedCommunity> {
          auto b = r.bytes(8);
          if (!b) return std::nullopt;
          ExtendedCommunity c;
          std::copy(b->begin(), b->end(), c.bytes.begin());
          return c;
        });
        if (!all || all->empty()) return withdraw("EXTENDED_COMMUNITIES length is not a multiple of 8");
        a.extended_communities = std::move(*all);
        return;
      }
      case attr_type::As4Path:  // RFC 6793 section 6: a malformed AS4_PATH is discarded
        if (options.four_octet_as) return discard("AS4_PATH from a 4-octet speaker");
        if (!(as4_path = read_as_path(v, true))) return discard("malformed AS4_PATH");
        return;
      case attr_type::As4Aggregator:
        if (options.four_octet_as) return discard("AS4_AGGREGATOR from a 4-octet speaker");
        if (!(as4_aggregator = read_aggregator(v, true))) return discard("malformed AS4_AGGREGATOR");
        return;
      default: {
        if (!(flags & attr_flag::Optional))  // RFC 4271 section 6.3
          return reset_attribute(update_subcode::UnrecognizedWellKnownAttribute,
                                 "unrecognized well-known " + name);
        if (flags & attr_flag::Transitive) {
          auto value = v.rest();
          a.unknown_transitive.push_back(
              RawAttribute{static_cast<std::uint8_t>(flags & ~attr_flag::ExtendedLength), type,
                           {value.begin(), value.end()}});
        }
        return;  // unknown optional non-transitive: quietly ignored
      }
    }
  }

  // RFC 6793 section 4.2.3: rebuild the 4-octet path from a 2-octet speaker.
  void merge_as4(PathAttributes& a) {
    if (a.aggregator && as4_aggregator) {
      if (a.aggregator->asn == kAsTrans) a.aggregator = as4_aggregator;
      else as4_path.reset();  // the aggregator was not a NEW speaker: ignore AS4_PATH
    }
    if (!as4_path || !a.as_path) return;
    auto count = [](const std::vector<AsPathSegment>& p) {
      std::size_t n = 0;
      for (const auto& s : p) n += (s.type == AsPathSegment::Set || s.type == AsPathSegment::ConfedSet) ? 1 : s.asns.size();
      return n;
    };
    std::size_t have = count(*a.as_path), have4 = count(*as4_path);
    if (have4 > have) return;  // section 4.2.3: then AS4_PATH is ignored
    std::size_t keep = have - have4;
    std::vector<AsPathSegment> merged;
    for (const auto& s : *a.as_path) {
      if (keep == 0) break;
      if (s.type == AsPathSegment::Set || s.type == AsPathSegment::ConfedSet || s.asns.size() <= keep) {
        merged.push_back(s);
        keep -= (s.type == AsPathSegment::Sequence || s.type == AsPathSegment::ConfedSequence) ? s.asns.size() : 1;
      } else {
        merged.push_back(AsPathSegment{s.type, {s.asns.begin(), s.asns.begin() + static_cast<long>(keep)}});
        keep = 0;
      }
    }
    merged.insert(merged.end(), as4_path->begin(), as4_path->end());
    a.as_path = std::move(merged);
  }
};

}  // namespace

UpdateDecodeResult decode_update(std::span<const std::uint8_t> body, const SessionCodecOptions& options) {
  UpdateDecodeResult result;
  Decoder d{options, result, std::nullopt, std::nullopt, {}, {}};
  Update& u = result.update;
  wire::ByteReader r(body);
  auto withdrawn_length = r.u16();
  auto withdrawn = withdrawn_length ? r.sub(*withdrawn_length) : std::nullopt;
  auto attributes_length = withdrawn ? r.u16() : std::nullopt;
  auto attributes_view = attributes_length ? r.bytes(*attributes_length) : std::nullopt;
  auto attributes = attributes_view ? std::optional<wire::ByteReader>(*attributes_view) : std::nullopt;
  const std::span<const std::uint8_t> attributes_span = attributes_view.value_or(std::span<const std::uint8_t>{});
  if (!attributes) {  // RFC 4271 section 6.3, RFC 7606 section 4
    d.reset(update_subcode::MalformedAttributeList, "withdrawn or attribute length runs past the UPDATE");
    return result;
  }
  while (!withdrawn->empty()) {
    auto p = read_prefix4(*withdrawn);
    if (!p) {
      d.reset(update_subcode::InvalidNetworkField, "malformed withdrawn route");
      return result;
    }
    u.withdrawn.push_back(*p);
  }
  while (!attributes->empty()) {
    const std::size_t start = attributes->offset();
    auto flags = attributes->u8();
    auto type = attributes->u8();
    auto length = flags && (*flags & attr_flag::ExtendedLength) ? attributes->u16()
                  : flags ? std::optional<std::uint16_t>(attributes->u8()) : std::nullopt;
    auto value = type && length ? attributes->sub(*length) : std::nullopt;
    if (!value) {
      // RFC 7606 section 4: an attribute longer than what is left of the list,
      // or fewer bytes left than an attribute header, is treat-as-withdraw; the
      // Total Path Attribute Length still locates the NLRI, so go on to it.
      d.withdraw("attribute runs past the attribute list");
      break;
    }
    d.attribute = attributes_span.subspan(start, attributes->offset() - start);
    d.read_attribute(*flags, *type, *value, u);
    if (result.action == ErrorAction::SessionReset) return result;
  }
  while (!r.empty()) {
    auto p = read_prefix4(r);
    if (!p) {
      d.reset(update_subcode::InvalidNetworkField, "malformed NLRI");
      return result;
    }
    u.nlri.push_back(*p);
  }
  if (!options.four_octet_as) d.merge_as4(u.attributes);
  // RFC 7606 section 3.d: a missing mandatory attribute withdraws, when there is anything to reach.
  bool reaches = !u.nlri.empty() || (u.mp_reach && (!u.mp_reach->ipv4.empty() || !u.mp_reach->vpn.empty()));
  if (reaches) {
    if (!u.attributes.origin) d.withdraw("missing ORIGIN");
    if (!u.attributes.as_path) d.withdraw("missing AS_PATH");
    if (!u.nlri.empty() && !u.attributes.next_hop) d.withdraw("missing NEXT_HOP");
  }
  return result;
}

bool Update::is_end_of_rib() const {
  if (!nlri.empty() || !withdrawn.empty() || mp_reach) return false;
  if (!mp_unreach) return attributes == PathAttributes{};
  return mp_unreach->ipv4.empty() && mp_unreach->vpn.empty();
}

}  // namespace l3vpn::bgp
