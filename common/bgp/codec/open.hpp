// OPEN message (RFC 4271 section 4.2) with capabilities advertisement
// (RFC 5492): multiprotocol (RFC 4760), route refresh (RFC 2918), 4-octet AS
// (RFC 6793) and extended message (RFC 8654). Unknown capabilities are kept,
// so the session layer can log them; they are never an error (RFC 5492 section 3).
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "bgp/codec/decode_error.hpp"

namespace l3vpn::bgp {

struct AfiSafi {
  std::uint16_t afi = 1;  // 1 IPv4
  std::uint8_t safi = 1;  // 1 unicast, 128 MPLS-labeled VPN (RFC 4364)
  auto operator<=>(const AfiSafi&) const = default;
};
inline constexpr AfiSafi kIpv4Unicast{1, 1};
inline constexpr AfiSafi kVpnv4Unicast{1, 128};

inline constexpr std::uint16_t kAsTrans = 23456;  // RFC 6793 section 9

namespace capability_code {
inline constexpr std::uint8_t Multiprotocol = 1;
inline constexpr std::uint8_t RouteRefresh = 2;
inline constexpr std::uint8_t ExtendedMessage = 6;
inline constexpr std::uint8_t FourOctetAs = 65;
}  // namespace capability_code

struct UnknownCapability {
  std::uint8_t code = 0;
  std::vector<std::uint8_t> value;
  bool operator==(const UnknownCapability&) const = default;
};

struct Capabilities {
  std::vector<AfiSafi> multiprotocol;
  bool route_refresh = false;
  bool extended_message = false;
  std::optional<std::uint32_t> four_octet_as;
  std::vector<UnknownCapability> unknown;
  bool operator==(const Capabilities&) const = default;
};

struct Open {
  std::uint8_t version = 4;
  std::uint16_t my_as = 0;  // AS_TRANS when the real AS needs 4 octets
  std::uint16_t hold_time = 180;
  std::uint32_t bgp_identifier = 0;
  Capabilities capabilities;

  // The speaker's AS: the 4-octet capability when present (RFC 6793 section 4.1).
  std::uint32_t asn() const { return capabilities.four_octet_as.value_or(my_as); }
  bool operator==(const Open&) const = default;
};

// Builds an OPEN for `asn` with the capabilities it needs (AS_TRANS and the
// 4-octet capability always, as RFC 6793 asks of a NEW BGP speaker).
Open make_open(std::uint32_t asn, std::uint16_t hold_time, std::uint32_t bgp_identifier,
               std::vector<AfiSafi> families);

// `body` is the message after the 19-byte header.
Decoded<Open> decode_open(std::span<const std::uint8_t> body);
// The whole message, header included.
std::vector<std::uint8_t> encode_open(const Open& open);

}  // namespace l3vpn::bgp
