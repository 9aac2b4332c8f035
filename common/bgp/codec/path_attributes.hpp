// BGP path attributes (RFC 4271 section 5) with the ones an L3VPN speaker and
// route reflector need: COMMUNITIES (RFC 1997), ORIGINATOR_ID and
// CLUSTER_LIST (RFC 4456), EXTENDED_COMMUNITIES (RFC 4360), AS4_PATH and
// AS4_AGGREGATOR (RFC 6793). MP_REACH/MP_UNREACH are in update.hpp.
// Unknown optional transitive attributes are carried with the partial bit.
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace l3vpn::bgp {

namespace attr_flag {
inline constexpr std::uint8_t Optional = 0x80;
inline constexpr std::uint8_t Transitive = 0x40;
inline constexpr std::uint8_t Partial = 0x20;
inline constexpr std::uint8_t ExtendedLength = 0x10;
}  // namespace attr_flag

namespace attr_type {
inline constexpr std::uint8_t Origin = 1;
inline constexpr std::uint8_t AsPath = 2;
inline constexpr std::uint8_t NextHop = 3;
inline constexpr std::uint8_t MultiExitDisc = 4;
inline constexpr std::uint8_t LocalPref = 5;
inline constexpr std::uint8_t AtomicAggregate = 6;
inline constexpr std::uint8_t Aggregator = 7;
inline constexpr std::uint8_t Communities = 8;
inline constexpr std::uint8_t OriginatorId = 9;
inline constexpr std::uint8_t ClusterList = 10;
inline constexpr std::uint8_t MpReachNlri = 14;
inline constexpr std::uint8_t MpUnreachNlri = 15;
inline constexpr std::uint8_t ExtendedCommunities = 16;
inline constexpr std::uint8_t As4Path = 17;
inline constexpr std::uint8_t As4Aggregator = 18;
}  // namespace attr_type

enum class Origin : std::uint8_t { Igp = 0, Egp = 1, Incomplete = 2 };

struct AsPathSegment {
  enum Type : std::uint8_t { Set = 1, Sequence = 2, ConfedSequence = 3, ConfedSet = 4 };
  Type type = Sequence;
  std::vector<std::uint32_t> asns;
  auto operator<=>(const AsPathSegment&) const = default;
};

struct Aggregator {
  std::uint32_t asn = 0;
  std::uint32_t address = 0;
  auto operator<=>(const Aggregator&) const = default;
};

// RFC 4360: 8 bytes; type high octet 0x00/0x01/0x02 (two-octet AS, IPv4,
// four-octet AS), sub-type 0x02 route target, 0x03 route origin.
struct ExtendedCommunity {
  std::array<std::uint8_t, 8> bytes{};
  static ExtendedCommunity route_target(std::uint8_t type, std::uint32_t administrator,
                                        std::uint32_t assigned);
  bool is_route_target() const { return bytes[0] <= 0x02 && bytes[1] == 0x02; }
  bool is_route_origin() const { return bytes[0] <= 0x02 && bytes[1] == 0x03; }
  auto operator<=>(const ExtendedCommunity&) const = default;
};

struct RawAttribute {
  std::uint8_t flags = 0;
  std::uint8_t type = 0;
  std::vector<std::uint8_t> value;
  auto operator<=>(const RawAttribute&) const = default;
};

// Everything but MP_REACH/MP_UNREACH. AS numbers are always 4 octets here; the
// codec converts for a 2-octet peer.
struct PathAttributes {
  std::optional<Origin> origin;
  std::optional<std::vector<AsPathSegment>> as_path;
  std::optional<std::uint32_t> next_hop;
  std::optional<std::uint32_t> med;
  std::optional<std::uint32_t> local_pref;
  bool atomic_aggregate = false;
  std::optional<Aggregator> aggregator;
  std::vector<std::uint32_t> communities;
  std::optional<std::uint32_t> originator_id;
  std::vector<std::uint32_t> cluster_list;
  std::vector<ExtendedCommunity> extended_communities;
  std::vector<RawAttribute> unknown_transitive;  // partial bit set on the way out
  auto operator<=>(const PathAttributes&) const = default;
};

// How IOS prints them in "show ip bgp": the Path column ("65001 {65002,65003}",
// confederation segments in parentheses) and the origin code ('i', 'e', '?').
std::string as_path_text(const PathAttributes& a);
char origin_code(const PathAttributes& a);

}  // namespace l3vpn::bgp
